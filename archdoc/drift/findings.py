"""Drift findings: small frozen values, and the report that holds them.

Formatters (``format_*.py``) see only these; they never see the model or the account.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from archdoc.errors import Location


class Status(str, Enum):
    IN_SYNC = "IN_SYNC"  # found, and every compared attribute matches
    DRIFTED = "DRIFTED"  # found, and this attribute differs
    MISSING = "MISSING"  # the model describes it; the account does not have it
    UNMANAGED = "UNMANAGED"  # the account has it in the model's VPC; the model does not say
    UNKNOWN = "UNKNOWN"  # could not be read (access denied, throttled): neither good nor bad
    NOT_CHECKED = "NOT_CHECKED"  # archdoc cannot check it here, for the reason given

    @property
    def is_drift(self) -> bool:
        return self in (Status.DRIFTED, Status.MISSING, Status.UNMANAGED)


@dataclass(frozen=True)
class Finding:
    """One resource's state, or one attribute of it that differs.

    ``resource`` is the model's id; for an UNMANAGED resource it is the live id. ``expected``
    and ``actual`` are display strings (``None`` where not applicable).
    """

    status: Status
    resource: str
    kind: str
    live_id: str | None = None
    attribute: str | None = None
    expected: str | None = None
    actual: str | None = None
    message: str = ""
    location: Location | None = None
    warning: bool = False  # worth saying, not drift (a certificate expiring within 30 days)
    live_arn: str | None = None  # what ``aws: {arn: ...}`` would locate it by

    def sort_key(self) -> tuple:
        where = self.location or Location("~", 1 << 30, 0)
        return (where.file, where.line, where.col, self.resource, self.attribute or "")


@dataclass(frozen=True)
class ClaimCheck:
    """A security claim of the model, its rules' verdict on the model and in the account."""

    text: str
    rules: tuple[str, ...]
    on_model: str  # PASS | FAIL | UNKNOWN
    in_account: str  # PASS | FAIL | UNKNOWN
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class DriftReport:
    """Every finding of one account and region, with what was read and when."""

    account: str
    region: str
    checked_at: datetime.datetime
    model_file: str
    findings: tuple[Finding, ...]
    calls: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    claims: tuple[ClaimCheck, ...] = ()
    regions: tuple[str, ...] = ()  # every region read, the primary one first

    def where(self) -> str:
        """The regions read, for a heading: ``eu-west-1`` or ``eu-west-1, us-east-1``."""
        return ", ".join(self.regions or (self.region,))

    def resource_status(self) -> dict[tuple[str, str], Status]:
        """(kind, resource) -> its overall status: the worst of its findings."""
        order = [Status.IN_SYNC, Status.NOT_CHECKED, Status.UNKNOWN, Status.UNMANAGED,
                 Status.DRIFTED, Status.MISSING]
        result: dict[tuple[str, str], Status] = {}
        for f in self.findings:
            key = (f.kind, f.resource)
            current = result.get(key)
            if current is None or order.index(f.status) > order.index(current):
                result[key] = f.status
        return result

    def in_sync(self) -> list[str]:
        """Model ids of the resources found in sync."""
        return sorted({r for (_, r), s in self.resource_status().items() if s is Status.IN_SYNC})

    def counts(self) -> Counter[Status]:
        """Resources (not findings) by overall status."""
        return Counter(self.resource_status().values())

    @property
    def managed(self) -> int:
        """Live resources the model describes and archdoc found."""
        return sum(1 for s in self.resource_status().values()
                   if s in (Status.IN_SYNC, Status.DRIFTED))

    @property
    def coverage(self) -> float | None:
        """Share of the live resources archdoc looked at that the model describes (driftctl's
        coverage): managed / (managed + unmanaged); None when nothing was found."""
        unmanaged = self.counts()[Status.UNMANAGED]
        total = self.managed + unmanaged
        return self.managed / total if total else None

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.warning]

    @property
    def drifted(self) -> bool:
        return any(f.status.is_drift for f in self.findings)

    @property
    def unknown(self) -> bool:
        return any(f.status is Status.UNKNOWN for f in self.findings)

    def summary(self) -> str:
        counts = self.counts()
        parts = [f"{counts[s]} {s.value.lower().replace('_', ' ')}" for s in Status
                 if counts[s] or s in (Status.IN_SYNC, Status.DRIFTED, Status.MISSING)]
        total = sum(counts.values())
        coverage = self.coverage
        cover = f"; coverage {coverage:.0%}" if coverage is not None else ""
        warn = f"; {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}" \
            if self.warnings else ""
        return f"{total} resources: {', '.join(parts)}{cover}{warn}"
