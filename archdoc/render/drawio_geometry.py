"""The geometry of a draw.io page read back as a :class:`Layout`: icons, groups, edge routes
(exit port, waypoints, entry port) and edge label positions, in absolute coordinates, so that
``layout.metrics`` measures the editable file as it measures the PNG."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from archdoc.layout.boxes import NODE_PAD
from archdoc.layout.geometry import EdgeRoute, Fonts, GroupBox, Layout, NodeBox, Rect
from archdoc.layout.grid import label_size
from archdoc.layout.labels import BADGE, badge_width
from archdoc.layout.textsize import block_size

_STYLE = re.compile(r"(\w+)=([^;]*)")


def _style(cell: ET.Element) -> dict[str, str]:
    return dict(_STYLE.findall(cell.get("style", "")))


def _text(cell: ET.Element) -> tuple[str, ...]:
    value = html.unescape(re.sub(r"<(?!br>)[^>]+>", "", cell.get("value", "")))
    return tuple(line for line in value.replace("<br>", "\n").split("\n") if line)


def page_layout(diagram: ET.Element, fonts: Fonts | None = None) -> Layout:
    """The layout one page of a draw.io file shows."""
    fonts = fonts or Fonts()
    model = diagram.find("mxGraphModel")
    assert model is not None
    cells = {c.get("id", ""): c for c in diagram.iter("mxCell")}
    boxes: dict[str, Rect] = {}

    def box(cid: str) -> Rect:
        if cid in boxes:
            return boxes[cid]
        cell = cells[cid]
        g = cell.find("mxGeometry")
        x, y, w, h = (float(g.get(k, 0)) if g is not None else 0.0
                      for k in ("x", "y", "width", "height"))
        parent = cell.get("parent", "1")
        if parent not in ("0", "1") and parent in cells:
            outer = box(parent)
            x, y = x + outer.x, y + outer.y
        boxes[cid] = Rect(x, y, w, h)
        return boxes[cid]

    nodes: dict[str, NodeBox] = {}
    groups: dict[str, GroupBox] = {}
    for cid, cell in cells.items():
        if cell.get("vertex") != "1" or cid == "legend" or cid.endswith("-sg"):
            continue
        style = _style(cell)
        rect = box(cid)
        lines = _text(cell)
        if style.get("container") == "1":
            groups[cid] = GroupBox(rect, lines)
        else:  # an icon, its label under it (verticalLabelPosition=bottom), measured as
            # the layout measures a node (layout.boxes)
            w, h = block_size(lines, fonts.node) if lines else (0.0, 0.0)
            whole = Rect(min(rect.x, rect.centre[0] - w / 2) - NODE_PAD, rect.y - NODE_PAD,
                         max(rect.w, w) + 2 * NODE_PAD, rect.h + 3 + h + 2 * NODE_PAD)
            nodes[cid] = NodeBox(whole, rect, lines)
    edges: dict[str, EdgeRoute] = {}
    for cid, cell in cells.items():
        if cell.get("edge") != "1":
            continue
        style = _style(cell)
        source, target = box(cell.get("source", "")), box(cell.get("target", ""))
        start = (source.x + float(style.get("exitX", 0.5)) * source.w
                 + float(style.get("exitDx", 0)),
                 source.y + float(style.get("exitY", 0.5)) * source.h
                 + float(style.get("exitDy", 0)))
        end = (target.x + float(style.get("entryX", 0.5)) * target.w
               + float(style.get("entryDx", 0)),
               target.y + float(style.get("entryY", 0.5)) * target.h
               + float(style.get("entryDy", 0)))
        geo = cell.find("mxGeometry")
        inner = [(float(p.get("x", 0)), float(p.get("y", 0)))
                 for p in (geo.iter("mxPoint") if geo is not None else ())
                 if p.get("as") != "offset"]
        points = (start, *inner, end)
        label, badge = None, False
        lines = _text(cell)
        offset = geo.find("mxPoint[@as='offset']") if geo is not None else None
        if lines and offset is not None:
            from archdoc.render.drawio import path_middle

            mx, my = path_middle(list(points))
            cx, cy = mx + float(offset.get("x", 0)), my + float(offset.get("y", 0))
            badge = lines[0].isdigit() and "fontColor=#FFFFFF" in cell.get("style", "")
            w, h = (badge_width(lines[0]), BADGE) if badge else label_size(lines, fonts.edge)
            label = Rect(cx - w / 2, cy - h / 2, w, h)
        edges[cid] = EdgeRoute(points, label, lines, lines[0] if badge else "")
    width = float(model.get("pageWidth", 0))
    height = float(model.get("pageHeight", 0))
    return Layout(width, height, groups, nodes, edges, fonts)
