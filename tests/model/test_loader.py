"""Hostile and odd YAML: located errors, bounded time and memory, nothing executed."""

from __future__ import annotations

import pytest

from archdoc.errors import ModelError
from archdoc.model.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, decode, load_yaml
from archdoc.project import parse_model
from tests.conftest import SEED


def errors(raw) -> list[str]:
    with pytest.raises(ModelError) as info:
        parse_model(raw, "m.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_positions_of_keys_and_values_are_recorded():
    data, smap = load_yaml("a:\n  b: [1, {c: x}]\n", "m.yaml")
    assert data == {"a": {"b": [1, {"c": "x"}]}}
    assert (smap.key(("a", "b")).line, smap.key(("a", "b")).col) == (2, 3)
    assert (smap.value(("a", "b", 1, "c")).line, smap.value(("a", "b", 1, "c")).col) == (2, 14)


def test_binary_garbage_is_a_located_error():
    assert errors(b"title: x\n\xff\xfe\x00garbage") == [
        "m.yaml:2:1: error: file is not UTF-8 text (byte 0xff); save it as UTF-8"
    ]


def test_nul_byte_is_rejected():
    assert errors("title: x\nab\x00c") == [
        "m.yaml:2:3: error: file contains a NUL byte; it looks like a binary file"
    ]


def test_control_character_is_rejected():
    (message,) = errors("title: x\nregion: \x07\n")
    assert message.startswith("m.yaml:2:9: error: invalid character in YAML")


def test_alias_bomb_stops_early():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    (message,) = errors("\n".join(lines) + "\n")
    assert f"document expands to more than {MAX_NODES:,} nodes" in message
    assert message.startswith("m.yaml:")


def test_deep_nesting_is_bounded():
    text = "title: " + "[" * 5000 + "]" * 5000 + "\n"
    (message,) = errors(text)
    # The top-level mapping is level 1, so the first '[' (column 8) is level 2 and the one that
    # opens level MAX_DEPTH + 1 stands MAX_DEPTH - 1 columns to its right.
    assert message == f"m.yaml:1:{8 + MAX_DEPTH - 1}: error: nesting deeper than {MAX_DEPTH} levels"


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\nregion: r\n"
    (message,) = errors(text)
    assert "YAML tag '!!python/object/apply:os.system' is not allowed" in message
    assert not marker.exists()


def test_custom_tags_on_collections_are_rejected():
    (message,) = errors("title: t\nregion: r\nresources: !!python/name:os.system {}\n")
    assert message.startswith("m.yaml:3:12: error: YAML tag '!!python/name:os.system'")


def test_more_than_one_document():
    (message,) = errors("title: a\n---\ntitle: b\n")
    assert message == "m.yaml:2:1: error: more than one YAML document; put the whole model in one"


def test_complex_keys_are_rejected():
    (message,) = errors("? [a, b]\n: value\n")
    assert message == ("m.yaml:1:3: error: a mapping key must be a plain value, not a list or "
                       "mapping")


def test_unknown_alias():
    (message,) = errors("title: *nothing\n")
    assert message == "m.yaml:1:8: error: alias '*nothing' refers to no anchor above it"


def test_oversized_file_is_refused():
    with pytest.raises(ModelError) as info:
        decode(b"#" * (MAX_BYTES + 1), "big.yaml")
    assert "the limit" in str(info.value)


def test_anchors_and_aliases_work_for_ordinary_models():
    text = (
        "title: t\nregion: r\nresources:\n"
        "  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
        "  a: &sub {kind: subnet, vpc: vpc, az: z, cidr: 10.0.1.0/24}\n"
        "  b: {kind: subnet, vpc: vpc, az: z, cidr: 10.0.2.0/24}\n"
    )
    model = parse_model(text, "m.yaml")
    assert model.resources["a"].cidr == "10.0.1.0/24"


def test_bom_is_accepted():
    model = parse_model("\ufefftitle: t\nregion: r\nresources:\n  u: {kind: users}\n")
    assert model.title == "t"


def test_columns_count_characters_not_bytes():
    text = "title: t\nregion: r\nresources:\n  u: {label: 사용자사용자, kind: users, colr: 1}\n"
    (message,) = errors(text)
    assert message.startswith(f"m.yaml:4:{text.splitlines()[3].index('colr') + 1}: error: "
                              "unknown field 'colr'")


def test_both_parsers_agree_on_positions():
    import yaml

    from archdoc.model import loader

    text = SEED.read_text("utf-8")
    fast = loader._load(text, "a", getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    slow = loader._load(text, "a", yaml.SafeLoader)
    assert fast[0] == slow[0]
    assert fast[1].values == slow[1].values and fast[1].keys == slow[1].keys


def test_the_model_keeps_its_source_positions(seed_model, seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    where = seed_model.where(("resources", "web-server", "subnet"))
    file, line, col = where.file, where.line, where.col
    assert file == str(seed_path)
    assert lines[line - 1][col - 1:].startswith("private-a")
    assert lines[line - 1].strip() == "subnet: private-a"
    # a path the file does not write falls back to its nearest written parent
    assert seed_model.where(("resources", "web-server", "imdsv2x")).line == \
        seed_model.where(("resources", "web-server")).line


MERGE = """title: t
region: ap-northeast-2
x-templates:
  - &bucket {kind: s3_bucket, versioning: true}
  - &tagged {aws: {tags: {team: web}}}
resources:
  a:
    <<: [*bucket, *tagged]
    bucket_name: aaa-bucket-1
  b:
    <<: *bucket
    versioning: false
    bucket_name: bbb-bucket-1
  c:
    <<: {kind: users, label: from inline}
"""


def test_merge_keys_are_applied_and_written_keys_win():
    model = parse_model(MERGE)
    a, b, c = (model.resources[k] for k in "abc")
    assert a.kind == "s3_bucket" and a.versioning is True and a.aws.tags == {"team": "web"}
    assert b.kind == "s3_bucket" and b.versioning is False  # the key beside << wins
    assert c.kind == "users" and c.label == "from inline"
    assert not any(k.startswith("<<") for k in model.resources)


def test_a_merge_key_of_a_plain_value_is_a_located_error():
    text = MERGE.replace("<<: {kind: users, label: from inline}", "<<: notamapping\n    kind: users")
    assert errors(text) == ["m.yaml:15:5: error: a merge key (<<) takes a mapping (*anchor) "
                            "or a list of mappings"]


def test_an_error_inside_merged_keys_points_at_the_merge():
    text = MERGE.replace("versioning: true", "versioning: 3")
    # a takes the bad value (located at its <<); b writes its own and is fine
    assert errors(text) == ["m.yaml:8:5: error: resources.a.versioning: input should be a "
                            "valid boolean, unable to interpret input, got 3"]
