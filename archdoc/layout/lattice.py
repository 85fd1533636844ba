"""The lattice a flow runs on (the search for its route there is ``layout.search``).

The lattice's lines run just clear of each obstacle (icons, node labels, group titles), through
each port, and just inside and outside each group border; a stretch within ``ON_BORDER`` of a
parallel border is blocked, so no flow runs along a border.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from archdoc.layout.geometry import Layout, Point, Rect, node_parts, title_rect

CLEAR = 3.0  # how close a flow may pass an obstacle
LINE_GAP = 8.0  # lattice lines this far outside each obstacle
BORDER_GAP = 5.0  # lattice lines this far inside and outside each group's border
ON_BORDER = 2.5  # a line this close to a parallel border runs along it: not allowed
RIGHT, LEFT, DOWN, UP = 0, 1, 2, 3
STEP = {RIGHT: (1, 0), LEFT: (-1, 0), DOWN: (0, 1), UP: (0, -1)}
REVERSE = {RIGHT: LEFT, LEFT: RIGHT, DOWN: UP, UP: DOWN}


@dataclass(frozen=True)
class Port:
    node: str
    side: int  # the direction a flow leaves it in
    point: Point  # on the icon's side (the bottom port: under the node's label)
    stub: Point  # STUB out from ``point``


def obstacles(layout: Layout, title_size) -> list[Rect]:
    """Icons, node labels and group titles, each grown by CLEAR."""
    out = []
    for box in layout.nodes.values():
        width = title_size(box.label_lines, "node")[0] if box.label_lines else 0.0
        out += [_grow(part, CLEAR) for part in node_parts(box, width)]
    for group in layout.groups.values():
        if group.label_lines:
            out.append(_grow(title_rect(group, layout.fonts.group), CLEAR))
    return out


def _grow(r: Rect, m: float) -> Rect:
    return Rect(r.x - m, r.y - m, r.w + 2 * m, r.h + 2 * m)


def _dedupe(values: Iterable[float], apart: float = 6.0) -> list[float]:
    """``values`` sorted, without those within ``apart`` of the one before (lines that close
    give a route nothing the first does not, and make the search slower)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > apart:
            out.append(v)
    return out


def _with(lines: list[float], fixed: set[float]) -> list[float]:
    keep = sorted(fixed)
    out = set(fixed)
    for v in lines:
        k = bisect_right(keep, v)
        near = [keep[i] for i in (k - 1, k) if 0 <= i < len(keep)]
        if all(abs(v - f) > 1.5 for f in near):
            out.add(v)
    return sorted(out)


