"""Output formats. Each renderer turns the model (and the shared layout) into files' bytes.

Renderers return bytes instead of writing, so a build writes nothing until every output is
ready, and then replaces each file atomically (see ``archdoc.output``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from archdoc import formats
from archdoc.layout import Figure, build_scene, figure_of
from archdoc.layout.focus import focus
from archdoc.layout.scene import Scene, mark
from archdoc.model import Architecture
from archdoc.text import text

if TYPE_CHECKING:
    from archdoc.checks.claims import ClaimStatus
    from archdoc.checks.rule import RuleResult
    from archdoc.diff import ModelDiff
    from archdoc.drift.findings import DriftReport


def drift_marks(report: DriftReport, language: str) -> dict[str, str]:
    """Model id -> the note its diagram node carries: drifted and missing resources."""
    notes = {}
    for (_, rid), status in report.resource_status().items():
        if status.value in ("DRIFTED", "MISSING"):
            notes[rid] = text(f"mark_{status.value}", language)
    return notes


@dataclass
class BuildContext:
    """What renderers read: the model, its scene and every figure, computed once and shared."""

    model: Architecture
    options: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said to the user after the build

    verification: DriftReport | None = None  # ``build --verify-live``: the live check's result
    claims: list[ClaimStatus] = field(default_factory=list)  # each security claim's status
    results: list[RuleResult] = field(default_factory=list)  # every rule's result on the model
    outputs: dict[str, int] = field(default_factory=dict)  # files built before: name -> bytes
    since: ModelDiff | None = None  # ``build --since OLD``: what changed since OLD
    since_model: Architecture | None = None  # ... and OLD itself, for the changes figure

    @property
    def dpi(self) -> float:
        """The resolution asked for the PNG figures (``build --dpi``)."""
        return float(self.options.get("dpi", 96.0))

    @cached_property
    def _scenes(self) -> tuple[Scene, list[Scene]]:
        scene = build_scene(self.model)
        if self.verification is not None:
            mark(scene, drift_marks(self.verification, self.model.language))
        # each chapter's scene is taken now, from the scene as placed: laying out the whole
        # figure reorders its rows (grid.order_by_flows), and a chapter taken from it while
        # that runs in another thread would depend on the timing
        chapters = [focus(scene, set(s.resources)) for s in self.model.sections]
        # a chapter that shows everything is the whole scene: its figure is the whole figure
        return scene, [scene if chapter == scene else chapter for chapter in chapters]

    @property
    def scene(self) -> Scene:
        return self._scenes[0]

    @property
    def section_scenes(self) -> list[Scene]:
        return self._scenes[1]

    @cached_property
    def _figures(self) -> list[Future[Figure]]:
        """Every figure, the whole architecture first, drawn in parallel (Graphviz runs in
        its own process, so threads use every core)."""
        # what the workers run, imported here first: a worker importing it while a signal
        # interrupts the main thread's own import would wait on the import lock for ever
        import archdoc.layout.graphviz
        import archdoc.layout.grid
        import archdoc.layout.route  # noqa: F401

        pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        if "figure" in self.__dict__:  # drawn already: not again
            done: Future[Figure] = Future()
            done.set_result(self.__dict__["figure"])
            futures = [done]
        else:
            futures = [pool.submit(figure_of, self.scene, dpi=self.dpi)]
        futures += [futures[0] if scene is self.scene else
                    pool.submit(figure_of, scene, ("png", "svg"), self.dpi)
                    for scene in self.section_scenes]
        pool.shutdown(wait=False)  # the figures finish while the renderers are loaded and begin
        return futures

    def start(self) -> None:
        """Begin drawing every figure in the background (renderers wait for the ones they use)."""
        self.options["all_figures"] = True
        _ = self._figures

    @cached_property
    def figure(self) -> Figure:
        """The whole architecture: routed layout, PNG and SVG."""
        if "_figures" in self.__dict__ or self.options.get("all_figures"):
            return self._figures[0].result()
        return figure_of(self.scene, dpi=self.dpi)

    @cached_property
    def changes_figure(self) -> Figure | None:
        """``build --since``: the architecture with what was added, removed and changed
        marked; None without ``--since`` or when nothing changed."""
        if self.since is None or self.since_model is None or not self.since.changes:
            return None
        from archdoc.layout.changes import changes_scene

        return figure_of(changes_scene(self.since_model, self.model, self.since),
                         dpi=self.dpi)

    @cached_property
    def section_figures(self) -> list[Figure]:
        """Per section, its own figure (PNG and SVG): its resources, their groups and flow
        neighbours, laid out on its own."""
        return [f.result() for f in self._figures[1:]]


Renderer = Callable[[BuildContext], dict[str, bytes]]


def load_renderer(name: str) -> Renderer:
    """The renderer of the build output ``name`` (see ``archdoc.formats``)."""
    render: Renderer = formats.get("build", name).load()
    return render
