"""Rules across resources, which no one value can check: references, subnet CIDRs inside
their VPC and not overlapping, routes, resources kept within one VPC, and what AWS itself
would refuse about where things are placed."""

from __future__ import annotations

import difflib
import ipaddress
import re
from typing import Any

from archdoc.errors import Diagnostic, shown
from archdoc.errors import did_you_mean as _suggest
from archdoc.model.introspect import iter_refs
from archdoc.model.loader import Path, SourceMap
from archdoc.model.names import check_unique_names
from archdoc.model.resources import (
    AcmCertificate,
    Alb,
    CloudFrontDistribution,
    NatGateway,
    RdsInstance,
    ResourceBase,
    Subnet,
    Vpc,
)
from archdoc.model.resources.network import VpcPeering
from archdoc.model.resources.security import WafWebAcl
from archdoc.model.rule_refs import check_rule_id
from archdoc.model.vocabulary import Vocabulary


def cross_checks(data: dict, typed: dict[str, ResourceBase], broken: set[str],
                  smap: SourceMap, vocabulary: Vocabulary) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for rid, resource in typed.items():
        for path, value, allowed in iter_refs(resource, ("resources", rid)):
            diags += _check_ref(path, value, allowed, typed, broken, smap)
    diags += _check_document_refs(data, typed, broken, smap, vocabulary)
    diags += _check_subnets(typed, smap)
    diags += _check_routes(typed, smap)
    diags += _check_one_vpc(typed, smap)
    diags += _check_placement(data, typed, smap)
    diags += _check_locators(typed, smap)
    diags += check_unique_names(typed, str(data.get("region") or ""), smap)
    return diags


def _check_locators(typed: dict[str, ResourceBase], smap: SourceMap) -> list[Diagnostic]:
    """A locator field the drift check cannot match for the kind would make an in-sync
    resource MISSING: refused here, where it is written."""
    diags = []
    for rid, res in typed.items():
        if res.aws is None or not res.UNLOCATABLE:
            continue
        for name, why in res.UNLOCATABLE.items():
            if getattr(res.aws, name):
                usable = [f for f in ("id", "arn", "name", "tags") if f not in res.UNLOCATABLE]
                diags.append(smap.diagnostic(
                    ("resources", rid, "aws", name),
                    f"a {res.kind} cannot be located by {name}: {why}; use "
                    f"{' or '.join(usable)}", at_key=True))
    return diags


LISTED = 12  # valid ids named in a message


def _check_ref(path: Path, value: str, kinds: tuple[str, ...], typed: dict[str, ResourceBase],
               broken: set[str], smap: SourceMap, boxes: frozenset[str] = frozenset()
               ) -> list[Diagnostic]:
    """``value`` names a resource of one of ``kinds`` (any, if empty, but not of ``boxes``)."""
    if value in broken:
        return []  # already reported where it is defined
    target = typed.get(value)
    if target is not None and (not kinds or target.kind in kinds) and target.kind not in boxes:
        return []
    wanted = " or ".join(kinds) if kinds and len(kinds) < 5 else "resource"
    valid = sorted(rid for rid, r in typed.items()
                   if (not kinds or r.kind in kinds) and r.kind not in boxes)
    shown_valid = ", ".join(valid[:LISTED]) + (f", ... ({len(valid)} in all)"
                                               if len(valid) > LISTED else "")
    listing = f" (valid: {shown_valid})" if valid else f" (no {wanted} is defined)"
    if target is None:
        return [smap.diagnostic(path, f"unknown {wanted} '{shown(value)}'"
                                      f"{_suggest(value, valid)}"
                                      f"{listing}")]
    if target.kind in boxes:  # a flow joins the icons in a box, not the box
        return [smap.diagnostic(path, f"'{value}' is a {target.kind}, drawn as a box around "
                                      f"resources; name one of them{listing}")]
    return [smap.diagnostic(path, f"'{value}' is a {target.kind}, expected a {wanted}{listing}")]


