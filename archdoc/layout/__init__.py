"""The one layout every figure and format shares: model -> scene -> grid -> routed edges.

``build_scene`` turns a model into what the diagram shows; ``figure_of`` takes a scene to a
:class:`Figure` (typed layout, PNG, SVG).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from archdoc.layout.geometry import Layout
from archdoc.layout.scene import Scene
from archdoc.model import Architecture

PNG_LIMIT = 32767  # pixels: Graphviz shrinks a larger PNG to fit, silently
# pixels in all: beyond this, common tools refuse or warn of a "decompression bomb" (it is
# Pillow's own MAX_IMAGE_PIXELS), and such a PNG takes seconds to encode for nobody to open
PIXEL_LIMIT = 89_478_485


@dataclass(frozen=True)
class Figure:
    scene: Scene
    layout: Layout
    png: bytes
    svg: bytes
    dpi: float = 96.0  # of the PNG: lower than asked when the picture is too large for it


def build_scene(model: Architecture) -> Scene:
    """Place every resource of ``model`` in its group and connect the flows."""
    from archdoc.layout.collapse import collapse
    from archdoc.layout.connect import connect
    from archdoc.layout.place import place

    placed = place(model)
    nodes, outside, node_of = collapse(model, placed)
    edges = connect(model, nodes, node_of)
    for node in nodes.values():  # a security group is drawn as a boundary round its members
        groups = dict.fromkeys(sg for rid in node.resources
                               for sg in getattr(model.resources[rid], "security_groups", ()))
        node.security_groups = tuple(sg for sg in groups if sg in model.resources)
        node.boundary = ", ".join(model.label(sg) for sg in node.security_groups)
    return Scene(nodes, outside, placed.root, edges, node_of, model.language)


def layout_of(scene: Scene) -> Layout:
    """The scene placed on its grid and every flow routed: the layout its figure draws.
    (Placing orders the scene's rows by their flows.)"""
    from archdoc.layout.grid import grid_layout, order_by_flows
    from archdoc.layout.route import route

    placed = grid_layout(scene)
    if order_by_flows(scene, placed):  # fewer crossings: rows in the order of their flows
        placed = grid_layout(scene)
    return route(scene, placed)


def figure_of(scene: Scene, formats: tuple[str, ...] = ("png", "svg"),
              dpi: float = 96.0) -> Figure:
    from archdoc.layout.graphviz import canvas, draw

    layout = layout_of(scene)
    # never let Graphviz shrink the PNG on its own: choose the resolution that fits, and say so
    fitting = min(dpi, (PNG_LIMIT - 1) * 72 / max(layout.width, layout.height, 1.0),
                  0.999 * 72 * math.sqrt(PIXEL_LIMIT / max(layout.width * layout.height, 1.0)))
    if fitting < dpi:  # in the tenths the DOT gives it in, less the whole pixels' rounding
        dpi = math.floor(fitting * 10) / 10
        while dpi > 0.1 and not _fits(*canvas(layout, dpi)):
            dpi = round(dpi - 0.1, 1)
    drawing = draw(scene, layout, formats=formats, dpi=dpi)
    return Figure(scene, layout, drawing.png, drawing.svg, dpi)


def _fits(width: int, height: int) -> bool:
    return max(width, height) < PNG_LIMIT and width * height <= PIXEL_LIMIT


def crop_of(figure: Figure, part: tuple[float, float, float, float]
            ) -> tuple[float, float, float, float]:
    """The fractions of ``figure``'s PNG and SVG to cut off the left, top, right and bottom
    to show only ``part`` (x, y, w, h in layout points)."""
    from archdoc.layout.graphviz import extent

    width, height = extent(figure.layout, figure.dpi)
    x, y, w, h = part
    return (x / width, y / height, max(0.0, 1 - (x + w) / width),
            max(0.0, 1 - (y + h) / height))


def figure_parts(figure: Figure, parts: list[tuple[float, float, float, float]],
                 dpi: float = 96.0) -> list[tuple[bytes, bytes]]:
    """PNG (at ``dpi``) and SVG of each rectangle (x, y, w, h) of ``figure``, in layout
    points: one thread for each core, each drawing its share of them."""
    from concurrent.futures import ThreadPoolExecutor

    from archdoc.layout.geometry import Rect
    from archdoc.layout.graphviz import draw_parts

    rects = [Rect(*part) for part in parts]
    runs = max(1, min(len(rects), os.cpu_count() or 2))
    shares = [rects[k::runs] for k in range(runs)]
    # the threads share the nodes' and edges' DOT lines: two that write the same one write
    # the same text
    lines: dict[tuple[str, str], str] = {}
    with ThreadPoolExecutor(max_workers=runs) as pool:
        drawn = list(pool.map(lambda share: draw_parts(figure.scene, figure.layout, share,
                                                       dpi, ("png", "svg"), lines), shares))
    out: list[tuple[bytes, bytes]] = [(b"", b"")] * len(rects)
    for k, pictures in enumerate(drawn):
        out[k::runs] = [(p["png"], p["svg"]) for p in pictures]
    return out
