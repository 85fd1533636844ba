"""Place the scene as a grid of nested boxes, in the AWS reference style.

Users stand above the cloud; global services in a row at the top of the cloud; the regions
side by side below them. In a region, its VPCs stand side by side, what links them (a peering
connection, a Transit Gateway) between the first two, and its regional services in columns to
their right, ordered by the flows among them (a service one column right of what sends to
it), so that a serverless architecture reads left to right in rows and columns. The boxes
themselves (nodes, subnets, a VPC's AZ columns) are :mod:`layout.boxes`. Edges are routed
later (``layout/graphviz.py``) around these fixed positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archdoc.layout.boxes import (
    GAP,
    ICON,
    MARGIN,
    NODE_GAP,
    NODE_PAD,
    PAD,
    ROW_GAP,
    Boxes,
    VpcPlan,
)
from archdoc.layout.geometry import Fonts, Layout, Rect
from archdoc.layout.scene import Group, Scene
from archdoc.layout.textsize import block_size

LINK_GAP = 2 * GAP  # beside the links between two VPCs
EDGE_LABEL_WIDTH = 120.0  # edge labels wrap at this width


def flow_columns(scene: Scene, nids: list[str]) -> list[list[str]]:
    """``nids`` in columns by the flows among them: a node stands one column right of the
    rightmost node sending to it (a cycle is cut where it closes); nodes no flow reaches
    first. Within a column the model's order is kept."""
    members = set(nids)
    senders: dict[str, list[str]] = {n: [] for n in nids}
    for edge in scene.edges:
        if edge.tail in members and edge.head in members and edge.tail != edge.head:
            senders[edge.head].append(edge.tail)
    column: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(nid: str) -> int:
        if nid in column:
            return column[nid]
        visiting.add(nid)
        found = max((depth(s) + 1 for s in senders[nid] if s not in visiting), default=0)
        visiting.discard(nid)
        column[nid] = found
        return found

    for nid in nids:
        depth(nid)
    count = max(column.values(), default=-1) + 1
    return [[n for n in nids if column[n] == c] for c in range(count)]


@dataclass
class RegionPlan:
    vpcs: list[Group]
    plans: list[VpcPlan]
    links: list[str]  # node ids between the first two VPCs
    columns: list[list[str]]  # regional node ids, column by column
    top: float  # from the region's top to its content
    row_w: float  # the VPCs and their links, side by side
    row_h: float
    links_w: float
    gap: float  # between the VPCs and the columns of services
    width: float
    height: float


