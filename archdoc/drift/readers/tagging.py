"""Any type archdoc has no reader for: found through the Resource Groups Tagging API by its
tags (the Name tag equal to its id, unless its locator says otherwise) or its ARN, among the
resources of its service; what is compared is that it exists and carries the locator's tags.
A resource without tags is not listed by the API: it is MISSING only if tagged in the model."""

from __future__ import annotations

from typing import Any

from archdoc import catalogue
from archdoc.aws import tagging
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader


def _resources(snapshot: Snapshot) -> list[LiveObject]:
    found = []
    for raw in snapshot.data["resourcegroupstaggingapi"]["resources"]:
        tags = {t["Key"]: t["Value"] for t in raw.get("Tags") or []}
        arn = raw["ResourceARN"]
        # the id: the ARN's last part, the physical id CloudFormation reports for most types
        found.append(LiveObject(arn.split(":", 5)[-1].rsplit("/", 1)[-1].rsplit(":", 1)[-1],
                                raw, arn=arn, name=tags.get("Name"), tags=tags))
    return found


def _of_its_service(ctx: DriftContext, res: Any, every: list[LiveObject]) -> list[LiveObject]:
    """Of the type's service: a Name tag shared by a stream and a role finds the stream."""
    service = catalogue.arn_service(res.kind)
    return [c for c in every if (c.arn or "").split(":")[2:3] == [service]]


def generic(ctx: DriftContext, rid: str, res: Any, live: LiveObject) -> list[Diff]:
    return []  # found, with every tag its locator names: what can be said of any type


READER = KindReader(tagging, generic, _resources, candidates=_of_its_service)
READERS: dict[str, KindReader] = {}  # every CloudFormation type without a kind (registry)
