"""The tables that replace console screenshots, as plain data built from the model.

Each builder returns a :class:`TableData`; the report writer turns it into a Word table. Kept
apart from python-docx so the content is easy to test and to reuse (e.g. by the docs site).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archdoc.model import Architecture, Section
from archdoc.model.resources import (
    Alb,
    IamRole,
    SecurityGroup,
    SecurityGroupRule,
    TargetGroup,
)
from archdoc.model.resources.containers import EcsTaskDefinition
from archdoc.model.resources.network import NetworkAcl
from archdoc.model.resources.security import WafWebAcl
from archdoc.text import in_language, kind_text, policy_description, text, words

if TYPE_CHECKING:
    from archdoc.drift.findings import DriftReport


@dataclass(frozen=True)
class TableData:
    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...] | None = None  # fractions of the text width, per column


def _name(model: Architecture, rid: str) -> str:
    """How a resource is called in a table: its label, with the id when they differ."""
    label = model.label(rid)
    return label if label == rid else f"{label} ({rid})"


def _action(action, lang: str) -> tuple[str, str | None]:
    """(text, target group id or None) for a listener action."""
    if action.type == "forward":
        return text("action_forward", lang, target=action.target_group), action.target_group
    if action.type == "redirect":
        parts = [p for p in (action.protocol, str(action.port) if action.port else None) if p]
        code = f" ({action.status_code})" if action.status_code else ""
        return text("action_redirect", lang, target=":".join(parts)) + code, None
    return text("action_fixed", lang, code=action.status_code), None


def _health(model: Architecture, tg_id: str) -> str:
    hc = model.get(tg_id, TargetGroup).health_check
    lang = model.language
    port = text("traffic_port", lang) if hc.port == "traffic-port" else \
        text("port_n", lang, port=hc.port)
    return text("health_text", lang, protocol=hc.protocol, path=hc.path, port=port,
                interval=hc.interval, healthy=hc.healthy_threshold,
                unhealthy=hc.unhealthy_threshold, codes=hc.matcher)


def alb_resource_map(model: Architecture, alb_id: str) -> TableData:
    """Listener -> rule or default action -> target group -> targets and health check."""
    w = words(model.language)
    alb = model.get(alb_id, Alb)
    rows: list[list[str]] = []
    for listener in alb.listeners:
        tls = ""
        if listener.protocol == "HTTPS" and listener.certificate:
            tls = f"\n{_name(model, listener.certificate)}"
            if listener.ssl_policy:
                tls += f"\n{listener.ssl_policy}"
        head = f"{listener.protocol}:{listener.port}{tls}"
        entries = [(f"{w['default']}: ", listener.default_action)]
        entries += [(f"#{r.priority} {' '.join(r.path_patterns + r.host_headers)}: ", r.action)
                    for r in listener.rules]
        for prefix, action in entries:
            said, tg = _action(action, model.language)
            if tg and tg in model.resources:
                group = model.get(tg, TargetGroup)
                targets = ", ".join(_name(model, t) for t in group.targets) or "-"
                tg_text = f"{_name(model, tg)}\n{group.protocol}:{group.port}"
                rows.append([head, prefix + said, tg_text, targets, _health(model, tg)])
            else:
                rows.append([head, prefix + said, "-", "-", "-"])
    header = [w["listener"], w["rule"], w["target_group"], w["targets"], w["health_check"]]
    return TableData(f"{w['alb_map']}: {_name(model, alb_id)}", header, rows,
                     (0.22, 0.2, 0.16, 0.18, 0.24))


def _port(rule: SecurityGroupRule, w: dict) -> str:
    if rule.protocol == "all" or rule.port is None:
        return w["all"]
    return rule.port


def _peer(model: Architecture, rule: SecurityGroupRule) -> str:
    if rule.security_group:
        sg = model.get(rule.security_group, SecurityGroup)
        name = sg.name or model.label(rule.security_group)
        return text("security_group_peer", model.language, name=name)
    return rule.cidr or rule.prefix_list or "-"


def security_group_rules(model: Architecture, sg_id: str) -> TableData:
    """Inbound then outbound rules, the peer shown by name (e.g. "alb-sg"), not only an id."""
    w = words(model.language)
    sg = model.get(sg_id, SecurityGroup)
    rows = []
    for direction, rules in ((w["inbound"], sg.ingress), (w["outbound"], sg.effective_egress)):
        if not rules:
            rows.append([direction, "-", "-", "-", w["no_rules"]])
        for rule in rules:
            protocol = w["all_traffic"] if rule.protocol == "all" else rule.protocol.upper()
            description = rule.description or ""
            if sg.egress is None and direction == w["outbound"]:
                description = w["aws_default_egress"]  # egress omitted: AWS's default rule
            rows.append([direction, protocol, _port(rule, w), _peer(model, rule), description])
    header = [w["direction"], w["protocol"], w["port"], w["peer"], w["description"]]
    title = sg.name or model.label(sg_id)
    return TableData(f"{w['sg_rules']}: {title}", header, rows, (0.13, 0.11, 0.1, 0.28, 0.38))


def iam_role_policies(model: Architecture, role_id: str) -> TableData:
    """Managed policies with a one-line description; inline statements as effect/actions/res."""
    w = words(model.language)
    role = model.get(role_id, IamRole)
    rows = []
    if role.trusted_services:
        rows.append([w["trust"], ", ".join(role.trusted_services), "sts:AssumeRole"])
    for policy in role.managed_policies:
        rows.append([w["managed"], policy, policy_description(policy, model.language)])
    for inline in role.inline_policies:
        for st in inline.statements:
            rows.append([f"{w['inline']}: {inline.name}", f"{st.effect}: {', '.join(st.actions)}",
                         ", ".join(st.resources)])
    header = [w["type"], w["policy"], w["description"]]
    return TableData(f"{w['iam_policies']}: {role.name or model.label(role_id)}", header, rows,
                     (0.18, 0.36, 0.46))


def network_acl_rules(model: Architecture, acl_id: str) -> TableData:
    """Inbound then outbound rules in the order they apply, each allowing or denying."""
    w = words(model.language)
    acl = model.get(acl_id, NetworkAcl)
    rows = []
    for direction, rules in ((w["inbound"], acl.ingress), (w["outbound"], acl.egress)):
        if not rules:
            rows.append([direction, "-", "-", "-", "-", w["no_rules"]])
        for rule in sorted(rules, key=lambda r: r.rule_number):
            protocol = w["all_traffic"] if rule.protocol == "all" else rule.protocol.upper()
            port = w["all"] if rule.protocol == "all" or rule.port is None else rule.port
            rows.append([direction, str(rule.rule_number), protocol, port, rule.cidr,
                         w[rule.action]])
    header = [w["direction"], w["rule_number"], w["protocol"], w["port"], w["peer"],
              w["action"]]
    return TableData(f"{w['nacl_rules']}: {_name(model, acl_id)}", header, rows,
                     (0.15, 0.12, 0.15, 0.14, 0.26, 0.18))


def waf_rules(model: Architecture, acl_id: str) -> TableData:
    """The web ACL's rules by priority: what each inspects and does; what it protects."""
    w = words(model.language)
    acl = model.get(acl_id, WafWebAcl)
    rows = []
    for rule in sorted(acl.rules, key=lambda r: r.priority):
        inspects = [text("managed_group", model.language, name=rule.managed)] if rule.managed \
            else []
        if rule.rate_limit:
            inspects.append(text("rate_limit", model.language, limit=rule.rate_limit))
        rows.append([str(rule.priority), rule.name, "\n".join(inspects) or "-", rule.action])
    rows.append(["-", text("default_action", model.language, action=acl.default_action), "-",
                 acl.default_action])
    protected = ", ".join(_name(model, p) for p in acl.protects) or w["none_given"]
    return TableData(f"{w['waf_rules']}: {_name(model, acl_id)} ({w['protects']}: {protected})",
                     [w["priority"], w["rule_name"], w["inspects"], w["action"]], rows,
                     (0.12, 0.3, 0.42, 0.16))


