"""Elastic Load Balancing v2: load balancers, their listeners and rules, target groups, health."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "elbv2"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({
    "DescribeLoadBalancers", "DescribeListeners", "DescribeRules", "DescribeTargetGroups",
    "DescribeTargetHealth", "DescribeTags",
})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    """Every load balancer and target group of the region (the API has no VPC filter); the
    listeners, rules and target health of those in the model's VPCs (the caller filters)."""
    client = reader.client(SERVICE)
    balancers = paginate(client, "describe_load_balancers", "LoadBalancers")
    groups = paginate(client, "describe_target_groups", "TargetGroups")
    listeners: dict[str, list[dict[str, Any]]] = {}
    rules: dict[str, list[dict[str, Any]]] = {}
    for lb in balancers:
        arn = lb["LoadBalancerArn"]
        listeners[arn] = paginate(client, "describe_listeners", "Listeners", LoadBalancerArn=arn)
        for listener in listeners[arn]:
            rules[listener["ListenerArn"]] = [
                r for r in client.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
                if not r.get("IsDefault")]
    health: dict[str, list[dict[str, Any]]] = {}
    for group in groups:
        arn = group["TargetGroupArn"]
        health[arn] = client.describe_target_health(TargetGroupArn=arn).get(
            "TargetHealthDescriptions", [])
    tags: dict[str, dict[str, str]] = {}
    arns = [lb["LoadBalancerArn"] for lb in balancers] + [g["TargetGroupArn"] for g in groups]
    for start in range(0, len(arns), 20):  # DescribeTags takes 20 ARNs at a time
        for described in client.describe_tags(ResourceArns=arns[start:start + 20]).get(
                "TagDescriptions", []):
            tags[described["ResourceArn"]] = {t["Key"]: t["Value"]
                                              for t in described.get("Tags", [])}
    return {"load_balancers": balancers, "target_groups": groups, "listeners": listeners,
            "rules": rules, "target_health": health, "tags": tags}
