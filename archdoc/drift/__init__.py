"""Drift: does the live account match the model? Read (``archdoc.aws``), then compare.

``run_drift`` reads and compares; ``archdoc.verify`` adds the security claims' status in the
account, for the ``drift`` command and ``build --verify-live``.
"""

from __future__ import annotations

from collections import Counter

from archdoc.aws.collect import Progress, read_account
from archdoc.aws.session import AwsReader, make_session
from archdoc.drift.check import regions_to_read, report, scope_of
from archdoc.drift.findings import DriftReport, Finding, Status
from archdoc.drift.registry import collectors
from archdoc.model import Architecture

__all__ = ["DriftReport", "Finding", "Status", "run_drift"]


def run_drift(model: Architecture, *, profile: str | None = None, region: str | None = None,
              role_arn: str | None = None, progress: Progress | None = None) -> DriftReport:
    """Read the account and compare it with ``model``: the primary region (``region``, else
    the model's) and every other region a resource of the model lives in."""
    session, primary = make_session(profile, region or model.region, role_arn)
    reads = []
    calls: Counter[str] = Counter()
    seconds = 0.0
    for where, only in regions_to_read(model, primary).items():
        if not only and where != primary:
            continue
        reader = AwsReader(session, where, collectors())
        reads.append((read_account(reader, scope_of(model, set(only)), progress), only))
        calls.update(reader.stats.calls)
        seconds += reader.stats.elapsed()
    return report(model, reads, dict(calls), seconds)
