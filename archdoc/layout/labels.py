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

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator

from archdoc.layout.geometry import (
    EdgeRoute,
    Layout,
    Rect,
    node_parts,
    title_rect,
)
from archdoc.layout.textsize import block_size

SizeFn = Callable[[tuple[str, ...]], tuple[float, float]]
Point = tuple[float, float]
_CELL = 48.0
_SLIDE = 6.0  # step along a segment
_SLIDES = 16  # positions tried each way from a segment's middle
_NEAR = 4.0  # a label beside its line stands this far from it


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
        rects = self.rects
        for ix in range(math.floor((x - 1) / _CELL), math.floor((right + 1) / _CELL) + 1):
            for iy in range(math.floor((y - 1) / _CELL), math.floor((bottom + 1) / _CELL) + 1):
                for ox, oy, o_right, o_bottom in rects.get((ix, iy), ()):
                    if x < o_right + 1.0 and ox < right + 1.0 and y < o_bottom + 1.0 \
                            and oy < bottom + 1.0:
                        return True
        return False

    def other_within(self, rect: Rect, owner: str, radius: float) -> bool:
        """Whether another edge passes within ``radius`` of ``rect``."""
        x, y = rect.x, rect.y
        right, bottom = x + rect.w, y + rect.h
        segments = self.segments
        hypot = math.hypot
        for ix in range(math.floor((x - radius) / _CELL),
                        math.floor((right + radius) / _CELL) + 1):
            for iy in range(math.floor((y - radius) / _CELL),
                            math.floor((bottom + radius) / _CELL) + 1):
                for other, x0, x1, y0, y1 in segments.get((ix, iy), ()):
                    if other != owner and hypot(max(x - x1, 0.0, x0 - right),
                                                max(y - y1, 0.0, y0 - bottom)) <= radius:
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


BADGE = 15.0  # side of a label's number on its line


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
            return not index.other_within(rect, eid, own + _NEAR)

        def centred(rect: Rect, eid: str = eid) -> bool:
            """``beside`` for a rectangle round a point of its own line (its own distance
            0, so: no other line within ``_NEAR``)."""
            return inside(rect) and not index.covered(rect) and \
                not index.other_within(rect, eid, _NEAR)

        trace = Trace(edge, 8.0)  # points 8 pt apart along it, each worked out when read

        forms = (variants or {}).get(eid) or [edge.label_lines]
        spot, lines, badge = None, forms[0], ""
        if spots[0] <= 0:  # a crowd searched long enough: on its line as it is, else a number
            w, h = size(forms[0])
            spot = _on_segments(edge, w, h, on_line, None)
            if spot is None:
                badge = str(len(legend) + 1)
                legend.append((badge, forms[0]))
                spot = _own_point(Trace(edge, 4.0), eid, index)
            index.add_rect(spot)
            placed[eid] = EdgeRoute(edge.points, spot, lines, badge)
            continue
        for form in forms:
            w, h = size(form)
            spot = _on_segments(edge, w, h, on_line, None)
            if spot is not None:
                lines = form
                break
        if spot is None:
            number = str(len(legend) + 1)
            spot = _on_segments(edge, BADGE, BADGE, on_line, None)
            if spot is not None:
                badge = number
                legend.append((number, forms[0]))
        for near in (True, False):  # beside one of its segments, else near its middle
            if spot is not None:
                break
            for form in forms:
                w, h = size(form)
                spot = _on_segments(edge, w, h, None, beside) if near else \
                    _around(trace, w, h, beside, tries=tries)
                if spot is not None:
                    lines = form
                    break
        if spot is None:  # nowhere near its line: a number in the crowd, listed below
            badge = str(len(legend) + 1)
            legend.append((badge, forms[0]))
            spot = _on_trace(trace, BADGE, centred if own_segments else beside) or \
                _around(trace, BADGE, BADGE, beside, rings=40, tries=tries)
            if spot is None:
                spot = _own_point(Trace(edge, 4.0), eid, index)
        index.add_rect(spot)
        placed[eid] = EdgeRoute(edge.points, spot, lines, badge)
    return placed, legend


_AT_ICON = 14.0  # a label keeps this far from where its line meets an icon (the arrowhead)


def _trimmed(a: Point, b: Point, start: float, end: float) -> tuple[Point, Point] | None:
    length = math.dist(a, b)
    if length <= start + end + 1:
        return None
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    return (a[0] + ux * start, a[1] + uy * start), (b[0] - ux * end, b[1] - uy * end)


def _segments_in_order(edge: EdgeRoute) -> list[tuple[Point, Point]]:
    """The stretches a label may sit on: every segment, less its ends at the icons, the one
    holding the route's middle first, then the others, longest first."""
    segs = edge.segments()
    usable: list[tuple[Point, Point]] = []
    middle: tuple[Point, Point] | None = None
    total = sum(math.dist(a, b) for a, b in segs)
    run = 0.0
    for k, (a, b) in enumerate(segs):
        cut = _trimmed(a, b, _AT_ICON if k == 0 else 0.0, _AT_ICON if k == len(segs) - 1 else 0.0)
        if cut is not None:
            usable.append(cut)
            if middle is None and run + math.dist(a, b) >= total / 2:
                middle = cut
        run += math.dist(a, b)
    rest = sorted((u for u in usable if u != middle), key=lambda u: -math.dist(*u))
    return ([middle] if middle else []) + rest


