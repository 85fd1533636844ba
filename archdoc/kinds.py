"""The kind registry: everything archdoc knows about each AWS resource kind, in one entry.

An entry holds the model class, the icon, the draw.io shape, where the diagram places it, its
collapse threshold and the report table that shows it. The kind's words (name, service name,
catalogue definition) are in ``archdoc/data/<language>.yaml``. Code that walks kinds asks this
registry; it keeps no ``if kind == ...`` lists of its own.

Adding a kind (say ``dynamodb_table``): its class in ``model/resources.py``, one ``Kind(...)``
entry below, its texts in ``data/en.yaml`` (and ``ko.yaml``). ``tests/test_kinds.py`` checks every
entry is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from archdoc.model import resources as r
from archdoc.model.resources.messaging import SqsQueue
from archdoc.model.document import Architecture
from archdoc.text import say

Where = Literal["outside", "global", "regional", "vpc_border", "vpc_edge", "vpc", "subnets",
                "group"]


@dataclass(frozen=True)
class Placement:
    """Where the diagram draws one resource.

    ``outside`` the cloud (users); ``global`` in the cloud, outside any region; ``regional``
    in the region, outside the VPC; ``vpc_border`` on the VPC's top edge (internet gateway);
    ``vpc_edge`` on its right edge (gateway endpoints); ``vpc`` in the VPC-wide strip (security
    groups, route tables, target groups); ``subnets`` once in each listed subnet, the first
    being the primary; ``group`` drawn as a box, not an icon (VPC, subnet).
    """

    where: Where
    subnets: tuple[str, ...] = ()
    vpc: str | None = None
    roles: tuple[str, ...] = ()  # text keys naming each copy, e.g. ("primary", "standby")


PlaceFn = Callable[[r.ResourceBase, Architecture], Placement]


def _fixed(where: Where) -> PlaceFn:
    return lambda res, model: Placement(where)


def _in_vpc(where: Where) -> PlaceFn:
    return lambda res, model: Placement(where, vpc=res.vpc)  # type: ignore[attr-defined]


def _one_subnet(res, model) -> Placement:
    return Placement("subnets", (res.subnet,))


def _each_subnet(res, model) -> Placement:
    return Placement("subnets", tuple(dict.fromkeys(res.subnets)))


def _lambda(res, model) -> Placement:
    return _each_subnet(res, model) if res.subnets else Placement("regional")


def _endpoint(res, model) -> Placement:
    if res.type == "interface" and res.subnets:
        return _each_subnet(res, model)
    return Placement("vpc_edge", vpc=res.vpc)


def _rds(res, model) -> Placement:
    """A Multi-AZ instance is drawn twice: primary in its first subnet, standby in the first
    subnet of another AZ; a single-AZ one once, in its first subnet."""
    first = res.subnets[0]
    if res.multi_az:
        az = model.resources[first].az
        other = next((s for s in res.subnets if model.resources[s].az != az), None)
        if other is not None:
            return Placement("subnets", (first, other), roles=("primary", "standby"))
    return Placement("subnets", (first,))


@dataclass(frozen=True)
class NotRead:
    """Why the drift check does not read a kind from the account (the finding says so)."""

    reason: str
    aws: bool = True  # False: not an AWS resource at all (people): nothing to look for


NOT_AN_AWS_RESOURCE = NotRead(say("not an AWS resource"), aws=False)
NOT_READ_YET = NotRead(say("archdoc does not read this kind from AWS yet"))


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[r.ResourceBase]
    icon: str  # PNG under the ``diagrams`` package's resources/ folder
    drawio: tuple[str, str, str]  # draw.io shape: (resource | service | plain, colour, aws4 name)
    place: PlaceFn
    # drift: the module of ``archdoc.drift.readers`` (one AWS service) holding its reader, or
    # why it is not read
    drift: str | NotRead
    table: str | None = None  # report table builder (``render/report/tables.py``)
    collapse_at: int = 4  # this many interchangeable resources in one place become one node

    def placement(self, res: r.ResourceBase, model: Architecture) -> Placement:
        return self.place(res, model)


REGISTRY: tuple[Kind, ...] = (
    Kind("users", r.Users, "aws/general/users.png", ("resource", "#232F3D", "users"),
         _fixed("outside"), NOT_AN_AWS_RESOURCE),
    Kind("route53_zone", r.Route53Zone, "aws/network/route-53-hosted-zone.png",
         ("resource", "#8C4FFF", "hosted_zone"), _fixed("global"), "route53"),
    Kind("route53_record", r.Route53Record, "aws/network/route-53.png",
         ("service", "#8C4FFF", "route_53"), _fixed("global"), "route53"),
    Kind("acm_certificate", r.AcmCertificate, "aws/security/certificate-manager.png",
         ("service", "#DD344C", "certificate_manager_3"), _fixed("regional"), "acm"),
    Kind("cloudfront_distribution", r.CloudFrontDistribution, "aws/network/cloudfront.png",
         ("service", "#8C4FFF", "cloudfront"), _fixed("global"), NOT_READ_YET),
    Kind("vpc", r.Vpc, "aws/network/vpc.png", ("group", "", "vpc"), _fixed("group"), "ec2"),
    Kind("subnet", r.Subnet, "aws/network/public-subnet.png", ("group", "", "subnet"),
         _fixed("group"), "ec2"),
    Kind("internet_gateway", r.InternetGateway, "aws/network/internet-gateway.png",
         ("resource", "#8C4FFF", "internet_gateway"), _in_vpc("vpc_border"), "ec2"),
    Kind("nat_gateway", r.NatGateway, "aws/network/nat-gateway.png",
         ("resource", "#8C4FFF", "nat_gateway"), _one_subnet, "ec2"),
    Kind("route_table", r.RouteTable, "aws/network/route-table.png",
         ("resource", "#8C4FFF", "route_table"), _in_vpc("vpc"), "ec2", collapse_at=12),
    Kind("vpc_endpoint", r.VpcEndpoint, "aws/network/endpoint.png",
         ("resource", "#8C4FFF", "endpoints"), _endpoint, "ec2"),
    Kind("security_group", r.SecurityGroup, "aws/general/generic-firewall.png",
         ("plain", "#DD3522", "security_group"),
         _in_vpc("vpc"), "ec2", table="security_group_rules", collapse_at=12),
    Kind("alb", r.Alb, "aws/network/elb-application-load-balancer.png",
         ("resource", "#8C4FFF", "application_load_balancer"), _each_subnet, "elbv2",
         table="alb_resource_map"),
    Kind("target_group", r.TargetGroup, "aws/compute/ec2-instances.png",
         ("resource", "#ED7100", "instances"), _in_vpc("vpc"), "elbv2"),
    Kind("ec2_instance", r.Ec2Instance, "aws/compute/ec2-instance.png",
         ("resource", "#ED7100", "instance2"), _one_subnet, "ec2"),
    Kind("autoscaling_group", r.AutoScalingGroup, "aws/compute/ec2-auto-scaling.png",
         ("resource", "#ED7100", "auto_scaling2"), _each_subnet, NOT_READ_YET),
    Kind("lambda_function", r.LambdaFunction, "aws/compute/lambda-function.png",
         ("resource", "#ED7100", "lambda_function"), _lambda, NOT_READ_YET),
    Kind("iam_role", r.IamRole, "aws/security/identity-and-access-management-iam-role.png",
         ("resource", "#DD344C", "role"), _fixed("global"), "iam", table="iam_role_policies"),
    Kind("s3_bucket", r.S3Bucket, "aws/storage/simple-storage-service-s3-bucket.png",
         ("resource", "#7AA116", "bucket"), _fixed("regional"), "s3"),
    Kind("ssm_session_manager", r.SsmSessionManager, "aws/management/systems-manager.png",
         ("resource", "#E7157B", "systems_manager_session_manager"), _fixed("regional"), "ssm"),
    Kind("rds_instance", r.RdsInstance, "aws/database/rds-instance.png",
         ("resource", "#C925D1", "rds_instance"), _rds, NOT_READ_YET),
    Kind("secretsmanager_secret", r.SecretsManagerSecret, "aws/security/secrets-manager.png",
         ("service", "#DD344C", "secrets_manager"), _fixed("regional"), NOT_READ_YET),
    Kind("sqs_queue", SqsQueue, "aws/integration/simple-queue-service-sqs-queue.png",
         ("resource", "#E7157B", "queue"), _fixed("regional"), "sqs"),
)

KIND: dict[str, Kind] = {k.name: k for k in REGISTRY}

__all__ = ["BOXES", "KIND", "KINDS", "NOT_AN_AWS_RESOURCE", "NOT_READ_YET", "REGISTRY", "Kind",
           "NotRead", "Placement", "replace"]

# kind -> model class, for validation and the JSON Schema
KINDS: dict[str, type[r.ResourceBase]] = {k.name: k.model for k in REGISTRY}
# kinds drawn as the boxes around icons (VPC, subnet): a flow joins icons, not boxes
BOXES: frozenset[str] = frozenset(k.name for k in REGISTRY if k.drawio[0] == "group")
