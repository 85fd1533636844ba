"""The compiled route search is the Python search, move for move.

``_search.c`` must answer exactly as ``search.search_py`` does: the same steps taken (the
figure's budget depends on them), the same goal port and the same states, on any lattice,
with any flows before, bounds, starts, goals and step limit. Generated inputs favour equal
costs (lengths from a few multiples of 2.5), so the order among ties is exercised too.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archdoc.layout import search
from archdoc.layout.search import BEND, search_py

needs_compiled = pytest.mark.skipif(
    search.compiled is None, reason="archdoc.layout._search was not built (no C compiler)")

STEPS = st.sampled_from([2.5, 5.0, 7.5, 10.0, 30.0])


@st.composite
def problems(draw) -> tuple:
    nx, ny = draw(st.integers(1, 14)), draw(st.integers(1, 14))
    # the lattice's lines in order, as a figure's are: the running sums of one list of steps
    # (a fresh list for each line put them out of order, and the search, given steps back,
    # went round a loop for ever)
    xs = list(itertools.accumulate(draw(st.lists(STEPS, min_size=nx, max_size=nx))))
    ys = list(itertools.accumulate(draw(st.lists(STEPS, min_size=ny, max_size=ny))))

    def bits(length: int, ones: int, of: int) -> bytes:
        """``length`` bytes, about ``ones`` in ``of`` of them 1."""
        bit = st.sampled_from([1] * ones + [0] * (of - ones))
        return bytes(draw(st.lists(bit, min_size=length, max_size=length)))

    open_rows = [bits(nx - 1, 4, 5) for _ in range(ny)]  # mostly open
    open_columns = [bits(ny - 1, 4, 5) for _ in range(nx)]
    solid = [bits(nx, 1, 8) for _ in range(ny)]  # a few obstacles
    cells = st.integers(0, nx * ny - 1)
    taken = st.dictionaries(cells, st.integers(1, 3), max_size=nx * ny // 2)
    across = st.sets(cells, max_size=nx * ny // 2)
    starts = draw(st.lists(st.tuples(st.integers(0, nx * ny * 4 - 1),
                                     st.sampled_from([0.0, 80.0, 160.0])), min_size=1,
                           max_size=6))
    goals = draw(st.lists(st.tuples(cells, st.integers(0, 3),
                                    st.sampled_from([0.0, 80.0, 160.0])), min_size=1,
                          max_size=6))
    box = (min(xs[c // ny] for c, _, _ in goals), max(xs[c // ny] for c, _, _ in goals),
           min(ys[c % ny] for c, _, _ in goals), max(ys[c % ny] for c, _, _ in goals))
    bounds = draw(st.one_of(
        st.just((-math.inf, math.inf, -math.inf, math.inf)),
        st.tuples(st.sampled_from(xs), st.sampled_from(xs), st.sampled_from(ys),
                  st.sampled_from(ys)).map(lambda b: (min(b[:2]), max(b[:2]),
                                                      min(b[2:]), max(b[2:])))))
    return (xs, ys, open_rows.__getitem__, open_columns.__getitem__, solid.__getitem__,
            draw(taken), draw(taken), draw(across), draw(across), starts, goals, box, bounds,
            draw(st.sampled_from([1.0, 4.0])), 150.0, draw(st.sampled_from([0.0, 120.0])),
            BEND, draw(st.integers(0, 3_000)))


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(problems())
def test_the_compiled_search_answers_as_the_python_one(problem):
    assert search.compiled(*problem) == search_py(*problem)


@needs_compiled
def test_a_found_route_runs_from_a_start_to_a_goal():
    """A straight line of five points: the goal reached along it, every step counted."""
    xs, ys = [0.0, 10.0, 20.0, 30.0, 40.0], [0.0]
    rows = [b"\x01" * 4]
    columns = [b""] * 5
    solid = [bytes(5)]
    problem = (xs, ys, rows.__getitem__, columns.__getitem__, solid.__getitem__, {}, {},
               set(), set(), [(0 * 4 + 0, 0.0)], [(4, 1, 0.0)], (40.0, 40.0, 0.0, 0.0),
               (-math.inf, math.inf, -math.inf, math.inf), 1.0, 150.0, 120.0, BEND, 100)
    expansions, goal, states = search.compiled(*problem)
    assert (goal, [s >> 2 for s in states]) == (0, [0, 1, 2, 3, 4])
    assert expansions == 4 and search_py(*problem) == (expansions, goal, states)
    # a step limit below that stops it, the steps taken still counted
    stopped = problem[:-1] + (2,)
    assert search.compiled(*stopped) == search_py(*stopped) == (3, None, None)


@needs_compiled
def test_an_error_in_a_lattice_row_reaches_the_caller():
    def broken(_: int) -> bytes:
        raise RuntimeError("row")

    problem = ([0.0, 10.0], [0.0], broken, broken, broken, {}, {}, set(), set(), [(0, 0.0)],
               [(1, 1, 0.0)], (10.0, 10.0, 0.0, 0.0),
               (-math.inf, math.inf, -math.inf, math.inf), 1.0, 150.0, 120.0, BEND, 100)
    with pytest.raises(RuntimeError, match="row"):
        search.compiled(*problem)


def _routes(path) -> dict:
    from archdoc.layout import build_scene, layout_of
    from archdoc.project import load_model

    return layout_of(build_scene(load_model(path))).edges


@needs_compiled
@pytest.mark.parametrize("name", ["seed", "three-tier", "multi-vpc-tgw", "serverless-web-app"])
def test_every_route_of_the_examples_is_the_same_either_way(name, monkeypatch):
    """Whole figures, budget and all: the compiled search draws what the Python one draws."""
    from tests.conftest import EXAMPLE, ROOT, SEED

    path = {"seed": SEED, "three-tier": EXAMPLE}.get(name, ROOT / "examples" / f"{name}.yaml")
    compiled = _routes(path)
    monkeypatch.setattr(search, "compiled", None)
    assert _routes(path) == compiled


@needs_compiled
@pytest.mark.parametrize("change", ["line out of order", "negative price"])
@pytest.mark.parametrize("which", ["compiled", "python"])
def test_a_lattice_out_of_order_is_refused_not_searched_for_ever(change, which):
    """Lines out of order make steps back, negative costs: a loop grows cheaper each time
    round, and the path traced back from the goal never ended (found by the generator above
    when it put lines out of order). Both searches refuse such a lattice."""
    xs, ys = [30.0, 60.0, 12.5, 47.5], [0.0, 10.0]
    if change == "negative price":
        xs = sorted(xs)
    rows = [b"\x01" * 3, b"\x01" * 3]
    columns = [b"\x01"] * 4
    solid = [bytes(4), bytes(4)]
    problem = (xs, ys, rows.__getitem__, columns.__getitem__, solid.__getitem__, {}, {},
               set(), set(), [(0, 0.0)], [(7, 1, 0.0)], (47.5, 47.5, 10.0, 10.0),
               (-math.inf, math.inf, -math.inf, math.inf), 1.0, 150.0,
               -1.0 if change == "negative price" else 120.0, BEND, 100)
    run = search.compiled if which == "compiled" else search_py
    with pytest.raises(ValueError, match="in order and every price at least 0"):
        run(*problem)
