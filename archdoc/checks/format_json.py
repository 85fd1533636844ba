"""`archdoc check --format json`: every result, versioned."""

from __future__ import annotations

import json

from archdoc.checks.rule import CheckReport

FORMAT = "archdoc-check/1"


def render(report: CheckReport, color: bool = False) -> str:
    results, model_file = report.results, report.model_file
    from archdoc.checks import RULE

    return json.dumps({
        "format": FORMAT, "model": model_file,
        "results": [{"rule": r.rule, "title": RULE[r.rule].title, "result": r.verdict.value,
                     "severity": RULE[r.rule].severity, "resource": r.resource,
                     "message": r.message, "involves": list(r.involves),
                     "location": r.location.as_dict() if r.location else None}
                    for r in results],
    }, indent=2, ensure_ascii=False) + "\n"
