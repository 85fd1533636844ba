"""Draw a :class:`Scene` with one Graphviz run that writes PNG, SVG and the layout as JSON.

``diagrams`` runs Graphviz once per output format; here one ``dot`` process lays the graph out
once and emits every format from that layout, so the draw.io file gets the same positions.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import graphviz

from archdoc.errors import ToolMissingError
from archdoc.layout.icons import icon_path
from archdoc.layout.scene import Group, Scene, highlighted

FONT = "Noto Sans CJK KR"  # has Hangul and Latin; the set-up installs fonts-noto-cjk
ICON_PX = 56

# AWS Architecture Icons group colours (2023 guidelines): border, fill, label colour, dashed.
GROUP_COLOURS: dict[str, tuple[str, str, str, bool]] = {
    "cloud": ("#232F3E", "#FFFFFF", "#232F3E", False),
    "region": ("#00A4A6", "#FFFFFF", "#147EBA", True),
    "vpc": ("#8C4FFF", "#FFFFFF", "#8C4FFF", False),
    "az": ("#147EBA", "#FFFFFF", "#147EBA", True),
    "public_subnet": ("#7AA116", "#F2F6E8", "#248814", False),
    "private_subnet": ("#147EBA", "#E6F2F8", "#147EBA", False),
}
HIGHLIGHT = "#E7157B"
DIMMED = "#9AA3AB"


@dataclass(frozen=True)
class Drawing:
    png: bytes
    svg: bytes
    layout: dict  # Graphviz's -Tjson output: positions of every node, cluster and edge


# Graphviz expands \N, \G, \E, \H, \T, \L even in HTML labels and has no escape for the
# backslash there; an invisible word joiner after it keeps such text literal on screen.
_BACKSLASH_ESCAPE = re.compile(r"\\(?=[NGETHL])")


def _wrap(text: str, width: int = 22, align: str = "") -> str:
    """Escape ``text`` for an HTML-like label and break it into lines of about ``width``."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, width) or [""]
    brk = f'<BR ALIGN="{align}"/>' if align else "<BR/>"
    escaped = (_BACKSLASH_ESCAPE.sub("\\\\\u2060", html.escape(line)) for line in lines)
    return brk.join(escaped) + (brk if align else "")


def _node_label(kind: str, label: str, colour: str, text_colour: str) -> str:
    # The frame is always drawn (transparent when not highlighted) so a highlighted figure keeps
    # exactly the layout of the overall diagram.
    return (
        f'<<TABLE BORDER="2" COLOR="{colour}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'STYLE="ROUNDED">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_PX}" HEIGHT="{ICON_PX}">'
        f'<IMG SRC="{html.escape(icon_path(kind))}" SCALE="TRUE"/></TD></TR>'
        f'<TR><TD><FONT COLOR="{text_colour}">{_wrap(label)}</FONT></TD></TR></TABLE>>'
    )


def layout_size(layout: dict) -> tuple[float, float]:
    """Width and height, in points, of a finished layout (Graphviz JSON)."""
    _, _, width, height = (float(v) for v in layout["bb"].split(","))
    return width, height


def pinned_positions(layout: dict) -> dict[str, dict[str, str]]:
    """Positions from a finished layout (Graphviz JSON), keyed like :func:`to_dot` names them."""
    pinned = {"graph": {"bb": layout["bb"]}}
    for obj in layout.get("objects", []):
        keys = ("bb", "lp", "lwidth", "lheight") if "bb" in obj else ("pos", "width", "height")
        pinned[obj["name"]] = {k: obj[k] for k in keys if k in obj}
    for edge in layout.get("edges", []):
        if "id" in edge:
            pinned[f"edge:{edge['id']}"] = {k: edge[k] for k in ("pos", "lp") if k in edge}
    return pinned


def to_dot(scene: Scene, highlight: set[str] | None = None,
           pinned: dict[str, dict[str, str]] | None = None) -> graphviz.Digraph:
    """The DOT graph of ``scene``; with ``highlight`` (resource ids) those stand out.

    With ``pinned`` (from :func:`pinned_positions`) every object keeps the position of that
    earlier layout, for ``neato -n2`` to draw without laying out again.
    """
    pinned = pinned or {}
    dot = graphviz.Digraph("architecture")
    dot.attr(rankdir="LR", newrank="true", compound="true", nodesep="0.35", ranksep="0.7",
             fontname=FONT, fontsize="13", pad="0.3", bgcolor="white", splines="spline")
    dot.attr(**pinned.get("graph", {}))
    dot.attr("node", shape="plain", fontname=FONT, fontsize="11")
    dot.attr("edge", fontname=FONT, fontsize="10", color="#545B64", fontcolor="#232F3E",
             arrowsize="0.7", penwidth="1.2")

    def add_node(graph: graphviz.Digraph, nid: str) -> None:
        node = scene.nodes[nid]
        on = highlighted(node.resources, highlight)
        frame = HIGHLIGHT if on else "#FFFFFF00"
        text = DIMMED if on is False else "#232F3E"
        graph.node(nid, _node_label(node.kind, node.label, frame, text), tooltip=node.tooltip,
                   **pinned.get(nid, {}))

    def add_group(graph: graphviz.Digraph, group: Group) -> None:
        border, fill, font, dashed = GROUP_COLOURS[group.style]
        with graph.subgraph(name=f"cluster_{group.id}") as sub:
            sub.attr(label=_wrap(group.label, 40, "LEFT").join(["<", ">"]), labeljust="l",
                     color=border, fontcolor=font, bgcolor=fill, penwidth="1.5",
                     style="dashed" if dashed else "solid", margin="14",
                     **pinned.get(f"cluster_{group.id}", {}))
            for nid in group.nodes:
                add_node(sub, nid)
            if not group.nodes and not group.groups:
                # Graphviz drops empty clusters; an invisible point keeps the subnet drawn.
                sub.node(f"{group.id}_empty", "", shape="point", style="invis", width="0.8",
                         **pinned.get(f"{group.id}_empty", {}))
            for child in group.groups:
                add_group(sub, child)

    for nid in scene.outside:
        add_node(dot, nid)
    add_group(dot, scene.root)
    tiers = _tiers(scene)
    ranked_heads: set[str] = set()  # nodes some edge points at, as Graphviz ranks it
    for edge in scene.edges:
        on = highlighted(scene.nodes[edge.tail].resources + scene.nodes[edge.head].resources,
                         highlight)
        tail, head = edge.tail, edge.head
        attrs = {"label": f"<{_wrap(edge.label, 28)}>" if edge.label else "", "id": edge.id}
        if on:
            attrs.update(color=HIGHLIGHT, penwidth="2")
        elif on is False:
            attrs.update(color=DIMMED, fontcolor=DIMMED)
        if tiers[tail] > tiers[head]:
            # Lay out from the internet inwards: an edge pointing back out (EC2 -> NAT) is
            # ranked reversed and drawn with its arrow at the original head.
            tail, head = head, tail
            attrs["dir"] = "back"
        ranked_heads.add(head)
        dot.edge(tail, head, **attrs, **pinned.get(f"edge:{edge.id}", {}))
    _anchor_loose_nodes(dot, scene, tiers, ranked_heads, pinned)
    return dot


