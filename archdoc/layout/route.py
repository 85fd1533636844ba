"""Orthogonal routing of the flows on the placed grid, as AWS draws its reference diagrams.

Every flow leaves its tail's icon and enters its head's at a right angle, through a port on a
side (three per side, so several flows into one icon do not share a line), and runs in
horizontal and vertical segments around every icon, node label and group title. The search is
A* on a sparse lattice: the lines just clear of each obstacle, through each port and just
inside and outside each group border, costing length, bends, crossings with the flows routed
before and stretches shared with them. A line never runs along a group's border.

Above ``SEARCH_MAX_NODES`` icons the search would cost more than the picture is worth: flows
are drawn as one- or two-bend connectors between facing ports instead (linear in the flows).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from archdoc.layout.geometry import Layout, Rect, node_parts, title_rect
from archdoc.layout.scene import Scene

Point = tuple[float, float]

STUB = 10.0  # a flow leaves and enters an icon at a right angle for this long (the
# arrowhead, 7 pt, sits on the last stub)
CLEAR = 3.0  # how close a flow may pass an obstacle
LINE_GAP = 8.0  # lattice lines this far outside each obstacle
BORDER_GAP = 5.0  # lattice lines this far inside and outside each group's border
ON_BORDER = 2.5  # a line this close to a parallel border runs along it: not allowed
PORT_OFFSETS = (0.0, -12.0, 12.0)
BEND = 30.0  # cost of a bend, in points of length
CROSS = 120.0  # of crossing a flow routed before
SHARE = 150.0  # of running along a stretch another flow uses
PORT_TAKEN = 80.0  # of a port another flow already uses
SEARCH_MAX_NODES = 220
EXPANSIONS = 200_000  # per flow; beyond this the flow is drawn as a simple connector
# for the whole figure: routing costs at most this many search steps, whatever the model (a
# flow routed after the budget is spent is a simple connector; the second, improving pass
# runs only while budget is left)
BUDGET = 150_000
GREED = 1.0  # the heuristic's weight (1: the cheapest route)
RESCUE_GREED = 4.0  # ... of the search for a flow the budget left without a route
RESCUE = 20_000  # the steps that search may take, for each such flow
RESCUE_BUDGET = 100_000  # ... and all of them together, in one figure
CHANNEL = 7.0  # a connector without a search passes a title this far beside it

RIGHT, LEFT, DOWN, UP = 0, 1, 2, 3
STEP = {RIGHT: (1, 0), LEFT: (-1, 0), DOWN: (0, 1), UP: (0, -1)}
REVERSE = {RIGHT: LEFT, LEFT: RIGHT, DOWN: UP, UP: DOWN}


@dataclass(frozen=True)
class Port:
    node: str
    side: int  # the direction a flow leaves it in
    point: Point  # on the icon's side (the bottom port: under the node's label)
    stub: Point  # STUB out from ``point``


def ports(nid: str, layout: Layout, where: str) -> list[Port]:
    """The ports of a node: three per side; a node on a VPC's top border only up and down,
    one on its right border only left and right (never along the border line)."""
    box = layout.nodes[nid]
    icon = box.icon
    cx, cy = icon.centre
    sides = {"vpc_border": (UP, DOWN), "vpc_edge": (LEFT, RIGHT)}.get(
        where, (RIGHT, LEFT, DOWN, UP))
    found = []
    for side in sides:
        for o in PORT_OFFSETS:
            if side == RIGHT:
                p = (icon.right, cy + o)
            elif side == LEFT:
                p = (icon.x, cy + o)
            elif side == UP:
                p = (cx + o, icon.y)
            else:
                p = (cx + o, box.rect.bottom)
            dx, dy = STEP[side]
            found.append(Port(nid, side, p, (p[0] + dx * STUB, p[1] + dy * STUB)))
    return found


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


class Usage:
    """What the flows routed so far occupy: lattice stretches, crossings, ports."""

    def __init__(self) -> None:
        self.stretch: dict[tuple[int, int, int], int] = {}  # (i, j, horizontal?) -> flows
        self.through: dict[tuple[int, int], set[int]] = {}  # point -> orientations (0 h, 1 v)
        self.ports: dict[Point, int] = {}
        self.budget = BUDGET  # search steps left for the figure
        self.rescue = RESCUE_BUDGET  # ... and for the greedy searches after it is spent

        self.passing: dict[tuple[int, int, int], int] = {}  # (point, orientation) -> flows

    def add(self, cells: list[tuple[int, int]], sign: int = 1) -> None:
        """Count a route's stretches (``sign`` -1: take a route out again)."""
        for (i, j), (i2, j2) in zip(cells, cells[1:], strict=False):
            if (i, j) == (i2, j2):
                continue
            horizontal = j == j2
            key = (min(i, i2), min(j, j2), 1 if horizontal else 0)
            self.stretch[key] = self.stretch.get(key, 0) + sign
            for p in ((i, j), (i2, j2)):
                pk = (p[0], p[1], 0 if horizontal else 1)
                self.passing[pk] = self.passing.get(pk, 0) + sign
                orientations = {o for o in (0, 1) if self.passing.get((p[0], p[1], o), 0) > 0}
                if orientations:
                    self.through[p] = orientations
                else:
                    self.through.pop(p, None)


