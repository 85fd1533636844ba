"""pydantic's validation errors as located diagnostics: the path in the data, the position in
the file, and a message a person reads (did-you-mean for an unknown field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archdoc.errors import Diagnostic, shown
from archdoc.errors import did_you_mean as _suggest
from archdoc.model.introspect import field_names_at
from archdoc.model.loader import Path, SourceMap
from archdoc.model.strict import Strict

if TYPE_CHECKING:  # (pydantic is imported only where a model has errors)
    from pydantic import ValidationError


def pydantic_diagnostics(
    exc: ValidationError, smap: SourceMap, prefix: Path, model: type[Strict], raw: Any
) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    seen: set[Path] = set()
    for err in exc.errors():
        if prefix == () and err["loc"][:1] == ("resources",) and len(err["loc"]) > 2 \
                and err["loc"][2] != "[key]":
            continue  # resource bodies are validated one by one, with their own kind
        loc = _data_path(err["loc"], raw)
        path = prefix + loc
        if path in seen:
            continue  # a union reports once per branch; the first says enough
        seen.add(path)
        diags.append(_diagnostic(err, path, loc, smap, model))
    return diags


_BRANCH_NAMES = {"str", "int", "float", "bool", "date", "datetime", "list", "dict", "none"}


def _data_path(loc: tuple, data: Any) -> Path:
    """Drop the union-branch names pydantic inserts into ``loc``; keep data keys and indexes."""
    kept: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part.startswith("function-")
                                        or part in _BRANCH_NAMES):
            continue  # e.g. "function-after[_check_port(), int]" or "literal['traffic-port']"
        else:
            current = None  # a missing or unknown field: kept, nothing below it
        kept.append(part)
    return tuple(kept)


def _diagnostic(err: Any, path: Path, loc: Path, smap: SourceMap, model: type[Strict]
                ) -> Diagnostic:
    kind = err["type"]
    where = format_path(path)
    if kind == "extra_forbidden":
        names = field_names_at(model, loc[:-1])
        hint = _suggest(str(loc[-1]), names)
        return smap.diagnostic(path, f"unknown field '{shown(loc[-1])}' in "
                                     f"{format_path(path[:-1])}"
                                     f"{hint}", at_key=True)
    if kind == "missing":
        return smap.diagnostic(path[:-1], f"missing required field '{loc[-1]}' in "
                                          f"{format_path(path[:-1])}", at_key=True)
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return smap.diagnostic(path, f"{where}: {msg[len(prefix):]}")
    got = err.get("input")
    return smap.diagnostic(path, f"{where}: {_lower_first(msg)}, got {_show(got)}")


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the model"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {type_name(value)}"
    return f"'{shown(value)}'" if isinstance(value, str) else shown(repr(value))


def type_name(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "string", int: "integer", float: "number",
            bool: "boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
