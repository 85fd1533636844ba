"""The boxes of the grid layout: nodes (icon and label), subnets, and a VPC's AZ columns.

Availability Zones are columns side by side, in zone order; subnets are rows by tier, the same
tier at the same height in every AZ. The internet gateway sits on the VPC's top border, gateway
endpoints on its right border, VPC-wide resources (security groups, route tables, target
groups) in a labelled strip at the VPC's foot. ``layout.grid`` arranges the VPCs, regions and
services around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archdoc.layout.geometry import Fonts, GroupBox, NodeBox, Rect
from archdoc.layout.icons import GROUP_ICONS
from archdoc.layout.scene import Group, Scene
from archdoc.layout.textsize import block_size, wrap

ICON = 40.0
NODE_PAD = 5.0
NODE_GAP = 12.0
ROW_GAP = 14.0
PAD = 10.0  # inside a group, around its content
GAP = 18.0  # between sibling groups
TIER_GAP = 30.0  # between tiers of subnets: room for the label of a flow from tier to tier
LABEL_WIDTH = 92.0  # node labels wrap at this width
MIN_SUBNET = (96.0, 22.0)  # content size of an empty subnet
MARGIN = 10.0  # around the whole picture
GROUP_ICON = 14.0  # the icon before a group's title
SG_PAD = 5.0  # inside a security group's boundary, round its member
SG_FONT = 0.8  # the boundary's title, relative to the node font


@dataclass(frozen=True)
class VpcPlan:
    """A VPC's box measured: what goes where inside it, and its size."""

    azs: list[Group]
    strip: Group | None  # VPC-wide resources
    tiers: list[str]  # rows of subnets, top to bottom (empty rows dropped)
    border: list[str]  # node ids on the top border (internet gateway)
    edge: list[str]  # node ids on the right border (gateway endpoints)
    spans: dict[str, list[str]]  # tier -> node ids drawn across that tier's subnets
    band: dict[str, float]  # tier -> height of the band at its foot that holds them
    cells: dict[tuple[str, str], list[Group]]  # (AZ group id, tier) -> its subnets
    col_w: dict[str, float]  # AZ group id -> content width of its column
    row_h: dict[str, float]  # tier -> height of its row
    az_th: float  # height of the AZ titles
    grid_h: float
    top_band: float  # from the VPC's top to its AZ columns
    edge_h: float
    body_h: float  # the AZ grid, or the edge icons where they are taller
    strip_h: float
    strip_max: float  # widest row of the strip
    inner_w: float
    width: float
    height: float