def _check_document_refs(data: dict, typed: dict[str, ResourceBase], broken: set[str],
                         smap: SourceMap, vocabulary: Vocabulary) -> list[Diagnostic]:
    """References in flows and sections (only where those parts are well-formed)."""
    diags: list[Diagnostic] = []
    flows = data.get("flows")
    for i, flow in enumerate(flows if isinstance(flows, list) else []):
        for end in ("from", "to"):
            if isinstance(flow, dict) and isinstance(flow.get(end), str):
                diags += _check_ref(("flows", i, end), flow[end], (), typed, broken, smap,
                                    vocabulary.boxes)
    sections = data.get("sections")
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        given = section.get("resources")
        listed: list[Any] = given if isinstance(given, list) else []
        for j, rid in enumerate(listed):
            if isinstance(rid, str):
                diags += _check_ref(("sections", i, "resources", j), rid, (), typed, broken, smap)
        roles = section.get("roles")
        for rid in roles if isinstance(roles, dict) else {}:
            if rid not in listed:
                diags.append(smap.diagnostic(("sections", i, "roles", rid),
                                             f"role given for '{rid}', which this section does "
                                             "not list in its resources", at_key=True))
        security = section.get("security")
        for k, item in enumerate(security if isinstance(security, list) else []):
            checks = item.get("checks") if isinstance(item, dict) else None
            for m, rule in enumerate(checks if isinstance(checks, list) else []):
                diags += check_rule_id(("sections", i, "security", k, "checks", m), rule, smap,
                                       vocabulary.rule_ids)
            see = item.get("see") if isinstance(item, dict) else None
            for m, rid in enumerate(see if isinstance(see, list) else []):
                if isinstance(rid, str) and rid != "figure":
                    diags += _check_ref(("sections", i, "security", k, "see", m), rid, (),
                                        typed, broken, smap)
    return diags


def _check_subnets(typed: dict[str, ResourceBase], smap: SourceMap) -> list[Diagnostic]:
    """Each subnet's CIDR inside its VPC's, and none overlapping another of its VPC: sorted by
    address, so that ten thousand subnets take one pass, not a comparison of every pair."""
    diags: list[Diagnostic] = []
    by_vpc: dict[str, list[tuple[int, Any, str]]] = {}
    for order, (rid, subnet) in enumerate(typed.items()):
        if not isinstance(subnet, Subnet) or subnet.cidr is None:
            continue
        net = ipaddress.ip_network(subnet.cidr)
        vpc = typed.get(subnet.vpc)
        if isinstance(vpc, Vpc) and vpc.cidr is not None:
            vpc_net = ipaddress.ip_network(vpc.cidr)
            if net.version != vpc_net.version or not net.subnet_of(vpc_net):  # type: ignore[arg-type]
                diags.append(smap.diagnostic(("resources", rid, "cidr"),
                                             f"subnet CIDR {subnet.cidr} is outside its VPC "
                                             f"'{subnet.vpc}' ({vpc.cidr})"))
        by_vpc.setdefault(subnet.vpc, []).append((order, net, rid))
    for subnets in by_vpc.values():
        subnets.sort(key=lambda s: (s[1].version, int(s[1].network_address), s[1].prefixlen))
        widest: tuple[int, Any, str] | None = None  # reaching furthest so far
        reported: set[str] = set()
        for current in subnets:
            if widest is not None and widest[1].version == current[1].version and \
                    int(current[1].network_address) <= int(widest[1].broadcast_address):
                first, later = sorted((widest, current))  # said where the later one is written
                if later[2] not in reported:
                    reported.add(later[2])
                    diags.append(smap.diagnostic(
                        ("resources", later[2], "cidr"), f"subnet CIDR {later[1]} overlaps "
                                                         f"subnet '{first[2]}' ({first[1]})"))
            if widest is None or widest[1].version != current[1].version or \
                    int(current[1].broadcast_address) > int(widest[1].broadcast_address):
                widest = current
    return diags


def _check_routes(typed: dict[str, ResourceBase], smap: SourceMap) -> list[Diagnostic]:
    """Only a gateway endpoint's route may omit its CIDR (the service's prefix list is implied)."""
    diags = []
    for rid, table in typed.items():
        for i, route in enumerate(getattr(table, "routes", []) if table.kind == "route_table"
                                  else []):
            target = typed.get(route.target)
            if route.destination is None and target is not None and target.kind != "vpc_endpoint":
                diags.append(smap.diagnostic(("resources", rid, "routes", i),
                                             f"route to {target.kind} '{route.target}' needs a "
                                             "destination CIDR, e.g. 0.0.0.0/0"))
    return diags


_PLACEMENT_KINDS = {"subnet", "security_group", "route_table", "internet_gateway", "nat_gateway",
                    "vpc_endpoint", "target_group", "ec2_instance", "autoscaling_group",
                    "rds_instance", "lambda_function", "network_acl", "nlb", "ecs_service",
                    "eks_cluster", "elasticache_cluster"}


def vpc_of(rid: str, typed: dict[str, ResourceBase], depth: int = 0) -> str | None:
    """The VPC a resource lives in, if it lives in one."""
    resource = typed.get(rid)
    if resource is None or depth > 4:
        return None
    if resource.kind == "vpc":
        return rid
    for attr in ("vpc", "subnet"):
        ref = getattr(resource, attr, None)
        if isinstance(ref, str):
            return ref if attr == "vpc" else vpc_of(ref, typed, depth + 1)
    subnets = getattr(resource, "subnets", None)
    if resource.kind != "route_table" and subnets:
        return vpc_of(subnets[0], typed, depth + 1)
    return None


