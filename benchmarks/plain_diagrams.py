"""The baseline archdoc is measured against: what a user of ``diagrams`` writes instead.

A plain script that imports nothing of archdoc: it reads the same ``arch.yaml`` itself (PyYAML),
makes one node per resource with diagrams' own AWS icon for its kind, nests them in clusters as
the model does (AWS Cloud > region > VPC > subnet), draws every flow as a labelled edge, and
writes PNG and SVG, as ``diagrams`` users do.

Usage: python plain_diagrams.py MODEL OUTDIR [SPLINES]

SPLINES is Graphviz's edge style: diagrams' default is ``ortho``; ``spline`` is faster.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import yaml
from diagrams import Cluster, Diagram, Edge

# kind -> diagrams class ("module.Class" under diagrams.aws), as a diagrams user picks them
ICONS = {
    "users": "general.Users", "route53_zone": "network.Route53HostedZone",
    "route53_record": "network.Route53", "acm_certificate": "security.CertificateManager",
    "cloudfront_distribution": "network.CloudFront", "internet_gateway": "network.InternetGateway",
    "nat_gateway": "network.NATGateway", "route_table": "network.RouteTable",
    "vpc_endpoint": "network.Endpoint", "security_group": "security.Shield",
    "alb": "network.ALB", "nlb": "network.NLB", "target_group": "network.ElasticLoadBalancing",
    "ec2_instance": "compute.EC2", "autoscaling_group": "compute.EC2AutoScaling",
    "lambda_function": "compute.Lambda", "iam_role": "security.IAMRole",
    "s3_bucket": "storage.S3", "ssm_session_manager": "management.SystemsManager",
    "rds_instance": "database.RDS", "secretsmanager_secret": "security.SecretsManager",
    "sqs_queue": "integration.SQS", "sns_topic": "integration.SNS",
    "network_acl": "network.Nacl", "transit_gateway": "network.TransitGateway",
    "transit_gateway_attachment": "network.TransitGatewayAttachment",
    "vpc_peering": "network.VPCPeering", "ecs_cluster": "compute.ECS",
    "ecs_service": "compute.ElasticContainerServiceService",
    "ecs_task_definition": "compute.ElasticContainerServiceContainer",
    "eks_cluster": "compute.EKS", "dynamodb_table": "database.DynamodbTable",
    "elasticache_cluster": "database.Elasticache", "kms_key": "security.KMS",
    "waf_web_acl": "security.WAF", "cloudtrail_trail": "management.Cloudtrail",
    "guardduty_detector": "security.Guardduty", "log_group": "management.CloudwatchLogs",
    "api_gateway_rest_api": "network.APIGateway", "api_gateway_http_api": "network.APIGateway",
    "cognito_user_pool": "security.Cognito",
}
GENERIC = "general.General"  # what a diagrams user draws a service without an icon class as


def icon(kind: str):
    module, name = ICONS.get(kind, GENERIC).split(".")
    return getattr(importlib.import_module(f"diagrams.aws.{module}"), name)


def main(model_path: str, out_dir: str, splines: str | None = None) -> None:
    model = yaml.safe_load(Path(model_path).read_text(encoding="utf-8"))
    resources: dict[str, dict] = model["resources"]
    home = model.get("region", "")

    def where(res: dict) -> tuple[str, str | None, str | None]:
        """(region, VPC, subnet) a resource is drawn in; its first subnet if several."""
        subnet = res.get("subnet") or (res.get("subnets") or [None])[0]
        vpc = res.get("vpc") or (resources[subnet]["vpc"] if subnet in resources else None)
        return res.get("region") or home, vpc, subnet

    made: dict = {}
    placed: dict[tuple[str, str | None, str | None], list[str]] = {}
    for rid, res in resources.items():
        if res["kind"] in ("vpc", "subnet"):
            continue
        placed.setdefault(where(res) if res["kind"] != "users" else ("", None, None),
                          []).append(rid)

    def nodes(key: tuple[str, str | None, str | None]) -> None:
        for rid in placed.get(key, []):
            res = resources[rid]
            made[rid] = icon(res["kind"])(str(res.get("label") or rid))

    with Diagram(str(model.get("title", "architecture")),
                 filename=str(Path(out_dir, "architecture")), show=False, direction="LR",
                 outformat=["png", "svg"],
                 graph_attr={"splines": splines} if splines else None):
        nodes(("", None, None))
        with Cluster("AWS Cloud"):
            for region in sorted({k[0] for k in placed if k[0]}):
                with Cluster(f"Region {region}"):
                    nodes((region, None, None))
                    vpcs = [v for v, r in resources.items() if r["kind"] == "vpc"
                            and (r.get("region") or home) == region]
                    for vpc in vpcs:
                        with Cluster(str(resources[vpc].get("label") or vpc)):
                            nodes((region, vpc, None))
                            for sid, sub in resources.items():
                                if sub["kind"] == "subnet" and sub["vpc"] == vpc:
                                    with Cluster(str(sub.get("label") or sid)):
                                        nodes((region, vpc, sid))
        for flow in model.get("flows") or []:
            if flow["from"] in made and flow["to"] in made:
                label = flow.get("label") or ":".join(
                    str(flow[k]) for k in ("protocol", "port") if flow.get(k))
                made[flow["from"]] >> Edge(label=label) >> made[flow["to"]]


if __name__ == "__main__":
    Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
    main(*sys.argv[1:4])
