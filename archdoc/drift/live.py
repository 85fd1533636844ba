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


def partition(region: str) -> str:
    return "aws-cn" if region.startswith("cn-") else (
        "aws-us-gov" if region.startswith("us-gov-") else "aws")


def arn_of(identity: Any, service: str, resource: str, *, region: str | None = "",
           account: bool = True) -> str:
    """The ARN of a resource that AWS lists without one (EC2's, a GuardDuty detector, an API),
    so that a locator's ``arn`` can match it; ``region=None`` for a global service."""
    where = identity.region if region == "" else (region or "")
    return (f"arn:{partition(identity.region)}:{service}:{where}:"
            f"{identity.account if account else ''}:{resource}")


def ec2_objects(raws: list[dict[str, Any]], id_key: str, region: str, arn_type: str,
                account: str = "") -> list[LiveObject]:
    """EC2 resources as located: by id, ARN, or tags (the Name tag is the console's name).
    EC2 lists them without ARNs: made from the owner it reports (a VPC shared from another
    account is that account's), else ``account``."""
    return [LiveObject(raw[id_key], raw, name=tags_of(raw).get("Name"), tags=tags_of(raw),
                       arn=f"arn:{partition(region)}:ec2:{region}:"
                           f"{raw.get('OwnerId') or account}:{arn_type}/{raw[id_key]}")
            for raw in raws]


def deleted(raw: dict[str, Any]) -> bool:
    """A resource AWS still lists after its deletion (NAT gateways, endpoints)."""
    return str(raw.get("State", "")).lower() in ("deleted", "deleting", "failed")


Live = Callable[[Any], list[LiveObject]]
