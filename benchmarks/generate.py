"""Generate a valid model of about N resources: a VPC in three AZs serving many web services.

Each service has an ALB in the public subnets, a target group, two security groups, an S3
bucket and a fleet of EC2 instances spread over the private subnets: the shape of a real
account that grew, not random noise.
"""

from __future__ import annotations

import random
import sys

import yaml

AZS = ["a", "b", "c"]


def generate(total: int) -> dict:
    res: dict[str, dict] = {
        "users": {"kind": "users"},
        "vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"},
        "igw": {"kind": "internet_gateway", "vpc": "vpc"},
        "public-rt": {"kind": "route_table", "vpc": "vpc", "subnets": [],
                      "routes": [{"destination": "0.0.0.0/0", "target": "igw"}]},
    }
    flows = []
    for i, az in enumerate(AZS):
        res[f"public-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"ap-northeast-2{az}",
                               "cidr": f"10.0.{i}.0/24", "public": True}
        res[f"private-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"ap-northeast-2{az}",
                                "cidr": f"10.0.{100 + i}.0/24"}
        res[f"nat-{az}"] = {"kind": "nat_gateway", "subnet": f"public-{az}"}
        res["public-rt"]["subnets"].append(f"public-{az}")
        res[f"private-rt-{az}"] = {"kind": "route_table", "vpc": "vpc",
                                   "subnets": [f"private-{az}"],
                                   "routes": [{"destination": "0.0.0.0/0", "target": f"nat-{az}"}]}
        flows.append({"from": f"nat-{az}", "to": "igw"})
    per_service = 50
    services = max(1, (total - len(res)) // per_service)
    for s in range(services):
        # the last service takes the remainder, so the model has exactly `total` resources
        fleet = per_service - 5 if s < services - 1 else total - len(res) - 5
        alb, tg, bucket = f"svc{s}-alb", f"svc{s}-tg", f"svc{s}-bucket"
        res[f"svc{s}-alb-sg"] = {"kind": "security_group", "vpc": "vpc", "ingress": [
            {"protocol": "tcp", "port": 443, "cidr": "0.0.0.0/0"}]}
        res[f"svc{s}-app-sg"] = {"kind": "security_group", "vpc": "vpc", "ingress": [
            {"protocol": "tcp", "port": 8080, "security_group": f"svc{s}-alb-sg"}]}
        res[tg] = {"kind": "target_group", "vpc": "vpc", "port": 8080, "targets": []}
        res[alb] = {"kind": "alb", "subnets": [f"public-{az}" for az in AZS],
                    "security_groups": [f"svc{s}-alb-sg"],
                    "listeners": [{"port": 80, "protocol": "HTTP",
                                   "default_action": {"type": "forward", "target_group": tg}}]}
        res[bucket] = {"kind": "s3_bucket", "bucket_name": f"bench-svc{s}-bucket"}
        flows.append({"from": "users", "to": alb, "protocol": "HTTPS", "port": 443})
        for k in range(fleet):
            az = AZS[k % 3]
            iid = f"svc{s}-web{k}"
            res[iid] = {"kind": "ec2_instance", "subnet": f"private-{az}",
                        "security_groups": [f"svc{s}-app-sg"], "label": f"svc{s} web {k}"}
            res[tg]["targets"].append(iid)
            flows.append({"from": alb, "to": iid, "protocol": "HTTP", "port": 8080})
            flows.append({"from": iid, "to": bucket, "label": "read"})
    return {"title": f"Generated model ({len(res)} resources)", "region": "ap-northeast-2",
            "language": "en", "resources": res, "flows": flows,
            "sections": [{"title": f"Service {s}", "resources": [f"svc{s}-alb", f"svc{s}-tg",
                                                                  f"svc{s}-app-sg"]}
                         for s in range(min(services, 5))]}


if __name__ == "__main__":
    print(yaml.safe_dump(generate(int(sys.argv[1])), sort_keys=False, allow_unicode=True))


def generate_mixed(total: int) -> dict:
    """About ``total`` resources of every first-class kind and of many CloudFormation types
    without one: two peered VPCs of three AZs, and blocks of services (containers, data,
    messaging, APIs, security tooling, generic types) in them and in the region, until the
    count is reached."""
    from archdoc import catalogue
    from archdoc.kinds import ALIASES

    generic = [t for t in sorted(catalogue.types()) if t not in ALIASES][::37]
    res: dict[str, dict] = {"users": {"kind": "users"},
                            "zone": {"kind": "route53_zone", "domain": "example.com"},
                            "cert": {"kind": "acm_certificate", "domain": "example.com"},
                            "cdn-cert": {"kind": "acm_certificate", "domain": "example.com",
                                         "region": "us-east-1"},
                            "secret": {"kind": "secretsmanager_secret"},
                            "ssm": {"kind": "ssm_session_manager"},
                            "hub": {"kind": "transit_gateway"}}
    flows: list[dict] = []
    for v, cidr in enumerate(("10.0", "10.1")):
        vpc = f"vpc{v}"
        res[vpc] = {"kind": "vpc", "cidr": f"{cidr}.0.0/16"}
        res[f"{vpc}-igw"] = {"kind": "internet_gateway", "vpc": vpc}
        for i, az in enumerate(AZS):
            res[f"{vpc}-pub-{az}"] = {"kind": "subnet", "vpc": vpc, "az": f"eu-west-1{az}",
                                      "cidr": f"{cidr}.{i}.0/24", "public": True}
            res[f"{vpc}-priv-{az}"] = {"kind": "subnet", "vpc": vpc, "az": f"eu-west-1{az}",
                                       "cidr": f"{cidr}.{100 + i}.0/24"}
        res[f"{vpc}-rt"] = {"kind": "route_table", "vpc": vpc,
                            "subnets": [f"{vpc}-pub-{az}" for az in AZS],
                            "routes": [{"destination": "0.0.0.0/0", "target": f"{vpc}-igw"}]}
        res[f"{vpc}-nat"] = {"kind": "nat_gateway", "subnet": f"{vpc}-pub-a"}
        res[f"{vpc}-acl"] = {"kind": "network_acl", "vpc": vpc,
                             "subnets": [f"{vpc}-priv-{az}" for az in AZS],
                             "ingress": [{"rule_number": 100, "protocol": "all",
                                          "cidr": "10.0.0.0/8"}]}
        res[f"{vpc}-att"] = {"kind": "transit_gateway_attachment", "transit_gateway": "hub",
                             "vpc": vpc, "subnets": [f"{vpc}-priv-{az}" for az in AZS]}
        res[f"{vpc}-s3"] = {"kind": "vpc_endpoint", "vpc": vpc, "service": "s3",
                            "route_tables": [f"{vpc}-rt"]}
    res["peer"] = {"kind": "vpc_peering", "requester": "vpc0", "accepter": "vpc1"}
    b = 0
    while len(res) < total:
        vpc = f"vpc{b % 2}"
        pub = [f"{vpc}-pub-{az}" for az in AZS]
        priv = [f"{vpc}-priv-{az}" for az in AZS]
        p = f"b{b}"
        block: dict[str, dict] = {
            f"{p}-sg": {"kind": "security_group", "vpc": vpc, "ingress": [
                {"protocol": "tcp", "port": 443, "cidr": "0.0.0.0/0"}]},
            f"{p}-key": {"kind": "kms_key", "alias": f"alias/{p}", "rotation": True},
            f"{p}-alb": {"kind": "alb", "subnets": pub, "security_groups": [f"{p}-sg"],
                         "listeners": [{"port": 443, "protocol": "HTTPS", "certificate": "cert",
                                        "default_action": {"type": "forward",
                                                           "target_group": f"{p}-tg"}}]},
            f"{p}-tg": {"kind": "target_group", "vpc": vpc, "port": 8080, "target_type": "ip",
                        "targets": [f"{p}-svc"]},
            f"{p}-nlb": {"kind": "nlb", "subnets": pub, "listeners": [
                {"port": 443, "protocol": "TLS", "certificate": "cert",
                 "target_group": f"{p}-tg"}]},
            f"{p}-cluster": {"kind": "ecs_cluster", "container_insights": True},
            f"{p}-task": {"kind": "ecs_task_definition", "cpu": 256, "memory": 512,
                          "task_role": f"{p}-role", "containers": [
                              {"name": "app", "image": "nginx:1.27", "port": 8080}]},
            f"{p}-svc": {"kind": "ecs_service", "cluster": f"{p}-cluster",
                         "task_definition": f"{p}-task", "desired_count": 2,
                         "subnets": priv, "security_groups": [f"{p}-sg"]},
            f"{p}-role": {"kind": "iam_role", "trusted_services": ["ecs-tasks.amazonaws.com"]},
            f"{p}-eks": {"kind": "eks_cluster", "version": "1.31", "subnets": priv,
                         "endpoint_public": False, "endpoint_private": True},
            f"{p}-web": {"kind": "ec2_instance", "subnet": priv[b % 3],
                         "security_groups": [f"{p}-sg"]},
            f"{p}-asg": {"kind": "autoscaling_group", "subnets": priv},
            f"{p}-fn": {"kind": "lambda_function", "runtime": "python3.12"},
            f"{p}-db": {"kind": "rds_instance", "engine": "postgres", "subnets": priv[:2],
                        "multi_az": True, "master_user_secret": "secret"},
            f"{p}-cache": {"kind": "elasticache_cluster", "subnets": priv[:2],
                           "transit_encryption": True, "at_rest_encryption": True},
            f"{p}-table": {"kind": "dynamodb_table", "partition_key": "pk",
                           "encryption": "CUSTOMER_MANAGED", "kms_key": f"{p}-key",
                           "point_in_time_recovery": True},
            f"{p}-bucket": {"kind": "s3_bucket", "bucket_name": f"bench-{p}-bucket"},
            f"{p}-queue": {"kind": "sqs_queue", "encryption": "SSE-KMS", "kms_key": f"{p}-key"},
            f"{p}-topic": {"kind": "sns_topic", "kms_key": f"{p}-key"},
            f"{p}-logs": {"kind": "log_group", "retention_days": 90, "kms_key": f"{p}-key"},
            f"{p}-pool": {"kind": "cognito_user_pool", "mfa": "ON"},
            f"{p}-api": {"kind": "api_gateway_rest_api", "authorizers": [
                {"name": "users", "type": "cognito", "user_pool": f"{p}-pool"}],
                "routes": [{"method": "GET", "path": "/items", "authorizer": "users",
                            "integration": f"{p}-fn"}]},
            f"{p}-http": {"kind": "api_gateway_http_api", "routes": [
                {"method": "GET", "path": "/health", "authorization": "iam"}]},
            f"{p}-waf": {"kind": "waf_web_acl", "protects": [f"{p}-alb", f"{p}-api"],
                         "rules": [{"name": "rate", "priority": 0, "rate_limit": 1000}]},
            f"{p}-trail": {"kind": "cloudtrail_trail", "multi_region": True,
                           "log_file_validation": True, "bucket": f"{p}-bucket"},
            f"{p}-record": {"kind": "route53_record", "zone": "zone",
                            "name": f"{p}.example.com", "alias_target": f"{p}-alb"},
        }
        if b == 0:
            block["guard"] = {"kind": "guardduty_detector"}
            block["cdn"] = {"kind": "cloudfront_distribution", "origins": [f"{p}-alb"],
                            "certificate": "cdn-cert"}
        for g in range(12):
            kind = generic[(b * 12 + g) % len(generic)]
            body: dict = {"kind": kind}
            if g % 3 == 0:
                body["subnets"] = priv[:2]
            elif g % 3 == 1:
                body["vpc"] = vpc
            block[f"{p}-any{g}"] = body
        for rid, body in block.items():
            if len(res) >= total:
                break
            res[rid] = body
        flows += [{"from": "users", "to": f"{p}-alb", "protocol": "HTTPS", "port": 443},
                  {"from": f"{p}-alb", "to": f"{p}-svc"},
                  {"from": f"{p}-svc", "to": f"{p}-table"},
                  {"from": f"{p}-svc", "to": f"{p}-queue"},
                  {"from": f"{p}-queue", "to": f"{p}-fn"},
                  {"from": f"{p}-fn", "to": f"{p}-topic"}]
        b += 1
    flows = [f for f in flows if f["from"] in res and f["to"] in res]
    return {"title": f"Generated model, every kind ({len(res)} resources)",
            "region": "eu-west-1", "language": "en", "resources": res, "flows": flows,
            "sections": [{"title": f"Block {s}", "resources": [
                r for r in (f"b{s}-alb", f"b{s}-svc", f"b{s}-table", f"b{s}-waf") if r in res]}
                for s in range(min(b, 5))]}


def generate_subnets(count: int) -> dict:
    """One VPC of ``count`` subnets over two AZs, all in one route table (validation's size)."""
    res: dict[str, dict] = {"vpc": {"kind": "vpc", "cidr": "10.0.0.0/8"},
                            "rt": {"kind": "route_table", "vpc": "vpc", "subnets": []}}
    for i in range(count):
        res[f"s{i}"] = {"kind": "subnet", "vpc": "vpc", "az": f"ap-northeast-2{'ac'[i % 2]}",
                        "cidr": f"10.{i // 256}.{i % 256}.0/24"}
        res["rt"]["subnets"].append(f"s{i}")
    return {"title": f"{count} subnets", "region": "ap-northeast-2", "resources": res}


def generate_flows(flows: int, seed: int = 7) -> dict:
    """About 70 resources of every tier and ``flows`` flows between them (no two alike)."""
    rng = random.Random(seed)
    res: dict[str, dict] = {"users": {"kind": "users"},
                            "vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"},
                            "igw": {"kind": "internet_gateway", "vpc": "vpc"}}
    for i, az in enumerate(AZS):
        res[f"pub-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"eu-west-1{az}",
                            "cidr": f"10.0.{i}.0/24", "public": True}
        res[f"app-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"eu-west-1{az}",
                            "cidr": f"10.0.{10 + i}.0/24"}
    for k in range(60):
        az = AZS[k % 3]
        res[f"web{k}"] = {"kind": "ec2_instance", "subnet": f"app-{az}", "label": f"web {k}"}
    for k in range(6):
        res[f"bucket{k}"] = {"kind": "s3_bucket", "bucket_name": f"bucket-{k}-bench"}
    drawn = [r for r, b in res.items() if b["kind"] not in ("vpc", "subnet")]
    pairs = [(a, b) for a in drawn for b in drawn if a != b]
    chosen = rng.sample(pairs, flows)
    return {"title": f"{flows} flows", "region": "eu-west-1", "resources": res,
            "flows": [{"from": a, "to": b, "label": f"flow {i}"} for i, (a, b) in
                      enumerate(chosen)],
            "sections": [{"title": "Web", "resources": ["web0", "web1"]}]}
