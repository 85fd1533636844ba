"""Documentation that cannot drift: the field reference, the schema file, the examples."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from archdoc.kinds import KINDS
from archdoc.project import parse_model
from archdoc.schema import json_schema, markdown_reference
from tests.conftest import ROOT, SEED, archdoc

MODEL_DOC = ROOT / "docs" / "model.md"


def test_model_reference_is_current():
    assert markdown_reference() in MODEL_DOC.read_text(encoding="utf-8"), \
        "regenerate with: archdoc schema --markdown (and paste into docs/model.md)"


def test_reference_lists_every_kind_and_field():
    reference = markdown_reference()
    for kind, cls in KINDS.items():
        assert f"### kind: `{kind}`" in reference
        for name, info in cls.model_fields.items():
            assert f"`{info.alias or name}`" in reference, (kind, name)


def test_example_in_model_doc_is_valid():
    text = MODEL_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    example = next(b for b in blocks if "resources:" in b)
    model = parse_model(example, "docs/model.md")
    assert model.title == "Web shop"


def test_committed_schema_is_current():
    committed = (ROOT / "schema" / "arch.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(), "regenerate with: make schema"
    proc = archdoc("schema")
    assert proc.returncode == 0 and proc.stdout == committed


def test_seed_starts_with_the_schema_comment():
    first = SEED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schema/arch.schema.json"


def test_seed_validates_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with moto[server]")
    schema = json.loads(json_schema())
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["date"] = str(data["date"])  # YAML dates are strings to a JSON Schema validator
    jsonschema.validate(data, schema)
    data["resources"]["web-server"]["subnett"] = "private-a"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


DRIFT_DOC = ROOT / "docs" / "drift.md"


def test_drift_tables_are_current():
    from archdoc.drift.docs import markdown

    assert markdown() in DRIFT_DOC.read_text(encoding="utf-8"), "regenerate with: make schema"


def test_what_drift_compares_names_every_read_kind():
    from archdoc.drift.registry import reader
    from archdoc.kinds import REGISTRY

    text = DRIFT_DOC.read_text(encoding="utf-8")
    compared = text[text.index("## What is compared"):text.index("## Read-only")]
    named = {name.strip() for row in compared.splitlines() if row.startswith("| ")
             for name in row.split("|")[1].split("/")}
    assert {k.name for k in REGISTRY if reader(k.name)} <= named


def test_the_ci_workflow_is_yaml_and_its_archdoc_commands_parse():
    """docs/ci.md's workflow: valid YAML, and every archdoc command in it one the CLI takes
    (its options as written), so the documented workflow cannot rot."""
    import shlex

    import yaml

    from archdoc.cli_args import parser_for

    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["review"]["steps"]
    commands = []
    for step in steps:
        script = step.get("run", "").replace("\\\n", " ")
        for line in script.splitlines():
            line = line.split("||")[0].split("#")[0].strip()
            if line.startswith("archdoc "):
                commands.append(line)
    assert {c.split()[1] for c in commands} == {"diff", "check", "build"}
    for command in commands:
        args = [a for a in shlex.split(command)[1:]]
        parser_for().parse_args(args)  # SystemExit (exit 2) on an unknown option
