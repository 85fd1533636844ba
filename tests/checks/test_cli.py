"""`archdoc check`, SARIF, and the build refusing a report whose claims fail."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from archdoc.checks import Verdict, evaluate
from archdoc.project import parse_model
from tests.conftest import EXAMPLE, SEED, archdoc

SEED_TEXT = SEED.read_text(encoding="utf-8")

# (change to arch.yaml, rules that must then fail, text of a claim the build must name)
BREAKS = {
    "EC2 moved to a public subnet": (
        ("    subnet: private-a\n    security_groups: [ec2-sg]",
         "    subnet: public-a\n    security_groups: [ec2-sg]"),
        {"AD-NET-001"}, "EC2를 프라이빗 서브넷에 배치함으로써"),
    "port 22 opened": (
        ("      - {protocol: tcp, port: 80, security_group: alb-sg, description: HTTP from the ALB}\n",
         "      - {protocol: tcp, port: 80, security_group: alb-sg, description: HTTP from the ALB}\n"
         "      - {protocol: tcp, port: 22, cidr: 0.0.0.0/0}\n"),
        {"AD-NET-002", "AD-NET-003", "AD-NET-004"}, "SSH 키를 생성하여"),
    "AmazonS3FullAccess added": (
        ("managed_policies: [AmazonS3ReadOnlyAccess, AmazonSSMManagedInstanceCore]",
         "managed_policies: [AmazonS3ReadOnlyAccess, AmazonSSMManagedInstanceCore, "
         "AmazonS3FullAccess]"),
        {"AD-IAM-001"}, "최소 권한 원칙을 지키고자"),
    "HTTP served instead of redirected": (
        ("default_action: {type: redirect, protocol: HTTPS, port: 443, status_code: 301}",
         "default_action: {type: forward, target_group: web-tg}"),
        {"AD-ELB-002"}, "리스너를 HTTPS 프로토콜로 설정함으로써"),
    "SSH key pair given": (
        ("    imdsv2: true\n", "    imdsv2: true\n    key_pair: admin-key\n"),
        {"AD-SSM-001"}, "SSH 키를 생성하여"),
}


def _broken(name: str) -> str:
    (old, new), _, _ = BREAKS[name]
    assert SEED_TEXT.count(old) == 1, old
    return SEED_TEXT.replace(old, new)


def test_seed_passes_every_rule_and_backs_each_claim(seed_model) -> None:
    results = evaluate(seed_model)
    assert {r.verdict for r in results} == {Verdict.PASS, Verdict.SKIPPED}
    # the one skip is out of the seed's scope, and says so
    assert [(r.rule, r.resource) for r in results if r.verdict is Verdict.SKIPPED] == [
        ("AD-WAF-001", "web-alb")]
    claims = [item for s in seed_model.sections for item in s.security]
    assert len(claims) == 10 and all(item.checks for item in claims)
    proc = archdoc("check", str(SEED))
    assert proc.returncode == 0 and "0 failed" in proc.stdout


@pytest.mark.parametrize("name", list(BREAKS))
def test_breaking_a_claim_fails_exactly_its_rules(name: str, tmp_path) -> None:
    text = _broken(name)
    _, rules, claim = BREAKS[name]
    failed = {r.rule for r in evaluate(parse_model(text)) if r.verdict is Verdict.FAIL}
    assert failed == rules
    model = tmp_path / "arch.yaml"
    model.write_text(text, "utf-8")
    check = archdoc("check", str(model), "--format", "json")
    assert check.returncode == 1
    assert {r["rule"] for r in json.loads(check.stdout)["results"]
            if r["result"] == "FAIL"} == rules
    out = tmp_path / "out"
    build = archdoc("build", str(model), "-o", str(out))
    assert build.returncode == 1
    assert "nothing was written" in build.stderr and claim in build.stderr
    assert not out.exists()


def test_allow_failing_claims_writes_the_failure_into_the_report(tmp_path) -> None:
    model = tmp_path / "arch.yaml"
    model.write_text(_broken("AmazonS3FullAccess added"), "utf-8")
    out = tmp_path / "out"
    proc = archdoc("build", str(model), "-o", str(out), "--only", "report",
                       "--allow-failing-claims")
    assert proc.returncode == 0, proc.stderr
    texts = [p.text for p in docx.Document(str(out / "report.docx")).paragraphs]
    failed = [t for t in texts if "✘ 확인 실패" in t]
    assert len(failed) == 1 and "최소 권한 원칙" in failed[0]
    # the reason in the report's language; the CLI says it in English
    assert "AD-IAM-001: ec2-role에 범위가 넓은 관리형 정책 AmazonS3FullAccess가 연결됨" \
        in failed[0]
    assert sum("✔ 모델에서 확인됨" in t for t in texts) == 9
    check = archdoc("check", str(model))
    assert "ec2-role has the broad managed policy AmazonS3FullAccess" in check.stdout


def test_unknown_rule_id_is_refused_with_a_suggestion(tmp_path) -> None:
    model = tmp_path / "arch.yaml"
    model.write_text(SEED_TEXT.replace("checks: [AD-NET-004]", "checks: [AD-NET-04]"), "utf-8")
    proc = archdoc("validate", str(model))
    assert proc.returncode == 2
    assert "unknown rule 'AD-NET-04'; did you mean 'AD-NET-004'?" in proc.stderr
    line = next(i for i, t in enumerate(model.read_text("utf-8").splitlines(), 1)
                if "AD-NET-04]" in t)
    assert f"arch.yaml:{line}:" in proc.stderr


def test_skip_with_reason_is_shown_not_failed(tmp_path) -> None:
    text = _broken("SSH key pair given").replace(
        "    key_pair: admin-key\n",
        "    key_pair: admin-key\n    skip_checks:\n      - {id: AD-SSM-001, reason: break-glass key "
        "kept offline}\n")
    results = [r for r in evaluate(parse_model(text)) if r.rule == "AD-SSM-001"]
    assert [(r.verdict, r.message) for r in results] == [
        (Verdict.SKIPPED, "skipped: break-glass key kept offline")]


def test_sarif_points_at_the_failing_lines(tmp_path) -> None:
    text = _broken("port 22 opened")
    model = tmp_path / "arch.yaml"
    model.write_text(text, "utf-8")
    proc = archdoc("check", "arch.yaml", "--format", "sarif", cwd=tmp_path)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:3] == ["AD-NET-001", "AD-NET-002", "AD-NET-003"]
    line_22 = text.splitlines().index("      - {protocol: tcp, port: 22, cidr: 0.0.0.0/0}") + 1
    by_rule = {r["ruleId"]: r for r in run["results"]}
    # the seed's skip of AD-WAF-001 (out of its scope) is reported as a suppression
    assert set(by_rule) == {"AD-NET-002", "AD-NET-003", "AD-NET-004", "AD-WAF-001"}
    assert "suppressions" in by_rule["AD-WAF-001"]
    ssh = by_rule["AD-NET-003"]["locations"][0]["physicalLocation"]
    assert ssh["artifactLocation"]["uri"] == "arch.yaml"
    assert ssh["region"]["startLine"] == line_22 and ssh["region"]["startColumn"] == 9
    assert rules[by_rule["AD-NET-003"]["ruleIndex"]]["id"] == "AD-NET-003"
    assert by_rule["AD-NET-003"]["level"] == "error"


SARIF_SCHEMA = Path(__file__).parent / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "7402cdfd5bfbff98071b3358e573041b86adb7e1c6ec8743303f93715937c371"


def _sarif_validator():
    """The complete official SARIF 2.1.0 schema (see tests/checks/SARIF-SCHEMA.md), with the
    formats it names (uri, uri-reference, date-time) really checked."""
    import hashlib

    import jsonschema

    raw = SARIF_SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SARIF_SCHEMA_SHA256, "the schema was edited"
    schema = json.loads(raw)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    # without rfc3986-validator / rfc3339-validator jsonschema skips these formats silently
    assert {"uri", "uri-reference", "date-time"} <= set(checker.checkers)
    return cls(schema, format_checker=checker)


def _schema_errors(validator, log: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(log)]


def test_sarif_is_valid_sarif_2_1_0(tmp_path) -> None:
    """Every log archdoc writes validates against the official schema: a failure with a
    suppression, the seed's clean run, and the second example (another shape, in English)."""
    validator = _sarif_validator()
    text = _broken("SSH key pair given").replace(
        "    key_pair: admin-key\n",
        "    key_pair: admin-key\n    skip_checks:\n      - {id: AD-SSM-001, reason: kept offline}\n"
    ).replace("    imdsv2: true\n", "    imdsv2: false\n")
    model = tmp_path / "arch.yaml"
    model.write_text(text, "utf-8")
    for target in (model, SEED, EXAMPLE):
        log = json.loads(archdoc("check", str(target), "--format", "sarif").stdout)
        assert _schema_errors(validator, log) == [], target
    broken = json.loads(archdoc("check", str(model), "--format", "sarif").stdout)
    kinds = {(r["ruleId"], "suppressions" in r) for r in broken["runs"][0]["results"]}
    assert kinds == {("AD-SSM-001", True), ("AD-EC2-002", False), ("AD-WAF-001", True)}


@pytest.mark.parametrize(("path", "value"), [
    (("runs", 0, "results", 0, "severity"), "high"),            # not a SARIF property
    (("runs", 0, "results", 0, "level"), "critical"),           # not one of SARIF's levels
    (("runs", 0, "results", 0, "locations", 0, "physicalLocation", "region", "startLine"), 0),
    (("runs", 0, "tool", "driver", "informationUri"), "not a uri"),
])
def test_the_sarif_schema_is_not_a_formality(tmp_path, path, value) -> None:
    """The validator rejects what GitHub would: an unknown field, a wrong level, a line 0 and
    a malformed URI, each on a log that is otherwise valid."""
    model = tmp_path / "arch.yaml"
    model.write_text(_broken("port 22 opened"), "utf-8")
    log = json.loads(archdoc("check", str(model), "--format", "sarif").stdout)
    validator = _sarif_validator()
    assert _schema_errors(validator, log) == []
    *parents, leaf = path
    node = log
    for key in parents:
        node = node[key]
    node[leaf] = value
    assert _schema_errors(validator, log), f"{path} = {value!r} was accepted"
