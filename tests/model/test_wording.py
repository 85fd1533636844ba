"""One term per concept: archdoc's own Korean words use no variant of a glossary term, and a
Korean model's text that does is warned about where it is written (archdoc/model/wording.py)."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from archdoc.project import parse_model
from archdoc.text import glossary


def _all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_strings(item)


def test_archdocs_korean_words_use_one_term_per_concept():
    data = resources.files("archdoc").joinpath("data/ko.yaml").read_text("utf-8")
    catalogue = yaml.safe_load(data)
    terms = glossary("ko")
    assert "아키텍처" in terms and "대상 그룹" in terms
    texts = list(_all_strings({k: v for k, v in catalogue.items() if k != "glossary"}))
    templates = resources.files("archdoc").joinpath("render/site/templates")
    texts += [p.read_text("utf-8") for p in templates.iterdir() if p.is_file()]
    assert len(texts) > 300
    for term, variants in terms.items():
        for variant in variants:
            used = [t for t in texts if variant in t]
            assert not used, (variant, term, used[:3])
    # and the preferred terms are the ones archdoc's words use
    assert any("대상 그룹" in t for t in texts) and any("로드 밸런서" in t for t in texts)


def test_a_variant_in_a_korean_model_is_a_located_warning():
    text = ("title: 클라우드 아키텍쳐\nlanguage: ko\nregion: ap-northeast-2\nresources:\n"
            "  tg: {kind: target_group, label: 웹 타겟 그룹, port: 80, protocol: HTTP}\n")
    model = parse_model(text)
    said = [str(w) for w in model.warnings if "one term per concept" in w.message]
    assert len(said) == 2
    assert re.match(r".*:1:8: warning: '아키텍쳐' is written '아키텍처'", said[0])
    assert re.match(r".*:5:\d+: warning: '타겟 그룹' is written '대상 그룹'", said[1])


def test_an_english_model_is_not_checked():
    text = ("title: 아키텍쳐\nregion: us-east-1\nresources:\n  u: {kind: users}\n")
    assert not [w for w in parse_model(text).warnings if "one term" in w.message]
