"""``architecture.drawio``: an editable draw.io file, one page per figure, from the shared layout.

Every page uses the same typed layout as the PNG and SVG of its figure, so they look alike.
Groups are real draw.io containers: every cell is parented to its container and its geometry
is relative to it, so children move with their group.
"""

from __future__ import annotations

import html

from lxml import etree as ET  # (python-docx's; the standard library's writes in Python)

from archdoc.layout import Figure
from archdoc.layout.geometry import Rect
from archdoc.layout.scene import Group
from archdoc.render import BuildContext
from archdoc.render.drawio_styles import (
    BADGE,
    EDGE,
    GROUP_STYLES,
    LEGEND,
    REPLICATION,
    SECURITY_GROUP,
    kind_style,
)

ICON = 40  # the layout's icon size, in draw.io units (points)
DIMMED = "opacity=30;textOpacity=30;"
MARKED = "fontColor=#D13212;fontStyle=1;"  # differs from the live account


def label_value(text: str) -> str:
    """A label as draw.io's html=1 value: shown literally (escaped), newlines as line breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=True) for line in lines)


def _geometry(cell: ET._Element, box: Rect, parent: Rect | None) -> None:
    x, y = (box.x - parent.x, box.y - parent.y) if parent else (box.x, box.y)
    ET.SubElement(cell, "mxGeometry", {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{box.w:.1f}",
                                       "height": f"{box.h:.1f}", "as": "geometry"})


def _page(figure: Figure, name: str, page_id: str) -> ET._Element:
    scene, layout = figure.scene, figure.layout
    diagram = ET.Element("diagram", {"id": page_id, "name": name})
    graph = ET.SubElement(diagram, "mxGraphModel", {
        "dx": "0", "dy": "0", "grid": "1", "gridSize": "10", "guides": "1", "tooltips": "1",
        "connect": "1", "arrows": "1", "fold": "1", "page": "1", "pageScale": "1",
        "pageWidth": f"{layout.width:.0f}", "pageHeight": f"{layout.height:.0f}", "math": "0",
        "shadow": "0"})
    root = ET.SubElement(graph, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})

    def add_group(group: Group, parent_id: str, parent_box: Rect | None) -> None:
        box = layout.groups.get(group.id)
        if box is None:
            return
        cell = ET.SubElement(root, "mxCell", {"id": group.id, "value": label_value(group.label),
                                              "style": GROUP_STYLES[group.style], "vertex": "1",
                                              "parent": parent_id})
        _geometry(cell, box.rect, parent_box)
        # the groups inside first, then the group's own icons over them: an icon drawn across
        # subnets (a load balancer) or on a border (an internet gateway) stays in sight
        for child in group.groups:
            add_group(child, group.id, box.rect)
        for nid in group.nodes:
            add_node(nid, group.id, box.rect)

    def add_node(nid: str, parent_id: str, parent_box: Rect | None) -> None:
        node, box = scene.nodes[nid], layout.nodes[nid]
        style = kind_style(node.kind)
        if nid in scene.dimmed:
            style += DIMMED
        if nid in scene.marked:
            style += MARKED
        if box.boundary is not None:  # its security groups: a red boundary round it
            frame = ET.SubElement(root, "mxCell", {
                "id": f"{nid}-sg", "value": label_value("\n".join(box.boundary_lines)),
                "style": SECURITY_GROUP, "vertex": "1", "parent": parent_id})
            _geometry(frame, box.boundary, parent_box)
        # broken into lines where the PNG breaks it, so the two look and measure alike
        value = label_value("\n".join(box.label_lines))
        cell = ET.SubElement(root, "mxCell", {"id": nid, "value": value, "style": style,
                                              "vertex": "1", "parent": parent_id})
        _geometry(cell, box.icon, parent_box)

    for nid in scene.outside:
        add_node(nid, "1", None)
    add_group(scene.root, "1", None)
    for edge in scene.edges:
        route = layout.edges.get(edge.id)
        if route is None:
            continue
        _edge(root, edge, route, layout, scene)
    if layout.legend and layout.legend_box is not None:
        text = "<br>".join(f"<b>{html.escape(n)}</b>&nbsp;&nbsp;"
                           + html.escape(" ".join(lines)) for n, lines in layout.legend)
        legend = ET.SubElement(root, "mxCell", {"id": "legend", "value": text, "style": LEGEND,
                                                "vertex": "1", "parent": "1"})
        _geometry(legend, layout.legend_box, None)
    return diagram


def _port(point: tuple[float, float], box: Rect, prefix: str) -> str:
    """A point on (or, for the bottom port, under) an icon as draw.io's exitX/exitY (0..1
    of the icon's box) with exitDx/exitDy for the rest (the port under the node's label)."""
    fx = min(max((point[0] - box.x) / box.w, 0.0), 1.0)
    fy = min(max((point[1] - box.y) / box.h, 0.0), 1.0)
    dx, dy = point[0] - (box.x + fx * box.w), point[1] - (box.y + fy * box.h)
    out = f"{prefix}X={fx:.4f};{prefix}Y={fy:.4f};"
    if abs(dx) > 0.05 or abs(dy) > 0.05:
        out += f"{prefix}Dx={dx:.1f};{prefix}Dy={dy:.1f};"
    return out


def path_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline: where draw.io puts an edge's label at x=0."""
    import math

    total = sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))
    run = 0.0
    for a, b in zip(points, points[1:], strict=False):
        step = math.dist(a, b)
        if step and run + step >= total / 2:
            t = (total / 2 - run) / step
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        run += step
    return points[0]


