"""What to read: the parts of an account a model describes, as plain values (no model types)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def _no_vpcs(vpcs: list[dict[str, Any]]) -> list[str]:
    return []


@dataclass(frozen=True)
class Scope:
    # picks, from every VPC of the region, the ids of the model's VPCs (other reads filter on them)
    vpc_ids: Callable[[list[dict[str, Any]]], list[str]] = _no_vpcs
    buckets: frozenset[str] = frozenset()  # bucket names whose settings are read
    zones: frozenset[str] = frozenset()  # hosted zone names (no trailing dot) whose records
    zone_ids: frozenset[str] = frozenset()  # ... or ids, are listed
    acm_regions: frozenset[str] = frozenset()  # regions holding the model's certificates
    certificates: frozenset[str] = frozenset()  # their domains or ARNs (those are described)
    services: frozenset[str] = field(default_factory=frozenset)  # services to read at all
