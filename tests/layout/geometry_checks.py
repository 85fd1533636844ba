"""What must hold for the layout of every model (used by example and property tests)."""

from __future__ import annotations

from archdoc.layout.geometry import Layout
from archdoc.layout.metrics import measure
from archdoc.layout.scene import Scene


def az_columns(scene: Scene, layout: Layout) -> dict[str, list]:
    """VPC group id -> its AZ groups, left to right."""
    out = {}
    for vpc in (g for g in scene.groups() if g.style == "vpc"):
        azs = [g for g in vpc.groups if g.style == "az" and g.id in layout.groups]
        out[vpc.id] = sorted(azs, key=lambda g: layout.groups[g.id].rect.x)
    return out


def check_layout(scene: Scene, layout: Layout) -> None:
    groups = layout.groups
    for vpc_id, azs in az_columns(scene, layout).items():
        # AZ columns side by side, in zone order, never overlapping horizontally
        assert [a.az for a in azs] == sorted(a.az for a in azs), vpc_id
        for left, right in zip(azs, azs[1:], strict=False):
            assert groups[left.id].rect.right <= groups[right.id].rect.x, (left.id, right.id)
        # the same tier at the same height in every AZ, tiers in one order everywhere
        tops: dict[str, float] = {}
        orders = []
        for az in azs:
            order = []
            for subnet in az.groups:
                top = groups[subnet.id].rect.y
                first = tops.setdefault(subnet.tier or "", top)
                if subnet.tier not in order:
                    order.append(subnet.tier)
                    assert abs(first - top) <= 1.0, (subnet.id, subnet.tier, first, top)
            orders.append(order)
        vpc = next(g for g in scene.groups() if g.id == vpc_id)
        for order in orders:
            assert order == [t for t in vpc.tiers if t in order], (order, vpc.tiers)
    # edges between copies of multi-subnet resources stay in their AZ column
    az_of_node = {}
    for azs in az_columns(scene, layout).values():
        for az in azs:
            for subnet in az.walk():
                az_of_node.update(dict.fromkeys(subnet.nodes, az.id))
    for edge in scene.edges:
        a, b = az_of_node.get(edge.tail), az_of_node.get(edge.head)
        copies = scene.nodes[edge.tail].copy or scene.nodes[edge.head].copy or \
            len(scene.node_of.get(scene.nodes[edge.tail].resources[0], [])) > 1
        if a and b and a == b and copies:
            column = groups[a].rect
            for x, _ in layout.edges[edge.id].samples():
                assert column.x - 2 <= x <= column.right + 2, (edge.id, x, column)
    # a flow starts and ends at its icons (or under its label, the bottom port), not at the
    # blank edge of a node's box; every segment is horizontal or vertical
    for edge in scene.edges:
        route = layout.edges[edge.id]
        for end, nid in ((route.points[0], edge.tail), (route.points[-1], edge.head)):
            box = layout.nodes[nid]
            below = abs(end[1] - box.rect.bottom) <= 0.5 and box.icon.x <= end[0] <= box.icon.right
            assert box.icon.distance_to(*end) <= 3.0 or below, (edge.id, nid, end)
        for (ax, ay), (bx, by) in route.segments():
            assert abs(ax - bx) < 0.01 or abs(ay - by) < 0.01, (edge.id, (ax, ay), (bx, by))
    # labels overlap no other label, no icon and no node's label; each is nearer its own
    # line than any other, inside the picture, clear of group titles (layout.metrics)
    labels = [(eid, e.label) for eid, e in layout.edges.items() if e.label is not None]
    for i, (eid, rect) in enumerate(labels):
        for other, rect2 in labels[i + 1:]:
            assert not rect.overlaps(rect2), (eid, other)
    found = measure(layout)
    assert (found.mislabelled, found.outside, found.covering, found.through_titles) == \
        (0, 0, 0, 0), found
    # every node lies inside the picture, every group inside its parent
    for nid, node in layout.nodes.items():
        r = node.rect
        assert 0 <= r.x and 0 <= r.y and r.right <= layout.width and r.bottom <= layout.height, nid

    def inside(group) -> None:
        outer = groups[group.id].rect
        for child in group.groups:
            if child.id in groups:
                inner = groups[child.id].rect
                assert outer.x <= inner.x and inner.right <= outer.right + 0.01 and \
                    outer.y <= inner.y and inner.bottom <= outer.bottom + 0.01, child.id
                inside(child)
    inside(scene.root)
