"""Where a label may go, in the order it is tried: centred on one of its line's segments or
just beside one, sliding from the segment's middle outwards (``on_segments``); a number along
the whole line (``on_trace``); anywhere in rings round the line's middle (``around``). Each
takes the test a spot must pass; ``layout.labels`` decides which to try, and when.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterator

from archdoc.layout.geometry import EdgeRoute, Point, Rect

_SLIDE = 6.0  # step along a segment
_SLIDES = 16  # positions tried each way from a segment's middle
NEAR = 4.0  # a label beside its line stands this far from it
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


def on_segments(edge: EdgeRoute, w: float, h: float,
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
                spots = (Rect(cx - w / 2, cy - h - NEAR, w, h),
                         Rect(cx - w / 2, cy + NEAR, w, h))
            else:
                spots = (Rect(cx + NEAR, cy - h / 2, w, h),
                         Rect(cx - w - NEAR, cy - h / 2, w, h))
            for rect in spots:
                if beside(rect):
                    return rect
    return None


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


def outwards(count: int, middle: int) -> Iterator[int]:
    """0 .. count - 1 from ``middle`` outwards, the nearer first, the lower of two as near."""
    if not 0 <= middle < count:
        return
    yield middle
    for d in range(1, max(middle, count - middle) + 1):
        if middle - d >= 0:
            yield middle - d
        if middle + d < count:
            yield middle + d


def on_trace(trace: Trace, w: float, h: float, free: Callable[[Rect], bool]) -> Rect | None:
    """A number centred on its own line (``trace``: points along it) anywhere along it, from
    the middle outwards, where it touches no other line or icon: cheap, so never limited by
    ``around``'s budget."""
    for k in itertools.islice(outwards(len(trace), len(trace) // 2), 200):
        x, y = trace[k]
        rect = Rect(x - w / 2, y - h / 2, w, h)
        if free(rect):
            return rect
    return None


def around(trace: Trace, w: float, h: float, free: Callable[[Rect], bool],
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
