"""The EC2 network readers (network ACL, Transit Gateway and its attachments, VPC peering) and
the NLB reader on moto's server: in sync, one drift each, access denied."""

from __future__ import annotations

import pytest

from tests.drift.readers import ReaderCase, check_reader

pytestmark = pytest.mark.slow  # a moto server

NETWORK = """title: network
region: eu-west-1
resources:
  a: {kind: vpc, cidr: 10.1.0.0/16}
  b: {kind: vpc, cidr: 10.2.0.0/16}
  a1: {kind: subnet, vpc: a, az: eu-west-1a, cidr: 10.1.0.0/24}
  b1: {kind: subnet, vpc: b, az: eu-west-1a, cidr: 10.2.0.0/24}
  acl:
    kind: network_acl
    vpc: a
    subnets: [a1]
    ingress:
      - {rule_number: 100, port: 443, cidr: 10.0.0.0/8}
      - {rule_number: 200, protocol: all, cidr: 0.0.0.0/0, action: deny}
    egress:
      - {rule_number: 100, protocol: all, cidr: 0.0.0.0/0}
  hub: {kind: transit_gateway}
  a-att: {kind: transit_gateway_attachment, transit_gateway: hub, vpc: a, subnets: [a1]}
  peer: {kind: vpc_peering, requester: a, accepter: b}
"""


def _network(endpoint) -> dict[str, str]:
    ec2 = endpoint.client("ec2", "eu-west-1")
    ids: dict[str, str] = {}

    def tag(name: str, kind: str) -> list[dict]:
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

    for name, cidr in (("a", "10.1.0.0/16"), ("b", "10.2.0.0/16")):
        ids[name] = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=tag(name, "vpc"))[
            "Vpc"]["VpcId"]
    for name, vpc, cidr in (("a1", "a", "10.1.0.0/24"), ("b1", "b", "10.2.0.0/24")):
        ids[name] = ec2.create_subnet(VpcId=ids[vpc], CidrBlock=cidr, AvailabilityZone="eu-west-1a",
                                      TagSpecifications=tag(name, "subnet"))["Subnet"]["SubnetId"]
    acl = ec2.create_network_acl(VpcId=ids["a"], TagSpecifications=tag("acl", "network-acl"))[
        "NetworkAcl"]["NetworkAclId"]
    ids["acl"] = acl
    for number, protocol, ports, cidr, action, egress in (
            (100, "6", {"From": 443, "To": 443}, "10.0.0.0/8", "allow", False),
            (200, "-1", None, "0.0.0.0/0", "deny", False),
            (100, "-1", None, "0.0.0.0/0", "allow", True)):
        entry = {"NetworkAclId": acl, "RuleNumber": number, "Protocol": protocol,
                 "RuleAction": action, "Egress": egress, "CidrBlock": cidr}
        if ports:
            entry["PortRange"] = ports
        ec2.create_network_acl_entry(**entry)
    association = next(a["NetworkAclAssociationId"] for n in ec2.describe_network_acls(
        Filters=[{"Name": "association.subnet-id", "Values": [ids["a1"]]}])["NetworkAcls"]
        for a in n["Associations"] if a["SubnetId"] == ids["a1"])
    ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)
    hub = ec2.create_transit_gateway(TagSpecifications=tag("hub", "transit-gateway"))[
        "TransitGateway"]["TransitGatewayId"]
    ids["hub"] = hub
    attachment = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=hub, VpcId=ids["a"], SubnetIds=[ids["a1"]])[
        "TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    # (moto keeps no tags given at creation for attachments)
    ec2.create_tags(Resources=[attachment], Tags=[{"Key": "Name", "Value": "a-att"}])
    peering = ec2.create_vpc_peering_connection(
        VpcId=ids["a"], PeerVpcId=ids["b"],
        TagSpecifications=tag("peer", "vpc-peering-connection"))["VpcPeeringConnection"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering["VpcPeeringConnectionId"])
    return ids


def _open_ssh(endpoint, ids) -> None:
    endpoint.client("ec2", "eu-west-1").create_network_acl_entry(
        NetworkAclId=ids["acl"], RuleNumber=90, Protocol="6", RuleAction="allow", Egress=False,
        CidrBlock="0.0.0.0/0", PortRange={"From": 22, "To": 22})


def test_the_network_readers(moto, tmp_path) -> None:
    check_reader(ReaderCase(NETWORK, _network, _open_ssh, lambda ids: [
        ("DRIFTED", "acl", "ingress",
         "[#100 allow tcp 443 10.0.0.0/8, #200 deny all 0.0.0.0/0]",
         "[#100 allow tcp 443 10.0.0.0/8, #200 deny all 0.0.0.0/0, #90 allow tcp 22 0.0.0.0/0]")],
        "ec2:*"), moto, tmp_path)


NLB = """title: nlb
region: eu-west-1
resources:
  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  a: {kind: subnet, vpc: vpc, az: eu-west-1a, cidr: 10.0.0.0/24, public: true}
  b: {kind: subnet, vpc: vpc, az: eu-west-1b, cidr: 10.0.1.0/24, public: true}
  front: {kind: nlb, subnets: [a, b], listeners: [{port: 5432, protocol: TCP, target_group: db}]}
  db: {kind: target_group, vpc: vpc, protocol: TCP, port: 5432, target_type: ip,
       health_check: {protocol: TCP, timeout: 10}}
"""


def _nlb(endpoint) -> dict[str, str]:
    ec2 = endpoint.client("ec2", "eu-west-1")
    elb = endpoint.client("elbv2", "eu-west-1")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[{
        "ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "vpc"}]}])["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az,
                                 TagSpecifications=[{"ResourceType": "subnet", "Tags": [
                                     {"Key": "Name", "Value": name}]}])["Subnet"]["SubnetId"]
               for name, cidr, az in (("a", "10.0.0.0/24", "eu-west-1a"),
                                      ("b", "10.0.1.0/24", "eu-west-1b"))]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    for s in subnets:
        ec2.associate_route_table(RouteTableId=table, SubnetId=s)
    group = elb.create_target_group(Name="db", Protocol="TCP", Port=5432, VpcId=vpc,
                                    TargetType="ip", HealthCheckProtocol="TCP")[
        "TargetGroups"][0]["TargetGroupArn"]
    front = elb.create_load_balancer(Name="front", Subnets=subnets, Type="network")[
        "LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(LoadBalancerArn=front, Protocol="TCP", Port=5432,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": group}])
    return {"front": front}


def _extra_listener(endpoint, ids) -> None:
    elb = endpoint.client("elbv2", "eu-west-1")
    group = elb.describe_target_groups(Names=["db"])["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(LoadBalancerArn=ids["front"], Protocol="TCP", Port=22,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": group}])


def test_the_nlb_reader(moto, tmp_path) -> None:
    check_reader(ReaderCase(NLB, _nlb, _extra_listener, lambda ids: [
        ("DRIFTED", "front", "listeners", "(absent)", "TCP:22")],
        "elasticloadbalancing:*"), moto, tmp_path)
