"""The one resolver every importer shares: input resources (:class:`Found`) to the resources
of a model. Each is mapped to its first-class kind where archdoc has one (``shapes``), else
kept as its CloudFormation type (the open set); glue (routes, associations, rule resources,
listeners, policies, ...) is folded into the resources it belongs to (``glue``); flows are
inferred from what carries traffic (``flows``), never from mere dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archdoc import catalogue
from archdoc.importing import (
    Found,
    Notes,
    flows,
    glue,
    glue_services,  # noqa: F401  (its handlers join glue's)
    kebab,
    shapes,
)
from archdoc.importing.context import Context, describe
from archdoc.importing.fields import Kept
from archdoc.kinds import KIND

TOOLING = frozenset({"AWS::CDK::Metadata", "AWS::CloudFormation::WaitCondition",
                     "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudFormation::Macro"})
NAME_SUFFIXES = {"subnet": "subnet", "security_group": "sg", "route_table": "rt",
                 "iam_role": "role", "target_group": "tg", "vpc": "vpc"}


@dataclass
class Imported:
    """The resources of the model, with where each came from."""

    resources: dict[str, dict[str, Any]]
    origins: dict[str, list[str]]  # model id -> its source, then the glue folded into it
    flows: list[dict[str, Any]]
    notes: Notes
    folded: int = 0  # glue resources folded into the resources they belong to


def resolve(found: list[Found], region: str, notes: Notes) -> Imported:
    ctx = Context(found, region, notes)
    taken: set[str] = set()
    for f in found:  # every kind first: a reference is checked against the kind it names
        if f.type in glue.HANDLERS:
            continue
        kind = shapes.kind_for(f)
        if f.type in TOOLING:
            notes.warn(f.where, f"{f.key} ({f.type}) is the tool's own, not part of the "
                                "architecture; left out")
            continue
        if kind not in KIND and not catalogue.is_type(f.type):
            notes.warn(f.where, f"{f.key} ({f.type}) is not a resource type of AWS's "
                                "registry (a custom resource, or a tool's metadata); left out")
            continue
        ctx.kind[f.key] = kind
        ctx.ids[f.key] = _unique(kebab(f.key), kind, taken)
    for f in found:
        if f.key in ctx.ids:
            rid = ctx.ids[f.key]
            ctx.out[rid] = shapes.shape(f, ctx.kind[f.key], ctx)
            ctx.origins[rid].insert(0, describe(f))
    glue.apply(ctx)
    glue.finish(ctx)
    flows.infer(ctx)
    resources = {rid: _clean(fields) for rid, fields in ctx.out.items()}
    return Imported(resources, dict(ctx.origins), _unique_flows(ctx.flows, resources), notes,
                    len(ctx.folded))


def _unique(base: str, kind: str, taken: set[str]) -> str:
    rid = base
    if rid in taken and kind in NAME_SUFFIXES:
        rid = f"{base}-{NAME_SUFFIXES[kind]}"
    n = 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    taken.add(rid)
    return rid


def _clean(value: Any) -> Any:
    """No None, no empty list or mapping: the model's defaults say the same, shorter."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None and v != {}
                and (v != [] or isinstance(value[k], Kept))}
    if isinstance(value, list):
        return [_clean(v) for v in value if v is not None]  # (a Kept list becomes a list)
    return value


def _unique_flows(found: list[dict[str, Any]], resources: dict[str, Any]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for flow in found:
        pair = (flow["from"], flow["to"])
        if pair in seen or flow["from"] not in resources or flow["to"] not in resources:
            continue
        seen.add(pair)
        out.append(flow)
    return out


__all__ = ["Imported", "resolve"]
