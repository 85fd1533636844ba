"""Place edge labels on their own lines: on a straight segment of the edge, where they cover
no icon, no node label, no group title or border, no other label and no other edge.

A label sits centred on a segment (its white ground interrupts its own line, as AWS's and
draw.io's connector labels do), first on the segment holding the route's middle, then on the
others, longest first, sliding from each segment's middle outwards; else just beside a
segment, where no other edge comes nearer it than its own; only then anywhere free near the
middle that is nearer its own line than any other, and as a last resort in a row under the
picture. Obstacles and segments sit in a grid of buckets and every label tries a bounded
number of positions, so placing n labels costs O(n) queries of constant size; a figure tries
``SPOT_BUDGET`` in all, after which its remaining labels are numbers on their lines.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator

from archdoc.layout.geometry import (
    EdgeRoute,
    Layout,
    Point,
    Rect,
    node_parts,
    title_rect,
)
from archdoc.layout.label_spots import NEAR, Trace, around, on_segments, on_trace, outwards
from archdoc.layout.textsize import block_size, text_width

SizeFn = Callable[[tuple[str, ...]], tuple[float, float]]
_CELL = 48.0

Box = tuple[float, float, float, float]  # x, y, right, bottom


class Index:
    """Rectangles and edge segments by grid cell, for quick overlap and distance queries.

    Each is kept as plain numbers (a box's edges, a segment's ordered ends): the queries are
    most of the cost of a figure with many flows, and reading a ``Rect``'s computed right and
    bottom again for every pair tested was half of theirs. The arithmetic is ``Rect``'s and
    ``segment_to_rect``'s, so the answers are the same."""

    def __init__(self) -> None:
        self.rects: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self.segments: dict[tuple[int, int], list[tuple[str, float, float, float, float]]] = \
            defaultdict(list)
        self._last: Box = (math.inf, math.inf, -math.inf, -math.inf)  # what covered a spot last
        self._last_near: tuple[str, float, float, float, float] = \
            ("", math.inf, math.inf, math.inf, math.inf)  # the line last found near one

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
        for ix in range(math.floor(x0 / _CELL), math.floor(x1 / _CELL) + 1):
            for iy in range(math.floor(y0 / _CELL), math.floor(y1 / _CELL) + 1):
                yield ix, iy

    def add_rect(self, rect: Rect) -> None:
        box = (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h)
        for cell in self._cells(*box):
            self.rects[cell].append(box)

    def add_segment(self, owner: str, a: Point, b: Point) -> None:
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        for cell in self._cells(x0, y0, x1, y1):
            self.segments[cell].append((owner, x0, x1, y0, y1))

    def covered(self, rect: Rect) -> bool:
        """Whether ``rect`` overlaps an obstacle or a placed label (within a point)."""
        x, y = rect.x, rect.y
        right, bottom = x + rect.w, y + rect.h
        # the spots tried one after the other slide a few points along a line: most are
        # covered, and mostly by what covered the one before (nine in ten calls answer yes)
        ox, oy, o_right, o_bottom = self._last
        if x < o_right + 1.0 and ox < right + 1.0 and y < o_bottom + 1.0 and oy < bottom + 1.0:
            return True
        rects = self.rects
        for ix in range(math.floor((x - 1) / _CELL), math.floor((right + 1) / _CELL) + 1):
            for iy in range(math.floor((y - 1) / _CELL), math.floor((bottom + 1) / _CELL) + 1):
                for box in rects.get((ix, iy), ()):
                    ox, oy, o_right, o_bottom = box
                    if x < o_right + 1.0 and ox < right + 1.0 and y < o_bottom + 1.0 \
                            and oy < bottom + 1.0:
                        self._last = box
                        return True
        return False

    def other_within(self, rect: Rect, owner: str, radius: float) -> bool:
        """Whether another edge passes within ``radius`` of ``rect``."""
        x, y = rect.x, rect.y
        right, bottom = x + rect.w, y + rect.h
        hypot = math.hypot
        # as with ``covered``: mostly yes, and by the line that was near the spot before
        other, x0, x1, y0, y1 = self._last_near
        if other != owner and hypot(max(x - x1, 0.0, x0 - right),
                                    max(y - y1, 0.0, y0 - bottom)) <= radius:
            return True
        segments = self.segments
        for ix in range(math.floor((x - radius) / _CELL),
                        math.floor((right + radius) / _CELL) + 1):
            for iy in range(math.floor((y - radius) / _CELL),
                            math.floor((bottom + radius) / _CELL) + 1):
                for segment in segments.get((ix, iy), ()):
                    other, x0, x1, y0, y1 = segment
                    if other != owner and hypot(max(x - x1, 0.0, x0 - right),
                                                max(y - y1, 0.0, y0 - bottom)) <= radius:
                        self._last_near = segment
                        return True
        return False


