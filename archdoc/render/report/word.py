"""Word features python-docx has no API for: fields (TOC, SEQ, REF), bookmarks, East Asian
fonts, and the document setting that makes Word refresh fields on open."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Malgun Gothic"  # on every Windows with Korean support; LibreOffice substitutes


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _field_start(paragraph: Paragraph, instruction: str) -> None:
    """A field's begin mark and instruction, up to where its shown result starts."""
    _fld_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _fld_char(paragraph, "separate")


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A complex field: Word and LibreOffice show ``cached`` until they recompute it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(cached)
    _fld_char(paragraph, "end")


def add_toc(before: Paragraph, instruction: str, entries: list[tuple[int, str]]) -> None:
    """A TOC field, inserted before ``before``, whose cached result already lists ``entries``
    (level, heading text).

    Word recomputes it on open (with page numbers, see :func:`update_fields_on_open`);
    LibreOffice's converter shows the cached entries as they are.
    """
    styles = {s.name for s in before.part.document.styles}  # type: ignore[attr-defined]
    paragraphs = [before.insert_paragraph_before() for _ in range(max(len(entries), 1))]
    _field_start(paragraphs[0], instruction)
    for paragraph, (level, text) in zip(paragraphs, entries, strict=False):
        if f"TOC {level}" in styles:
            paragraph.style = f"TOC {level}"
        else:
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        paragraph.add_run(text)
    _fld_char(paragraphs[-1], "end")


def add_bookmarked_field(paragraph: Paragraph, bookmark_id: int, name: str, instruction: str,
                         cached: str) -> None:
    """A field wrapped in a bookmark, so REF fields elsewhere can quote its result."""
    bid = str(bookmark_id)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    paragraph._p.append(start)
    add_field(paragraph, instruction, cached)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bid)
    paragraph._p.append(end)


def update_fields_on_open(document: DocxDocument) -> None:
    settings = document.settings.element
    element = settings.find(qn("w:updateFields"))
    if element is None:
        element = OxmlElement("w:updateFields")
        settings.append(element)
    element.set(qn("w:val"), "true")


def _rfonts(rpr):
    """The ``w:rFonts`` of run properties ``rpr``, created when missing."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    return fonts


def set_fonts(style_element, latin: str | None, east_asian: str, only_missing: bool) -> None:
    """Set the Latin and East Asian fonts of a style's run properties."""
    fonts = _rfonts(style_element.get_or_add_rPr())
    if not (only_missing and fonts.get(qn("w:eastAsia"))):
        fonts.set(qn("w:eastAsia"), east_asian)
    if latin and not (only_missing and fonts.get(qn("w:ascii"))):
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)


