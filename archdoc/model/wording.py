"""One term per concept in a Korean model's own text: a warning, where it is written, for each
variant of a term archdoc writes otherwise ("아키텍쳐" for "아키텍처", "타겟 그룹" for "대상
그룹"), so the report, diagram and site read as one document. The terms are data
(``glossary`` in ``data/ko.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archdoc.errors import Diagnostic
from archdoc.model.loader import SourceMap
from archdoc.text import glossary


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _strings(item, (*path, k))


def check_wording(data: dict[str, Any], smap: SourceMap) -> list[Diagnostic]:
    """A warning for each variant of a glossary term in the text of a Korean model."""
    if data.get("language") != "ko":
        return []
    variants = {variant: term for term, found in glossary("ko").items() for variant in found}
    if not variants:
        return []
    diags = []
    for path, value in _strings(data, ()):
        if "aws" in path or path[-1:] == ("kind",):  # names in the account, not words
            continue
        for variant, term in variants.items():
            if variant in value:
                diags.append(smap.diagnostic(
                    path, f"'{variant}' is written '{term}' everywhere else (archdoc's words, "
                          "the diagram and the report): one term per concept",
                    severity="warning"))
    return diags
