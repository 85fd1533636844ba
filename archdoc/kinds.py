"""The kind registry: everything archdoc knows about each AWS resource kind, in one entry.

An entry holds the model class, its CloudFormation type (the kind answers to that name too),
the icon, the draw.io shape, where the diagram places it, its drift reader, its collapse
threshold and the report table that shows it. The kind's words (name, service name,
definition) are in ``archdoc/data/<language>.yaml``. Code that walks kinds asks this registry
(``kind_of``); it keeps no ``if kind == ...`` lists of its own.

Every other CloudFormation type is a kind too, a generic one (``kind_of("AWS::DynamoDB::
Table")``): its icon, shape and words come from the type catalogue (``archdoc.catalogue``),
its drift from the Resource Groups Tagging API.

Adding a first-class kind (say ``dynamodb_table``): its class in the area's module of
``model/resources/``, one ``Kind(...)`` entry below, its texts in ``data/en.yaml`` (and
``ko.yaml``), its drift reader in ``drift/readers/``. ``tests/test_kinds.py`` checks every
entry is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from archdoc import catalogue
from archdoc.model import resources as r
from archdoc.model.document import Architecture
from archdoc.model.resources import api, containers, data, network, security
from archdoc.model.resources.balancing import Nlb
from archdoc.model.resources.generic import GenericResource
from archdoc.model.resources.messaging import SnsTopic, SqsQueue
from archdoc.text import say

Where = Literal["outside", "global", "regional", "between_vpcs", "vpc_border", "vpc_edge", "vpc",
                "subnets", "span", "group", "hidden"]


@dataclass(frozen=True)
class Placement:
    """Where the diagram draws one resource.

    ``outside`` the cloud (users); ``global`` in the cloud, outside any region; ``regional``
    in its region, outside the VPC; ``between_vpcs`` in its region, between its first two VPCs
    (what links them: peering, a Transit Gateway); ``vpc_border`` on the VPC's top edge
    (internet gateway); ``vpc_edge`` on its right edge (gateway endpoints); ``vpc`` in a row
    at the VPC's foot (what serves the whole VPC and takes part in a flow); ``subnets`` once in
    each listed subnet, the first being the primary; ``span`` once, across its subnets of
    several AZs (a load balancer, as AWS draws it); ``group`` drawn as a box, not an icon (VPC,
    subnet); ``hidden`` not an icon at all (a security group is a red boundary round its
    members, a route table a table in the report).
    """

    where: Where
    subnets: tuple[str, ...] = ()
    vpc: str | None = None
    roles: tuple[str, ...] = ()  # text keys naming each copy, e.g. ("primary", "standby")


PlaceFn = Callable[[Any, Architecture], Placement]
REGIONAL = Placement("regional")  # a sketch not yet placed stands in its region


def _fixed(where: Where) -> PlaceFn:
    return lambda res, model: Placement(where)


def _in_vpc(where: Where) -> PlaceFn:
    return lambda res, model: Placement(where, vpc=res.vpc) if res.vpc else REGIONAL


def _hidden(res: Any, model: Architecture) -> Placement:
    return Placement("hidden")


def _in_flows(where: Where) -> PlaceFn:
    """Drawn (``where``) only when a flow names it; else described by the report alone."""
    def place(res: Any, model: Architecture) -> Placement:
        if model.index.id_of(res) not in model.index.in_flows:
            return Placement("hidden")
        return _in_vpc(where)(res, model)
    return place


def _spanning(res: Any, model: Architecture) -> Placement:
    """Once across its subnets when they lie in more than one AZ (a load balancer)."""
    subnets = tuple(dict.fromkeys(res.subnets))
    if not subnets:
        return REGIONAL
    azs = {model.get(s, r.Subnet).az for s in subnets}
    return Placement("span" if len(azs) > 1 else "subnets", subnets if len(azs) > 1
                     else subnets[:1])


def _one_subnet(res: Any, model: Architecture) -> Placement:
    return Placement("subnets", (res.subnet,)) if res.subnet else REGIONAL


def _each_subnet(res: Any, model: Architecture) -> Placement:
    return Placement("subnets", tuple(dict.fromkeys(res.subnets))) if res.subnets else REGIONAL


def _endpoint(res: Any, model: Architecture) -> Placement:
    if res.type == "interface" and res.subnets:
        return _each_subnet(res, model)
    return Placement("vpc_edge", vpc=res.vpc) if res.vpc else REGIONAL


def _rds(res: Any, model: Architecture) -> Placement:
    """A Multi-AZ instance is drawn twice: primary in its first subnet, standby in the first
    subnet of another AZ; a single-AZ one once, in its first subnet."""
    if not res.subnets:
        return REGIONAL
    first = res.subnets[0]
    if res.multi_az:
        az = model.get(first, r.Subnet).az
        other = next((s for s in res.subnets if model.get(s, r.Subnet).az != az), None)
        if other is not None:
            return Placement("subnets", (first, other), roles=("primary", "standby"))
    return Placement("subnets", (first,))


def _certificate(res: Any, model: Architecture) -> Placement:
    """A distribution's certificate (in us-east-1, wherever the rest is) stands beside the
    distribution, above the regions; every other certificate in its region."""
    if res.region and res.region != model.region:
        rid = model.index.id_of(res)
        if any(cdn.certificate == rid for cdn in model.all_of(r.CloudFrontDistribution).values()):
            return Placement("global")
    return REGIONAL


def _waf(res: Any, model: Architecture) -> Placement:
    """A web ACL for CloudFront is global (it lives in us-east-1 for every edge location)."""
    return Placement("global") if res.scope == "CLOUDFRONT" else REGIONAL


def _generic(res: Any, model: Architecture) -> Placement:
    """Any other type: in its subnets, else in its VPC, else in its region (above the
    regions for a global service)."""
    if res.placed_in:
        return Placement("subnets", tuple(res.placed_in))
    if res.vpc:
        return Placement("vpc", vpc=res.vpc)
    return Placement("global") if catalogue.is_global(res.kind) else REGIONAL


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
    cfn: str | None  # its CloudFormation type, which ``kind:`` may name instead
    icon: str  # PNG under the ``diagrams`` package's resources/ folder
    drawio: tuple[str, str, str]  # draw.io shape: (resource | service | plain, colour, aws4 name)
    place: PlaceFn
    # drift: the module of ``archdoc.drift.readers`` (one AWS service) holding its reader, or
    # why it is not read
    drift: str | NotRead
    table: str | None = None  # report table builder (``render/report/tables.py``)
    collapse_at: int = 4  # this many interchangeable resources in one place become one node
    generic: bool = False  # a CloudFormation type without a first-class kind

    def placement(self, res: r.ResourceBase, model: Architecture) -> Placement:
        return self.place(res, model)


NET, COMPUTE, SECURITY, STORAGE, DATABASE, MANAGEMENT, INTEGRATION = (
    "#8C4FFF", "#ED7100", "#DD344C", "#7AA116", "#C925D1", "#E7157B", "#E7157B")

REGISTRY: tuple[Kind, ...] = (
    Kind("users", r.Users, None, "aws/general/users.png", ("resource", "#232F3D", "users"),
         _fixed("outside"), NOT_AN_AWS_RESOURCE),
    Kind("route53_zone", r.Route53Zone, "AWS::Route53::HostedZone",
         "aws/network/route-53-hosted-zone.png", ("resource", NET, "hosted_zone"),
         _fixed("global"), "route53"),
    Kind("route53_record", r.Route53Record, "AWS::Route53::RecordSet",
         "aws/network/route-53.png", ("service", NET, "route_53"), _fixed("global"), "route53"),
    Kind("acm_certificate", r.AcmCertificate, "AWS::CertificateManager::Certificate",
         "aws/security/certificate-manager.png", ("service", SECURITY, "certificate_manager_3"),
         _certificate, "acm"),
    Kind("cloudfront_distribution", r.CloudFrontDistribution, "AWS::CloudFront::Distribution",
         "aws/network/cloudfront.png", ("service", NET, "cloudfront"), _fixed("global"),
         NOT_READ_YET),
    Kind("vpc", r.Vpc, "AWS::EC2::VPC", "aws/network/vpc.png", ("group", "", "vpc"),
         _fixed("group"), "ec2"),
    Kind("subnet", r.Subnet, "AWS::EC2::Subnet", "aws/network/public-subnet.png",
         ("group", "", "subnet"), _fixed("group"), "ec2"),
    Kind("internet_gateway", r.InternetGateway, "AWS::EC2::InternetGateway",
         "aws/network/internet-gateway.png", ("resource", NET, "internet_gateway"),
         _in_vpc("vpc_border"), "ec2"),
    Kind("nat_gateway", r.NatGateway, "AWS::EC2::NatGateway", "aws/network/nat-gateway.png",
         ("resource", NET, "nat_gateway"), _one_subnet, "ec2"),
    Kind("route_table", r.RouteTable, "AWS::EC2::RouteTable", "aws/network/route-table.png",
         ("resource", NET, "route_table"), _hidden, "ec2", collapse_at=12),
    Kind("vpc_endpoint", r.VpcEndpoint, "AWS::EC2::VPCEndpoint", "aws/network/endpoint.png",
         ("resource", NET, "endpoints"), _endpoint, "ec2"),
    Kind("security_group", r.SecurityGroup, "AWS::EC2::SecurityGroup",
         "aws/general/generic-firewall.png", ("plain", "#DD3522", "security_group"),
         _hidden, "ec2", table="security_group_rules", collapse_at=12),
    Kind("alb", r.Alb, "AWS::ElasticLoadBalancingV2::LoadBalancer",
         "aws/network/elb-application-load-balancer.png",
         ("resource", NET, "application_load_balancer"), _spanning, "elbv2",
         table="alb_resource_map"),
    Kind("target_group", r.TargetGroup, "AWS::ElasticLoadBalancingV2::TargetGroup",
         "aws/compute/ec2-instances.png", ("resource", COMPUTE, "instances"),
         _in_flows("vpc"), "elbv2"),
    Kind("ec2_instance", r.Ec2Instance, "AWS::EC2::Instance", "aws/compute/ec2-instance.png",
         ("resource", COMPUTE, "instance2"), _one_subnet, "ec2"),
    Kind("autoscaling_group", r.AutoScalingGroup, "AWS::AutoScaling::AutoScalingGroup",
         "aws/compute/ec2-auto-scaling.png", ("resource", COMPUTE, "auto_scaling2"),
         _each_subnet, NOT_READ_YET),
    Kind("lambda_function", r.LambdaFunction, "AWS::Lambda::Function",
         "aws/compute/lambda-function.png", ("resource", COMPUTE, "lambda_function"),
         _each_subnet, NOT_READ_YET),
    Kind("iam_role", r.IamRole, "AWS::IAM::Role",
         "aws/security/identity-and-access-management-iam-role.png",
         ("resource", SECURITY, "role"), _fixed("global"), "iam", table="iam_role_policies"),
    Kind("s3_bucket", r.S3Bucket, "AWS::S3::Bucket",
         "aws/storage/simple-storage-service-s3-bucket.png", ("resource", STORAGE, "bucket"),
         _fixed("regional"), "s3"),
    Kind("ssm_session_manager", r.SsmSessionManager, None, "aws/management/systems-manager.png",
         ("resource", MANAGEMENT, "systems_manager"), _fixed("regional"),
         "ssm"),
    Kind("rds_instance", r.RdsInstance, "AWS::RDS::DBInstance", "aws/database/rds-instance.png",
         ("resource", DATABASE, "rds_instance"), _rds, NOT_READ_YET),
    Kind("secretsmanager_secret", r.SecretsManagerSecret, "AWS::SecretsManager::Secret",
         "aws/security/secrets-manager.png", ("service", SECURITY, "secrets_manager"),
         _fixed("regional"), NOT_READ_YET),
    Kind("sqs_queue", SqsQueue, "AWS::SQS::Queue",
         "aws/integration/simple-queue-service-sqs-queue.png",
         ("resource", INTEGRATION, "queue"), _fixed("regional"), "sqs"),
    Kind("sns_topic", SnsTopic, "AWS::SNS::Topic",
         "aws/integration/simple-notification-service-sns-topic.png",
         ("resource", INTEGRATION, "topic"), _fixed("regional"), "sns"),
    Kind("network_acl", network.NetworkAcl, "AWS::EC2::NetworkAcl", "aws/network/nacl.png",
         ("resource", NET, "network_access_control_list"), _in_vpc("vpc"), "ec2",
         table="network_acl_rules", collapse_at=12),
    Kind("transit_gateway", network.TransitGateway, "AWS::EC2::TransitGateway",
         "aws/network/transit-gateway.png", ("resource", NET, "transit_gateway"),
         _fixed("between_vpcs"), "ec2"),
    Kind("transit_gateway_attachment", network.TransitGatewayAttachment,
         "AWS::EC2::TransitGatewayVpcAttachment", "aws/network/transit-gateway-attachment.png",
         ("resource", NET, "transit_gateway"), _in_vpc("vpc_edge"), "ec2"),
    Kind("vpc_peering", network.VpcPeering, "AWS::EC2::VPCPeeringConnection",
         "aws/network/vpc-peering.png", ("resource", NET, "peering"), _fixed("between_vpcs"),
         "ec2"),
    Kind("nlb", Nlb, "AWS::ElasticLoadBalancingV2::LoadBalancer",
         "aws/network/elb-network-load-balancer.png",
         ("resource", NET, "network_load_balancer"), _spanning, "elbv2"),
    Kind("ecs_cluster", containers.EcsCluster, "AWS::ECS::Cluster",
         "aws/compute/elastic-container-service.png", ("service", COMPUTE, "ecs"),
         _fixed("regional"), "ecs"),
    Kind("ecs_service", containers.EcsService, "AWS::ECS::Service",
         "aws/compute/elastic-container-service-service.png",
         ("resource", COMPUTE, "ecs_service"), _each_subnet, "ecs"),
    Kind("ecs_task_definition", containers.EcsTaskDefinition, "AWS::ECS::TaskDefinition",
         "aws/compute/elastic-container-service-task.png", ("resource", COMPUTE, "ecs_task"),
         _fixed("regional"), "ecs", table="ecs_task_containers"),
    Kind("eks_cluster", containers.EksCluster, "AWS::EKS::Cluster",
         "aws/compute/elastic-kubernetes-service.png", ("service", COMPUTE, "eks"),
         _each_subnet, "eks"),
    Kind("dynamodb_table", data.DynamoDbTable, "AWS::DynamoDB::Table",
         "aws/database/dynamodb-table.png", ("resource", DATABASE, "table"),
         _fixed("regional"), "dynamodb"),
    Kind("elasticache_cluster", data.ElastiCacheCluster, "AWS::ElastiCache::ReplicationGroup",
         "aws/database/elasticache-for-redis.png", ("resource", DATABASE,
                                                     "elasticache_for_redis"),
         _each_subnet, "elasticache"),
    Kind("kms_key", security.KmsKey, "AWS::KMS::Key", "aws/security/key-management-service.png",
         ("resource", SECURITY, "data_encryption_key"), _fixed("regional"), "kms"),
    Kind("waf_web_acl", security.WafWebAcl, "AWS::WAFv2::WebACL", "aws/security/waf.png",
         ("service", SECURITY, "waf"), _waf, "wafv2", table="waf_rules"),
    Kind("cloudtrail_trail", security.CloudTrailTrail, "AWS::CloudTrail::Trail",
         "aws/management/cloudtrail.png", ("service", MANAGEMENT, "cloudtrail"),
         _fixed("regional"), "cloudtrail"),
    Kind("guardduty_detector", security.GuardDutyDetector, "AWS::GuardDuty::Detector",
         "aws/security/guardduty.png", ("service", SECURITY, "guardduty"), _fixed("regional"),
         "guardduty"),
    Kind("log_group", security.LogGroup, "AWS::Logs::LogGroup",
         "aws/management/cloudwatch-logs.png", ("resource", MANAGEMENT, "logs"),
         _fixed("regional"), "logs"),
    Kind("api_gateway_rest_api", api.ApiGatewayRestApi, "AWS::ApiGateway::RestApi",
         "aws/mobile/api-gateway.png", ("service", SECURITY, "api_gateway"),
         _fixed("regional"), "apigateway", table="api_routes"),
    Kind("api_gateway_http_api", api.ApiGatewayHttpApi, "AWS::ApiGatewayV2::Api",
         "aws/mobile/api-gateway.png", ("service", SECURITY, "api_gateway"),
         _fixed("regional"), "apigatewayv2", table="api_routes"),
    Kind("cognito_user_pool", api.CognitoUserPool, "AWS::Cognito::UserPool",
         "aws/security/cognito.png", ("service", SECURITY, "cognito"), _fixed("regional"),
         "cognito"),
)

KIND: dict[str, Kind] = {k.name: k for k in REGISTRY}
# kind -> model class, for validation and the JSON Schema
KINDS: dict[str, type[r.ResourceBase]] = {k.name: k.model for k in REGISTRY}
# kinds drawn as the boxes around icons (VPC, subnet): a flow joins icons, not boxes
BOXES: frozenset[str] = frozenset(k.name for k in REGISTRY if k.drawio[0] == "group")
# CloudFormation type -> the first-class kind that answers to it
ALIASES: dict[str, str] = {}
for _kind in REGISTRY:  # the first kind of a type takes its name (an ALB, not an NLB)
    if _kind.cfn:
        ALIASES.setdefault(_kind.cfn, _kind.name)


@cache
def kind_of(name: str) -> Kind:
    """The entry of a first-class kind, or of any other CloudFormation type (its icon, shape
    and words from the type catalogue, its drift through the tagging API)."""
    if name in KIND:
        return KIND[name]
    if name in ALIASES:
        return KIND[ALIASES[name]]
    icon, _ = catalogue.icon(name)
    drift: str | NotRead = "tagging" if catalogue.taggable(name) else NotRead(say(
        "{type} carries no tags, so the Resource Groups Tagging API cannot list it", type=name))
    return Kind(name, GenericResource, name, icon, catalogue.drawio(name), _generic, drift,
                generic=True)


__all__ = ["ALIASES", "BOXES", "KIND", "KINDS", "NOT_AN_AWS_RESOURCE", "NOT_READ_YET",
           "REGISTRY", "Kind", "NotRead", "Placement", "kind_of", "replace"]
