"""Build a model's architecture in a (moto) account with boto3: a test helper, not a feature.

Covers the kinds the seed uses. Returns model id -> live id, so a test can change one thing.
"""

from __future__ import annotations

import json
from typing import Any

from archdoc.model import Architecture
from archdoc.model.resources import (
    AcmCertificate,
    Alb,
    Ec2Instance,
    IamRole,
    InternetGateway,
    NatGateway,
    ResourceBase,
    Route53Record,
    Route53Zone,
    RouteTable,
    S3Bucket,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    TargetGroup,
    Vpc,
    VpcEndpoint,
)
from archdoc.model.types import port_bounds

_IMAGES: dict[str, str] = {}  # endpoint -> an AMI id: moto's images survive a reset


def _image(ec2: Any) -> str:
    """An image to launch instances from (looked up once per endpoint: a scan of moto's
    thousands of images takes most of a second)."""
    url = ec2.meta.endpoint_url
    if url not in _IMAGES:
        _IMAGES[url] = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    return _IMAGES[url]


def tags(rid: str, res: ResourceBase) -> list[dict[str, str]]:
    loc = res.aws
    found = dict(loc.tags) if loc and loc.tags else {"Name": (loc.name if loc and loc.name
                                                              else rid)}
    return [{"Key": k, "Value": v} for k, v in found.items()]


def spec(kind: str, rid: str, res: ResourceBase) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": tags(rid, res)}]


def name_of(rid: str, res: ResourceBase) -> str:
    return res.aws.name if res.aws and res.aws.name else rid


def permission(rule: SecurityGroupRule, ids: dict[str, str]) -> dict[str, Any]:
    protocol = "-1" if rule.protocol == "all" else rule.protocol
    perm: dict[str, Any] = {"IpProtocol": protocol}
    if protocol != "-1":
        low, high = port_bounds(rule.port) or ((0, 65535) if protocol != "icmp" else (-1, -1))
        perm.update(FromPort=low, ToPort=high)
    if rule.cidr:
        perm["IpRanges"] = [{"CidrIp": rule.cidr}]
    elif rule.security_group:
        perm["UserIdGroupPairs"] = [{"GroupId": ids[rule.security_group]}]
    else:
        perm["PrefixListIds"] = [{"PrefixListId": rule.prefix_list}]
    return perm


