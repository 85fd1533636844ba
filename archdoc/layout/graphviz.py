"""Draw a finished layout with Graphviz: PNG and SVG from one ``neato -n2`` run.

Positions come from :mod:`layout.grid`, edge routes and label positions from
:mod:`layout.route`; Graphviz keeps every one of them (``-n2``) and only draws. Only this
module knows Graphviz's coordinates.
"""

from __future__ import annotations

import functools
import html
import math
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archdoc import processes
from archdoc.errors import OutputError, ToolMissingError, shown
from archdoc.layout import small_icons
from archdoc.layout.dot_source import DotGraph
from archdoc.layout.drawn import drawn_once
from archdoc.layout.geometry import EdgeRoute, Layout, Rect
from archdoc.layout.html_labels import badge, boundary, fixed, group_title, html_lines, legend
from archdoc.layout.icons import group_icon_path, icon_path
from archdoc.layout.scene import Edge, Scene
from archdoc.output import reason

FONT = "Noto Sans CJK KR"  # has Hangul and Latin; the set-up installs fonts-noto-cjk
ARROW = 7.0  # length of the arrowhead (arrowsize 0.7)
CORNER = 0.72  # points: the width of the invisible nodes at the drawing's corners

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
CHANGE_COLOURS = {"added": "#1D8102", "removed": "#D13212", "changed": "#EC7211"}


@dataclass(frozen=True)
class Drawing:
    png: bytes
    svg: bytes
    layout: Layout


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


def _whole_pixels(points: float, scale: float) -> float:
    """A length of at least ``points`` that is a whole number of pixels at ``scale`` (pixels
    per point), to the 0.01 pt DOT is written in, rounded up. Graphviz rounds the picture's
    size to whole pixels and paints the background over the drawing's own size: a fraction
    left over made the last row of pixels part transparent, and so the whole PNG one with
    an alpha channel, a third more to filter and compress than RGB."""
    pixels = math.ceil(points * scale - 1e-6)
    return math.ceil(pixels / scale * 100 - 1e-6) / 100


def _gv(layout: Layout, x: float, y: float) -> str:
    """A point in Graphviz's coordinates (y up)."""
    return f"{x:.2f},{layout.height - y:.2f}"


def _spline(layout: Layout, points: tuple[tuple[float, float], ...]) -> str:
    """Graphviz's ``pos`` for a polyline: straight cubic segments, ending where the
    arrowhead (drawn to the last point) begins."""
    pts = list(points)
    (ax, ay), (bx, by) = pts[-2], pts[-1]
    length = math.dist((ax, ay), (bx, by)) or 1.0
    back = min(ARROW, length * 0.9)
    base = (bx - (bx - ax) / length * back, by - (by - ay) / length * back)
    pts[-1] = base
    controls = [pts[0]]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        controls += [(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3),
                     (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), (x1, y1)]
    return f"e,{_gv(layout, bx, by)} " + " ".join(_gv(layout, x, y) for x, y in controls)


