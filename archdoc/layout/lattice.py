"""The lattice a flow runs on, and the search for its route there (A*).

The lattice's lines run just clear of each obstacle (icons, node labels, group titles), through
each port, and just inside and outside each group border; a stretch within ``ON_BORDER`` of a
parallel border is blocked, so no flow runs along a border. A route costs its length, its
bends, its crossings with the flows routed before and the stretches it shares with them; a
figure has a budget of search steps, so a crowded one stays bounded.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from archdoc.layout.geometry import Layout, Point, Rect, node_parts, title_rect
from archdoc.layout.usage import Usage

CLEAR = 3.0  # how close a flow may pass an obstacle
LINE_GAP = 8.0  # lattice lines this far outside each obstacle
BORDER_GAP = 5.0  # lattice lines this far inside and outside each group's border
ON_BORDER = 2.5  # a line this close to a parallel border runs along it: not allowed
BEND = 30.0  # cost of a bend, in points of length
CROSS = 120.0  # of crossing a flow routed before
SHARE = 150.0  # of running along a stretch another flow uses
PORT_TAKEN = 80.0  # of a port another flow already uses
EXPANSIONS = 200_000  # per flow; beyond this the flow is drawn as a simple connector
GREED = 1.0  # the heuristic's weight (1: the cheapest route)
RESCUE_GREED = 4.0  # ... of the search for a flow the budget left without a route
RESCUE = 20_000  # the steps that search may take, for each such flow

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


def search_route(lattice: Lattice, usage: Usage, starts: list[Port], goals: list[Port],
               bounds: Rect | None, greed: float = GREED,
               cap: int | None = None, others: bool = True) -> list[Point] | None:
    """The cheapest route from one of ``starts`` to one of ``goals`` on the lattice (with
    ``greed`` > 1, a good one found sooner; without ``others``, paying nothing for crossing
    the routes placed before, though still for sharing their stretches: a label needs a
    stretch of its own), or None when the search stops: after
    ``EXPANSIONS`` steps or the figure's budget, or ``cap`` steps when given."""
    share, cross = (SHARE, CROSS) if others else (SHARE, 0.0)
    limit = cap if cap is not None else min(EXPANSIONS, usage.budget)
    xs, ys = lattice.xs, lattice.ys
    nx, ny = len(xs), len(ys)
    # a search state (lattice point i, j; direction d it was reached in) as one int,
    # (i * ny + j) * 4 + d: the dictionaries below hash it faster than a tuple
    goal_at: dict[int, list[Port]] = {}
    for goal in goals:
        goal_at.setdefault(lattice.x_at[goal.stub[0]] * ny + lattice.y_at[goal.stub[1]],
                           []).append(goal)
    # the heuristic: how far to the box round the head's ports (never more than the rest)
    gx0, gx1 = min(g.stub[0] for g in goals), max(g.stub[0] for g in goals)
    gy0, gy1 = min(g.stub[1] for g in goals), max(g.stub[1] for g in goals)

    def h(i: int, j: int) -> float:
        x, y = xs[i], ys[j]
        return greed * (max(gx0 - x, 0.0, x - gx1) + max(gy0 - y, 0.0, y - gy1))

    heap: list[tuple[float, float, int, int]] = []
    best = [math.inf] * (nx * ny * 4)  # state -> the cheapest cost found to it
    parent: dict[int, int | None] = {}
    start_port: dict[int, Port] = {}
    counter = 0
    for s in starts:
        i, j = lattice.x_at[s.stub[0]], lattice.y_at[s.stub[1]]
        state = (i * ny + j) * 4 + s.side
        g0 = PORT_TAKEN * usage.ports.get(s.point, 0)
        if g0 < best[state]:
            best[state] = g0
            parent[state] = None
            start_port[state] = s
            heapq.heappush(heap, (g0 + h(i, j), -g0, counter, state))
            counter += 1
    h_taken, v_taken, across_h, across_v = usage.keyed(ny)  # what the flows before use
    expansions = 0
    # the loop's names held locally, the four moves written out, each line's open stretches
    # and solid points fetched once: this loop is half the cost of a build (same order of
    # moves and same arithmetic as one loop over STEP, so the same routes)
    h_open, v_open, solid = lattice.h_open, lattice.v_open, lattice.solid
    ports = usage.ports
    heappush, heappop = heapq.heappush, heapq.heappop
    solid_rows: list[bytes | None] = [None] * ny
    open_rows: list[bytes | None] = [None] * ny
    open_columns: list[bytes | None] = [None] * nx
    bx0, bx1, by0, by1 = (bounds.x, bounds.right, bounds.y, bounds.bottom) if bounds else \
        (-math.inf, math.inf, -math.inf, math.inf)
    while heap:
        f, neg, _, state = heappop(heap)
        g = -neg  # among equal estimates, the one furthest along first (fewer expansions)
        if g > best[state]:
            continue
        cell, d = state >> 2, state & 3
        if cell in goal_at:
            # arriving into the head's port: along its stub, or with one more bend
            port = min(goal_at[cell], key=lambda p: (BEND if d != REVERSE[p.side] else 0.0)
                       + PORT_TAKEN * ports.get(p.point, 0))
            if d != port.side:  # not arriving from inside the icon
                usage.budget -= expansions
                return _trace(state, parent, start_port, port, xs, ys)
        expansions += 1
        if expansions > limit:
            usage.budget -= expansions
            return None
        i, j = divmod(cell, ny)
        row = open_rows[j]
        if row is None:
            row = open_rows[j] = h_open(j)
        column = open_columns[i]
        if column is None:
            column = open_columns[i] = v_open(i)
        x, y = xs[i], ys[j]
        # each move: (direction, i2, j2, the stretch's point and whether horizontal, length)
        if d != LEFT and i + 1 < nx and row[i]:
            moves = [(RIGHT, i + 1, j, cell, True, xs[i + 1] - x)]
        else:
            moves = []
        if d != RIGHT and i > 0 and row[i - 1]:
            moves.append((LEFT, i - 1, j, cell - ny, True, x - xs[i - 1]))
        if d != UP and j + 1 < ny and column[j]:
            moves.append((DOWN, i, j + 1, cell, False, ys[j + 1] - y))
        if d != DOWN and j > 0 and column[j - 1]:
            moves.append((UP, i, j - 1, cell - 1, False, y - ys[j - 1]))
        for nd, i2, j2, at, horizontal, step in moves:
            solid_row = solid_rows[j2]
            if solid_row is None:
                solid_row = solid_rows[j2] = solid(j2)
            if solid_row[i2]:
                continue
            x2, y2 = xs[i2], ys[j2]
            if not (bx0 <= x2 <= bx1 and by0 <= y2 <= by1):
                continue
            c2 = i2 * ny + j2
            if horizontal:
                cost = g + step + (BEND if nd != d else 0.0) + share * h_taken.get(at, 0)
                if c2 in across_h:  # another flow runs across here
                    cost += cross
            else:
                cost = g + step + (BEND if nd != d else 0.0) + share * v_taken.get(at, 0)
                if c2 in across_v:
                    cost += cross
            nxt = c2 * 4 + nd
            if cost < best[nxt]:
                best[nxt] = cost
                parent[nxt] = state
                hx = gx0 - x2 if x2 < gx0 else (x2 - gx1 if x2 > gx1 else 0.0)
                hy = gy0 - y2 if y2 < gy0 else (y2 - gy1 if y2 > gy1 else 0.0)
                heappush(heap, (cost + greed * (hx + hy), -cost, counter, nxt))
                counter += 1
    usage.budget -= expansions
    return None


def _trace(state: int, parent: dict[int, int | None], start_port: dict[int, Port],
           goal: Port, xs: list[float], ys: list[float]) -> list[Point]:
    cells = []
    cur: int | None = state
    while cur is not None:
        cells.append(cur // 4)
        prev = parent[cur]
        if prev is None:
            start = start_port[cur]
        cur = prev
    cells.reverse()
    ny = len(ys)
    points = [start.point] + [(xs[c // ny], ys[c % ny]) for c in cells] + [goal.point]
    return points
