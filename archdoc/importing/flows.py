"""Flows inferred from what carries traffic: security-group rules between groups (and from
the internet to what faces it), listeners through target groups to their targets, alias
records, API routes to their integrations, distributions to their origins, notifications
and subscriptions. Never from dependencies (``DependsOn``, ``depends_on``), which say
what is created first, not what talks to what."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from archdoc.importing.context import Context

SERVICES = {22: "SSH", 53: "DNS", 80: "HTTP", 443: "HTTPS", 1433: "MSSQL", 2049: "NFS",
            3306: "MySQL", 3389: "RDP", 5432: "PostgreSQL", 6379: "Redis", 8080: "HTTP",
            8443: "HTTPS", 11211: "Memcached", 27017: "MongoDB"}
ANYWHERE = ("0.0.0.0/0", "::/0")
USERS = "users"


def protocol_of(protocol: str, port: Any) -> str | None:
    low = str(port).split("-")[0] if port is not None else ""
    if low.isdigit() and int(low) in SERVICES:
        return SERVICES[int(low)]
    return protocol.upper() if protocol not in ("all",) else None


def infer(ctx: Context) -> None:
    out = ctx.out
    members: dict[str, list[str]] = defaultdict(list)
    for rid, r in out.items():
        for group in r.get("security_groups") or []:
            members[group].append(rid)
    for rid, r in list(out.items()):
        kind = r.get("kind")
        if kind in ("alb", "nlb"):
            _balancer(ctx, rid, r)
        elif kind == "route53_record" and r.get("alias_target"):
            ctx.flow(rid, r["alias_target"], label="alias")
        elif kind in ("api_gateway_rest_api", "api_gateway_http_api"):
            if r.get("endpoint") != "PRIVATE":
                ctx.flow(_users(ctx), rid, "HTTPS", 443)
            for route in r.get("routes") or []:
                ctx.flow(rid, route.get("integration"),
                         label=f"{route.get('method', 'ANY')} {route.get('path', '/')}")
        elif kind == "cloudfront_distribution":
            ctx.flow(_users(ctx), rid, "HTTPS", 443)
            for origin in r.get("origins") or []:
                ctx.flow(rid, origin["target"], label="origin")
        elif kind == "s3_bucket":
            for n in r.get("notifications") or []:
                ctx.flow(rid, n["function"], label="notification")
        elif kind == "sns_topic":
            for s in r.get("subscriptions") or []:
                ctx.flow(rid, s.get("endpoint"), label="subscription")
        elif kind == "ssm_session_manager":
            for target in r.get("targets") or []:
                ctx.flow(rid, target, label="session (no SSH)")
    _classic_balancers(ctx)
    _outbound(ctx)
    # the rules last: a listener says the protocol and port better than an all-ports rule
    for gid, group in list(out.items()):
        if group.get("kind") != "security_group":
            continue
        for rule in group.get("ingress") or []:
            name = protocol_of(rule["protocol"], rule.get("port"))
            if rule.get("security_group"):
                for source in members.get(rule["security_group"], []):
                    for target in members.get(gid, []):
                        ctx.flow(source, target, name, rule.get("port"))
            elif rule.get("cidr") in ANYWHERE:
                for target in members.get(gid, []):
                    if _faces_internet(out[target], out):
                        ctx.flow(_users(ctx), target, name, rule.get("port"))


def _classic_balancers(ctx: Context) -> None:
    """A classic load balancer (an open-set type): its instances and the groups naming it."""
    for f in ctx.found:
        if f.type != "AWS::ElasticLoadBalancing::LoadBalancer" or f.key not in ctx.ids:
            continue
        rid = ctx.ids[f.key]
        listeners = [x for x in f.props.get("Listeners") or [] if isinstance(x, dict)]
        if str(f.props.get("Scheme", "internet-facing")) != "internal" and listeners:
            port = listeners[0].get("LoadBalancerPort")
            ctx.flow(_users(ctx), rid, protocol_of("tcp", port), port)
        port = listeners[0].get("InstancePort") if listeners else None
        for target in ctx.id_list(f.props.get("Instances")):
            ctx.flow(rid, target, protocol_of("tcp", port), port)
        for other in ctx.found:
            if other.key in ctx.ids and any(ctx.key_of(n) == f.key for n in
                                            other.props.get("LoadBalancerNames") or []):
                ctx.flow(rid, ctx.ids[other.key], protocol_of("tcp", port), port)


def _balancer(ctx: Context, rid: str, lb: dict[str, Any]) -> None:
    out = ctx.out
    groups: list[str] = []
    for listener in lb.get("listeners") or []:
        actions = [listener.get("default_action") or {}] + \
            [rule.get("action") or {} for rule in listener.get("rules") or []]
        groups += [a["target_group"] for a in actions if a.get("target_group")]
        if listener.get("target_group"):
            groups.append(listener["target_group"])
    if lb.get("scheme") != "internal" and lb.get("listeners"):
        first = lb["listeners"][0]
        ctx.flow(_users(ctx), rid, first["protocol"] if first["protocol"] in
                 ("HTTP", "HTTPS") else protocol_of(first["protocol"].lower(), first["port"]),
                 first["port"])
    for listener in lb.get("listeners") or []:  # the certificate it serves
        ctx.flow(listener.get("certificate"), rid, label="TLS certificate")
    for group in dict.fromkeys(groups):
        tg = out.get(group) or {}
        targets = list(tg.get("targets") or []) + [
            other for other, r in out.items() if group in (r.get("target_groups") or [])]
        for target in targets:
            ctx.flow(rid, target, tg.get("protocol"), tg.get("port"))


OUTBOUND = ("ec2_instance", "autoscaling_group", "ecs_service", "lambda_function")


def _outbound(ctx: Context) -> None:
    """Routes: what runs in a subnet whose default route is a NAT gateway goes out through
    it, and the NAT gateway through the internet gateway its own subnet routes to."""
    out = ctx.out
    default: dict[str, str] = {}  # subnet -> the target of its default route
    for table in (r for r in out.values() if r.get("kind") == "route_table"):
        target = next((str(route["target"]) for route in table.get("routes") or []
                       if route.get("destination") in ANYWHERE), None)
        for subnet in table.get("subnets") or []:
            if target is not None:
                default[subnet] = target
    for rid, r in list(out.items()):
        if r.get("kind") == "nat_gateway":  # its way out, used or not yet
            target = default.get(r.get("subnet") or "")
            if out.get(target or "", {}).get("kind") == "internet_gateway":
                ctx.flow(rid, target, label="internet")
        if r.get("kind") not in OUTBOUND:
            continue
        subnets = r.get("subnets") or ([r["subnet"]] if r.get("subnet") else [])
        for subnet in subnets:
            nat = default.get(subnet)
            if out.get(nat or "", {}).get("kind") == "nat_gateway":
                ctx.flow(rid, nat, label="outbound")
                ctx.flow(nat, default.get(out[nat or ""].get("subnet") or ""), label="internet")


def _faces_internet(r: dict[str, Any], out: dict[str, Any]) -> bool:
    if r.get("kind") in ("alb", "nlb"):
        return r.get("scheme") != "internal"
    if r.get("public_ip"):
        return True
    subnets = r.get("subnets") or ([r["subnet"]] if r.get("subnet") else [])
    return any(out.get(s, {}).get("public") for s in subnets)


def _users(ctx: Context) -> str:
    """The internet's users, added once when something faces them."""
    if USERS not in ctx.out or ctx.out[USERS].get("kind") != "users":
        rid = USERS if USERS not in ctx.out else "internet-users"
        if rid not in ctx.out:
            ctx.out[rid] = {"kind": "users", "label": "Users"}
            ctx.origins[rid].append("the internet, where the inputs accept traffic from "
                                    "anywhere")
        return rid
    return USERS


__all__ = ["infer", "protocol_of"]
