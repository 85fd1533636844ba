"""Graphviz's HTML-like labels for what a figure draws besides icons and lines: a group's
title, a security group's boundary, a label's number and the legend of numbered labels (and
the text and fixed-size cells they are made of). ``graphviz.to_dot`` places them."""

from __future__ import annotations

import html
import re

from archdoc.layout import small_icons
from archdoc.layout.geometry import Layout
from archdoc.layout.icons import group_icon_path
from archdoc.layout.labels import BADGE, BADGE_FONT, badge_width

# Graphviz expands \N, \G, \E, \H, \T, \L even in HTML labels and has no escape for the
# backslash there; an invisible word joiner after it keeps such text literal on screen.
_BACKSLASH_ESCAPE = re.compile(r"\\(?=[NGETHL])")


def html_lines(lines: tuple[str, ...] | list[str], align: str = "") -> str:
    brk = f'<BR ALIGN="{align}"/>' if align else "<BR/>"
    # "]" too: Graphviz's HTML-label lexer stops at a bare "]" in text
    escaped = (_BACKSLASH_ESCAPE.sub("\\\\\u2060", html.escape(line)).replace("]", "&#93;")
               for line in lines)
    return brk.join(escaped) + (brk if align else "")


def fixed(w: float, h: float) -> str:
    return f'FIXEDSIZE="TRUE" WIDTH="{w:.0f}" HEIGHT="{h:.0f}"'


BADGE_COLOUR = "#232F3E"
SECURITY_GROUP = "#DD344C"


def group_title(style: str, lines: tuple[str, ...], pixels: float) -> str:
    """A group's title: its icon (as AWS draws its groups, ``pixels`` wide), then the text."""
    from archdoc.layout.boxes import GROUP_ICON

    if not lines:
        return ""
    icon = group_icon_path(style)
    text = f"<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">{html_lines(lines)}</TD>"
    if icon is None:
        return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                f'{text}</TR></TABLE>>')
    size = fixed(GROUP_ICON, GROUP_ICON)
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD {size}><IMG SRC="{html.escape(small_icons.drawn(icon, pixels))}" '
            f'SCALE="TRUE"/></TD>'
            f'<TD {fixed(4, GROUP_ICON)}></TD>{text}</TR></TABLE>>')


def boundary(box) -> str:
    """A security group's red dashed boundary, its names at the top left."""
    r = box.boundary
    size = 0.8  # of the node font, as the layout measured it (boxes.SG_FONT)
    title = html_lines(box.boundary_lines)
    return (f'<<TABLE BORDER="1" COLOR="{SECURITY_GROUP}" STYLE="rounded,dashed" '
            f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" {fixed(r.w, r.h)}>'
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT" {fixed(r.w - 2, r.h - 2)}>'
            f'<FONT COLOR="{SECURITY_GROUP}" POINT-SIZE="{11 * size:.1f}">{title}</FONT>'
            f'</TD></TR></TABLE>>')


def _number(number: str) -> str:
    """A label's number as it is written in its badge and in the legend: white, small."""
    return f'<FONT COLOR="white" POINT-SIZE="{BADGE_FONT:g}">{html.escape(number)}</FONT>'


def badge(number: str) -> str:
    """A label's number on its line: white on dark, as AWS numbers the steps of a flow."""
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
            f'STYLE="rounded" BGCOLOR="{BADGE_COLOUR}"><TR>'
            f'<TD {fixed(badge_width(number), BADGE)}>{_number(number)}</TD></TR></TABLE>>')


def legend(layout: Layout) -> str:
    """The numbered labels, as rows of (number, label) entries."""
    from archdoc.layout.route import legend_badge, legend_columns

    per_row, entry_w, _ = legend_columns(layout.legend, layout.fonts.edge,
                                         layout.width)
    number_w = legend_badge(layout.legend)
    rows = []
    for start in range(0, len(layout.legend), per_row):
        cells = []
        for number, lines in layout.legend[start:start + per_row]:
            cells.append(f'<TD {fixed(number_w, BADGE)} BGCOLOR="{BADGE_COLOUR}" '
                         f'STYLE="rounded">{_number(number)}</TD>'
                         f'<TD ALIGN="LEFT" {fixed(entry_w - number_w, BADGE)}>'
                         f'{html_lines(lines, "LEFT")}</TD>')
        rows.append("<TR>" + "<TD></TD>".join(cells) + "</TR>")
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">'
            f'{"".join(rows)}</TABLE>>')
