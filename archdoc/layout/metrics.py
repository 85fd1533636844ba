"""How clean a finished layout is, counted: what a reader of the picture would stumble on.

``measure`` counts, for one figure: edge crossings (two flows' segments crossing at a right
angle), bends, edges that run through a group's title, edge labels nearer another edge than
their own (or lying on another edge), labels outside the picture, and labels covering an icon
or a node's label. The same counts are taken from the draw.io file's geometry
(``render/drawio_geometry.py``), so the PNG and the editable file can be compared.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass

from archdoc.layout.geometry import Layout, Point, node_parts, segment_to_rect, title_rect
from archdoc.layout.textsize import block_size

_CELL = 64.0
STRAIGHT = 0.25  # a segment whose ends differ by less than this across is straight (a file
# written to a tenth of a point stays comparable with the layout)


@dataclass(frozen=True)
class Metrics:
    edges: int
    labels: int  # edge labels drawn (text or number)
    numbered: int  # of them, drawn as a number on the line (listed in the legend)
    crossings: int
    bends: int
    through_titles: int  # edges with a segment through a group's title
    mislabelled: int  # labels nearer another edge than their own, or lying on another edge
    outside: int  # labels not wholly inside the picture
    covering: int  # labels over an icon or a node's label

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def crossings(routes: dict[str, list[tuple[Point, Point]]]) -> int:
    """Pairs of segments of two different edges that cross at a right angle, strictly
    inside both (meeting at a shared end, as flows into one port do, is not crossing)."""
    horizontal: dict[int, list[tuple[str, float, float, float]]] = defaultdict(list)
    found = 0
    for eid, segments in routes.items():
        for (ax, ay), (bx, by) in segments:
            if abs(ay - by) < STRAIGHT <= abs(ax - bx):
                x0, x1 = sorted((ax, bx))
                for cell in range(math.floor(x0 / _CELL), math.floor(x1 / _CELL) + 1):
                    horizontal[cell].append((eid, ay, x0, x1))
    for eid, segments in routes.items():
        for (ax, ay), (bx, by) in segments:
            if abs(ax - bx) < STRAIGHT <= abs(ay - by):
                y0, y1 = sorted((ay, by))
                for other, y, x0, x1 in horizontal.get(math.floor(ax / _CELL), ()):
                    if other != eid and x0 + 0.5 < ax < x1 - 0.5 and y0 + 0.5 < y < y1 - 0.5:
                        found += 1
    return found


def measure(layout: Layout) -> Metrics:
    routes = {eid: e.segments() for eid, e in layout.edges.items()}
    titles = [title_rect(g, layout.fonts.group) for g in layout.groups.values()
              if g.label_lines]
    parts = [p for box in layout.nodes.values() for p in node_parts(
        box, block_size(box.label_lines, layout.fonts.node)[0] if box.label_lines else 0.0)]
    through = sum(1 for segs in routes.values()
                  if any(segment_to_rect(a, b, t) == 0.0 for a, b in segs for t in titles))
    labels = [(eid, e) for eid, e in layout.edges.items() if e.label is not None]
    mislabelled = outside = covering = 0
    for eid, route in labels:
        rect = route.label
        assert rect is not None
        own = route.distance_to(rect)
        nearest = min((e.distance_to(rect) for other, e in layout.edges.items()
                       if other != eid), default=math.inf)
        if nearest < own or nearest == 0.0:
            mislabelled += 1
        if rect.x < -0.01 or rect.y < -0.01 or rect.right > layout.width + 0.01 or \
                rect.bottom > layout.height + 0.01:
            outside += 1
        if any(rect.overlaps(p) for p in parts):
            covering += 1
    return Metrics(len(layout.edges), len(labels),
                   sum(1 for _, e in labels if e.badge), crossings(routes),
                   sum(e.bends() for e in layout.edges.values()), through, mislabelled,
                   outside, covering)
