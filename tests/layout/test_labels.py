"""Label placement: the last resort leaves a number on its own line only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archdoc.layout.geometry import EdgeRoute, Rect
from archdoc.layout.label_spots import Trace
from archdoc.layout.labels import Index, _own_point


@given(st.integers(0, 3), st.booleans())
def test_the_last_resort_point_is_on_its_own_line_and_no_other(shift, vertical):
    """A line crossing exactly at the route's middle (where the number went before) or near
    it: the point chosen is the nearest to the middle that the other line does not touch."""
    own = EdgeRoute(((0.0, 40.0), (96.0, 40.0), (96.0, 200.0)))  # middle at (96, 72)
    index = Index()
    for a, b in own.segments():
        index.add_segment("own", a, b)
    y = 72.0 + 4.0 * shift
    other = ((60.0, y), (130.0, y)) if not vertical else ((96.0, y - 2.0), (96.0, y + 2.0))
    index.add_segment("other", *other)
    spot = _own_point(Trace(own, 4.0), "own", index)
    assert own.distance_to(spot) == 0.0
    assert EdgeRoute(other).distance_to(spot) > 0.0
    trace = Trace(own, 4.0)
    middle = trace[len(trace) // 2]
    free = [trace[k] for k in range(len(trace))
            if EdgeRoute(other).distance_to(Rect(*trace[k], 0, 0)) > 0.0]
    nearest = min(abs(p[0] - middle[0]) + abs(p[1] - middle[1]) for p in free)
    assert abs(spot.x - middle[0]) + abs(spot.y - middle[1]) == nearest
