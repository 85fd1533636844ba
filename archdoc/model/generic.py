"""A generic resource's ``properties`` checked against its CloudFormation type's schema: an
unknown name or a value of the wrong JSON type is an error, located; a missing required
property (when some are given) is a warning (a sketch may leave them out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archdoc.errors import Diagnostic, did_you_mean, shown
from archdoc.model.loader import SourceMap
from archdoc.model.resources.generic import GenericResource

_JSON_NAMES = {"string": "a string", "integer": "an integer", "number": "a number",
               "boolean": "a boolean", "array": "a list", "object": "a mapping"}


def _intrinsic(value: Any) -> bool:
    """``{Ref: ...}`` or ``{Fn::GetAtt: ...}``: CloudFormation fills it in, any type goes."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = str(next(iter(value)))
    return key in ("Ref", "Condition") or key.startswith("Fn::")


def fits(value: Any, json_type: str) -> bool:
    if not json_type or _intrinsic(value):
        return True
    if json_type == "string":
        return isinstance(value, (str, int, float)) and not isinstance(value, bool)
    if json_type == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or \
            (isinstance(value, str) and value.lstrip("-").isdigit())
    if json_type == "number":
        return (isinstance(value, (int, float)) and not isinstance(value, bool)) or \
            (isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit())
    if json_type == "boolean":
        return isinstance(value, bool) or value in ("true", "false", "True", "False")
    if json_type == "array":
        return isinstance(value, list)
    if json_type == "object":
        return isinstance(value, dict)
    return True


def check_properties(rid: str, res: GenericResource, schema: Mapping[str, str],
                     required: list[str], smap: SourceMap) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    at = ("resources", rid, "properties")
    for name, value in res.properties.items():
        if name not in schema:
            hint = did_you_mean(name, list(schema)) or (
                f"; {res.kind} has {', '.join(list(schema)[:12])}"
                + (", ..." if len(schema) > 12 else "") if schema else
                f"; {res.kind} has no properties")
            diags.append(smap.diagnostic(at + (name,), f"unknown property '{shown(name)}' of "
                                                       f"{res.kind}{hint}", at_key=True))
        elif not fits(value, schema[name]):
            diags.append(smap.diagnostic(at + (name,), f"{res.kind}'s {name} is "
                                                       f"{_JSON_NAMES[schema[name]]}, not "
                                                       f"{_value_kind(value)}"))
    missing = [p for p in required if p not in res.properties]
    if res.properties and missing:
        diags.append(smap.diagnostic(at, f"{res.kind} '{rid}' has no {', '.join(missing)} "
                                         "(required by CloudFormation)", at_key=True,
                                     severity="warning"))
    return diags


def _value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{shown(value)}'"
