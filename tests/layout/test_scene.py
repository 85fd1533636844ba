"""Where resources are placed, and how many like resources collapse into one node."""

from __future__ import annotations

from archdoc.kinds import KIND
from archdoc.layout import build_scene
from archdoc.project import parse_model


def group_path(scene, node_id):
    """Styles of the groups containing ``node_id``, outermost first."""
    def search(group, trail):
        trail = trail + [group.style]
        if node_id in group.nodes:
            return trail
        for child in group.groups:
            found = search(child, trail)
            if found:
                return found
        return None
    return search(scene.root, [])


def test_seed_placement(seed_model):
    scene = build_scene(seed_model)
    assert scene.outside == ["n_users"]
    assert group_path(scene, "n_web-server") == ["cloud", "region", "vpc", "az", "private_subnet"]
    assert group_path(scene, "n_nat") == ["cloud", "region", "vpc", "az", "public_subnet"]
    assert group_path(scene, "n_bucket") == ["cloud", "region"]
    assert group_path(scene, "n_certificate") == ["cloud", "region"]
    assert group_path(scene, "n_dns-record") == ["cloud"]
    assert group_path(scene, "n_ec2-role") == ["cloud"]
    assert group_path(scene, "n_igw") == ["cloud", "region", "vpc"]
    assert scene.nodes["n_igw"].where == "vpc_border"
    # security groups and route tables are not icons: a boundary, a table in the report
    assert not any(n.kind in ("security_group", "route_table") for n in scene.nodes.values())
    assert scene.nodes["n_web-server"].boundary == "ec2-sg"
    assert scene.nodes["n_web-alb"].boundary == "alb-sg"


def test_alb_is_drawn_once_across_its_subnets(seed_model):
    scene = build_scene(seed_model)
    assert scene.node_of["web-alb"] == ["n_web-alb"]
    alb = scene.nodes["n_web-alb"]
    assert alb.where == "span" and set(alb.span) == {"public-a", "public-c"}
    assert group_path(scene, "n_web-alb") == ["cloud", "region", "vpc"]
    # the users' flow reaches it through the internet gateway, labelled on the way in
    users = [(e.tail, e.head, e.label) for e in scene.edges if e.flow == 1]
    assert users == [("n_users", "n_igw", "HTTPS:443"), ("n_igw", "n_web-alb", "")]


def test_a_multi_az_database_takes_its_flows_at_the_primary():
    scene = build_scene(parse_model("""title: t
region: us-east-1
resources:
  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  a: {kind: subnet, vpc: vpc, az: us-east-1a, cidr: 10.0.1.0/24}
  b: {kind: subnet, vpc: vpc, az: us-east-1b, cidr: 10.0.2.0/24}
  app-a: {kind: ec2_instance, subnet: a}
  app-b: {kind: ec2_instance, subnet: b}
  db: {kind: rds_instance, engine: postgres, subnets: [a, b], multi_az: true}
flows:
  - {from: app-a, to: db, protocol: PostgreSQL, port: 5432}
  - {from: app-b, to: db, protocol: PostgreSQL, port: 5432}
"""))
    primary, standby = scene.node_of["db"]
    assert (scene.nodes[primary].role, scene.nodes[standby].role) == ("primary", "standby")
    into = sorted((e.tail, e.head) for e in scene.edges if e.flow >= 0)
    assert into == [("n_app-a", primary), ("n_app-b", primary)]
    (replication,) = [e for e in scene.edges if e.style == "replication"]
    assert (replication.tail, replication.head, replication.flow) == (primary, standby, -1)


def fleet_model(count: int) -> str:
    lines = ["title: t", "region: us-east-1", "resources:",
             "  vpc: {kind: vpc, cidr: 10.0.0.0/16}",
             "  sub: {kind: subnet, vpc: vpc, az: us-east-1a, cidr: 10.0.1.0/24}",
             "  sub2: {kind: subnet, vpc: vpc, az: us-east-1b, cidr: 10.0.2.0/24}",
             "  lb: {kind: alb, subnets: [sub, sub2]}"]
    lines += [f"  web{i}: {{kind: ec2_instance, subnet: sub}}" for i in range(count)]
    lines += ["  odd: {kind: ec2_instance, subnet: sub}", "flows:"]
    lines += [f"  - {{from: lb, to: web{i}, protocol: HTTP, port: 80}}" for i in range(count)]
    return "\n".join(lines) + "\n"


def test_many_like_instances_collapse_into_one_node():
    scene = build_scene(parse_model(fleet_model(40)))
    fleet = [n for n in scene.nodes.values() if len(n.resources) > 1]
    assert len(fleet) == 1
    assert fleet[0].label == "EC2 instance × 40"
    assert fleet[0].resources == [f"web{i}" for i in range(40)]
    assert "n_odd" in scene.nodes  # different connections: stays apart
    edges = [(e.tail, e.head, e.label) for e in scene.edges]
    assert edges == [("n_lb", fleet[0].id, "HTTP:80")]


def test_few_like_instances_stay_apart():
    scene = build_scene(parse_model(fleet_model(KIND['ec2_instance'].collapse_at - 1)))
    assert all(len(n.resources) == 1 for n in scene.nodes.values())
