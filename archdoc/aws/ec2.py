"""EC2 and VPC: one paginated describe per resource type, filtered by the model's VPCs."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "ec2"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({
    "DescribeVpcs", "DescribeSubnets", "DescribeRouteTables", "DescribeInternetGateways",
    "DescribeNatGateways", "DescribeVpcEndpoints", "DescribeSecurityGroups", "DescribeInstances",
    "DescribeNetworkAcls", "DescribeTransitGateways", "DescribeTransitGatewayVpcAttachments",
    "DescribeVpcPeeringConnections",
})

# read only when the model has the kind: (kind, key, operation, result key, VPC filter name)
_WHEN_MODELLED = (
    ("network_acl", "network_acls", "describe_network_acls", "NetworkAcls", "vpc-id"),
    ("transit_gateway_attachment", "transit_gateway_attachments",
     "describe_transit_gateway_vpc_attachments", "TransitGatewayVpcAttachments", "vpc-id"),
    ("vpc_peering", "vpc_peerings", "describe_vpc_peering_connections", "VpcPeeringConnections",
     "requester-vpc-info.vpc-id"),
)

# key in the collected data -> (operation, result key)
_IN_VPC = {
    "subnets": ("describe_subnets", "Subnets"),
    "route_tables": ("describe_route_tables", "RouteTables"),
    "nat_gateways": ("describe_nat_gateways", "NatGateways"),
    "vpc_endpoints": ("describe_vpc_endpoints", "VpcEndpoints"),
    "security_groups": ("describe_security_groups", "SecurityGroups"),
}


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    vpcs = paginate(client, "describe_vpcs", "Vpcs")
    vpc_ids = scope.vpc_ids(vpcs, reader.region)
    data: dict[str, Any] = {"vpcs": vpcs, "vpc_ids": vpc_ids}
    if not vpc_ids:  # no model VPC is in the account: nothing inside one to read
        data.update({key: [] for key in (*_IN_VPC, "instances")})
        data["internet_gateways"] = paginate(client, "describe_internet_gateways",
                                         "InternetGateways")
        return data
    in_vpc = [{"Name": "vpc-id", "Values": vpc_ids}]
    for key, (operation, result) in _IN_VPC.items():
        data[key] = paginate(client, operation, result, Filters=in_vpc)
    # every gateway, attached or not: a detached one the model names is drift, not missing
    data["internet_gateways"] = paginate(client, "describe_internet_gateways", "InternetGateways")
    instances = []
    for page in client.get_paginator("describe_instances").paginate(
            Filters=in_vpc, PaginationConfig={"PageSize": 1000}):
        for reservation in page.get("Reservations", []):
            instances.extend(reservation.get("Instances", []))
    data["instances"] = [i for i in instances
                         if i.get("State", {}).get("Name") not in ("terminated", "shutting-down")]
    for kind, key, operation, result, vpc_filter in _WHEN_MODELLED:
        if scope.reads(kind):
            data[key] = paginate(client, operation, result,
                                 Filters=[{"Name": vpc_filter, "Values": vpc_ids}])
    if scope.reads("transit_gateway"):  # a hub is of no VPC
        data["transit_gateways"] = paginate(client, "describe_transit_gateways",
                                            "TransitGateways")
    return data
