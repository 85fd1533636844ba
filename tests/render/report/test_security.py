"""The report's security considerations say what proves each claim, what fails unclaimed,
and what every rule they name means (archdoc/render/report/security.py)."""

from __future__ import annotations

import docx
import pytest

from archdoc.checks import RULES
from archdoc.project import load_model
from tests.conftest import ROOT, archdoc

THREE_TIER = ROOT / "examples" / "three-tier.yaml"


@pytest.fixture(scope="module")
def three_tier(tmp_path_factory):
    out = tmp_path_factory.mktemp("three-tier-report")
    proc = archdoc("build", str(THREE_TIER), "-o", str(out), "--only", "report")
    assert proc.returncode == 0, proc.stderr
    return docx.Document(str(out / "report.docx"))


def test_a_claim_without_checks_says_it_is_not_verified(three_tier):
    model = load_model(THREE_TIER)
    unbacked = [item.text for s in model.sections for item in s.security if not item.checks]
    backed = [item.text for s in model.sections for item in s.security if item.checks]
    assert unbacked and backed
    texts = [p.text for p in three_tier.paragraphs]
    for claim in unbacked:  # (the reference goes before the sentence's full stop)
        said = next(t for t in texts if t.startswith(claim.rstrip(".")))
        assert "not verified: no check is named for this claim" in said
    for claim in backed:
        said = next(t for t in texts if t.startswith(claim.rstrip(".")))
        assert "not verified" not in said and ("✔" in said or "✘" in said or "?" in said)


def test_failing_rules_of_a_chapter_are_listed_there(three_tier):
    """AD-DNS-001 fails on web-alb, and no claim names it: the chapter holding web-alb says
    so, before the next chapter begins."""
    model = load_model(THREE_TIER)
    chapter = next(n for n, s in enumerate(model.sections, start=1) if "web-alb" in s.resources)
    texts = [p.text for p in three_tier.paragraphs]
    start = max(k for k, t in enumerate(texts) if t.startswith(f"{chapter}.3. "))  # not the TOC
    end = next((k for k, t in enumerate(texts) if k > start and t.startswith(f"{chapter + 1}. ")),
               len(texts))
    inside = texts[start:end]
    assert "Findings of the checks (rules no claim names):" in inside
    assert any(t.startswith("✘ AD-DNS-001: no Route 53 record for origin.shop.example.com")
               for t in inside)


def test_the_appendix_explains_every_rule_the_report_names(three_tier):
    table = next(t for t in three_tier.tables if t.rows[0].cells[0].text == "Rule")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    titles = {r.id: r.title for r in RULES}
    named = {rule for s in load_model(THREE_TIER).sections for i in s.security
             for rule in i.checks} | {"AD-DNS-001"}
    assert {r[0] for r in rows} == named
    for rule, title, severity in rows:
        assert title == titles[rule] and severity in ("critical", "high", "medium", "low")


def test_every_rule_has_a_korean_title():
    from archdoc.text import rule_title

    for rule in RULES:
        korean = rule_title(rule.id, "ko", rule.title)
        assert korean != rule.title and any("가" <= ch <= "힣" for ch in korean), rule.id
