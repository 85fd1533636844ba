"""Route the edges of a placed scene and draw it, with Graphviz.

Positions come from :mod:`layout.grid`; ``neato -n2`` keeps them and routes each edge as a
spline around the icons. archdoc then places the edge labels itself, where they overlap no
icon, no other label and no other edge, and a second ``neato -n2`` run draws PNG and SVG from
the finished :class:`Layout`. Only this module knows Graphviz's coordinates and JSON.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import graphviz

from archdoc import processes
from archdoc.errors import OutputError, ToolMissingError, shown
from archdoc.layout.geometry import EdgeRoute, Layout, Rect
from archdoc.layout.grid import label_size
from archdoc.layout.icons import icon_path
from archdoc.layout.scene import Scene
from archdoc.layout.textsize import wrap
from archdoc.output import reason

FONT = "Noto Sans CJK KR"  # has Hangul and Latin; the set-up installs fonts-noto-cjk
# neato's obstacle-avoiding spline router grows steeply with the number of icons (3.9 s for
# 144 icons and 174 flows); beyond this many icons edges are drawn straight instead.
SPLINE_ROUTING_MAX_NODES = 90
EDGE_LABEL_WIDTH = 120.0
ROUTE_MARGIN = 1.5  # neato's esep: how close a routed flow may pass an icon or a label
ROUTE_GAP = 2 * ROUTE_MARGIN + 0.5  # between an icon and its label, as obstacles

# AWS Architecture Icons group colours (2023 guidelines): border, fill, label colour, dashed.
GROUP_COLOURS: dict[str, tuple[str, str, str, bool]] = {
    "cloud": ("#232F3E", "#FFFFFF", "#232F3E", False),
    "region": ("#00A4A6", "#FFFFFF", "#147EBA", True),
    "vpc": ("#8C4FFF", "#FFFFFF", "#8C4FFF", False),
    "az": ("#147EBA", "#FFFFFF", "#147EBA", True),
    "public_subnet": ("#7AA116", "#F2F6E8", "#248814", False),
    "private_subnet": ("#147EBA", "#E6F2F8", "#147EBA", False),
    "vpc_wide": ("#7D8998", "#FAFAFA", "#545B64", True),
}
DIMMED = "#9AA3AB"
WARNING = "#D13212"  # a resource that differs from the live account


@dataclass(frozen=True)
class Drawing:
    png: bytes
    svg: bytes
    layout: Layout


# Graphviz expands \N, \G, \E, \H, \T, \L even in HTML labels and has no escape for the
# backslash there; an invisible word joiner after it keeps such text literal on screen.
_BACKSLASH_ESCAPE = re.compile(r"\\(?=[NGETHL])")


def _html_lines(lines: tuple[str, ...] | list[str], align: str = "") -> str:
    brk = f'<BR ALIGN="{align}"/>' if align else "<BR/>"
    # "]" too: Graphviz's HTML-label lexer stops at a bare "]" in text
    escaped = (_BACKSLASH_ESCAPE.sub("\\\\\u2060", html.escape(line)).replace("]", "&#93;")
               for line in lines)
    return brk.join(escaped) + (brk if align else "")


def _fixed(w: float, h: float) -> str:
    return f'FIXEDSIZE="TRUE" WIDTH="{w:.0f}" HEIGHT="{h:.0f}"'


def _box(layout: Layout, rect: Rect) -> dict[str, str]:
    """Graphviz's pos, width and height (inches) of a node filling ``rect``."""
    cx, cy = rect.centre
    return {"pos": _gv(layout, cx, cy), "width": f"{rect.w / 72:.4f}",
            "height": f"{rect.h / 72:.4f}"}


def dot_binary() -> str:
    found = shutil.which("dot")
    if not found:
        raise ToolMissingError("Graphviz is not installed (no 'dot' on PATH); run 'make run' "
                               "or 'apt-get install graphviz'")
    return found


