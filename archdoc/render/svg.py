"""Make Graphviz's SVG stand alone: icons embedded as data URIs, no paths of the build machine.

Graphviz (and so ``diagrams``) writes ``<image xlink:href="/abs/path/icon.png">``: the SVG
breaks on any other machine and leaks the builder's directory layout.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

_HREF = re.compile(rb'(xlink:href|href)="([^"#][^"]*)"')
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.S)


@cache
def _data_uri(path: str) -> bytes:
    data = Path(path).read_bytes()
    return b"data:image/png;base64," + base64.b64encode(data)


def self_contained_svg(svg: bytes) -> bytes:
    def embed(match: re.Match) -> bytes:
        target = match.group(2).decode("utf-8")
        if target.startswith("data:"):
            return match.group(0)
        return match.group(1) + b'="' + _data_uri(target) + b'"'

    svg = _COMMENT.sub(b"", svg)  # Graphviz comments carry version and graph title, nothing else
    return _HREF.sub(embed, svg)
