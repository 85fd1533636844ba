"""CloudFormation properties to the fields of archdoc's first-class kinds: one function per
kind (network and compute here, the others in ``shapes_services``). A kind without one, or
a type without a first-class kind, is written as its CloudFormation type with its
properties (the open set of every AWS type)."""

from __future__ import annotations

import re
from typing import Any

from archdoc import catalogue
from archdoc.importing import Found, Ref, shapes_edge, shapes_services
from archdoc.importing.context import Context, kind_name
from archdoc.importing.fields import SHAPES, Kept, choice, cidr, dig, flag, number, shaped, text
from archdoc.model.generic import fits

SYNONYMS = {"AWS::EC2::TransitGatewayAttachment": "transit_gateway_attachment"}


def kind_for(f: Found) -> str:
    if f.type in SYNONYMS:  # an older type of the same resource
        return SYNONYMS[f.type]
    if f.type == "AWS::SSM::Document" and f.props.get("DocumentType") == "Session":
        return "ssm_session_manager"  # Session Manager's preferences: the feature is used
    if f.type == "AWS::ElasticLoadBalancingV2::LoadBalancer":
        return "nlb" if str(f.props.get("Type", "application")).lower() == "network" else "alb"
    return kind_name(f.type)


def shape(f: Found, kind: str, ctx: Context) -> dict[str, Any]:
    fields: dict[str, Any] = {"kind": kind, "label": f.name or f.key}
    make = SHAPES.get(kind, generic)
    try:
        fields.update(make(f, ctx))
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        # a property of another shape than AWS documents (a list where a mapping goes): the
        # resource is kept with what its kind needs, and the user is told where to look
        ctx.notes.warn(f.where, f"{f.key} ({f.type}): a property is not of the shape AWS "
                                "documents; its properties are left out")
        fields.update(make(Found(f.key, f.type, {}, f.where, f.origin), ctx))
    if f.aws:
        fields["aws"] = dict(f.aws)
    return fields


def generic(f: Found, ctx: Context) -> dict[str, Any]:
    """Any other type: its placement from the usual properties, its properties as written
    (references as ``{Ref: id}``); the ones its registry schema does not know are left out."""
    p = f.props
    subnets = ctx.id_list(p.get("SubnetIds") or p.get("Subnets") or dig(p, "VpcConfig",
                                                                         "SubnetIds"), "subnet")
    fields: dict[str, Any] = {
        "subnets": subnets if len(subnets) > 1 else [],
        "subnet": ctx.id(p.get("SubnetId"), "subnet") or (subnets[0] if len(subnets) == 1
                                                          else None),
        "vpc": vpc_of(ctx, f, p.get("VpcId")),
        "security_groups": ctx.id_list(p.get("SecurityGroupIds") or p.get("SecurityGroups")
                                       or dig(p, "VpcConfig", "SecurityGroupIds"),
                                       "security_group")}
    if fields["subnet"] or fields["subnets"]:
        fields["vpc"] = None
    schema = catalogue.properties(f.type) or {}
    secret = [k for k in p if _SECRET.search(k) or _holds_secret(p[k])]
    if secret:
        ctx.notes.warn(f.where, f"{f.key} ({f.type}): {', '.join(secret)} left out: it may "
                                "hold a secret, which a model (and its documents) never does")
    properties = {k: _plain(v, ctx) for k, v in p.items()
                  if k in schema and _small(v) and k != "Tags" and k not in secret}
    wrong = [k for k, v in properties.items() if not fits(v, schema[k])]
    if wrong:
        ctx.notes.warn(f.where, f"{f.key} ({f.type}): {', '.join(wrong)} not of the type "
                                "AWS's registry gives; left out")
    fields["properties"] = {k: v for k, v in properties.items() if k not in wrong}
    return fields


_SECRET = re.compile(r"password|passphrase|secret|token|private_?key|credential|keymaterial",
                     re.IGNORECASE)


