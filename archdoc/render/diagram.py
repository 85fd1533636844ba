"""``architecture.png`` and ``architecture.svg``, both from the one shared layout."""

from __future__ import annotations

from archdoc.render import BuildContext
from archdoc.render.svg import self_contained_svg


def render_diagram(ctx: BuildContext) -> dict[str, bytes]:
    figure = ctx.figure
    return {
        "architecture.png": figure.png,
        "architecture.svg": self_contained_svg(figure.svg),
    }
