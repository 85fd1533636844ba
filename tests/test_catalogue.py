"""Every CloudFormation type draws with its own AWS icon, or its service's: none with nothing,
in PNG/SVG (the diagrams package's icons) and in draw.io (a name draw.io 14.6 knows)."""

from __future__ import annotations

import json
import os

from archdoc import catalogue
from archdoc.kinds import kind_of
from archdoc.layout.icons import icon_path
from archdoc.render.drawio_styles import allowed_names, kind_style
from archdoc.text import kind_text
from tests.conftest import ROOT


def test_every_type_resolves_to_an_icon_and_a_drawio_shape(capsys) -> None:
    counts = {"resource": 0, "service": 0, "nothing": 0}
    shapes = allowed_names()
    for type_name in catalogue.types():
        png, level = catalogue.icon(type_name)
        found = os.path.isfile(icon_path(type_name))
        counts[level if found else "nothing"] += 1
        form, colour, shape = catalogue.drawio(type_name)
        assert shape in shapes and colour.startswith("#"), type_name
        if kind_of(type_name).generic:  # an archdoc kind's CloudFormation name draws as it
            assert f"mxgraph.aws4.{shape};" in kind_style(type_name)
    with capsys.disabled():
        print(f"\n{len(catalogue.types())} CloudFormation types: {counts['resource']} with their "
              f"own icon, {counts['service']} with their service's, {counts['nothing']} with "
              "none")
    assert counts["nothing"] == 0
    assert len(catalogue.types()) > 1500 and counts["resource"] > 80


def test_every_type_has_words_in_both_languages() -> None:
    for type_name in catalogue.types():
        for language in ("en", "ko"):
            for field in ("name", "service", "definition"):
                assert kind_text(type_name, field, language).strip(), (type_name, field)


def test_the_catalogue_names_its_sources_and_matches_its_generator() -> None:
    data = json.loads((ROOT / "archdoc" / "data" / "aws_types.json").read_text("utf-8"))
    assert data["source"]["types"].startswith("cfn-lint ")
    assert (ROOT / "scripts" / "catalogue.py").is_file()
    assert set(data["types"]) == set(catalogue.types())
    assert all(catalogue.service(t) for t in data["types"])  # every type's service is listed


def test_global_services_stand_above_the_regions() -> None:
    assert catalogue.is_global("AWS::IAM::User") and catalogue.is_global("AWS::CloudFront::Function")
    assert not catalogue.is_global("AWS::DynamoDB::Table")
    assert kind_of("AWS::Organizations::Organization").generic