def to_dot(scene: Scene, layout: Layout, clip: Rect | None = None,
           lines: dict[tuple[str, str], str] | None = None, **graph_attrs: str
           ) -> DotGraph:
    """DOT with every position, edge route and label position pinned from ``layout``; with
    ``clip``, only what shows in that rectangle (a detail of a figure), so that Graphviz does
    not draw, for each detail, the icons and text of the whole figure. ``lines``: each
    node's and edge's DOT line, kept from one detail of the figure to the next (quoting them
    was most of the cost of a detail's DOT)."""

    def emit(graph: DotGraph, key: tuple[str, str],
             write: Callable[[DotGraph], None]) -> None:
        if lines is not None and key in lines:
            graph.body.append(lines[key])
            return
        write(graph)  # one statement: one line of the graph's body
        if lines is not None:
            lines[key] = graph.body[-1]

    edges = [e for e in scene.edges
             if clip is None or e.id not in layout.edges or _edge_shows(layout, e.id, clip)]
    # an edge's ends are nodes Graphviz must know, shown or not
    needed = {n for e in edges for n in (e.tail, e.head)}

    def visible(nid: str) -> bool:
        return clip is None or layout.nodes[nid].rect.overlaps(clip, 4.0) \
            or (layout.nodes[nid].boundary is not None
                and layout.nodes[nid].boundary.overlaps(clip, 4.0))  # type: ignore[union-attr]

    def shows(nid: str) -> bool:
        return nid in needed or visible(nid)

    # the icons drawn from their small copies where the figure draws them small enough
    from archdoc.layout.boxes import GROUP_ICON

    scale = float(graph_attrs.get("dpi", "72")) / 72
    group_px = GROUP_ICON * scale
    binary = dot_binary()
    shown_nodes = [n for n in layout.nodes if visible(n)]
    small_icons.prepare((icon_path(scene.nodes[n].kind) for n in shown_nodes),
                        max((layout.nodes[n].icon.w * scale for n in shown_nodes), default=0.0),
                        binary)
    small_icons.prepare((p for g in scene.groups() if g.id in layout.groups
                         and (p := group_icon_path(g.style)) is not None), group_px, binary)

    dot = DotGraph("architecture")
    dot.attr(bb=f"0,0,{layout.width:.2f},{layout.height:.2f}", splines="true", fontname=FONT,
             fontsize=f"{layout.fonts.group:g}", pad="0", bgcolor="white", outputorder="edgesfirst",
             **graph_attrs)
    dot.attr("node", shape="plain", fontname=FONT, fontsize=f"{layout.fonts.node:g}")
    dot.attr("edge", fontname=FONT, fontsize=f"{layout.fonts.edge:g}", color="#545B64",
             fontcolor="#232F3E", arrowsize="0.7", penwidth="1.2")
    # two invisible corners keep Graphviz from shifting the drawing to its content's origin;
    # the far one makes the picture a whole number of pixels (see ``_whole_pixels``)
    top = round(layout.height, 2)  # (Graphviz's y runs up)
    far = (_whole_pixels(layout.width + CORNER, scale) - CORNER,
           top - (_whole_pixels(layout.height + CORNER, scale) - CORNER))
    for name, (x, y) in (("corner_a", (0.0, top)), ("corner_b", far)):
        dot.node(name, "", shape="point", width=f"{CORNER / 72:g}", style="invis",
                 pos=f"{x:.2f},{y:.2f}")

    def add_node(graph: DotGraph, nid: str) -> None:
        if not visible(nid):
            if nid in needed:  # the end of a line that crosses the detail: only known there
                emit(graph, ("point", nid), lambda g: g.node(
                    nid, "", shape="point", width="0.01", style="invis",
                    pos=_gv(layout, *layout.nodes[nid].icon.centre)))
            return
        emit(graph, ("node", nid), lambda g: write_node(g, nid))

    def write_node(graph: DotGraph, nid: str) -> None:
        node, box = scene.nodes[nid], layout.nodes[nid]
        colour = DIMMED if nid in scene.dimmed else "#232F3E"
        border = 0
        frame_colour, dashed = WARNING, ""
        if nid in scene.marked:  # differs from the live account: red frame, red label
            colour, border = WARNING, 2
        if nid in scene.changes:  # build --since: added, removed (dashed) or changed
            colour = frame_colour = CHANGE_COLOURS[scene.changes[nid]]
            border, dashed = 2, ' STYLE="dashed"' if scene.changes[nid] == "removed" else ""
        frame = f'BORDER="{border}"' + (f' COLOR="{frame_colour}"{dashed}' if border else "")
        # The icon sits in a cell as wide as the node, in a table of its own: a narrower
        # fixed-size cell is not centred by Graphviz, and the icon would be drawn up to 13 pt
        # from where the layout (and every flow's end) puts it.
        icon = box.icon
        picture = small_icons.drawn(icon_path(node.kind), icon.w * scale)
        cell = fixed(box.rect.w - 2 * border, icon.h + 2 * (icon.y - box.rect.y))
        label = (f'<<TABLE {frame} CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
                 f'FIXEDSIZE="TRUE" WIDTH="{box.rect.w:.0f}" HEIGHT="{box.rect.h:.0f}">'
                 f'<TR><TD {cell}><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0" '
                 f'{fixed(icon.w, icon.h)}><TR><TD {fixed(icon.w, icon.h)}>'
                 f'<IMG SRC="{html.escape(picture)}" SCALE="TRUE"/></TD></TR>'
                 f'</TABLE></TD></TR>'
                 f'<TR><TD VALIGN="TOP"><FONT COLOR="{colour}">{html_lines(box.label_lines)}'
                 f'</FONT></TD></TR></TABLE>>')
        graph.node(nid, label, tooltip=node.tooltip, **_box(layout, box.rect))

    def holds_shown(group) -> bool:
        return any(shows(nid) for nid in group.nodes) or any(holds_shown(g) for g in group.groups)

    def add_group(graph: DotGraph, group) -> None:
        box = layout.groups.get(group.id)
        if box is None:
            return
        if clip is not None and not box.rect.overlaps(clip, 4.0) and not holds_shown(group):
            return  # wholly outside the detail, and nothing in it drawn: left out
        border, fill, font, dashed = GROUP_COLOURS[group.style]
        r = box.rect
        with graph.subgraph(name=f"cluster_{group.id}") as sub:
            sub.attr(label=group_title(group.style, box.label_lines, group_px), labeljust="l",
                     labelloc="t", color=border, fontcolor=font, bgcolor=fill, penwidth="1.5",
                     style="invis" if group.style == "vpc_wide" else
                     ("dashed" if dashed else "solid"),
                     bb=f"{r.x:.2f},{layout.height - r.bottom:.2f},{r.right:.2f},"
                        f"{layout.height - r.y:.2f}")
            for nid in group.nodes:
                add_node(sub, nid)
            for child in group.groups:
                add_group(sub, child)

    for nid, box in layout.nodes.items():  # security groups, under everything they frame
        if box.boundary is not None and visible(nid):
            dot.node(f"boundary of {nid}", boundary(box), **_box(layout, box.boundary))
    for nid in scene.outside:
        add_node(dot, nid)
    add_group(dot, scene.root)
    for edge in edges:
        # in a detail, a label that falls outside it is left out: Graphviz would lay out and
        # write it (its HTML table, in the SVG too) for nothing anyone sees
        labelled = clip is None or edge.id not in layout.edges or \
            _label_shows(layout.edges[edge.id], clip)
        emit(dot, ("edge" if labelled else "edge without label", edge.id),
             functools.partial(_write_edge, scene, layout, edge=edge, labelled=labelled))
    if layout.legend and layout.legend_box is not None and \
            (clip is None or layout.legend_box.overlaps(clip)):
        dot.node("legend", legend(layout), **_box(layout, layout.legend_box))
    return dot


