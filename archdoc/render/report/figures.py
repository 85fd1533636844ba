"""The report's figures: each on one page at a size where its smallest label is readable,
or scaled to a landscape page and followed by its details."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from archdoc.layout import PNG_LIMIT, Figure, crop_of, figure_parts
from archdoc.layout.geometry import Rect
from archdoc.render.report import word
from archdoc.render.report.tables import TableData
from archdoc.render.svg import self_contained_svg

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

    from archdoc.render import BuildContext

MIN_PRINTED_PT = 7.0  # no label of a figure may print smaller than this
CAPTION_ROOM = 36.0  # points of a page a figure's caption takes, with its spacing
HEADING_ROOM = 48.0  # ... and a heading printed above the figure
PRINT_DPI = 300.0  # what a figure has on paper, in a PDF


class FigureWriting:
    """The figure half of :class:`archdoc.render.report.document.ReportWriter`."""

    doc: DocxDocument
    ctx: BuildContext
    w: dict[str, str]
    n: Any

    def _caption(self, kind: str, number: int, text: str) -> Paragraph:
        raise NotImplementedError

    def lead(self, text: str) -> Paragraph:
        raise NotImplementedError

    def table(self, data: TableData) -> int:
        raise NotImplementedError

    def figure(self, figure: Figure, caption: str,
               heading: Callable[[], object] | None = None) -> int:
        """One figure, one number, on one page: at a size where its smallest label prints at
        ``MIN_PRINTED_PT`` or more on a portrait page if it fits there, else on a landscape
        one; else scaled to the landscape page, followed by focused details of it (each VPC,
        or each AZ of a VPC too large), each a figure of its own at the readable size.
        ``heading`` writes the heading that goes with it, on the figure's page. Returns the
        figure's number."""
        layout = figure.layout
        need = MIN_PRINTED_PT / layout.fonts.smallest  # the smallest scale allowed
        # the caption, and the heading when it goes on the figure's page, share it: a figure
        # scaled to the whole page would push its caption onto the next
        room = CAPTION_ROOM + (HEADING_ROOM if heading else 0.0)
        portrait = word.figure_scale(self.doc, layout.width, layout.height, reserve_pt=room)
        landscape = word.figure_scale(self.doc, layout.width, layout.height, landscape=True,
                                      reserve_pt=room)
        if portrait >= need:
            if heading:
                heading()
            return self._picture(self._printable(figure, portrait), layout.width * portrait,
                                 layout.height * portrait, caption, figure.svg)
        word.start_section(self.doc, landscape=True)
        if heading:  # on the figure's page, not alone at the foot of the one before
            heading()
        number = self._picture(self._printable(figure, landscape), layout.width * landscape,
                               layout.height * landscape, caption, figure.svg)
        if landscape < need:
            self._details(figure, caption, need)
        word.start_section(self.doc, landscape=False)
        if landscape < need and figure.layout.legend:
            self._numbered_labels(figure, caption)
        return number

    def _details(self, figure: Figure, caption: str, need: float) -> None:
        """Figures of the parts of a figure too large to read whole: each VPC (or region
        without one), else each of its AZ columns, else tiles of it, at a readable scale."""
        layout = figure.layout
        page_w, page_h = word.text_area(self.doc)
        page_h -= CAPTION_ROOM  # each detail's caption goes on its page
        scale = max(need, 0.75)

        def fits(r: Rect) -> bool:
            return r.w * scale <= page_w and r.h * scale <= page_h

        parts: list[tuple[str, Rect]] = []
        tops = [g for g in figure.scene.groups() if g.style == "vpc"] or \
            [g for g in figure.scene.groups() if g.style == "region"]
        for group in tops:
            box = layout.groups.get(group.id)
            if box is None:
                continue
            rect = _grown(box.rect, 8.0, layout)
            if fits(rect):
                parts.append((group.label.split("\n")[0], rect))
                continue
            columns = [g for g in group.groups if g.style == "az" and g.id in layout.groups]
            for column in columns or [group]:
                inner = _grown(layout.groups[column.id].rect, 8.0, layout)
                tiles = _tiles(inner, page_w / scale, page_h / scale)
                for k, tile in enumerate(tiles, start=1):
                    name = column.label.split("\n")[0]
                    parts.append((name if len(tiles) == 1 else f"{name} {k}/{len(tiles)}", tile))
        dpi = self.ctx.dpi
        if self.ctx.options.get("pdf"):  # printed at its fit to the page, each at PRINT_DPI
            dpi = max([dpi] + [_print_dpi(r, min(1.0, page_w / r.w, page_h / r.h))
                               for _, r in parts])
        spans = [(r.x, r.y, r.w, r.h) for _, r in parts]
        # at the figure's own resolution, a detail is the figure's pictures cropped (stored
        # once, drawn by Word to the crop); only another resolution needs drawing again
        cropped = dpi == figure.dpi
        drawn = [(figure.png, figure.svg)] * len(parts) if cropped else \
            figure_parts(figure, spans, dpi)
        for (name, rect), span, (png, svg) in zip(parts, spans, drawn, strict=True):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            fit = min(1.0, page_w / rect.w, page_h / rect.h)  # as large as the page allows
            self._picture(png, rect.w * fit, rect.h * fit,
                          self.w["figure_detail"].format(caption=caption, part=name), svg,
                          crop_of(figure, span) if cropped else None)

    def _numbered_labels(self, figure: Figure, caption: str) -> None:
        """The figure's legend as a table, after its details: printed with the figure at
        less than a readable size, it is all that says what the numbers on the details' lines
        stand for. Each number with the flow's ends, to find its line by."""
        scene, layout = figure.scene, figure.layout
        edges = {edge.id: edge for edge in scene.edges}
        numbered = {route.badge: edges[eid] for eid, route in layout.edges.items()
                    if route.badge}

        def one_line(text: str) -> str:
            return " ".join(text.split())

        # the label as written, not its drawn lines joined again: a long word broken at a
        # joint ("orders-" / "queue") would come back with a space inside it
        rows = [[number, one_line(scene.nodes[numbered[number].tail].label),
                 one_line(scene.nodes[numbered[number].head].label),
                 one_line(numbered[number].label)] for number, _ in layout.legend]
        w = self.w
        self.lead(w["numbered_labels_intro"])
        self.table(TableData(w["numbered_labels"].format(caption=caption),
                             [w["number_column"], w["from_column"], w["to_column"],
                              w["label_column"]], rows, widths=(0.1, 0.25, 0.25, 0.4)))

    def _printable(self, figure: Figure, scale: float) -> bytes:
        """The figure's PNG; for a PDF (which LibreOffice makes from the PNG, not the SVG),
        drawn again at ``PRINT_DPI`` for the size it is printed at."""
        layout = figure.layout
        whole = Rect(0.0, 0.0, layout.width, layout.height)
        dpi = _print_dpi(whole, scale)
        if not self.ctx.options.get("pdf") or dpi <= figure.dpi:
            return figure.png
        return figure_parts(figure, [(0.0, 0.0, layout.width, layout.height)], dpi)[0][0]

    def _picture(self, png: bytes, width_pt: float, height_pt: float, caption: str,
                 svg: bytes | None = None,
                 crop: tuple[float, float, float, float] | None = None) -> int:
        """The figure as a picture (vector, with the PNG as fallback, when ``svg`` is given)
        and its caption, which is also its alternative text; ``crop``: the part of the
        picture shown (see ``word.picture_extras``)."""
        self.n.figure += 1
        self.n.position[("figure", self.n.figure)] = len(self.n.position)
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(png), width=word.points_to_emu(width_pt),
                        height=word.points_to_emu(height_pt))
        # its icons inside it: Graphviz refers to them by this machine's file paths, which
        # Word elsewhere cannot follow (and which the document must not carry)
        word.picture_extras(self.doc, run, caption, _contained(svg) if svg else None, crop)
        self._caption("figure", self.n.figure, caption)
        return self.n.figure


