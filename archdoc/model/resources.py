"""The resource kinds of an architecture model: one pydantic class per kind.

Adding a kind: a class here (fields with ``Ref``/``Cidr``/``Port`` types get their checks for
free), its entry in ``archdoc/kinds.py`` (icon, draw.io shape, placement, report table) and its
texts in ``archdoc/data/<language>.yaml``. ``KINDS`` (kind -> class) is derived from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from archdoc.model.types import Cidr, Port, PortRange, Ref, Strict


class AwsLocator(Strict):
    """How the drift check finds the resource in a live account: every field given must
    match. Omitted: its own name (bucket_name, name, domain), else the Name tag equal to its id."""

    id: str | None = Field(None, description="resource id, e.g. i-0abc..., vpc-0abc...")
    arn: str | None = None
    name: str | None = Field(None, description="name as shown in the console")
    tags: dict[str, str] = Field(default_factory=dict, description="tags that identify it")


class SkipCheck(Strict):
    """A security rule turned off for this resource, with the reason the report shows."""

    id: str = Field(description="rule id, e.g. AD-NET-003")
    reason: str = Field(min_length=1, description="why the rule does not apply here")


LABEL_MAX = 500  # characters of a label: a diagram cannot show more, Graphviz drops far longer


class ResourceBase(Strict):
    kind: str
    label: str | None = Field(None, max_length=LABEL_MAX,
                              description="text under the icon; defaults to the id")
    aws: AwsLocator | None = None
    definition: str | None = Field(
        None, description="what this AWS service is; overrides the built-in catalogue"
    )
    role: str | None = Field(None, description="what it does in this architecture")
    skip_checks: list[SkipCheck] = Field(
        default_factory=list, description="security rules turned off for this resource, each "
                                          "with its reason (shown in the report)")


# --- edge, DNS and certificates -------------------------------------------------------------


class Users(ResourceBase):
    """People or systems outside AWS that use the architecture."""

    kind: Literal["users"]


class Route53Zone(ResourceBase):
    kind: Literal["route53_zone"]
    domain: str
    private: bool = False


class Route53Record(ResourceBase):
    kind: Literal["route53_record"]
    zone: Annotated[str, Ref("route53_zone")]
    name: str = Field(description="fully qualified record name")
    type: Literal["A", "AAAA", "CNAME", "ALIAS"] = "A"
    alias_target: Annotated[str, Ref("alb", "cloudfront_distribution", "s3_bucket")] | None = None
    values: list[str] = Field(default_factory=list, description="plain record values")


class AcmCertificate(ResourceBase):
    kind: Literal["acm_certificate"]
    domain: str
    subject_alternative_names: list[str] = Field(default_factory=list)
    validation: Literal["DNS", "EMAIL", "imported"] = Field(
        "DNS", description="how ACM validated it; `imported` for a certificate brought in")
    region: str | None = Field(
        None, description="region the certificate lives in; default the model's region "
                          "(CloudFront needs us-east-1)")


def _origin_shorthand(value: Any) -> Any:
    """``origins: [web-alb]`` is short for ``origins: [{target: web-alb}]``."""
    return {"target": value} if isinstance(value, str) else value


class CloudFrontOrigin(Strict):
    target: Annotated[str, Ref("alb", "s3_bucket", "ec2_instance", "lambda_function")]
    origin_access_control: bool = Field(
        False, description="S3 origin reached only through origin access control (OAC)")
    protocol_policy: Literal["http-only", "https-only", "match-viewer"] = Field(
        "https-only", description="protocol CloudFront uses towards the origin")


class CloudFrontDistribution(ResourceBase):
    kind: Literal["cloudfront_distribution"]
    origins: list[Annotated[CloudFrontOrigin, BeforeValidator(_origin_shorthand)]] = Field(
        min_length=1, description="origin ids, or mappings with target and settings")
    aliases: list[str] = Field(default_factory=list)
    certificate: Annotated[str, Ref("acm_certificate")] | None = None
    viewer_protocol_policy: Literal["allow-all", "redirect-to-https", "https-only"] = (
        "redirect-to-https"
    )


# --- network --------------------------------------------------------------------------------


class Vpc(ResourceBase):
    kind: Literal["vpc"]
    cidr: Cidr


class Subnet(ResourceBase):
    kind: Literal["subnet"]
    vpc: Annotated[str, Ref("vpc")]
    az: str = Field(description="availability zone, e.g. ap-northeast-2a")
    cidr: Cidr
    public: bool = Field(False, description="true for a public subnet (route to an IGW)")
    tier: str | None = Field(
        None, max_length=40,
        description="row of the diagram this subnet is drawn in (e.g. web, app, data); same "
                    "tier, same row in every AZ. Default: public, then private subnets with a "
                    "route to a NAT gateway, then the others")


class InternetGateway(ResourceBase):
    kind: Literal["internet_gateway"]
    vpc: Annotated[str, Ref("vpc")]


class NatGateway(ResourceBase):
    kind: Literal["nat_gateway"]
    subnet: Annotated[str, Ref("subnet")]
    connectivity: Literal["public", "private"] = "public"


class Route(Strict):
    destination: Cidr | None = Field(None, description="CIDR; omit for a gateway endpoint")
    target: Annotated[str, Ref("internet_gateway", "nat_gateway", "vpc_endpoint")]


class RouteTable(ResourceBase):
    kind: Literal["route_table"]
    vpc: Annotated[str, Ref("vpc")]
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="associations")
    routes: list[Route] = Field(default_factory=list)


class VpcEndpoint(ResourceBase):
    kind: Literal["vpc_endpoint"]
    vpc: Annotated[str, Ref("vpc")]
    service: str = Field(description="service name, e.g. s3 or com.amazonaws.<region>.s3")
    type: Literal["gateway", "interface"] = "gateway"
    route_tables: list[Annotated[str, Ref("route_table")]] = Field(default_factory=list)
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)


class SecurityGroupRule(Strict):
    protocol: Literal["tcp", "udp", "icmp", "all"] = "tcp"
    port: PortRange | None = Field(None, description="port or range; omit for all ports")
    cidr: Cidr | None = Field(None, description="peer network")
    security_group: Annotated[str, Ref("security_group")] | None = Field(
        None, description="peer group")
    prefix_list: str | None = Field(None, description="peer managed prefix list")
    description: str | None = None

    @model_validator(mode="after")
    def _one_peer(self) -> SecurityGroupRule:
        peers = [p for p in (self.cidr, self.security_group, self.prefix_list) if p is not None]
        if len(peers) != 1:
            raise ValueError("a rule needs exactly one peer: cidr, security_group or prefix_list")
        return self


class SecurityGroup(ResourceBase):
    kind: Literal["security_group"]
    vpc: Annotated[str, Ref("vpc")]
    name: str | None = None
    description: str | None = None
    ingress: list[SecurityGroupRule] = Field(default_factory=list)
    egress: list[SecurityGroupRule] | None = Field(
        None, description="omitted: AWS's default, all traffic to 0.0.0.0/0; [] for none")

    @property
    def effective_egress(self) -> list[SecurityGroupRule]:
        """The outbound rules AWS applies: an omitted ``egress`` is AWS's allow-all default."""
        if self.egress is None:
            return [SecurityGroupRule(protocol="all", cidr="0.0.0.0/0")]
        return self.egress


