"""Hypothesis strategies for valid architecture models of every kind and shape.

Models nobody wrote for archdoc: one to six AZs, empty subnets, tiers named or not, every kind,
resources in many subnets, flows in cycles and to themselves, duplicate and hostile labels, no
sections or a section with everything.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers

from archdoc import catalogue
from archdoc.kinds import ALIASES

# Hypothesis mixes into what it draws the literals of every local module imported so far; under
# pytest-xdist that set depends on which tests a worker ran before, so a seeded test drew other
# models in CI than on a developer's machine and a failure there could not be replayed here.
# Drawing from the strategies alone makes a seed mean the same models everywhere. (A private
# hook: if a Hypothesis release renames it, generation is merely order-dependent again.)
if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
    _NONE_LOCAL = providers.Constants()
    providers._get_local_constants = lambda: _NONE_LOCAL

REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-2"]
HOSTILE = st.sampled_from([
    '<b>"x" & y</b>', "웹 서버", "a" * 120, "line one\nline two", "\\N \\G", "{curly} %s",
    "Ω≈ç√∫", "tab\there", "    spaced    ", "#!/bin/sh", "'; DROP TABLE x; --", "ünïcödé",
    "名前", "x", "Web", "Web",
])
# any printable text (and line breaks): drawn from the printable categories, which is many
# times faster than filtering arbitrary text (most of which a filter would throw away)
PRINTABLE = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
                          include_characters=" \n")
LABEL = st.one_of(st.none(), HOSTILE, st.text(PRINTABLE, min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""))


@st.composite
def models(draw: Any) -> dict:
    region = draw(st.sampled_from(REGIONS))
    n_az = draw(st.integers(1, 6))
    azs = [f"{region}{'abcdef'[i]}" for i in range(n_az)]
    res: dict[str, dict] = {}

    def add(rid: str, body: dict) -> str:
        label = draw(LABEL)
        if label is not None:
            body["label"] = label
        res[rid] = body
        return rid

    add("users", {"kind": "users"})
    add("vpc", {"kind": "vpc", "cidr": "10.0.0.0/16"})
    tiers = draw(st.sampled_from([None, ["web", "app", "data"], ["one"], ["a", "b", "c", "d"]]))
    subnets: list[str] = []
    public: list[str] = []
    block = 0
    for az in azs:
        for k in range(draw(st.integers(0, 3))):
            sid = f"s{block}"
            is_public = draw(st.booleans())
            body: dict = {"kind": "subnet", "vpc": "vpc", "az": az, "cidr": f"10.0.{block}.0/24",
                          "public": is_public}
            if tiers:
                body["tier"] = tiers[k % len(tiers)]
            add(sid, body)
            subnets.append(sid)
            (public if is_public else []).append(sid)
            block += 1
    az_of = {s: res[s]["az"] for s in subnets}
    two_az = [s for s in subnets if az_of[s] != az_of[subnets[0]]][:1] + subnets[:1] \
        if subnets else []
    if len({az_of[s] for s in two_az}) < 2:
        two_az = []

    add("igw", {"kind": "internet_gateway", "vpc": "vpc"})
    add("sg-a", {"kind": "security_group", "vpc": "vpc", "ingress": [
        {"port": 443, "cidr": "0.0.0.0/0"}]})
    sg_b: dict = {"kind": "security_group", "vpc": "vpc",
                  "ingress": [{"port": 80, "security_group": "sg-a"}]}
    if draw(st.booleans()):
        sg_b["egress"] = draw(st.sampled_from([[], [{"protocol": "all", "cidr": "0.0.0.0/0"}]]))
    add("sg-b", sg_b)
    add("role", {"kind": "iam_role", "trusted_services": ["ec2.amazonaws.com"],
                 "managed_policies": ["AmazonS3ReadOnlyAccess"]})
    add("bucket", {"kind": "s3_bucket", "bucket_name": "bucket-name"})
    add("secret", {"kind": "secretsmanager_secret"})
    add("zone", {"kind": "route53_zone", "domain": "example.com"})
    add("cert", {"kind": "acm_certificate", "domain": "example.com", "region": "us-east-1"})
    add("ssm", {"kind": "ssm_session_manager"})
    for i in range(draw(st.integers(0, 6))):
        add(f"fn{i}", {"kind": "lambda_function", "runtime": "python3.12",
                       "subnets": draw(st.lists(st.sampled_from(subnets), max_size=3))
                       if subnets else []})
    if "fn0" in res and draw(st.booleans()):
        res["bucket"]["notifications"] = [{"events": ["s3:ObjectCreated:*"], "function": "fn0"}]
    if subnets:
        for i in range(draw(st.integers(0, 8))):
            add(f"ec2-{i}", {"kind": "ec2_instance", "subnet": draw(st.sampled_from(subnets)),
                             "security_groups": ["sg-b"], "instance_profile_role": "role"})
        add("tg", {"kind": "target_group", "vpc": "vpc", "port": 80,
                   "targets": [r for r in res if r.startswith("ec2-")][:3]})
        add("rt", {"kind": "route_table", "vpc": "vpc",
                   "subnets": draw(st.lists(st.sampled_from(subnets), max_size=4, unique=True)),
                   "routes": [{"destination": "0.0.0.0/0", "target": "igw"}]})
        add("ep-s3", {"kind": "vpc_endpoint", "vpc": "vpc", "service": "s3",
                      "route_tables": ["rt"]})
        add("ep-if", {"kind": "vpc_endpoint", "vpc": "vpc", "service": "ssm", "type": "interface",
                      "subnets": draw(st.lists(st.sampled_from(subnets), max_size=4,
                                               unique=True))})
        add("asg", {"kind": "autoscaling_group", "subnets": draw(st.lists(
            st.sampled_from(subnets), min_size=1, max_size=6, unique=True))})
        add("db", {"kind": "rds_instance", "engine": "postgres",
                   "subnets": two_az or subnets[:1], "multi_az": bool(two_az),
                   "master_user_secret": "secret"})
    if public:
        add("nat", {"kind": "nat_gateway", "subnet": draw(st.sampled_from(public))})
    if two_az:
        add("alb", {"kind": "alb", "subnets": two_az, "security_groups": ["sg-a"],
                    "listeners": [{"port": 443, "protocol": "HTTPS", "certificate": "cert",
                                   "default_action": {"type": "forward", "target_group": "tg"}},
                                  {"port": 80, "protocol": "HTTP", "default_action": {
                                      "type": "redirect", "protocol": "HTTPS", "port": 443}}]})
        add("cdn", {"kind": "cloudfront_distribution", "origins": ["alb"], "certificate": "cert"})
        add("record", {"kind": "route53_record", "zone": "zone", "name": "www.example.com",
                       "alias_target": "alb"})
    more_kinds(draw, add, res, subnets, two_az, region)
    for i in range(draw(st.integers(0, 4))):
        add(f"any{i}", generic_resource(draw, subnets, region))
    drawn = [r for r, b in res.items() if b["kind"] not in ("vpc", "subnet")]
    flows = [{"from": a, "to": b, **({"label": draw(HOSTILE)} if draw(st.booleans()) else {})}
             for a, b in draw(st.lists(st.tuples(st.sampled_from(drawn),
                                                  st.sampled_from(drawn)), max_size=14))]
    choice = draw(st.integers(0, 2))
    sections: list[dict] = []
    if choice == 1:
        sections = [{"title": "Everything", "resources": list(res)}]
    elif choice == 2:
        for i in range(draw(st.integers(1, 3))):
            sections.append({"title": f"Part {i}", "resources": draw(st.lists(
                st.sampled_from(list(res)), min_size=1, max_size=6, unique=True)),
                "security": [{"text": "claim", "see": ["figure"]}]})
    return {"title": draw(HOSTILE), "region": region, "language": draw(st.sampled_from(
        ["en", "ko"])), "resources": res, "flows": flows, "sections": sections}


# a property value of each JSON type the type catalogue names
_VALUES = {"string": "value", "integer": 3, "number": 1.5, "boolean": True, "array": [],
           "object": {}, "": "value"}
TYPES = sorted(set(catalogue.types()) - set(ALIASES))  # those of first-class kinds are theirs


def generic_resource(draw: Any, subnets: list[str], region: str) -> dict:
    """Any CloudFormation type: placed in subnets, in the VPC, in another region or nowhere,
    with some of its schema's properties (or none: a sketch)."""
    kind = draw(st.sampled_from(TYPES))
    body: dict = {"kind": kind}
    where = draw(st.sampled_from(["subnets", "vpc", "region", "none"]))
    if where == "subnets" and subnets:
        body["subnets"] = draw(st.lists(st.sampled_from(subnets), min_size=1, max_size=3,
                                        unique=True))
    elif where == "vpc":
        body["vpc"] = "vpc"
    elif where == "region":
        body["region"] = draw(st.sampled_from([r for r in REGIONS if r != region]))
    schema = catalogue.properties(kind) or {}
    if schema and draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(sorted(schema)), max_size=3, unique=True))
        body["properties"] = {n: _VALUES.get(schema[n], "value") for n in names}
    return body


