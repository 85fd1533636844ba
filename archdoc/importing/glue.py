"""Glue: the input resources that are parts of others (a route of a route table, a rule of a
security group, a listener of a load balancer, a policy of a role, an association, ...).
Each is folded into the resource it belongs to, as that resource's field, and named in its
comment; none is dropped, none becomes a box of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archdoc.importing import Found, Ref
from archdoc.importing.context import Context
from archdoc.importing.fields import cidr, dig, flag, number, text, texts
from archdoc.importing.shapes import PROTOCOLS, sg_rule
from archdoc.importing.shapes_services import statements, subscription

Handler = Callable[[Found, Context], None]
HANDLERS: dict[str, Handler] = {}
LATER = ("AWS::ElasticLoadBalancingV2::ListenerRule",)  # after the listeners they extend
NAMED_BY_OWNER = frozenset({
    "AWS::RDS::DBSubnetGroup", "AWS::ElastiCache::SubnetGroup", "AWS::EC2::LaunchTemplate",
    "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::EIP",
    "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CloudFrontOriginAccessIdentity"})


def folds(*types: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for t in types:
            HANDLERS[t] = fn
        return fn
    return register


def apply(ctx: Context) -> None:
    glue = [f for f in ctx.found if f.type in HANDLERS]
    for f in sorted(glue, key=lambda f: f.type in LATER):
        said = len(ctx.notes.items)
        try:
            HANDLERS[f.type](f, ctx)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError):
            ctx.notes.warn(f.where, f"{f.key} ({f.type}): a property is not of the shape "
                                    "AWS documents; left out")
            continue
        if f.key not in ctx.folded and len(ctx.notes.items) == said:  # (not said why)
            ctx.notes.warn(f.where, f"{f.key} ({f.type}) belongs to no resource of the "
                                    "inputs; left out")


def first_ref(value: Any, ctx: Context) -> Any:
    """The first reference in a value to a resource of the model (what glue belongs to)."""
    if isinstance(value, (Ref, str)) and ctx.key_of(value) in ctx.ids:
        return value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = first_ref(item, ctx)
            if found is not None:
                return found
    return None


@folds("AWS::EC2::EIP", "AWS::EC2::EIPAssociation", "AWS::IAM::InstanceProfile",
       "AWS::RDS::DBSubnetGroup", "AWS::ElastiCache::SubnetGroup", "AWS::Lambda::Permission",
       "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration",
       "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy", "AWS::ApiGateway::Resource",
       "AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Model",
       "AWS::ApiGateway::RequestValidator", "AWS::ApiGatewayV2::Integration",
       "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Deployment",
       "AWS::EC2::TransitGatewayRoute", "AWS::EC2::TransitGatewayRouteTable",
       "AWS::EC2::TransitGatewayRouteTableAssociation",
       "AWS::EC2::TransitGatewayRouteTablePropagation",
       "AWS::CloudFront::OriginAccessControl",
       "AWS::CloudFront::CloudFrontOriginAccessIdentity", "AWS::EC2::VPCCidrBlock",
       "AWS::EC2::SubnetCidrBlock", "AWS::EC2::NetworkInterfaceAttachment",
       "AWS::EC2::VolumeAttachment", "AWS::ECS::ClusterCapacityProviderAssociations",
       "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::AutoScaling::ScalingPolicy",
       "AWS::AutoScaling::ScheduledAction", "AWS::AutoScaling::LifecycleHook",
       "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::Lambda::Version",
       "AWS::Lambda::Alias", "AWS::ElasticLoadBalancingV2::ListenerCertificate",
       "AWS::EC2::VPCEndpointService", "AWS::EC2::VPNGatewayRoutePropagation",
       "AWS::Logs::SubscriptionFilter", "AWS::Lambda::EventInvokeConfig",
       # Terraform's own glue (no CloudFormation type): folded the same way
       "AWS::IAM::RolePolicyAttachment", "AWS::ElasticLoadBalancingV2::TargetGroupAttachment")
def _part_of(f: Found, ctx: Context) -> None:
    """Glue whose whole meaning is its owner's (an EIP of a NAT gateway, a deployment of an
    API): named in the owner's comment. Most name their owner; a subnet group, launch
    template or address is named by its owner (and itself names subnets or nothing)."""
    def referrer() -> Ref | None:
        return next((Ref(o.key) for o in ctx.found if o.key in ctx.ids
                     and _mentions(o.props, f.key, ctx)), None)

    owner = (referrer() or first_ref(f.props, ctx)) if f.type in NAMED_BY_OWNER else \
        (first_ref(f.props, ctx) or referrer())
    if owner is not None:
        ctx.fold(owner, f)


def _mentions(value: Any, key: str, ctx: Context) -> bool:
    if isinstance(value, str) and ("${" + key + "}" in value or "${" + key + "." in value):
        return True  # named inside a text (origin-access-identity/cloudfront/${Id})
    if isinstance(value, (Ref, str)):
        return ctx.key_of(value) == key
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) \
        else ()
    return any(_mentions(v, key, ctx) for v in items)


@folds("AWS::EC2::VPCGatewayAttachment")
def _attachment(f: Found, ctx: Context) -> None:
    igw = ctx.fold(f.props.get("InternetGatewayId") or f.props.get("VpnGatewayId"), f)
    if igw is not None and igw.get("kind") == "internet_gateway":
        igw["vpc"] = ctx.id(f.props.get("VpcId"), "vpc")


@folds("AWS::EC2::Route")
def _route(f: Found, ctx: Context) -> None:
    table = ctx.fold(f.props.get("RouteTableId"), f)
    if table is None:
        return
    p = f.props
    target = None
    for key in ("GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId",
                "VpcEndpointId"):
        target = target or ctx.id(p.get(key), "internet_gateway", "nat_gateway",
                                  "vpc_endpoint", "transit_gateway", "vpc_peering")
    if target is None:
        ctx.notes.warn(f.where, f"{f.key} ({f.type}): its target is not a gateway of the "
                                "inputs; left out")
        return
    table["routes"].append({"destination": cidr(p.get("DestinationCidrBlock")
                                                 or p.get("DestinationIpv6CidrBlock")),
                            "target": target})


@folds("AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::SubnetNetworkAclAssociation")
def _association(f: Found, ctx: Context) -> None:
    """A subnet associated with a route table or a network ACL: one of its subnets."""
    owner = ctx.fold(f.props.get("RouteTableId") or f.props.get("NetworkAclId"), f)
    subnet = ctx.id(f.props.get("SubnetId"), "subnet")
    if owner is not None and subnet and subnet not in owner["subnets"]:
        owner["subnets"].append(subnet)


@folds("AWS::EC2::NetworkAclEntry")
def _acl_entry(f: Found, ctx: Context) -> None:
    acl = ctx.fold(f.props.get("NetworkAclId"), f)
    p = f.props
    network = cidr(p.get("CidrBlock") or p.get("Ipv6CidrBlock"))
    number_ = number(p.get("RuleNumber"))
    if acl is None or network is None or number_ is None:
        return
    low, high = number(dig(p, "PortRange", "From")), number(dig(p, "PortRange", "To"))
    protocol = PROTOCOLS.get(str(p.get("Protocol", "-1")), "all")
    port = None if low is None or protocol not in ("tcp", "udp") \
        else str(low) if high in (None, low) else f"{low}-{high}"
    side = "egress" if flag(p.get("Egress")) else "ingress"
    acl[side].append({"rule_number": number_, "protocol": protocol, "port": port,
                      "cidr": network, "action": "deny" if str(p.get("RuleAction")).lower()
                      == "deny" else "allow"})


@folds("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress")
def _sg_rule(f: Found, ctx: Context) -> None:
    group = ctx.fold(f.props.get("GroupId") or f.props.get("GroupName"), f)
    egress = f.type.endswith("Egress")
    if group is None:
        return
    rule = sg_rule(f.props, ctx, egress)
    side = "egress" if egress else "ingress"
    if rule is not None and group.get(side) is not None and rule not in group[side]:
        group[side].append(rule)  # (egress None: AWS's all-out rule stays, and says it all)


def _action(action: Any, ctx: Context) -> dict[str, Any] | None:
    if not isinstance(action, dict):
        return None
    kind = str(action.get("Type", "")).lower()
    if kind == "forward":
        group = action.get("TargetGroupArn") or dig(action, "ForwardConfig", "TargetGroups",
                                                    0, "TargetGroupArn")
        return {"type": "forward", "target_group": ctx.id(group, "target_group")}
    if kind == "redirect":
        config = action.get("RedirectConfig") or {}
        port = number(config.get("Port"))
        code = text(config.get("StatusCode")) or ""
        return {"type": "redirect", "protocol": text(config.get("Protocol"))
                if text(config.get("Protocol")) in ("HTTP", "HTTPS") else None,
                "port": port, "status_code": number(code.replace("HTTP_", "")) if code else None}
    if kind == "fixed-response":
        config = action.get("FixedResponseConfig") or {}
        return {"type": "fixed_response", "status_code": number(config.get("StatusCode")),
                "content_type": text(config.get("ContentType")),
                "message_body": text(config.get("MessageBody"))}
    return None


@folds("AWS::ElasticLoadBalancingV2::Listener")
def _listener(f: Found, ctx: Context) -> None:
    lb = ctx.fold(f.props.get("LoadBalancerArn"), f)
    if lb is None or lb.get("kind") not in ("alb", "nlb"):
        return
    p = f.props
    certificate = ctx.id(dig(p, "Certificates", 0, "CertificateArn"), "acm_certificate")
    protocol = text(p.get("Protocol")) or ("HTTP" if lb["kind"] == "alb" else "TCP")
    port = number(p.get("Port")) or (443 if protocol in ("HTTPS", "TLS") else 80)
    action = _action(dig(p, "DefaultActions", 0), ctx)
    if lb["kind"] == "alb":
        if protocol not in ("HTTP", "HTTPS") or action is None:
            return
        listener = {"port": port, "protocol": protocol, "certificate": certificate,
                    "ssl_policy": text(p.get("SslPolicy")), "default_action": action,
                    "rules": []}
    else:
        if protocol not in ("TCP", "TLS", "UDP", "TCP_UDP"):
            return
        listener = {"port": port, "protocol": protocol, "certificate": certificate,
                    "ssl_policy": text(p.get("SslPolicy")),
                    "target_group": (action or {}).get("target_group")}
    lb["listeners"].append(listener)
    ctx.listeners[f.key] = listener


@folds("AWS::ElasticLoadBalancingV2::ListenerRule")
def _listener_rule(f: Found, ctx: Context) -> None:
    key = ctx.key_of(f.props.get("ListenerArn"))
    listener = ctx.listeners.get(key or "")
    if listener is None or "rules" not in listener:
        ctx.notes.warn(f.where, f"{f.key} ({f.type}): its listener is not in the inputs; "
                                "left out")
        return
    ctx.fold(ctx.by_key[key or ""].props.get("LoadBalancerArn"), f)
    p = f.props
    paths: list[str] = []
    hosts: list[str] = []
    for c in p.get("Conditions") or []:
        field = dig(c, "Field")
        values = texts(dig(c, "Values")) or texts(dig(c, "PathPatternConfig", "Values")) or \
            texts(dig(c, "HostHeaderConfig", "Values"))
        (paths if field == "path-pattern" else hosts if field == "host-header" else []).extend(
            values)
    action = _action(dig(p, "Actions", 0), ctx)
    if action is not None:
        listener["rules"].append({"priority": number(p.get("Priority")) or 1,
                                  "path_patterns": paths, "host_headers": hosts,
                                  "action": action})


@folds("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy")
def _policy(f: Found, ctx: Context) -> None:
    p = f.props
    roles = p.get("Roles") or ([p["RoleName"]] if "RoleName" in p else [])
    roles += [Ref(o.key) for o in ctx.found if o.type == "AWS::IAM::Role" and any(
        ctx.key_of(m) == f.key for m in o.props.get("ManagedPolicyArns") or [])]
    name = text(p.get("PolicyName") or p.get("ManagedPolicyName")) or f.key
    for role in roles:
        fields = ctx.fold(role, f)
        if fields is not None and fields.get("kind") == "iam_role":
            doc = statements(p.get("PolicyDocument"), ctx)
            if doc:
                fields["inline_policies"].append({"name": name, "statements": doc})


def _principals(principal: Any, ctx: Context) -> list[str]:
    """A statement's principals as text: a principal that is another resource of the inputs
    (an origin access identity's canonical user) is named by it, never taken for "*"."""
    out: list[str] = []
    for kind, values in (principal.items() if isinstance(principal, dict) else []):
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, Ref) or (isinstance(value, str) and "${" in value):
                key = ctx.key_of(value) or str(value)
                out.append(f"{kind}:{ctx.ids.get(key, key)}")
            elif text(value):
                out.append(str(text(value)))
    return out or ["*"]


