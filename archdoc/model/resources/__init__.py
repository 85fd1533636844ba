"""The resource kinds of an architecture model: one class per kind, by area.

Adding a kind: its class in the area's module here (fields with ``Ref``/``Cidr``/``Port``
types get their checks for free), its entry in ``archdoc/kinds.py`` (icon, draw.io shape,
placement, report table, drift reader) and its texts in ``archdoc/data/<language>.yaml``.
"""

from archdoc.model.resources.balancing import (
    Action,
    Alb,
    HealthCheck,
    Listener,
    ListenerRule,
    TargetGroup,
)
from archdoc.model.resources.base import LABEL_MAX, AwsLocator, ResourceBase, SkipCheck
from archdoc.model.resources.compute import (
    AutoScalingGroup,
    Ec2Instance,
    LambdaFunction,
    SsmSessionManager,
)
from archdoc.model.resources.edge import (
    AcmCertificate,
    CloudFrontDistribution,
    CloudFrontOrigin,
    Route53Record,
    Route53Zone,
    Users,
)
from archdoc.model.resources.identity import IamRole, InlinePolicy, PolicyStatement
from archdoc.model.resources.network import (
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Vpc,
    VpcEndpoint,
)
from archdoc.model.resources.storage import (
    BucketNotification,
    PublicAccessBlock,
    RdsInstance,
    S3Bucket,
    SecretsManagerSecret,
)

__all__ = [
    "LABEL_MAX", "AcmCertificate", "Action", "Alb", "AutoScalingGroup", "AwsLocator",
    "BucketNotification", "CloudFrontDistribution", "CloudFrontOrigin", "Ec2Instance",
    "HealthCheck", "IamRole", "InlinePolicy", "InternetGateway", "LambdaFunction", "Listener",
    "ListenerRule", "NatGateway", "PolicyStatement", "PublicAccessBlock", "RdsInstance",
    "ResourceBase", "Route", "Route53Record", "Route53Zone", "RouteTable", "S3Bucket",
    "SecretsManagerSecret", "SecurityGroup", "SecurityGroupRule", "SkipCheck",
    "SsmSessionManager", "Subnet", "TargetGroup", "Users", "Vpc", "VpcEndpoint",
]
