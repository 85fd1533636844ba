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
from typing import Any

from archdoc.formats import RENDERERS
from archdoc.layout import Figure, figure_of
from archdoc.layout.focus import focus
from archdoc.layout.scene import Scene, build_scene
from archdoc.model import Architecture


@dataclass
class BuildContext:
    """What renderers read: the model, its scene and every figure, computed once and shared."""

    model: Architecture
    options: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said to the user after the build

    @cached_property
    def scene(self) -> Scene:
        return build_scene(self.model)

    @cached_property
    def figure(self) -> Figure:
        """The whole architecture: routed layout, PNG and SVG."""
        return figure_of(self.scene)

    @cached_property
    def section_figures(self) -> list[Figure]:
        """Per section, its own figure: its resources, their groups and flow neighbours.

        Each is laid out on its own; Graphviz runs in parallel here.
        """
        def render(section) -> Figure:
            return figure_of(focus(self.scene, set(section.resources)), formats=("png", "svg"))

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            return list(pool.map(render, self.model.sections))


Renderer = Callable[[BuildContext], dict[str, bytes]]


def load_renderer(name: str) -> Renderer:
    module, function = RENDERERS[name].split(":")
    return getattr(importlib.import_module(module), function)
