"""archdoc's DOT writer writes, for the same graph, the very text the ``graphviz`` package
(which diagrams depends on, and archdoc used before) writes: Graphviz gets the same input, so
every figure stays the same."""

from __future__ import annotations

import warnings
from pathlib import Path

import graphviz
import pytest
import yaml
from graphviz.quoting import quote as package_quote
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archdoc.layout import build_scene, layout_of
from archdoc.layout import graphviz as gv
from archdoc.layout.dot_source import DotGraph, quote
from archdoc.layout.geometry import Rect
from archdoc.project import load_model, parse_model
from archdoc.render import BuildContext
from tests.models import models

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ["arch.yaml"] + sorted(f"examples/{p.name}" for p in (ROOT / "examples").glob("*.yaml"))

# what a DOT ID may hold: names, numbers, keywords, quotes and backslashes, HTML, any text
IDS = st.one_of(
    st.text(),
    st.text(alphabet='ab_-.0123456789"\\<> :', max_size=12),
    st.sampled_from(["node", "Edge", "GRAPH", "subgraph", "strict", "digraph", "-1.5", ".5",
                     "1.", "-", "a b", '"', '\\"', '\\\\"', "\\", "<b>x</b>", "<x", "x>",
                     "<\n>", ""]),
)


@given(IDS)
def test_an_id_is_quoted_as_the_graphviz_package_quotes_it(text):
    with warnings.catch_warnings():  # (it warns of a final odd backslash; archdoc has none)
        warnings.simplefilter("ignore")
        assert quote(text) == package_quote(text)


@given(st.dictionaries(st.sampled_from(["label", "pos", "color", "id", "node", "a b", "x"]),
                       IDS, max_size=5), IDS, IDS)
def test_statements_are_written_as_the_graphviz_package_writes_them(attrs, name, other):
    ours, theirs = DotGraph("architecture"), graphviz.Digraph("architecture")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for graph in (ours, theirs):
            graph.attr(**attrs)
            graph.attr("node", **attrs)
            graph.attr("edge")  # nothing: no statement
            graph.node(name.replace(":", ""), other,
                       **{k: v for k, v in attrs.items() if k != "label"})
            graph.edge(name.replace(":", ""), other.replace(":", ""), **attrs)
            with graph.subgraph(name="cluster_x") as sub:
                sub.attr(label=other)
                sub.node("inner")
                with sub.subgraph(name="cluster_y") as deeper:
                    deeper.node(name.replace(":", ""), **attrs)
    assert ours.source == theirs.source


def _sources(scene):
    """The DOT of a scene's figure and of three details of it, as the report draws them."""
    layout = layout_of(scene)
    w, h = layout.width, layout.height
    yield gv.to_dot(scene, layout, dpi="96.0").source
    lines: dict = {}
    for part in (Rect(0, 0, w / 2, h / 2), Rect(w / 3, h / 4, w / 3, h / 2),
                 Rect(w / 2, h / 2, w / 2, h / 2)):
        cx, cy = part.centre
        yield gv.to_dot(scene, layout, part, lines, dpi="36.0",
                        viewport=f"{part.w:.2f},{part.h:.2f},1,{cx:.2f},{h - cy:.2f}").source


def _all_sources(model) -> list[str]:
    # scenes of their own: laying one out orders its rows
    scenes = [build_scene(model)] + BuildContext(model).section_scenes
    return [s for scene in scenes for s in _sources(scene)]


def _both(model, monkeypatch) -> tuple[list[str], list[str]]:
    ours = _all_sources(model)
    with monkeypatch.context() as patch:
        patch.setattr(gv, "DotGraph", graphviz.Digraph)
        theirs = _all_sources(model)
    return ours, theirs


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_figure_and_detail_has_the_same_dot(name, monkeypatch):
    ours, theirs = _both(load_model(ROOT / name), monkeypatch)
    assert len(ours) >= 4
    for a, b in zip(ours, theirs, strict=True):
        assert a == b


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(models())
def test_generated_models_have_the_same_dot(monkeypatch, data):
    ours, theirs = _both(parse_model(yaml.safe_dump(data, allow_unicode=True)), monkeypatch)
    assert ours == theirs