def _gv(layout: Layout, x: float, y: float) -> str:
    """A point in Graphviz's coordinates (y up)."""
    return f"{x:.2f},{layout.height - y:.2f}"


def to_dot(scene: Scene, layout: Layout, routed: bool = True,
           **graph_attrs: str) -> graphviz.Digraph:
    """DOT with every position pinned from ``layout``; with ``routed`` the edge routes and
    label positions too (for drawing), else edges are left to Graphviz to route."""
    dot = graphviz.Digraph("architecture")
    splines = "true" if len(scene.nodes) <= SPLINE_ROUTING_MAX_NODES else "line"
    dot.attr(bb=f"0,0,{layout.width:.2f},{layout.height:.2f}", splines=splines, fontname=FONT,
             fontsize=f"{layout.fonts.group:g}", pad="0", bgcolor="white", outputorder="edgesfirst",
             **graph_attrs)
    dot.attr("node", shape="plain", fontname=FONT, fontsize=f"{layout.fonts.node:g}")
    dot.attr("edge", fontname=FONT, fontsize=f"{layout.fonts.edge:g}", color="#545B64",
             fontcolor="#232F3E", arrowsize="0.7", penwidth="1.2")
    # two invisible corners keep Graphviz from shifting the drawing to its content's origin
    for name, (x, y) in (("corner_a", (0, 0)), ("corner_b", (layout.width, layout.height))):
        dot.node(name, "", shape="point", width="0.01", style="invis", pos=_gv(layout, x, y))

    def add_node(graph: graphviz.Digraph, nid: str) -> None:
        node, box = scene.nodes[nid], layout.nodes[nid]
        colour = DIMMED if nid in scene.dimmed else "#232F3E"
        border = 0
        if nid in scene.marked:  # differs from the live account: red frame, red label
            colour, border = WARNING, 2
        frame = f'BORDER="{border}"' + (f' COLOR="{WARNING}"' if border else "")
        # The icon sits in a cell as wide as the node, in a table of its own: a narrower
        # fixed-size cell is not centred by Graphviz, and the icon would be drawn up to 13 pt
        # from where the layout (and every flow's end) puts it.
        icon = box.icon
        cell = _fixed(box.rect.w - 2 * border, icon.h + 2 * (icon.y - box.rect.y))
        label = (f'<<TABLE {frame} CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
                 f'FIXEDSIZE="TRUE" WIDTH="{box.rect.w:.0f}" HEIGHT="{box.rect.h:.0f}">'
                 f'<TR><TD {cell}><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0" '
                 f'{_fixed(icon.w, icon.h)}><TR><TD {_fixed(icon.w, icon.h)}>'
                 f'<IMG SRC="{html.escape(icon_path(node.kind))}" SCALE="TRUE"/></TD></TR>'
                 f'</TABLE></TD></TR>'
                 f'<TR><TD VALIGN="TOP"><FONT COLOR="{colour}">{_html_lines(box.label_lines)}'
                 f'</FONT></TD></TR></TABLE>>')
        graph.node(nid, label, tooltip=node.tooltip, **_box(layout, box.rect))

    def add_obstacles(nid: str, ends: set[str]) -> None:
        """For routing: the icon as the node, so that a flow ends at the icon and not at the
        edge of the box round icon and label, and the label as an obstacle of its own. A
        node no flow ends at is one box (each obstacle makes neato's routing slower)."""
        box = layout.nodes[nid]
        if nid not in ends:
            dot.node(nid, "", shape="box", **_box(layout, box.rect))
            return
        icon = box.icon
        # neato routes nothing (straight lines everywhere) if two obstacles come closer than
        # twice ``esep``: the icon gives up a sliver of its (blank) foot to the gap
        top = icon.bottom - 1.0
        dot.node(nid, "", shape="box", **_box(layout, Rect(icon.x, icon.y, icon.w, top - icon.y)))
        if box.label_lines:
            w, h = label_size(box.label_lines, layout.fonts.node)
            w, h = min(w, box.rect.w), min(h, box.rect.bottom - icon.bottom) - ROUTE_GAP
            dot.node(f"label of {nid}", "", shape="box",
                     **_box(layout, Rect(icon.centre[0] - w / 2, top + 1.0 + ROUTE_GAP, w,
                                         max(h, 1.0))))

    def add_group(graph: graphviz.Digraph, group) -> None:
        box = layout.groups.get(group.id)
        if box is None:
            return
        border, fill, font, dashed = GROUP_COLOURS[group.style]
        r = box.rect
        with graph.subgraph(name=f"cluster_{group.id}") as sub:
            sub.attr(label=f"<{_html_lines(box.label_lines, 'LEFT')}>", labeljust="l",
                     labelloc="t", color=border, fontcolor=font, bgcolor=fill, penwidth="1.5",
                     style="dashed" if dashed else "solid",
                     bb=f"{r.x:.2f},{layout.height - r.bottom:.2f},{r.right:.2f},"
                        f"{layout.height - r.y:.2f}")
            for nid in group.nodes:
                add_node(sub, nid)
            for child in group.groups:
                add_group(sub, child)

    if routed:
        for nid in scene.outside:
            add_node(dot, nid)
        add_group(dot, scene.root)
    else:
        # Routing needs only icons and labels as obstacles. Given clusters, neato routes the
        # edges cluster by cluster, a hundred times slower on a large model, for no better route.
        ends = {n for edge in scene.edges for n in (edge.tail, edge.head)}
        for nid in [*scene.outside, *(n for g in scene.groups() for n in g.nodes)]:
            add_obstacles(nid, ends)
    for edge in scene.edges:
        attrs: dict[str, str] = {"id": edge.id}
        if edge.tail in scene.dimmed or edge.head in scene.dimmed:  # context of a chapter
            attrs.update(color=DIMMED, fontcolor=DIMMED)
        route = layout.edges.get(edge.id)
        if routed and route is not None:
            pts = " ".join(_gv(layout, x, y) for x, y in route.points)
            attrs["pos"] = f"e,{_gv(layout, *route.points[-1])} {pts}"
            if route.label is not None:
                # on a white ground: a label may sit on its own line, which it interrupts
                attrs["label"] = (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
                                  f'CELLPADDING="1" BGCOLOR="white"><TR><TD>'
                                  f'{_html_lines(route.label_lines)}</TD></TR></TABLE>>')
                attrs["lp"] = _gv(layout, *route.label.centre)
        dot.edge(edge.tail, edge.head, **attrs)
    return dot