def _write_edge(scene: Scene, layout: Layout, graph: DotGraph, *, edge: Edge,
                labelled: bool = True) -> None:
    """One edge's statement: its route and (when ``labelled``) its label pinned."""
    attrs: dict[str, str] = {"id": edge.id}
    if edge.tail in scene.dimmed or edge.head in scene.dimmed:  # context of a chapter
        attrs.update(color=DIMMED, fontcolor=DIMMED)
    route = layout.edges.get(edge.id)
    if edge.style == "replication":  # a database's primary and standby: both ways
        attrs.update(style="dashed", dir="both")
    change = scene.edge_changes.get(edge.id)
    if change is not None:  # build --since: an added or a removed flow
        attrs.update(color=CHANGE_COLOURS[change], fontcolor=CHANGE_COLOURS[change],
                     penwidth="2")
        if change == "removed":
            attrs["style"] = "dashed"
    if route is not None:
        attrs["pos"] = _spline(layout, route.points)
        if labelled and route.label is not None:
            # a label on a white ground: it may sit on its own line, which it interrupts
            attrs["label"] = badge(route.badge) if route.badge else \
                (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" '
                 f'BGCOLOR="white"><TR><TD>{html_lines(route.label_lines)}</TD></TR></TABLE>>')
            attrs["lp"] = _gv(layout, *route.label.centre)
    graph.edge(edge.tail, edge.head, **attrs)


def _label_shows(route: EdgeRoute, clip: Rect) -> bool:
    """Whether an edge's label (none: no) falls in ``clip``."""
    return route.label is not None and route.label.overlaps(clip, 4.0)


def _edge_shows(layout: Layout, edge_id: str, clip: Rect) -> bool:
    """Whether any of an edge's line or label falls in ``clip``."""
    route = layout.edges[edge_id]
    if _label_shows(route, clip):
        return True
    # each segment straight, so its box is itself: Rect.overlaps(clip, 4.0), unrolled
    x, y, right, bottom = clip.x, clip.y, clip.right + 4.0, clip.bottom + 4.0
    points = route.points
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        if min(ax, bx) < right and x < max(ax, bx) + 4.0 and min(ay, by) < bottom \
                and y < max(ay, by) + 4.0:
            return True
    return False


def _run(sources: list[str], formats: tuple[str, ...]) -> list[dict[str, bytes]]:
    """Each of ``sources`` drawn in each of ``formats``, each by a Graphviz process of its
    own: a process given several graphs carries state from one to the next, and the later
    ones' SVG came out differently from run to run (a report's bytes depended on it). A
    source drawn before in this process is not drawn again (``layout.drawn``)."""
    binary = dot_binary()

    def one(source: str) -> dict[str, bytes]:
        return dict(drawn_once(f"{binary}\0{source}", formats,
                               lambda: _run_one(binary, source, formats)))

    return [one(source) for source in sources]