def _anchor_loose_nodes(dot: graphviz.Digraph, scene: Scene, tiers: dict[str, float],
                        ranked_heads: set[str], pinned: dict[str, dict[str, str]]) -> None:
    """Keep the first rank for what is outside the cloud (the users).

    Graphviz puts every node that nothing points at in the first rank: a hosted zone or a
    security group there stretches the cloud over that rank and pushes the users below it.
    Invisible edges move such nodes in: edge services one rank in from the users; nodes with
    no flow at all inside a VPC (security groups, route tables) to the VPC's last column, out
    of the way of the traffic.
    """
    if not scene.outside:
        return
    vpc_of: dict[str, str] = {}
    for vpc in (g for g in scene.groups() if g.style == "vpc"):
        for group in vpc.walk():
            vpc_of.update({nid: vpc.id for nid in group.nodes})
    connected = {e.tail for e in scene.edges} | {e.head for e in scene.edges}
    last_in_vpc: dict[str, str] = {}
    # scene order, stably sorted: a set's order would change the layout from run to run
    for nid in sorted((n for n in scene.nodes if n in connected), key=lambda n: tiers[n]):
        if nid in vpc_of:
            last_in_vpc[vpc_of[nid]] = nid
    for nid in scene.nodes:
        if nid in ranked_heads or nid in scene.outside:
            continue
        source = scene.outside[0]
        if nid not in connected and vpc_of.get(nid) in last_in_vpc:
            source = last_in_vpc[vpc_of[nid]]
        eid = f"anchor_{nid}"
        dot.edge(source, nid, style="invis", id=eid, **pinned.get(f"edge:{eid}", {}))


# Left-to-right order of the layout: outside, edge services, public, VPC-wide, private, behind.
_KIND_TIER = {"users": 0, "route53_record": 1, "route53_zone": 1, "cloudfront_distribution": 1,
              "acm_certificate": 1, "internet_gateway": 1, "vpc_endpoint": 4.5}
_GROUP_TIER = {"public_subnet": 2, "vpc": 3, "private_subnet": 4}


def _tiers(scene: Scene) -> dict[str, float]:
    innermost: dict[str, str] = {}
    for group in scene.groups():
        for nid in group.nodes:
            innermost[nid] = group.style
    tiers = {}
    for nid, node in scene.nodes.items():
        tiers[nid] = _KIND_TIER.get(node.kind, _GROUP_TIER.get(innermost.get(nid, ""), 5))
    return tiers


def dot_binary() -> str:
    found = shutil.which("dot")
    if not found:
        raise ToolMissingError("Graphviz is not installed (no 'dot' on PATH); run 'make run' "
                               "or 'apt-get install graphviz'")
    return found


def draw(scene: Scene, highlight: set[str] | None = None, formats: tuple[str, ...] = (
        "png", "svg", "json"), layout: dict | None = None, dpi: float | None = None) -> Drawing:
    """Lay out ``scene`` once and render it to every format in ``formats``.

    Given the ``layout`` of an earlier drawing of the same scene, reuse it: only the styling
    changes (a highlighted section), and Graphviz skips the layout, the costly part.
    """
    pinned = pinned_positions(layout) if layout else None
    source = to_dot(scene, highlight, pinned).source
    with tempfile.TemporaryDirectory(prefix="archdoc-") as tmp:
        src = Path(tmp, "graph.dot")
        src.write_text(source, encoding="utf-8")
        args = [dot_binary()] if layout is None else [dot_binary(), "-Kneato", "-n2"]
        if dpi:
            args.append(f"-Gdpi={dpi:.1f}")
        for fmt in formats:
            args += [f"-T{fmt}", "-o", str(Path(tmp, f"graph.{fmt}"))]
        proc = subprocess.run(args + [str(src)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise ToolMissingError(f"Graphviz failed: {proc.stderr.strip()[:500]}")
        out = {fmt: Path(tmp, f"graph.{fmt}").read_bytes() for fmt in formats}
    layout = json.loads(out["json"]) if "json" in out else {}
    return Drawing(out.get("png", b""), out.get("svg", b""), layout)
