"""Assemble the Word report: title page, contents, introduction, diagram, overview, one
chapter per model section (definition, role, security considerations), appendix."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from archdoc import __version__
from archdoc.kinds import kind_of
from archdoc.model import Architecture, Section
from archdoc.processes import checkpoint
from archdoc.render import BuildContext
from archdoc.render.report import word
from archdoc.render.report.figures import FigureWriting
from archdoc.render.report.inventory import attachments, inventory_by_kind
from archdoc.render.report.package import docx_bytes
from archdoc.render.report.security import SecurityWriting
from archdoc.render.report.tables import (
    TABLE_BUILDERS,
    TableData,
    definitions,
    verification_table,
)
from archdoc.text import field_name, kind_name, words


@dataclass
class _Numbers:
    """Figure and table numbers as Word's SEQ fields will compute them, and their bookmarks."""

    figure: int = 0
    table: int = 0
    bookmark: int = 0
    table_of_resource: dict[tuple[int, str], int] = field(default_factory=dict)
    position: dict[tuple[str, int], int] = field(default_factory=dict)  # reading order


class ReportWriter(FigureWriting, SecurityWriting):
    def __init__(self, ctx: BuildContext, template: bytes | None = None):
        self.ctx = ctx
        self.model: Architecture = ctx.model
        self.w = words(self.model.language)
        self.doc: DocxDocument = (docx.Document(io.BytesIO(template)) if template
                                  else docx.Document())
        self.from_template = template is not None
        self.n = _Numbers()
        self.outline: list[tuple[int, str]] = []
        self.named_rules: set[str] = set()  # the rules the report names, for its legend
        self._style_ids: dict[str, str] | None = None

    # --- building blocks --------------------------------------------------------------------

    def paragraph(self, text: str = "", style: str | None = None):
        """A paragraph in ``style``, set by its id: python-docx's lookup by name scans every
        style on each call, most of the report's time."""
        paragraph = self.doc.add_paragraph(text)
        if style is not None:
            paragraph._p.get_or_add_pPr().style = self.style_ids.get(style, style)
        return paragraph

    @property
    def style_ids(self) -> dict[str, str]:
        if self._style_ids is None:  # (read once: a template's styles do not change)
            self._style_ids = word.style_ids(self.doc)
        return self._style_ids

    @cached_property
    def _table_style_id(self) -> str | None:
        """The id of "Table Grid", looked up once: python-docx's lookup by name also scans for
        the default table style, a millisecond per table (None when it is the default)."""
        return self.doc.styles.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")
        self.outline.append((level, text))

    def lead(self, text: str):
        """A sentence that introduces the table after it: on the table's page."""
        paragraph = self.doc.add_paragraph(text)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def bullet(self, text: str, bold_prefix: str | None = None):
        paragraph = self.paragraph(style="List Bullet")
        if bold_prefix:
            paragraph.add_run(bold_prefix).bold = True
        paragraph.add_run(text)
        return paragraph

    def _caption(self, kind: str, number: int, text: str) -> Paragraph:
        """``그림 3. text`` with the number as a SEQ field inside a bookmark."""
        paragraph = self.paragraph(style="Caption")
        label = self.w[kind]
        paragraph.add_run(f"{label} ")
        self.n.bookmark += 1
        word.add_bookmarked_field(paragraph, self.n.bookmark, self._bookmark(kind, number),
                                  f"SEQ {label} \\* ARABIC", str(number))
        paragraph.add_run(f". {text}" if text else ".")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    @staticmethod
    def _bookmark(kind: str, number: int) -> str:
        return f"_Ref_{kind}_{number}"

    def references(self, paragraph, targets: list[tuple[str, int]]) -> None:
        """One "(see Figure 2 and Table 3)" for all ``targets``, in reading order, each once;
        the numbers are REF fields to the captions' bookmarks."""
        ordered = sorted(set(targets), key=lambda t: (self.n.position[t], t))
        if not ordered:
            return
        before, after = self.w["see"].split("{label} {n}") if len(ordered) == 1 else \
            self.w["see_many"].split("{items}")
        # English puts the reference inside its sentence ("... HTTP (see Figure 6)."); Korean
        # after it, as the seed's report does ("... 두었습니다. (그림 2 참조)")
        stop = ""
        runs = paragraph.runs
        if self.model.language == "en" and runs and runs[-1].text.endswith("."):
            runs[-1].text, stop = runs[-1].text[:-1], "."
        paragraph.add_run(f" ({before}")
        for i, (kind, number) in enumerate(ordered):
            if i:
                paragraph.add_run(self.w["and"])
            paragraph.add_run(f"{self.w[kind]} ")
            word.add_field(paragraph, f"REF {self._bookmark(kind, number)} \\h", str(number))
        paragraph.add_run(f"{after}){stop}")

    def table(self, data: TableData) -> int:
        self.n.table += 1
        caption_at = self.n.table
        self.n.position[("table", caption_at)] = len(self.n.position)
        # (the caption itself: ``doc.paragraphs`` makes an object of every paragraph so far)
        self._caption("table", caption_at, data.caption).paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=0, cols=len(data.header))
        table._tbl.tblStyle_val = self._table_style_id
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Rows are written as XML in one go: python-docx's cell API takes seconds for the
        # thousand-row inventory of a large model.
        count = len(data.header)
        fractions = data.widths or tuple(1 / count for _ in range(count))
        width = word.text_width(self.doc)  # (python-docx reads the last section's XML)
        twips = [int(width / 635 * f) for f in fractions]  # EMU -> twips
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
            col.set(qn("w:w"), str(width))
        rows = [list(row) for row in data.rows]
        keep = len(rows) <= word.KEEP_TOGETHER  # the header with the rows, each with the next
        for row in word.table_rows_xml([data.header], twips, header=True,
                                       keep=1 if keep and rows else 0) + \
                word.table_rows_xml(rows, twips, header=False,
                                    keep=len(rows) - 1 if keep else 0):
            table._tbl.append(row)
        self.doc.add_paragraph()
        return caption_at

    # --- parts ------------------------------------------------------------------------------

    def title_page(self) -> None:
        m, w = self.model, self.w
        for _ in range(6):
            self.doc.add_paragraph()
        title = self.paragraph(m.title, "Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # what a course submission's cover carries, each line only when the model has it
        lines = [(w["version"], m.version), (w["course"], m.course),
                 (w["organisation"], m.organisation), (w["student_id"], m.student_id),
                 (w["author"], m.author), (w["instructor"], m.instructor), (w["date"], m.date)]
        for label, value in lines:
            if value:
                paragraph = self.doc.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(str(value))
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self):
        """The contents title and the paragraph the TOC goes before, once the headings exist."""
        self.paragraph(self.w["toc"], "TOC Heading" if "TOC Heading" in self.style_ids
                       else "Title")
        word.update_fields_on_open(self.doc)
        page_break = self.doc.add_paragraph()
        page_break.add_run().add_break(WD_BREAK.PAGE)
        return page_break

    def introduction(self) -> None:
        self.heading(self.w["introduction"], 1)
        if not self.model.changes:
            self.doc.add_paragraph(self.w["no_changes"])
        for change in self.model.changes:
            paragraph = self.bullet(change.what)
            if change.why:
                paragraph.add_run(f" ({self.w['because']}: {change.why})")
        if self.ctx.since is not None:
            self.since(self.ctx.since)

    def since(self, found) -> None:
        """``build --since``: the model's changes since the older version, in words."""
        w = self.w
        self.paragraph(w["since_intro"].format(old=found.old_name) if found.changes
                       else w["since_none"].format(old=found.old_name))
        for change in found.changes:
            name = change.name if change.what != "resource" else \
                (f"{kind_name(change.kind, self.model.language)} {change.name}"
                 if change.kind else change.name)
            what = w[f"change_{change.what}"]
            if change.op == "changed":
                field = change.field if change.what != "document" else change.name
                if field.isidentifier():  # a plain field: in words ("별칭 대상")
                    field = field_name(field, self.model.language)
                name = "" if change.what == "document" else name
                self.bullet(w["since_changed"].format(what=what, name=name,
                            field=f" {field}" if name else field, old=change.old,
                            new=change.new))
            else:
                self.bullet(w[f"since_{change.op}"].format(what=what, name=name))
        if self.ctx.changes_figure is not None:
            self.figure(self.ctx.changes_figure, w["changes_caption"].format(old=found.old_name))

    def diagram(self) -> None:
        self.figure(self.ctx.figure, self.model.figure_caption or self.model.title,
                    lambda: self.heading(self.w["diagram"], 1))

    def overview(self) -> None:
        self.heading(self.w["overview"], 1)
        for line in (self.model.summary or "").splitlines():
            if line.strip():
                self.doc.add_paragraph(line.strip())

    def chapter(self, index: int, section: Section) -> None:
        m, w = self.model, self.w
        number = index + 1
        fig = self.figure(self.ctx.section_figures[index],
                          section.figure_caption or section.title,
                          lambda: self.heading(f"{number}. {section.title}", 1))

        self.heading(f"{number}.1. {w['definition']}", 2)
        for service, definition in definitions(m, section):
            self.bullet(definition, bold_prefix=f"{service}: ")

        self.heading(f"{number}.2. {w['role']}", 2)
        for rid in section.resources:
            text = section.roles.get(rid) or m.resources[rid].role
            if text:
                self.bullet(text, bold_prefix=f"{m.label(rid)}: ")
        for rid in section.resources:
            builder = kind_of(m.resources[rid].kind).table
            if builder:
                self.n.table_of_resource[(index, rid)] = self.table(
                    TABLE_BUILDERS[builder](m, rid))

        self.heading(f"{number}.3. {w['security']}", 2)
        self.security(index, section, fig)

    def reflections(self) -> None:
        if not self.model.reflections:
            return
        self.heading(self.w["reflections"], 1)
        for line in self.model.reflections.splitlines():
            if line.strip():
                self.bullet(line.strip())

    def attachments(self) -> None:
        self.heading(self.w["attachments"], 1)
        self.lead(self.w["attachments_intro"])
        self.table(attachments(self.ctx.outputs, self.model.report_file,
                               bool(self.ctx.options.get("pdf")), self.model.language))

    def appendix(self) -> None:
        self.doc.add_section(WD_SECTION.NEW_PAGE)  # copies the page setup of the one before
        self.heading(self.w["appendix"], 1)
        self.lead(self.w["appendix_intro"])
        for table in inventory_by_kind(self.model):
            self.table(table)
        legend = self.rule_legend()
        if legend is not None:
            self.heading(self.w["rule_legend"], 2)
            self.lead(self.w["rule_legend_intro"])
            self.table(legend)

    def verification(self) -> None:
        """What ``build --verify-live`` found: the document carries its own proof."""
        report = self.ctx.verification
        if report is None:
            return
        self.heading(self.w["verification"], 1)
        counts = report.counts()
        summary = ", ".join(self.w["status_count"].format(n=counts[s],
                                                          status=self.w["status_" + s.value])
                            for s in type(next(iter(counts))) if counts[s])
        self.doc.add_paragraph(self.w["verification_intro"].format(
            account=report.account, region=report.region,
            at=f"{report.checked_at:%Y-%m-%d %H:%M}", summary=summary))
        if report.coverage is not None:
            self.doc.add_paragraph(self.w["verification_coverage"].format(
                percent=f"{report.coverage:.0%}"))
        table = verification_table(report, self.model.language)
        if table.rows:
            self.table(table)
        else:
            self.doc.add_paragraph(self.w["verification_clean"])

    # --- whole document ---------------------------------------------------------------------

    def write(self) -> bytes:
        if self.from_template:
            _clear_body(self.doc)
        else:
            word.a4(self.doc)
        word.apply_typography(self.doc, self.from_template)
        self.title_page()
        toc_place = self.contents()
        self.introduction()
        self.diagram()
        self.overview()
        for index, section in enumerate(self.model.sections):
            checkpoint()  # a signal stops the report between chapters
            self.chapter(index, section)
        self.attachments()  # before the reflections, as in the seed's report
        self.reflections()
        self.appendix()
        self.verification()
        self.toc_entries = [(level, text) for level, text in self.outline if level <= 2]
        self.toc = word.add_toc(toc_place, 'TOC \\o "1-2" \\h \\z \\u', self.toc_entries)
        word.page_number_footer(self.doc, keep_template=self.from_template)
        word.set_properties(self.doc, title=self.model.title, author=self.model.author or "",
                            created=self.model.date, generator=f"archdoc {__version__}",
                            language=self.model.language)
        word.no_auto_space(self.doc)
        if self.model.language == "ko":
            word.choose_particles(self.doc)
        return docx_bytes(self.doc)

    def with_toc_pages(self, contents: list[str]) -> bytes:
        """The .docx again, its contents listing the pages of ``contents`` ("heading<TAB>page"
        lines from a layout pass), matched to the entries in order."""
        pages: list[int | None] = []
        lines = iter(contents)
        for _, text in self.toc_entries:
            wanted = " ".join(text.split())
            page = None
            for line in lines:
                title, _, number = line.rpartition("\t")
                if " ".join(title.split()) == wanted and number.strip().isdigit():
                    page = int(number)
                    break
            pages.append(page)
            if page is None:  # not found: the rest cannot be matched in order either
                lines = iter(contents)
        word.set_toc_pages(self.toc, pages)
        return docx_bytes(self.doc)


def _clear_body(doc: DocxDocument) -> None:
    """Drop a template's content but keep its last section properties (page, headers)."""
    body = doc.element.body
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
