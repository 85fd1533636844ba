"""The status of each security claim of the report: its backing rules on the model, and on the
live account when one was read.

A claim holds in the model when every result of every rule it names passes (or is skipped with
a reason). It holds in the account when, in addition, every resource those results read was
found IN_SYNC by the live check: the drift check compares exactly the attributes the rules
read, so the account then answers every rule as the model does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archdoc.checks.rule import RuleResult, Verdict
from archdoc.model import Architecture
from archdoc.text import in_language, say, words

if TYPE_CHECKING:
    from archdoc.drift.findings import DriftReport


@dataclass(frozen=True)
class ClaimStatus:
    section: int
    item: int
    text: str
    rules: tuple[str, ...]
    verdict: Verdict  # on the model
    reasons: tuple[str, ...]  # why it fails, or is unknown
    live: Verdict | None = None  # on the account (None: no live check was run)
    live_reasons: tuple[str, ...] = ()
    live_at: datetime.datetime | None = None


def _on_model(rules: tuple[str, ...], results: list[RuleResult]) -> tuple[Verdict, list[str]]:
    mine = [r for r in results if r.rule in rules]
    failed = [say("{rule}: {message}", rule=r.rule, message=r.message) for r in mine
              if r.verdict is Verdict.FAIL]
    if failed:
        return Verdict.FAIL, failed
    empty = [rule for rule in rules if not any(r.rule == rule for r in mine)]
    if empty:
        return Verdict.UNKNOWN, [say("{rule}: no resource of the model to check", rule=rule)
                                for rule in empty]
    return Verdict.PASS, []


def _state(rid: str, status: str) -> str:
    """A resource a claim's rules read, by its state in the account."""
    if status == "DRIFTED":
        return say("{rid} drifted", rid=rid)
    if status == "MISSING":
        return say("{rid} missing", rid=rid)
    if status == "UNKNOWN":
        return say("{rid} unknown", rid=rid)
    return say("{rid} not checked", rid=rid)


def _on_account(rules: tuple[str, ...], results: list[RuleResult], drift: DriftReport
                ) -> tuple[Verdict, list[str]]:
    status = {rid: s.value for (_, rid), s in drift.resource_status().items()}
    involved = sorted({rid for r in results if r.rule in rules for rid in r.involves})
    differs = [_state(rid, status[rid]) for rid in involved
               if status.get(rid) in ("DRIFTED", "MISSING")]
    if differs:
        return Verdict.FAIL, differs
    unread = [_state(rid, status[rid]) for rid in involved
              if status.get(rid) in ("UNKNOWN", "NOT_CHECKED")]
    return (Verdict.UNKNOWN, unread) if unread else (Verdict.PASS, [])


def claim_statuses(model: Architecture, results: list[RuleResult],
                   drift: DriftReport | None = None) -> list[ClaimStatus]:
    """Every claim that names rules, in report order."""
    found = []
    for i, section in enumerate(model.sections):
        for k, item in enumerate(section.security):
            if not item.checks:
                continue
            rules = tuple(item.checks)
            verdict, reasons = _on_model(rules, results)
            live: Verdict | None = None
            live_reasons: list[str] = []
            at: datetime.datetime | None = None
            if drift is not None:
                at = drift.checked_at
                live, live_reasons = (Verdict.FAIL, [say("fails on the model")]) \
                    if verdict is Verdict.FAIL else _on_account(rules, results, drift)
            found.append(ClaimStatus(i, k, item.text, rules, verdict, tuple(reasons), live,
                                     tuple(live_reasons), at))
    return found


def failing(claims: list[ClaimStatus]) -> list[ClaimStatus]:
    return [c for c in claims if c.verdict is Verdict.FAIL]


def claim_line(claim: ClaimStatus, language: str) -> tuple[str, str]:
    """The claim's status in the document's words, and its tone (ok, fail or unknown)."""
    w = words(language)

    def said(reasons: tuple[str, ...], sep: str) -> str:
        return sep.join(in_language(r, language) for r in reasons)

    rules = ", ".join(claim.rules)
    at = f"{claim.live_at:%Y-%m-%d %H:%M}" if claim.live_at else ""
    if claim.verdict is Verdict.FAIL:
        return w["claim_fail"].format(reasons=said(claim.reasons, "; ")), "fail"
    if claim.live is Verdict.FAIL:
        return w["claim_live_fail"].format(at=at, reasons=said(claim.live_reasons, ", ")), \
            "fail"
    if Verdict.UNKNOWN in (claim.verdict, claim.live):
        reasons = claim.reasons or claim.live_reasons
        return w["claim_unknown"].format(reasons=said(reasons, "; ")), "unknown"
    if claim.live is not None:
        return w["claim_live"].format(at=at, rules=rules), "ok"
    return w["claim_model"].format(rules=rules), "ok"