@folds("AWS::S3::BucketPolicy")
def _bucket_policy(f: Found, ctx: Context) -> None:
    bucket = ctx.fold(f.props.get("Bucket"), f)
    if bucket is None:
        return
    found = dig(f.props, "PolicyDocument", "Statement") or []
    for s in found if isinstance(found, list) else [found]:
        if not isinstance(s, dict) or not texts(s.get("Action")):
            continue
        principal = s.get("Principal")
        principals = ["*"] if principal == "*" else _principals(principal, ctx)
        bucket["policy"].append({
            "sid": text(s.get("Sid")), "effect": "Deny" if s.get("Effect") == "Deny"
            else "Allow", "principals": principals, "actions": texts(s.get("Action")),
            "resources": [r for r in texts(s.get("Resource"))] or ["*"],
            "conditions": {op: {k: texts(v) if isinstance(v, list) else text(v) or ""
                                for k, v in c.items()}
                           for op, c in (s.get("Condition") or {}).items()
                           if isinstance(c, dict)}})


@folds("AWS::S3::BucketNotification")  # made by the SAM transform for an S3 event
def _notification(f: Found, ctx: Context) -> None:
    bucket = ctx.fold(f.props.get("Bucket"), f)
    function = ctx.id(f.props.get("Function"), "lambda_function")
    if bucket is not None and function:
        bucket["notifications"].append({"events": texts(f.props.get("Events")),
                                        "function": function})


