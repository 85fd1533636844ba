"""`archdoc check` on a terminal: failures first, then the counts."""

from __future__ import annotations

import io
from collections.abc import Sequence

from archdoc.checks.rule import CheckReport, RuleResult, Verdict
from archdoc.errors import printable

_STYLE = {Verdict.FAIL: "bold red", Verdict.PASS: "green", Verdict.SKIPPED: "yellow",
          Verdict.UNKNOWN: "dim"}


def render(report: CheckReport, color: bool = False) -> str:
    results, model_file = report.results, report.model_file
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, width=160, color_system="standard" if color else None,
                      force_terminal=color, highlight=False)
    table = Table(header_style="bold")
    for column in ("result", "rule", "resource", "where", "message"):
        table.add_column(column, overflow="fold")
    order = {Verdict.FAIL: 0, Verdict.SKIPPED: 1, Verdict.UNKNOWN: 2, Verdict.PASS: 3}
    for r in sorted(results, key=lambda r: (order[r.verdict], r.rule, r.resource)):
        table.add_row(f"[{_STYLE[r.verdict]}]{r.verdict.value}[/]", r.rule,
                      escape(printable(r.resource)), escape(printable(r.where)),
                      escape(printable(r.message)))
    console.print(table)
    console.print(summary(results, model_file))
    return out.getvalue()


def summary(results: Sequence[RuleResult], model_file: str) -> str:
    counts = {v: sum(1 for r in results if r.verdict is v) for v in Verdict}
    rules = len({r.rule for r in results})
    return (f"{printable(model_file)}: {rules} rules, {counts[Verdict.PASS]} passed, "
            f"{counts[Verdict.FAIL]} failed, {counts[Verdict.SKIPPED]} skipped")
