"""Drift report formats: name -> module path of a ``render(report, color) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from archdoc.drift.findings import DriftReport

FORMATS = {
    "table": "archdoc.drift.format_table",
    "json": "archdoc.drift.format_json",
    "markdown": "archdoc.drift.format_markdown",
}


def formatter(name: str) -> Callable[[DriftReport, bool], str]:
    render: Callable[[DriftReport, bool], str] = importlib.import_module(FORMATS[name]).render
    return render