class Grid(Boxes):
    """The whole picture: cloud, regions, VPCs side by side, services in flow columns."""

    def measure_region(self, region: Group) -> RegionPlan:
        vpcs = [g for g in region.groups if g.style == "vpc"]
        _, tw, th = self.title(region)
        on_border = any(self.scene.nodes[n].where == "vpc_border" for v in vpcs for n in v.nodes)
        top = th + (ICON / 2 + NODE_PAD + 4 if on_border else 8.0)  # the icon's upper half
        plans = [self.measure_vpc(v) for v in vpcs]
        links = [n for n in region.nodes if self.scene.nodes[n].where == "between_vpcs"] \
            if len(vpcs) > 1 else []
        regional = [n for n in region.nodes if n not in links]
        edge_out = self._edge_out(vpcs[-1]) if vpcs else 0.0  # the last VPC's, towards the rest
        links_w, links_h = self._stack(links, None, None) if links else (0.0, 0.0)
        row_w = sum(p.width for p in plans) + sum(GAP + self._edge_out(v) for v in vpcs[:-1])
        if links:
            row_w += links_w + 2 * LINK_GAP - GAP
        row_h = max([p.height for p in plans] + [links_h])
        columns: list[list[str]] = []
        if regional:
            tallest = max(self.node_size(n)[1] for n in regional)
            if vpcs:  # as many as stand beside the VPCs
                per_col = max(1, int((max(row_h, tallest) + ROW_GAP) // (tallest + ROW_GAP)))
            else:  # no VPC: rows and columns, about as many of each
                per_col = max(1, math.ceil(math.sqrt(len(regional))))
            for layer in flow_columns(self.scene, regional):
                columns += [layer[i:i + per_col] for i in range(0, len(layer), per_col)]
        col_w, col_h = self._columns(columns, None, None)
        gap = (edge_out + GAP) if columns and vpcs else (edge_out if vpcs else 0.0)
        width = max(tw, PAD + row_w + gap + col_w + PAD)
        height = top + max(row_h, col_h) + PAD
        return RegionPlan(vpcs, plans, links, columns, top, row_w, row_h, links_w, gap, width,
                          height)

    def place_region(self, region: Group, plan: RegionPlan, x: float, y: float) -> None:
        self.put_group(region, Rect(x, y, plan.width, plan.height))
        vx = x + PAD
        top = y + plan.top
        for i, (vpc, vpc_plan) in enumerate(zip(plan.vpcs, plan.plans, strict=True)):
            self.place_vpc(vpc, vpc_plan, vx, top)
            vx += vpc_plan.width + GAP + self._edge_out(vpc)
            if i == 0 and plan.links:  # between the first VPC and the second
                _, links_h = self._stack(plan.links, None, None)
                self._stack(plan.links, vx - GAP + LINK_GAP,
                            top + (plan.row_h - links_h) / 2)
                vx += plan.links_w + 2 * LINK_GAP - GAP
        if plan.columns:
            self._columns(plan.columns, x + PAD + plan.row_w + plan.gap, top)

    def _edge_out(self, vpc: Group) -> float:
        return max((self.node_size(n)[0] / 2 for n in vpc.nodes
                    if self.scene.nodes[n].where == "vpc_edge"), default=0.0)

    def _stack(self, nids: list[str], x: float | None, y: float | None) -> tuple[float, float]:
        """One column of nodes, centred on each other."""
        return self._columns([nids], x, y)

    def _columns(self, columns: list[list[str]], x: float | None, y: float | None
                 ) -> tuple[float, float]:
        widths, heights = [], []
        for c, col in enumerate(columns):
            widths.append(max(self.node_size(n)[0] for n in col))
            heights.append(sum(self.node_size(n)[1] for n in col) + ROW_GAP * (len(col) - 1))
            if x is not None and y is not None:
                top = y
                for nid in col:
                    w, h = self.node_size(nid)
                    self.put_node(nid, x + sum(widths[:-1]) + NODE_GAP * c + (widths[-1] - w) / 2,
                                  top)
                    top += h + ROW_GAP
        return sum(widths) + NODE_GAP * max(len(columns) - 1, 0), max(heights, default=0.0)

    def cloud(self, cloud: Group, x: float | None, y: float | None) -> tuple[float, float]:
        regions = [g for g in cloud.groups if g.style == "region"]
        _, tw, th = self.title(cloud)
        plans = [self.measure_region(r) for r in regions]
        rw = sum(p.width for p in plans) + GAP * max(len(plans) - 1, 0)
        rh = max((p.height for p in plans), default=0.0)
        row_max = max(rw, 400.0)
        gw, gh = self.flow(cloud.nodes, 99, max_width=row_max) if cloud.nodes else (0.0, 0.0)
        inner_w = max(rw, gw, tw - 2 * PAD)
        height = th + PAD + (gh + GAP if cloud.nodes else 0.0) + rh + PAD
        width = inner_w + 2 * PAD
        if x is None or y is None:
            return width, height
        self.put_group(cloud, Rect(x, y, width, height))
        top = y + th + PAD
        if cloud.nodes:
            # from the left, as the regions below: a service stands nearer what it serves
            self.flow(cloud.nodes, 99, x + PAD, top, None, max_width=row_max)
            top += gh + GAP
        rx = x + PAD
        for region, plan in zip(regions, plans, strict=True):
            self.place_region(region, plan, rx, top)
            rx += plan.width + GAP
        return width, height


def grid_layout(scene: Scene, fonts: Fonts | None = None) -> Layout:
    """Positions of every group and node of ``scene``; edges are routed afterwards."""
    b = Grid(scene, fonts or Fonts())
    cw, ch = b.cloud(scene.root, None, None)
    uw, uh = b.flow(scene.outside, 8) if scene.outside else (0.0, 0.0)
    top = MARGIN + (uh + GAP if scene.outside else 0.0)
    if scene.outside:
        b.flow(scene.outside, 8, MARGIN, MARGIN, max(uw, min(cw, 2 * uw + 200)))
    b.cloud(scene.root, MARGIN, top)
    width = max(MARGIN + cw, MARGIN + uw) + MARGIN
    height = top + ch + MARGIN
    return Layout(width, height, dict(b.groups), dict(b.nodes), {}, b.fonts)


def label_size(lines: tuple[str, ...] | list[str], size: float) -> tuple[float, float]:
    """Width and height an edge label needs, with a little air around the text."""
    w, h = block_size(lines, size)
    return w + 6, h + 2


__all__ = ["flow_columns", "grid_layout", "label_size"]


def order_by_flows(scene: Scene, layout: Layout) -> bool:
    """Put the icons of each row (the global services, a subnet's icons) in the order of where
    what they talk to stands (the barycentre of their flow neighbours), so that flows cross
    less; regional services keep their flow columns, ordered within a column by the same
    rule, top to bottom. Returns whether any order changed (the grid is then laid out again)."""
    neighbours: dict[str, list[str]] = {n: [] for n in scene.nodes}
    for edge in scene.edges:
        if edge.tail != edge.head:
            neighbours[edge.tail].append(edge.head)
            neighbours[edge.head].append(edge.tail)
    changed = False

    def centre(nid: str, axis: int) -> float:
        own = layout.nodes[nid].icon.centre[axis]
        near = [layout.nodes[n].icon.centre[axis] for n in neighbours[nid] if n in layout.nodes]
        return sum(near) / len(near) if near else own

    for group in scene.groups():
        if len(group.nodes) < 2 or any(n not in layout.nodes for n in group.nodes):
            continue
        if group.style in ("cloud", "public_subnet", "private_subnet"):
            keyed = sorted(group.nodes, key=lambda n: (centre(n, 0), layout.nodes[n].icon.x))
        elif group.style == "region":
            # within each flow column (same x), top to bottom by the neighbours' height
            columns: dict[float, list[str]] = {}
            for n in group.nodes:
                columns.setdefault(round(layout.nodes[n].icon.x), []).append(n)
            order = {n: i for i, n in enumerate(group.nodes)}
            keyed = list(group.nodes)
            for members in columns.values():
                slots = sorted(order[n] for n in members)
                for slot, n in zip(slots, sorted(members, key=lambda m: centre(m, 1)),
                                   strict=True):
                    keyed[slot] = n
        else:
            continue
        if keyed != group.nodes:
            group.nodes[:] = keyed
            changed = True
    return changed
