"""Turn loaded YAML into a typed :class:`Architecture`, reporting every problem at once.

Two passes: pydantic checks each value's shape (types, unknown fields, CIDR and port syntax);
then the cross-resource rules here check what one value cannot: references, subnet CIDRs
inside their VPC and not overlapping, and resources kept within one VPC.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from archdoc.errors import Diagnostic, ModelError, shown
from archdoc.errors import did_you_mean as _suggest
from archdoc.model.document import Architecture, Document
from archdoc.model.introspect import field_names_at, iter_refs
from archdoc.model.loader import Path, SourceMap
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
from archdoc.model.rule_refs import check_rule_id, check_skips
from archdoc.model.vocabulary import Vocabulary


def build_model(data: Any, smap: SourceMap, vocabulary: Vocabulary) -> Architecture:
    """Validate ``data`` (from :func:`load_yaml`) against what ``vocabulary`` names; raise
    ModelError with every diagnostic."""
    diags: list[Diagnostic] = list(smap.problems)
    if data is None:
        raise ModelError([smap.diagnostic((), "the model is empty; expected a mapping with "
                                              "title, region and resources")])
    if not isinstance(data, dict):
        raise ModelError([smap.diagnostic((), "the model must be a mapping (title, region, "
                                              f"resources, ...), not a {_type_name(data)}")])
    try:
        Document.model_validate(data)
    except ValidationError as exc:
        diags += _pydantic_diagnostics(exc, smap, (), Document, data)

    typed: dict[str, ResourceBase] = {}
    raw_resources = data.get("resources")
    if isinstance(raw_resources, dict):
        for rid, raw in raw_resources.items():
            resource, errors = _build_resource(rid, raw, smap, vocabulary)
            diags += errors
            if resource is not None:
                typed[rid] = resource
        broken = set(raw_resources) - set(typed)
        diags += _cross_checks(data, typed, broken, smap, vocabulary) + \
            check_skips(data, smap, vocabulary.rule_ids)
    if diags:
        raise ModelError(diags)
    model = Architecture.model_validate({**data, "resources": typed})
    model._source = smap  # positions travel with the model
    return model


def _build_resource(rid: str, raw: Any, smap: SourceMap, vocabulary: Vocabulary
                    ) -> tuple[ResourceBase | None, list[Diagnostic]]:
    path = ("resources", rid)
    if not isinstance(raw, dict):
        return None, [smap.diagnostic(path, f"resource '{rid}' must be a mapping with a kind, "
                                            f"not a {_type_name(raw)}")]
    kind = raw.get("kind")
    KINDS = vocabulary.kinds  # noqa: N806
    if kind is None:
        return None, [smap.diagnostic(path, f"resource '{rid}' has no kind; add one of: "
                                            + ", ".join(KINDS), at_key=True)]
    if not isinstance(kind, str):
        return None, [smap.diagnostic(path + ("kind",), "kind must be one name such as 'users' "
                                                        f"or 'ec2_instance', not a "
                                                        f"{_type_name(kind)}")]
    if kind not in KINDS:
        hint = _suggest(str(kind), list(KINDS)) or f"; known kinds: {', '.join(KINDS)}"
        return None, [smap.diagnostic(path + ("kind",), f"unknown kind '{shown(kind)}'{hint}")]
    cls = KINDS[kind]
    try:
        return cls.model_validate(raw), []
    except ValidationError as exc:
        return None, _pydantic_diagnostics(exc, smap, path, cls, raw)


# --- pydantic errors -> located diagnostics -------------------------------------------------


def _pydantic_diagnostics(
    exc: ValidationError, smap: SourceMap, prefix: Path, model: type[BaseModel], raw: Any
) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    seen: set[Path] = set()
    for err in exc.errors():
        if prefix == () and err["loc"][:1] == ("resources",) and len(err["loc"]) > 2 \
                and err["loc"][2] != "[key]":
            continue  # resource bodies are validated one by one, with their own kind
        loc = _data_path(err["loc"], raw)
        path = prefix + loc
        if path in seen:
            continue  # a union reports once per branch; the first says enough
        seen.add(path)
        diags.append(_diagnostic(err, path, loc, smap, model))
    return diags


_BRANCH_NAMES = {"str", "int", "float", "bool", "date", "datetime", "list", "dict", "none"}


def _data_path(loc: tuple, data: Any) -> Path:
    """Drop the union-branch names pydantic inserts into ``loc``; keep data keys and indexes."""
    kept: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part.startswith("function-")
                                        or part in _BRANCH_NAMES):
            continue  # e.g. "function-after[_check_port(), int]" or "literal['traffic-port']"
        else:
            current = None  # a missing or unknown field: kept, nothing below it
        kept.append(part)
    return tuple(kept)


def _diagnostic(err: Any, path: Path, loc: Path, smap: SourceMap, model: type[BaseModel]
                ) -> Diagnostic:
    kind = err["type"]
    where = _format_path(path)
    if kind == "extra_forbidden":
        names = field_names_at(model, loc[:-1])
        hint = _suggest(str(loc[-1]), names)
        return smap.diagnostic(path, f"unknown field '{shown(loc[-1])}' in "
                                     f"{_format_path(path[:-1])}"
                                     f"{hint}", at_key=True)
    if kind == "missing":
        return smap.diagnostic(path[:-1], f"missing required field '{loc[-1]}' in "
                                          f"{_format_path(path[:-1])}", at_key=True)
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return smap.diagnostic(path, f"{where}: {msg[len(prefix):]}")
    got = err.get("input")
    return smap.diagnostic(path, f"{where}: {_lower_first(msg)}, got {_show(got)}")


def _format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the model"


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {_type_name(value)}"
    return f"'{shown(value)}'" if isinstance(value, str) else shown(repr(value))


def _type_name(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "string", int: "integer", float: "number",
            bool: "boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- rules across resources -----------------------------------------------------------------


def _cross_checks(data: dict, typed: dict[str, ResourceBase], broken: set[str],
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
    return diags


def _check_ref(path: Path, value: str, kinds: tuple[str, ...], typed: dict[str, ResourceBase],
               broken: set[str], smap: SourceMap) -> list[Diagnostic]:
    if value in broken:
        return []  # already reported where it is defined
    target = typed.get(value)
    if target is not None and (not kinds or target.kind in kinds):
        return []
    wanted = " or ".join(kinds) if kinds and len(kinds) < 5 else "resource"
    valid = sorted(rid for rid, r in typed.items() if not kinds or r.kind in kinds)
    listing = f" (valid: {', '.join(valid)})" if valid else f" (no {wanted} is defined)"
    if target is None:
        return [smap.diagnostic(path, f"unknown {wanted} '{shown(value)}'"
                                      f"{_suggest(value, valid)}"
                                      f"{listing}")]
    return [smap.diagnostic(path, f"'{value}' is a {target.kind}, expected a {wanted}{listing}")]


def _check_document_refs(data: dict, typed: dict[str, ResourceBase], broken: set[str],
                         smap: SourceMap, vocabulary: Vocabulary) -> list[Diagnostic]:
    """References in flows and sections (only where those parts are well-formed)."""
    diags: list[Diagnostic] = []
    flows = data.get("flows")
    for i, flow in enumerate(flows if isinstance(flows, list) else []):
        for end in ("from", "to"):
            if isinstance(flow, dict) and isinstance(flow.get(end), str):
                # flows join resources drawn as icons, not the boxes around them
                diags += _check_ref(("flows", i, end), flow[end], vocabulary.drawn, typed,
                                    broken, smap)
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
    diags: list[Diagnostic] = []
    seen: dict[str, list[tuple[str, Any]]] = {}
    for rid, subnet in typed.items():
        if not isinstance(subnet, Subnet):
            continue
        net = ipaddress.ip_network(subnet.cidr)
        vpc = typed.get(subnet.vpc)
        path = ("resources", rid, "cidr")
        if isinstance(vpc, Vpc):
            vpc_net = ipaddress.ip_network(vpc.cidr)
            if net.version != vpc_net.version or not net.subnet_of(vpc_net):  # type: ignore[arg-type]
                diags.append(smap.diagnostic(path, f"subnet CIDR {subnet.cidr} is outside its "
                                                   f"VPC '{subnet.vpc}' ({vpc.cidr})"))
        for other_id, other_net in seen.setdefault(subnet.vpc, []):
            if net.version == other_net.version and net.overlaps(other_net):
                diags.append(smap.diagnostic(path, f"subnet CIDR {subnet.cidr} overlaps subnet "
                                                   f"'{other_id}' ({other_net})"))
                break
        seen[subnet.vpc].append((rid, net))
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
                    "rds_instance", "lambda_function"}


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
            az = res.az
            local_zone = az.startswith(f"{region}-") and len(az) > len(region) + 2
            if not (local_zone or (len(az) == len(region) + 1 and az.startswith(region)
                                   and az[-1].isalpha() and az[-1].islower())):
                diags.append(smap.diagnostic(at + ("az",), f"availability zone '{az}' is not in "
                                             f"the model's region {region}"
                                             f"{_az_suggestion(az, region)}"))
        elif isinstance(res, Alb) and len(azs(res.subnets)) < 2 and \
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
            subnet = typed.get(res.subnet)
            if isinstance(subnet, Subnet) and not subnet.public:
                diags.append(smap.diagnostic(at + ("subnet",), f"a public NAT gateway must be "
                                             f"in a public subnet; '{res.subnet}' is private "
                                             "(or set connectivity: private)"))
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
