"""Drift: does the live account match the model? Read (``archdoc.aws``), then compare.

``run_drift`` reads and compares; ``archdoc.verify`` adds the security claims' status in the
account, for the ``drift`` command and ``build --verify-live``.
"""

from __future__ import annotations

from archdoc.aws.collect import Progress, read_account
from archdoc.aws.session import AwsReader, make_session
from archdoc.drift.check import report, scope_of
from archdoc.drift.findings import DriftReport, Finding, Status
from archdoc.drift.registry import collectors
from archdoc.model import Architecture

__all__ = ["DriftReport", "Finding", "Status", "run_drift"]


def run_drift(model: Architecture, *, profile: str | None = None, region: str | None = None,
              role_arn: str | None = None, progress: Progress | None = None) -> DriftReport:
    """Read the account (region: ``region``, else the model's) and compare it with ``model``."""
    session, chosen = make_session(profile, region or model.region, role_arn)
    reader = AwsReader(session, chosen, collectors())
    snapshot = read_account(reader, scope_of(model), progress)
    return report(model, snapshot, dict(reader.stats.calls), reader.stats.elapsed())
