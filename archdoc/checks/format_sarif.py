"""SARIF 2.1.0 for GitHub code scanning: each failed (or skipped) result at its place in the
model, rules described with their rationale and prowler/checkov equivalents."""

from __future__ import annotations

import json
import os
from pathlib import Path

from archdoc import __version__
from archdoc.checks.rule import CheckReport, Severity, Verdict

_LEVEL = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
          Severity.LOW: "note"}
_SCORE = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5",
          Severity.LOW: "3.0"}


def _uri(file: str | None) -> str:
    """The model's path relative to the working directory (the repository root in CI)."""
    if not file:
        return "arch.yaml"
    path = Path(file)
    try:
        path = path.resolve().relative_to(Path(os.getcwd()).resolve())
    except ValueError:
        pass
    return path.as_posix()


def render(report: CheckReport, color: bool = False) -> str:
    results, model_file = report.results, report.model_file
    from archdoc.checks import RULES

    index = {rule.id: i for i, rule in enumerate(RULES)}
    rules = [{
        "id": rule.id, "name": rule.id.replace("-", ""),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.rationale + (
            f" Equivalent checks: {', '.join(rule.prowler + rule.checkov)}."
            if rule.prowler or rule.checkov else "")},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["security", *rule.kinds], "security-severity":
                       _SCORE[rule.severity], "prowler": list(rule.prowler),
                       "checkov": list(rule.checkov)},
    } for rule in RULES]
    shown = []
    for r in results:
        if r.verdict not in (Verdict.FAIL, Verdict.SKIPPED):
            continue
        rule = RULES[index[r.rule]]
        where = r.location
        result = {
            "ruleId": r.rule, "ruleIndex": index[r.rule], "level": _LEVEL[rule.severity],
            "message": {"text": r.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(where.file if where else model_file)},
                "region": {"startLine": max(where.line if where else 1, 1),
                           "startColumn": max(where.col if where else 1, 1)}}}],
            "partialFingerprints": {"archdocResource/v1": f"{r.rule}:{r.resource}"},
        }
        if r.verdict is Verdict.SKIPPED:
            result["suppressions"] = [{"kind": "inSource", "justification": r.message}]
        shown.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "archdoc", "version": __version__, "rules": rules}},
            "results": shown,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
