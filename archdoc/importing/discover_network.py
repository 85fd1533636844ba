"""What ``archdoc discover`` reads of a VPC's network (VPCs, subnets, gateways, route tables
with their routes and associations, endpoints, security groups, instances), turned into the
:class:`Found` resources the importers' resolver reads: the API's answers in
CloudFormation's property shapes, references as the account's ids."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.errors import Location
from archdoc.importing import Found

WHERE = Location("<account>", 1, 1)


def _name(raw: dict[str, Any]) -> str | None:
    return next((t["Value"] for t in raw.get("Tags") or [] if t.get("Key") == "Name"), None)


def _key(raw: dict[str, Any], ident: str) -> str:
    """A resource's key: its Name tag where it has one (the console's name), else its id."""
    return _name(raw) or ident


def found(key: str, cfn_type: str, props: dict[str, Any], ident: str, *,
          aws: dict[str, str] | None = None, name: str | None = None,
          **physical: str) -> Found:
    return Found(key, cfn_type, props, WHERE, f"{cfn_type.split('::')[-1]} {ident}",
                 name=name, physical={"id": ident, **physical},
                 aws=aws if aws is not None else {"id": ident})


def _rules(permissions: list[dict[str, Any]], egress: bool) -> list[dict[str, Any]]:
    """An API's ``IpPermissions`` as CloudFormation's rules, one per peer."""
    out = []
    peer = "DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"
    prefix = "DestinationPrefixListId" if egress else "SourcePrefixListId"
    for p in permissions:
        base = {"IpProtocol": p.get("IpProtocol", "-1"), "FromPort": p.get("FromPort"),
                "ToPort": p.get("ToPort")}
        for r in p.get("IpRanges") or []:
            out.append({**base, "CidrIp": r["CidrIp"], "Description": r.get("Description")})
        for r in p.get("Ipv6Ranges") or []:
            out.append({**base, "CidrIpv6": r["CidrIpv6"], "Description": r.get("Description")})
        for r in p.get("UserIdGroupPairs") or []:
            out.append({**base, peer: r["GroupId"], "Description": r.get("Description")})
        for r in p.get("PrefixListIds") or []:
            out.append({**base, prefix: r["PrefixListId"], "Description": r.get("Description")})
    return out


def network(snapshot: Snapshot) -> list[Found]:
    ec2 = snapshot.data.get("ec2") or {}
    wanted = set(ec2.get("vpc_ids") or [])
    out: list[Found] = []
    for v in ec2.get("vpcs") or []:
        if v["VpcId"] in wanted:
            out.append(found(_key(v, v["VpcId"]), "AWS::EC2::VPC",
                             {"CidrBlock": v.get("CidrBlock")}, v["VpcId"], name=_name(v)))
    for s in ec2.get("subnets") or []:
        out.append(found(_key(s, s["SubnetId"]), "AWS::EC2::Subnet",
                         {"VpcId": s["VpcId"], "CidrBlock": s.get("CidrBlock"),
                          "AvailabilityZone": s.get("AvailabilityZone")}, s["SubnetId"],
                         name=_name(s)))
    for g in ec2.get("internet_gateways") or []:
        attached = [a["VpcId"] for a in g.get("Attachments") or [] if a.get("VpcId") in wanted]
        if attached:
            out.append(found(_key(g, g["InternetGatewayId"]), "AWS::EC2::InternetGateway",
                             {"VpcId": attached[0]}, g["InternetGatewayId"], name=_name(g)))
    for n in ec2.get("nat_gateways") or []:
        if str(n.get("State", "")).lower() in ("deleted", "deleting", "failed"):
            continue
        out.append(found(_key(n, n["NatGatewayId"]), "AWS::EC2::NatGateway",
                         {"SubnetId": n.get("SubnetId"),
                          "ConnectivityType": n.get("ConnectivityType")}, n["NatGatewayId"],
                         name=_name(n)))
    for t in ec2.get("route_tables") or []:
        out += _route_table(t)
    for e in ec2.get("vpc_endpoints") or []:
        if str(e.get("State", "")).lower() in ("deleted", "deleting", "failed"):
            continue
        out.append(found(_key(e, e["VpcEndpointId"]), "AWS::EC2::VPCEndpoint",
                         {"VpcId": e.get("VpcId"), "ServiceName": e.get("ServiceName"),
                          "VpcEndpointType": str(e.get("VpcEndpointType", "Gateway")).lower(),
                          "RouteTableIds": e.get("RouteTableIds"),
                          "SubnetIds": e.get("SubnetIds"),
                          "SecurityGroupIds": [g["GroupId"] for g in e.get("Groups") or []]},
                         e["VpcEndpointId"], name=_name(e)))
    for g in ec2.get("security_groups") or []:
        if g.get("GroupName") == "default":  # every VPC has one, made by AWS
            continue
        out.append(found(g["GroupName"], "AWS::EC2::SecurityGroup",
                         {"GroupName": g["GroupName"], "GroupDescription": g.get("Description"),
                          "VpcId": g.get("VpcId"),
                          "SecurityGroupIngress": _rules(g.get("IpPermissions") or [], False),
                          "SecurityGroupEgress": _rules(g.get("IpPermissionsEgress") or [],
                                                        True)},
                         g["GroupId"], aws={"name": g["GroupName"]}, name=g["GroupName"]))
    for a in ec2.get("network_acls") or []:
        if a.get("IsDefault"):  # the VPC's own, as AWS made it
            continue
        ident = a["NetworkAclId"]
        out.append(found(_key(a, ident), "AWS::EC2::NetworkAcl", {"VpcId": a.get("VpcId")},
                         ident, name=_name(a)))
        for k, e in enumerate(a.get("Entries") or []):
            if int(e.get("RuleNumber", 0)) < 32767:  # not the default deny
                out.append(Found(f"{ident}.entry{k}", "AWS::EC2::NetworkAclEntry",
                                 {"NetworkAclId": ident, **e}, WHERE,
                                 f"entry {e.get('RuleNumber')}"))
        for k, assoc in enumerate(a.get("Associations") or []):
            out.append(Found(f"{ident}.association{k}", "AWS::EC2::SubnetNetworkAclAssociation",
                             {"NetworkAclId": ident, "SubnetId": assoc.get("SubnetId")}, WHERE,
                             f"association with {assoc.get('SubnetId')}"))
    for t in ec2.get("transit_gateways") or []:
        if str(t.get("State", "")).lower() in ("deleted", "deleting", "failed"):
            continue
        options = t.get("Options") or {}
        out.append(found(_key(t, t["TransitGatewayId"]), "AWS::EC2::TransitGateway", {
            "AmazonSideAsn": options.get("AmazonSideAsn"),
            **{k: options.get(k) for k in ("DefaultRouteTableAssociation",
                                           "DefaultRouteTablePropagation",
                                           "AutoAcceptSharedAttachments")}},
            t["TransitGatewayId"], name=_name(t)))
    for t in ec2.get("transit_gateway_attachments") or []:
        if str(t.get("State", "")).lower() in ("deleted", "deleting", "failed"):
            continue
        ident = t["TransitGatewayAttachmentId"]
        out.append(found(_key(t, ident), "AWS::EC2::TransitGatewayVpcAttachment", {
            "TransitGatewayId": t.get("TransitGatewayId"), "VpcId": t.get("VpcId"),
            "SubnetIds": t.get("SubnetIds")}, ident, name=_name(t)))
    for p in ec2.get("vpc_peerings") or []:
        if (p.get("Status") or {}).get("Code") in ("deleted", "rejected", "failed"):
            continue
        ident = p["VpcPeeringConnectionId"]
        out.append(found(_key(p, ident), "AWS::EC2::VPCPeeringConnection", {
            "VpcId": (p.get("RequesterVpcInfo") or {}).get("VpcId"),
            "PeerVpcId": (p.get("AccepterVpcInfo") or {}).get("VpcId"),
            "PeerOwnerId": _other_owner(p)}, ident,
            name=_name(p)))
    for i in ec2.get("instances") or []:
        profile = (i.get("IamInstanceProfile") or {}).get("Arn")
        out.append(found(_key(i, i["InstanceId"]), "AWS::EC2::Instance", {
            "SubnetId": i.get("SubnetId"), "InstanceType": i.get("InstanceType"),
            "ImageId": i.get("ImageId"), "KeyName": i.get("KeyName"),
            "SecurityGroupIds": [g["GroupId"] for g in i.get("SecurityGroups") or []],
            "IamInstanceProfile": profile,
            "NetworkInterfaces": [{"AssociatePublicIpAddress": bool(i.get("PublicIpAddress"))}],
            "MetadataOptions": {"HttpTokens": (i.get("MetadataOptions") or {}).get(
                "HttpTokens")}}, i["InstanceId"], name=_name(i)))
    return out


def _other_owner(peering: dict[str, Any]) -> str | None:
    """The accepter's account, when it is not the requester's own."""
    theirs = (peering.get("AccepterVpcInfo") or {}).get("OwnerId")
    return theirs if theirs != (peering.get("RequesterVpcInfo") or {}).get("OwnerId") else None


def _route_table(t: dict[str, Any]) -> list[Found]:
    ident = t["RouteTableId"]
    subnets = [a["SubnetId"] for a in t.get("Associations") or [] if a.get("SubnetId")]
    routes = [r for r in t.get("Routes") or [] if r.get("GatewayId") != "local"
              and r.get("Origin") != "CreateRouteTable"]
    if not subnets and not routes:  # the VPC's main table as AWS made it
        return []
    table = found(_key(t, ident), "AWS::EC2::RouteTable", {"VpcId": t.get("VpcId")}, ident,
                  name=_name(t))
    parts = [table]
    for k, r in enumerate(routes):
        target = r.get("GatewayId") or r.get("NatGatewayId") or r.get("TransitGatewayId") or \
            r.get("VpcPeeringConnectionId")
        key = "VpcEndpointId" if str(target).startswith("vpce-") else "GatewayId"
        parts.append(Found(f"{ident}.route{k}", "AWS::EC2::Route", {
            "RouteTableId": ident, "DestinationCidrBlock": r.get("DestinationCidrBlock"),
            key if key == "VpcEndpointId" else _route_key(str(target)): target}, WHERE,
            f"route {r.get('DestinationCidrBlock') or r.get('DestinationPrefixListId')}"))
    for k, subnet in enumerate(subnets):
        parts.append(Found(f"{ident}.association{k}", "AWS::EC2::SubnetRouteTableAssociation",
                           {"RouteTableId": ident, "SubnetId": subnet}, WHERE,
                           f"association with {subnet}"))
    return parts


def _route_key(target: str) -> str:
    return {"nat": "NatGatewayId", "tgw": "TransitGatewayId",
            "pcx": "VpcPeeringConnectionId"}.get(target.split("-")[0], "GatewayId")


__all__ = ["WHERE", "found", "network"]
