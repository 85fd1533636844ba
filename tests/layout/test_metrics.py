"""The layout metrics count what they say (on hand-made layouts), and the examples meet their
targets: the seed at most 3 crossings and no mislabelled edge, the three-tier example at most
2 crossings; every example 0 mislabelled edges, 0 edges through a title, 0 labels outside."""

from __future__ import annotations

import pytest

from archdoc.layout import build_scene, figure_of
from archdoc.layout.geometry import EdgeRoute, GroupBox, Layout, NodeBox, Rect
from archdoc.layout.metrics import measure
from archdoc.project import load_model
from tests.conftest import ROOT


def node(x: float, y: float) -> NodeBox:
    return NodeBox(Rect(x - 5, y - 5, 50, 70), Rect(x, y, 40, 40), ("n",))


def test_a_crossing_a_bend_and_a_mislabelled_edge_are_counted():
    layout = Layout(400, 400, {}, {"a": node(0, 180), "b": node(350, 180), "c": node(180, 0),
                                   "d": node(180, 350)}, {
        "across": EdgeRoute(((40, 200), (350, 200))),
        "down": EdgeRoute(((200, 40), (200, 120), (210, 120), (210, 350)),
                          Rect(212, 140, 30, 12), ("x",)),  # nearer its own line
        "far": EdgeRoute(((40, 210), (100, 210)), Rect(196, 150, 30, 12), ("y",)),  # on "down"
    })
    found = measure(layout)
    assert (found.edges, found.crossings, found.bends, found.labels) == (3, 1, 2, 2)
    assert found.mislabelled == 1 and found.outside == 0 and found.covering == 0


def test_titles_outside_and_covering_are_counted():
    group = GroupBox(Rect(0, 0, 300, 300), ("A group with a title",))
    layout = Layout(300, 300, {"g": group}, {"a": node(100, 200)}, {
        "through": EdgeRoute(((20, -5), (20, 290)), Rect(280, 290, 40, 20), ("out",)),
        "covers": EdgeRoute(((150, 250), (250, 250)), Rect(95, 215, 30, 10), ("on icon",)),
    })
    found = measure(layout)
    assert (found.through_titles, found.outside, found.covering) == (1, 1, 1)


EXAMPLES = ["arch.yaml", *sorted(p.relative_to(ROOT).as_posix()
                                 for p in (ROOT / "examples").glob("*.yaml"))]
TARGETS = {"arch.yaml": 3, "examples/three-tier.yaml": 2}


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_meets_the_targets(name):
    layout = figure_of(build_scene(load_model(ROOT / name)), ("svg",)).layout
    found = measure(layout)
    assert found.crossings <= TARGETS.get(name, found.edges), found
    assert (found.mislabelled, found.through_titles, found.outside, found.covering) == \
        (0, 0, 0, 0), found
    assert found.labels == sum(1 for e in layout.edges.values() if e.label_lines)