@dataclass
class Boxes:
    scene: Scene
    fonts: Fonts
    nodes: dict[str, NodeBox] = field(default_factory=dict)
    groups: dict[str, GroupBox] = field(default_factory=dict)
    sizes: dict[str, tuple[float, float, tuple[str, ...]]] = field(default_factory=dict)

    # --- nodes ------------------------------------------------------------------------------

    def _inner_size(self, nid: str) -> tuple[float, float, tuple[str, ...]]:
        lines = tuple(wrap(self.scene.nodes[nid].label, self.fonts.node, LABEL_WIDTH))
        tw, th = block_size(lines, self.fonts.node)
        return max(ICON, tw) + 2 * NODE_PAD, ICON + 3 + th + 2 * NODE_PAD, lines

    def boundary_title(self, nid: str) -> tuple[tuple[str, ...], float, float]:
        """The lines, width and height of the title of a node's security-group boundary."""
        names = self.scene.nodes[nid].boundary
        if not names:
            return (), 0.0, 0.0
        size = self.fonts.node * SG_FONT
        lines = tuple(wrap(names, size, LABEL_WIDTH))
        w, h = block_size(lines, size)
        return lines, w, h

    def node_size(self, nid: str) -> tuple[float, float]:
        """The room a node takes: icon, label, and its security-group boundary if any."""
        if nid not in self.sizes:
            w, h, lines = self._inner_size(nid)
            _, tw, th = self.boundary_title(nid)
            if th:
                w, h = max(w, tw + 2 * SG_PAD) + 2 * SG_PAD, h + th + 2 * SG_PAD
            self.sizes[nid] = (w, h, lines)
        w, h, _ = self.sizes[nid]
        return w, h

    def put_node(self, nid: str, x: float, y: float) -> None:
        w, h = self.node_size(nid)
        lines = self.sizes[nid][2]
        title, _, th = self.boundary_title(nid)
        boundary = None
        if th:  # the node inside its boundary, under the boundary's title
            boundary = Rect(x, y, w, h)
            iw, ih, _ = self._inner_size(nid)
            x, y = x + (w - iw) / 2, y + SG_PAD + th
            w, h = iw, ih
        self.nodes[nid] = NodeBox(Rect(x, y, w, h), Rect(x + (w - ICON) / 2, y + NODE_PAD,
                                                         ICON, ICON), lines, boundary, title)

    def flow(self, nids: list[str], per_row: int, x: float | None = None,
             y: float | None = None, width: float | None = None,
             max_width: float | None = None) -> tuple[float, float]:
        """Nodes in rows of at most ``per_row`` (and ``max_width``); placed at (x, y) centred
        in ``width`` when given."""
        rows: list[list[str]] = [[]]
        used = 0.0
        for nid in nids:
            w = self.node_size(nid)[0]
            full = len(rows[-1]) >= per_row or (
                max_width is not None and rows[-1] and used + NODE_GAP + w > max_width)
            if full:
                rows.append([])
                used = 0.0
            used += (NODE_GAP if rows[-1] else 0.0) + w
            rows[-1].append(nid)
        sizes = [[self.node_size(n) for n in row] for row in rows]
        row_w = [sum(w for w, _ in row) + NODE_GAP * max(len(row) - 1, 0) for row in sizes]
        row_h = [max((h for _, h in row), default=0.0) for row in sizes]
        total_w = max(row_w)
        total_h = sum(row_h) + ROW_GAP * max(len(rows) - 1, 0)
        if x is not None and y is not None:
            top = y
            for row, size, rw, rh in zip(rows, sizes, row_w, row_h, strict=True):
                left = x + ((width or total_w) - rw) / 2
                for nid, (w, h) in zip(row, size, strict=True):
                    self.put_node(nid, left, top + (rh - h) / 2)
                    left += w + NODE_GAP
                top += rh + ROW_GAP
        return total_w, total_h

    # --- group titles -----------------------------------------------------------------------

    def title(self, group: Group) -> tuple[tuple[str, ...], float, float]:
        """A group's title lines, and the width and height its title takes (with the group's
        icon before the text)."""
        lines = tuple(group.label.split("\n")) if group.label else ()
        if not lines:
            return (), 0.0, 0.0
        w, h = block_size(lines, self.fonts.group)
        icon = GROUP_ICON + 4 if group.style in GROUP_ICONS else 0.0
        return lines, w + icon + 2 * PAD, max(h, GROUP_ICON) + 6

    def put_group(self, group: Group, rect: Rect) -> None:
        self.groups[group.id] = GroupBox(rect, self.title(group)[0])

    # --- subnets and the AZ grid ------------------------------------------------------------

    def subnet_size(self, subnet: Group) -> tuple[float, float]:
        _, tw, th = self.title(subnet)
        cw, ch = self.flow(subnet.nodes, 3) if subnet.nodes else MIN_SUBNET
        return max(cw + 2 * PAD, tw, MIN_SUBNET[0]), th + max(ch, MIN_SUBNET[1]) + 2 * PAD

    def put_subnet(self, subnet: Group, rect: Rect, band: float = 0.0) -> None:
        """A subnet and its nodes; ``band`` is kept free at its foot (for a node drawn
        across this and other subnets)."""
        self.put_group(subnet, rect)
        _, _, th = self.title(subnet)
        if subnet.nodes:
            _, ch = self.flow(subnet.nodes, 3)
            top = rect.y + th + PAD + (rect.h - band - th - 2 * PAD - ch) / 2
            self.flow(subnet.nodes, 3, rect.x + PAD, top, rect.w - 2 * PAD)

    def measure_vpc(self, vpc: Group) -> VpcPlan:
        """Every size the VPC's box needs: its AZ columns, tier rows, border and edge icons,
        and the strip of VPC-wide resources."""
        azs = [g for g in vpc.groups if g.style == "az"]
        strip = next((g for g in vpc.groups if g.style == "vpc_wide"), None)
        tiers = vpc.tiers or sorted({s.tier or "" for az in azs for s in az.groups})
        border = [n for n in vpc.nodes if self.scene.nodes[n].where == "vpc_border"]
        edge = [n for n in vpc.nodes if self.scene.nodes[n].where == "vpc_edge"]
        tier_of = {s.resource: s.tier or "" for az in azs for s in az.groups}
        spans: dict[str, list[str]] = {}
        for n in vpc.nodes:
            node = self.scene.nodes[n]
            if node.where == "span" and node.span and node.span[0] in tier_of:
                spans.setdefault(tier_of[node.span[0]], []).append(n)
            elif node.where == "span":  # its subnets are not in the picture: on the border
                edge.append(n)
        _, vpc_tw, vpc_th = self.title(vpc)

        cells = {(az.id, t): [s for s in az.groups if (s.tier or "") == t] for az in azs
                 for t in tiers}
        col_w = {}
        for az in azs:
            _, az_tw, _ = self.title(az)
            col_w[az.id] = max([az_tw - 2 * PAD] + [self.subnet_size(s)[0] for s in az.groups])
        row_h = {t: max([sum(self.subnet_size(s)[1] for s in cells[(az.id, t)])
                         + GAP / 2 * max(len(cells[(az.id, t)]) - 1, 0) for az in azs] + [0.0])
                 for t in tiers}
        band = {t: max(self.node_size(n)[1] for n in nids) + ROW_GAP / 2
                for t, nids in spans.items()}
        for t in band:
            row_h[t] += band[t]
        tiers = [t for t in tiers if row_h[t] > 0]
        az_th = max((self.title(az)[2] for az in azs), default=0.0)
        grid_h = (az_th + PAD + sum(row_h[t] for t in tiers) + TIER_GAP * max(len(tiers) - 1, 0)
                  + PAD) if azs else 0.0
        grid_w = sum(col_w[a.id] + 2 * PAD for a in azs) + GAP * max(len(azs) - 1, 0)

        border_h = max((self.node_size(n)[1] for n in border), default=0.0)
        top_band = max(vpc_th + 4, border_h - ICON / 2 - NODE_PAD + 6)
        edge_w = max((self.node_size(n)[0] for n in edge), default=0.0)
        edge_h = sum(self.node_size(n)[1] for n in edge) + ROW_GAP * max(len(edge) - 1, 0)
        strip_w = strip_h = 0.0
        strip_max = max(grid_w, 300.0) - 2 * PAD
        if strip:
            sw, sh = self.flow(strip.nodes, 99, max_width=strip_max)
            strip_w, strip_h = sw + 2 * PAD, sh + 2 * PAD + self.title(strip)[2]
        span_w = max((self.flow(nids, 99)[0] for nids in spans.values()), default=0.0)
        # the border's icons stand right of the VPC's title, never on it
        inner_w = max(grid_w, strip_w, vpc_tw, span_w,
                      vpc_tw + self.flow(border, 8)[0] if border else 0.0)
        width = PAD + inner_w + PAD + (edge_w / 2 if edge else 0.0)
        body_h = max(grid_h, edge_h + 2 * PAD)
        height = top_band + body_h + (GAP / 2 + strip_h if strip else 0) + PAD
        return VpcPlan(azs, strip, tiers, border, edge, spans, band, cells, col_w, row_h, az_th,
                       grid_h,
                        top_band, edge_h, body_h, strip_h, strip_max, inner_w, width, height)

    def place_vpc(self, vpc: Group, plan: VpcPlan, x: float, y: float) -> None:
        """Put the VPC measured as ``plan`` with its top left corner at (x, y)."""
        self.put_group(vpc, Rect(x, y, plan.width, plan.height))
        if plan.border:
            bw, _ = self.flow(plan.border, 8)
            left = max(x + (plan.width - bw) / 2, x + self.title(vpc)[1])
            for nid in plan.border:  # icon centre on the top border line
                w, _ = self.node_size(nid)
                self.put_node(nid, left, y - ICON / 2 - NODE_PAD)
                left += w + NODE_GAP
        gx, gy = x + PAD, y + plan.top_band
        for az in plan.azs:
            az_rect = Rect(gx, gy, plan.col_w[az.id] + 2 * PAD, plan.grid_h)
            self.put_group(az, az_rect)
            self._place_az_column(az, plan, gx + PAD, gy + plan.az_th + PAD)
            gx += az_rect.w + GAP
        self._place_spans(plan, x + PAD, y + plan.top_band + plan.az_th + PAD)
        if plan.edge:  # icon centres on the right border, in the middle of the grid
            ey = y + plan.top_band + (plan.body_h - plan.edge_h) / 2
            for nid in plan.edge:
                w, h = self.node_size(nid)
                self.put_node(nid, x + plan.width - w / 2, ey)
                ey += h + ROW_GAP
        if plan.strip:
            srect = Rect(x + PAD, y + plan.top_band + plan.body_h + GAP / 2, plan.inner_w,
                         plan.strip_h)
            self.put_group(plan.strip, srect)
            self.flow(plan.strip.nodes, 99, srect.x + PAD,
                      srect.y + self.title(plan.strip)[2] + PAD, plan.inner_w - 2 * PAD,
                      max_width=plan.strip_max)

    def _place_spans(self, plan: VpcPlan, inner_x: float, top: float) -> None:
        """Each tier's spanning nodes in the band at its foot, side by side, centred across
        the subnets they are drawn over (the AZ line between them, as AWS draws it), and
        inside the VPC when they are wider than those subnets."""
        for t in plan.tiers:
            nids = plan.spans.get(t, [])
            if nids:
                boxes = [self.groups[f"g_{s}"].rect for n in nids
                         for s in self.scene.nodes[n].span if f"g_{s}" in self.groups]
                left = min(b.x for b in boxes)
                right = max(b.right for b in boxes)
                w, h = self.flow(nids, 99)
                start = min(max(left + (right - left - w) / 2, inner_x),
                            inner_x + plan.inner_w - w)
                self.flow(nids, 99, start, top + plan.row_h[t] - plan.band[t], w)
            top += plan.row_h[t] + TIER_GAP

    def _place_az_column(self, az: Group, plan: VpcPlan, x: float, top: float) -> None:
        """The subnets of one AZ, tier row by tier row; the last subnet of a cell fills it."""
        for t in plan.tiers:
            cell = plan.cells[(az.id, t)]
            sy = top
            for k, subnet in enumerate(cell):
                h = self.subnet_size(subnet)[1]
                if k == len(cell) - 1:
                    h = top + plan.row_h[t] - sy
                band = plan.band.get(t, 0.0) if k == len(cell) - 1 else 0.0
                self.put_subnet(subnet, Rect(x, sy, plan.col_w[az.id], h), band)
                sy += h + GAP / 2
            top += plan.row_h[t] + TIER_GAP