def _route_one(lattice: Lattice, usage: Usage, starts: list[Port], goals: list[Port],
               bounds: Rect | None, greed: float = GREED,
               cap: int | None = None, others: bool = True) -> list[Point] | None:
    """The cheapest route from one of ``starts`` to one of ``goals`` on the lattice (with
    ``greed`` > 1, a good one found sooner; without ``others``, paying nothing for crossing
    or sharing the routes placed before), or None when the search stops: after
    ``EXPANSIONS`` steps or the figure's budget, or ``cap`` steps when given."""
    share, cross = (SHARE, CROSS) if others else (0.0, 0.0)
    limit = cap if cap is not None else min(EXPANSIONS, usage.budget)
    xs, ys = lattice.xs, lattice.ys
    goal_at: dict[tuple[int, int], list[Port]] = {}
    for goal in goals:
        goal_at.setdefault((lattice.x_at[goal.stub[0]], lattice.y_at[goal.stub[1]]),
                           []).append(goal)
    # the heuristic: how far to the box round the head's ports (never more than the rest)
    gx0, gx1 = min(g.stub[0] for g in goals), max(g.stub[0] for g in goals)
    gy0, gy1 = min(g.stub[1] for g in goals), max(g.stub[1] for g in goals)

    def h(i: int, j: int) -> float:
        x, y = xs[i], ys[j]
        return greed * (max(gx0 - x, 0.0, x - gx1) + max(gy0 - y, 0.0, y - gy1))

    heap: list[tuple[float, float, int, int, int, int]] = []
    best: dict[tuple[int, int, int], float] = {}
    parent: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    start_port: dict[tuple[int, int, int], Port] = {}
    counter = 0
    for s in starts:
        i, j = lattice.x_at[s.stub[0]], lattice.y_at[s.stub[1]]
        state = (i, j, s.side)
        g0 = PORT_TAKEN * usage.ports.get(s.point, 0)
        if g0 < best.get(state, math.inf):
            best[state] = g0
            parent[state] = None
            start_port[state] = s
            heapq.heappush(heap, (g0 + h(i, j), -g0, counter, i, j, s.side))
            counter += 1
    expansions = 0
    while heap:
        f, neg, _, i, j, d = heapq.heappop(heap)
        g = -neg  # among equal estimates, the one furthest along first (fewer expansions)
        state = (i, j, d)
        if g > best.get(state, math.inf):
            continue
        if (i, j) in goal_at:
            # arriving into the head's port: along its stub, or with one more bend
            port = min(goal_at[(i, j)], key=lambda p: (BEND if d != REVERSE[p.side] else 0.0)
                       + PORT_TAKEN * usage.ports.get(p.point, 0))
            if d != port.side:  # not arriving from inside the icon
                usage.budget -= expansions
                return _trace(state, parent, start_port, port, xs, ys)
        expansions += 1
        if expansions > limit:
            usage.budget -= expansions
            return None
        for nd in (RIGHT, LEFT, DOWN, UP):
            if nd == REVERSE[d] or not lattice.open(i, j, nd):
                continue
            i2, j2 = i + STEP[nd][0], j + STEP[nd][1]
            if lattice.inside(i2, j2):
                continue
            x2, y2 = xs[i2], ys[j2]
            if bounds is not None and not bounds.contains_point(x2, y2):
                continue
            step = abs(x2 - xs[i]) + abs(y2 - ys[j])
            horizontal = nd in (RIGHT, LEFT)
            key = (min(i, i2), min(j, j2), 1 if horizontal else 0)
            cost = g + step + (BEND if nd != d else 0.0) + share * usage.stretch.get(key, 0)
            crossing = usage.through.get((i2, j2))
            if crossing and (0 if horizontal else 1) not in crossing:
                cost += cross
            nxt = (i2, j2, nd)
            if cost < best.get(nxt, math.inf):
                best[nxt] = cost
                parent[nxt] = state
                heapq.heappush(heap, (cost + h(i2, j2), -cost, counter, i2, j2, nd))
                counter += 1
    usage.budget -= expansions
    return None


