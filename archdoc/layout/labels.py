"""Place edge labels where they overlap no icon, no other label and no other edge.

Candidates run along the edge's own curve from its middle outwards, centred on it (the label
has a white ground and interrupts its own line) and then to either side; the first free one
wins. Where the whole curve is crowded, the label takes the free spot nearest to any part of
its curve that lies nearer its own line than any other, so it cannot be read as another
flow's; only then anywhere free around the middle. Edges are traced every few points, so no
line slips between two samples. Obstacles sit in a grid of buckets, so a model with a thousand
flows is placed in well under a second."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator

from archdoc.layout.geometry import EdgeRoute, Layout, Rect
from archdoc.layout.textsize import block_size

SizeFn = Callable[[tuple[str, ...]], tuple[float, float]]
# from the middle of the curve outwards, never at its very ends (they touch the icons)
_ALONG = (0.5, *(t for k in range(1, 11) for t in (0.5 - 0.04 * k, 0.5 + 0.04 * k)))
_CELL = 64.0


class _Buckets:
    """Rectangles and points by grid cell, for quick overlap queries."""

    def __init__(self) -> None:
        self.rects: dict[tuple[int, int], list[Rect]] = defaultdict(list)
        self.points: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)

    @staticmethod
    def _cells(rect: Rect, margin: float = 0.0) -> Iterator[tuple[int, int]]:
        for ix in range(math.floor((rect.x - margin) / _CELL),
                        math.floor((rect.right + margin) / _CELL) + 1):
            for iy in range(math.floor((rect.y - margin) / _CELL),
                            math.floor((rect.bottom + margin) / _CELL) + 1):
                yield ix, iy

    def add_rect(self, rect: Rect) -> None:
        for cell in self._cells(rect):
            self.rects[cell].append(rect)

    def add_point(self, owner: str, x: float, y: float) -> None:
        self.points[(math.floor(x / _CELL), math.floor(y / _CELL))].append((owner, x, y))

    def other_within(self, rect: Rect, owner: str, radius: float) -> bool:
        """Whether another edge passes within ``radius`` of ``rect``."""
        for cell in self._cells(rect, radius):
            for other, x, y in self.points.get(cell, ()):
                if other != owner and rect.distance_to(x, y) <= radius:
                    return True
        return False

    def blocked(self, rect: Rect, owner: str, edges_too: bool) -> bool:
        for cell in self._cells(rect, 2.0):
            if any(rect.overlaps(o, 1.0) for o in self.rects.get(cell, ())):
                return True
            if edges_too and any(other != owner and rect.contains_point(x, y, 1.5)
                                 for other, x, y in self.points.get(cell, ())):
                return True
        return False


def place_labels(layout: Layout, edges: dict[str, EdgeRoute], size: SizeFn
                 ) -> tuple[dict[str, EdgeRoute], float, float]:
    """Labelled routes, and the picture's width and height: a label with no free place in
    the picture (a tiny picture, a long label) goes in a margin added at its foot."""
    index = _Buckets()
    for node in layout.nodes.values():
        index.add_rect(node.rect)
    for group in layout.groups.values():
        w, h = block_size(group.label_lines, layout.fonts.group)
        # the group's title, as Graphviz writes it (a margin, then the text), with some air
        index.add_rect(Rect(group.rect.x, group.rect.y, w * 1.1 + 24, h + 10))
        for line in _border(group.rect):  # a label on a box's line reads as part of the box
            index.add_rect(line)
    samples = {eid: e.trace() for eid, e in edges.items()}
    for eid, points in samples.items():
        for x, y in points:
            index.add_point(eid, x, y)
    picture = Rect(0, 0, layout.width, layout.height)
    cloud = layout.groups["g_cloud"].rect if "g_cloud" in layout.groups else picture

    def free(rect: Rect, strict: bool, eid: str, bounds: Rect = picture) -> bool:
        inside = rect.x >= bounds.x and rect.y >= bounds.y and rect.right <= bounds.right and \
            rect.bottom <= bounds.bottom
        return inside and not index.blocked(rect, eid, strict)

    placed: dict[str, EdgeRoute] = {}
    width, height = layout.width, layout.height
    foot = _Foot(layout.width, layout.height)
    # a crowded picture searches less far before a label goes to the foot: the search is what
    # costs (a thousand flows would take minutes)
    labelled = sum(1 for e in edges.values() if e.label_lines)
    near, far = (30, 400) if labelled <= 120 else (3, 6)
    for eid, edge in edges.items():
        if not edge.label_lines:
            placed[eid] = edge
            continue
        w, h = size(edge.label_lines)
        curve = samples[eid]
        middle = curve[len(curve) // 2]
        # on the curve clear of other edges; else beside it, nearer it than any other line;
        # else around its middle clear of other edges; else on the curve or anywhere clear
        # of icons and labels
        # a flow inside the cloud keeps its label inside the cloud's box
        ends = (edge.points[0], edge.points[-1])
        bounds = cloud if all(cloud.contains_point(x, y) for x, y in ends) else picture
        strict = functools.partial(free, eid=eid, strict=True, bounds=bounds)

        def own(rect: Rect, eid: str = eid, curve: list = curve,
                strict: Callable[[Rect], bool] = strict) -> bool:
            """Clear, and nearer its own line than any other: it cannot be read as theirs."""
            if not strict(rect):
                return False
            return not index.other_within(rect, eid, min(rect.distance_to(x, y) for x, y in curve))

        # (reading its own line's distance costs: a crowded picture goes without)
        owned = own if labelled <= 120 else strict
        loose = functools.partial(free, eid=eid, strict=False, bounds=bounds)
        spot = _along(curve, w, h, strict) or _beside(curve, w, h, owned, min(near, 10)) or \
            _beside(curve, w, h, owned, near) or _ring_search(middle, w, h, strict, near) or \
            _along(curve, w, h, loose) or _ring_search(middle, w, h, loose, far) or \
            _ring_search(middle, w, h, functools.partial(free, eid=eid, strict=False), far)
        if spot is None:
            spot = foot.place(w, h)
            width, height = max(width, foot.width), max(height, foot.height)
        index.add_rect(spot)
        placed[eid] = EdgeRoute(edge.points, spot, edge.label_lines)
    return placed, width, height


def _border(rect: Rect, reach: float = 2.0) -> list[Rect]:
    """The four lines of a box, as thin rectangles."""
    x, y, r, b = rect.x, rect.y, rect.right, rect.bottom
    return [Rect(x - reach, y - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, b - reach, rect.w + 2 * reach, 2 * reach),
            Rect(x - reach, y - reach, 2 * reach, rect.h + 2 * reach),
            Rect(r - reach, y - reach, 2 * reach, rect.h + 2 * reach)]


class _Foot:
    """Rows under the picture for labels that found no free place in it."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.x, self.y, self.row = 8.0, height + 4, 0.0

    def place(self, w: float, h: float) -> Rect:
        if self.x > 8.0 and self.x + w > self.width - 8:
            self.x, self.y, self.row = 8.0, self.y + self.row + 4, 0.0
        spot = Rect(self.x, self.y, w, h)
        self.x += w + 8
        self.row = max(self.row, h)
        self.width = max(self.width, spot.right + 8)
        self.height = max(self.height, spot.bottom + 4)
        return spot


