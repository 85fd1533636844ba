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


def test_any_other_cloudformation_type_is_a_kind_without_an_entry():
    """A type archdoc has no first-class kind for needs no entry: it validates, draws with its
    type's or service's icon in its region (a global one above the regions), and has words."""
    from archdoc.kinds import kind_of
    from archdoc.layout import build_scene
    from archdoc.project import parse_model

    model = parse_model("title: t\nregion: us-east-1\nresources:\n"
                        "  orders: {kind: AWS::Kinesis::Stream, properties: {ShardCount: 2}}\n  org: {kind: AWS::Organizations::Organization}\n")
    scene = build_scene(model)
    assert [g.style for g in scene.groups() if "n_orders" in g.nodes] == ["region"]
    assert [g.style for g in scene.groups() if "n_org" in g.nodes] == ["cloud"]
    entry = kind_of("AWS::Kinesis::Stream")
    assert entry.generic and entry.icon == "aws/analytics/kinesis-data-streams.png"
    assert os.path.isfile(icon_path("AWS::Kinesis::Stream"))
    assert entry.drawio[2] in allowed_names()
    assert kind_text("AWS::Kinesis::Stream", "name", "en") == "Kinesis stream"
    assert kind_text("AWS::Kinesis::Stream", "service", "ko") == "Amazon Kinesis"
