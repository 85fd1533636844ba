"""Route 53: hosted zones, and the records of the zones the model describes."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "route53"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"ListHostedZones", "ListResourceRecordSets", "ListTagsForResources"})


def zone_name(name: str) -> str:
    return name.rstrip(".").lower()


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    zones = paginate(client, "list_hosted_zones", "HostedZones")
    records: dict[str, list[dict[str, Any]]] = {}
    wanted = scope.names("route53_zone")
    names, ids = {zone_name(n) for n in wanted}, {n.split("/")[-1] for n in wanted}
    for zone in zones:
        zone_id = zone["Id"].split("/")[-1]
        if scope.every or zone_name(zone["Name"]) in names or zone_id in ids:
            records[zone["Id"]] = paginate(client, "list_resource_record_sets",
                                           "ResourceRecordSets", HostedZoneId=zone["Id"])
    tags: dict[str, dict[str, str]] = {}
    if scope.all_of("route53_zone"):  # a zone located by its tags: every zone's, 10 a call
        ids_all = [z["Id"].split("/")[-1] for z in zones]
        for start in range(0, len(ids_all), 10):
            for found in client.list_tags_for_resources(
                    ResourceType="hostedzone", ResourceIds=ids_all[start:start + 10]).get(
                    "ResourceTagSets", []):
                tags[found["ResourceId"]] = {t["Key"]: t["Value"] for t in found.get("Tags", [])}
    return {"zones": zones, "records": records, "tags": tags}
