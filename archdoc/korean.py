"""Korean particles chosen by the word before them, as a Korean writer chooses them.

The Korean phrases in ``data/ko.yaml`` write a particle whose form depends on the word before
it as both forms, ``{rid}이(가)``, ``{target}(으)로``; :func:`particles` picks the one the word
takes. A word's form depends on whether its last syllable, read aloud, ends in a consonant
(받침) and, for 으로, whether that consonant is ㄹ. Latin words and numbers are read the way a
Korean reader of an architecture document reads them: acronyms letter by letter ("ALB로",
"ACM을"), numbers standing alone in Korean ("443으로", "80을"), digits within a name in English
("EC2를", "S3는"), and other words by their English ending ("bucket은", "lambda를").
"""

from __future__ import annotations

import re

# the forms (after a final consonant, after a vowel) written together in the phrases
PAIRS = {
    "이(가)": ("이", "가"), "가(이)": ("이", "가"),
    "을(를)": ("을", "를"), "를(을)": ("을", "를"),
    "은(는)": ("은", "는"), "는(은)": ("은", "는"),
    "과(와)": ("과", "와"), "와(과)": ("과", "와"),
    "아(야)": ("아", "야"),
}
_MARK = re.compile(r"(?<=[^\s(\[{<])(이\(가\)|가\(이\)|을\(를\)|를\(을\)|은\(는\)|는\(은\)|과\(와\)"
                   r"|와\(과\)|아\(야\)|\(으\)(?=[로])|\(이\)(?=[가-힣]))")
_CLOSERS = "'\"’”)]}>»」』】"

# Latin letters read aloud: those whose name ends in a consonant (엘, 엠, 엔, 알); ㄹ for L, R
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# a digit read in Korean (영 일 이 삼 사 오 육 칠 팔 구) and the powers of ten (십 백 천 만)
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
_TENS_FINAL = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ"}
# ... and in English within a name (one, seven, eight, nine end in a consonant)
_ENGLISH_DIGIT_FINAL = {"1": "ㄴ", "7": "ㄴ", "8": "ㅅ", "9": "ㄴ"}
_VOWELS = set("aeiouy")


def final_consonant(word: str) -> str | None:
    """The consonant the last syllable of ``word`` ends in when read aloud ('ㄹ', 'ㄴ', ...),
    or None when it ends in a vowel."""
    word = word.rstrip(_CLOSERS + " ")
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return None if final == 0 else ("ㄹ" if final == 8 else "ㅇ" if final == 21 else "ㄱ")
    if last.isdigit():
        digits = re.search(r"[0-9]+$", word)
        assert digits
        run = digits.group()
        before = word[: digits.start()]
        if before and before[-1].isascii() and before[-1].isalpha():  # EC2, S3: in English
            return _ENGLISH_DIGIT_FINAL.get(run[-1])
        return _number_final(run)
    letters = re.search(r"[A-Za-z]+$", word)
    if letters is None:
        return None  # a symbol: nothing to read
    run = letters.group()
    if len(run) == 1 or run.isupper() or not (_VOWELS & set(run.lower())):
        return _LETTER_FINAL.get(run[-1].lower())  # an acronym, read letter by letter
    return _english_final(run.lower())


def _number_final(run: str) -> str | None:
    value = run.lstrip("0")
    if not value:
        return "ㅇ"  # 영
    zeros = len(value) - len(value.rstrip("0"))
    if zeros == 0:
        return _DIGIT_FINAL.get(value[-1])
    return _TENS_FINAL.get(zeros, "ㄴ")  # 십, 백, 천; 만 and above


def _english_final(word: str) -> str | None:
    """The final consonant of an English word in Korean spelling (a rule of thumb: ``-l``,
    ``-m``, ``-n``, ``-ng``, and ``-c``, ``-k``, ``-t``, ``-p`` after a vowel: topic 토픽,
    bucket 버킷, group 그룹)."""
    if word.endswith(("l", "le")):  # role 롤, table 테이블
        return "ㄹ"
    if word.endswith(("m", "n", "ng")):
        return "ㄴ"
    if word[-1] in "cktp" and (len(word) < 2 or word[-2] in _VOWELS or word[-2] in "ckp"):
        return "ㄱ"
    return None


def particle(word: str, mark: str) -> str:
    """The form of the particle written ``mark`` (``이(가)``, ``(으)``, ...) after ``word``."""
    final = final_consonant(word)
    if mark in PAIRS:
        after_consonant, after_vowel = PAIRS[mark]
        return after_consonant if final else after_vowel
    if mark == "(으)":  # (으)로: 으 after a consonant other than ㄹ
        return "으" if final and final != "ㄹ" else ""
    return "이" if final else ""  # (이)라, (이)나, ...


def particles(text: str) -> str:
    """``text`` with every particle written in both forms chosen for the word before it."""
    if "(" not in text:
        return text
    out: list[str] = []
    at = 0
    for found in _MARK.finditer(text):
        out.append(text[at:found.start()])
        before = "".join(out)
        word = re.split(r"[\s(\[{<]", before)[-1]
        out.append(particle(word, found.group()))
        at = found.end()
    out.append(text[at:])
    return "".join(out)
