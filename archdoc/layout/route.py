"""Orthogonal routing of the flows on the placed grid, as AWS draws its reference diagrams.

Every flow leaves its tail's icon and enters its head's at a right angle, through a port on a
side (three per side, so several flows into one icon do not share a line), and runs in
horizontal and vertical segments around every icon, node label and group title. The search is
A* on a sparse lattice: the lines just clear of each obstacle, through each port and just
inside and outside each group border, costing length, bends, crossings with the flows routed
before and stretches shared with them. A line never runs along a group's border.

The lattice is ``archdoc.layout.lattice``, the search on it ``archdoc.layout.search``; this
module chooses the ports, orders the flows, falls back where the search stops and places the
labels.

Above ``SEARCH_MAX_NODES`` icons the search would cost more than the picture is worth: flows
are drawn as one- or two-bend connectors between facing ports instead (linear in the flows).
"""

from __future__ import annotations

import math

from archdoc.layout.geometry import Layout, Rect, title_rect
from archdoc.layout.lattice import DOWN, LEFT, RIGHT, STEP, UP, Lattice, Point, Port, obstacles
from archdoc.layout.scene import Scene
from archdoc.layout.search import RESCUE, RESCUE_GREED, search_route
from archdoc.layout.usage import BUDGET, Usage
from archdoc.processes import checkpoint

STUB = 10.0  # a flow leaves and enters an icon at a right angle for this long (the
# arrowhead, 7 pt, sits on the last stub)
PORT_OFFSETS = (0.0, -12.0, 12.0)
SEARCH_MAX_NODES = 220
CHANNEL = 7.0  # a connector without a search passes a title this far beside it


def ports(nid: str, layout: Layout, where: str) -> list[Port]:
    """The ports of a node: three per side; a node on a VPC's top border only up and down,
    one on its right border only left and right (never along the border line)."""
    box = layout.nodes[nid]
    icon = box.icon
    cx, cy = icon.centre
    sides = {"vpc_border": (UP, DOWN), "vpc_edge": (LEFT, RIGHT)}.get(
        where, (RIGHT, LEFT, DOWN, UP))
    found = []
    for side in sides:
        for o in PORT_OFFSETS:
            if side == RIGHT:
                p = (icon.right, cy + o)
            elif side == LEFT:
                p = (icon.x, cy + o)
            elif side == UP:
                p = (cx + o, icon.y)
            else:
                p = (cx + o, box.rect.bottom)
            dx, dy = STEP[side]
            found.append(Port(nid, side, p, (p[0] + dx * STUB, p[1] + dy * STUB)))
    return found


