"""The network: VPCs, subnets, gateways, routes, endpoints and security groups."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict, model_validator
from archdoc.model.types import Cidr, PortRange, Ref


class Vpc(ResourceBase):
    DETAILS = ("cidr",)
    kind: Literal["vpc"]
    cidr: Cidr | None = None


class Subnet(ResourceBase):
    DETAILS = ("cidr",)
    kind: Literal["subnet"]
    vpc: Annotated[str, Ref("vpc")]
    az: str = Field(description="availability zone, e.g. ap-northeast-2a")
    cidr: Cidr | None = None
    public: bool = Field(False, description="true for a public subnet (route to an IGW)")
    tier: str | None = Field(
        None, max_length=40,
        description="row of the diagram this subnet is drawn in (e.g. web, app, data); same "
                    "tier, same row in every AZ. Default: public, then private subnets with a "
                    "route to a NAT gateway, then the others")


class InternetGateway(ResourceBase):
    DETAILS = ("vpc",)
    kind: Literal["internet_gateway"]
    vpc: Annotated[str, Ref("vpc")] | None = None


class NatGateway(ResourceBase):
    DETAILS = ("subnet",)
    kind: Literal["nat_gateway"]
    subnet: Annotated[str, Ref("subnet")] | None = None
    connectivity: Literal["public", "private"] = "public"


class Route(Strict):
    destination: Cidr | None = Field(None, description="CIDR; omit for a gateway endpoint")
    target: Annotated[str, Ref("internet_gateway", "nat_gateway", "vpc_endpoint",
                               "transit_gateway", "vpc_peering")]


class RouteTable(ResourceBase):
    DETAILS = ("vpc",)
    kind: Literal["route_table"]
    vpc: Annotated[str, Ref("vpc")] | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="associations")
    routes: list[Route] = Field(default_factory=list)


class VpcEndpoint(ResourceBase):
    DETAILS = ("vpc", "service")
    kind: Literal["vpc_endpoint"]
    vpc: Annotated[str, Ref("vpc")] | None = None
    service: str | None = Field(None, description="service name, e.g. s3 or "
                                                  "com.amazonaws.<region>.s3")
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
    DETAILS = ("vpc",)
    kind: Literal["security_group"]
    vpc: Annotated[str, Ref("vpc")] | None = None
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


class NetworkAclRule(Strict):
    rule_number: int = Field(ge=1, le=32766, description="rules apply in this order, lowest first")
    protocol: Literal["tcp", "udp", "icmp", "all"] = "tcp"
    port: PortRange | None = Field(None, description="port or range; omit for all ports")
    cidr: Cidr = Field(description="the network the rule is about")
    action: Literal["allow", "deny"] = "allow"


class NetworkAcl(ResourceBase):
    """A network ACL: stateless allow and deny rules on the subnets associated with it."""

    DETAILS = ("vpc",)
    kind: Literal["network_acl"]
    vpc: Annotated[str, Ref("vpc")] | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="associations")
    ingress: list[NetworkAclRule] = Field(default_factory=list)
    egress: list[NetworkAclRule] = Field(default_factory=list)


class TransitGateway(ResourceBase):
    """A Transit Gateway: the hub that routes between the VPCs (and VPNs) attached to it."""

    kind: Literal["transit_gateway"]
    asn: int | None = Field(None, ge=64512, le=4294967294, description="Amazon side ASN")
    default_route_table_association: bool = True
    default_route_table_propagation: bool = True
    auto_accept_shared_attachments: bool = False


class TransitGatewayAttachment(ResourceBase):
    """A VPC attached to a Transit Gateway, through one subnet per AZ."""

    DETAILS = ("transit_gateway", "vpc")
    kind: Literal["transit_gateway_attachment"]
    transit_gateway: Annotated[str, Ref("transit_gateway")] | None = None
    vpc: Annotated[str, Ref("vpc")] | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="one subnet per AZ for the attachment's interfaces")


class VpcPeering(ResourceBase):
    """A peering connection between two VPCs (of one account or two, one region or two)."""

    DETAILS = ("requester", "accepter")
    kind: Literal["vpc_peering"]
    requester: Annotated[str, Ref("vpc")] | None = None
    accepter: Annotated[str, Ref("vpc")] | None = None
    peer_account: str | None = Field(None, description="the accepter's account, if another")
