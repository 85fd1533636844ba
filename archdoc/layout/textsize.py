"""Text size estimates for the fonts the diagram uses (Noto Sans CJK), without a font engine.

Graphviz measures text only after the layout is fixed; the grid layout needs sizes first. The
estimates lean wide so text never spills out of the box reserved for it.
"""

from __future__ import annotations

import unicodedata

LINE_HEIGHT = 1.3  # times the font size


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


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size * 1.04


def wrap(text: str, size: float, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` (words first, then characters)."""
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
            for ch in word:  # a word longer than the line: break inside it, at . - / _ if any
                if text_width(line + ch, size) > max_width and line:
                    joint = max(line.rfind(p) for p in ".-/_:")
                    if joint > 0:
                        lines.append(line[:joint + 1])
                        line = line[joint + 1:]
                    else:
                        lines.append(line)
                        line = ""
                line += ch
        lines.append(line)
    return lines


def block_size(lines: list[str] | tuple[str, ...], size: float) -> tuple[float, float]:
    width = max((text_width(line, size) for line in lines), default=0.0)
    return width, len(lines) * size * LINE_HEIGHT
