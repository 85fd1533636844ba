"""The layout as a value: boxes, icon centres and edge routes keyed by scene ids.

Coordinates are points (1/72 in), origin top left, y growing downwards (as in SVG and draw.io).
Renderers read a :class:`Layout`; only ``layout/`` knows how it was computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class GroupBox:
    rect: Rect
    label_lines: tuple[str, ...]


@dataclass(frozen=True)
class EdgeRoute:
    """A routed flow, in the direction of the flow: ``points`` are the cubic Bézier control
    points (1 + 3n of them) from the tail to the head."""

    points: tuple[tuple[float, float], ...]
    label: Rect | None = None  # where the label is drawn, if the edge has one
    label_lines: tuple[str, ...] = ()

    def on_curve(self) -> list[tuple[float, float]]:
        """Points on the curve: every third control point."""
        return list(self.points[::3])

    def trace(self, step: float = 4.0) -> list[tuple[float, float]]:
        """Points along the curve at most about ``step`` apart, however long a segment is: a
        label or a line tested against them cannot slip between two samples."""
        out: list[tuple[float, float]] = []
        pts = self.points
        for i in range(0, len(pts) - 3, 3):
            p0, p1, p2, p3 = pts[i:i + 4]
            # the control polygon is never shorter than the curve it bounds
            length = math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3)
            out.extend(_bezier(p0, p1, p2, p3, max(1, math.ceil(length / step)),
                               first=not out))
        return out or list(pts)

    def samples(self, per_segment: int = 8) -> list[tuple[float, float]]:
        """``per_segment`` + 1 points of each segment of the curve."""
        pts = self.points
        out = [p for i in range(0, len(pts) - 3, 3)
               for p in _bezier(pts[i], pts[i + 1], pts[i + 2], pts[i + 3], per_segment)]
        return out or list(pts)


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


def _bezier(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
            p3: tuple[float, float], n: int, first: bool = True) -> list[tuple[float, float]]:
    """``n`` + 1 points of one cubic segment (without its start unless ``first``)."""
    out = []
    for k in range(0 if first else 1, n + 1):
        t = k / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out
