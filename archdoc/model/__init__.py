"""The architecture model: loading and validation.

The model depends on no registry: what it may name (kinds, rule ids) comes in as a
:class:`Vocabulary`. ``archdoc.project`` loads a model with the vocabulary archdoc knows.
"""

from __future__ import annotations

import gc
from pathlib import Path

from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.model.document import Architecture, Flow, Section
from archdoc.model.loader import MAX_BYTES, decode, load_yaml
from archdoc.model.validate import build_model
from archdoc.model.vocabulary import Vocabulary

__all__ = ["Architecture", "Flow", "Section", "Vocabulary", "load_model", "parse_model"]


def parse_model(text_or_bytes: str | bytes, file: str, vocabulary: Vocabulary) -> Architecture:
    """Validate a model given as YAML text; raise ModelError listing every problem."""
    raw = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    # Loading makes millions of small objects that all live on: the garbage collector would
    # scan them again and again for nothing (a second of a 10,000-resource load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        data, smap = load_yaml(decode(raw, file), file)
        return build_model(data, smap, vocabulary)
    finally:
        if collecting:
            gc.enable()


def load_model(path: str | Path, vocabulary: Vocabulary) -> Architecture:
    """Read and validate ``path``."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        with path.open("rb") as handle:  # no more than the limit, even from /dev/zero
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot read the model: {reason}"
        raise ModelError([Diagnostic(Location(str(path), 1, 1), message)]) from None
    return parse_model(raw, str(path), vocabulary)
