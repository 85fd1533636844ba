"""VPC, subnets, gateways, route tables and endpoints."""

from __future__ import annotations

from typing import Any

from archdoc.drift.context import Diff, DriftContext, as_set, as_text, unresolved
from archdoc.drift.live import LiveObject
from archdoc.model.resources import (
    InternetGateway,
    NatGateway,
    RouteTable,
    Subnet,
    Vpc,
    VpcEndpoint,
)
from archdoc.model.resources.network import (
    NetworkAcl,
    NetworkAclRule,
    TransitGateway,
    TransitGatewayAttachment,
    VpcPeering,
)
from archdoc.text import say


def _same(path: tuple[Any, ...], expected: Any, actual: Any, message: str = "") -> list[Diff]:
    if expected is None or expected == actual or unresolved(expected):  # None: not modelled
        return []
    return [Diff(path, as_text(expected), as_text(actual), message)]


def vpc(ctx: DriftContext, rid: str, res: Vpc, live: LiveObject) -> list[Diff]:
    return _same(("cidr",), res.cidr, live.raw.get("CidrBlock"))


def route_table_of(ctx: DriftContext, subnet_id: str, vpc_id: str) -> dict[str, Any] | None:
    """The route table a subnet uses: its explicit association, else its VPC's main table."""
    main = None
    for table in ctx.data("ec2")["route_tables"]:
        for assoc in table.get("Associations", []):
            if assoc.get("SubnetId") == subnet_id:
                return table
            if assoc.get("Main") and table.get("VpcId") == vpc_id:
                main = table
    return main


def routes_to_internet_gateway(table: dict[str, Any] | None) -> bool:
    return any(str(route.get("GatewayId", "")).startswith("igw-")
               and route.get("State", "active") == "active"
               for route in (table or {}).get("Routes", []))