def provision(model: Architecture, session: Any) -> dict[str, str]:
    region = model.region
    ec2 = session.client("ec2", region_name=region)
    ids: dict[str, str] = {}
    for rid, vpc in model.all_of(Vpc).items():
        ids[rid] = ec2.create_vpc(CidrBlock=vpc.cidr, TagSpecifications=spec(
            "vpc", rid, vpc))["Vpc"]["VpcId"]
    for rid, subnet in model.all_of(Subnet).items():
        ids[rid] = ec2.create_subnet(VpcId=ids[subnet.vpc], CidrBlock=subnet.cidr,
                                     AvailabilityZone=subnet.az,
                                     TagSpecifications=spec("subnet", rid, subnet)
                                     )["Subnet"]["SubnetId"]
    for rid, igw in model.all_of(InternetGateway).items():
        ids[rid] = ec2.create_internet_gateway(TagSpecifications=spec(
            "internet-gateway", rid, igw))["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=ids[rid], VpcId=ids[igw.vpc])
    for rid, nat in model.all_of(NatGateway).items():
        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        ids[rid] = ec2.create_nat_gateway(SubnetId=ids[nat.subnet], AllocationId=allocation,
                                          TagSpecifications=spec("natgateway", rid, nat)
                                          )["NatGateway"]["NatGatewayId"]
    for rid, table in model.all_of(RouteTable).items():
        ids[rid] = ec2.create_route_table(VpcId=ids[table.vpc], TagSpecifications=spec(
            "route-table", rid, table))["RouteTable"]["RouteTableId"]
        for subnet in table.subnets:
            ec2.associate_route_table(RouteTableId=ids[rid], SubnetId=ids[subnet])
        for route in table.routes:
            target = model.resources[route.target]
            if target.kind == "internet_gateway":
                ec2.create_route(RouteTableId=ids[rid], DestinationCidrBlock=route.destination,
                                 GatewayId=ids[route.target])
            elif target.kind == "nat_gateway":
                ec2.create_route(RouteTableId=ids[rid], DestinationCidrBlock=route.destination,
                                 NatGatewayId=ids[route.target])
    for rid, endpoint in model.all_of(VpcEndpoint).items():
        service = endpoint.service if "." in endpoint.service else \
            f"com.amazonaws.{region}.{endpoint.service}"
        params: dict[str, Any] = {"VpcEndpointType": endpoint.type.capitalize(),
                                  "VpcId": ids[endpoint.vpc], "ServiceName": service,
                                  "TagSpecifications": spec("vpc-endpoint", rid, endpoint)}
        if endpoint.route_tables:
            params["RouteTableIds"] = [ids[t] for t in endpoint.route_tables]
        ids[rid] = ec2.create_vpc_endpoint(**params)["VpcEndpoint"]["VpcEndpointId"]
    groups = model.all_of(SecurityGroup)
    for rid, group in groups.items():
        ids[rid] = ec2.create_security_group(
            GroupName=group.name or rid, Description=group.description or rid,
            VpcId=ids[group.vpc], TagSpecifications=spec("security-group", rid, group)
        )["GroupId"]
    for rid, group in groups.items():
        if group.ingress:
            ec2.authorize_security_group_ingress(
                GroupId=ids[rid], IpPermissions=[permission(r, ids) for r in group.ingress])
        if group.egress is not None:
            ec2.revoke_security_group_egress(GroupId=ids[rid], IpPermissions=[
                {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
            if group.egress:
                ec2.authorize_security_group_egress(
                    GroupId=ids[rid], IpPermissions=[permission(r, ids) for r in group.egress])
    iam = session.client("iam", region_name=region)
    for rid, role in model.all_of(IamRole).items():
        name = role.name or rid
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": role.trusted_services},
             "Action": "sts:AssumeRole"}]}
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
        for policy in role.managed_policies:
            arn = policy if policy.startswith("arn:") else f"arn:aws:iam::aws:policy/{policy}"
            iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        iam.create_instance_profile(InstanceProfileName=name)
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
        ids[rid] = name
    image = _image(ec2)
    for rid, instance in model.all_of(Ec2Instance).items():
        params = {"ImageId": instance.ami or image, "MinCount": 1, "MaxCount": 1,
                  "InstanceType": instance.instance_type or "t3.micro",
                  "SubnetId": ids[instance.subnet],
                  "SecurityGroupIds": [ids[g] for g in instance.security_groups],
                  "MetadataOptions": {
                      "HttpTokens": "required" if instance.imdsv2 else "optional",
                      "HttpPutResponseHopLimit": instance.metadata_hop_limit,
                      "HttpEndpoint": "enabled"},
                  "TagSpecifications": spec("instance", rid, instance)}
        if instance.instance_profile_role:
            role = model.get(instance.instance_profile_role, IamRole)
            params["IamInstanceProfile"] = {"Name": role.name or instance.instance_profile_role}
        if instance.key_pair:
            params["KeyName"] = instance.key_pair
        ids[rid] = ec2.run_instances(**params)["Instances"][0]["InstanceId"]
    s3 = session.client("s3", region_name=region)
    for rid, bucket in model.all_of(S3Bucket).items():
        s3.create_bucket(Bucket=bucket.bucket_name,
                         CreateBucketConfiguration={"LocationConstraint": region})
        block = bucket.public_access_block
        s3.put_public_access_block(Bucket=bucket.bucket_name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": block.block_public_acls,
            "IgnorePublicAcls": block.ignore_public_acls,
            "BlockPublicPolicy": block.block_public_policy,
            "RestrictPublicBuckets": block.restrict_public_buckets})
        ids[rid] = bucket.bucket_name
    for rid, cert in model.all_of(AcmCertificate).items():
        acm = session.client("acm", region_name=cert.region or region)
        ids[rid] = acm.request_certificate(DomainName=cert.domain,
                                           ValidationMethod=cert.validation
                                           )["CertificateArn"]
    elb = session.client("elbv2", region_name=region)
    for rid, group in model.all_of(TargetGroup).items():
        hc = group.health_check
        ids[rid] = elb.create_target_group(
            Name=name_of(rid, group), Protocol=group.protocol, Port=group.port,
            VpcId=ids[group.vpc], TargetType=group.target_type,
            HealthCheckProtocol=hc.protocol, HealthCheckPath=hc.path,
            HealthCheckPort=str(hc.port), HealthCheckIntervalSeconds=hc.interval,
            HealthCheckTimeoutSeconds=hc.timeout, HealthyThresholdCount=hc.healthy_threshold,
            UnhealthyThresholdCount=hc.unhealthy_threshold, Matcher={"HttpCode": hc.matcher},
        )["TargetGroups"][0]["TargetGroupArn"]
        # targets of kinds this helper does not make (an Auto Scaling group's) are left out
        targets = [{"Id": ids[t]} for t in group.targets if t in ids]
        if targets:
            elb.register_targets(TargetGroupArn=ids[rid], Targets=targets)
    for rid, alb in model.all_of(Alb).items():
        answer = elb.create_load_balancer(
            Name=name_of(rid, alb), Subnets=[ids[s] for s in alb.subnets],
            SecurityGroups=[ids[g] for g in alb.security_groups], Scheme=alb.scheme,
            Type="application")["LoadBalancers"][0]
        ids[rid] = answer["LoadBalancerArn"]
        ids[f"{rid}.dns"] = answer["DNSName"]
        ids[f"{rid}.zone"] = answer["CanonicalHostedZoneId"]
        for index, listener in enumerate(alb.listeners):
            action = listener.default_action
            if action.type == "forward":
                live_action = {"Type": "forward", "TargetGroupArn": ids[action.target_group]}
            elif action.type == "redirect":
                live_action = {"Type": "redirect", "RedirectConfig": {
                    "Protocol": action.protocol or "#{protocol}",
                    "Port": str(action.port or "#{port}"),
                    "StatusCode": f"HTTP_{action.status_code or 301}"}}
            else:
                live_action = {"Type": "fixed-response", "FixedResponseConfig": {
                    "StatusCode": str(action.status_code)}}
            params = {"LoadBalancerArn": ids[rid], "Protocol": listener.protocol,
                      "Port": listener.port, "DefaultActions": [live_action]}
            if listener.certificate:
                params["Certificates"] = [{"CertificateArn": ids[listener.certificate]}]
            if listener.ssl_policy:
                params["SslPolicy"] = listener.ssl_policy
            ids[f"{rid}.listener{index}"] = elb.create_listener(**params)["Listeners"][0][
                "ListenerArn"]
    route53 = session.client("route53", region_name=region)
    for rid, zone in model.all_of(Route53Zone).items():
        ids[rid] = route53.create_hosted_zone(Name=zone.domain, CallerReference=rid
                                              )["HostedZone"]["Id"]
    for rid, record in model.all_of(Route53Record).items():
        if record.alias_target and f"{record.alias_target}.zone" not in ids:
            continue  # aliased to a kind this helper does not make (a distribution)
        change: dict[str, Any] = {"Name": record.name, "Type": "A" if record.type == "ALIAS"
                                  else record.type}
        if record.alias_target:
            change["AliasTarget"] = {"HostedZoneId": ids[f"{record.alias_target}.zone"],
                                     "DNSName": ids[f"{record.alias_target}.dns"],
                                     "EvaluateTargetHealth": False}
        else:
            change["TTL"] = 300
            change["ResourceRecords"] = [{"Value": v} for v in record.values]
        route53.change_resource_record_sets(HostedZoneId=ids[record.zone], ChangeBatch={
            "Changes": [{"Action": "CREATE", "ResourceRecordSet": change}]})
        ids[rid] = record.name
    return ids
