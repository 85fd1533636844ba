"""Icons and display names per resource kind, taken from the ``diagrams`` package's AWS set."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from diagrams.aws import compute, database, general, management, network, security, storage


@dataclass(frozen=True)
class KindStyle:
    icon_class: type  # a diagrams node class: its metadata names the icon file
    name_en: str
    name_ko: str


KIND_STYLES: dict[str, KindStyle] = {
    "users": KindStyle(general.Users, "Users", "사용자"),
    "route53_zone": KindStyle(network.Route53HostedZone, "Route 53 hosted zone",
                              "Route 53 호스팅 영역"),
    "route53_record": KindStyle(network.Route53, "Route 53 record", "Route 53 레코드"),
    "acm_certificate": KindStyle(security.CertificateManager, "ACM certificate", "ACM 인증서"),
    "cloudfront_distribution": KindStyle(network.CloudFront, "CloudFront", "CloudFront"),
    "vpc": KindStyle(network.VPC, "VPC", "VPC"),
    "subnet": KindStyle(network.PublicSubnet, "Subnet", "서브넷"),
    "internet_gateway": KindStyle(network.InternetGateway, "Internet gateway", "인터넷 게이트웨이"),
    "nat_gateway": KindStyle(network.NATGateway, "NAT gateway", "NAT 게이트웨이"),
    "route_table": KindStyle(network.RouteTable, "Route table", "라우팅 테이블"),
    "vpc_endpoint": KindStyle(network.Endpoint, "VPC endpoint", "VPC 엔드포인트"),
    "security_group": KindStyle(general.GenericFirewall, "Security group", "보안 그룹"),
    "alb": KindStyle(network.ElbApplicationLoadBalancer, "Application Load Balancer", "ALB"),
    "target_group": KindStyle(compute.EC2Instances, "Target group", "타겟 그룹"),
    "ec2_instance": KindStyle(compute.EC2Instance, "EC2 instance", "EC2 인스턴스"),
    "autoscaling_group": KindStyle(compute.EC2AutoScaling, "Auto Scaling group",
                                   "Auto Scaling 그룹"),
    "lambda_function": KindStyle(compute.LambdaFunction, "Lambda function", "Lambda 함수"),
    "iam_role": KindStyle(security.IdentityAndAccessManagementIamRole, "IAM role", "IAM 역할"),
    "s3_bucket": KindStyle(storage.SimpleStorageServiceS3Bucket, "S3 bucket", "S3 버킷"),
    "ssm_session_manager": KindStyle(management.SystemsManager, "Session Manager",
                                     "Session Manager"),
    "rds_instance": KindStyle(database.RDSInstance, "RDS instance", "RDS 인스턴스"),
}


@cache
def icon_path(kind: str) -> str:
    """Absolute path of the PNG icon ``diagrams`` ships for ``kind``."""
    cls = KIND_STYLES[kind].icon_class
    root = os.path.dirname(os.path.dirname(os.path.abspath(compute.__file__)))
    return os.path.join(os.path.dirname(root), cls._icon_dir, cls._icon)


def kind_name(kind: str, language: str) -> str:
    style = KIND_STYLES[kind]
    return style.name_ko if language == "ko" else style.name_en
