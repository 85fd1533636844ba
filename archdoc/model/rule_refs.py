"""References to security rules in a model: claims' `checks` and resources' `skip_checks`."""

from __future__ import annotations

from typing import Any

from archdoc.errors import Diagnostic, did_you_mean
from archdoc.model.loader import Path, SourceMap


def check_rule_id(path: Path, rule: Any, smap: SourceMap, rule_ids: tuple[str, ...]
                  ) -> list[Diagnostic]:
    if not isinstance(rule, str) or rule in rule_ids:
        return []
    return [smap.diagnostic(path, f"unknown rule '{rule}'{did_you_mean(rule, list(rule_ids))} "
                                  f"(rules: {', '.join(rule_ids)}; `archdoc check --list`)")]


def check_skips(data: dict, smap: SourceMap, rule_ids: tuple[str, ...]) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    resources = data.get("resources")
    for rid, res in (resources.items() if isinstance(resources, dict) else []):
        skips = res.get("skip_checks") if isinstance(res, dict) else None
        for j, skip in enumerate(skips if isinstance(skips, list) else []):
            if isinstance(skip, dict):
                diags += check_rule_id(("resources", rid, "skip_checks", j, "id"),
                                       skip.get("id"), smap, rule_ids)
    return diags
