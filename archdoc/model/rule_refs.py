"""References to security rules in a model: claims' `checks` and resources' `skip_checks`."""

from __future__ import annotations

from typing import Any

from archdoc.errors import Diagnostic, did_you_mean
from archdoc.model.loader import Path, SourceMap


def check_rule_id(path: Path, rule: Any, smap: SourceMap) -> list[Diagnostic]:
    from archdoc.checks import RULE_IDS  # the rules read the model: imported when used

    if not isinstance(rule, str) or rule in RULE_IDS:
        return []
    return [smap.diagnostic(path, f"unknown rule '{rule}'{did_you_mean(rule, list(RULE_IDS))} "
                                  f"(rules: {', '.join(RULE_IDS)}; `archdoc check --list`)")]


def check_skips(data: dict, smap: SourceMap) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    resources = data.get("resources")
    for rid, res in (resources.items() if isinstance(resources, dict) else []):
        skips = res.get("skip_checks") if isinstance(res, dict) else None
        for j, skip in enumerate(skips if isinstance(skips, list) else []):
            if isinstance(skip, dict):
                diags += check_rule_id(("resources", rid, "skip_checks", j, "id"),
                                        skip.get("id"), smap)
    return diags
