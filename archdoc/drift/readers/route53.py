"""Route 53: hosted zones, and the records in them."""

from __future__ import annotations

from typing import Any

from archdoc.aws import route53
from archdoc.aws.collect import Snapshot
from archdoc.aws.route53 import zone_name
from archdoc.drift.compare import edge
from archdoc.drift.context import DriftContext
from archdoc.drift.live import LiveObject, arn_of
from archdoc.drift.reader import KindReader


def _zones(snapshot: Snapshot) -> list[LiveObject]:
    tags = snapshot.data["route53"].get("tags", {})
    return [LiveObject(zone_id, raw, name=zone_name(raw["Name"]), tags=tags.get(zone_id, {}),
                       arn=arn_of(snapshot.identity, "route53", f"hostedzone/{zone_id}",
                                  region=None, account=False))
            for raw in snapshot.data["route53"]["zones"]
            for zone_id in [raw["Id"].split("/")[-1]]]


def _records(snapshot: Snapshot) -> list[LiveObject]:
    found = []
    for zone_id, records in snapshot.data["route53"]["records"].items():
        for raw in records:
            name = zone_name(raw["Name"]).replace("\\052", "*")
            found.append(LiveObject(f"{name} {raw['Type']}", {**raw, "_zone": zone_id},
                                    name=name))
    return found


def _in_its_zone(ctx: DriftContext, res: Any, every: list[LiveObject]) -> list[LiveObject]:
    """A record is looked for in its located zone, among the records of its type."""
    zone = ctx.located.get(res.zone)
    record_type = "A" if res.type == "ALIAS" else res.type
    return [c for c in every if zone is not None
            and c.raw["_zone"].split("/")[-1] == zone.id and c.raw["Type"] == record_type]


READERS = {
    "route53_zone": KindReader(route53, edge.route53_zone, _zones, any_region=True,
                               natural_name=lambda rid, res: zone_name(res.domain)),
    "route53_record": KindReader(route53, edge.route53_record, _records, any_region=True,
                                 natural_name=lambda rid, res: zone_name(res.name),
                                 candidates=_in_its_zone, order=1),
}
