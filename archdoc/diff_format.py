"""The formats of ``archdoc diff``: text for the terminal, Markdown for a pull-request comment,
versioned JSON for tools."""

from __future__ import annotations

import json

from archdoc.diff import Change, ModelDiff
from archdoc.errors import printable

JSON_VERSION = 1
SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _where(change: Change) -> str:
    parts = [str(at) for at in (change.old_at, change.new_at) if at is not None]
    return " → ".join(parts)


def _line(change: Change) -> str:
    name = change.name if change.what != "resource" or not change.kind \
        else f"{change.name} ({change.kind})"
    text = f"{SIGN[change.op]} {change.what} {name}"
    if change.what == "document":
        text += f": {change.old} → {change.new}"
    elif change.field:
        text += f": {change.field} {change.old} → {change.new}"
    return printable(text)


def _summary(diff: ModelDiff) -> str:
    counts = diff.counts()
    if not diff.changes:
        return f"{diff.old_name} and {diff.new_name}: no change"
    return (f"{diff.old_name} → {diff.new_name}: {counts['added']} added, "
            f"{counts['removed']} removed, {counts['changed']} changed")


def text(report: ModelDiff, color: bool = False) -> str:
    paint = {"added": "\033[32m", "removed": "\033[31m", "changed": "\033[33m"}
    lines = []
    for change in report.changes:
        line = _line(change)
        if color:
            line = f"{paint[change.op]}{line}\033[0m"
        lines.append(f"{line}\n    {_where(change)}" if _where(change) else line)
    return "\n".join(lines + [_summary(report)]) + "\n"


def markdown(report: ModelDiff, color: bool = False) -> str:
    def cell(value: str) -> str:
        return printable(value).replace("|", "\\|") if value else ""

    out = [f"### Architecture changes: {cell(report.old_name)} → {cell(report.new_name)}", ""]
    if not report.changes:
        return "\n".join(out + ["No change.", ""])
    out += ["| | what | name | field | before | after | where |", "|---|---|---|---|---|---|---|"]
    for c in report.changes:
        out.append(f"| {SIGN[c.op]} | {c.what} | {cell(c.name)} | {cell(c.field)} | "
                   f"{cell(c.old)} | {cell(c.new)} | {cell(_where(c))} |")
    counts = report.counts()
    out += ["", f"{counts['added']} added, {counts['removed']} removed, "
                f"{counts['changed']} changed.", ""]
    return "\n".join(out)


def json_format(report: ModelDiff, color: bool = False) -> str:
    return json.dumps({"version": JSON_VERSION, "old": report.old_name, "new": report.new_name,
                       "summary": report.counts(),
                       "changes": [c.as_dict() for c in report.changes]},
                      ensure_ascii=False, indent=2) + "\n"
