"""Graphviz only draws: archdoc places and routes, and one Graphviz run draws PNG and SVG; a
chapter's figure is laid out on its own."""

from __future__ import annotations

import pytest

from archdoc.render import BuildContext
from archdoc.render.diagram import render_diagram


def test_png_and_svg_from_one_drawing_run(seed_model, graphviz_runs):
    files = render_diagram(BuildContext(seed_model))
    assert files["architecture.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in files["architecture.svg"]
    assert len(graphviz_runs) == 1
    formats = [[a for a in run if a.startswith("-T")] for run in graphviz_runs]
    assert formats == [["-Tpng", "-Tsvg"]]
    # positions and routes are archdoc's: neato only keeps them (-n2) and draws
    assert all("-n2" in r and "-Kneato" in r for r in graphviz_runs)


def test_section_figures_are_laid_out_on_their_own(seed_model, graphviz_runs):
    ctx = BuildContext(seed_model)
    whole = ctx.figure.layout
    graphviz_runs.clear()
    figures = ctx.section_figures
    assert len(figures) == len(seed_model.sections)
    assert all(f.png[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    assert len(graphviz_runs) == len(seed_model.sections)
    for section, figure in zip(seed_model.sections, figures, strict=True):
        shown = {r for n in figure.scene.nodes.values() for r in n.resources}
        framed = {b for box in figure.layout.nodes.values() for b in box.boundary_lines}
        for rid in section.resources:
            kind = seed_model.resources[rid].kind
            if kind == "security_group":  # a red boundary round its members, named
                assert seed_model.label(rid) in " ".join(framed), rid
            elif kind not in ("route_table", "target_group"):  # in the report's tables
                assert rid in shown, rid
        # smaller than the whole diagram: only the chapter's part is drawn
        assert figure.layout.width * figure.layout.height < whole.width * whole.height


@pytest.mark.parametrize("name", ["arch.yaml", "examples/three-tier.yaml", "marked"])
def test_icons_are_drawn_where_the_layout_puts_them(seed_model, name):
    """Flows end at the layout's icon boxes, so the drawn icon must be there too, whatever the
    width of its label (Graphviz does not centre a narrow fixed-size cell in a wide table) and
    with the red frame of a resource that differs from the account."""
    import xml.etree.ElementTree as ET

    from archdoc.layout import build_scene, figure_of
    from archdoc.layout.scene import mark
    from archdoc.project import load_model
    from tests.conftest import ROOT

    scene = build_scene(seed_model if name == "marked" else load_model(ROOT / name))
    if name == "marked":
        mark(scene, {"web-server": "⚠", "nat": "⚠"})
        assert scene.marked
    figure = figure_of(scene, formats=("svg",))
    svg = ET.fromstring(figure.svg)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    graph = svg.find("svg:g", ns)
    assert graph is not None
    height = float(graph.attrib["transform"].split("translate(0 ")[1].rstrip(")"))
    seen = 0
    for node in graph.iterfind(".//svg:g[@class='node']", ns):
        nid = node.findtext("svg:title", namespaces=ns)
        image = node.find(".//svg:image", ns)
        if nid not in figure.layout.nodes or image is None:
            continue
        icon = figure.layout.nodes[nid].icon
        x, y = float(image.attrib["x"]), height + float(image.attrib["y"])
        tolerance = 2.5 if nid in scene.marked else 1.5  # the frame's own 2 pt
        assert abs(x - icon.x) <= tolerance and abs(y - icon.y) <= tolerance, (nid, x, y, icon)
        seen += 1
    assert seen == len(figure.layout.nodes)


@pytest.mark.parametrize("name", ["arch.yaml", "examples/multi-vpc-tgw.yaml"])
def test_a_detail_drawn_from_what_shows_in_it_is_the_same_picture(name):
    """A report's detail of a large figure is drawn from only what falls in it (fast);
    pixel for pixel what Graphviz draws of the whole figure in the same window."""
    import io
    from pathlib import Path

    from PIL import Image, ImageChops

    from archdoc.layout import build_scene, figure_of
    from archdoc.layout import graphviz as gv
    from archdoc.layout.geometry import Rect
    from archdoc.project import load_model

    scene = build_scene(load_model(Path(__file__).parents[2] / name))
    layout = figure_of(scene, ("png",)).layout
    w, h = layout.width, layout.height
    for part in (Rect(0, 0, w / 2, h / 2), Rect(w / 3, h / 4, w / 3, h / 2),
                 Rect(w / 2, h / 2, w / 2, h / 2)):
        clipped = gv.to_dot(scene, layout, part).source
        assert len(clipped) < len(gv.to_dot(scene, layout).source)  # less to draw
        # a line that crosses the detail is drawn there, its label only where it shows
        shown = [route for eid, route in layout.edges.items() if f"id={eid} " in clipped]
        assert shown and clipped.count(" lp=") == sum(
            1 for route in shown if route.label is not None and route.label.overlaps(part, 4.0))
        window = gv.viewport(layout, part, 96.0)
        whole = gv._run([gv.to_dot(scene, layout, None, dpi="96.0", viewport=window).source],
                        ("png",))[0]["png"]
        with Image.open(io.BytesIO(gv.draw_part(scene, layout, part))) as a, \
                Image.open(io.BytesIO(whole)) as b:
            assert a.size == b.size
            assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


@pytest.mark.parametrize("dpi", [96.0, 150.0])
def test_details_drawn_together_write_what_each_would_alone(dpi, monkeypatch):
    """A figure's details, drawn at once by several threads, share the nodes' and edges'
    DOT lines: each detail's source is the one written from nothing, at the figure's
    resolution and at another (the icons' size is in the lines)."""
    from pathlib import Path

    from archdoc.layout import build_scene, figure_of, figure_parts
    from archdoc.layout import graphviz as gv
    from archdoc.layout.geometry import Rect
    from archdoc.project import load_model

    scene = build_scene(load_model(Path(__file__).parents[2] / "examples/multi-vpc-tgw.yaml"))
    figure = figure_of(scene, ("png",), dpi=96.0)
    layout = figure.layout
    w, h = layout.width, layout.height
    parts = [Rect(0, 0, w / 2, h / 2), Rect(w / 3, h / 4, w / 3, h / 2), Rect(w / 2, 0, w / 2, h)]
    sources: list[str] = []
    real_run = gv._run

    def kept(found: list[str], formats: tuple[str, ...]) -> list[dict[str, bytes]]:
        sources.extend(found)
        return real_run(found, formats)

    monkeypatch.setattr(gv, "_run", kept)
    figure_parts(figure, [(r.x, r.y, r.w, r.h) for r in parts], dpi)
    alone = {gv.to_dot(scene, layout, part, dpi=f"{dpi:.1f}",
                       viewport=gv.viewport(layout, part, dpi)).source for part in parts}
    assert set(sources) == alone


@pytest.mark.parametrize("name, dpi", [("arch.yaml", 96.0), ("arch.yaml", 36.0),
                                       ("examples/multi-vpc-tgw.yaml", 96.0),
                                       ("examples/serverless-web-app.yaml", 72.3)])
def test_every_picture_is_whole_pixels_and_opaque(name, dpi):
    """The picture's size is a whole number of pixels, so the background covers every one
    of them: no part-transparent last row (a line on a dark page), and a PNG without an
    alpha channel (a third less for Graphviz to filter and compress)."""
    import io
    from pathlib import Path

    from PIL import Image

    from archdoc.layout import build_scene, figure_of, figure_parts
    from archdoc.layout import graphviz as gv
    from archdoc.project import load_model

    scene = build_scene(load_model(Path(__file__).parents[2] / name))
    figure = figure_of(scene, ("png",), dpi=dpi)
    w, h = figure.layout.width, figure.layout.height
    rects = [(0.0, 0.0, w / 2.7, h / 3.1), (w / 3, h / 4, w / 1.9, h / 2)]
    drawn = [png for png, _ in figure_parts(figure, rects, dpi=dpi)]
    assert Image.open(io.BytesIO(figure.png)).size == gv.canvas(figure.layout, dpi)
    for png, (pw, ph) in zip([figure.png, *drawn], [(w, h), *[r[2:] for r in rects]],
                             strict=True):
        with Image.open(io.BytesIO(png)) as image:
            assert image.mode == "RGB", image.mode  # no pixel left part transparent
            for pixels, points in ((image.width, pw), (image.height, ph)):
                # the drawing's size rounded up: at most a pixel and a corner's width more
                assert points * dpi / 72 - 0.5 <= pixels <= (points + 0.72) * dpi / 72 + 1



def test_a_number_is_drawn_inside_its_badge_however_many_digits(seed_model, tmp_path):
    """Three digits and more ran over a 15 pt badge, white on the white ground; the badge
    and the legend's column of numbers grow with them, and Graphviz finds every cell large
    enough for its text (it warns of any that is not)."""
    from dataclasses import replace

    from archdoc import processes
    from archdoc.layout import graphviz as gv
    from archdoc.layout.labels import BADGE, badge_width
    from archdoc.layout.route import legend_box

    assert badge_width("7") == badge_width("42") == BADGE
    assert BADGE < badge_width("533") < badge_width("1234")
    ctx = BuildContext(seed_model)
    layout = ctx.figure.layout
    numbers = ["7", "42", "100", "533", "888", "1000", "20000"]
    labelled = [eid for eid, route in layout.edges.items() if route.label is not None]
    assert len(labelled) >= len(numbers)
    edges = dict(layout.edges)
    edges.update({eid: replace(edges[eid], badge=n) for eid, n in zip(labelled[:len(numbers)], numbers, strict=True)})
    legend = tuple((n, ("a label",)) for n in numbers)
    numbered = replace(layout, edges=edges, legend=legend, legend_box=legend_box(
        legend, layout.fonts.edge, layout.width, layout.height))
    source = tmp_path / "badges.dot"
    source.write_text(gv.to_dot(ctx.scene, numbered).source, encoding="utf-8")
    proc = processes.run([gv.dot_binary(), "-Tsvg", str(source)], "Graphviz")
    assert proc.returncode == 0 and b"<svg" in proc.stdout
    assert proc.stdout.count(b">20000</text>") == 2  # on its line, and in the legend
    assert b"too small" not in proc.stderr, proc.stderr.decode()
