"""The output formats by name, in build order: one module each, imported only when built.

Kept apart from the renderers so that naming them (``--only``) costs no import.
"""

from __future__ import annotations

RENDERERS: dict[str, str] = {
    "diagram": "archdoc.render.diagram:render_diagram",
    "drawio": "archdoc.render.drawio:render_drawio",
    "report": "archdoc.render.report:render_report",
    "site": "archdoc.render.site:render_site",
}
