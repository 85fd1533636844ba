"""The draw.io file parsed back: pages, shapes, containers, edges, geometry, escaping."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from archdoc.layout import build_scene
from archdoc.render.drawio_styles import allowed_names
from tests.conftest import ROOT, archdoc

# Expected aws4 shape per kind, written out here independently of archdoc's own table.
SHAPES = {
    "users": "shape=mxgraph.aws4.users;",
    "route53_zone": "shape=mxgraph.aws4.hosted_zone;",
    "route53_record": "resIcon=mxgraph.aws4.route_53;",
    "acm_certificate": "resIcon=mxgraph.aws4.certificate_manager_3;",
    "internet_gateway": "shape=mxgraph.aws4.internet_gateway;",
    "nat_gateway": "shape=mxgraph.aws4.nat_gateway;",
    "route_table": "shape=mxgraph.aws4.route_table;",
    "vpc_endpoint": "shape=mxgraph.aws4.endpoints;",
    "security_group": "strokeColor=#DD344C;dashed=1;",
    "alb": "shape=mxgraph.aws4.application_load_balancer;",
    "target_group": "shape=mxgraph.aws4.instances;",
    "ec2_instance": "shape=mxgraph.aws4.instance2;",
    "iam_role": "shape=mxgraph.aws4.role;",
    "s3_bucket": "shape=mxgraph.aws4.bucket;",
    "ssm_session_manager": "shape=mxgraph.aws4.systems_manager;",
}


def pages(path):
    root = ET.parse(path).getroot()
    assert root.tag == "mxfile" and root.get("compressed") == "false"
    return root.findall("diagram")


def cells(diagram) -> dict[str, ET.Element]:
    return {c.get("id"): c for c in diagram.iter("mxCell")}


def geometry(cell):
    g = cell.find("mxGeometry")
    return tuple(float(g.get(k, 0)) for k in ("x", "y", "width", "height"))


def text_of(cell) -> str:
    return html.unescape(cell.get("value", "").replace("<br>", "\n"))


@pytest.fixture(scope="module")
def drawio(seed_build):
    return seed_build / "architecture.drawio"


def test_one_page_per_figure(drawio, seed_model):
    names = [d.get("name") for d in pages(drawio)]
    assert names == [seed_model.figure_caption] + [
        f"{i}. {s.figure_caption}" for i, s in enumerate(seed_model.sections, start=1)]


def test_every_resource_is_a_vertex_with_its_aws4_shape(drawio, seed_model):
    scene = build_scene(seed_model)
    by_id = cells(pages(drawio)[0])
    frames = {c.get("id"): text_of(c) for c in by_id.values()
              if SHAPES["security_group"] in c.get("style", "")}
    for rid, resource in seed_model.resources.items():
        if resource.kind in ("vpc", "subnet", "route_table", "target_group"):
            continue  # boxes; and the report's tables, not icons
        if resource.kind == "security_group":  # a red boundary round each member, named
            members = [n for n, node in scene.nodes.items() if seed_model.label(rid) in
                       node.boundary.split(", ")]
            assert members and all(frames[f"{n}-sg"] == seed_model.label(rid) for n in members)
            continue
        for nid in scene.node_of[rid]:
            cell = by_id[nid]
            assert cell.get("vertex") == "1"
            assert SHAPES[resource.kind] in cell.get("style"), (rid, cell.get("style"))
            # the label, broken into lines where the PNG breaks it
            assert bare(text_of(cell)) == bare(scene.nodes[nid].label)
            assert bare(text_of(cell)).startswith(bare(seed_model.label(rid)))


def parent_chain(by_id, cell_id) -> list[str]:
    chain = []
    while cell_id not in ("0", "1"):
        cell_id = by_id[cell_id].get("parent")
        chain.append(cell_id)
    return chain


def test_containers_nest_as_aws_draws_them(drawio):
    by_id = cells(pages(drawio)[0])
    chain = parent_chain(by_id, "n_web-server")
    styles = [by_id[c].get("style", "") for c in chain[:-1]]
    assert "fillColor=#E6F6F7" in styles[0] and "group_security_group" in styles[0]  # private
    assert "dashed=1" in styles[1] and "strokeColor=#147EBA" in styles[1]  # availability zone
    assert "grIcon=mxgraph.aws4.group_vpc;" in styles[2]
    assert "grIcon=mxgraph.aws4.group_region" in styles[3]
    assert "grIcon=mxgraph.aws4.group_aws_cloud_alt" in styles[4]
    assert chain[-1] == "1"
    assert text_of(by_id[chain[0]]) == "프라이빗 서브넷 A  10.0.11.0/24"
    for group in chain[:-1]:
        assert "container=1" in by_id[group].get("style")
    assert parent_chain(by_id, "n_users") == ["1"]
    assert by_id[parent_chain(by_id, "n_nat")[0]].get("style").count("fillColor=#F2F6E8") == 1


def bare(text: str) -> str:
    """A label without its whitespace: where it breaks onto lines is the drawing's business."""
    return "".join(text.split())


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_flow_is_a_labelled_edge(drawio, seed_model):
    """Each flow is an edge (the users' into the VPC through its internet gateway), labelled
    on its line, or numbered there and listed in the legend, as in the PNG."""
    scene = build_scene(seed_model)
    by_id = cells(pages(drawio)[0])
    edges = [c for c in by_id.values() if c.get("edge") == "1"]
    legend = dict(line.split("\xa0\xa0", 1) for line in text_of(by_id["legend"]).split("\n"))
    legend = {html.unescape(re.sub("<[^>]+>", "", k)): words(v) for k, v in legend.items()}
    for flow in seed_model.flows:
        via = {e.head for e in scene.edges if e.flow == seed_model.flows.index(flow)}
        matching = [e for e in edges if e.get("source") in scene.node_of[flow.from_]
                    and e.get("target") in set(scene.node_of[flow.to]) | via]
        assert matching, flow
        shown = [words(text_of(e)) for e in matching]
        assert words(flow.text) in shown + [legend.get(t) for t in shown], (flow, shown)
        for e in matching:
            assert by_id[e.get("source")].get("vertex") == "1"


