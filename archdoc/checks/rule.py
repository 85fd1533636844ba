"""What a rule is, and what it finds. Rules are pure functions of the typed model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from archdoc.errors import Location
from archdoc.model import Architecture


class Severity(str, Enum):
    """How bad a failure of the rule is (SARIF's level and security-severity follow it)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    def __str__(self) -> str:
        return self.value


class Verdict(str, Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"  # cannot decide (e.g. the live account could not be read)
    SKIPPED = "SKIPPED"  # turned off for this resource, with a written reason


@dataclass(frozen=True)
class Outcome:
    """One verdict of a rule on one resource; ``path`` is where in the resource it is decided
    (a rule's index, a listener), ``involves`` every model resource the verdict read.
    ``passed`` is None when the model does not say enough to decide (a sketch's missing
    detail): the verdict is UNKNOWN."""

    resource: str
    passed: bool | None
    message: str
    path: tuple[Any, ...] = ()
    involves: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    rationale: str
    severity: Severity
    kinds: tuple[str, ...]
    evaluate: Callable[[Architecture], Iterator[Outcome]] = field(repr=False)
    prowler: tuple[str, ...] = ()
    checkov: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleResult:
    rule: str
    verdict: Verdict
    resource: str
    message: str
    location: Location | None = None
    involves: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return str(self.location) if self.location else ""


@dataclass(frozen=True)
class CheckReport:
    """Every rule's results on one model: what ``archdoc check``'s formats see."""

    results: tuple[RuleResult, ...]
    model_file: str