def _along(curve: list[tuple[float, float]], w: float, h: float,
           free: Callable[[Rect], bool]) -> Rect | None:
    for t in _ALONG:
        cx, cy = curve[min(len(curve) - 1, int(t * (len(curve) - 1)))]
        for dx, dy in ((0, 0), (w / 2 + 3, 0), (-w / 2 - 3, 0), (0, h / 2 + 3),
                       (0, -h / 2 - 3), (w / 2 + 3, h / 2 + 3), (-w / 2 - 3, h / 2 + 3),
                       (w / 2 + 3, -h / 2 - 3), (-w / 2 - 3, -h / 2 - 3),
                       (0, h + 6), (0, -h - 6)):
            rect = Rect(cx + dx - w / 2, cy + dy - h / 2, w, h)
            if free(rect):
                return rect
    return None


def _beside(curve: list[tuple[float, float]], w: float, h: float,
            free: Callable[[Rect], bool], rings: int) -> Rect | None:
    """The free spot nearest to any part of the curve, ``rings`` steps of 6 pt out at most:
    a label close to its own line, where the middle of the line is crowded."""
    # every few points of the curve, from its middle outwards, not its ends at the icons
    inner = curve[len(curve) // 10: len(curve) - len(curve) // 10 or None:3] or curve
    mid = len(inner) // 2
    order = sorted(range(len(inner)), key=lambda i: abs(i - mid))
    for ring in range(1, rings + 1):
        gap = 6.0 * ring
        for i in order:
            cx, cy = inner[i]
            for dx, dy in ((w / 2 + gap, 0), (-w / 2 - gap, 0), (0, h / 2 + gap),
                           (0, -h / 2 - gap), (w / 2 + gap, h / 2 + gap),
                           (-w / 2 - gap, h / 2 + gap), (w / 2 + gap, -h / 2 - gap),
                           (-w / 2 - gap, -h / 2 - gap)):
                rect = Rect(cx + dx - w / 2, cy + dy - h / 2, w, h)
                if free(rect):
                    return rect
    return None


def _ring_search(centre: tuple[float, float], w: float, h: float,
                 free: Callable[[Rect], bool], rings: int = 400) -> Rect | None:
    cx, cy = centre
    for ring in range(1, rings):
        r = ring * 8.0
        steps = 8 * ring
        for k in range(steps):
            angle = 2 * math.pi * k / steps
            rect = Rect(cx + r * math.cos(angle) - w / 2, cy + r * math.sin(angle) - h / 2, w, h)
            if free(rect):
                return rect
    return None
