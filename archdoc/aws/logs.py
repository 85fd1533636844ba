"""CloudWatch Logs: the region's log groups (retention, key, tags)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "logs"
# what the collector below may call: a group's settings, never its log events
OPERATIONS = frozenset({"DescribeLogGroups", "ListTagsForResource"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    groups = []
    for group in paginate(client, "describe_log_groups", "logGroups"):
        if not wanted(scope, "log_group", group["logGroupName"], group.get("arn")):
            continue
        arn = str(group.get("arn", "")).removesuffix(":*")
        tags = client.list_tags_for_resource(resourceArn=arn).get("tags", {}) if arn else {}
        groups.append({**group, "Tags": tags})
    return {"log_groups": groups}