@lru_cache(maxsize=4)  # a figure and its details: one SVG, made to stand alone once
def _contained(svg: bytes) -> bytes:
    return self_contained_svg(svg)


def _print_dpi(rect: Rect, scale: float) -> float:
    """The resolution to draw ``rect`` at so that, printed at ``scale``, it has
    ``PRINT_DPI`` (never a PNG larger than Graphviz draws)."""
    return min(PRINT_DPI * scale, (PNG_LIMIT - 1) * 72 / max(rect.w, rect.h, 1.0))


def _grown(rect: Rect, margin: float, layout) -> Rect:
    """``rect`` grown by ``margin``, kept inside the picture."""
    x, y = max(rect.x - margin, 0.0), max(rect.y - margin, 0.0)
    return Rect(x, y, min(rect.right + margin, layout.width) - x,
                min(rect.bottom + margin, layout.height) - y)


def _tiles(rect: Rect, max_w: float, max_h: float) -> list[Rect]:
    """``rect`` cut into the fewest equal tiles of at most ``max_w`` by ``max_h``."""
    cols, rows = max(1, math.ceil(rect.w / max_w)), max(1, math.ceil(rect.h / max_h))
    w, h = rect.w / cols, rect.h / rows
    return [Rect(rect.x + c * w, rect.y + r * h, w, h) for r in range(rows) for c in range(cols)]
