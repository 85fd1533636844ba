"""ElastiCache: the region's replication groups (Redis and Valkey) and their tags."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "elasticache"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"DescribeReplicationGroups", "ListTagsForResource"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    groups = []
    for group in paginate(client, "describe_replication_groups", "ReplicationGroups"):
        if not wanted(scope, "elasticache_cluster", group["ReplicationGroupId"],
                      group.get("ARN")):
            continue
        tags = {t["Key"]: t["Value"] for t in client.list_tags_for_resource(
            ResourceName=group["ARN"]).get("TagList", [])} if group.get("ARN") else {}
        groups.append({**group, "Tags": tags})
    return {"replication_groups": groups}
