"""The layout as a value: boxes, icon centres and edge routes keyed by scene ids.

Coordinates are points (1/72 in), origin top left, y growing downwards (as in SVG and draw.io).
Renderers read a :class:`Layout`; only ``layout/`` knows how it was computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Point = tuple[float, float]  # x, y


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def overlaps(self, other: Rect, margin: float = 0.0) -> bool:
        return (self.x < other.right + margin and other.x < self.right + margin
                and self.y < other.bottom + margin and other.y < self.bottom + margin)

    def contains_point(self, x: float, y: float, margin: float = 0.0) -> bool:
        return (self.x - margin <= x <= self.right + margin
                and self.y - margin <= y <= self.bottom + margin)

    def distance_to(self, x: float, y: float) -> float:
        """How far (x, y) lies outside the rectangle; 0 inside it."""
        return math.hypot(max(self.x - x, 0.0, x - self.right),
                          max(self.y - y, 0.0, y - self.bottom))


@dataclass(frozen=True)
class NodeBox:
    rect: Rect  # the whole node: icon and the label under it
    icon: Rect
    label_lines: tuple[str, ...]
    boundary: Rect | None = None  # the red boundary of its security groups, round the node
    boundary_lines: tuple[str, ...] = ()  # their names, at the boundary's top left


def node_parts(box: NodeBox, label_width: float) -> list[Rect]:
    """What of a node is drawn: its icon, and its label's text (``label_width`` wide, centred
    under the icon); the rest of its box is air a line or a label may use."""
    parts = [box.icon]
    if box.label_lines and box.rect.bottom > box.icon.bottom + 1:
        w = min(box.rect.w, max(label_width, 1.0))
        cx = box.icon.centre[0]
        parts.append(Rect(cx - w / 2, box.icon.bottom + 1, w,
                          box.rect.bottom - box.icon.bottom - 1))
    return parts


@dataclass(frozen=True)
class GroupBox:
    rect: Rect
    label_lines: tuple[str, ...]


def title_rect(group: GroupBox, size: float) -> Rect:
    """Where a group's title is written: at its top left corner, the icon then the text."""
    from archdoc.layout.textsize import block_size

    w, h = block_size(group.label_lines, size)
    return Rect(group.rect.x, group.rect.y, w + 30, max(h, 14.0) + 8)


@dataclass(frozen=True)
class EdgeRoute:
    """A routed flow, in the direction of the flow: ``points`` is its polyline of horizontal
    and vertical segments, from a port on the tail's icon to one on the head's."""

    points: tuple[tuple[float, float], ...]
    label: Rect | None = None  # where the label is drawn, if the edge has one
    label_lines: tuple[str, ...] = ()
    badge: str = ""  # where the label did not fit its line: the number on the line instead,
    # the label itself in the legend

    def segments(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        return list(zip(self.points, self.points[1:], strict=False))

    def on_curve(self) -> list[tuple[float, float]]:
        """The polyline's vertices."""
        return list(self.points)

    def trace(self, step: float = 4.0) -> list[tuple[float, float]]:
        """Points along the route at most about ``step`` apart, however long a segment is: a
        label or a line tested against them cannot slip between two samples."""
        out: list[tuple[float, float]] = list(self.points[:1])
        for (ax, ay), (bx, by) in self.segments():
            n = max(1, math.ceil(math.dist((ax, ay), (bx, by)) / step))
            out += [(ax + (bx - ax) * k / n, ay + (by - ay) * k / n) for k in range(1, n + 1)]
        return out

    def samples(self, per_segment: int = 8) -> list[tuple[float, float]]:
        """``per_segment`` + 1 points of each segment."""
        out: list[tuple[float, float]] = []
        for (ax, ay), (bx, by) in self.segments():
            out += [(ax + (bx - ax) * k / per_segment, ay + (by - ay) * k / per_segment)
                    for k in range(0 if not out else 1, per_segment + 1)]
        return out or list(self.points)

    def bends(self) -> int:
        return max(len(self.points) - 2, 0)

    def distance_to(self, rect: Rect) -> float:
        """How near the route comes to ``rect`` (0: it touches or crosses it)."""
        return min((segment_to_rect(a, b, rect) for a, b in self.segments()),
                   default=math.inf)


def segment_to_rect(a: tuple[float, float], b: tuple[float, float], rect: Rect) -> float:
    """Distance between an axis-parallel segment and a rectangle (0 if they meet)."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    dx = max(rect.x - x1, 0.0, x0 - rect.right)
    dy = max(rect.y - y1, 0.0, y0 - rect.bottom)
    return math.hypot(dx, dy)


@dataclass(frozen=True)
class Fonts:
    """Point sizes of the text the layout sized itself for."""

    node: float = 11.0
    group: float = 11.0
    edge: float = 11.0

    @property
    def smallest(self) -> float:
        return min(self.node, self.group, self.edge)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    groups: dict[str, GroupBox] = field(default_factory=dict)
    nodes: dict[str, NodeBox] = field(default_factory=dict)
    edges: dict[str, EdgeRoute] = field(default_factory=dict)
    fonts: Fonts = field(default_factory=Fonts)
    # the labels drawn as numbers on their lines: (number, label lines), and where they are
    # listed (a box under the picture)
    legend: tuple[tuple[str, tuple[str, ...]], ...] = ()
    legend_box: Rect | None = None
