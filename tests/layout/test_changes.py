"""The changes figure of ``build --since`` (archdoc/layout/changes.py): the seed's 1.1 -> 1.2
change drawn, CloudFront and its certificate put back dashed in red, the re-aimed record in
orange, the new flows green, the old ones dashed red; and said in the labels."""

from __future__ import annotations

import pytest
from PIL import Image

from archdoc.diff import diff
from archdoc.layout import figure_of
from archdoc.layout.changes import changes_scene
from archdoc.layout.graphviz import CHANGE_COLOURS
from archdoc.project import load_model
from tests.conftest import FIXTURES, SEED, archdoc

OLD = FIXTURES / "arch-1.1.yaml"


def _scene():
    old, new = load_model(OLD), load_model(SEED)
    return old, new, changes_scene(old, new, diff(old, new, str(OLD), str(SEED)))


def test_removed_resources_are_put_back_and_every_change_is_marked():
    old, new, scene = _scene()
    marks = {rid: scene.changes[nid] for rid, nids in scene.node_of.items() for nid in nids
             if nid in scene.changes}
    assert marks == {"cdn": "removed", "cdn-cert": "removed", "dns-record": "changed"}
    assert {"cdn", "cdn-cert"} <= set(scene.node_of) <= set(new.resources) | {"cdn", "cdn-cert"}
    flows = {(scene.nodes[e.tail].resources[0], scene.nodes[e.head].resources[0]): change
             for e in scene.edges if (change := scene.edge_changes.get(e.id))}
    assert flows == {("users", "cdn"): "removed", ("cdn", "web-alb"): "removed",
                     ("dns-record", "cdn"): "removed", ("dns-record", "web-alb"): "added",
                     # the users' new flow enters the VPC through its internet gateway
                     ("users", "igw"): "added", ("igw", "web-alb"): "added"}
    labels = {scene.nodes[scene.node_of[r][0]].label.splitlines()[-1] for r in marks}
    assert labels == {"− 제거", "~ 변경"}  # said, not only coloured


def test_the_figure_draws_the_marks_in_their_colours():
    _, _, scene = _scene()
    figure = figure_of(scene, dpi=48)
    svg = figure.svg.decode()
    for colour in CHANGE_COLOURS.values():
        assert colour.lower() in svg.lower()
    assert "stroke-dasharray" in svg  # removed: dashed
    from io import BytesIO

    with Image.open(BytesIO(figure.png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    green = sum(n for n, (r, g, b) in colours if g > 100 and r < 60 and b < 60)
    assert green > 50, "the added flows are drawn green"


@pytest.mark.slow  # two builds
def test_build_since_writes_the_changes_figure_and_only_then(tmp_path):
    out = tmp_path / "o"
    proc = archdoc("build", str(SEED), "-o", str(out), "--only", "diagram", "--since", str(OLD))
    assert proc.returncode == 0, proc.stderr
    with Image.open(out / "changes.png") as image:
        assert image.format == "PNG" and image.width > 300
    assert b"CloudFront" in (out / "changes.svg").read_bytes()
    plain = tmp_path / "p"
    assert archdoc("build", str(SEED), "-o", str(plain), "--only", "diagram").returncode == 0
    assert not (plain / "changes.png").exists()
