"""Word features python-docx has no API for: fields (TOC, SEQ, REF), bookmarks, East Asian
fonts, and the document setting that makes Word refresh fields on open."""

from __future__ import annotations

import html  # (not xml.sax.saxutils: it imports urllib, http, email and ssl)

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.styles import BabelFish
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


def style_ids(document: DocxDocument) -> dict[str, str]:
    """Each style's name, as Word shows it, and its id, read from the styles' XML in one pass
    (python-docx makes an object of every style each time its styles are listed)."""
    found: dict[str, str] = {}
    for style in document.styles.element.style_lst:
        name = style.name_val
        if name is not None and style.styleId is not None:
            found[BabelFish.internal2ui(name)] = style.styleId
    return found


def add_toc(before: Paragraph, instruction: str,
            entries: list[tuple[int, str]]) -> list[Paragraph]:
    """A TOC field, inserted before ``before``, whose cached result already lists ``entries``
    (level, heading text), each with a dotted tab to where its page number goes. Returns
    the entries' paragraphs (:func:`set_toc_pages` writes the numbers into them).

    Word recomputes it on open (with page numbers, see :func:`update_fields_on_open`);
    LibreOffice's converter shows the cached entries as they are.
    """
    document = before.part.document  # type: ignore[attr-defined]
    styles = style_ids(document)
    paragraphs = [before.insert_paragraph_before() for _ in range(max(len(entries), 1))]
    _field_start(paragraphs[0], instruction)
    right = Emu(text_width(document))
    for paragraph, (level, text) in zip(paragraphs, entries, strict=False):
        if f"TOC {level}" in styles:
            paragraph._p.get_or_add_pPr().style = styles[f"TOC {level}"]
        else:
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        paragraph.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        paragraph.add_run(text)
    _fld_char(paragraphs[-1], "end")
    return paragraphs[: len(entries)]


def set_toc_pages(paragraphs: list[Paragraph], pages: list[int | None]) -> None:
    """Write each entry's page number (from a layout pass) into the TOC's cached result."""
    for paragraph, page in zip(paragraphs, pages, strict=True):
        if page is None:
            continue
        runs = [r for r in paragraph._p.iter(qn("w:r")) if r.find(qn("w:fldChar")) is None
                and r.find(qn("w:instrText")) is None]
        run = OxmlElement("w:r")
        run.append(OxmlElement("w:tab"))
        number = OxmlElement("w:t")
        number.text = str(page)
        run.append(number)
        (runs[-1] if runs else paragraph._p[-1]).addnext(run)


SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office 2016's extension for SVG pictures
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def picture_extras(document: DocxDocument, run, alt_text: str, svg: bytes | None,
                   crop: tuple[float, float, float, float] | None = None) -> None:
    """The picture just added to ``run``: ``alt_text`` for screen readers, ``svg`` as its
    vector form, which Word 2016 and later draw (others show the PNG, its fallback), and
    ``crop``: the fractions of the picture cut off its left, top, right and bottom (both
    forms alike). An SVG already in the document is referred to again, not stored twice."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    inline = run._r.find(f".//{qn('wp:inline')}")
    if inline is None:
        return
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", alt_text)
        doc_pr.set("title", alt_text)
    blip = inline.find(f".//{qn('a:blip')}")
    if crop is not None:  # a:srcRect, in thousandths of a percent, between blip and stretch
        cut = OxmlElement("a:srcRect")
        for side, fraction in zip("ltrb", crop, strict=True):
            if round(fraction * 100_000):
                cut.set(side, str(round(fraction * 100_000)))
        blip.addnext(cut)
    if not svg:
        return
    rid = next((rel.rId for rel in document.part.rels.values()
                if rel.reltype == RT.IMAGE and not rel.is_external
                and rel.target_part.content_type == "image/svg+xml"
                and rel.target_part.blob == svg), None)
    if rid is None:
        package = document.part.package
        name = package.next_partname("/word/media/image%d.svg")
        rid = document.part.relate_to(Part(PackURI(name), "image/svg+xml", svg, package),
                                      RT.IMAGE)
    extensions = OxmlElement("a:extLst")
    extension = OxmlElement("a:ext")
    extension.set("uri", SVG_BLIP)
    svg_blip = parse_xml(f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" xmlns:r="http://schemas.'
                         f'openxmlformats.org/officeDocument/2006/relationships" '
                         f'r:embed="{rid}"/>')
    extension.append(svg_blip)
    extensions.append(extension)
    blip.append(extensions)


def page_number_footer(document: DocxDocument, keep_template: bool) -> None:
    """"N / M" centred at the foot of every page (the sections after the first share the
    first one's footer). A template's own footer, when it has one, is kept."""
    footer = document.sections[0].footer
    if keep_template and any(p.text.strip() for p in footer.paragraphs):
        return
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    add_field(paragraph, "NUMPAGES", "1")


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
    for style in document.styles.element.style_lst:  # (the XML: no object per style)
        if (style.type or 1) not in (1, 2):  # paragraph (no type: one) and character styles
            continue  # carry fonts
        set_fonts(style, None if from_template else LATIN_FONT, EAST_ASIAN_FONT,
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
    """Width, height, left, right, top and bottom margins (EMU) of the last section: the
    body's own section properties (``document.sections`` finds every section's first, one
    search of the whole body per table and figure)."""
    from docx.section import Section

    last = document.element.body.sectPr
    s = Section(last, document.part) if last is not None else document.sections[-1]
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


# pPr children that come after autoSpaceDE/DN in the schema (CT_PPrBase's order)
_AFTER_AUTOSPACE = ("bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
                    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
                    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def no_auto_space(document: DocxDocument) -> None:
    """Turn off the space Word and LibreOffice put between Latin text or digits and the
    Hangul after them ("S3 의", "443 으로"): Korean writes a particle against its word."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    for name in ("autoSpaceDE", "autoSpaceDN"):
        element = ppr.find(qn(f"w:{name}"))
        if element is None:
            element = OxmlElement(f"w:{name}")
            later = [c for c in ppr if c.tag in {qn(f"w:{n}") for n in _AFTER_AUTOSPACE}]
            if later:
                later[0].addprevious(element)
            else:
                ppr.append(element)
        element.set(qn("w:val"), "0")


def choose_particles(document: DocxDocument) -> None:
    """Every Korean particle written in both forms (``이(가)``) chosen for the word before
    it, in each paragraph of the body, headers and footers (the word may end the run
    before)."""
    from archdoc.korean import particles

    roots = [document.element.body] + [
        part.element for part in document.part.package.parts
        if str(part.partname).startswith(("/word/header", "/word/footer"))]
    for root in roots:
        for paragraph in root.iter(qn("w:p")):
            before = ""
            for node in paragraph.iter(qn("w:t")):
                if node.text is None:
                    continue
                if "(" in node.text:
                    context = before[-40:]
                    node.text = particles(context + node.text)[len(context):]
                before += node.text


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


def _cell_xml(text: str, width: int, header: bool, keep: bool = False) -> str:
    run_props = "<w:rPr>" + ("<w:b/>" if header else "") + '<w:sz w:val="17"/></w:rPr>'
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="E8EDF2"/>' if header else ""
    keep_next = "<w:keepNext/>" if keep else ""
    paragraphs = "".join(
        f'<w:p><w:pPr>{keep_next}<w:spacing w:after="0"/></w:pPr><w:r>{run_props}'
        f'<w:t xml:space="preserve">{html.escape(line, quote=False)}</w:t></w:r></w:p>'
        for line in (text.split("\n") or [""]))
    props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
    return f"<w:tc>{props}{paragraphs}</w:tc>"


KEEP_TOGETHER = 12  # a table of at most this many rows stays on one page


def table_rows_xml(rows: list[list[str]], widths: list[int], header: bool,
                   keep: int = 0) -> list:
    """``<w:tr>`` elements for ``rows``: rows never split across pages, the header repeats;
    the first ``keep`` rows are each kept with the next (so a short table is not split)."""
    row_props = '<w:trPr><w:cantSplit w:val="true"/>' + \
        ('<w:tblHeader w:val="true"/>' if header else "") + "</w:trPr>"
    body = "".join(
        f"<w:tr>{row_props}"
        + "".join(_cell_xml(c, w, header, k < keep) for c, w in zip(row, widths, strict=True))
        + "</w:tr>"
        for k, row in enumerate(rows))
    return list(parse_xml(f'<w:tbl xmlns:w="{_W}">{body}</w:tbl>'))
