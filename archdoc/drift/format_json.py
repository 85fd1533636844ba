"""Versioned JSON: one document per account and region; a reader merges several by key."""

from __future__ import annotations

import json
from typing import Any

from archdoc.drift.findings import DriftReport, Status

FORMAT = "archdoc-drift/1"  # bumped when a field changes meaning or goes away


def render(report: DriftReport, color: bool = False) -> str:
    counts = report.counts()
    document: dict[str, Any] = {
        "format": FORMAT,
        "account": report.account,
        "region": report.region,
        "regions": list(report.regions or (report.region,)),
        "checked_at": report.checked_at.isoformat(timespec="seconds"),
        "model": report.model_file,
        "summary": {
            "resources": sum(counts.values()),
            **{s.value.lower(): counts[s] for s in Status},
            "warnings": len(report.warnings),
            "coverage": None if report.coverage is None else round(report.coverage, 4),
            "text": report.summary(),
        },
        "findings": [
            {
                "status": f.status.value,
                "resource": f.resource,
                "kind": f.kind,
                "live_id": f.live_id,
                "live_arn": f.live_arn,
                "attribute": f.attribute,
                "expected": f.expected,
                "actual": f.actual,
                "message": f.message,
                "location": None if f.location is None else f.location.as_dict(),
                "warning": f.warning,
            }
            for f in report.findings
        ],
        "claims": [{"text": c.text, "rules": list(c.rules), "on_model": c.on_model,
                    "in_account": c.in_account, "reasons": list(c.reasons)}
                   for c in report.claims],
        "calls": dict(sorted(report.calls.items())),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