def api_routes(model: Architecture, api_id: str) -> TableData:
    """Each route, what serves it and how callers are authorised."""
    w = words(model.language)
    api = model.resources[api_id]
    kinds = {a.name: a.type for a in getattr(api, "authorizers", [])}
    rows = []
    for route in getattr(api, "routes", []):
        how = route.authorised_by
        said = w["no_authorisation"] if how == "none" else (
            w["iam_authorisation"] if how == "iam" else text(
                "authorizer_of", model.language, type=kinds.get(route.authorizer or "", ""),
                name=route.authorizer or ""))
        rows.append([f"{route.method} {route.path}",
                     _name(model, route.integration) if route.integration else "-", said])
    return TableData(f"{w['api_routes']}: {_name(model, api_id)}",
                     [w["route"], w["integration"], w["authorisation"]], rows, (0.3, 0.3, 0.4))


def ecs_task_containers(model: Architecture, task_id: str) -> TableData:
    """The task's containers, their images and ports; its roles in the caption."""
    w = words(model.language)
    task = model.get(task_id, EcsTaskDefinition)
    rows = [[c.name, c.image or "-", str(c.port) if c.port else "-"] for c in task.containers]
    roles = text("task_roles", model.language,
                 task=_name(model, task.task_role) if task.task_role else w["none_given"],
                 execution=_name(model, task.execution_role) if task.execution_role
                 else w["none_given"])
    return TableData(f"{w['ecs_containers']}: {_name(model, task_id)} ({roles})",
                     [w["container"], w["image"], w["port"]], rows, (0.25, 0.55, 0.2))


