"""Route 53: hosted zones, and the records of the zones the model describes."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "route53"


def zone_name(name: str) -> str:
    return name.rstrip(".").lower()


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    zones: list[dict[str, Any]] = []
    for page in client.get_paginator("list_hosted_zones").paginate():
        zones.extend(page.get("HostedZones", []))
    records: dict[str, list[dict[str, Any]]] = {}
    for zone in zones:
        zone_id = zone["Id"].split("/")[-1]
        if zone_name(zone["Name"]) in scope.zones or zone_id in scope.zone_ids:
            found: list[dict[str, Any]] = []
            for page in client.get_paginator("list_resource_record_sets").paginate(
                    HostedZoneId=zone["Id"]):
                found.extend(page.get("ResourceRecordSets", []))
            records[zone["Id"]] = found
    return {"zones": zones, "records": records}
