"""Step 2 of the scene: one node per placed resource, except that many interchangeable
resources in one place (same kind, same flows) become one node, "EC2 instance × 40"."""

from __future__ import annotations

from collections import defaultdict

from archdoc.kinds import kind_of
from archdoc.layout.place import Placed
from archdoc.layout.scene import Node
from archdoc.model import Architecture
from archdoc.model.resources import RouteTable
from archdoc.text import kind_name, text


def _signatures(model: Architecture) -> dict[str, tuple]:
    outs: dict[str, list] = defaultdict(list)
    ins: dict[str, list] = defaultdict(list)
    for f in model.flows:
        outs[f.from_].append((f.to, f.text))
        ins[f.to].append((f.from_, f.text))
    return {rid: (tuple(sorted(outs[rid])), tuple(sorted(ins[rid]))) for rid in model.resources}


def _label(model: Architecture, rid: str, role: str) -> str:
    lang = model.language
    label = model.label(rid)
    res = model.resources[rid]
    if isinstance(res, RouteTable) and res.subnets:
        served = ", ".join(model.label(s) for s in res.subnets)
        label = f"{label}\n{text('serves', lang, subnets=served)}"
    if role in ("primary", "standby"):
        label = f"{label} ({text(role, lang)})"
    return label


def collapse(model: Architecture, placed: Placed
             ) -> tuple[dict[str, Node], list[str], dict[str, list[str]]]:
    """Nodes by id, the ids outside every group, and resource id -> its node ids."""
    signature = _signatures(model)
    multi = {slot.resource for slot in placed.slots if slot.copy > 0 or slot.span}
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for slot in placed.slots:
        if slot.resource not in multi:
            gid = slot.group.id if slot.group else None
            key = (gid, slot.role or slot.where, model.resources[slot.resource].kind,
                   signature[slot.resource])
            buckets[key].append(slot.resource)
    collapsed: dict[str, list[str]] = {}  # member -> all members; the first represents them
    for (_, _, kind, _), members in buckets.items():
        if len(members) >= kind_of(kind).collapse_at:
            collapsed.update(dict.fromkeys(members, members))

    nodes: dict[str, Node] = {}
    outside: list[str] = []
    node_of: dict[str, list[str]] = defaultdict(list)
    for slot in placed.slots:
        rid = slot.resource
        members = collapsed.get(rid, [rid])
        nid = f"n_{members[0]}" + (f"_{slot.copy}" if slot.copy else "")
        if nid not in nodes:
            kind = model.resources[rid].kind
            label = (f"{kind_name(kind, model.language)} × {len(members)}" if len(members) > 1
                     else _label(model, rid, slot.role))
            nodes[nid] = Node(nid, kind, label, members, slot.copy, slot.where, slot.subnet,
                              slot.az, slot.role, slot.span)
            (slot.group.nodes if slot.group else outside).append(nid)
        node_of[rid].append(nid)
    return nodes, outside, dict(node_of)
