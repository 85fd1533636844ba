"""WAF web ACLs: default action, rules, and what each protects."""

from __future__ import annotations

from archdoc.aws import wafv2
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.security import WafWebAcl


def _acls(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["ARN"], raw, arn=raw["ARN"], name=raw["Name"],
                       tags=dict(raw["Tags"])) for raw in snapshot.data["wafv2"]["web_acls"]]


def _live_rule(rule: dict) -> str:
    statement = rule.get("Statement") or {}
    managed = (statement.get("ManagedRuleGroupStatement") or {}).get("Name")
    rate = (statement.get("RateBasedStatement") or {}).get("Limit")
    what = f"managed {managed}" if managed else (f"rate {rate}" if rate else "custom")
    return f"{rule.get('Priority')} {rule.get('Name')}: {what}"


def _model_rule(rule) -> str:
    what = f"managed {rule.managed}" if rule.managed else (
        f"rate {rule.rate_limit}" if rule.rate_limit else "custom")
    return f"{rule.priority} {rule.name}: {what}"


def waf_web_acl(ctx: DriftContext, rid: str, res: WafWebAcl, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    default = "block" if "Block" in (raw.get("DefaultAction") or {}) else "allow"
    if default != res.default_action:
        diffs.append(Diff(("default_action",), res.default_action, default))
    if raw.get("Scope") != res.scope:
        diffs.append(Diff(("scope",), res.scope, str(raw.get("Scope"))))
    expected = {_model_rule(r) for r in res.rules}
    actual = {_live_rule(r) for r in raw.get("Rules") or []}
    if expected != actual:
        diffs.append(Diff(("rules",), as_set(expected), as_set(actual)))
    if res.scope == "REGIONAL":
        want = {arn for p in res.protects if p in ctx.located
                if (arn := ctx.located[p].arn) is not None}
        readable = all(p in ctx.located for p in res.protects
                       if ctx.model.resources[p].kind == "alb")
        have = set(raw.get("Protected") or [])
        if readable and want != have & (want | {a for a in have if ":loadbalancer/" in a}):
            diffs.append(Diff(("protects",), as_set(ctx.show(a) for a in want),
                              as_set(ctx.show(a) for a in have)))
    return diffs


READERS = {
    "waf_web_acl": KindReader(wafv2, waf_web_acl, _acls,
                              natural_name=lambda rid, res: res.name or rid),
}
