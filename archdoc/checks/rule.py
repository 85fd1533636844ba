"""What a rule is, and what it finds. Rules are pure functions of the typed model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from archdoc.model import Architecture


class Verdict(str, Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"  # cannot decide (e.g. the live account could not be read)
    SKIPPED = "SKIPPED"  # turned off for this resource, with a written reason


@dataclass(frozen=True)
class Outcome:
    """One verdict of a rule on one resource; ``path`` is where in the resource it is decided
    (a rule's index, a listener), ``involves`` every model resource the verdict read."""

    resource: str
    passed: bool
    message: str
    path: tuple[Any, ...] = ()
    involves: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    rationale: str
    severity: str  # critical | high | medium | low
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
    file: str | None = None
    line: int = 0
    col: int = 0
    involves: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.file else ""