def more_kinds(draw: Any, add: Any, res: dict[str, dict], subnets: list[str],
               two_az: list[str], region: str) -> None:
    """Each first-class kind beyond the seed's, drawn or not, as a sketch (kind and placement
    only) or with its details, wired to what the model has."""
    def maybe() -> bool:
        return bool(draw(st.booleans()))

    def sketch() -> bool:
        return bool(draw(st.integers(0, 3)) == 0)

    if maybe():
        add("key", {"kind": "kms_key"} if sketch() else
            {"kind": "kms_key", "alias": "alias/app", "rotation": draw(st.booleans())})
    key = ["key"] if "key" in res else []
    if maybe():
        add("queue", {"kind": "sqs_queue"} if sketch() else {
            "kind": "sqs_queue", "encryption": "SSE-KMS" if key else "SSE-SQS",
            **({"kms_key": key[0]} if key else {}), "visibility_timeout": 60})
    if maybe():
        add("topic", {"kind": "sns_topic"} if sketch() else {
            "kind": "sns_topic", "subscriptions": [{"protocol": "email",
                                                    "address": "ops@example.com"}]})
    if maybe():
        add("table", {"kind": "dynamodb_table"} if sketch() else {
            "kind": "dynamodb_table", "partition_key": "pk", "point_in_time_recovery":
            draw(st.booleans()), **({"encryption": "CUSTOMER_MANAGED", "kms_key": key[0]}
                                    if key else {})})
    if maybe():
        add("logs", {"kind": "log_group", "retention_days": 90})
    if maybe():
        add("pool", {"kind": "cognito_user_pool"} if sketch() else
            {"kind": "cognito_user_pool", "mfa": "ON", "password_min_length": 14})
    if maybe():
        api: dict = {"kind": "api_gateway_rest_api"}
        if not sketch():
            auth = [{"name": "users", "type": "cognito", "user_pool": "pool"}] \
                if "pool" in res else []
            api.update({"endpoint": "REGIONAL", "authorizers": auth, "routes": [
                {"method": "GET", "path": "/items", **({"authorizer": "users"} if auth
                                                       else {"authorization": "iam"})}]})
        add("rest", api)
    if maybe():
        add("http", {"kind": "api_gateway_http_api", "routes": [
            {"method": "GET", "path": "/health", "authorization": "none"}]})
    if maybe():
        protects = [r for r in ("rest", "alb") if r in res][:1]
        add("waf", {"kind": "waf_web_acl"} if sketch() else {
            "kind": "waf_web_acl", "protects": protects,
            "rules": [{"name": "rate", "priority": 0, "rate_limit": 1000}]})
    if maybe():
        trail: dict = {"kind": "cloudtrail_trail", "multi_region": draw(st.booleans()),
                       "log_file_validation": True, "bucket": "bucket"}
        add("trail", {"kind": "cloudtrail_trail"} if sketch() else trail)
    if maybe():
        add("guard", {"kind": "guardduty_detector"})
    if maybe():
        add("guard-2", {"kind": "guardduty_detector",
                        "region": draw(st.sampled_from([r for r in REGIONS if r != region]))})
    if maybe():
        add("cluster", {"kind": "ecs_cluster", "container_insights": draw(st.booleans())})
        add("task", {"kind": "ecs_task_definition"} if sketch() else {
            "kind": "ecs_task_definition", "cpu": 256, "memory": 512,
            "containers": [{"name": "web", "image": "nginx:1.27", "port": 80}]})
        service: dict = {"kind": "ecs_service", "cluster": "cluster", "task_definition": "task",
                         "desired_count": draw(st.integers(0, 6))}
        if subnets:
            service.update({"subnets": draw(st.lists(st.sampled_from(subnets), min_size=1,
                                                     max_size=4, unique=True)),
                            "security_groups": ["sg-b"]})
        add("service", service)
    if subnets and maybe():
        add("k8s", {"kind": "eks_cluster", "version": "1.31", "subnets": draw(st.lists(
            st.sampled_from(subnets), min_size=1, max_size=4, unique=True)),
            "endpoint_public": draw(st.booleans()), "endpoint_private": True})
    if subnets and maybe():
        add("cache", {"kind": "elasticache_cluster", "subnets": two_az or subnets[:1],
                      "transit_encryption": draw(st.booleans())})
    if subnets and maybe():
        add("acl", {"kind": "network_acl", "vpc": "vpc", "subnets": subnets[:2], "ingress": [
            {"rule_number": 100, "protocol": "tcp", "port": 443, "cidr": "0.0.0.0/0"}]})
    if two_az and "tg" in res and maybe():
        add("nlb", {"kind": "nlb", "subnets": two_az, "listeners": [
            {"port": 443, "protocol": "TLS", "certificate": "cert", "target_group": "tg"}]})
    if maybe():  # a second VPC, peered or joined by a Transit Gateway
        add("vpc-2", {"kind": "vpc", "cidr": "10.1.0.0/16"})
        add("vpc-2-a", {"kind": "subnet", "vpc": "vpc-2", "az": f"{region}a",
                        "cidr": "10.1.0.0/24"})
        if maybe():
            add("peer", {"kind": "vpc_peering", "requester": "vpc", "accepter": "vpc-2"})
        else:
            add("hub", {"kind": "transit_gateway"})
            add("hub-att", {"kind": "transit_gateway_attachment", "transit_gateway": "hub",
                            "vpc": "vpc-2", "subnets": ["vpc-2-a"]})