def _trace(state, parent, start_port, goal: Port, xs, ys) -> list[Point]:
    cells = []
    cur = state
    while cur is not None:
        cells.append(cur)
        prev = parent[cur]
        if prev is None:
            start = start_port[cur]
        cur = prev
    cells.reverse()
    points = [start.point] + [(xs[i], ys[j]) for i, j, _ in cells] + [goal.point]
    return points


def simplify(points: list[Point]) -> list[Point]:
    """Without repeated and collinear points."""
    out: list[Point] = []
    for p in points:
        if out and math.dist(out[-1], p) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or \
                    (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out


JOG = 8.0  # a sideways step this short next to an icon is taken out by moving the port


def unjog(path: list[Point], layout: Layout, tail: str, head: str) -> list[Point]:
    """Without the little step a route makes to meet a port a few points off its line: the
    port slides along its side instead (while it stays on the icon)."""
    path = list(path)
    for end, nid in ((0, tail), (-1, head)):
        if len(path) < 4:
            break
        icon = layout.nodes[nid].icon
        step = 1 if end == 0 else -1
        p, stub, bend, after = (path[end], path[end + step], path[end + 2 * step],
                                path[end + 3 * step])
        vertical = abs(p[0] - stub[0]) < 0.01
        if abs(p[0] - stub[0]) + abs(p[1] - stub[1]) > STUB + 0.5:
            continue  # no stub of its own: its first stretch is a long one, moved it would
            # run elsewhere (along a border, through a title) than the search let it
        if vertical and abs(stub[1] - bend[1]) < 0.01 and abs(bend[0] - stub[0]) < JOG \
                and abs(after[0] - bend[0]) < 0.01 and icon.x + 4 <= bend[0] <= icon.right - 4:
            dx = bend[0]
            path[end], path[end + step] = (dx, p[1]), (dx, stub[1])
        elif not vertical and abs(stub[0] - bend[0]) < 0.01 and abs(bend[1] - stub[1]) < JOG \
                and abs(after[1] - bend[1]) < 0.01 and icon.y + 4 <= bend[1] <= icon.bottom - 4:
            dy = bend[1]
            path[end], path[end + step] = (p[0], dy), (stub[0], dy)
    return simplify(path)


def _facing(a: list[Port], b: list[Port]) -> tuple[Port, Port]:
    """The centre ports of the two nodes that face each other best (nearest stubs)."""
    centres_a, centres_b = a[::len(PORT_OFFSETS)], b[::len(PORT_OFFSETS)]
    return min(((pa, pb) for pa in centres_a for pb in centres_b),
               key=lambda pair: abs(pair[0].stub[0] - pair[1].stub[0])
               + abs(pair[0].stub[1] - pair[1].stub[1]))


def connector(pa: Port, pb: Port, avoid: tuple[Rect, ...] | list[Rect] = ()) -> list[Point]:
    """A one- or two-bend connector from port to port, without a search: of its shapes (one
    bend either way, two bends through the middle either way), the one that crosses the
    fewest of ``avoid`` (group titles), then the shortest."""
    from archdoc.layout.geometry import segment_to_rect

    (ax, ay), (bx, by) = pa.stub, pb.stub
    shapes = [[(bx, ay)], [(ax, by)], [((ax + bx) / 2, ay), ((ax + bx) / 2, by)],
              [(ax, (ay + by) / 2), (bx, (ay + by) / 2)]]
    # and through the channels beside and under the titles near the way: right or left of a
    # title, under or over it (up to three bends more)
    near = Rect(min(ax, bx) - 60, min(ay, by) - 60, abs(ax - bx) + 120, abs(ay - by) + 120)
    close = [r for r in avoid if r.overlaps(near)][:12]
    xs = sorted({v for r in close for v in (r.right + CHANNEL, r.x - CHANNEL)})
    ys = sorted({v for r in close for v in (r.bottom + CHANNEL, r.y - CHANNEL)})
    shapes += [[(c, ay), (c, by)] for c in xs] + [[(ax, d), (bx, d)] for d in ys]
    shapes += [[(c, ay), (c, d), (bx, d)] for c in xs for d in ys]
    shapes += [[(ax, d), (c, d), (c, by)] for c in xs for d in ys]

    # only the titles where some shape may pass can be crossed
    px = [ax, bx, *xs]
    py = [ay, by, *ys]
    reach = Rect(min(px), min(py), max(px) - min(px), max(py) - min(py))
    relevant = [r for r in avoid if r.overlaps(reach, 1.0)]

    def length(inner: list[Point]) -> float:
        path = [pa.stub, *inner, pb.stub]
        return sum(abs(a[0] - b[0]) + abs(a[1] - b[1])
                   for a, b in zip(path, path[1:], strict=False))

    def hits(inner: list[Point]) -> int:
        path = [pa.stub, *inner, pb.stub]
        return sum(1 for a, b in zip(path, path[1:], strict=False) for r in relevant
                   if segment_to_rect(a, b, r) == 0.0)

    best: tuple[int, list[Point]] | None = None
    for inner in sorted(shapes, key=length):  # the shortest that crosses no title, else fewest
        found = hits(inner)
        if best is None or found < best[0]:
            best = (found, inner)
        if found == 0:
            break
    assert best is not None
    return simplify([pa.point, pa.stub, *best[1], pb.stub, pb.point])


def self_loop(layout: Layout, nid: str) -> list[Point]:
    icon = layout.nodes[nid].icon
    cx, cy = icon.centre
    r, top = icon.right + STUB + 4, icon.y - STUB - 4
    return [(icon.right, cy), (r, cy), (r, top), (cx, top), (cx, icon.y)]


def route_all(scene: Scene, layout: Layout, title_size,
              bounds_of=None) -> dict[str, list[Point]]:
    """Edge id -> its orthogonal polyline from the tail's icon to the head's."""
    port_sets = {nid: ports(nid, layout, scene.nodes[nid].where) for nid in layout.nodes}
    edges = [e for e in scene.edges if e.tail in layout.nodes and e.head in layout.nodes]
    routes: dict[str, list[Point]] = {}
    search = len(layout.nodes) <= SEARCH_MAX_NODES
    lattice = None
    if search:
        used_ports = {p.stub for e in edges for n in (e.tail, e.head) for p in port_sets[n]}
        lattice = Lattice(layout, obstacles(layout, title_size), list(used_ports))
    usage = Usage()

    def length(e) -> float:
        (ax, ay), (bx, by) = layout.nodes[e.tail].icon.centre, layout.nodes[e.head].icon.centre
        return abs(ax - bx) + abs(ay - by)

    taken: dict[str, list[tuple[int, int]]] = {}  # edge id -> the lattice points it uses
    titles = [title_rect(g, layout.fonts.group) for g in layout.groups.values() if g.label_lines]

    def place(edge) -> None:
        found = None
        if lattice is not None and usage.budget > 0:
            found = _route_one(lattice, usage, port_sets[edge.tail], port_sets[edge.head],
                               bounds_of(edge) if bounds_of else None)
        if found is None and lattice is not None and usage.rescue > 0:
            # the budget spent: a greedy search (weighted A*) that pays only for length and
            # bends, which finds a route round every icon and title in a few thousand steps
            # where the cheapest, weighing every crossing, would take tens of thousands
            before = usage.budget
            found = _route_one(lattice, usage, port_sets[edge.tail], port_sets[edge.head],
                               bounds_of(edge) if bounds_of else None, RESCUE_GREED,
                               min(RESCUE, usage.rescue), others=False)
            usage.rescue -= before - usage.budget
        if found is None:
            found = connector(*_facing(port_sets[edge.tail], port_sets[edge.head]), titles)
        path = unjog(simplify(found), layout, edge.tail, edge.head)
        routes[edge.id] = path
        usage.ports[path[0]] = usage.ports.get(path[0], 0) + 1
        usage.ports[path[-1]] = usage.ports.get(path[-1], 0) + 1
        if lattice is not None:  # every stretch it runs along, stubs included
            taken[edge.id] = _cells(lattice, simplify(found[1:-1]))
            usage.add(taken[edge.id])

    ordered = sorted(edges, key=length)
    for edge in ordered:
        if edge.tail == edge.head:
            routes[edge.id] = self_loop(layout, edge.tail)
        else:
            place(edge)
    if lattice is not None:
        # once more, each route taken out and searched again knowing all the others (the
        # first routes were placed before the later ones existed); kept where it crosses less
        for edge in ordered:
            if edge.id not in taken or usage.budget < BUDGET // 4:
                continue
            before = routes[edge.id]
            old_cells = taken[edge.id]
            crossed = _crossings_of(edge.id, routes)
            if not crossed:
                continue
            usage.add(old_cells, -1)
            for end in (before[0], before[-1]):
                usage.ports[end] -= 1
            place(edge)
            if _crossings_of(edge.id, routes) > crossed:  # worse: put the first one back
                usage.add(taken[edge.id], -1)
                for end in (routes[edge.id][0], routes[edge.id][-1]):
                    usage.ports[end] -= 1
                routes[edge.id], taken[edge.id] = before, old_cells
                usage.add(old_cells)
                for end in (before[0], before[-1]):
                    usage.ports[end] = usage.ports.get(end, 0) + 1
    return routes


def _crossings_of(eid: str, routes: dict[str, list[Point]]) -> int:
    """How many times route ``eid`` crosses the others."""
    mine = list(zip(routes[eid], routes[eid][1:], strict=False))
    count = 0
    for other, path in routes.items():
        if other == eid:
            continue
        for (ax, ay), (bx, by) in mine:
            for (cx, cy), (dx, dy) in zip(path, path[1:], strict=False):
                if abs(ay - by) < 0.01 and abs(cx - dx) < 0.01:
                    h, v = ((ax, bx), ay), (cx, (cy, dy))
                elif abs(ax - bx) < 0.01 and abs(cy - dy) < 0.01:
                    h, v = ((cx, dx), cy), (ax, (ay, by))
                else:
                    continue
                (x0, x1), y = (sorted(h[0]), h[1])
                x, (y0, y1) = v[0], sorted(v[1])
                if x0 + 0.5 < x < x1 - 0.5 and y0 + 0.5 < y < y1 - 0.5:
                    count += 1
    return count


def _cells(lattice: Lattice, path: list[Point]) -> list[tuple[int, int]]:
    """The lattice points along a path's inner vertices (each stretch between lattice
    neighbours), for the usage of the flows routed after it."""
    out: list[tuple[int, int]] = []
    for (ax, ay), (bx, by) in zip(path, path[1:], strict=False):
        ia, ja = lattice.x_at.get(ax), lattice.y_at.get(ay)
        ib, jb = lattice.x_at.get(bx), lattice.y_at.get(by)
        if None in (ia, ja, ib, jb):
            continue
        assert ia is not None and ja is not None and ib is not None and jb is not None
        if ja == jb:
            step = 1 if ib >= ia else -1
            out += [(i, ja) for i in range(ia, ib + step, step)]
        else:
            step = 1 if jb >= ja else -1
            out += [(ia, j) for j in range(ja, jb + step, step)]
    return out


def _az_columns(scene: Scene, layout: Layout) -> dict[str, Rect]:
    """Node id -> the box of the AZ column it stands in, for nodes in a subnet."""
    out: dict[str, Rect] = {}
    for az in (g for g in scene.groups() if g.style == "az" and g.id in layout.groups):
        for group in az.walk():
            out.update(dict.fromkeys(group.nodes, layout.groups[az.id].rect))
    return out


def route(scene: Scene, layout: Layout) -> Layout:
    """Route every edge and place its label; returns the finished layout."""
    from dataclasses import replace

    from archdoc.layout.geometry import EdgeRoute
    from archdoc.layout.grid import EDGE_LABEL_WIDTH, label_size
    from archdoc.layout.labels import place_labels
    from archdoc.layout.textsize import block_size, wrap

    fonts = layout.fonts

    def title_size(lines, which: str) -> tuple[float, float]:
        return block_size(lines, fonts.node if which == "node" else fonts.group)

    column = _az_columns(scene, layout)

    def bounds_of(edge) -> Rect | None:
        """A flow within one AZ stays in its column."""
        box = column.get(edge.tail)
        return box if box is not None and box == column.get(edge.head) else None

    paths = route_all(scene, layout, title_size, bounds_of)
    edges = {}
    variants: dict[str, list[tuple[str, ...]]] = {}
    for edge in scene.edges:
        if edge.id not in paths:
            continue
        lines = tuple(wrap(edge.label, fonts.edge, EDGE_LABEL_WIDTH)) if edge.label else ()
        edges[edge.id] = EdgeRoute(tuple(paths[edge.id]), None, lines)
        if lines:  # narrower and taller, for a label that does not fit its line as it is
            forms = [lines] + [tuple(wrap(edge.label, fonts.edge, w)) for w in (84.0, 60.0)]
            variants[edge.id] = list(dict.fromkeys(forms))
    edges, legend = place_labels(layout, edges, lambda ls: label_size(ls, fonts.edge), variants)
    if not legend:
        return replace(layout, edges=edges)
    box = legend_box(legend, fonts.edge, layout.width, layout.height)
    return replace(layout, edges=edges, legend=tuple(legend), legend_box=box,
                   height=box.bottom + 10.0)


LEGEND_GAP = 16.0  # between two entries of the legend in one row


def legend_columns(legend, size: float, width: float) -> tuple[int, float, float]:
    """How many entries a row of the legend holds, and each entry's width and height."""
    from archdoc.layout.labels import BADGE
    from archdoc.layout.textsize import block_size

    sizes = [block_size(lines, size) for _, lines in legend]
    entry_w = BADGE + 6 + max(w for w, _ in sizes)
    entry_h = max(max(h for _, h in sizes), BADGE) + 4
    per_row = max(1, int((width - 20 + LEGEND_GAP) // (entry_w + LEGEND_GAP)))
    return min(per_row, len(legend)), entry_w, entry_h


def legend_box(legend, size: float, width: float, top: float) -> Rect:
    """The box under the picture that lists the numbered labels."""
    per_row, entry_w, entry_h = legend_columns(legend, size, width)
    rows = -(-len(legend) // per_row)
    w = per_row * entry_w + (per_row - 1) * LEGEND_GAP + 12
    return Rect(10.0, top + 4, w, rows * entry_h + 10)
