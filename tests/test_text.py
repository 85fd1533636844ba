"""Wording as data: every phrase in every language, one fallback rule."""

from __future__ import annotations

import yaml

from archdoc.text import _catalogue, kind_text, policy_description, text, words
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


def test_long_identifiers_break_only_at_their_joints():
    from archdoc.render.report.word import breakable

    for word in ("AmazonSSMManagedInstanceCore", "com.amazonaws.ap-northeast-2.s3",
                 "ELBSecurityPolicy-TLS13-1-2-2021-06"):
        broken = breakable(word)
        assert broken.replace("\u200b", "") == word
        for i, ch in enumerate(broken):
            if ch == "\u200b":  # after a dot or between a lower-case letter and a capital
                before, after = broken[i - 1], broken[i + 1]
                assert before in "./:_=," or (before.islower() and after.isupper()), broken
    assert "\u200b" in breakable("AmazonSSMManagedInstanceCore")
    assert breakable("short words only") == "short words only"
