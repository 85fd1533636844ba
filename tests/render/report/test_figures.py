"""Every figure of the report prints its smallest label at 7 pt or more; the ordinary
architectures (the example, the reproducer of a crash) build every output."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from archdoc.layout.geometry import Rect
from archdoc.project import load_model, parse_model
from archdoc.render import BuildContext, load_renderer
from tests.conftest import ROOT, SEED, archdoc

EXAMPLE = ROOT / "examples" / "three-tier.yaml"
WIDE = ROOT / "examples" / "multi-vpc-tgw.yaml"


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("three-tier")
    proc = archdoc("build", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def wide_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("multi-vpc")
    proc = archdoc("build", str(WIDE), "-o", str(out), "--only", "report")
    assert proc.returncode == 0, proc.stderr
    return out


def placed_pictures(report):
    """(width in points, PNG pixel width shown, caption, section index) of each picture, in
    document order; the section index counts the section breaks before it. A picture cropped
    (a:srcRect, a figure's detail) shows the pixels its crop leaves."""
    document = docx.Document(str(report)) if not hasattr(report, "part") else report
    pictures = []
    section = 0
    paragraphs = list(document.element.body.iter(qn("w:p")))
    for k, paragraph in enumerate(paragraphs):
        for inline in paragraph.iter(qn("wp:inline")):
            extent = inline.find(qn("wp:extent"))
            blip = next(inline.iter(qn("a:blip")))
            png = document.part.related_parts[blip.get(qn("r:embed"))].blob
            cut = blip.getparent().find(qn("a:srcRect"))
            kept = 1.0 if cut is None else \
                1 - (int(cut.get("l", 0)) + int(cut.get("r", 0))) / 100_000
            caption = "".join(t.text or "" for t in paragraphs[k + 1].iter(qn("w:t")))
            pictures.append((int(extent.get("cx")) / 12700,
                             struct.unpack(">I", png[16:20])[0] * kept, caption, section))
        if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    return pictures


def printed_sizes(out, model):
    ctx = BuildContext(model)
    smallest = min(f.layout.fonts.smallest for f in [ctx.figure] + ctx.section_figures)
    return [(smallest * placed_pt / (png_px * 72 / 96), caption, section)
            for placed_pt, png_px, caption, section in placed_pictures(out / model.report_file)]


@pytest.mark.parametrize("model_path,build", [(SEED, "seed_build"), (EXAMPLE, "example_build"),
                                              (WIDE, "wide_build")])
def test_one_number_per_figure_and_every_label_readable(model_path, build, request):
    """No figure is split: each has one number; one too large to read whole is shown whole,
    scaled to the page, and followed by its details, each its own figure at 7 pt or more."""
    out = request.getfixturevalue(build)
    model = load_model(model_path)
    sizes = printed_sizes(out, model)
    captions = [c for _, c, _ in sizes]
    assert len(set(captions)) == len(captions) and not any("part" in c for c in captions)
    assert len(sizes) >= 1 + len(model.sections)
    for k, (printed, caption, _) in enumerate(sizes):
        if printed < 7.0:
            details = [c for _, c, _ in sizes[k + 1:] if "in detail" in c]
            title = caption.split(". ", 1)[-1].split(": ", 1)[-1]
            assert details and all(title in d for d in details[:1]), (caption, details)
        else:
            assert printed >= 7.0


def test_a_wide_figure_and_its_heading_share_a_landscape_page(wide_build):
    model = load_model(WIDE)
    document = docx.Document(str(wide_build / model.report_file))
    sizes = printed_sizes(wide_build, model)
    assert any(p < 7.0 for p, _, _ in sizes)  # the multi-VPC overall figure needs details
    assert sum("in detail" in c for _, c, _ in sizes) >= 3  # one per VPC
    # the diagram's heading is in the same (landscape) section as its figure
    section = 0
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if text == "Architecture diagram" and style is not None and \
                style.get(qn("w:val")).startswith("Heading"):  # not the contents' entry
            break
        if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    first_picture_section = sizes[0][2]
    assert section == first_picture_section
    landscape = document.sections[section]
    assert landscape.page_width > landscape.page_height


def _inlines(document):
    """(caption, PNG part name, SVG part name, srcRect or None) of each picture in order."""
    body = list(document.element.body.iter(qn("w:p")))
    found = []
    for k, paragraph in enumerate(body):
        for inline in paragraph.iter(qn("wp:inline")):
            blip = next(inline.iter(qn("a:blip")))
            svg = next(blip.iter("{http://schemas.microsoft.com/office/drawing/2016/SVG/main}"
                                 "svgBlip"))
            parts = document.part.related_parts
            found.append(("".join(t.text or "" for t in body[k + 1].iter(qn("w:t"))),
                          parts[blip.get(qn("r:embed"))].partname,
                          parts[svg.get(qn("r:embed"))].partname,
                          blip.getparent().find(qn("a:srcRect"))))
    return found


def test_a_details_picture_is_its_figure_cropped_to_the_part(wide_build):
    """A detail at the figure's own resolution is the figure's PNG and SVG, stored once, and
    a crop (a:srcRect, which Word and LibreOffice draw) that shows the part: each VPC named
    in its caption, with the 8 pt of air round it."""
    from archdoc.layout.graphviz import extent

    model = load_model(WIDE)
    ctx = BuildContext(model)
    document = docx.Document(str(wide_build / model.report_file))
    pictures = _inlines(document)
    figures = [p for p in pictures if "in detail" not in p[0]]
    details = [p for p in pictures if "in detail" in p[0]]
    assert len(details) >= 4 and all(p[3] is None for p in figures)
    stored = [p for p in document.part.package.iter_parts() if "/media/" in p.partname]
    assert len(stored) == 2 * len(figures)  # a PNG and an SVG per figure, none per detail
    whole = pictures[0]
    layout = ctx.figure.layout
    width, height = extent(layout, ctx.figure.dpi)
    vpcs = {g.rect: g.label_lines[0] for gid, g in layout.groups.items()
            if gid in {g.id for g in ctx.scene.groups() if g.style == "vpc"}}
    for caption, png, svg, cut in details[:4]:  # the whole figure's: one per VPC
        assert (png, svg) == whole[1:3] and cut is not None
        left, top, right, bottom = (int(cut.get(side, 0)) / 100_000 for side in "ltrb")
        shown = Rect(left * width, top * height, (1 - left - right) * width,
                     (1 - top - bottom) * height)
        rect = next(rect for rect, name in vpcs.items() if name in caption)
        assert shown.x <= rect.x and shown.y <= rect.y and shown.right >= rect.right - 0.01 \
            and shown.bottom >= rect.bottom - 0.01, (caption, shown, rect)
        assert rect.x - shown.x <= 8.01 and shown.right - rect.right <= 8.01


def test_printed_details_are_drawn_again_at_print_resolution(monkeypatch):
    """For a PDF the figure's details are printed from their PNGs, so each is drawn again at
    300 dpi for its printed size: pictures of their own, not crops of the 96 dpi figure."""
    import archdoc.render.report as report

    monkeypatch.setattr(report, "docx_to_pdf", lambda data: (b"%PDF-1.7", []))
    model = load_model(WIDE)
    files = load_renderer("report")(BuildContext(model, {"pdf": True}))
    document = docx.Document(io.BytesIO(files[model.report_file]))
    pictures = _inlines(document)
    details = [p for p in pictures if "in detail" in p[0]]
    assert details and all(cut is None for *_, cut in details)
    assert len({png for _, png, _, _ in pictures}) == len(pictures)
    for placed_pt, pixels, caption, _ in placed_pictures(document):
        if "in detail" in caption:
            assert pixels / placed_pt >= 290 / 72, caption  # 300 dpi, less rounding


def test_chapter_figures_differ_from_the_overall_one(seed_build):
    document = docx.Document(str(seed_build / "report.docx"))
    blobs = [document.part.related_parts[next(i.iter(qn("a:blip"))).get(qn("r:embed"))].blob
             for i in document.element.body.iter(qn("wp:inline"))]
    assert len(blobs) == 4 and len(set(blobs)) == 4


def test_reproducer_of_the_empty_subnet_crash_builds_every_output(tmp_path):
    model = tmp_path / "tiny.yaml"
    model.write_text("""title: Tiny
region: us-east-1
resources:
  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  a: {kind: subnet, vpc: vpc, az: us-east-1a, cidr: 10.0.1.0/24}
  b: {kind: subnet, vpc: vpc, az: us-east-1b, cidr: 10.0.2.0/24}
  web: {kind: ec2_instance, subnet: a}
sections:
  - title: Web
    resources: [web]
""", encoding="utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["architecture.drawio", "architecture.png", "architecture.svg", "report.docx",
                     "site"]


def test_example_report_content(example_build):
    document = docx.Document(str(example_build / "report.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    # overview: paragraphs, not bullets
    summary = [p for p in document.paragraphs if p.text.startswith("The storefront serves")]
    assert summary and summary[0].style.name == "Normal"
    # several targets: one parenthesis, in reading order
    assert "(see Table 3 and Table 4)" in text  # (Table 1: the figure's numbered labels)
    assert ") (see" not in text
    # core properties and the generator
    props = document.core_properties
    assert props.title.startswith("Storefront") and props.author == "Platform team"
    assert props.created.date().isoformat() == "2026-11-02"
    with zipfile.ZipFile(example_build / "report.docx") as archive:
        app = archive.read("docProps/app.xml").decode()
    from archdoc import __version__
    assert f"<Application>archdoc {__version__}</Application>" in app
    # an omitted egress is shown as AWS's default, an empty one as none
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    all_cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Outbound", "All traffic", "all", "0.0.0.0/0",
            "AWS default: all outbound traffic allowed"] in all_cells
    assert ["Outbound", "-", "-", "-", "no rules"] in all_cells
    assert tables


def test_english_report_has_no_korean_and_korean_tables_no_english_phrases(example_build,
                                                                           seed_build):
    english = docx.Document(str(example_build / "report.docx"))
    for t in english.tables:
        for row in t.rows:
            for cell in row.cells:
                assert not any("\uac00" <= ch <= "\ud7a3" for ch in cell.text), cell.text
    korean = docx.Document(str(seed_build / "report.docx"))
    phrases = ("forward", "every ", "redirect", "healthy", "unhealthy", "traffic-port", "codes")
    for t in korean.tables[:-1]:  # the inventory lists field names as they are in the model
        for row in t.rows:
            for cell in row.cells:
                assert not any(p in cell.text for p in phrases), cell.text


@pytest.mark.parametrize("model_path,build", [(SEED, "seed_build"), (EXAMPLE, "example_build"),
                                              (WIDE, "wide_build")])
def test_every_figure_leaves_room_on_its_page_for_its_caption(model_path, build, request):
    """A figure scaled to the whole page pushes its caption onto the next one (seen in
    LibreOffice): each picture is at most its section's text height less the caption's room
    (and the heading's, for the figure a heading precedes)."""
    from archdoc.render.report.figures import CAPTION_ROOM

    out = request.getfixturevalue(build)
    document = docx.Document(str(out / load_model(model_path).report_file))
    section = 0
    for paragraph in document.element.body.iter(qn("w:p")):
        for inline in paragraph.iter(qn("wp:inline")):
            height = int(inline.find(qn("wp:extent")).get("cy")) / 12700
            page = document.sections[section]
            text_h = (page.page_height - page.top_margin - page.bottom_margin) / 12700
            assert height + CAPTION_ROOM <= text_h + 0.5, (section, height, text_h)
        if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1


@pytest.mark.parametrize("build", ["seed_build", "example_build"])
def test_the_reports_vector_figures_carry_their_icons_and_no_path_of_this_machine(
        build, request):
    """Graphviz's SVG refers to the icons by this machine's file paths: Word elsewhere could
    not follow them (the vector figure would lose its icons) and the document would carry
    the paths. Every SVG in the report has its icons inside it."""
    import xml.etree.ElementTree as ET

    report = request.getfixturevalue(build) / ("report.docx" if build == "seed_build"
                                               else "three-tier-report.docx")
    if not report.exists():
        report = next(request.getfixturevalue(build).glob("*.docx"))
    with zipfile.ZipFile(report) as package:
        svgs = [n for n in package.namelist() if n.endswith(".svg")]
        assert svgs
        for name in package.namelist():
            data = package.read(name)
            assert str(ROOT).encode() not in data, name
            assert b"site-packages" not in data, name
        for name in svgs:
            root = ET.fromstring(package.read(name))
            refs = [el.get("{http://www.w3.org/1999/xlink}href") for el in root.iter()
                    if el.tag.endswith("image")]
            assert refs and all(r.startswith("data:image/png;base64,") for r in refs), name


def test_a_chapters_figure_does_not_depend_on_when_the_whole_one_was_laid_out():
    """Laying out the whole figure reorders its rows; each chapter's scene is taken before,
    so its figure is the chapter's own, whether the whole one was drawn first or at the same
    time in another thread (which, once, made a report's bytes depend on the machine's load)."""
    from archdoc.layout import build_scene, figure_of
    from archdoc.layout.focus import focus
    from tests.conftest import EXAMPLE

    model = load_model(EXAMPLE)
    own = [figure_of(focus(build_scene(model), set(s.resources)), ("png", "svg")).svg
           for s in model.sections]
    first = BuildContext(load_model(EXAMPLE))
    _ = first.figure  # the whole figure first, as --only diagram,report may
    together = BuildContext(load_model(EXAMPLE))
    together.start()  # every figure at once, as a build does
    assert [f.svg for f in first.section_figures] == own
    assert [f.svg for f in together.section_figures] == own


def crowded_model(language: str) -> str:
    """A figure too large to read whole, with more flows than room for their labels: some
    are drawn as numbers on their lines."""
    resources: dict[str, dict] = {"vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"}}
    for k, az in enumerate("abc"):
        resources[f"app-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"eu-west-1{az}",
                                  "cidr": f"10.0.{k}.0/24"}
    for k in range(36):
        resources[f"web{k}"] = {"kind": "ec2_instance", "subnet": f"app-{'abc'[k % 3]}",
                                "label": f"web {k}"}
    pairs = [(a, b) for a in range(36) for b in range(36) if a != b][::37][:40]
    flows = [{"from": f"web{a}", "to": f"web{b}", "label": f"flow {i} <&> 흐름"}
             for i, (a, b) in enumerate(pairs)]
    return yaml.safe_dump({"title": "Crowded", "region": "eu-west-1", "language": language,
                           "resources": resources, "flows": flows}, allow_unicode=True)


def _table_after(document, caption_part: str) -> list[list[str]] | None:
    """The rows of the table whose caption (the paragraph before it) holds ``caption_part``."""
    body = list(document.element.body)
    for k, element in enumerate(body):
        if element.tag == qn("w:tbl"):
            caption = "".join(t.text or "" for t in body[k - 1].iter(qn("w:t")))
            if caption_part in caption:
                return [["".join(t.text or "" for t in cell.iter(qn("w:t")))
                         for cell in row.iter(qn("w:tc"))] for row in element.iter(qn("w:tr"))]
    return None


@pytest.mark.parametrize("language,caption,header", [
    ("en", "the labels drawn as numbers", ["No.", "From", "To", "Label"]),
    ("ko", "번호로 표시한 레이블", ["번호", "출발", "도착", "레이블"])])
def test_a_crowded_figures_numbered_labels_are_listed_after_its_details(language, caption,
                                                                        header):
    """The legend printed with a figure scaled to its page is too small to read: the report
    lists each number with its flow's ends and label, in a table after the details."""
    ctx = BuildContext(parse_model(crowded_model(language)), {"dpi": 36.0})
    files = load_renderer("report")(ctx)
    layout = ctx.figure.layout
    assert len(layout.legend) >= 5  # the model is crowded enough to need numbers
    document = docx.Document(io.BytesIO(files[ctx.model.report_file]))
    rows = _table_after(document, caption)
    assert rows is not None
    assert rows[0] == header
    flow_of = {edge.id: ctx.model.flows[edge.flow] for edge in ctx.scene.edges}
    assert [r[0] for r in rows[1:]] == [n for n, _ in layout.legend]
    for number, source, target, label in rows[1:]:
        # the flow drawn with this number: its ends and its label whole (not wrapped)
        eid = next(eid for eid, route in layout.edges.items() if route.badge == number)
        flow = flow_of[eid]
        assert (source, target, label) == (ctx.model.label(flow.from_),
                                           ctx.model.label(flow.to), flow.label)
    # after the figure's details, on a portrait page
    paragraphs = [p.text for p in document.paragraphs]
    last_detail = max(k for k, text in enumerate(paragraphs)
                      if ("in detail:" if language == "en" else "확대:") in text)
    intro = next(k for k, text in enumerate(paragraphs) if text.startswith(
        "The labels of this figure" if language == "en" else "이 그림에서"))
    assert intro > last_detail
    assert document.sections[-1].page_width < document.sections[-1].page_height


def test_a_readable_figures_legend_is_not_repeated_in_a_table(seed_build):
    """The seed's figure prints at a readable size, its two numbered labels listed under it:
    no table repeats them."""
    model = load_model(SEED)
    assert BuildContext(model).figure.layout.legend  # it has numbered labels
    document = docx.Document(str(seed_build / model.report_file))
    assert _table_after(document, "번호로 표시한 레이블") is None
