"""Text size estimates for the fonts the diagram uses (Noto Sans CJK), without a font engine.

Graphviz measures text only after the layout is fixed; the grid layout needs sizes first. The
estimates lean wide so text never spills out of the box reserved for it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

LINE_HEIGHT = 1.3  # times the font size


@cache  # (a text has few distinct characters, and the same labels are measured again)
def char_width(ch: str) -> float:
    """Advance width of ``ch`` in ems."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch == " ":
        return 0.28
    if ch in "il.,:;'|!·":
        return 0.3
    if ch in "mwMW@%":
        return 0.9
    if ch.isupper() or ch.isdigit():
        return 0.66
    if unicodedata.category(ch).startswith("M") or unicodedata.category(ch) == "Cf":
        return 0.0
    return 0.58


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size * 1.04


# Where a name may break: after - _ . / : (kept at the line's end), at a camel-case joint
# (lower then upper: "Lambda|Role"), and between Chinese or Japanese characters (Hangul keeps
# its words whole, as Korean is set).
_CJK = "\u3040-\u30ff\u4e00-\u9fff"
_JOINT = re.compile(r"(?<=[-_./:])(?=.)|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"
                    rf"|(?<=[{_CJK}])(?=.)|(?<=.)(?=[{_CJK}])")


def pieces(word: str) -> list[str]:
    """``word`` cut at every place a line may break inside it."""
    cuts = [0, *(m.start() for m in _JOINT.finditer(word)), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def wrap(text: str, size: float, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``: between words, and inside a word
    too long for a line only at its joints (``pieces``). A piece wider than the line stays
    whole: the box around it grows, a name is never cut mid-word."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for piece in pieces(word):
                if line and text_width(line + piece, size) > max_width:
                    lines.append(line)
                    line = ""
                line += piece
        lines.append(line)
    return lines


def block_size(lines: list[str] | tuple[str, ...], size: float) -> tuple[float, float]:
    width = max((text_width(line, size) for line in lines), default=0.0)
    return width, len(lines) * size * LINE_HEIGHT
