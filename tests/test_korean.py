"""Korean particles chosen by the word before them (archdoc/korean.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archdoc.korean import final_consonant, particles


@pytest.mark.parametrize(("written", "expected"), [
    ("web-tg(으)로 전달", "web-tg로 전달"),          # 티지: a vowel
    ("HTTPS:443(으)로", "HTTPS:443으로"),           # 사백사십삼
    ("포트 80(으)로", "포트 80으로"),                 # 팔십
    ("포트 22(으)로", "포트 22로"),                   # 이십이
    ("10.0.0.0/16(으)로", "10.0.0.0/16으로"),        # 십육
    ("0.0.0.0/0을(를) 허용", "0.0.0.0/0을 허용"),      # 영
    ("ALB(으)로", "ALB로"), ("ALB을(를)", "ALB를"),
    ("ACM을(를)", "ACM을"), ("IAM이(가)", "IAM이"),  # 엠
    ("EC2을(를)", "EC2를"), ("S3은(는)", "S3는"),     # 이씨투, 에스쓰리
    ("Route53이(가)", "Route53가"),                  # 피프티쓰리: a vowel
    ("버킷이(가)", "버킷이"), ("서버이(가)", "서버가"),
    ("파일(으)로", "파일로"),                          # ㄹ takes 로
    ("역할은(는)", "역할은"), ("정책은(는)", "정책은"),
    ("bucket은(는)", "bucket은"), ("lambda을(를)", "lambda를"),
    ("role(으)로", "role로"), ("topic와(과)", "topic과"),
    ("'alb-sg'을(를)", "'alb-sg'를"),                # the quote is not read
    ("web-alb와(과) db", "web-alb와 db"),
    ("세 번째(이)라는", "세 번째라는"), ("인증서(이)나", "인증서나"), ("정책(이)나", "정책이나"),
])
def test_particle_chosen_by_the_word_before(written, expected):
    assert particles(written) == expected


def test_text_without_marks_is_unchanged():
    assert particles("대상 그룹 (web-tg) 로") == "대상 그룹 (web-tg) 로"
    assert particles("(으)로 시작") == "(으)로 시작"  # nothing before it: left as written


def test_finals():
    assert final_consonant("일") == "ㄹ" and final_consonant("강") == "ㅇ"
    assert final_consonant("가") is None and final_consonant("") is None
    assert final_consonant("100") == "ㄱ" and final_consonant("1000") == "ㄴ"  # 백, 천
    assert final_consonant("10000") == "ㄴ"  # 만


@given(st.lists(st.sampled_from(["ALB", "443", "버킷", "서버", " ", "(", "이(가)", "(으)로",
                                  "을(를)", "x", "'", "9"]), max_size=12).map("".join))
def test_any_text_once_chosen_stays(text):
    once = particles(text)
    assert particles(once) == once  # nothing left to choose, nothing chosen twice
    assert len(once) <= len(text)