# The builders by name; a kind's registry entry (``archdoc.kinds``) names the one it uses.
TABLE_BUILDERS: dict[str, Callable[[Architecture, str], TableData]] = {
    "alb_resource_map": alb_resource_map,
    "security_group_rules": security_group_rules,
    "iam_role_policies": iam_role_policies,
    "network_acl_rules": network_acl_rules,
    "waf_rules": waf_rules,
    "api_routes": api_routes,
    "ecs_task_containers": ecs_task_containers,
}


def definitions(model: Architecture, section: Section) -> list[tuple[str, str]]:
    """(service, definition) of each kind in a chapter, once each, in the chapter's order; a
    service that several kinds of the chapter share is named by each kind instead ("Amazon
    ECS" three times reads as a mistake; its cluster, service and task definition do not)."""
    found: list[tuple[str, str, str]] = []  # (service, kind's name, definition)
    for rid in section.resources:
        res = model.resources[rid]
        entry = (kind_text(res.kind, "service", model.language),
                 kind_text(res.kind, "name", model.language),
                 res.definition or kind_text(res.kind, "definition", model.language))
        if not any(e[0] == entry[0] and e[2] == entry[2] for e in found):
            found.append(entry)
    shared = {service for service, _, _ in found
              if sum(1 for s, _, _ in found if s == service) > 1}
    return [(name if service in shared else service, definition)
            for service, name, definition in found]


def verification_table(report: DriftReport, language: str) -> TableData:
    """Every finding of a live check that is not simply in sync, in the report's language."""
    w = words(language)
    rows = []
    for f in report.findings:
        if f.status.value == "IN_SYNC" and not f.warning:
            continue
        actual = " — ".join(in_language(x, language) for x in (f.actual, f.message) if x)
        rows.append([f.resource, w["status_" + f.status.value], f.attribute or "",
                     in_language(f.expected or "", language), actual])
    return TableData(w["verification_table"],
                     [w["id"], w["status"], w["attribute"], w["expected"], w["actual"]],
                     rows, (0.16, 0.12, 0.18, 0.24, 0.30))
