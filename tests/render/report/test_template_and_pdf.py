"""--template takes the look of a reference document; --pdf goes through LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from tests.conftest import archdoc


@pytest.fixture(scope="module")
def reference_doc(tmp_path_factory):
    """A user's reference document: red headings, 40 mm margins, a header and a stray body."""
    path = tmp_path_factory.mktemp("template") / "reference.docx"
    document = docx.Document()
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    section = document.sections[0]
    section.left_margin = section.right_margin = Mm(40)
    section.header.paragraphs[0].text = "Cloud Security 2026 — Kim"
    document.add_paragraph("Body text of the template, which the report must not keep.")
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def templated(reference_doc, seed_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("templated")
    proc = archdoc("build", str(seed_path), "-o", str(out), "--only", "report",
                       "--template", str(reference_doc))
    assert proc.returncode == 0, proc.stderr
    return docx.Document(str(out / "report.docx"))


def test_template_heading_colour_is_kept(templated):
    assert templated.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert any(p.style.name == "Heading 1" and p.text == "소개" for p in templated.paragraphs)


def test_template_margins_and_header_are_kept(templated):
    for section in templated.sections:
        assert abs(section.left_margin - Mm(40)) < Mm(0.5)
        assert section.header.paragraphs[0].text == "Cloud Security 2026 — Kim"
    # a figure goes on a landscape page when the portrait text width would print it too small
    width = max(s.page_width for s in templated.sections) - Mm(80)
    for shape in templated.inline_shapes:
        assert shape.width <= width


def test_template_body_is_replaced_and_fonts_completed(templated):
    text = "\n".join(p.text for p in templated.paragraphs)
    assert "Body text of the template" not in text
    normal = templated.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Malgun Gothic"


def test_bad_template_is_a_clear_error(seed_path, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    proc = archdoc("build", str(seed_path), "-o", str(tmp_path / "o"), "--template", str(fake))
    assert proc.returncode == 2
    assert f"template {fake} is not a Word .docx file" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "o").exists()


def test_pdf_without_libreoffice_is_a_clear_error(seed_path, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("dot"), bin_dir / "dot")  # Graphviz yes, LibreOffice no
    proc = archdoc("build", str(seed_path), "-o", str(tmp_path / "o"), "--pdf",
                       env={"PATH": str(bin_dir)})
    assert proc.returncode == 3
    assert "--pdf needs LibreOffice, which is not installed" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "o").exists()


@pytest.mark.slow  # LibreOffice lays the report out
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed (make pdf-deps installs it)")
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_pdf_has_the_korean_headings(seed_path, seed_model, tmp_path):
    proc = archdoc("build", str(seed_path), "-o", str(tmp_path), "--pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 6 <= pages <= 16
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for heading in ("소개", "아키텍처 구성도", "개요", "보안 고려 사항", "부록: 리소스 목록"):
        assert heading in flat
    for section in seed_model.sections:
        assert " ".join(section.title.split()) in flat
    # the table of contents has page numbers, and each points at the page of its chapter
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                            capture_output=True, text=True).stdout
    for number, section in enumerate(seed_model.sections, start=1):
        title = f"{number}. {section.title}"
        entry = next(line for line in layout.splitlines() if line.strip().startswith(title))
        page = int(re.search(r"(\d+)\s*$", entry).group(1))
        on_page = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                 capture_output=True, text=True).stdout
        assert title in " ".join(on_page.split()), (title, page)
    # Korean typography as printed: a particle against its Latin word or number, each
    # chosen for it, "N / M" at the foot of every page
    assert not re.search(r"[A-Za-z0-9] (을|를|이|가|은|는|의|에|로|으로|와|과)[\s.,)]", text), \
        re.search(r".{20}[A-Za-z0-9] (을|를|이|가|은|는|의|에|로|으로|와|과)[\s.,)].{5}", text)
    assert "(으)" not in text and "이(가)" not in text and "을(를)" not in text
    assert "CloudFront를" in flat and "ALB에" in flat
    for page in range(1, pages + 1):
        on_page = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                 capture_output=True, text=True).stdout
        assert f"{page} / {pages}" in on_page, page
    # the .docx lists the same pages in its own contents (the layout pass wrote them there)
    document = docx.Document(str(tmp_path / "report.docx"))
    entries = [p for p in document.paragraphs if p.paragraph_format.tab_stops
               and "\t" in p.text]
    listed = {p.text.split("\t")[0]: int(p.text.split("\t")[1]) for p in entries}
    for number, section in enumerate(seed_model.sections, start=1):
        entry = next(line for line in layout.splitlines()
                     if line.strip().startswith(f"{number}. {section.title}"))
        assert listed[f"{number}. {section.title}"] == int(re.search(r"(\d+)\s*$", entry)[1])
    # LibreOffice prints the PNG, not the SVG: drawn for the page at 300 dpi
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    resolutions = [int(line.split()[12]) for line in images if line.split()[2] == "image"]
    assert resolutions and min(resolutions) >= 290, resolutions
