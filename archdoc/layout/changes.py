"""The changes figure of ``build --since OLD``: the new architecture with what OLD had and it
no longer has put back where it stood, each resource and flow marked: added in green,
removed dashed in red, changed in orange. Each mark is also said under the label
("+ added"), so that the figure reads in print and without colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdoc.layout import build_scene
from archdoc.layout.scene import Scene
from archdoc.model import Architecture
from archdoc.text import text

if TYPE_CHECKING:
    from archdoc.diff import ModelDiff
    from archdoc.model.document import Flow

ORDER = ("removed", "added", "changed")  # a node standing for several: the strongest mark


def _key(flow: Flow) -> tuple[str, str, str]:
    return (flow.from_, flow.to, flow.text)


def changes_scene(old: Architecture, new: Architecture, found: ModelDiff) -> Scene:
    removed = {rid: res for rid, res in old.resources.items() if rid not in new.resources}
    status = {rid: "added" for rid in new.resources if rid not in old.resources}
    status.update({rid: "removed" for rid in removed})
    status.update({c.name: "changed" for c in found.changes
                   if c.what == "resource" and c.op == "changed" and c.name not in status})
    resources = {**new.resources, **removed}
    new_keys = {_key(f) for f in new.flows}
    old_keys = {_key(f) for f in old.flows}
    gone = [f for f in old.flows if _key(f) not in new_keys
            and f.from_ in resources and f.to in resources]
    union = new.model_copy(update={"resources": resources, "flows": [*new.flows, *gone]})
    union._index = None  # the copy's lookups are its own
    scene = build_scene(union)
    for nid, node in scene.nodes.items():
        marks = {status[r] for r in node.resources if r in status}
        mark = next((m for m in ORDER if m in marks), None)
        if mark is not None:
            scene.changes[nid] = mark
            node.label = f"{node.label}\n{text(f'mark_{mark}', new.language)}"
    for edge in scene.edges:
        if edge.flow >= len(new.flows):
            scene.edge_changes[edge.id] = "removed"
        elif 0 <= edge.flow and _key(new.flows[edge.flow]) not in old_keys:
            scene.edge_changes[edge.id] = "added"
    return scene


__all__ = ["changes_scene"]