def _obstacles(layout: Layout, index: Index) -> None:
    for node in layout.nodes.values():
        width = block_size(node.label_lines, layout.fonts.node)[0] if node.label_lines else 0.0
        for part in node_parts(node, width):
            index.add_rect(part)
        if node.boundary is not None:  # a security group's line and title
            for line in _border(node.boundary):
                index.add_rect(line)
    for group in layout.groups.values():
        if group.label_lines:  # the group's title, with some air
            t = title_rect(group, layout.fonts.group)
            index.add_rect(Rect(t.x, t.y, t.w + 4, t.h + 2))
        for line in _border(group.rect):  # a label on a box's line reads as part of the box
            index.add_rect(line)


BADGE = 15.0  # side of a label's number on its line (height; and width up to two digits)
BADGE_FONT = 9.0


def badge_width(number: str) -> float:
    """How wide a label's number is drawn: 15 pt, wider for three digits and more (in a
    15 pt badge they ran over its edges, white on the white ground)."""
    return max(BADGE, float(math.ceil(text_width(number, BADGE_FONT) + 2)))


def place_labels(layout: Layout, edges: dict[str, EdgeRoute], size: SizeFn,
                 variants: dict[str, list[tuple[str, ...]]] | None = None
                 ) -> tuple[dict[str, EdgeRoute], list[tuple[str, tuple[str, ...]]]]:
    """Labelled routes, and the legend. A label sits centred on its own line (in one of
    ``variants``, other ways to break its lines, where the first does not fit); where none
    fits, a number sits on the line instead (AWS's numbered steps) and the legend lists the
    number with the label; where not even the number fits, the label stands beside its line,
    nearer it than any other."""
    index = Index()
    _obstacles(layout, index)
    tries = [AROUND_BUDGET]
    spots = [SPOT_BUDGET]  # spots tested in the figure (counted down), every search's
    for eid, edge in edges.items():
        for a, b in edge.segments():
            index.add_segment(eid, a, b)
    picture = Rect(0, 0, layout.width, layout.height)
    cloud = layout.groups["g_cloud"].rect if "g_cloud" in layout.groups else picture
    placed: dict[str, EdgeRoute] = {}
    legend: list[tuple[str, tuple[str, ...]]] = []
    for eid, edge in edges.items():
        if not edge.label_lines:
            placed[eid] = edge
            continue
        ends = (edge.points[0], edge.points[-1])
        # a flow inside the cloud keeps its label inside the cloud's box
        bounds = cloud if all(cloud.contains_point(x, y) for x, y in ends) else picture

        # the bounds' and the route's segments' edges as plain numbers: these two tests run
        # hundreds of thousands of times in a crowded figure (the arithmetic is Rect's and
        # EdgeRoute.distance_to's)
        box = (bounds.x, bounds.y, bounds.x + bounds.w, bounds.y + bounds.h)
        own_segments = [(min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
                        for (ax, ay), (bx, by) in edge.segments()]

        def inside(rect: Rect, box: Box = box) -> bool:  # the first test of every spot
            spots[0] -= 1
            return rect.x >= box[0] and rect.y >= box[1] and \
                rect.x + rect.w <= box[2] and rect.y + rect.h <= box[3]

        def on_line(rect: Rect, eid: str = eid) -> bool:
            return inside(rect) and not index.covered(rect) and \
                not index.other_within(rect, eid, 1.5)

        def beside(rect: Rect, eid: str = eid,
                   own_segments: list[Box] = own_segments) -> bool:
            if not inside(rect) or index.covered(rect):
                return False
            x, y = rect.x, rect.y
            right, bottom = x + rect.w, y + rect.h
            own = min((math.hypot(max(x - x1, 0.0, x0 - right), max(y - y1, 0.0, y0 - bottom))
                       for x0, x1, y0, y1 in own_segments), default=math.inf)
            return not index.other_within(rect, eid, own + NEAR)

        trace = Trace(edge, 8.0)  # points 8 pt apart along it, each worked out when read

        forms = (variants or {}).get(eid) or [edge.label_lines]
        # once the figure's budget is spent (a crowd searched long enough), only the cheapest
        # search: on its line as it is, else a number on it
        searching = spots[0] > 0
        spot, lines, badge = None, forms[0], ""
        for form in forms if searching else forms[:1]:
            w, h = size(form)
            spot = on_segments(edge, w, h, on_line, None)
            if spot is not None:
                lines = form
                break
        if spot is None and searching:
            number = str(len(legend) + 1)
            spot = on_segments(edge, badge_width(number), BADGE, on_line, None)
            if spot is not None:
                badge = number
                legend.append((number, forms[0]))
        for near in (True, False) if searching else ():  # beside a segment, else near the middle
            if spot is not None:
                break
            for form in forms:
                w, h = size(form)
                spot = on_segments(edge, w, h, None, beside) if near else \
                    around(trace, w, h, beside, tries=tries)
                if spot is not None:
                    lines = form
                    break
        if spot is None:  # nowhere near its line: a number in the crowd, listed below
            badge = str(len(legend) + 1)
            legend.append((badge, forms[0]))
            if searching:
                w = badge_width(badge)
                spot = on_trace(trace, w, BADGE, beside) or \
                    around(trace, w, BADGE, beside, rings=40, tries=tries)
            if spot is None:
                spot = _own_point(Trace(edge, 4.0), eid, index)
        index.add_rect(spot)
        placed[eid] = EdgeRoute(edge.points, spot, lines, badge)
    return placed, legend


SPOT_BUDGET = 50_000  # spots every search together may test in one figure: a figure of
# hundreds of flows on a few dozen icons (where nearly every label ends as a number anyway)
# stops searching for free spots after a third of a second; the examples test 2,000 at most
AROUND_BUDGET = 40_000  # spots ``around`` may try in one figure: a crowded figure (hundreds
# of flows) stops searching the crowd for free spots instead of spending minutes on it


def _own_point(trace: Trace, owner: str, index: Index) -> Rect:
    """The last resort: a point of the line itself (the number drawn there), from the middle
    outwards the first of the nearest nine (16 pt either way) that no other line touches; a
    line crossing this one exactly at its middle would otherwise leave the number on both.
    In a crowd (hundreds of flows) most labels end here, so the search stays short."""
    middle = None
    for k in itertools.islice(outwards(len(trace), len(trace) // 2), 9):
        x, y = trace[k]
        spot = Rect(x, y, 0, 0)
        if not index.other_within(spot, owner, 0.0):
            return spot
        middle = middle or spot
    assert middle is not None  # a trace has a point at least
    return middle


def _border(rect: Rect, reach: float = 2.0) -> list[Rect]:
    """The four lines of a box, as thin rectangles."""
    x, y, r, b = rect.x, rect.y, rect.right, rect.bottom
    return [Rect(x - reach, y - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, b - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, y - reach, 2 * reach, rect.h + 2 * reach),
            Rect(r - reach, y - reach, 2 * reach, rect.h + 2 * reach)]
