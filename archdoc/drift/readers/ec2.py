"""EC2 and VPC: networks, gateways, routes, endpoints, security groups and instances."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archdoc.aws import ec2
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import compute, network, security_groups
from archdoc.drift.live import LiveObject, arn_of, deleted, ec2_objects, tags_of
from archdoc.drift.reader import KindReader


def _objects(key: str, id_key: str, arn_type: str, *,
             gone: Callable[[dict[str, Any]], bool] | None = None,
             default: bool = False) -> Callable[[Snapshot], list[LiveObject]]:
    """Live objects of one EC2 resource type; with ``default``, the VPC's default one (which
    AWS makes, and nobody names) is left out."""
    def adapter(snapshot: Snapshot) -> list[LiveObject]:
        raws = snapshot.data["ec2"].get(key, [])
        return ec2_objects([r for r in raws if not (gone and gone(r))
                            and not (default and r.get("IsDefault"))], id_key,
                           snapshot.identity.region, arn_type, snapshot.identity.account)
    return adapter


def _security_groups(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["GroupId"], raw, name=raw["GroupName"], tags=tags_of(raw),
                       arn=raw.get("SecurityGroupArn") or arn_of(
                           snapshot.identity, "ec2", f"security-group/{raw['GroupId']}"))
            for raw in snapshot.data["ec2"]["security_groups"]]


READERS = {
    "vpc": KindReader(ec2, network.vpc, _objects("vpcs", "VpcId", "vpc"), also_reads=("elbv2",)),
    "subnet": KindReader(ec2, network.subnet, _objects("subnets", "SubnetId", "subnet")),
    "internet_gateway": KindReader(
        ec2, network.internet_gateway,
        _objects("internet_gateways", "InternetGatewayId", "internet-gateway")),
    "nat_gateway": KindReader(
        ec2, network.nat_gateway, _objects("nat_gateways", "NatGatewayId", "natgateway",
                                           gone=deleted), unmanaged=True),
    "route_table": KindReader(ec2, network.route_table,
                              _objects("route_tables", "RouteTableId", "route-table")),
    "vpc_endpoint": KindReader(
        ec2, network.vpc_endpoint, _objects("vpc_endpoints", "VpcEndpointId", "vpc-endpoint",
                                            gone=deleted), unmanaged=True),
    "security_group": KindReader(
        ec2, security_groups.security_group, _security_groups,
        natural_name=lambda rid, res: res.name, unmanaged=True,
        ignore=lambda obj: obj.raw.get("GroupName") == "default"),  # every VPC has one
    "ec2_instance": KindReader(ec2, compute.ec2_instance,
                               _objects("instances", "InstanceId", "instance"),
                               unmanaged=True, also_reads=("iam",)),
    "network_acl": KindReader(
        ec2, network.network_acl,
        _objects("network_acls", "NetworkAclId", "network-acl", default=True)),
    "transit_gateway": KindReader(
        ec2, network.transit_gateway,
        _objects("transit_gateways", "TransitGatewayId", "transit-gateway", gone=deleted)),
    "transit_gateway_attachment": KindReader(
        ec2, network.transit_gateway_attachment,
        _objects("transit_gateway_attachments", "TransitGatewayAttachmentId",
                 "transit-gateway-attachment", gone=deleted)),
    "vpc_peering": KindReader(
        ec2, network.vpc_peering,
        _objects("vpc_peerings", "VpcPeeringConnectionId", "vpc-peering-connection",
                 gone=lambda r: (r.get("Status") or {}).get("Code")
                 in ("deleted", "rejected", "failed"))),
}
