"""The PNG and SVG read back: every label present, the SVG standing alone."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}
XLINK = "{http://www.w3.org/1999/xlink}href"


def svg_text(svg_path) -> str:
    """All text the SVG shows (tspans joined per <text>), whitespace-normalised."""
    root = ET.parse(svg_path).getroot()
    return "\n".join(" ".join("".join(t.itertext()).split())
                     for t in root.iter("{http://www.w3.org/2000/svg}text"))


def png_size(path) -> tuple[int, int]:
    with Image.open(path) as png:
        assert png.format == "PNG"
        png.verify()  # the whole file decodes, not only its header
        return png.size


def test_png_is_a_real_picture(seed_build):
    width, height = png_size(seed_build / "architecture.png")
    assert 800 < width < 32767 and 400 < height < 32767


def test_svg_shows_every_resource_label(seed_build, seed_model):
    text = svg_text(seed_build / "architecture.svg")
    joined = text.replace("\n", " ")
    for rid, res in seed_model.resources.items():
        if res.kind in ("route_table", "target_group"):
            continue  # not icons: the report's tables show them
        label = seed_model.label(rid)  # a security group's name: its boundary's title
        words = label.split()
        # labels may wrap onto several lines; each word must be shown, in order
        assert re.search(r"\s*".join(re.escape(w) for w in words), joined), (rid, label)


def test_svg_shows_every_flow_label(seed_build, seed_model):
    joined = svg_text(seed_build / "architecture.svg").replace("\n", " ")
    for flow in seed_model.flows:
        words = flow.text.split()
        assert re.search(r"\s*".join(re.escape(w) for w in words), joined), flow.text


def test_svg_is_self_contained(seed_build, tmp_path):
    svg = (seed_build / "architecture.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    images = list(root.iter("{http://www.w3.org/2000/svg}image"))
    assert images, "icons are expected as <image> elements"
    for image in images:
        href = image.get(XLINK) or image.get("href")
        assert href.startswith("data:image/png;base64,"), href[:80]
        assert base64.b64decode(href.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    # no path of the build machine anywhere: not the venv, not /tmp, not the repository
    for needle in ("site-packages", "/tmp", "/root", "/home", str(tmp_path), "file:"):
        assert needle not in svg


def test_groups_are_drawn_in_aws_colours(seed_build):
    svg = (seed_build / "architecture.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    clusters = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") == "cluster":
            title = " ".join("".join(t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text")).split())
            shape = g.find("svg:polygon", SVG_NS)
            if shape is None:
                shape = g.find("svg:path", SVG_NS)
            clusters[title] = (shape.get("stroke"), shape.get("fill"))
    assert clusters["퍼블릭 서브넷 A 10.0.1.0/24"] == ("#7aa116", "#f2f6e8")
    assert clusters["프라이빗 서브넷 A 10.0.11.0/24"] == ("#147eba", "#e6f2f8")
    assert clusters["VPC (10.0.0.0/16)"][0] == "#8c4fff"


@pytest.mark.parametrize("label", ['<b>"x" & y</b>', "줄\n바꿈", "\\N \\G <BR/>"])
def test_labels_are_shown_literally(label):
    import yaml

    from archdoc.layout import build_scene, figure_of
    from archdoc.project import parse_model

    text = yaml.safe_dump({"title": "t", "region": "r",
                           "resources": {"u": {"kind": "users", "label": label}}},
                          allow_unicode=True)
    svg = figure_of(build_scene(parse_model(text))).svg
    # a word joiner (U+2060) is allowed after a backslash: Graphviz would expand \\N otherwise
    shown = [" ".join("".join(t.itertext()).replace("\u2060", "").split())
             for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    for line in label.split("\n"):
        assert line in shown, (line, shown)


def test_text_uses_the_cjk_font_the_setup_installs(seed_build):
    import shutil
    import subprocess

    root = ET.parse(seed_build / "architecture.svg").getroot()
    families = {t.get("font-family") for t in root.iter("{http://www.w3.org/2000/svg}text")}
    (chain,) = families  # one chain everywhere: the PNG's font first, then look-alikes,
    faces = [f.strip(" '") for f in chain.split(",")]  # then the generic family
    assert faces[0] == "Noto Sans CJK KR" and faces[-1] == "sans-serif"
    assert "Malgun Gothic" in faces and "Apple SD Gothic Neo" in faces
    if shutil.which("fc-match"):  # the PNG is drawn with the font fontconfig resolves
        found = subprocess.run(["fc-match", "-f", "%{family}", "Noto Sans CJK KR"],
                               capture_output=True, text=True).stdout
        assert "Noto Sans CJK KR" in found, f"'make run' installs fonts-noto-cjk; got {found}"


def test_dpi_sets_the_png_resolution_of_diagram_and_report(seed_path, seed_build, tmp_path):
    from tests.conftest import archdoc

    out = tmp_path / "print"
    proc = archdoc("build", str(seed_path), "-o", str(out), "--only", "diagram,report",
                   "--dpi", "192", env={"ARCHDOC_CACHE": "off"})
    assert proc.returncode == 0, proc.stderr
    width, height = png_size(seed_build / "architecture.png")  # 96 dpi, the default
    wide, high = png_size(out / "architecture.png")
    assert abs(wide / width - 2) < 0.01 and abs(high / height - 2) < 0.01
    import docx

    def pixels(report) -> int:
        parts = docx.Document(str(report)).part.related_parts.values()
        sizes = [Image.open(io.BytesIO(p.blob)).size for p in parts
                 if p.content_type == "image/png"]
        return sum(w * h for w, h in sizes)

    # every figure of the report at the resolution asked: four times the pixels of 96 dpi
    assert 3.8 < pixels(out / "report.docx") / pixels(seed_build / "report.docx") < 4.2


@pytest.mark.parametrize("value", ["12", "9000", "many"])
def test_dpi_out_of_range_is_refused(seed_path, tmp_path, value):
    from tests.conftest import archdoc

    proc = archdoc("build", str(seed_path), "-o", str(tmp_path / "o"), "--dpi", value)
    assert proc.returncode == 2 and "--dpi" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()


def test_a_picture_too_large_to_open_is_drawn_at_a_lower_resolution_and_said(
        seed_model, monkeypatch):
    """Past PIXEL_LIMIT pixels in all (Pillow's decompression-bomb limit) the PNG is drawn at
    the resolution that fits, and the build says so; here with a limit the seed exceeds."""
    import warnings

    from archdoc import layout
    from archdoc.render import BuildContext
    from archdoc.render.diagram import render_diagram

    monkeypatch.setattr(layout, "PIXEL_LIMIT", 500_000)
    ctx = BuildContext(seed_model)
    files = render_diagram(ctx)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a decompression-bomb warning fails the test
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500_000)
        with Image.open(io.BytesIO(files["architecture.png"])) as png:
            width, height = png.size
            png.load()
    assert 400_000 < width * height <= 500_000
    assert ctx.figure.dpi < 96 and any("89 million" in n for n in ctx.notes), ctx.notes
