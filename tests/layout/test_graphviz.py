"""Graphviz routes the edges of the placed scene once and draws PNG and SVG in one more run;
a chapter's figure is laid out on its own."""

from __future__ import annotations

import pytest

from archdoc.render import BuildContext
from archdoc.render.diagram import render_diagram


@pytest.fixture
def graphviz_runs(monkeypatch) -> list[list[str]]:
    """The argument lists of every subprocess started from here on (Graphviz runs)."""
    from archdoc import processes

    runs: list[list[str]] = []
    real_run = processes.run

    def counting_run(args, *rest, **kwargs):
        runs.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(processes, "run", counting_run)
    return runs


def test_one_routing_run_then_png_and_svg_from_one_drawing_run(seed_model, graphviz_runs):
    files = render_diagram(BuildContext(seed_model))
    assert files["architecture.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in files["architecture.svg"]
    assert len(graphviz_runs) == 2
    formats = [[a for a in run if a.startswith("-T")] for run in graphviz_runs]
    assert formats == [["-Tjson"], ["-Tpng", "-Tsvg"]]
    # positions are archdoc's: neato only keeps them (-n2) and routes edges around the icons
    assert all("-n2" in r and "-Kneato" in r for r in graphviz_runs)


def test_section_figures_are_laid_out_on_their_own(seed_model, graphviz_runs):
    ctx = BuildContext(seed_model)
    whole = ctx.figure.layout
    graphviz_runs.clear()
    figures = ctx.section_figures
    assert len(figures) == len(seed_model.sections)
    assert all(f.png[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    assert len(graphviz_runs) == 2 * len(seed_model.sections)
    for section, figure in zip(seed_model.sections, figures, strict=True):
        shown = {r for n in figure.scene.nodes.values() for r in n.resources}
        assert set(section.resources) - {"web-tg"} <= shown or set(section.resources) <= shown
        # smaller than the whole diagram: only the chapter's part is drawn
        assert figure.layout.width * figure.layout.height < whole.width * whole.height