def _run(source: str, outputs: dict[str, str]) -> dict[str, bytes]:
    binary = dot_binary()
    try:
        with tempfile.TemporaryDirectory(prefix="archdoc-") as tmp:
            src = Path(tmp, "graph.dot")
            src.write_text(source, encoding="utf-8")
            args = [binary, "-Kneato", "-n2"]
            for fmt, extra in outputs.items():
                args += [*extra.split(), f"-T{fmt}", "-o", str(Path(tmp, f"graph.{fmt}"))]
            proc = processes.run(args + [str(src)], "Graphviz")
            if proc.returncode != 0:
                message = proc.stderr.decode("utf-8", "replace").strip()
                if "gvwrite" in message or shutil.disk_usage(tmp).free < 1 << 20:
                    # what Graphviz says when it cannot write its output ("gvwrite_no_z")
                    raise OutputError(f"cannot write Graphviz's output in "
                                      f"{tempfile.gettempdir()}: disk full")
                raise ToolMissingError(f"Graphviz failed: {shown(message, 300)}")
            written = {fmt: Path(tmp, f"graph.{fmt}") for fmt in outputs}
            if not all(p.is_file() and p.stat().st_size for p in written.values()):
                raise ToolMissingError("Graphviz produced no output")
            return {fmt: path.read_bytes() for fmt, path in written.items()}
    except OSError as exc:
        raise OutputError(f"cannot use the temporary folder {tempfile.gettempdir()}: "
                          f"{reason(exc)}") from None


