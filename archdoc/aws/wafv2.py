"""WAFv2: the web ACLs of the region (scope REGIONAL) and, in us-east-1, those of CloudFront;
their rules and what each protects."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "wafv2"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"ListWebACLs", "GetWebACL", "ListResourcesForWebACL",
                        "ListTagsForResource"})
_PROTECTED = ("APPLICATION_LOAD_BALANCER", "API_GATEWAY", "COGNITO_USER_POOL")


def _list(client: Any, scope_name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    marker = None
    while True:  # WAFv2 has no paginators
        page = client.list_web_acls(Scope=scope_name, Limit=100,
                                    **({"NextMarker": marker} if marker else {}))
        found += page.get("WebACLs", [])
        marker = page.get("NextMarker")
        if not marker:
            return found


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    acls = []
    # CloudFront's web ACLs live in us-east-1, whatever region the rest is in
    for region, scope_name in ((reader.region, "REGIONAL"), ("us-east-1", "CLOUDFRONT")):
        client = reader.client(SERVICE, region)
        for listed in _list(client, scope_name):
            if not wanted(scope, "waf_web_acl", listed["Name"], listed["ARN"]):
                continue
            acl = client.get_web_acl(Name=listed["Name"], Id=listed["Id"],
                                     Scope=scope_name)["WebACL"]
            protected: list[str] = []
            if scope_name == "REGIONAL":
                for resource_type in _PROTECTED:
                    protected += client.list_resources_for_web_acl(
                        WebACLArn=listed["ARN"], ResourceType=resource_type).get(
                        "ResourceArns", [])
            tags = client.list_tags_for_resource(ResourceARN=listed["ARN"]).get(
                "TagInfoForResource", {}).get("TagList", [])
            acls.append({**acl, "Scope": scope_name, "Protected": protected,
                         "Tags": {t["Key"]: t["Value"] for t in tags}})
    return {"web_acls": acls}
