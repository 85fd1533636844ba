"""``architecture.png`` and ``architecture.svg``, both from the one shared layout."""

from __future__ import annotations

from archdoc.render import BuildContext
from archdoc.render.svg import self_contained_svg


def render_diagram(ctx: BuildContext) -> dict[str, bytes]:
    figure = ctx.figure
    if figure.dpi < ctx.dpi:
        ctx.notes.append(
            f"the diagram is {figure.layout.width:,.0f} x {figure.layout.height:,.0f} pt; "
            f"architecture.png is drawn at {figure.dpi:.0f} dpi instead of {ctx.dpi:.0f} to stay "
            "within 32,767 pixels a side (Graphviz's limit) and 89 million in all (beyond "
            "which common image tools refuse it); architecture.svg is exact at any size")
    files = {
        "architecture.png": figure.png,
        "architecture.svg": self_contained_svg(figure.svg),
    }
    changes = ctx.changes_figure  # build --since: what changed, drawn
    if changes is not None:
        files["changes.png"] = changes.png
        files["changes.svg"] = self_contained_svg(changes.svg)
    return files
