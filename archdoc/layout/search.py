"""The search for a flow's route on the lattice (A*), compiled where it can be.

A route costs its length, its bends, its crossings with the flows routed before and the
stretches it shares with them; a figure has a budget of search steps, so a crowded one stays
bounded. The search's inner loop is half the cost of a figure in Python, so it is also written
in C (``_search.c``, built by ``pip install``): the same states, costs, order and answer, move
for move (``tests/layout/test_search.py`` holds the two to it). Where no C compiler built it,
the Python loop here runs instead and draws the same figures, only slower.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

from archdoc.layout.geometry import Point, Rect
from archdoc.layout.lattice import DOWN, LEFT, REVERSE, RIGHT, UP, Lattice, Port
from archdoc.layout.usage import Usage

# what both loops answer: the steps taken, and where a route was found, the goal's index and
# the search states (lattice point * 4 + direction) from a start to it
Found = tuple[int, int | None, list[int] | None]

try:
    from archdoc.layout._search import search as _compiled

    compiled: Callable[..., Found] | None = _compiled
except ImportError:  # built without a C compiler
    compiled = None

BEND = 30.0  # cost of a bend, in points of length
CROSS = 120.0  # of crossing a flow routed before
SHARE = 150.0  # of running along a stretch another flow uses
PORT_TAKEN = 80.0  # of a port another flow already uses
EXPANSIONS = 200_000  # per flow; beyond this the flow is drawn as a simple connector
GREED = 1.0  # the heuristic's weight (1: the cheapest route)
RESCUE_GREED = 4.0  # ... of the search for a flow the budget left without a route
RESCUE = 20_000  # the steps that search may take, for each such flow



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
    ny = len(ys)
    # a search state (lattice point i, j; direction d it was reached in) as one int,
    # (i * ny + j) * 4 + d
    begin: list[tuple[int, float]] = []
    start_port: dict[int, Port] = {}
    cheapest: dict[int, float] = {}
    for s in starts:
        state = (lattice.x_at[s.stub[0]] * ny + lattice.y_at[s.stub[1]]) * 4 + s.side
        g0 = PORT_TAKEN * usage.ports.get(s.point, 0)
        begin.append((state, g0))
        if g0 < cheapest.get(state, math.inf):  # the search starts from the cheapest
            cheapest[state], start_port[state] = g0, s
    ends = [(lattice.x_at[g.stub[0]] * ny + lattice.y_at[g.stub[1]], g.side,
             PORT_TAKEN * usage.ports.get(g.point, 0)) for g in goals]
    # the heuristic: how far to the box round the head's ports (never more than the rest)
    box = (min(g.stub[0] for g in goals), max(g.stub[0] for g in goals),
           min(g.stub[1] for g in goals), max(g.stub[1] for g in goals))
    within = (bounds.x, bounds.right, bounds.y, bounds.bottom) if bounds else \
        (-math.inf, math.inf, -math.inf, math.inf)
    h_taken, v_taken, across_h, across_v = usage.keyed(ny)  # what the flows before use
    run = compiled if compiled is not None else search_py
    expansions, goal, states = run(xs, ys, lattice.h_open, lattice.v_open, lattice.solid,
                                   h_taken, v_taken, across_h, across_v, begin, ends, box,
                                   within, greed, share, cross, BEND, limit)
    usage.budget -= expansions
    if goal is None or states is None:
        return None
    cells = [state >> 2 for state in states]
    return [start_port[states[0]].point, *((xs[c // ny], ys[c % ny]) for c in cells),
            goals[goal].point]


def search_py(xs: list[float], ys: list[float], h_open: Callable[[int], bytes],
              v_open: Callable[[int], bytes], solid: Callable[[int], bytes],
              h_taken: dict[int, int], v_taken: dict[int, int], across_h: set[int],
              across_v: set[int], starts: list[tuple[int, float]],
              goals: list[tuple[int, int, float]], box: tuple[float, float, float, float],
              bounds: tuple[float, float, float, float], greed: float, share: float,
              cross: float, bend: float, limit: int) -> Found:
    """The search in Python, as ``_search.search`` runs it: from the ``starts`` (state, cost),
    to one of the ``goals`` (lattice point, side, cost of its port)."""
    # every move must cost something: a step back along lines out of order, or a negative
    # price, would make a loop cheaper each time round, and the path traced back from the
    # goal would never reach a start
    if not (all(b >= a for line in (xs, ys) for a, b in zip(line, line[1:], strict=False))
            and all(price >= 0.0 for price in (share, cross, bend, greed))):
        raise ValueError("route search: the lattice's lines must be in order and every price "
                         "at least 0")
    nx, ny = len(xs), len(ys)
    gx0, gx1, gy0, gy1 = box
    bx0, bx1, by0, by1 = bounds

    def h(i: int, j: int) -> float:
        x, y = xs[i], ys[j]
        return greed * (max(gx0 - x, 0.0, x - gx1) + max(gy0 - y, 0.0, y - gy1))

    heap: list[tuple[float, float, int, int]] = []
    best = [math.inf] * (nx * ny * 4)  # state -> the cheapest cost found to it
    parent: dict[int, int | None] = {}
    counter = 0
    for state, g0 in starts:
        if g0 < best[state]:
            best[state] = g0
            parent[state] = None
            cell = state >> 2
            heapq.heappush(heap, (g0 + h(cell // ny, cell % ny), -g0, counter, state))
            counter += 1
    goal_at: dict[int, list[int]] = {}
    for k, (cell, _, _) in enumerate(goals):
        goal_at.setdefault(cell, []).append(k)
    expansions = 0
    # the loop's names held locally, the four moves written out, each line's open stretches
    # and solid points fetched once
    heappush, heappop = heapq.heappush, heapq.heappop
    solid_rows: list[bytes | None] = [None] * ny
    open_rows: list[bytes | None] = [None] * ny
    open_columns: list[bytes | None] = [None] * nx
    while heap:
        f, neg, _, state = heappop(heap)
        g = -neg  # among equal estimates, the one furthest along first (fewer expansions)
        if g > best[state]:
            continue
        cell, d = state >> 2, state & 3
        if cell in goal_at:
            # arriving into the head's port: along its stub, or with one more bend
            k = min(goal_at[cell], key=lambda k: (bend if d != REVERSE[goals[k][1]] else 0.0)
                    + goals[k][2])
            if d != goals[k][1]:  # not arriving from inside the icon
                return expansions, k, _trace(state, parent)
        expansions += 1
        if expansions > limit:
            return expansions, None, None
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
                cost = g + step + (bend if nd != d else 0.0) + share * h_taken.get(at, 0)
                if c2 in across_h:  # another flow runs across here
                    cost += cross
            else:
                cost = g + step + (bend if nd != d else 0.0) + share * v_taken.get(at, 0)
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
    return expansions, None, None


def _trace(state: int, parent: dict[int, int | None]) -> list[int]:
    """The states from a start to ``state``."""
    states = []
    cur: int | None = state
    while cur is not None:
        states.append(cur)
        cur = parent[cur]
    states.reverse()
    return states