def test_siblings_do_not_overlap_and_children_stay_inside(drawio, seed_model):
    scene = build_scene(seed_model)
    # gateways sit on the VPC's edge, a load balancer across its AZs' line
    on_border = {n for n, node in scene.nodes.items()
                 if node.where in ("vpc_border", "vpc_edge", "span")}
    for diagram in pages(drawio):
        by_id = cells(diagram)
        children: dict[str, list] = {}
        for cid, cell in by_id.items():
            if cid.endswith("-sg"):  # a security group's frame round its member
                x, y, w, h = geometry(cell)
                mx, my, mw, mh = geometry(by_id[cid.removesuffix("-sg")])
                assert x < mx and y < my and mx + mw < x + w and my + mh < y + h, cid
            elif cell.get("vertex") == "1" and cid not in on_border:
                children.setdefault(cell.get("parent"), []).append(cid)
        for parent, kids in children.items():
            boxes = [geometry(by_id[k]) for k in kids]
            for i, (x, y, w, h) in enumerate(boxes):
                for x2, y2, w2, h2 in boxes[i + 1:]:
                    assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, \
                        (parent, kids)
                if parent != "1" and kids[i] not in on_border:  # gateways sit on the VPC edge
                    pw, ph = geometry(by_id[parent])[2:]
                    assert 0 <= x and 0 <= y and x + w <= pw and y + h <= ph, (parent, kids[i])


def test_positions_come_from_the_shared_layout(seed_model):
    """Each icon sits where the layout the PNG was drawn from puts it."""
    from archdoc.render import BuildContext
    from archdoc.render.drawio import render_drawio

    ctx = BuildContext(seed_model)
    by_id = cells(ET.fromstring(render_drawio(ctx)["architecture.drawio"]).find("diagram"))
    for nid in ctx.scene.nodes:
        cx, cy = absolute_centre(by_id, nid)
        icon = ctx.figure.layout.nodes[nid].icon
        assert abs(cx - icon.centre[0]) < 0.2 and abs(cy - icon.centre[1]) < 0.2, nid


def test_section_pages_show_the_section_and_dim_its_neighbours(drawio, seed_model):
    scene = build_scene(seed_model)
    for diagram, section in zip(pages(drawio)[1:], seed_model.sections, strict=True):
        by_id = cells(diagram)
        shown = [nid for nid in scene.nodes if nid in by_id]
        for nid in shown:
            dimmed = "opacity=30" in by_id[nid].get("style")
            assert dimmed == (not set(scene.nodes[nid].resources) & set(section.resources)), nid
        # every resource of the section is on its page; resources far from it are not
        for rid in section.resources:
            assert set(scene.node_of.get(rid, [])) <= set(by_id) or rid not in scene.node_of
        assert len(shown) < len(scene.nodes)


def test_only_listed_aws4_names_are_emitted(drawio):
    listed = allowed_names()
    source = (ROOT / "archdoc" / "data" / "drawio_aws4_shapes.txt").read_text(encoding="utf-8")
    assert "Sidebar-AWS4.js" in source and "jgraph/drawio" in source and len(listed) > 700
    used = set()
    for diagram in pages(drawio):
        for cell in diagram.iter("mxCell"):
            used |= set(re.findall(r"mxgraph\.aws4\.(\w+)", cell.get("style", "")))
    assert used and used <= listed, used - listed