def apply_typography(document: DocxDocument, from_template: bool) -> None:
    """East Asian font on every style; our own look only when no template was given."""
    for style in document.styles:
        if style.type not in (1, 2):  # paragraph and character styles carry fonts
            continue
        set_fonts(style.element, None if from_template else LATIN_FONT, EAST_ASIAN_FONT,
                  only_missing=from_template)
    # the document defaults too, so text in styles without fonts still gets the Hangul font
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            fonts = _rfonts(rpr)
            if not (from_template and fonts.get(qn("w:eastAsia"))):
                fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    if from_template:
        return
    styles = document.styles
    styles["Normal"].font.size = Pt(10.5)
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        heading = styles[f"Heading {level}"]
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0x23, 0x2F, 0x3E)
    styles["Caption"].font.size = Pt(9.5)
    styles["Caption"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def a4(document: DocxDocument) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(22)
        section.top_margin = section.bottom_margin = Mm(22)


def _page(document: DocxDocument) -> tuple[int, int, int, int, int, int]:
    """Width, height, left, right, top and bottom margins (EMU) of the last section."""
    s = document.sections[-1]
    return (int(s.page_width or 0), int(s.page_height or 0), int(s.left_margin or 0),
            int(s.right_margin or 0), int(s.top_margin or 0), int(s.bottom_margin or 0))


def text_width(document: DocxDocument) -> int:
    width, _, left, right, _, _ = _page(document)
    return width - left - right


def points_to_emu(points: float) -> int:
    return int(points * 12700)


CAPTION_ROOM = 48.0  # points kept free under a figure for its caption


def text_area(document: DocxDocument, landscape: bool | None = None) -> tuple[float, float]:
    """Width and height (points) a figure may take in the last section (or, with
    ``landscape``, in that orientation), its caption's room taken off."""
    page_w, page_h, left, right, top, bottom = _page(document)
    width, height = (page_w - left - right) / 12700, (page_h - top - bottom) / 12700
    if landscape is not None and landscape != (width > height):
        width, height = (page_h - left - right) / 12700, (page_w - top - bottom) / 12700
    return width, height - CAPTION_ROOM


def figure_scale(document: DocxDocument, width_pt: float, height_pt: float,
                 landscape: bool | None = None, reserve_pt: float = 0.0) -> float:
    """The largest scale (at most 1) at which a figure fits the text area of the last section
    (or of a page in the given orientation), ``reserve_pt`` of its height kept for what shares
    the page with it (its caption, its heading)."""
    max_w, max_h = text_area(document, landscape)
    return min(1.0, max_w / width_pt, max(max_h - reserve_pt, 1.0) / height_pt)


def start_section(document: DocxDocument, landscape: bool) -> None:
    """A new page in the given orientation (margins kept)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


_BREAK_AFTER = set("./:_=,")


def breakable(text: str) -> str:
    """Offer Word line breaks inside long identifiers (policy names, endpoint services) at
    their natural joints (after . / : _ and between camel-case words), so a narrow cell wraps
    them there instead of in the middle of a word. The text reads the same."""
    out: list[str] = []
    run = 0  # characters since the last space
    for i, ch in enumerate(text):
        if ch.isspace():
            run = 0
        else:
            if run >= 12 and (text[i - 1] in _BREAK_AFTER or
                              (ch.isupper() and text[i - 1].islower())):
                out.append("\u200b")
            run += 1
        out.append(ch)
    return "".join(out)


def set_properties(document: DocxDocument, title: str, author: str, created,
                   generator: str, language: str) -> None:
    """Core properties (title, author, created) and the generating application."""
    import datetime

    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.language = language
    props.revision = 1
    when = created if isinstance(created, datetime.date) else datetime.date(2000, 1, 1)
    stamp = datetime.datetime(when.year, when.month, when.day, tzinfo=datetime.timezone.utc)
    props.created = props.modified = stamp
    props.comments = ""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            from lxml import etree

            root = etree.fromstring(part.blob)
            ns = root.nsmap.get(None)
            app = root.find(f"{{{ns}}}Application") if ns else None
            if app is None and ns:
                app = etree.SubElement(root, f"{{{ns}}}Application")
            if app is not None:
                app.text = generator
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell_xml(text: str, width: int, header: bool) -> str:
    run_props = "<w:rPr>" + ("<w:b/>" if header else "") + '<w:sz w:val="17"/></w:rPr>'
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="E8EDF2"/>' if header else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>{run_props}'
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in (text.split("\n") or [""]))
    props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
    return f"<w:tc>{props}{paragraphs}</w:tc>"


def table_rows_xml(rows: list[list[str]], widths: list[int], header: bool) -> list:
    """``<w:tr>`` elements for ``rows``: rows never split across pages, the header repeats."""
    row_props = '<w:trPr><w:cantSplit w:val="true"/>' + \
        ('<w:tblHeader w:val="true"/>' if header else "") + "</w:trPr>"
    body = "".join(
        f"<w:tr>{row_props}"
        f"{''.join(_cell_xml(c, w, header) for c, w in zip(row, widths, strict=True))}</w:tr>"
        for row in rows)
    return list(parse_xml(f'<w:tbl xmlns:w="{_W}">{body}</w:tbl>'))
