"""What to read: the parts of an account a model describes, as plain values (no model types)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


def _no_vpcs(vpcs: list[dict[str, Any]], region: str) -> list[str]:
    return []


@dataclass(frozen=True)
class Scope:
    # picks, from every VPC of the region, the ids of the model's VPCs (other reads filter on them)
    vpc_ids: Callable[[list[dict[str, Any]], str], list[str]] = _no_vpcs
    # kind -> the names, ids and ARNs by which the model's resources of that kind are looked
    # for: a collector reads the details (one call each) of those only
    wanted: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # kind -> the regions its resources live in (a CloudFront certificate is in us-east-1)
    regions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    services: frozenset[str] = field(default_factory=frozenset)  # services to read at all
    # kinds some resource of which is located by its tags: their collectors read every one's
    by_tags: frozenset[str] = frozenset()
    # ``archdoc discover``: no model says what is wanted; every resource is read in full
    every: bool = False

    def reads(self, kind: str) -> bool:
        """Whether the model has the kind (or discovery reads every kind)."""
        return self.every or kind in self.wanted

    def all_of(self, kind: str) -> bool:
        """Whether every resource of the kind is described, not only those the model names."""
        return self.every or kind in self.by_tags

    def names(self, kind: str) -> frozenset[str]:
        return self.wanted.get(kind, frozenset())
