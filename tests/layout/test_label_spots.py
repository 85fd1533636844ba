"""Where a label may go: the points along a route, read one at a time, are the route's trace,
and the points from a middle outwards come nearest first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archdoc.layout.geometry import EdgeRoute
from archdoc.layout.label_spots import Trace, outwards

coordinate = st.floats(0, 5000, allow_nan=False)


@st.composite
def routes(draw) -> EdgeRoute:
    """Orthogonal polylines, zero-length segments and very long ones included."""
    points = [(draw(coordinate), draw(coordinate))]
    for _ in range(draw(st.integers(1, 6))):
        x, y = points[-1]
        points.append((draw(coordinate), y) if draw(st.booleans()) else (x, draw(coordinate)))
    return EdgeRoute(tuple(points))


@given(routes(), st.sampled_from([4.0, 8.0]))
def test_a_trace_read_point_by_point_is_the_routes_trace(edge, step):
    whole = edge.trace(step)
    trace = Trace(edge, step)
    assert len(trace) == len(whole)
    assert [trace[k] for k in range(len(trace))] == whole


@given(st.integers(0, 300))
def test_points_from_the_middle_outwards_in_the_order_of_their_distance(count):
    middle = count // 2
    assert list(outwards(count, middle)) == sorted(range(count), key=lambda k: abs(k - middle))
