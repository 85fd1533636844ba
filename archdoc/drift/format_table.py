"""The terminal table (rich): what differs, where the model says otherwise, then a summary."""

from __future__ import annotations

import io
import shutil

from archdoc.drift.findings import DriftReport, Status
from archdoc.errors import printable

_STYLE = {Status.DRIFTED: "bold yellow", Status.MISSING: "bold red",
          Status.UNMANAGED: "bold magenta", Status.UNKNOWN: "dim", Status.NOT_CHECKED: "dim",
          Status.IN_SYNC: "green"}
IN_SYNC_LISTED = 40  # more resources in sync than this are counted, not named


def render(report: DriftReport, color: bool = False) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    width = shutil.get_terminal_size((160, 24)).columns if color else 160
    console = Console(file=out, width=width, color_system="standard" if color else None,
                      force_terminal=color, highlight=False, soft_wrap=False)
    console.print(escape(f"archdoc drift: account {report.account}, region {report.where()}, "
                         f"{report.checked_at:%Y-%m-%d %H:%M:%S} UTC, model "
                         f"{printable(report.model_file)}"))
    rows = [f for f in report.findings if f.status is not Status.IN_SYNC or f.warning]
    if rows:
        table = Table(show_lines=False, header_style="bold", expand=False)
        for column in ("status", "resource", "attribute", "expected", "actual", "model"):
            table.add_column(column, overflow="fold")
        for f in rows:
            status = f"{f.status.value}{' (warning)' if f.warning else ''}"
            note = (f" — {f.message}" if f.actual else f.message) if f.message else ""
            table.add_row(f"[{_STYLE[f.status]}]{status}[/]", escape(printable(f.resource)),
                          escape(printable(f.attribute or "")),
                          escape(printable(f.expected or "")),
                          escape(printable((f.actual or "") + note)),
                          escape(str(f.location) if f.location else ""))
        console.print(table)
    clean = report.in_sync()
    if clean:
        listed = ", ".join(clean) if len(clean) <= IN_SYNC_LISTED else f"{len(clean)} resources"
        console.print(escape(printable(f"in sync: {listed}")), style="green" if color else None)
    for claim in report.claims:
        mark = {"PASS": "✔", "FAIL": "✘"}.get(claim.in_account, "?")
        why = f" — {'; '.join(claim.reasons)}" if claim.reasons else ""
        text = claim.text if len(claim.text) <= 70 else claim.text[:69] + "…"
        console.print(escape(printable(f"claim {mark} {text} ({', '.join(claim.rules)}){why}")))
    console.print(escape(report.summary()), style="bold" if color else None)
    return out.getvalue()
