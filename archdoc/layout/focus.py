"""A chapter's own scene: its resources, the groups they sit in and their direct flow
neighbours (dimmed), so the chapter's figure is laid out on its own and stays readable."""

from __future__ import annotations

from archdoc.layout.scene import Group, Scene


def focus(scene: Scene, resources: set[str]) -> Scene:
    """The part of ``scene`` that shows ``resources`` (model ids) and what they talk to."""
    keep_groups = {g.id for g in scene.groups() if g.resource in resources}
    focal = {nid for nid, node in scene.nodes.items() if resources & set(node.resources)}
    for group in scene.groups():
        if group.id in keep_groups:
            focal.update(n for sub in group.walk() for n in sub.nodes)
    neighbours = set()
    for edge in scene.edges:
        if edge.tail in focal and edge.head not in focal:
            neighbours.add(edge.head)
        elif edge.head in focal and edge.tail not in focal:
            neighbours.add(edge.tail)
    kept = focal | neighbours
    # the subnets a kept node is drawn across stay, or it would have nowhere to stand
    keep_groups |= {f"g_{s}" for nid in kept for s in scene.nodes[nid].span}

    def prune(group: Group) -> Group | None:
        children = [c for c in (prune(g) for g in group.groups) if c is not None]
        nodes = [n for n in group.nodes if n in kept]
        if not children and not nodes and group.id not in keep_groups and \
                group.style not in ("cloud",):
            return None
        return Group(group.id, group.style, group.label, group.resource, children, nodes,
                     group.tier, list(group.tiers), group.az)

    root = prune(scene.root) or Group(scene.root.id, scene.root.style, scene.root.label)
    nodes = {nid: node for nid, node in scene.nodes.items() if nid in kept}
    edges = [e for e in scene.edges if e.tail in kept and e.head in kept]
    node_of = {rid: [n for n in nids if n in kept] for rid, nids in scene.node_of.items()}
    return Scene(nodes, [n for n in scene.outside if n in kept], root, edges,
                 {r: n for r, n in node_of.items() if n}, scene.language, neighbours,
                 scene.marked & kept)
