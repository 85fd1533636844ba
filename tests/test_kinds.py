"""Every resource kind is one complete registry entry; a new kind missing a part fails here."""

from __future__ import annotations

import os

import pytest

from archdoc.kinds import KIND, KINDS, REGISTRY
from archdoc.layout.icons import icon_path
from archdoc.render.drawio_styles import allowed_names, kind_style
from archdoc.render.report.tables import TABLE_BUILDERS
from archdoc.text import kind_text


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda k: k.name)
def test_every_entry_is_complete(entry):
    assert os.path.isfile(icon_path(entry.name)), entry.icon
    form, _, shape = entry.drawio
    if form != "group":  # VPCs and subnets are drawn as containers
        assert kind_style(entry.name)
        if form != "plain":
            assert shape in allowed_names()
    assert entry.table is None or entry.table in TABLE_BUILDERS
    for language in ("en", "ko"):
        for field in ("name", "service", "definition"):
            assert kind_text(entry.name, field, language).strip()
    assert entry.model.model_fields["kind"].annotation.__args__ == (entry.name,)


def test_the_registry_is_the_one_list_of_kinds():
    assert list(KINDS) == [k.name for k in REGISTRY] == list(KIND)
    assert len(set(KINDS)) == len(REGISTRY)


def test_a_new_kind_is_one_entry(monkeypatch):
    """Registering a kind is one Kind(...) entry (plus its texts): the model accepts it, the
    scene places it and the diagram draws it, with no other list to edit."""
    from typing import Literal

    from archdoc import kinds
    from archdoc.layout import build_scene
    from archdoc.project import parse_model
    from archdoc.model.resources import ResourceBase

    class DynamoDbTable(ResourceBase):
        kind: Literal["dynamodb_table"]

    entry = kinds.Kind("dynamodb_table", DynamoDbTable, "aws/database/dynamodb-table.png",
                       ("resource", "#C925D1", "rds_instance"), kinds._fixed("regional"),
                       kinds.NOT_READ_YET)
    monkeypatch.setattr(kinds, "REGISTRY", kinds.REGISTRY + (entry,))
    monkeypatch.setitem(kinds.KIND, "dynamodb_table", entry)
    monkeypatch.setitem(kinds.KINDS, "dynamodb_table", DynamoDbTable)
    model = parse_model("title: t\nregion: us-east-1\nresources:\n"
                        "  orders: {kind: dynamodb_table}\n")
    scene = build_scene(model)
    assert [g.style for g in scene.groups() if "n_orders" in g.nodes] == ["region"]
