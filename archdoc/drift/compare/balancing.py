"""Application load balancers (listeners, rules, actions) and target groups."""

from __future__ import annotations

from typing import Any

from archdoc.drift.context import Diff, DriftContext, as_set, as_text, unresolved
from archdoc.drift.findings import Status
from archdoc.drift.live import LiveObject
from archdoc.model.resources import Action, Alb, Listener, TargetGroup
from archdoc.model.resources.balancing import Nlb
from archdoc.text import say


def _certificate_arns(ctx: DriftContext) -> set[str] | None:
    if not ctx.readable("acm"):
        return None
    return {c["CertificateArn"] for summaries in ctx.data("acm")["summaries"].values()
            for c in summaries}


def model_action(ctx: DriftContext, action: Action) -> str:
    if action.type == "forward":
        return f"forward to {ctx.show(ctx.ref(action.target_group or ''))}"
    if action.type == "redirect":
        code = action.status_code or 301
        return f"redirect to {action.protocol or '#{protocol}'}:{action.port or '#{port}'} " \
               f"({code})"
    return f"fixed response {action.status_code}"


def live_action(ctx: DriftContext, actions: list[dict[str, Any]]) -> str:
    if not actions:
        return say("(none)")
    action = sorted(actions, key=lambda a: a.get("Order", 0))[0]
    kind = action.get("Type")
    if kind == "forward":
        arn = action.get("TargetGroupArn") or next(
            (g["TargetGroupArn"] for g in (action.get("ForwardConfig") or {}).get(
                "TargetGroups", [])), "?")
        return f"forward to {ctx.show(arn)}"
    if kind == "redirect":
        cfg = action.get("RedirectConfig", {})
        code = str(cfg.get("StatusCode", "HTTP_301")).replace("HTTP_", "")
        return f"redirect to {cfg.get('Protocol', '#{protocol}')}:{cfg.get('Port', '#{port}')} " \
               f"({code})"
    if kind == "fixed-response":
        return f"fixed response {(action.get('FixedResponseConfig') or {}).get('StatusCode')}"
    return str(kind)


def _listener(ctx: DriftContext, index: int, model: Listener, live: dict[str, Any]
              ) -> list[Diff]:
    base: tuple[Any, ...] = ("listeners", index)
    diffs: list[Diff] = []
    if model.protocol != live.get("Protocol"):
        diffs.append(Diff((*base, "protocol"), model.protocol, str(live.get("Protocol"))))
    if model.certificate:
        arns = [c["CertificateArn"] for c in live.get("Certificates") or []]
        expected = ctx.ref(model.certificate)
        known = _certificate_arns(ctx)
        if ctx.missing(model.certificate) and (not arns or known is None
                                               or arns[0] not in known):
            pass  # the certificate is reported MISSING itself
        elif arns and known is not None and arns[0] not in known:
            diffs.append(Diff((*base, "certificate"), ctx.show(expected), arns[0],
                              say("the listener's certificate no longer exists"),
                              status=Status.MISSING))
        elif (arns[0] if arns else None) != expected:
            diffs.append(Diff((*base, "certificate"), ctx.show(expected),
                              ctx.show(arns[0]) if arns else say("(none)")))
    # AWS has no TLS policy on an HTTP listener (moto reports one): only HTTPS is compared
    if model.protocol == "HTTPS" and model.ssl_policy \
            and model.ssl_policy != live.get("SslPolicy"):
        diffs.append(Diff((*base, "ssl_policy"), model.ssl_policy, str(live.get("SslPolicy"))))
    expected_action = model_action(ctx, model.default_action)
    actual_action = live_action(ctx, live.get("DefaultActions", []))
    if expected_action != actual_action:
        diffs.append(Diff((*base, "default_action"), expected_action, actual_action,
                          say("default action changed")))
    rules = ctx.data("elbv2")["rules"].get(live["ListenerArn"], [])
    live_rules = {str(r.get("Priority")): _live_rule(ctx, r) for r in rules}
    model_rules = {str(r.priority): (i, _model_rule(ctx, r)) for i, r in enumerate(model.rules)}
    for priority, (i, text) in model_rules.items():
        if live_rules.get(priority) != text:
            diffs.append(Diff((*base, "rules", i), text,
                              live_rules.get(priority, say("(absent)"))))
    for priority in sorted(set(live_rules) - set(model_rules)):
        diffs.append(Diff((*base, "rules"), say("(absent)"), live_rules[priority],
                          say("rule not in the model")))
    return diffs