@folds("AWS::SNS::Subscription")
def _subscription(f: Found, ctx: Context) -> None:
    topic = ctx.fold(f.props.get("TopicArn"), f)
    sub = subscription(f.props.get("Protocol"), f.props.get("Endpoint"), ctx)
    if topic is not None and sub is not None:
        topic["subscriptions"].append(sub)


@folds("AWS::Lambda::EventSourceMapping")
def _event_source(f: Found, ctx: Context) -> None:
    ctx.fold(f.props.get("FunctionName"), f)
    ctx.flow(ctx.id(f.props.get("EventSourceArn")), ctx.id(f.props.get("FunctionName"),
                                                            "lambda_function"),
             label="event source")


SSM_CORE = "AmazonSSMManagedInstanceCore"  # the policy that lets Session Manager's agent in


def finish(ctx: Context) -> None:
    """What the folded glue says about others: a subnet routed to an internet gateway is
    public; a distribution's web ACL protects it; Session Manager reaches the instances whose
    role has the policy its agent needs."""
    for table in [r for r in ctx.out.values() if r.get("kind") == "route_table"]:
        to_igw = any(ctx.out.get(route["target"], {}).get("kind") == "internet_gateway"
                     and route.get("destination") in ("0.0.0.0/0", "::/0")
                     for route in table["routes"])
        for subnet in table["subnets"] if to_igw else []:
            if ctx.out[subnet].get("public") is None:
                ctx.out[subnet]["public"] = True
    for rid, endpoint in list(ctx.out.items()):  # a gateway endpoint routes its tables to it
        if endpoint.get("kind") == "vpc_endpoint" and endpoint.get("type") != "interface":
            for table in endpoint.get("route_tables") or []:
                routes = ctx.out[table]["routes"]
                if not any(r.get("target") == rid for r in routes):
                    routes.append({"destination": None, "target": rid})
    managed = {rid for rid, r in ctx.out.items() if r.get("kind") == "iam_role"
               and SSM_CORE in (r.get("managed_policies") or [])}
    for manager in (r for r in ctx.out.values() if r.get("kind") == "ssm_session_manager"):
        manager["targets"] += [rid for rid, r in ctx.out.items()
                               if r.get("kind") in ("ec2_instance", "autoscaling_group")
                               and r.get("instance_profile_role") in managed]
    for f in ctx.found:
        if f.type == "AWS::CloudFront::Distribution" and f.key in ctx.ids:
            acl = ctx.fields(dig(f.props, "DistributionConfig", "WebACLId"))
            if acl is not None and acl.get("kind") == "waf_web_acl":
                acl["protects"].append(ctx.ids[f.key])


__all__ = ["HANDLERS", "apply", "finish"]