def _run_one(binary: str, source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    try:
        with tempfile.TemporaryDirectory(prefix="archdoc-") as tmp:
            inputs = [Path(tmp, "graph.dot")]
            inputs[0].write_text(source, encoding="utf-8")
            args = [binary, "-Kneato", "-n2", *(f"-T{fmt}" for fmt in formats), "-O"]
            proc = processes.run(args + [str(p) for p in inputs], "Graphviz")
            if proc.returncode != 0:
                message = proc.stderr.decode("utf-8", "replace").strip()
                if "gvwrite" in message or shutil.disk_usage(tmp).free < 1 << 20:
                    # what Graphviz says when it cannot write its output ("gvwrite_no_z")
                    raise OutputError(f"cannot write Graphviz's output in "
                                      f"{tempfile.gettempdir()}: disk full")
                raise ToolMissingError(f"Graphviz failed: {shown(message, 300)}")
            written = [{fmt: Path(f"{path}.{fmt}") for fmt in formats} for path in inputs]
            if not all(p.is_file() and p.stat().st_size for w in written for p in w.values()):
                raise ToolMissingError("Graphviz produced no output")
            return {fmt: path.read_bytes() for fmt, path in written[0].items()}
    except OSError as exc:
        raise OutputError(f"cannot use the temporary folder {tempfile.gettempdir()}: "
                          f"{reason(exc)}") from None


def draw(scene: Scene, layout: Layout, formats: tuple[str, ...] = ("png", "svg"),
         dpi: float = 96.0) -> Drawing:
    """PNG and SVG of a routed ``layout`` (``layout.route.route``), from one Graphviz run."""
    out = _run([to_dot(scene, layout, dpi=f"{dpi:.1f}").source], formats)[0]
    return Drawing(out.get("png", b""), out.get("svg", b""), layout)


def _scale(dpi: float) -> float:
    """Pixels per point at ``dpi`` as the DOT gives it (``draw`` and ``draw_parts`` write
    it to a tenth)."""
    return float(f"{dpi:.1f}") / 72


def canvas(layout: Layout, dpi: float) -> tuple[int, int]:
    """The size in pixels of the PNG of a whole ``layout`` drawn at ``dpi``."""
    scale = _scale(dpi)
    return (round(_whole_pixels(layout.width + CORNER, scale) * scale),
            round(_whole_pixels(layout.height + CORNER, scale) * scale))


def extent(layout: Layout, dpi: float) -> tuple[float, float]:
    """The points the PNG (``canvas``) and the SVG of a whole ``layout`` drawn at ``dpi``
    cover: the layout's own, grown to whole pixels."""
    scale = _scale(dpi)
    width, height = canvas(layout, dpi)
    return width / scale, height / scale


def viewport(layout: Layout, part: Rect, dpi: float) -> str:
    """Graphviz's ``viewport`` drawing ``part`` of a layout, at ``dpi``: grown right and
    down to whole pixels (see ``_whole_pixels``)."""
    scale = _scale(dpi)
    w, h = (_whole_pixels(side, scale) for side in (part.w, part.h))
    cx, cy = part.x + w / 2, part.y + h / 2
    return f"{w:.2f},{h:.2f},1,{cx:.2f},{layout.height - cy:.2f}"


def draw_parts(scene: Scene, layout: Layout, parts: list[Rect], dpi: float = 96.0,
               formats: tuple[str, ...] = ("png",),
               lines: dict[tuple[str, str], str] | None = None) -> list[dict[str, bytes]]:
    """Each rectangle of a routed layout (a figure split over several pages) in each of
    ``formats``, each from a Graphviz run of its own (see ``_run``); ``lines``: the nodes'
    and edges' DOT lines at ``dpi``, shared with the other parts' runs (see ``to_dot``)."""
    sources = []
    lines = {} if lines is None else lines  # the same nodes and edges, quoted once
    for part in parts:
        sources.append(to_dot(scene, layout, part, lines, dpi=f"{dpi:.1f}",
                              viewport=viewport(layout, part, dpi)).source)
    return _run(sources, formats)


def draw_part(scene: Scene, layout: Layout, part: Rect, dpi: float = 96.0) -> bytes:
    """PNG of one rectangle of a routed layout."""
    return draw_parts(scene, layout, [part], dpi)[0]["png"]
