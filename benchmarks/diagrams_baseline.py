"""The baseline: ``diagrams`` drawing the same graph (every resource a node, same clusters,
same icons, same edges) to PNG and SVG, as a user of ``diagrams`` would.

Usage: python diagrams_baseline.py MODEL OUTDIR [SPLINES]

SPLINES is Graphviz's edge style: diagrams' default is ``ortho`` (right-angled, and ten times
slower on large graphs); ``spline`` is what archdoc draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diagrams import Cluster, Diagram, Edge, Node
from diagrams.custom import Custom

from archdoc import kinds
from archdoc.layout import build_scene
from archdoc.layout.icons import icon_path
from archdoc.project import load_model


def main(model_path: str, out_dir: str, splines: str | None = None) -> None:
    model = load_model(model_path)
    for name, entry in list(kinds.KIND.items()):  # diagrams has no grouping: one node each
        kinds.KIND[name] = kinds.replace(entry, collapse_at=10**9)
    scene = build_scene(model)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    made: dict[str, Node] = {}

    def node(nid: str) -> Node:
        n = scene.nodes[nid]
        made[nid] = Custom(n.label, icon_path(n.kind))  # the same icon file archdoc draws
        return made[nid]

    def group(g) -> None:
        with Cluster(g.label.replace("\n", " ")):
            for nid in g.nodes:
                node(nid)
            for child in g.groups:
                group(child)

    with Diagram(model.title, filename=str(Path(out_dir, "architecture")), show=False,
                 direction="LR", outformat=["png", "svg"],
                 graph_attr={"splines": splines} if splines else None):
        for nid in scene.outside:
            node(nid)
        group(scene.root)
        for e in scene.edges:
            made[e.tail] >> Edge(label=e.label) >> made[e.head]


if __name__ == "__main__":
    main(*sys.argv[1:4])
