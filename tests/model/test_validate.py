"""Every error class: exact line, column and message, all errors at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archdoc.errors import ModelError
from archdoc.project import load_model, parse_model
from tests.conftest import FIXTURES

INVALID = FIXTURES / "invalid"
EXPECTED = yaml.safe_load((INVALID / "expected.yaml").read_text(encoding="utf-8"))


def diagnostics_of(path: Path) -> list[str]:
    with pytest.raises(ModelError) as info:
        load_model(path)
    for d in info.value.diagnostics:
        assert d.location.file == str(path)
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in info.value.diagnostics]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reports_exactly_the_expected_errors(name):
    assert diagnostics_of(INVALID / f"{name}.yaml") == EXPECTED[name]


def test_every_fixture_has_expectations():
    names = {p.stem for p in INVALID.glob("*.yaml")} - {"expected"}
    assert names == set(EXPECTED)


def column_of(path: Path, line: int, token: str) -> int:
    """1-based column of ``token`` on ``line`` of ``path``, found independently of archdoc."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(token) + 1


@pytest.mark.parametrize("fixture,line,token,fragment", [
    ("dangling_ref", 7, "privat-a", "did you mean 'private-a'?"),
    ("dangling_ref", 7, "web-sg", "unknown security_group 'web-sg'"),
    ("unknown_kind", 4, "ec2", "did you mean 'ec2_instance'?"),
    ("unknown_field", 10, "publc", "did you mean 'public'?"),
    ("invalid_cidr", 4, "10.0.0.0/33", "invalid CIDR '10.0.0.0/33'"),
    ("subnet_outside_vpc", 5, "10.1.0.0/24", "outside its VPC 'vpc' (10.0.0.0/16)"),
    ("overlapping_subnets", 6, "10.0.1.0/24", "overlaps subnet 'a' (10.0.0.0/23)"),
    ("port_range", 11, "65536", "port 65536 is outside 1-65535"),
    ("other_vpc", 8, "sg-a]", "belongs to VPC 'vpc-a', but ec2_instance 'web' is in VPC 'vpc-b'"),
    ("wrong_type", 6, "eighty", "valid integer"),
    ("duplicate_keys", 6, "users", "duplicate resource id 'users' (first defined at line 5)"),
])
def test_error_points_at_the_offending_token(fixture, line, token, fragment):
    path = INVALID / f"{fixture}.yaml"
    found = [d for d in diagnostics_of(path) if fragment in d]
    assert found, f"no diagnostic containing {fragment!r}"
    assert found[0].startswith(f"{line}:{column_of(path, line, token)}: ")


def test_all_errors_are_reported_at_once():
    text = (
        "title: many\n"
        "region: ap-northeast-2\n"
        "resources:\n"
        "  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
        "  a: {kind: subnet, vpc: vpc, az: x, cidr: 10.9.0.0/24}\n"
        "  b: {kind: subnett}\n"
        "  c: {kind: users, colour: red}\n"
        "flows:\n"
        "  - {from: a, to: nowhere}\n"
    )
    with pytest.raises(ModelError) as info:
        parse_model(text, "many.yaml")
    rows = text.splitlines()

    def at(line: int, token: str) -> str:
        return f"many.yaml:{line}:{rows[line - 1].index(token) + 1}: error: "

    lines = [str(d) for d in info.value.diagnostics]
    assert len(lines) == 6, lines
    assert lines[0] == at(5, "x,") + "availability zone 'x' is not in the model's region ap-northeast-2; e.g. 'ap-northeast-2a'"
    assert lines[1] == at(5, "10.9") + "subnet CIDR 10.9.0.0/24 is outside its VPC 'vpc' (10.0.0.0/16)"
    assert lines[2].startswith(at(6, "subnett") + "unknown kind 'subnett'; did you mean 'subnet'?")
    assert lines[3] == at(7, "colour") + "unknown field 'colour' in resources.c"
    assert lines[4].startswith(at(9, "a,") + "'a' is a subnet, drawn as a box around "
                                            "resources; name one of them")
    assert lines[5].startswith(at(9, "nowhere") + "unknown resource 'nowhere'")


def test_the_seed_model_is_valid(seed_model):
    assert seed_model.language == "ko"
    assert len(seed_model.sections) == 3
    assert seed_model.resources["web-server"].subnet == "private-a"


def messages(text: str) -> list[str]:
    with pytest.raises(ModelError) as info:
        parse_model(text, "t.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_wrong_kind_of_reference_lists_the_right_kind():
    text = (
        "title: t\nregion: r\nresources:\n"
        "  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
        "  sub: {kind: subnet, vpc: vpc, az: a, cidr: 10.0.0.0/24}\n"
        "  nat: {kind: nat_gateway, subnet: vpc}\n"
    )
    assert messages(text) == [
        f"t.yaml:6:{text.splitlines()[5].rindex('vpc') + 1}: error: 'vpc' is a vpc, expected a "
        "subnet (valid: sub)"
    ]


def test_route_to_a_gateway_needs_a_destination():
    text = (
        "title: t\nregion: r\nresources:\n"
        "  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
        "  igw: {kind: internet_gateway, vpc: vpc}\n"
        "  rt: {kind: route_table, vpc: vpc, routes: [{target: igw}]}\n"
    )
    assert messages(text) == [
        f"t.yaml:6:{text.splitlines()[5].index('{target') + 1}: error: route to internet_gateway "
        "'igw' needs a destination CIDR, e.g. 0.0.0.0/0"
    ]
