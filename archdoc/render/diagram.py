"""``architecture.png`` and ``architecture.svg``, both from the one shared Graphviz layout."""

from __future__ import annotations

from archdoc.render import BuildContext
from archdoc.render.svg import self_contained_svg


def render_diagram(ctx: BuildContext) -> dict[str, bytes]:
    drawing = ctx.drawing
    return {
        "architecture.png": drawing.png,
        "architecture.svg": self_contained_svg(drawing.svg),
    }
