"""Rule tests are data: tests/checks/cases/<rule>.yaml holds model fragments added to
base.yaml and every result the rule must give on them, line included."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archdoc.checks import RULE_IDS, evaluate
from archdoc.project import parse_model

HERE = Path(__file__).resolve().parent
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")
CASES = sorted((HERE / "cases").glob("*.yaml"))


def _cases():
    for path in CASES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}: {case['name']}")


def test_every_rule_has_its_cases() -> None:
    assert sorted(p.stem for p in CASES) == sorted(RULE_IDS)
    for path in CASES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        results = {e["result"] for c in spec["cases"] for e in c["expect"]}
        assert results == {"PASS", "FAIL"}, path.name  # each rule both passes and fails


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule: str, case: dict) -> None:
    offset = BASE.count("\n")
    fragment = "".join(f"  {line}\n" for line in case["fragment"].splitlines())
    model = parse_model(BASE + fragment, "case.yaml")
    got = sorted((r.verdict.value, r.resource, r.location.line - offset) for r in evaluate(model)
                 if r.rule == rule)
    want = sorted((e["result"], e["resource"], e["line"]) for e in case["expect"])
    assert got == want
