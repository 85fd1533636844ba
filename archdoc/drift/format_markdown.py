"""Markdown for a pull-request comment: the summary, then a table of what differs."""

from __future__ import annotations

from archdoc.drift.findings import DriftReport, Finding, Status

_MARK = {Status.DRIFTED: "🟠", Status.MISSING: "🔴", Status.UNMANAGED: "🟣",
         Status.UNKNOWN: "⚪", Status.NOT_CHECKED: "▫️", Status.IN_SYNC: "🟢"}


def cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell: pipes, backticks, HTML and newlines escaped."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    for ch in "\\|`*_[]<>":
        text = text.replace(ch, "\\" + ch)
    return text


def _row(f: Finding) -> str:
    where = f"`{f.location}`".replace("|", "\\|") if f.location else ""
    return (f"| {_MARK[f.status]} {f.status.value} | {cell(f.resource)} | {cell(f.attribute)} "
            f"| {cell(f.expected)} | {cell(f.actual)} | {cell(f.message)} | {where} |")


def render(report: DriftReport, color: bool = False) -> str:
    lines = [f"### archdoc drift: account {report.account}, "
             f"{report.where()}", "",
             f"Checked {report.checked_at:%Y-%m-%d %H:%M} UTC against `{cell(report.model_file)}`"
             f": **{cell(report.summary())}**", ""]
    shown = [f for f in report.findings if f.status is not Status.IN_SYNC or f.warning]
    if shown:
        lines += ["| status | resource | attribute | expected | actual | note | model |",
                  "|---|---|---|---|---|---|---|"]
        lines += [_row(f) for f in shown]
        lines.append("")
    if report.claims:
        lines += ["| claim | rules | in the account |", "|---|---|---|"]
        lines += [f"| {cell(c.text)} | {cell(', '.join(c.rules))} | "
                  f"{ {'PASS': '✔', 'FAIL': '✘'}.get(c.in_account, '?')} "
                  f"{cell('; '.join(c.reasons))} |" for c in report.claims]
        lines.append("")
    in_sync = report.in_sync()
    if in_sync:
        lines += ["<details><summary>In sync: " + str(len(in_sync)) + " resources</summary>",
                  "", ", ".join(cell(r) for r in in_sync), "", "</details>", ""]
    return "\n".join(lines)