# --- load balancing -------------------------------------------------------------------------


class Action(Strict):
    type: Literal["forward", "redirect", "fixed_response"]
    target_group: Annotated[str, Ref("target_group")] | None = Field(
        None, description="for forward")
    protocol: Literal["HTTP", "HTTPS"] | None = Field(None, description="for redirect")
    port: Port | None = Field(None, description="for redirect")
    status_code: int | None = Field(None, description="redirect (301/302) or fixed response")
    content_type: str | None = None
    message_body: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Action:
        if self.type == "forward" and self.target_group is None:
            raise ValueError("a forward action needs a target_group")
        if self.type == "redirect" and self.protocol is None and self.port is None:
            raise ValueError("a redirect action needs a protocol or port")
        if self.type == "fixed_response" and self.status_code is None:
            raise ValueError("a fixed_response action needs a status_code")
        return self


class ListenerRule(Strict):
    priority: int = Field(ge=1, le=50000)
    path_patterns: list[str] = Field(default_factory=list)
    host_headers: list[str] = Field(default_factory=list)
    action: Action


class Listener(Strict):
    port: Port
    protocol: Literal["HTTP", "HTTPS"]
    certificate: Annotated[str, Ref("acm_certificate")] | None = None
    ssl_policy: str | None = Field(
        None, description="TLS policy, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06")
    default_action: Action
    rules: list[ListenerRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _https_has_certificate(self) -> Listener:
        if self.protocol == "HTTPS" and self.certificate is None:
            raise ValueError("an HTTPS listener needs a certificate")
        return self


class Alb(ResourceBase):
    kind: Literal["alb"]
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    subnets: list[Annotated[str, Ref("subnet")]] = Field(min_length=1)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    listeners: list[Listener] = Field(default_factory=list)


class HealthCheck(Strict):
    protocol: Literal["HTTP", "HTTPS", "TCP"] = "HTTP"
    path: str = "/"
    port: Port | Literal["traffic-port"] = "traffic-port"
    interval: int = Field(30, ge=5, le=300, description="seconds")
    timeout: int = Field(5, ge=2, le=120, description="seconds")
    healthy_threshold: int = Field(5, ge=2, le=10)
    unhealthy_threshold: int = Field(2, ge=2, le=10)
    matcher: str = Field("200", description="HTTP codes counted healthy")


class TargetGroup(ResourceBase):
    kind: Literal["target_group"]
    vpc: Annotated[str, Ref("vpc")]
    protocol: Literal["HTTP", "HTTPS", "TCP"] = "HTTP"
    port: Port
    target_type: Literal["instance", "ip", "lambda"] = "instance"
    health_check: HealthCheck = Field(default_factory=HealthCheck)
    targets: list[Annotated[str, Ref("ec2_instance", "lambda_function",
                                     "autoscaling_group")]] = Field(
        default_factory=list
    )


# --- compute, identity, storage, data -------------------------------------------------------


class Ec2Instance(ResourceBase):
    kind: Literal["ec2_instance"]
    subnet: Annotated[str, Ref("subnet")]
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    instance_profile_role: Annotated[str, Ref("iam_role")] | None = None
    instance_type: str | None = None
    ami: str | None = None
    public_ip: bool = False
    key_pair: str | None = Field(None, description="SSH key pair name; omit for none")
    imdsv2: bool = Field(True, description="IMDSv2 required (http tokens)")
    metadata_hop_limit: int = Field(
        1, ge=1, le=64, description="instance metadata PUT response hop limit (1 keeps tokens "
                                    "on the instance; 2 for containers)")


class AutoScalingGroup(ResourceBase):
    kind: Literal["autoscaling_group"]
    subnets: list[Annotated[str, Ref("subnet")]] = Field(min_length=1)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    instance_profile_role: Annotated[str, Ref("iam_role")] | None = None
    instance_type: str | None = None
    min_size: int = Field(1, ge=0)
    max_size: int = Field(1, ge=0)
    desired_capacity: int | None = Field(None, ge=0)
    target_groups: list[Annotated[str, Ref("target_group")]] = Field(default_factory=list)


class LambdaFunction(ResourceBase):
    kind: Literal["lambda_function"]
    runtime: str
    handler: str | None = None
    execution_role: Annotated[str, Ref("iam_role")] | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="VPC access")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)


