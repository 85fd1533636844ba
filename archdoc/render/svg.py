"""Make Graphviz's SVG stand alone: icons embedded as data URIs, no paths of the build machine.

Graphviz (and so ``diagrams``) writes ``<image xlink:href="/abs/path/icon.png">``: the SVG
breaks on any other machine and leaks the builder's directory layout.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from archdoc.layout.small_icons import original

_HREF = re.compile(rb'(xlink:href|href)="([^"#][^"]*)"')
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.S)
_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="[^"]*"')
# The font the PNG is drawn in first, then faces with the same Hangul and Latin coverage that
# other machines have: without a chain, a browser lacking Noto falls back to a serif, wider
# than the boxes measured for the labels.
FONTS = ("'Noto Sans CJK KR', 'Noto Sans KR', 'Source Han Sans KR', 'Malgun Gothic', "
         "'Apple SD Gothic Neo', 'NanumGothic', 'Noto Sans', 'Segoe UI', Arial, sans-serif")
_FAMILY = re.compile(rb'font-family="Noto Sans CJK KR[^"]*"')


@cache
def _data_uri(path: str) -> bytes:
    data = Path(path).read_bytes()
    return b"data:image/png;base64," + base64.b64encode(data)


def self_contained_svg(svg: bytes) -> bytes:
    def embed(match: re.Match) -> bytes:
        target = match.group(2).decode("utf-8")
        if target.startswith("data:"):
            return match.group(0)
        return match.group(1) + b'="' + _data_uri(original(target)) + b'"'

    svg = _COMMENT.sub(b"", svg)  # Graphviz comments carry version and graph title, nothing else
    # Drawn at 96 dpi, Graphviz scales the drawing by 4/3 but leaves the viewBox at 72 dpi:
    # a browser clips the right and bottom quarter. The viewBox is set to the drawn size.
    svg = _SIZE.sub(lambda m: b'<svg width="%spt" height="%spt" viewBox="0 0 %s %s"' % (
        m.group(1), m.group(2), m.group(1), m.group(2)), svg, count=1)
    svg = _FAMILY.sub(b'font-family="' + FONTS.encode() + b'"', svg)
    return _HREF.sub(embed, svg)
