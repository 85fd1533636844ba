"""Output formats. Each renderer turns the model (and the shared layout) into files' bytes.

Renderers return bytes instead of writing, so a build writes nothing until every output is
ready, and then replaces each file atomically (see ``archdoc.output``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from archdoc.layout.graphviz import Drawing, draw
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

    def section_drawing(self, index: int) -> Drawing:
        """The overall diagram with section ``index``'s resources highlighted (same layout)."""
        cache = self.__dict__.setdefault("_section_drawings", {})
        if index not in cache:
            section = self.model.sections[index]
            cache[index] = draw(self.scene, set(section.resources), formats=("png",))
        return cache[index]


Renderer = Callable[[BuildContext], dict[str, bytes]]


def renderers() -> dict[str, Renderer]:
    """The output formats by name, in build order. One module each."""
    from archdoc.render import diagram

    return {"diagram": diagram.render_diagram}
