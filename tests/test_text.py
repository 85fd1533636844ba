"""Wording as data: every phrase in every language, one fallback rule."""

from __future__ import annotations

import ast
import json
import pickle
import string

import yaml

from archdoc.text import _catalogue, in_language, kind_text, policy_description, say, text, words
from tests.conftest import ROOT


def test_english_has_every_key_the_other_languages_use():
    english = _catalogue("en")
    for path in (ROOT / "archdoc" / "data").glob("*.yaml"):
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("words", "kinds", "policies"):
            assert set(other.get(section, {})) <= set(english[section]), (path.name, section)


def test_korean_gives_every_word_and_kind():
    korean = _catalogue("ko")
    assert set(korean["words"]) == set(_catalogue("en")["words"])
    assert set(korean["kinds"]) == set(_catalogue("en")["kinds"])


def test_a_missing_language_or_phrase_falls_back_to_english():
    assert text("toc", "fr") == "Contents"
    assert kind_text("alb", "service", "xx") == kind_text("alb", "service", "en")
    assert words("ko")["toc"] == "목차"
    assert text("availability_zone", "ko", az="ap-northeast-2a") == "가용 영역 ap-northeast-2a"


def test_policy_descriptions_by_name_or_arn():
    arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
    assert policy_description(arn, "en") == "Read-only access to all S3 buckets."
    assert policy_description("MyOwnPolicy", "ko") == "AWS 또는 고객 관리형 정책입니다."


def _calls(name: str, method: bool = False):
    """(file, call) of every call of ``name`` in the package's source: a plain name, or with
    ``method`` an attribute (``ctx.finding(...)``)."""
    for path in sorted((ROOT / "archdoc").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.attr if method and isinstance(node.func, ast.Attribute) else \
                node.func.id if not method and isinstance(node.func, ast.Name) else None
            if called == name:
                yield path.relative_to(ROOT), node


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_finding_sentence_has_its_korean_with_the_same_placeholders():
    """say() takes its template as a literal (so it can be found here); each has a Korean
    translation with exactly its placeholders, and the catalogue holds nothing unused."""
    korean = _catalogue("ko")["findings"]
    used = set()
    for path, call in _calls("say"):
        template = call.args[0]
        assert isinstance(template, ast.Constant) and isinstance(template.value, str), \
            f"{path}:{call.lineno}: say() needs a literal template"
        used.add(template.value)
        assert template.value in korean, f"{path}:{call.lineno}: no Korean for {template.value!r}"
        assert _fields(korean[template.value]) == _fields(template.value), template.value
        assert {k.arg for k in call.keywords} == _fields(template.value), \
            f"{path}:{call.lineno}: values do not match {template.value!r}"
    assert len(used) > 90
    assert set(korean) == used, set(korean) - used


# where a finding's sentence goes: (function, index of the positional argument, keyword)
SENTENCES = [("Outcome", 2, "message"), ("Diff", 3, "message"), ("Finding", 7, "message"),
             ("ServiceUnreadable", 1, "reason")]


def test_findings_are_written_as_phrases_not_as_plain_english():
    """A sentence given as an f-string or a literal could not be said in Korean."""
    checked = 0
    for name, index, keyword in SENTENCES:
        for path, call in _calls(name):
            given = [call.args[index]] if len(call.args) > index else []
            given += [k.value for k in call.keywords if k.arg == keyword]
            for value in given:
                checked += 1
                plain = isinstance(value, ast.JoinedStr) or (
                    isinstance(value, ast.Constant) and isinstance(value.value, str)
                    and value.value != "")
                assert not plain, f"{path}:{call.lineno}: {name}'s {keyword} is plain text"
    for path, call in _calls("finding", method=True):
        for k in call.keywords:
            if k.arg == "message":
                checked += 1
                assert not isinstance(k.value, (ast.JoinedStr, ast.Constant)), \
                    f"{path}:{call.lineno}: a finding's message is plain text"
    assert checked > 60



def test_a_phrase_is_its_english_and_says_itself_in_korean():
    reason = say("access denied to {operation}", operation="DescribeInstances")
    phrase = say("{service}: {reason}", service="ec2", reason=reason)
    assert phrase == "ec2: access denied to DescribeInstances"
    assert json.loads(json.dumps({"m": phrase})) == {"m": phrase}
    assert in_language(phrase, "en") == phrase
    assert in_language(phrase, "ko") == "ec2: DescribeInstances 호출 권한 없음"  # nested too
    assert in_language(pickle.loads(pickle.dumps(phrase)), "ko") == in_language(phrase, "ko")
    assert in_language("plain text", "ko") == "plain text"
    assert in_language(say("(none)"), "fr") == "(none)"  # no catalogue: English


def test_every_service_the_kinds_and_examples_use_is_defined_in_both_languages():
    import re

    from archdoc import catalogue, kinds
    from archdoc.project import load_model
    from archdoc.text import service_definition

    used = {catalogue.service_key(k.cfn) for k in kinds.REGISTRY if k.cfn}
    for path in [ROOT / "arch.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]:
        for res in load_model(path).resources.values():
            cfn = kinds.kind_of(res.kind).cfn
            if cfn:
                used.add(catalogue.service_key(cfn))
    defined = {lang: set(_catalogue(lang)["services"]) for lang in ("en", "ko")}
    assert defined["en"] == defined["ko"] and len(defined["en"]) >= 60
    assert used <= defined["en"], sorted(used - defined["en"])
    for service in defined["en"]:
        assert catalogue.service_name(f"{service}::X") != service  # a real namespace
        korean = service_definition(service, "ko") or ""
        assert re.search("[가-힣]", korean) and korean != service_definition(service, "en")
    # a type without a first-class kind is described by its service, in the model's language
    assert kind_text("AWS::StepFunctions::StateMachine", "definition", "ko") == \
        _catalogue("ko")["services"]["AWS::StepFunctions"]
