"""One Graphviz run gives PNG, SVG and the layout; a section figure reuses that layout."""

from __future__ import annotations

import subprocess

import pytest

from archdoc.render import BuildContext
from archdoc.render.diagram import render_diagram


@pytest.fixture
def graphviz_runs(monkeypatch) -> list[list[str]]:
    """The argument lists of every subprocess started from here on (Graphviz runs)."""
    runs: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args, *rest, **kwargs):
        runs.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    return runs


def test_png_and_svg_come_from_one_graphviz_run(seed_model, graphviz_runs):
    files = render_diagram(BuildContext(seed_model))
    assert files["architecture.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in files["architecture.svg"]
    assert len(graphviz_runs) == 1
    assert [a for a in graphviz_runs[0] if a.startswith("-T")] == ["-Tpng", "-Tsvg", "-Tjson"]


def test_section_figures_keep_the_overall_layout(seed_model, graphviz_runs):
    ctx = BuildContext(seed_model)
    layout = ctx.drawing.layout
    graphviz_runs.clear()
    figures = ctx.section_drawings
    assert len(figures) == len(seed_model.sections)
    assert all(f.png[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    # no new layout: neato -n2 draws at the positions of the overall diagram
    assert len(graphviz_runs) == len(seed_model.sections)
    assert all("-n2" in r and "-Kneato" in r for r in graphviz_runs)
    assert layout is ctx.drawing.layout