def _holds_secret(value: Any) -> bool:
    """A mapping anywhere inside that names a secret (``{Auth: {Password: ...}}``)."""
    if isinstance(value, dict):
        return any(_SECRET.search(str(k)) or _holds_secret(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_secret(v) for v in value)
    return isinstance(value, str) and "-----BEGIN" in value and "PRIVATE KEY" in value


def _plain(value: Any, ctx: Context) -> Any:
    if isinstance(value, Ref):
        rid = ctx.id(value)
        if rid is None:
            return None
        return {"Fn::GetAtt": [rid, value.attr]} if value.attr else {"Ref": rid}
    if isinstance(value, dict):
        return {k: _plain(v, ctx) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, ctx) for v in value]
    return value


def _small(value: Any) -> bool:
    """Code, scripts and documents of many kilobytes belong to the template, not the model."""
    return len(repr(value)) <= 2000


# -- network ---------------------------------------------------------------------------------

@shaped("vpc")
def _vpc(f: Found, ctx: Context) -> dict[str, Any]:
    return {"cidr": cidr(f.props.get("CidrBlock"))}


@shaped("subnet")
def _subnet(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    az = text(p.get("AvailabilityZone"))
    if az is None:
        ctx.notes.warn(f.where, f"{f.key}: its Availability Zone is not known; drawn in "
                                f"{ctx.region}a")
        az = f"{ctx.region}a"
    return {"vpc": vpc_of(ctx, f, p.get("VpcId"), required=True),
            "az": az, "cidr": cidr(p.get("CidrBlock")),
            "public": flag(p.get("MapPublicIpOnLaunch"))}


_AN_ID = re.compile(r"^vpc-[0-9a-f]{8,17}$")


def vpc_of(ctx: Context, f: Found, value: Any, required: bool = False) -> str | None:
    """The model VPC ``value`` names; a VPC the inputs do not hold (a Terraform variable,
    another stack) gets one stand-in per id, with its ``aws:`` id when the id is known, so
    what names it is drawn in it; a subnet (which must be in one) gets one even unnamed."""
    found = ctx.id(value, "vpc")
    ident = value if isinstance(value, str) and _AN_ID.match(value) else None
    if found or not (required or ident):
        return found
    if ident in ctx.outside:
        return ctx.outside[ident]
    taken = set(ctx.out) | set(ctx.ids.values())
    rid, n = "outside-vpc", 2
    while rid in taken:
        rid, n = f"outside-vpc-{n}", n + 1
    ctx.out[rid] = {"kind": "vpc", "label": f"VPC {ident}" if ident else "VPC",
                    **({"aws": {"id": ident}} if ident else {})}
    ctx.origins[rid].append("stands for a VPC that resources of the inputs name and the "
                            "inputs do not hold")
    ctx.notes.warn(f.where, f"{f.key}: its VPC{' ' + ident if ident else ''} is not in the "
                            f"inputs; a VPC '{rid}' stands for it")
    ctx.outside[ident] = rid
    return rid


@shaped("internet_gateway")
def _igw(f: Found, ctx: Context) -> dict[str, Any]:
    return {"vpc": vpc_of(ctx, f, f.props.get("VpcId"))}  # Terraform names it; CFN attaches


@shaped("nat_gateway")
def _nat(f: Found, ctx: Context) -> dict[str, Any]:
    return {"subnet": ctx.id(f.props.get("SubnetId"), "subnet"),
            "connectivity": choice(f.props.get("ConnectivityType"), ("public", "private"))}


@shaped("route_table")
def _route_table(f: Found, ctx: Context) -> dict[str, Any]:
    return {"vpc": vpc_of(ctx, f, f.props.get("VpcId")), "subnets": [], "routes": []}


@shaped("vpc_endpoint")
def _endpoint(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    service = text(p.get("ServiceName"))
    return {"vpc": vpc_of(ctx, f, p.get("VpcId")),
            "service": service.rsplit(".", 1)[-1] if service else None,
            "type": choice(p.get("VpcEndpointType"), ("gateway", "interface")),
            "route_tables": ctx.id_list(p.get("RouteTableIds"), "route_table"),
            "subnets": ctx.id_list(p.get("SubnetIds"), "subnet"),
            "security_groups": ctx.id_list(p.get("SecurityGroupIds"), "security_group")}


PROTOCOLS = {"-1": "all", "all": "all", "6": "tcp", "tcp": "tcp", "17": "udp", "udp": "udp",
             "1": "icmp", "icmp": "icmp"}


def sg_rule(rule: Any, ctx: Context, egress: bool) -> dict[str, Any] | None:
    if not isinstance(rule, dict):
        return None
    protocol = PROTOCOLS.get(str(rule.get("IpProtocol", "-1")).lower())
    if protocol is None:
        return None
    low, high = number(rule.get("FromPort")), number(rule.get("ToPort"))
    port = None
    if protocol in ("tcp", "udp") and low is not None and not (low == 0 and high == 65535) \
            and low >= 0:
        port = str(low) if high in (None, low) else f"{low}-{high}"
    peer = "DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"
    group = ctx.id(rule.get(peer) or rule.get("SourceSecurityGroupName"), "security_group")
    network = cidr(rule.get("CidrIp") or rule.get("CidrIpv6"))
    prefix = text(rule.get("DestinationPrefixListId" if egress else "SourcePrefixListId"))
    out: dict[str, Any] = {"protocol": protocol, "port": port,
                           "description": text(rule.get("Description"))}
    if group:
        out["security_group"] = group
    elif network:
        out["cidr"] = network
    elif prefix:
        out["prefix_list"] = prefix
    else:
        return None  # a peer outside the inputs: the rule cannot be said
    return out


@shaped("security_group")
def _sg(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    egress = p.get("SecurityGroupEgress")
    return {"vpc": vpc_of(ctx, f, p.get("VpcId")), "name": text(p.get("GroupName")),
            "description": text(p.get("GroupDescription")),
            "ingress": [r for r in (sg_rule(x, ctx, False) for x in
                                    p.get("SecurityGroupIngress") or []) if r],
            # not written: AWS's default, all traffic out (None says so in the model)
            "egress": None if egress is None else
            Kept(r for r in (sg_rule(x, ctx, True) for x in egress or []) if r)}


def _lb(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    subnets = p.get("Subnets") or [m.get("SubnetId") for m in p.get("SubnetMappings") or []
                                   if isinstance(m, dict)]
    return {"scheme": choice(p.get("Scheme"), ("internet-facing", "internal")),
            "subnets": ctx.id_list(subnets, "subnet"),
            "security_groups": ctx.id_list(p.get("SecurityGroups"), "security_group"),
            "listeners": []}


SHAPES["alb"] = _lb
SHAPES["nlb"] = _lb


@shaped("target_group")
def _tg(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    check: dict[str, Any] = {
        "protocol": choice(p.get("HealthCheckProtocol"), ("HTTP", "HTTPS", "TCP"), upper=True),
        "path": text(p.get("HealthCheckPath")),
        "interval": number(p.get("HealthCheckIntervalSeconds")),
        "timeout": number(p.get("HealthCheckTimeoutSeconds")),
        "healthy_threshold": number(p.get("HealthyThresholdCount")),
        "unhealthy_threshold": number(p.get("UnhealthyThresholdCount")),
        "matcher": text(dig(p, "Matcher", "HttpCode"))}
    port = text(p.get("HealthCheckPort"))
    if port and port.isdigit():
        check["port"] = int(port)
    return {"vpc": vpc_of(ctx, f, p.get("VpcId")),
            "protocol": choice(p.get("Protocol"), ("HTTP", "HTTPS", "TCP", "TLS", "UDP",
                                                   "TCP_UDP"), upper=True),
            "port": number(p.get("Port")),
            "target_type": choice(p.get("TargetType"), ("instance", "ip", "lambda")),
            "health_check": check,
            "targets": ctx.id_list([t.get("Id") for t in p.get("Targets") or []
                                    if isinstance(t, dict)],
                                   "ec2_instance", "lambda_function")}


def _template_data(value: Any, ctx: Context) -> dict[str, Any]:
    """The settings of a launch template or configuration an instance or group uses."""
    key = ctx.key_of(value.get("LaunchTemplateId") or value.get("LaunchTemplateName")) \
        if isinstance(value, dict) else ctx.key_of(value)
    if key is None:
        return {}
    found = ctx.by_key[key]
    data = found.props.get("LaunchTemplateData", found.props)
    return data if isinstance(data, dict) else {}


def _profile_role(value: Any, ctx: Context) -> str | None:
    """An instance profile's role (profiles are glue: the role is what the model names)."""
    key = ctx.key_of(value)
    if key is None:
        return None
    found = ctx.by_key[key]
    if found.type == "AWS::IAM::InstanceProfile":
        roles = found.props.get("Roles") or []
        return ctx.id(roles[0], "iam_role") if roles else None
    return ctx.id(value, "iam_role")


@shaped("ec2_instance")
def _instance(f: Found, ctx: Context) -> dict[str, Any]:
    p = {**_template_data(f.props.get("LaunchTemplate"), ctx), **f.props}
    nic = dig(p, "NetworkInterfaces", 0) or {}
    groups = (p.get("SecurityGroupIds") or []) + (p.get("SecurityGroups") or []) + \
        (nic.get("GroupSet") or [])
    profile = p.get("IamInstanceProfile")
    return {"subnet": ctx.id(p.get("SubnetId") or nic.get("SubnetId"), "subnet"),
            "security_groups": ctx.id_list(groups, "security_group"),
            "instance_profile_role": _profile_role(profile.get("Name") or profile.get("Arn")
                                                   if isinstance(profile, dict) else profile,
                                                   ctx),
            "instance_type": text(p.get("InstanceType")), "ami": text(p.get("ImageId")),
            "public_ip": flag(nic.get("AssociatePublicIpAddress")),
            "key_pair": text(p.get("KeyName")),
            "imdsv2": True if text(dig(p, "MetadataOptions", "HttpTokens")) == "required"
            else None}


@shaped("autoscaling_group")
def _asg(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    launch = _template_data(p.get("LaunchTemplate") or p.get("LaunchConfigurationName")
                            or dig(p, "MixedInstancesPolicy", "LaunchTemplate",
                                   "LaunchTemplateSpecification"), ctx)
    profile = launch.get("IamInstanceProfile")
    return {"subnets": ctx.id_list(p.get("VPCZoneIdentifier"), "subnet"),
            "security_groups": ctx.id_list((launch.get("SecurityGroupIds") or []) +
                                           (launch.get("SecurityGroups") or []),
                                           "security_group"),
            "instance_profile_role": _profile_role(profile.get("Name") or profile.get("Arn")
                                                   if isinstance(profile, dict) else profile,
                                                   ctx),
            "instance_type": text(launch.get("InstanceType")),
            "min_size": number(p.get("MinSize")), "max_size": number(p.get("MaxSize")),
            "desired_capacity": number(p.get("DesiredCapacity")),
            "target_groups": ctx.id_list(p.get("TargetGroupARNs"), "target_group")}


@shaped("ssm_session_manager")
def _session_manager(f: Found, ctx: Context) -> dict[str, Any]:
    return {"targets": []}  # the instances whose role lets the agent in (glue.finish)


@shaped("lambda_function")
def _lambda(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"runtime": text(p.get("Runtime")), "handler": text(p.get("Handler")),
            "execution_role": ctx.id(p.get("Role"), "iam_role"),
            "subnets": ctx.id_list(dig(p, "VpcConfig", "SubnetIds"), "subnet"),
            "security_groups": ctx.id_list(dig(p, "VpcConfig", "SecurityGroupIds"),
                                           "security_group")}

__all__ = ["PROTOCOLS", "generic", "kind_for", "sg_rule", "shape", "shapes_edge",
           "shapes_services"]