def subnet(ctx: DriftContext, rid: str, res: Subnet, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("cidr",), res.cidr, raw.get("CidrBlock"))
    diffs += _same(("az",), res.az, raw.get("AvailabilityZone"))
    diffs += _same(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    public = routes_to_internet_gateway(route_table_of(ctx, live.id, raw.get("VpcId", "")))
    if public != res.public:
        diffs.append(Diff(("public",), str(res.public).lower(), str(public).lower(),
                          say("its route table has a route to an internet gateway") if public
                          else say("its route table has no route to an internet gateway")))
    return diffs


def internet_gateway(ctx: DriftContext, rid: str, res: InternetGateway, live: LiveObject
                     ) -> list[Diff]:
    attached = sorted(a["VpcId"] for a in live.raw.get("Attachments", [])
                      if a.get("State") in ("attached", "available"))
    if res.vpc is None:
        return []  # the model does not say which VPC
    return _same(("vpc",), as_set([ctx.ref(res.vpc)]), as_set(attached),
                 say("attached to another VPC") if attached else say("detached"))


def nat_gateway(ctx: DriftContext, rid: str, res: NatGateway, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("subnet",), ctx.ref(res.subnet), raw.get("SubnetId"))
    diffs += _same(("connectivity",), res.connectivity, raw.get("ConnectivityType", "public"))
    state = raw.get("State")
    if state not in ("available", "pending"):
        diffs.append(Diff((), "available", str(state), say("NAT gateway not available"),
                          attribute="state"))
    return diffs


def _route_key(route: dict[str, Any]) -> tuple[str, str] | None:
    target = (route.get("GatewayId") or route.get("NatGatewayId")
              or route.get("TransitGatewayId") or route.get("VpcPeeringConnectionId")
              or route.get("NetworkInterfaceId") or route.get("InstanceId")
              or route.get("EgressOnlyInternetGatewayId") or route.get("LocalGatewayId")
              or route.get("CarrierGatewayId") or "")
    if target == "local":
        return None  # every table has its VPC's local route; the model does not write it
    destination = (route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
                   or route.get("DestinationPrefixListId") or "")
    if str(target).startswith("vpce-"):
        destination = "(endpoint prefix list)"  # a gateway endpoint's route; the model omits it
    return destination, str(target)


def _show_route(key: tuple[str, str], ctx: DriftContext) -> str:
    return f"{key[0]} -> {ctx.show(key[1])}"


def route_table(ctx: DriftContext, rid: str, res: RouteTable, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    associated = {a["SubnetId"] for a in raw.get("Associations", []) if a.get("SubnetId")}
    expected_subnets = ctx.refs(res.subnets)
    if associated != expected_subnets:
        diffs.append(Diff(("subnets",), as_set(ctx.show(s) for s in expected_subnets),
                          as_set(ctx.show(s) for s in associated),
                          say("subnet associations")))
    live_routes = {k for k in map(_route_key, raw.get("Routes", [])) if k}
    wanted = {}
    for index, route in enumerate(res.routes):
        if ctx.missing(route.target):
            continue  # the target is reported MISSING; AWS removes its routes with it
        target = ctx.ref(route.target)
        destination = route.destination or "(endpoint prefix list)"
        if target.startswith("vpce-"):
            destination = "(endpoint prefix list)"
        wanted[(destination, target)] = index
    for key, index in wanted.items():
        if key not in live_routes:
            diffs.append(Diff(("routes", index), _show_route(key, ctx), say("(absent)"),
                              say("route missing")))
    for key in sorted(live_routes - set(wanted)):
        diffs.append(Diff(("routes",), say("(absent)"), _show_route(key, ctx),
                          say("route not in the model")))
    return diffs


def service_name(service: str, region: str) -> str:
    """``s3`` -> ``com.amazonaws.<region>.s3``; a full name stays as written."""
    return service if "." in service else f"com.amazonaws.{region}.{service}"


def vpc_endpoint(ctx: DriftContext, rid: str, res: VpcEndpoint, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    diffs += _same(("type",), res.type, str(raw.get("VpcEndpointType", "")).lower())
    if res.service is not None:
        diffs += _same(("service",), service_name(res.service, ctx.snapshot.identity.region),
                       raw.get("ServiceName"))
    for field, live_key, refs in (("route_tables", "RouteTableIds", res.route_tables),
                                  ("subnets", "SubnetIds", res.subnets)):
        expected = ctx.refs(refs)
        actual = set(raw.get(live_key) or [])
        if expected != actual:
            diffs.append(Diff((field,), as_set(ctx.show(x) for x in expected),
                              as_set(ctx.show(x) for x in actual)))
    if res.type == "interface":
        expected = ctx.refs(res.security_groups)
        actual = {g["GroupId"] for g in raw.get("Groups", [])}
        if expected != actual:
            diffs.append(Diff(("security_groups",), as_set(ctx.show(x) for x in expected),
                              as_set(ctx.show(x) for x in actual)))
    return diffs


def _acl_rules(entries: list[dict[str, Any]], egress: bool) -> set[tuple[int, str, str, str, str]]:
    """(number, protocol, ports, cidr, action) of the ACL's own entries (not the default 32767)."""
    found = set()
    for e in entries:
        if bool(e.get("Egress")) != egress or int(e.get("RuleNumber", 0)) >= 32767:
            continue
        protocol = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp"}.get(
            str(e.get("Protocol")), str(e.get("Protocol")))
        ports = e.get("PortRange") or {}
        span = "" if protocol in ("all", "icmp") or not ports else (
            str(ports.get("From")) if ports.get("From") == ports.get("To")
            else f"{ports.get('From')}-{ports.get('To')}")
        found.add((int(e["RuleNumber"]), protocol, span, str(e.get("CidrBlock")),
                   str(e.get("RuleAction"))))
    return found


def _model_acl_rules(rules: list[NetworkAclRule]) -> set[tuple[int, str, str, str, str]]:
    return {(r.rule_number, r.protocol, "" if r.protocol in ("all", "icmp") or r.port is None
             else r.port, r.cidr, r.action) for r in rules}


def _show_acl(rule: tuple[int, str, str, str, str]) -> str:
    number, protocol, span, cidr, action = rule
    return f"#{number} {action} {protocol}{' ' + span if span else ''} {cidr}"


def network_acl(ctx: DriftContext, rid: str, res: NetworkAcl, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    associated = {a["SubnetId"] for a in raw.get("Associations", []) if a.get("SubnetId")}
    expected = ctx.refs(res.subnets)
    if associated != expected:
        diffs.append(Diff(("subnets",), as_set(ctx.show(s) for s in expected),
                          as_set(ctx.show(s) for s in associated)))
    for field, rules, egress in (("ingress", res.ingress, False), ("egress", res.egress, True)):
        want, have = _model_acl_rules(rules), _acl_rules(raw.get("Entries", []), egress)
        if want != have:
            diffs.append(Diff((field,), as_set(_show_acl(r) for r in sorted(want)),
                              as_set(_show_acl(r) for r in sorted(have))))
    return diffs


def transit_gateway(ctx: DriftContext, rid: str, res: TransitGateway, live: LiveObject
                    ) -> list[Diff]:
    options = live.raw.get("Options", {})
    diffs: list[Diff] = []
    if res.asn is not None:
        diffs += _same(("asn",), res.asn, options.get("AmazonSideAsn"))
    for field, key in (("default_route_table_association", "DefaultRouteTableAssociation"),
                       ("default_route_table_propagation", "DefaultRouteTablePropagation"),
                       ("auto_accept_shared_attachments", "AutoAcceptSharedAttachments")):
        value = "enable" if getattr(res, field) else "disable"
        diffs += _same((field,), value, options.get(key, value))
    return diffs


def transit_gateway_attachment(ctx: DriftContext, rid: str, res: TransitGatewayAttachment,
                               live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("transit_gateway",), ctx.ref(res.transit_gateway), raw.get("TransitGatewayId"))
    diffs += _same(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    expected, actual = ctx.refs(res.subnets), set(raw.get("SubnetIds") or [])
    if res.subnets and expected != actual:
        diffs.append(Diff(("subnets",), as_set(ctx.show(s) for s in expected),
                          as_set(ctx.show(s) for s in actual)))
    return diffs


def vpc_peering(ctx: DriftContext, rid: str, res: VpcPeering, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _same(("requester",), ctx.ref(res.requester),
                  (raw.get("RequesterVpcInfo") or {}).get("VpcId"))
    diffs += _same(("accepter",), ctx.ref(res.accepter),
                   (raw.get("AccepterVpcInfo") or {}).get("VpcId"))
    status = (raw.get("Status") or {}).get("Code")
    if status != "active":
        diffs.append(Diff((), "active", str(status), say("peering connection not active"),
                          attribute="status"))
    return diffs