def simplify(points: list[Point]) -> list[Point]:
    """Without repeated and collinear points."""
    out: list[Point] = []
    for p in points:
        if out and math.dist(out[-1], p) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or \
                    (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out


JOG = 8.0  # a sideways step this short next to an icon is taken out by moving the port


def unjog(path: list[Point], layout: Layout, tail: str, head: str) -> list[Point]:
    """Without the little step a route makes to meet a port a few points off its line: the
    port slides along its side instead (while it stays on the icon)."""
    path = list(path)
    for end, nid in ((0, tail), (-1, head)):
        if len(path) < 4:
            break
        icon = layout.nodes[nid].icon
        step = 1 if end == 0 else -1
        p, stub, bend, after = (path[end], path[end + step], path[end + 2 * step],
                                path[end + 3 * step])
        vertical = abs(p[0] - stub[0]) < 0.01
        if abs(p[0] - stub[0]) + abs(p[1] - stub[1]) > STUB + 0.5:
            continue  # no stub of its own: its first stretch is a long one, moved it would
            # run elsewhere (along a border, through a title) than the search let it
        if vertical and abs(stub[1] - bend[1]) < 0.01 and abs(bend[0] - stub[0]) < JOG \
                and abs(after[0] - bend[0]) < 0.01 and icon.x + 4 <= bend[0] <= icon.right - 4:
            dx = bend[0]
            path[end], path[end + step] = (dx, p[1]), (dx, stub[1])
        elif not vertical and abs(stub[0] - bend[0]) < 0.01 and abs(bend[1] - stub[1]) < JOG \
                and abs(after[1] - bend[1]) < 0.01 and icon.y + 4 <= bend[1] <= icon.bottom - 4:
            dy = bend[1]
            path[end], path[end + step] = (p[0], dy), (stub[0], dy)
    return simplify(path)


def _facing(a: list[Port], b: list[Port]) -> tuple[Port, Port]:
    """The centre ports of the two nodes that face each other best (nearest stubs)."""
    centres_a, centres_b = a[::len(PORT_OFFSETS)], b[::len(PORT_OFFSETS)]
    return min(((pa, pb) for pa in centres_a for pb in centres_b),
               key=lambda pair: abs(pair[0].stub[0] - pair[1].stub[0])
               + abs(pair[0].stub[1] - pair[1].stub[1]))


def connector(pa: Port, pb: Port, avoid: tuple[Rect, ...] | list[Rect] = ()) -> list[Point]:
    """A one- or two-bend connector from port to port, without a search: of its shapes (one
    bend either way, two bends through the middle either way), the one that crosses the
    fewest of ``avoid`` (group titles), then the shortest."""

    (ax, ay), (bx, by) = pa.stub, pb.stub
    shapes = [[(bx, ay)], [(ax, by)], [((ax + bx) / 2, ay), ((ax + bx) / 2, by)],
              [(ax, (ay + by) / 2), (bx, (ay + by) / 2)]]
    # and through the channels beside and under the titles near the way: right or left of a
    # title, under or over it (up to three bends more)
    near = Rect(min(ax, bx) - 60, min(ay, by) - 60, abs(ax - bx) + 120, abs(ay - by) + 120)
    close = [r for r in avoid if r.overlaps(near)][:12]
    xs = sorted({v for r in close for v in (r.right + CHANNEL, r.x - CHANNEL)})
    ys = sorted({v for r in close for v in (r.bottom + CHANNEL, r.y - CHANNEL)})
    shapes += [[(c, ay), (c, by)] for c in xs] + [[(ax, d), (bx, d)] for d in ys]
    shapes += [[(c, ay), (c, d), (bx, d)] for c in xs for d in ys]
    shapes += [[(ax, d), (c, d), (c, by)] for c in xs for d in ys]

    # only the titles where some shape may pass can be crossed
    px = [ax, bx, *xs]
    py = [ay, by, *ys]
    reach = Rect(min(px), min(py), max(px) - min(px), max(py) - min(py))
    relevant = [r for r in avoid if r.overlaps(reach, 1.0)]

    # (both written out: they run for every shape of every connector, hundreds each)
    def length(inner: list[Point]) -> float:
        x, y = pa.stub
        total = 0.0
        for nx, ny in inner:
            total += abs(x - nx) + abs(y - ny)
            x, y = nx, ny
        return total + abs(x - bx) + abs(y - by)

    def hits(inner: list[Point], enough: float) -> int:
        """The titles the shape crosses, counted up to ``enough`` (the best shape's count:
        one that crosses as many is not taken): those its segments touch, edges included
        (``segment_to_rect`` 0)."""
        path = [pa.stub, *inner, pb.stub]
        found = 0
        for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
            left, right = (x0, x1) if x0 <= x1 else (x1, x0)
            top, bottom = (y0, y1) if y0 <= y1 else (y1, y0)
            for r in relevant:
                if r.x <= right and left <= r.x + r.w and r.y <= bottom and top <= r.y + r.h:
                    found += 1
                    if found >= enough:
                        return found
        return found

    best: tuple[int, list[Point]] | None = None
    for inner in sorted(shapes, key=length):  # the shortest that crosses no title, else fewest
        found = hits(inner, best[0] if best is not None else math.inf)
        if best is None or found < best[0]:
            best = (found, inner)
        if found == 0:
            break
    assert best is not None
    return simplify([pa.point, pa.stub, *best[1], pb.stub, pb.point])


def self_loop(layout: Layout, nid: str) -> list[Point]:
    icon = layout.nodes[nid].icon
    cx, cy = icon.centre
    r, top = icon.right + STUB + 4, icon.y - STUB - 4
    return [(icon.right, cy), (r, cy), (r, top), (cx, top), (cx, icon.y)]


def route_all(scene: Scene, layout: Layout, title_size,
              bounds_of=None) -> dict[str, list[Point]]:
    """Edge id -> its orthogonal polyline from the tail's icon to the head's."""
    port_sets = {nid: ports(nid, layout, scene.nodes[nid].where) for nid in layout.nodes}
    edges = [e for e in scene.edges if e.tail in layout.nodes and e.head in layout.nodes]
    routes: dict[str, list[Point]] = {}
    search = len(layout.nodes) <= SEARCH_MAX_NODES
    lattice = None
    if search:
        used_ports = {p.stub for e in edges for n in (e.tail, e.head) for p in port_sets[n]}
        lattice = Lattice(layout, obstacles(layout, title_size), list(used_ports))
    usage = Usage()

    def length(e) -> float:
        (ax, ay), (bx, by) = layout.nodes[e.tail].icon.centre, layout.nodes[e.head].icon.centre
        return abs(ax - bx) + abs(ay - by)

    taken: dict[str, list[tuple[int, int]]] = {}  # edge id -> the lattice points it uses
    titles = [title_rect(g, layout.fonts.group) for g in layout.groups.values() if g.label_lines]

    def place(edge) -> None:
        found = None
        if lattice is not None and usage.budget > 0:
            found = search_route(lattice, usage, port_sets[edge.tail], port_sets[edge.head],
                               bounds_of(edge) if bounds_of else None)
        if found is None and lattice is not None and usage.rescue > 0:
            # the budget spent: a greedy search (weighted A*) that pays for length, bends and
            # shared stretches, not crossings: a route round every icon and title in a few
            # thousand steps where the cheapest, weighing every crossing, takes tens of them
            before = usage.budget
            found = search_route(lattice, usage, port_sets[edge.tail], port_sets[edge.head],
                               bounds_of(edge) if bounds_of else None, RESCUE_GREED,
                               min(RESCUE, usage.rescue), others=False)
            usage.rescue -= before - usage.budget
        if found is None:
            found = connector(*_facing(port_sets[edge.tail], port_sets[edge.head]), titles)
        path = unjog(simplify(found), layout, edge.tail, edge.head)
        routes[edge.id] = path
        usage.ports[path[0]] = usage.ports.get(path[0], 0) + 1
        usage.ports[path[-1]] = usage.ports.get(path[-1], 0) + 1
        if lattice is not None:  # every stretch it runs along, stubs included
            taken[edge.id] = _cells(lattice, simplify(found[1:-1]))
            usage.add(taken[edge.id])

    ordered = sorted(edges, key=length)
    for edge in ordered:
        checkpoint()  # a signal stops the figure between flows
        if edge.tail == edge.head:
            routes[edge.id] = self_loop(layout, edge.tail)
        else:
            place(edge)
    if lattice is not None:
        # once more, each route taken out and searched again knowing all the others (the
        # first routes were placed before the later ones existed); kept where it crosses less
        for edge in ordered:
            checkpoint()
            if edge.id not in taken or usage.budget < BUDGET // 4:
                continue
            before = routes[edge.id]
            old_cells = taken[edge.id]
            crossed = _crossings_of(edge.id, routes)
            if not crossed:
                continue
            usage.add(old_cells, -1)
            for end in (before[0], before[-1]):
                usage.ports[end] -= 1
            place(edge)
            if _crossings_of(edge.id, routes) > crossed:  # worse: put the first one back
                usage.add(taken[edge.id], -1)
                for end in (routes[edge.id][0], routes[edge.id][-1]):
                    usage.ports[end] -= 1
                routes[edge.id], taken[edge.id] = before, old_cells
                usage.add(old_cells)
                for end in (before[0], before[-1]):
                    usage.ports[end] = usage.ports.get(end, 0) + 1
    return routes


def _crossings_of(eid: str, routes: dict[str, list[Point]]) -> int:
    """How many times route ``eid`` crosses the others."""
    mine = list(zip(routes[eid], routes[eid][1:], strict=False))
    count = 0
    for other, path in routes.items():
        if other == eid:
            continue
        for (ax, ay), (bx, by) in mine:
            for (cx, cy), (dx, dy) in zip(path, path[1:], strict=False):
                if abs(ay - by) < 0.01 and abs(cx - dx) < 0.01:
                    h, v = ((ax, bx), ay), (cx, (cy, dy))
                elif abs(ax - bx) < 0.01 and abs(cy - dy) < 0.01:
                    h, v = ((cx, dx), cy), (ax, (ay, by))
                else:
                    continue
                (x0, x1), y = (sorted(h[0]), h[1])
                x, (y0, y1) = v[0], sorted(v[1])
                if x0 + 0.5 < x < x1 - 0.5 and y0 + 0.5 < y < y1 - 0.5:
                    count += 1
    return count


def _cells(lattice: Lattice, path: list[Point]) -> list[tuple[int, int]]:
    """The lattice points along a path's inner vertices (each stretch between lattice
    neighbours), for the usage of the flows routed after it."""
    out: list[tuple[int, int]] = []
    for (ax, ay), (bx, by) in zip(path, path[1:], strict=False):
        ia, ja = lattice.x_at.get(ax), lattice.y_at.get(ay)
        ib, jb = lattice.x_at.get(bx), lattice.y_at.get(by)
        if None in (ia, ja, ib, jb):
            continue
        assert ia is not None and ja is not None and ib is not None and jb is not None
        if ja == jb:
            step = 1 if ib >= ia else -1
            out += [(i, ja) for i in range(ia, ib + step, step)]
        else:
            step = 1 if jb >= ja else -1
            out += [(ia, j) for j in range(ja, jb + step, step)]
    return out


def _az_columns(scene: Scene, layout: Layout) -> dict[str, Rect]:
    """Node id -> the box of the AZ column it stands in, for nodes in a subnet."""
    out: dict[str, Rect] = {}
    for az in (g for g in scene.groups() if g.style == "az" and g.id in layout.groups):
        for group in az.walk():
            out.update(dict.fromkeys(group.nodes, layout.groups[az.id].rect))
    return out


def route(scene: Scene, layout: Layout) -> Layout:
    """Route every edge and place its label; returns the finished layout."""
    from dataclasses import replace

    from archdoc.layout.geometry import EdgeRoute
    from archdoc.layout.grid import EDGE_LABEL_WIDTH, label_size
    from archdoc.layout.labels import place_labels
    from archdoc.layout.textsize import block_size, wrap

    fonts = layout.fonts

    def title_size(lines, which: str) -> tuple[float, float]:
        return block_size(lines, fonts.node if which == "node" else fonts.group)

    column = _az_columns(scene, layout)

    def bounds_of(edge) -> Rect | None:
        """A flow within one AZ stays in its column."""
        box = column.get(edge.tail)
        return box if box is not None and box == column.get(edge.head) else None

    paths = route_all(scene, layout, title_size, bounds_of)
    edges = {}
    variants: dict[str, list[tuple[str, ...]]] = {}
    for edge in scene.edges:
        if edge.id not in paths:
            continue
        lines = tuple(wrap(edge.label, fonts.edge, EDGE_LABEL_WIDTH)) if edge.label else ()
        edges[edge.id] = EdgeRoute(tuple(paths[edge.id]), None, lines)
        if lines:  # narrower and taller, for a label that does not fit its line as it is
            forms = [lines] + [tuple(wrap(edge.label, fonts.edge, w)) for w in (84.0, 60.0)]
            variants[edge.id] = list(dict.fromkeys(forms))
    edges, legend = place_labels(layout, edges, lambda ls: label_size(ls, fonts.edge), variants)
    if not legend:
        return replace(layout, edges=edges)
    box = legend_box(legend, fonts.edge, layout.width, layout.height)
    return replace(layout, edges=edges, legend=tuple(legend), legend_box=box,
                   height=box.bottom + 10.0)


LEGEND_GAP = 16.0  # between two entries of the legend in one row


def legend_columns(legend, size: float, width: float) -> tuple[int, float, float]:
    """How many entries a row of the legend holds, and each entry's width and height."""
    from archdoc.layout.labels import BADGE
    from archdoc.layout.textsize import block_size

    sizes = [block_size(lines, size) for _, lines in legend]
    entry_w = legend_badge(legend) + 6 + max(w for w, _ in sizes)
    entry_h = max(max(h for _, h in sizes), BADGE) + 4
    per_row = max(1, int((width - 20 + LEGEND_GAP) // (entry_w + LEGEND_GAP)))
    return min(per_row, len(legend)), entry_w, entry_h


def legend_badge(legend) -> float:
    """The width of the legend's column of numbers: its widest number's."""
    from archdoc.layout.labels import badge_width

    return max(badge_width(number) for number, _ in legend)


def legend_box(legend, size: float, width: float, top: float) -> Rect:
    """The box under the picture that lists the numbered labels."""
    per_row, entry_w, entry_h = legend_columns(legend, size, width)
    rows = -(-len(legend) // per_row)
    w = per_row * entry_w + (per_row - 1) * LEGEND_GAP + 12
    return Rect(10.0, top + 4, w, rows * entry_h + 10)
