"""``architecture.drawio``: an editable draw.io file, one page per figure, from the shared layout.

Positions and sizes come from the same Graphviz run as the PNG and SVG (its JSON output), so
the three look alike. Groups are real draw.io containers: every cell is parented to its
container and its geometry is relative to it, so children move with their group.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from archdoc.layout.graphviz import layout_size
from archdoc.layout.scene import Scene, highlighted
from archdoc.render import BuildContext
from archdoc.render.drawio_styles import EDGE, GROUP_STYLES, KIND_STYLES

ICON = 48  # draw.io's size for an aws4 resource icon
DIMMED = "opacity=30;textOpacity=30;"
HIGHLIGHT = "strokeColor=#E7157B;strokeWidth=2;"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def relative_to(self, parent: Box | None) -> Box:
        if parent is None:
            return self
        return Box(self.x - parent.x, self.y - parent.y, self.w, self.h)


def label_value(text: str) -> str:
    """A label as draw.io's html=1 value: shown literally (escaped), newlines as line breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=True) for line in lines)


def _boxes(layout: dict) -> dict[str, Box]:
    """Absolute top-left boxes (draw.io's y grows downwards) of clusters and nodes by name."""
    height = layout_size(layout)[1]
    boxes = {}
    for obj in layout.get("objects", []):
        if "bb" in obj:
            x1, y1, x2, y2 = (float(v) for v in obj["bb"].split(","))
            boxes[obj["name"]] = Box(x1, height - y2, x2 - x1, y2 - y1)
        elif "pos" in obj:
            cx, cy = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
            boxes[obj["name"]] = Box(cx - w / 2, height - cy - h / 2, w, h)
    return boxes


def _edge_points(layout: dict) -> dict[str, list[tuple[float, float]]]:
    """Per edge id, the waypoints of Graphviz's spline, in draw.io coordinates and in the
    direction of the flow (Graphviz ranks some edges reversed, see ``layout/graphviz.py``)."""
    height = layout_size(layout)[1]
    points: dict[str, list[tuple[float, float]]] = {}
    for edge in layout.get("edges", []):
        if "id" not in edge or "pos" not in edge:
            continue
        controls = [tuple(float(v) for v in token.split(","))
                    for token in edge["pos"].split() if not token.startswith(("e,", "s,"))]
        # a cubic B-spline: every third point lies on the curve; keep those between the ends
        on_curve = [(x, height - y) for x, y in controls[3:-1:3]]
        if edge.get("dir") == "back":  # laid out head to tail: turn it round
            on_curve.reverse()
        points[edge["id"]] = on_curve
    return points


def _geometry(cell: ET.Element, box: Box) -> None:
    ET.SubElement(cell, "mxGeometry", x=f"{box.x:.1f}", y=f"{box.y:.1f}", width=f"{box.w:.1f}",
                  height=f"{box.h:.1f}", **{"as": "geometry"})


def _page(scene: Scene, boxes: dict[str, Box], waypoints: dict[str, list[tuple[float, float]]],
          name: str, page_id: str, highlight: set[str] | None,
          bb: tuple[float, float]) -> ET.Element:
    diagram = ET.Element("diagram", id=page_id, name=name)
    graph = ET.SubElement(diagram, "mxGraphModel", dx="0", dy="0", grid="1", gridSize="10",
                          guides="1", tooltips="1", connect="1", arrows="1", fold="1", page="1",
                          pageScale="1", pageWidth=f"{bb[0]:.0f}", pageHeight=f"{bb[1]:.0f}",
                          math="0", shadow="0")
    root = ET.SubElement(graph, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")

    def add_group(group, parent_id: str, parent_box: Box | None) -> None:
        box = boxes.get(f"cluster_{group.id}")
        if box is None:
            return
        cell = ET.SubElement(root, "mxCell", id=group.id, value=label_value(group.label),
                             style=GROUP_STYLES[group.style], vertex="1", parent=parent_id)
        _geometry(cell, box.relative_to(parent_box))
        for nid in group.nodes:
            add_node(nid, group.id, box)
        for child in group.groups:
            add_group(child, group.id, box)

    def add_node(nid: str, parent_id: str, parent_box: Box | None) -> None:
        node, box = scene.nodes[nid], boxes[nid]
        style = KIND_STYLES[node.kind]
        if node.kind == "security_group":
            icon = Box(box.x + 4, box.y + 4, box.w - 8, ICON)  # a small red box, label inside
        else:  # the icon at the top of Graphviz's node box; draw.io puts the label under it
            icon = Box(box.x + (box.w - ICON) / 2, box.y + 8, ICON, ICON)
        on = highlighted(node.resources, highlight)
        if on is False:
            style += DIMMED
        elif on:
            style += "fontStyle=1;"
        cell = ET.SubElement(root, "mxCell", id=nid, value=label_value(node.label), style=style,
                             vertex="1", parent=parent_id)
        _geometry(cell, icon.relative_to(parent_box))

    for nid in scene.outside:
        add_node(nid, "1", None)
    add_group(scene.root, "1", None)
    for edge in scene.edges:
        style = EDGE
        on = highlighted(scene.nodes[edge.tail].resources + scene.nodes[edge.head].resources,
                         highlight)
        if on:
            style += HIGHLIGHT
        elif on is False:
            style += DIMMED
        cell = ET.SubElement(root, "mxCell", id=edge.id, value=label_value(edge.label),
                             style=style, edge="1", parent="1", source=edge.tail,
                             target=edge.head)
        geo = ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
        if waypoints.get(edge.id):
            array = ET.SubElement(geo, "Array", **{"as": "points"})
            for x, y in waypoints[edge.id]:
                ET.SubElement(array, "mxPoint", x=f"{x:.1f}", y=f"{y:.1f}")
    return diagram


def render_drawio(ctx: BuildContext) -> dict[str, bytes]:
    layout = ctx.drawing.layout
    boxes, waypoints = _boxes(layout), _edge_points(layout)
    bb = layout_size(layout)
    title = ctx.model.figure_caption or ctx.model.title
    mxfile = ET.Element("mxfile", host="archdoc", type="device", compressed="false")
    mxfile.append(_page(ctx.scene, boxes, waypoints, title, "page-0", None, bb))
    for i, section in enumerate(ctx.model.sections, start=1):
        name = f"{i}. {section.figure_caption or section.title}"
        mxfile.append(_page(ctx.scene, boxes, waypoints, name, f"page-{i}",
                            set(section.resources), bb))
    ET.indent(mxfile)
    return {"architecture.drawio": ET.tostring(mxfile, encoding="utf-8", xml_declaration=True)}
