"""The lattice a route runs on, and the search on it: round obstacles, never along a border,
within a budget."""

from __future__ import annotations

from archdoc.layout.geometry import GroupBox, Layout, Rect
from archdoc.layout.lattice import LEFT, RIGHT, Lattice, Port
from archdoc.layout.search import search_route
from archdoc.layout.usage import Usage

A = Port("a", RIGHT, (10.0, 100.0), (20.0, 100.0))
B = Port("b", LEFT, (300.0, 100.0), (290.0, 100.0))


def _route(blocks, groups=None, usage=None):
    layout = Layout(400.0, 300.0, groups=groups or {})
    lattice = Lattice(layout, blocks, [A.stub, B.stub])
    return search_route(lattice, usage or Usage(), [A], [B], None)


def test_a_free_line_is_straight():
    assert _route([]) == [A.point, A.stub, B.stub, B.point]


def test_a_route_goes_round_an_obstacle_in_its_way():
    wall = Rect(120.0, 40.0, 40.0, 120.0)
    path = _route([wall])
    assert path is not None and path[0] == A.point and path[-1] == B.point
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        assert x0 == x1 or y0 == y1  # orthogonal
        lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        assert not (lo_x < wall.right and hi_x > wall.x and lo_y < wall.bottom and hi_y > wall.y)


def test_no_stretch_runs_along_a_group_border():
    """The straight line y = 100 lies on a group's top border: the route leaves it."""
    groups = {"g": GroupBox(Rect(50.0, 100.0, 200.0, 100.0), ())}
    layout = Layout(400.0, 300.0, groups=groups)
    lattice = Lattice(layout, [], [A.stub, B.stub])
    j = lattice.y_at[100.0]
    i = lattice.x_at[55.0]  # the stretch 55 -> 245 lies on the border
    assert not lattice.open(i, j, RIGHT) and not lattice.open(i + 1, j, LEFT)
    assert lattice.open(i, lattice.y_at[105.0], RIGHT)  # 5 pt inside it is free
    path = _route([], groups)
    assert path is not None
    assert not any(a[1] == b[1] == 100.0 and min(a[0], b[0]) < 240.0 and max(a[0], b[0]) > 60.0
                   for a, b in zip(path, path[1:], strict=False))


def test_a_spent_budget_stops_the_search():
    usage = Usage()
    usage.budget = 0
    assert _route([Rect(120.0, 40.0, 40.0, 120.0)], usage=usage) is None
