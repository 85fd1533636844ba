"""The architecture model: loading, validation and schema."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.model.document import Architecture, Flow, Section, schema_model
from archdoc.model.loader import MAX_BYTES, decode, load_yaml
from archdoc.model.validate import build_model

__all__ = ["Architecture", "Flow", "Section", "load_model", "parse_model", "json_schema"]


def parse_model(text_or_bytes: str | bytes, file: str = "<string>") -> Architecture:
    """Validate a model given as YAML text; raise ModelError listing every problem."""
    raw = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    # Loading makes millions of small objects that all live on: the garbage collector would
    # scan them again and again for nothing (a second of a 10,000-resource load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        data, smap = load_yaml(decode(raw, file), file)
        return build_model(data, smap)
    finally:
        if collecting:
            gc.enable()


def load_model(path: str | Path) -> Architecture:
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
    return parse_model(raw, str(path))


def json_schema() -> str:
    """The JSON Schema of ``arch.yaml``, as pretty-printed text."""
    schema = schema_model().model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "archdoc architecture model"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