def _model_rule(ctx: DriftContext, rule: Any) -> str:
    conditions = [f"path {sorted(rule.path_patterns)}"] if rule.path_patterns else []
    conditions += [f"host {sorted(rule.host_headers)}"] if rule.host_headers else []
    return f"{rule.priority}: {' and '.join(conditions) or 'any'} -> " \
           f"{model_action(ctx, rule.action)}"


def _live_rule(ctx: DriftContext, rule: dict[str, Any]) -> str:
    conditions = []
    for field, word in (("path-pattern", "path"), ("host-header", "host")):
        values: list[str] = []
        for cond in rule.get("Conditions", []):
            if cond.get("Field") == field:
                config = cond.get("PathPatternConfig" if word == "path" else "HostHeaderConfig")
                values += (config or {}).get("Values") or cond.get("Values") or []
        if values:
            conditions.append(f"{word} {sorted(values)}")
    return f"{rule.get('Priority')}: {' and '.join(conditions) or 'any'} -> " \
           f"{live_action(ctx, rule.get('Actions', []))}"


def _placement(ctx: DriftContext, res: Alb | Nlb, raw: dict[str, Any]) -> list[Diff]:
    """Scheme, subnets and security groups, which every load balancer has."""
    diffs: list[Diff] = []
    scheme = raw.get("Scheme") or "internet-facing"  # AWS's default, which it may not echo
    if res.scheme != scheme:
        diffs.append(Diff(("scheme",), res.scheme, str(scheme)))
    for field, expected_refs, actual in (
            ("subnets", res.subnets, {z["SubnetId"] for z in raw.get("AvailabilityZones", [])}),
            ("security_groups", res.security_groups, set(raw.get("SecurityGroups") or []))):
        expected = ctx.refs(expected_refs)
        if expected != actual and (expected_refs or field == "security_groups"):
            diffs.append(Diff((field,), as_set(ctx.show(x) for x in expected),
                              as_set(ctx.show(x) for x in actual)))
    return diffs


