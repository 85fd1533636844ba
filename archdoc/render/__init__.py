"""Output formats. Each renderer turns the model (and the shared layout) into files' bytes.

Renderers return bytes instead of writing, so a build writes nothing until every output is
ready, and then replaces each file atomically (see ``archdoc.output``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

from archdoc.layout.graphviz import Drawing, draw, layout_size
from archdoc.layout.scene import Scene, build_scene
from archdoc.model import Architecture


@dataclass
class BuildContext:
    """What renderers read: the model and the layout, computed once and shared."""

    model: Architecture
    options: dict = field(default_factory=dict)

    @cached_property
    def scene(self) -> Scene:
        return build_scene(self.model)

    @cached_property
    def drawing(self) -> Drawing:
        return draw(self.scene)

    @cached_property
    def section_drawings(self) -> list[Drawing]:
        """Per section, the overall diagram with its resources highlighted (same layout).

        Rendering a large PNG costs more than the layout; Graphviz runs in parallel here.
        """
        layout = self.drawing.layout
        # A figure is shown at most a page high: more than ~2,400 px is only slower to render.
        dpi = min(96.0, 2400 * 72 / max(layout_size(layout)))

        def render(section) -> Drawing:
            return draw(self.scene, set(section.resources), formats=("png",), layout=layout,
                        dpi=dpi)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            return list(pool.map(render, self.model.sections))


Renderer = Callable[[BuildContext], dict[str, bytes]]


# The output formats by name, in build order: one module each, imported only when built.
RENDERERS: dict[str, str] = {
    "diagram": "archdoc.render.diagram:render_diagram",
    "drawio": "archdoc.render.drawio:render_drawio",
    "report": "archdoc.render.report:render_report",
}


def load_renderer(name: str) -> Renderer:
    module, function = RENDERERS[name].split(":")
    return getattr(importlib.import_module(module), function)
