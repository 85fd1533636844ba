"""The report's security claims, proven: each claim's rules on the model and, when the live
account was read, whether every resource those rules read is in sync there.

The one module that joins the rules (``archdoc.checks``) and drift (``archdoc.drift``); the
``build`` and ``drift`` commands use it, and neither package knows the other.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from archdoc.checks import evaluate
from archdoc.checks.claims import ClaimStatus, claim_statuses
from archdoc.checks.rule import RuleResult
from archdoc.model import Architecture

if TYPE_CHECKING:
    from archdoc.aws.collect import Progress
    from archdoc.drift.findings import DriftReport


def claims(model: Architecture, live: DriftReport | None = None,
           results: list[RuleResult] | None = None) -> list[ClaimStatus]:
    """Every claim that names rules: its status on the model (and in the account, with
    ``live``), from the rules' ``results`` when they were evaluated already."""
    return claim_statuses(model, evaluate(model) if results is None else results, live)


def check_account(model: Architecture, *, profile: str | None = None,
                  region: str | None = None, role_arn: str | None = None,
                  progress: Progress | None = None) -> DriftReport:
    """Read the account and compare it with ``model``; the report carries each claim's
    status on the model and in the account."""
    from archdoc.drift import run_drift
    from archdoc.drift.findings import ClaimCheck

    found = run_drift(model, profile=profile, region=region, role_arn=role_arn,
                      progress=progress)
    checked = tuple(
        ClaimCheck(c.text, c.rules, c.verdict.value, c.live.value if c.live else "UNKNOWN",
                   c.reasons + c.live_reasons)
        for c in claims(model, found))
    return dataclasses.replace(found, claims=checked)