def _check_one_vpc(typed: dict[str, ResourceBase], smap: SourceMap) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for rid, resource in typed.items():
        home = vpc_of(rid, typed)
        if home is None or home not in typed:
            continue
        for path, value, _ in iter_refs(resource, ("resources", rid)):
            target = typed.get(value)
            if target is None or target.kind not in _PLACEMENT_KINDS or value == rid:
                continue
            other = vpc_of(value, typed)
            if other is not None and other != home and other in typed:
                diags.append(smap.diagnostic(path, f"{target.kind} '{value}' belongs to VPC "
                                                   f"'{other}', but {resource.kind} '{rid}' is "
                                                   f"in VPC '{home}'"))
    return diags


_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")


def _az_suggestion(az: str, region: str) -> str:
    zones = [f"{region}{letter}" for letter in "abcdef"]
    close = difflib.get_close_matches(az, zones, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else f"; e.g. '{region}a'"


def _check_placement(data: dict, typed: dict[str, ResourceBase], smap: SourceMap
                     ) -> list[Diagnostic]:
    """What AWS itself would refuse: AZs of another region, an ALB or Multi-AZ database in one
    AZ, a public NAT gateway in a private subnet, a CloudFront certificate outside us-east-1."""
    diags: list[Diagnostic] = []
    region = data.get("region") if isinstance(data.get("region"), str) else None
    if region and not _REGION.match(region):
        region = None  # not an AWS region name (a test or private cloud): nothing to check

    def azs(subnets: list[str]) -> set[str]:
        return {sub.az for s in subnets if isinstance(sub := typed.get(s), Subnet)}

    for rid, res in typed.items():
        at = ("resources", rid)
        if isinstance(res, Subnet) and region:
            vpc = typed.get(res.vpc)
            own = res.region or (vpc.region if vpc is not None else None)
            home = own if own and _REGION.match(own) else region
            az = res.az
            local_zone = az.startswith(f"{home}-") and len(az) > len(home) + 2
            if not (local_zone or (len(az) == len(home) + 1 and az.startswith(home)
                                   and az[-1].isalpha() and az[-1].islower())):
                whose = "its VPC's region" if own else "the model's region"
                diags.append(smap.diagnostic(at + ("az",), f"availability zone '{az}' is not in "
                                             f"{whose} {home}{_az_suggestion(az, home)}"))
        elif isinstance(res, Alb) and res.subnets and len(azs(res.subnets)) < 2 and \
                all(s in typed for s in res.subnets):
            diags.append(smap.diagnostic(at + ("subnets",), "an Application Load Balancer needs "
                                         "subnets in at least two Availability Zones (AWS "
                                         f"requires it); these are all in "
                                         f"{', '.join(sorted(azs(res.subnets))) or 'none'}"))
        elif isinstance(res, RdsInstance) and res.multi_az and len(azs(res.subnets)) < 2 and \
                all(s in typed for s in res.subnets):
            diags.append(smap.diagnostic(at + ("multi_az",), "multi_az: true needs subnets in "
                                         "at least two Availability Zones; add a subnet of "
                                         "another AZ to subnets"))
        elif isinstance(res, NatGateway) and res.connectivity == "public":
            subnet = typed.get(res.subnet) if res.subnet else None
            if isinstance(subnet, Subnet) and not subnet.public:
                diags.append(smap.diagnostic(at + ("subnet",), f"a public NAT gateway must be "
                                             f"in a public subnet; '{res.subnet}' is private "
                                             "(or set connectivity: private)"))
        elif isinstance(res, WafWebAcl):
            for i, target in enumerate(res.protects):
                kind = typed[target].kind if target in typed else None
                if res.scope == "CLOUDFRONT" and kind not in (None, "cloudfront_distribution"):
                    diags.append(smap.diagnostic(at + ("protects", i), f"a CLOUDFRONT web ACL "
                                                 f"protects distributions only; '{target}' is "
                                                 f"a {kind} (use scope: REGIONAL)"))
                elif res.scope == "REGIONAL" and kind == "cloudfront_distribution":
                    diags.append(smap.diagnostic(at + ("protects", i), f"a distribution takes a "
                                                 f"web ACL of scope CLOUDFRONT; '{target}' is "
                                                 "one (set scope: CLOUDFRONT)"))
        elif isinstance(res, VpcPeering) and res.requester and res.requester == res.accepter:
            diags.append(smap.diagnostic(at + ("accepter",), "a VPC cannot peer with itself; "
                                         "name the other VPC as the accepter"))
        elif isinstance(res, CloudFrontDistribution) and res.certificate:
            cert = typed.get(res.certificate)
            if isinstance(cert, AcmCertificate):
                cert_region = cert.region or region
                if cert_region and cert_region != "us-east-1":
                    diags.append(smap.diagnostic(at + ("certificate",), f"CloudFront uses ACM "
                                                 f"certificates from us-east-1 only; "
                                                 f"'{res.certificate}' is in {cert_region} "
                                                 "(set its region: us-east-1)"))
    return diags
