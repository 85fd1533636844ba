"""IAM roles: trust, the exact set of managed policies, inline policy statements."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject
from archdoc.model.resources import IamRole, PolicyStatement
from archdoc.text import say


def document(value: Any) -> dict[str, Any]:
    """A policy document as IAM returns it: a dict, or URL-encoded JSON text."""
    if isinstance(value, dict):
        return value
    try:
        parsed = json.loads(urllib.parse.unquote(str(value)))
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def trusted(doc: dict[str, Any]) -> set[str]:
    """Who may assume the role: service names, and other principals as ``AWS:<arn>``."""
    found: set[str] = set()
    for statement in _listed(doc.get("Statement")):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        if principal == "*":
            found.add("*")
            continue
        for kind, values in principal.items():
            for value in _listed(values):
                found.add(value if kind == "Service" else f"{kind}:{value}")
    return found


def _statement(effect: str, actions: Any, resources: Any) -> str:
    return f"{effect} {sorted(_listed(actions))} on {sorted(_listed(resources))}"


def _model_statement(ctx: DriftContext, statement: PolicyStatement) -> str | None:
    resources = list(statement.resources) if statement.resource_ids == [] else [
        r for r in statement.resources if r != "*"]
    for rid in statement.resource_ids:
        live = ctx.located.get(rid)
        if live is None or live.arn is None:
            return None  # an ARN archdoc cannot know: the statement is not compared
        resources.append(live.arn)
    return _statement(statement.effect, statement.actions, resources or ["*"])


def iam_role(ctx: DriftContext, rid: str, res: IamRole, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    trust = trusted(document(raw.get("AssumeRolePolicyDocument")))
    if trust != set(res.trusted_services):
        diffs.append(Diff(("trusted_services",), as_set(res.trusted_services), as_set(trust),
                          say("who may assume the role")))
    attached = {p["PolicyName"] for p in raw.get("AttachedManagedPolicies", [])}
    expected = {p.rsplit("/", 1)[-1] for p in res.managed_policies}
    if attached != expected:
        added, removed = attached - expected, expected - attached
        outside, missing = ", ".join(sorted(added)), ", ".join(sorted(removed))
        what = say("attached outside the model: {added}; not attached: {removed}",
                   added=outside, removed=missing) if added and removed else \
            say("attached outside the model: {added}", added=outside) if added else \
            say("not attached: {removed}", removed=missing)
        diffs.append(Diff(("managed_policies",), as_set(expected), as_set(attached), what))
    inline = {p["PolicyName"]: document(p.get("PolicyDocument"))
              for p in raw.get("RolePolicyList", [])}
    for index, policy in enumerate(res.inline_policies):
        doc = inline.pop(policy.name, None)
        if doc is None:
            diffs.append(Diff(("inline_policies", index), policy.name, say("(absent)"),
                              say("inline policy missing")))
            continue
        wanted = [_model_statement(ctx, s) for s in policy.statements]
        if None in wanted:
            continue
        actual = sorted(_statement(s.get("Effect", "Allow"), s.get("Action"), s.get("Resource"))
                        for s in _listed(doc.get("Statement")))
        if sorted(w for w in wanted if w) != actual:
            diffs.append(Diff(("inline_policies", index, "statements"),
                              "; ".join(sorted(w for w in wanted if w)), "; ".join(actual)))
    for name in sorted(inline):
        diffs.append(Diff(("inline_policies",), say("(absent)"), name,
                          say("inline policy not in the model")))
    return diffs
