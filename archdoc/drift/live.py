"""Live resources as a locator matches them, and the helpers the readers build them with.

Each reader (``archdoc.drift.readers``) turns one service's collected data into
``LiveObject``s; none calls AWS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LiveObject:
    id: str
    raw: dict[str, Any] = field(compare=False, repr=False)
    arn: str | None = None
    name: str | None = None  # the name the console shows (Name tag for EC2 resources)
    tags: dict[str, str] = field(default_factory=dict, compare=False)

    def describe(self) -> str:
        return f"{self.id} ({self.name})" if self.name and self.name != self.id else self.id


def tags_of(raw: dict[str, Any]) -> dict[str, str]:
    """AWS's ``Tags: [{Key, Value}]`` as a mapping."""
    return {t["Key"]: t["Value"] for t in raw.get("Tags") or []}


def ec2_objects(raws: list[dict[str, Any]], id_key: str) -> list[LiveObject]:
    """EC2 resources as located: by id, or by tags (the Name tag is the console's name)."""
    return [LiveObject(raw[id_key], raw, name=tags_of(raw).get("Name"), tags=tags_of(raw))
            for raw in raws]


def deleted(raw: dict[str, Any]) -> bool:
    """A resource AWS still lists after its deletion (NAT gateways, endpoints)."""
    return str(raw.get("State", "")).lower() in ("deleted", "deleting", "failed")


Live = Callable[[Any], list[LiveObject]]