class PolicyStatement(Strict):
    effect: Literal["Allow", "Deny"] = "Allow"
    actions: list[str] = Field(min_length=1)
    resources: list[str] = Field(default_factory=lambda: ["*"], description="ARNs or *")
    resource_ids: list[Annotated[str, Ref("secretsmanager_secret", "s3_bucket")]] = Field(
        default_factory=list, description="model resources the statement applies to (their "
                                          "ARNs are looked up in the account)")


class InlinePolicy(Strict):
    name: str
    statements: list[PolicyStatement] = Field(min_length=1)


class IamRole(ResourceBase):
    kind: Literal["iam_role"]
    name: str | None = None
    trusted_services: list[str] = Field(default_factory=list, description="e.g. ec2.amazonaws.com")
    managed_policies: list[str] = Field(default_factory=list, description="names or ARNs")
    inline_policies: list[InlinePolicy] = Field(default_factory=list)


class PublicAccessBlock(Strict):
    block_public_acls: bool = True
    ignore_public_acls: bool = True
    block_public_policy: bool = True
    restrict_public_buckets: bool = True


class BucketNotification(Strict):
    events: list[str] = Field(min_length=1, description="e.g. s3:ObjectCreated:*")
    function: Annotated[str, Ref("lambda_function")]
    prefix: str | None = None
    suffix: str | None = None


class S3Bucket(ResourceBase):
    kind: Literal["s3_bucket"]
    bucket_name: str = Field(min_length=3, max_length=63)
    public_access_block: PublicAccessBlock = Field(default_factory=PublicAccessBlock)
    encryption: Literal["SSE-S3", "SSE-KMS", "DSSE-KMS", "none"] = "SSE-S3"
    versioning: bool = False
    notifications: list[BucketNotification] = Field(
        default_factory=list, description="event notifications to Lambda functions")


class SsmSessionManager(ResourceBase):
    kind: Literal["ssm_session_manager"]
    targets: list[Annotated[str, Ref("ec2_instance", "autoscaling_group")]] = Field(
        default_factory=list)


class RdsInstance(ResourceBase):
    kind: Literal["rds_instance"]
    engine: str
    instance_class: str | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        min_length=1, description="DB subnet group")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    multi_az: bool = False
    publicly_accessible: bool = False
    storage_encrypted: bool = True
    master_user_secret: Annotated[str, Ref("secretsmanager_secret")] | None = Field(
        None, description="secret holding the master password")


class SecretsManagerSecret(ResourceBase):
    kind: Literal["secretsmanager_secret"]
    name: str | None = Field(None, description="secret name")
    rotation_days: int | None = Field(None, ge=1, le=1000, description="automatic rotation")
    kms_key: str | None = Field(None, description="KMS key id or alias; default aws/secretsmanager")
