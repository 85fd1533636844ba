"""Drift: does the live account match the model? Read (``archdoc.aws``), then compare.

``run_drift`` is the one entry point the CLI and ``build --verify-live`` use.
"""

from __future__ import annotations

from archdoc.aws.collect import Progress, read_account
from archdoc.aws.session import AwsReader, make_session
from archdoc.drift.check import report, scope_of
from archdoc.drift.findings import ClaimCheck, DriftReport, Finding, Status
from archdoc.model import Architecture

__all__ = ["DriftReport", "Finding", "Status", "run_drift"]


def run_drift(model: Architecture, *, profile: str | None = None, region: str | None = None,
              role_arn: str | None = None, progress: Progress | None = None) -> DriftReport:
    """Read the account (region: ``region``, else the model's) and compare it with ``model``."""
    session, chosen = make_session(profile, region or model.region, role_arn)
    reader = AwsReader(session, chosen)
    snapshot = read_account(reader, scope_of(model), progress)
    found = report(model, snapshot, dict(reader.stats.calls), reader.stats.elapsed())
    return with_claims(model, found)


def with_claims(model: Architecture, found: DriftReport) -> DriftReport:
    """The report with each security claim's status: its rules on the model, then whether
    every resource they read is in sync in the account."""
    import dataclasses

    from archdoc.checks import evaluate
    from archdoc.checks.claims import claim_statuses

    claims = tuple(
        ClaimCheck(c.text, c.rules, c.verdict.value, c.live.value if c.live else "UNKNOWN",
                   c.reasons + c.live_reasons)
        for c in claim_statuses(model, evaluate(model), found))
    return dataclasses.replace(found, claims=claims)
