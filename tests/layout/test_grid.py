"""Geometry of the AWS-style grid: AZ columns, tier rows, edges within AZs, labels apart."""

from __future__ import annotations

import math

import pytest
import yaml

from archdoc.layout import build_scene, figure_of
from archdoc.project import load_model, parse_model
from tests.conftest import ROOT
from tests.layout.geometry_checks import az_columns, check_layout

THREE_TIER = ROOT / "examples" / "three-tier.yaml"


@pytest.fixture(scope="module")
def three_tier():
    model = load_model(THREE_TIER)
    scene = build_scene(model)
    return model, scene, figure_of(scene).layout


def test_three_tier_is_a_two_by_three_grid(three_tier):
    model, scene, layout = three_tier
    check_layout(scene, layout)
    (azs,) = az_columns(scene, layout).values()
    assert [a.az for a in azs] == ["eu-west-1a", "eu-west-1b"]
    for az in azs:
        assert [s.tier for s in az.groups] == ["public", "app", "data"]
        tops = [layout.groups[s.id].rect.y for s in az.groups]
        assert tops == sorted(tops)


def test_multi_subnet_resources_appear_in_each_subnet(three_tier):
    model, scene, layout = three_tier
    where = {nid: g.resource for g in scene.groups() for nid in g.nodes}
    assert [where[n] for n in scene.node_of["web-asg"]] == ["app-a", "app-b"]
    assert [where[n] for n in scene.node_of["orders-db"]] == ["data-a", "data-b"]
    assert [scene.nodes[n].label for n in scene.node_of["orders-db"]] == [
        "Orders database (primary)", "Orders database (standby)"]
    # the load balancer is drawn once, across the public subnets, on the line between the AZs
    (alb,) = scene.node_of["web-alb"]
    a, b = layout.groups["g_public-a"].rect, layout.groups["g_public-b"].rect
    icon = layout.nodes[alb].icon
    assert a.right < icon.centre[0] < b.x or abs(icon.centre[0] - (a.right + b.x) / 2) < 1
    assert a.y < icon.y and icon.bottom < a.bottom
    # and forwards to the servers of both AZs
    heads = {where[e.head] for e in scene.edges if e.tail == alb and e.head in
             scene.node_of["web-asg"]}
    assert heads == {"app-a", "app-b"}


def test_gateways_sit_on_the_vpc_border(three_tier):
    model, scene, layout = three_tier
    vpc = layout.groups["g_vpc"].rect
    igw = layout.nodes["n_igw"].icon
    assert abs(igw.centre[1] - vpc.y) < 0.5 and vpc.x < igw.centre[0] < vpc.right
    for nat, subnet in (("n_nat-a", "g_public-a"), ("n_nat-b", "g_public-b")):
        assert layout.groups[subnet].rect.contains_point(*layout.nodes[nat].icon.centre)


def test_security_groups_are_red_boundaries_round_their_members(three_tier):
    model, scene, layout = three_tier
    assert not any(n.kind == "security_group" for n in scene.nodes.values())
    named = {}
    for nid, box in layout.nodes.items():
        if box.boundary is not None:
            r = box.boundary
            assert r.x < box.icon.x and box.icon.right < r.right and r.y < box.icon.y and \
                box.rect.bottom <= r.bottom  # round the icon and its label
            named.setdefault(" ".join(box.boundary_lines), set()).update(
                scene.nodes[nid].resources)
    assert named == {"alb-sg": {"web-alb"}, "app-sg": {"web-asg"}, "db-sg": {"orders-db"}}


def grid_model(n_az: int, n_tiers: int, skip: tuple[int, int] | None = None) -> str:
    resources: dict = {"vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"},
                       "u": {"kind": "users"}}
    block = 0
    for a in range(n_az):
        for t in range(n_tiers):
            block += 1
            if (a, t) == skip:
                continue
            resources[f"s{a}{t}"] = {"kind": "subnet", "vpc": "vpc", "az": f"us-east-1{'abcd'[a]}",
                                     "cidr": f"10.0.{block}.0/24", "tier": f"tier{t}",
                                     "public": t == 0}
    subnets = [r for r, b in resources.items() if b.get("kind") == "subnet"]
    tier_of = {s: resources[s]["tier"] for s in subnets}
    for t in range(n_tiers):
        mine = [s for s in subnets if tier_of[s] == f"tier{t}"]
        resources[f"asg{t}"] = {"kind": "autoscaling_group", "subnets": mine}
    flows = [{"from": "u", "to": "asg0", "protocol": "HTTPS", "port": 443}]
    flows += [{"from": f"asg{t}", "to": f"asg{t + 1}", "label": f"tier {t} to {t + 1}"}
              for t in range(n_tiers - 1)]
    return yaml.safe_dump({"title": "grid", "region": "us-east-1", "resources": resources,
                           "flows": flows})


@pytest.mark.parametrize("n_az", [1, 2, 3, 4])
@pytest.mark.parametrize("n_tiers", [1, 2, 3, 4])
def test_generated_grids(n_az, n_tiers):
    scene = build_scene(parse_model(grid_model(n_az, n_tiers)))
    layout = figure_of(scene, formats=("svg",)).layout
    check_layout(scene, layout)
    (azs,) = az_columns(scene, layout).values()
    assert len(azs) == n_az
    assert all(len(az.groups) == n_tiers for az in azs)


def test_removing_an_empty_subnet_keeps_the_az_order():
    text = grid_model(3, 2)
    data = yaml.safe_load(text)
    data["resources"]["s00"]["tier"] = "tier0"
    data["flows"] = []
    for r in [r for r, b in data["resources"].items() if b["kind"] == "autoscaling_group"]:
        del data["resources"][r]
    before = build_scene(parse_model(yaml.safe_dump(data)))
    del data["resources"]["s10"]  # an empty subnet of the middle AZ
    after = build_scene(parse_model(yaml.safe_dump(data)))

    def order(scene):
        return [g.az for g in scene.groups() if g.style == "az"]

    assert order(before) == order(after) == ["us-east-1a", "us-east-1b", "us-east-1c"]
    vpc_tiers = [g.tiers for g in after.groups() if g.style == "vpc"]
    assert vpc_tiers == [["tier0", "tier1"]]


def test_the_seed_layout(seed_model):
    scene = build_scene(seed_model)
    check_layout(scene, figure_of(scene, formats=("svg",)).layout)


@pytest.mark.parametrize("path", [ROOT / "arch.yaml", THREE_TIER])
def test_no_label_lies_on_another_edge(path):
    """A label over a foreign edge would read as that edge's protocol. The edges are traced
    every 8 pt or closer (about every 4), so no line can cross a label between two samples."""
    scene = build_scene(load_model(path))
    layout = figure_of(scene, formats=("svg",)).layout
    for eid, route in layout.edges.items():
        if route.label is None:
            continue
        for other, other_route in layout.edges.items():
            trace = other_route.trace()
            assert max(math.dist(a, b) for a, b in zip(trace, trace[1:], strict=False)) <= 8.0
            if other != eid:
                assert not any(route.label.contains_point(x, y) for x, y in trace), (eid, other)
