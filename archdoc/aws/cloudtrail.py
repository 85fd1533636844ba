"""CloudTrail: the trails of the region (their own and the multi-region ones shown here),
whether each is logging, and their tags."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "cloudtrail"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"DescribeTrails", "GetTrailStatus", "ListTags"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    trails = []
    for trail in client.describe_trails(includeShadowTrails=True).get("trailList", []):
        arn = trail["TrailARN"]
        status = client.get_trail_status(Name=arn)
        tags = {}
        if trail.get("HomeRegion", reader.region) == reader.region:  # tags live at home
            listed = client.list_tags(ResourceIdList=[arn]).get("ResourceTagList", [])
            tags = {t["Key"]: t["Value"] for item in listed for t in item.get("TagsList", [])}
        trails.append({**trail, "IsLogging": bool(status.get("IsLogging")), "Tags": tags})
    return {"trails": trails}