def _parse_routes(data: dict, layout: Layout) -> dict[str, tuple[tuple[float, float], ...]]:
    routes: dict[str, tuple[tuple[float, float], ...]] = {}
    for edge in data.get("edges", []):
        if "id" not in edge or "pos" not in edge:
            continue
        end = None
        controls: list[tuple[float, float]] = []
        for token in edge["pos"].split():
            if token.startswith(("e,", "s,")):
                x, y = (float(v) for v in token[2:].split(","))
                if token[0] == "e":
                    end = (x, layout.height - y)
                continue
            x, y = (float(v) for v in token.split(","))
            controls.append((x, layout.height - y))
        if end is not None and controls:
            # the arrowhead's tip: extend the last segment to it so the route reaches the icon
            last = controls[-1]
            controls += [last, end, end]
        routes[edge["id"]] = tuple(controls)
    return routes


def route(scene: Scene, layout: Layout) -> Layout:
    """Route every edge around the icons and place its label; returns the finished layout."""
    source = to_dot(scene, layout, routed=False, esep=f"+{ROUTE_MARGIN:g}").source
    # json0: positions and attributes without the drawing operations, which are not needed
    data = json.loads(_run(source, {"json0": ""})["json0"])
    routes = _parse_routes(data, layout)
    from archdoc.layout.labels import place_labels

    column = _az_columns(scene, layout)
    edges: dict[str, EdgeRoute] = {}
    for edge in scene.edges:
        points = routes.get(edge.id)
        if not points:
            a, b = layout.nodes[edge.tail].icon.centre, layout.nodes[edge.head].icon.centre
            points = (a, a, b, b)
        box = column.get(edge.tail)
        if box is not None and box == column.get(edge.head):
            # a flow within one AZ stays in its column: the curve lies in the hull of its
            # control points, so keeping them inside keeps the curve inside
            points = tuple((min(max(x, box.x + 3), box.right - 3), y) for x, y in points)
        lines = tuple(wrap(edge.label, layout.fonts.edge, EDGE_LABEL_WIDTH)) if edge.label \
            else ()
        edges[edge.id] = EdgeRoute(points, None, lines)
    edges, width, height = place_labels(layout, edges,
                                        lambda lines: label_size(lines, layout.fonts.edge))
    return replace(layout, edges=edges, width=width, height=height)


def _az_columns(scene: Scene, layout: Layout) -> dict[str, Rect]:
    """Node id -> the box of the AZ column it stands in, for nodes in a subnet."""
    out: dict[str, Rect] = {}
    for az in (g for g in scene.groups() if g.style == "az" and g.id in layout.groups):
        for group in az.walk():
            out.update(dict.fromkeys(group.nodes, layout.groups[az.id].rect))
    return out


def draw(scene: Scene, layout: Layout, formats: tuple[str, ...] = ("png", "svg"),
         dpi: float = 96.0) -> Drawing:
    """PNG and SVG of a routed ``layout`` (from :func:`route`), from one Graphviz run."""
    out = _run(to_dot(scene, layout, dpi=f"{dpi:.1f}").source, dict.fromkeys(formats, ""))
    return Drawing(out.get("png", b""), out.get("svg", b""), layout)


def draw_part(scene: Scene, layout: Layout, part: Rect, dpi: float = 96.0) -> bytes:
    """PNG of one rectangle of a routed layout (a figure split over several pages)."""
    cx, cy = part.centre
    viewport = f"{part.w:.2f},{part.h:.2f},1,{cx:.2f},{layout.height - cy:.2f}"
    source = to_dot(scene, layout, dpi=f"{dpi:.1f}", viewport=viewport).source
    return _run(source, {"png": ""})["png"]
