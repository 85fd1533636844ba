"""Text made safe for a Markdown page that may also hold raw HTML."""

from __future__ import annotations

import html
import re

from archdoc.render.report.tables import TableData

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: object) -> str:
    """A user's text as literal Markdown: HTML escaped, Markdown's marks backslashed, one line."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def cell(text: object) -> str:
    return md(text).replace("\\|", "&#124;")


def table(data: TableData) -> str:
    lines = ["| " + " | ".join(cell(h) for h in data.header) + " |",
             "|" + "---|" * len(data.header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in data.rows]
    return "\n".join(lines)


def anchor(rid: str) -> str:
    """An HTML id for a resource, that is also a CSS selector as it is (``#r-web-alb``: no
    dot, which a selector reads as a class)."""
    return "r-" + re.sub(r"[^A-Za-z0-9_-]", "-", rid)
