"""Model-wide questions answered by lookup: built once per model, so that no rule, check or
layout step scans every resource for each resource (a quadratic cost at 10,000 resources)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from archdoc.model.resources import ResourceBase


class ModelIndex:
    """Resources by class and kind, each one's id, the route table of each subnet, and the
    resources a flow names."""

    def __init__(self, resources: dict[str, ResourceBase], flow_ends: Iterable[str] = ()):
        self.by_class: dict[type, dict[str, Any]] = defaultdict(dict)
        self.by_kind: dict[str, dict[str, ResourceBase]] = defaultdict(dict)
        for rid, res in resources.items():
            self.by_class[type(res)][rid] = res
            self.by_kind[res.kind][rid] = res
        self.ids: dict[int, str] = {id(res): rid for rid, res in resources.items()}
        self.in_flows: frozenset[str] = frozenset(flow_ends)
        self.route_table: dict[str, str] = {}  # subnet id -> its (first) route table's id
        for rid, table in self.by_kind.get("route_table", {}).items():
            for subnet in getattr(table, "subnets", []):
                self.route_table.setdefault(subnet, rid)
        self.lookups = 0  # questions answered (the operation-count test reads it)

    def of_class(self, cls: type) -> dict[str, Any]:
        self.lookups += 1
        return self.by_class.get(cls, {})

    def of_kind(self, kind: str) -> dict[str, ResourceBase]:
        self.lookups += 1
        return self.by_kind.get(kind, {})

    def id_of(self, res: ResourceBase) -> str | None:
        """The id ``res`` has in the model (None for a resource not of it)."""
        self.lookups += 1
        return self.ids.get(id(res))

    def route_table_of(self, subnet: str) -> str | None:
        self.lookups += 1
        return self.route_table.get(subnet)