# the longest label a model may hold (longer ones, and control characters, are refused)
HOSTILE = ['<b>"x" & y</b>', "line one\nline two\nthree", "a'b\"c<d>e&f;g",
           "&amp; &lt;not an entity&gt; &#10;", "웹 서버 <script>alert(1)</script>", "x" * 500]


def test_hostile_labels_round_trip_exactly(tmp_path):
    resources = {f"u{i}": {"kind": "users", "label": label} for i, label in enumerate(HOSTILE)}
    resources["bucket"] = {"kind": "s3_bucket", "bucket_name": "my-bucket", "label": HOSTILE[0]}
    # each user its own flow, so that none collapses into a "Users × N" node
    flows = [{"from": f"u{i}", "to": "bucket", "label": label} for i, label in enumerate(HOSTILE)]
    model = tmp_path / "hostile.yaml"
    model.write_text(yaml.safe_dump({"title": HOSTILE[0], "region": "r", "resources": resources,
                                     "flows": flows}, allow_unicode=True), encoding="utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "o"), "--only", "drawio")
    assert proc.returncode == 0, proc.stderr
    raw = (tmp_path / "o" / "architecture.drawio").read_text(encoding="utf-8")
    assert "<b>" not in raw and "<script>" not in raw
    by_id = cells(pages(tmp_path / "o" / "architecture.drawio")[0])
    for i, label in enumerate(HOSTILE):
        assert bare(text_of(by_id[f"n_u{i}"])) == bare(label)
    shown = [text_of(c) for c in by_id.values() if c.get("edge") == "1"]
    if "legend" in by_id:  # numbered labels: the text is in the legend
        shown += [html.unescape(re.sub("<[^>]+>", "", line).split("&nbsp;&nbsp;", 1)[1])
                  for line in by_id["legend"].get("value").split("<br>")]
        shown = [t for t in shown if not t.isdigit()]

    assert sorted(map(bare, shown)) == sorted(bare(label) for label in HOSTILE)
    assert pages(tmp_path / "o" / "architecture.drawio")[0].get("name") == HOSTILE[0]


def absolute_centre(by_id, cid):
    x, y, w, h = geometry(by_id[cid])
    parent = by_id[cid].get("parent")
    while parent != "1":
        px, py = geometry(by_id[parent])[:2]
        x, y, parent = x + px, y + py, by_id[parent].get("parent")
    return x + w / 2, y + h / 2


def test_edges_follow_the_graphviz_route_from_source_to_target(drawio):
    by_id = cells(pages(drawio)[0])
    routed = 0
    for cell in by_id.values():
        if cell.get("edge") != "1":
            continue
        points = [(float(p.get("x")), float(p.get("y"))) for p in cell.iter("mxPoint")
                  if p.get("as") != "offset"]
        if len(points) < 2:
            continue
        routed += 1
        sx, sy = absolute_centre(by_id, cell.get("source"))
        first, last = points[0], points[-1]
        assert (first[0] - sx) ** 2 + (first[1] - sy) ** 2 < \
            (last[0] - sx) ** 2 + (last[1] - sy) ** 2, cell.get("id")
    assert routed >= 3


@pytest.mark.parametrize("name", ["arch.yaml", "examples/three-tier.yaml",
                                  "examples/multi-vpc-tgw.yaml"])
def test_drawio_and_png_agree(name, tmp_path):
    """The draw.io page read back (its own geometry: ports, waypoints, label offsets) is the
    PNG's layout: the same routes, the same label places, the same metrics."""
    from archdoc.layout import figure_of
    from archdoc.layout.metrics import measure
    from archdoc.project import load_model
    from archdoc.render.drawio_geometry import page_layout

    proc = archdoc("build", str(ROOT / name), "-o", str(tmp_path), "--only", "drawio")
    assert proc.returncode == 0, proc.stderr
    drawn = page_layout(pages(tmp_path / "architecture.drawio")[0])
    png = figure_of(build_scene(load_model(ROOT / name)), ("svg",)).layout
    assert measure(drawn) == measure(png)
    for eid, route in png.edges.items():
        other = drawn.edges[eid]
        assert len(other.points) == len(route.points), eid
        assert all(abs(a - b) < 0.3 for p, q in zip(route.points, other.points, strict=True)
                   for a, b in zip(p, q, strict=True)), (eid, route.points, other.points)
        if route.label is not None:
            (ax, ay), (bx, by) = route.label.centre, other.label.centre
            assert abs(ax - bx) < 0.5 and abs(ay - by) < 0.5, eid