def _merge(intervals: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Sorted, merged intervals as two lists (starts, ends)."""
    starts: list[float] = []
    ends: list[float] = []
    for a, b in sorted(intervals):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


class Lattice:
    """The lines a route may run on, and which stretches of each are blocked."""

    def __init__(self, layout: Layout, blocks: list[Rect], port_points: list[Point]):
        xs: list[float] = []
        ys: list[float] = []
        for r in blocks:
            xs += [r.x - LINE_GAP + CLEAR, r.right + LINE_GAP - CLEAR]
            ys += [r.y - LINE_GAP + CLEAR, r.bottom + LINE_GAP - CLEAR]
        for g in layout.groups.values():
            r = g.rect
            xs += [r.x - BORDER_GAP, r.x + BORDER_GAP, r.right - BORDER_GAP, r.right + BORDER_GAP]
            ys += [r.y - BORDER_GAP, r.y + BORDER_GAP, r.bottom - BORDER_GAP,
                   r.bottom + BORDER_GAP]
        # the lines through the ports, and the others where they are not within a point and a
        # half of one (a route would jog by less than that)
        self.xs = _with(_dedupe(xs), {p[0] for p in port_points})
        self.ys = _with(_dedupe(ys), {p[1] for p in port_points})
        self.x_at = {x: i for i, x in enumerate(self.xs)}
        self.y_at = {y: j for j, y in enumerate(self.ys)}
        borders_h = [(r.y, r.x, r.right) for g in layout.groups.values() for r in [g.rect]]
        borders_h += [(r.bottom, r.x, r.right) for g in layout.groups.values() for r in [g.rect]]
        borders_v = [(r.x, r.y, r.bottom) for g in layout.groups.values() for r in [g.rect]]
        borders_v += [(r.right, r.y, r.bottom) for g in layout.groups.values()
                      for r in [g.rect]]
        self.h_solid = self._lines(self.ys, [(r.y, r.bottom, r.x, r.right) for r in blocks])
        self.v_solid = self._lines(self.xs, [(r.x, r.right, r.y, r.bottom) for r in blocks])
        h_all = self._raw(self.ys, [(r.y, r.bottom, r.x, r.right) for r in blocks]
                          + [(y - ON_BORDER, y + ON_BORDER, a, b) for y, a, b in borders_h])
        v_all = self._raw(self.xs, [(r.x, r.right, r.y, r.bottom) for r in blocks]
                          + [(x - ON_BORDER, x + ON_BORDER, a, b) for x, a, b in borders_v])
        self.h_block = [_merge(iv) for iv in h_all]
        self.v_block = [_merge(iv) for iv in v_all]
        # per line, made when first searched: which stretches are free, which points solid
        self._h_open: dict[int, bytes] = {}
        self._v_open: dict[int, bytes] = {}
        self._solid: dict[int, bytes] = {}

    @staticmethod
    def _free(coords: list[float], block: tuple[list[float], list[float]]) -> bytes:
        """For each stretch between neighbouring ``coords`` on one line: 1 if it meets no
        blocked stretch (one sweep along the line)."""
        starts, ends = block
        out = bytearray(max(len(coords) - 1, 0))
        k = 0
        for n in range(len(coords) - 1):
            a, b = coords[n], coords[n + 1]
            while k < len(starts) and ends[k] <= a:
                k += 1
            out[n] = not (k < len(starts) and starts[k] < b)
        return bytes(out)

    def h_open(self, j: int) -> bytes:
        found = self._h_open.get(j)
        if found is None:
            found = self._h_open[j] = self._free(self.xs, self.h_block[j])
        return found

    def v_open(self, i: int) -> bytes:
        found = self._v_open.get(i)
        if found is None:
            found = self._v_open[i] = self._free(self.ys, self.v_block[i])
        return found

    def solid(self, j: int) -> bytes:
        """For each point of horizontal line ``j``: 1 if it lies inside an obstacle."""
        found = self._solid.get(j)
        if found is None:
            starts, ends = self.h_solid[j]
            out = bytearray(len(self.xs))
            k = 0
            for n, x in enumerate(self.xs):
                while k < len(starts) and ends[k] <= x:
                    k += 1
                out[n] = k < len(starts) and starts[k] < x
            found = self._solid[j] = bytes(out)
        return found

    @staticmethod
    def _raw(lines: list[float], spans: list[tuple[float, float, float, float]]
             ) -> list[list[tuple[float, float]]]:
        """For each line, the stretches (a, b) of every span (lo, hi, a, b) whose band
        lo < line < hi it lies in."""
        out: list[list[tuple[float, float]]] = [[] for _ in lines]
        for lo, hi, a, b in spans:
            k = bisect_right(lines, lo)
            while k < len(lines) and lines[k] < hi:
                out[k].append((a, b))
                k += 1
        return out

    def _lines(self, lines: list[float], spans: list[tuple[float, float, float, float]]
               ) -> list[tuple[list[float], list[float]]]:
        return [_merge(iv) for iv in self._raw(lines, spans)]

    @staticmethod
    def _hits(block: tuple[list[float], list[float]], a: float, b: float) -> bool:
        """Whether (a, b) meets a blocked stretch."""
        starts, ends = block
        k = bisect_right(starts, b) - 1  # the last stretch starting before b
        return k >= 0 and ends[k] > a

    def inside(self, i: int, j: int) -> bool:
        """Whether the lattice point lies inside an obstacle."""
        return bool(self.solid(j)[i])

    def open(self, i: int, j: int, d: int) -> bool:
        """Whether the stretch from lattice point (i, j) to its neighbour in direction d is
        free."""
        if d == RIGHT:
            return i + 1 < len(self.xs) and bool(self.h_open(j)[i])
        if d == LEFT:
            return i > 0 and bool(self.h_open(j)[i - 1])
        if d == DOWN:
            return j + 1 < len(self.ys) and bool(self.v_open(i)[j])
        return j > 0 and bool(self.v_open(i)[j - 1])
