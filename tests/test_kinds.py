"""Every resource kind has what each output needs; a new kind missing one fails here."""

from __future__ import annotations

import os

from archdoc.layout.icons import KIND_STYLES, icon_path
from archdoc.model.resources import KINDS
from archdoc.render.drawio_styles import KIND_STYLES as DRAWIO_STYLES
from archdoc.render.report.catalog import SERVICES


def test_every_kind_has_an_icon_a_drawio_shape_and_a_definition():
    assert set(KIND_STYLES) == set(KINDS)
    assert set(SERVICES) == set(KINDS)
    drawn = set(KINDS) - {"vpc", "subnet"}  # drawn as groups, not shapes
    assert set(DRAWIO_STYLES) == drawn
    for kind in KINDS:
        assert os.path.isfile(icon_path(kind)), kind
        assert SERVICES[kind].definition("ko") and SERVICES[kind].definition("en")


def test_every_kind_names_its_kind_field():
    for kind, cls in KINDS.items():
        assert cls.model_fields["kind"].annotation.__args__ == (kind,)