def alb(ctx: DriftContext, rid: str, res: Alb, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs = _placement(ctx, res, raw)
    listeners = {int(x["Port"]): x for x in ctx.data("elbv2")["listeners"].get(live.id, [])}
    for index, listener in enumerate(res.listeners):
        found = listeners.pop(listener.port, None)
        if found is None:
            diffs.append(Diff(("listeners", index), f"{listener.protocol}:{listener.port}",
                              say("(absent)"), say("listener missing")))
        else:
            diffs += _listener(ctx, index, listener, found)
    for port, extra in sorted(listeners.items()):
        diffs.append(Diff(("listeners",), say("(absent)"), f"{extra.get('Protocol')}:{port} "
                          f"{live_action(ctx, extra.get('DefaultActions', []))}",
                          say("listener not in the model")))
    return diffs


def target_group(ctx: DriftContext, rid: str, res: TargetGroup, live: LiveObject
                 ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(path: tuple[Any, ...], expected: Any, actual: Any) -> None:
        if str(expected) != str(actual) and not unresolved(expected):
            diffs.append(Diff(path, as_text(expected), as_text(actual)))

    check(("protocol",), res.protocol, raw.get("Protocol"))
    check(("port",), res.port, raw.get("Port"))
    check(("vpc",), ctx.ref(res.vpc), raw.get("VpcId"))
    check(("target_type",), res.target_type, raw.get("TargetType", "instance"))
    hc = res.health_check
    for name, expected, key in (
            ("protocol", hc.protocol, "HealthCheckProtocol"),
            ("path", hc.path, "HealthCheckPath"), ("port", hc.port, "HealthCheckPort"),
            ("interval", hc.interval, "HealthCheckIntervalSeconds"),
            ("timeout", hc.timeout, "HealthCheckTimeoutSeconds"),
            ("healthy_threshold", hc.healthy_threshold, "HealthyThresholdCount"),
            ("unhealthy_threshold", hc.unhealthy_threshold, "UnhealthyThresholdCount")):
        if key in raw and not (name == "path" and hc.protocol == "TCP"):
            check(("health_check", name), expected, raw[key])
    if "Matcher" in raw and hc.protocol != "TCP":
        check(("health_check", "matcher"), hc.matcher, raw["Matcher"].get("HttpCode"))
    health = ctx.data("elbv2")["target_health"].get(live.id, [])
    registered = {h["Target"]["Id"]: h.get("TargetHealth", {}) for h in health}
    if all(ctx.model.resources[t].kind == "ec2_instance" for t in res.targets):
        expected_targets = ctx.refs(res.targets)
        if expected_targets != set(registered):
            diffs.append(Diff(("targets",), as_set(ctx.show(t) for t in expected_targets),
                              as_set(ctx.show(t) for t in registered),
                              say("registered targets")))
    for target, state in sorted(registered.items()):
        if state.get("State", "healthy") not in ("healthy", "unused"):
            reason = state.get("Reason") or state.get("Description") or ""
            diffs.append(Diff(("targets",), "healthy",
                              f"{state.get('State')} {reason}".strip(),
                              say("target {target} is not healthy", target=ctx.show(target)),
                              status=Status.IN_SYNC, warning=True))
    return diffs


def nlb(ctx: DriftContext, rid: str, res: Nlb, live: LiveObject) -> list[Diff]:
    """Scheme, subnets, security groups; each listener's protocol, certificate, TLS policy and
    target group, by port."""
    diffs = _placement(ctx, res, live.raw)
    listeners = {int(x["Port"]): x for x in ctx.data("elbv2")["listeners"].get(live.id, [])}
    for index, listener in enumerate(res.listeners):
        found = listeners.pop(listener.port, None)
        if found is None:
            diffs.append(Diff(("listeners", index), f"{listener.protocol}:{listener.port}",
                              say("(absent)"), say("listener missing")))
            continue
        if found.get("Protocol") != listener.protocol:
            diffs.append(Diff(("listeners", index, "protocol"), listener.protocol,
                              str(found.get("Protocol"))))
        certificates = {c.get("CertificateArn") for c in found.get("Certificates") or []}
        if listener.certificate and ctx.live_id(listener.certificate) and \
                ctx.live_id(listener.certificate) not in certificates:
            diffs.append(Diff(("listeners", index, "certificate"), ctx.ref(listener.certificate),
                              as_set(certificates)))
        if listener.protocol == "TLS" and listener.ssl_policy and \
                found.get("SslPolicy") != listener.ssl_policy:
            diffs.append(Diff(("listeners", index, "ssl_policy"), listener.ssl_policy,
                              str(found.get("SslPolicy"))))
        groups = {a.get("TargetGroupArn") for a in found.get("DefaultActions") or []
                  if a.get("TargetGroupArn")}
        if listener.target_group and ctx.live_id(listener.target_group) and \
                ctx.live_id(listener.target_group) not in groups:
            diffs.append(Diff(("listeners", index, "target_group"),
                              ctx.ref(listener.target_group), as_set(groups)))
    for port, extra in sorted(listeners.items()):
        diffs.append(Diff(("listeners",), say("(absent)"), f"{extra.get('Protocol')}:{port}",
                          say("listener not in the model")))
    return diffs