def _slides(a: Point, b: Point, room: float) -> Iterator[Point]:
    """Centres along segment a-b from its middle outwards, keeping ``room`` from its ends."""
    length = math.dist(a, b)
    if length < 2 * room:
        if length >= 2 * room * 0.6:  # a short segment: its middle only
            yield (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    reach = length / 2 - room
    yield mx, my
    for k in range(1, _SLIDES + 1):
        d = k * _SLIDE
        if d > reach:
            return
        yield mx + ux * d, my + uy * d
        yield mx - ux * d, my - uy * d


def _on_segments(edge: EdgeRoute, w: float, h: float,
                 on_line: Callable[[Rect], bool] | None,
                 beside: Callable[[Rect], bool] | None) -> Rect | None:
    """Centred on one of the edge's segments (``on_line``), or just beside one (``beside``)."""
    order = _segments_in_order(edge)
    for a, b in order if on_line is not None else ():  # centred on the line
        assert on_line is not None
        horizontal = abs(a[1] - b[1]) < 0.01
        room = (w if horizontal else h) / 2 + 4
        for cx, cy in _slides(a, b, room):
            rect = Rect(cx - w / 2, cy - h / 2, w, h)
            if on_line(rect):
                return rect
    if beside is None:
        return None
    for a, b in order:  # just beside the line
        horizontal = abs(a[1] - b[1]) < 0.01
        room = (w if horizontal else h) / 2
        for cx, cy in _slides(a, b, room):
            if horizontal:
                spots = (Rect(cx - w / 2, cy - h - _NEAR, w, h),
                         Rect(cx - w / 2, cy + _NEAR, w, h))
            else:
                spots = (Rect(cx + _NEAR, cy - h / 2, w, h),
                         Rect(cx - w - _NEAR, cy - h / 2, w, h))
            for rect in spots:
                if beside(rect):
                    return rect
    return None


SPOT_BUDGET = 50_000  # spots every search together may test in one figure: a figure of
# hundreds of flows on a few dozen icons (where nearly every label ends as a number anyway)
# stops searching for free spots after a third of a second; the examples test 2,000 at most
AROUND_BUDGET = 40_000  # spots ``_around`` may try in one figure: a crowded figure (hundreds
# of flows) stops searching the crowd for free spots instead of spending minutes on it


class Trace:
    """``EdgeRoute.trace(step)`` as a sequence whose points are worked out when read: only
    the middle and the few around it are, and a long route has thousands."""

    def __init__(self, edge: EdgeRoute, step: float):
        self.segments = edge.segments()
        self.first = edge.points[0]
        self.counts = [max(1, math.ceil(math.dist(a, b) / step)) for a, b in self.segments]
        self.ends = list(itertools.accumulate(self.counts))  # the last index of each segment

    def __len__(self) -> int:
        return 1 + (self.ends[-1] if self.ends else 0)

    def __getitem__(self, k: int) -> Point:
        if k == 0:
            return self.first
        s = bisect.bisect_left(self.ends, k)
        (ax, ay), (bx, by) = self.segments[s]
        n, j = self.counts[s], k - (self.ends[s - 1] if s else 0)
        return ax + (bx - ax) * j / n, ay + (by - ay) * j / n


def _outwards(count: int, middle: int) -> Iterator[int]:
    """0 .. count - 1 from ``middle`` outwards, the nearer first, the lower of two as near."""
    if not 0 <= middle < count:
        return
    yield middle
    for d in range(1, max(middle, count - middle) + 1):
        if middle - d >= 0:
            yield middle - d
        if middle + d < count:
            yield middle + d


def _on_trace(trace: Trace, size: float, free: Callable[[Rect], bool]) -> Rect | None:
    """A number centred on its own line (``trace``: points along it) anywhere along it, from
    the middle outwards, where it touches no other line or icon: cheap, so never limited by
    the figure's budget."""
    for k in itertools.islice(_outwards(len(trace), len(trace) // 2), 200):
        x, y = trace[k]
        rect = Rect(x - size / 2, y - size / 2, size, size)
        if free(rect):
            return rect
    return None


def _own_point(trace: Trace, owner: str, index: Index) -> Rect:
    """The last resort: a point of the line itself (the number drawn there), from the middle
    outwards the first of the nearest nine (16 pt either way) that no other line touches; a
    line crossing this one exactly at its middle would otherwise leave the number on both.
    In a crowd (hundreds of flows) most labels end here, so the search stays short."""
    middle = None
    for k in itertools.islice(_outwards(len(trace), len(trace) // 2), 9):
        x, y = trace[k]
        spot = Rect(x, y, 0, 0)
        if not index.other_within(spot, owner, 0.0):
            return spot
        middle = middle or spot
    assert middle is not None  # a trace has a point at least
    return middle


def _around(trace: Trace, w: float, h: float, free: Callable[[Rect], bool],
            rings: int = 12, tries: list[int] | None = None) -> Rect | None:
    """The free spot nearest the route's middle (of ``trace``, points along it), at most
    ``rings`` steps of 8 pt out, and at most ``tries[0]`` spots (counted down) when given."""
    cx, cy = trace[len(trace) // 2]
    for ring in range(1, rings + 1):
        r = ring * 8.0
        steps = 8 * ring
        if tries is not None:
            if tries[0] <= 0:
                return None
            tries[0] -= steps
        for k in range(steps):
            angle = 2 * math.pi * k / steps
            rect = Rect(cx + r * math.cos(angle) - w / 2, cy + r * math.sin(angle) - h / 2, w, h)
            if free(rect):
                return rect
    return None


def _border(rect: Rect, reach: float = 2.0) -> list[Rect]:
    """The four lines of a box, as thin rectangles."""
    x, y, r, b = rect.x, rect.y, rect.right, rect.bottom
    return [Rect(x - reach, y - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, b - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, y - reach, 2 * reach, rect.h + 2 * reach),
            Rect(r - reach, y - reach, 2 * reach, rect.h + 2 * reach)]