def _edge(root: ET._Element, edge, route, layout, scene) -> None:
    """An edge along the PNG's route: from the same port, through the same bends, into the
    same port, its label (or its number) where the PNG has it."""
    style = EDGE
    if edge.tail in scene.dimmed and edge.head in scene.dimmed:
        style += DIMMED  # context of a chapter figure, not its subject
    if edge.style == "replication":
        style += REPLICATION
    if route.badge:
        style += BADGE
    points = list(route.points)
    style += _port(points[0], layout.nodes[edge.tail].icon, "exit")
    style += _port(points[-1], layout.nodes[edge.head].icon, "entry")
    value = route.badge or label_value("\n".join(route.label_lines) if route.label_lines
                                       else edge.label)
    cell = ET.SubElement(root, "mxCell", {"id": edge.id, "value": value if route.label
                                          else "", "style": style, "edge": "1", "parent": "1",
                                          "source": edge.tail, "target": edge.head})
    geo = ET.SubElement(cell, "mxGeometry", {"x": "0", "y": "0", "relative": "1",
                                             "as": "geometry"})
    inner = points[1:-1]
    if inner:
        array = ET.SubElement(geo, "Array", {"as": "points"})
        for x, y in inner:
            ET.SubElement(array, "mxPoint", {"x": f"{x:.1f}", "y": f"{y:.1f}"})
    if route.label is not None:
        mx, my = path_middle(points)
        cx, cy = route.label.centre
        ET.SubElement(geo, "mxPoint", {"x": f"{cx - mx:.1f}", "y": f"{cy - my:.1f}",
                                       "as": "offset"})


def render_drawio(ctx: BuildContext) -> dict[str, bytes]:
    title = ctx.model.figure_caption or ctx.model.title
    mxfile = ET.Element("mxfile", {"host": "archdoc", "type": "device", "compressed": "false"})
    mxfile.append(_page(ctx.figure, title, "page-0"))
    for i, (section, figure) in enumerate(zip(ctx.model.sections, ctx.section_figures,
                                              strict=True), start=1):
        mxfile.append(_page(figure, f"{i}. {section.figure_caption or section.title}",
                            f"page-{i}"))
    ET.indent(mxfile)
    return {"architecture.drawio": ET.tostring(mxfile, encoding="utf-8", xml_declaration=True)}
