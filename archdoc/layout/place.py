"""Step 1 of the scene: the groups (cloud, region, VPCs, AZs, subnets) and where each resource
goes, as the kind registry says."""

from __future__ import annotations

from dataclasses import dataclass

from archdoc.kinds import Placement, Where, kind_of
from archdoc.layout.scene import Group, GroupStyle
from archdoc.model import Architecture
from archdoc.model.resources import ResourceBase, RouteTable, Subnet, Vpc
from archdoc.text import text

# Default tiers when a subnet names none: public first, then private subnets that reach the
# internet through a NAT gateway (app), then the others (data).
DEFAULT_TIERS = ("public", "private", "isolated")


@dataclass(frozen=True)
class Slot:
    """One drawing of a resource: the group it is drawn in (None: outside the cloud), how it
    sits there, which copy it is, and for a copy in a subnet, that subnet and its AZ."""

    resource: str
    group: Group | None
    where: Where
    copy: int = 0
    role: str = ""  # text key naming the copy ("primary", "standby"), or ""
    subnet: str | None = None
    az: str | None = None
    span: tuple[str, ...] = ()  # ``where == "span"``: the subnets it is drawn across


@dataclass
class Placed:
    root: Group  # the cloud
    slots: list[Slot]


def subnet_tiers(model: Architecture) -> dict[str, tuple[int, str]]:
    """Subnet id -> (rank, tier name). Same tier, same row in every AZ."""
    via_nat: set[str] = set()
    for table in model.all_of(RouteTable).values():
        if any(model.resources[rt.target].kind == "nat_gateway" for rt in table.routes):
            via_nat.update(table.subnets)
    tiers: dict[str, tuple[int, str]] = {}
    for sid, subnet in model.all_of(Subnet).items():
        default = 0 if subnet.public else (1 if sid in via_nat else 2)
        tiers[sid] = (default, subnet.tier or DEFAULT_TIERS[default])
    return tiers


def place(model: Architecture) -> Placed:
    lang = model.language
    cloud = Group("g_cloud", "cloud", text("aws_cloud", lang))
    regions: dict[str, Group] = {}

    def region_group(name: str | None) -> Group:
        """The region's box, made on first use, the model's own region first."""
        name = name or model.region
        if name not in regions:
            gid = "g_region" if name == model.region else f"g_region_{name}"
            regions[name] = Group(gid, "region", text("region", lang, region=name))
            cloud.groups.append(regions[name])
        return regions[name]

    region_group(model.region)  # the model's own region comes first, even if empty
    tiers = subnet_tiers(model)
    vpcs: dict[str, Group] = {}
    for vid, vpc in model.all_of(Vpc).items():
        title = model.label(vid) + (f" ({vpc.cidr})" if vpc.cidr else "")
        vpcs[vid] = Group(f"g_{vid}", "vpc", title, resource=vid)
        region_group(vpc.region).groups.append(vpcs[vid])
    subnets: dict[str, Group] = {}
    azs: dict[tuple[str, str], Group] = {}
    all_subnets = model.all_of(Subnet)
    for sid in sorted(all_subnets, key=lambda s: (all_subnets[s].az, tiers[s][0])):
        subnet = all_subnets[sid]
        key = (subnet.vpc, subnet.az)
        if key not in azs:
            azs[key] = Group(f"g_az_{subnet.vpc}_{subnet.az}", "az",
                             text("availability_zone", lang, az=subnet.az),
                             az=subnet.az)
            vpcs[subnet.vpc].groups.append(azs[key])
        style: GroupStyle = "public_subnet" if subnet.public else "private_subnet"
        title = model.label(sid) + (f"  {subnet.cidr}" if subnet.cidr else "")
        subnets[sid] = Group(f"g_{sid}", style, title, resource=sid, tier=tiers[sid][1],
                             az=subnet.az)
        azs[key].groups.append(subnets[sid])
    # Tier rows: by default rank, then by first appearance in the model (the author's order).
    first_seen: dict[str, tuple[int, int]] = {}
    for position, (rank, tier) in enumerate(tiers.values()):
        first_seen.setdefault(tier, (rank, position))
    for vid, vpc_group in vpcs.items():
        names = {tiers[s][1] for s, sub in model.all_of(Subnet).items()
                 if sub.vpc == vid}
        vpc_group.tiers = sorted(names, key=lambda t: first_seen[t])
        vpc_group.groups.sort(key=lambda g: g.az or "")  # AZ columns in zone order: a, b, c
        row = {t: i for i, t in enumerate(vpc_group.tiers)}
        for az_group in vpc_group.groups:  # subnets top to bottom in tier order
            az_group.groups.sort(key=lambda g: row[g.tier or ""])

    slots: list[Slot] = []
    for rid, res in model.resources.items():
        spot: Placement = kind_of(res.kind).placement(res, model)
        if spot.where in ("group", "hidden"):
            continue
        if spot.where == "outside":
            slots.append(Slot(rid, None, spot.where))
        elif spot.where == "global":
            slots.append(Slot(rid, cloud, spot.where))
        elif spot.where in ("regional", "between_vpcs"):
            slots.append(Slot(rid, region_group(_region_of(model, res, spot)), spot.where))
        elif spot.where == "vpc":
            slots.append(Slot(rid, _vpc_wide(vpcs[spot.vpc or ""], lang), spot.where))
        elif spot.where in ("vpc_border", "vpc_edge"):
            slots.append(Slot(rid, vpcs[spot.vpc or ""], spot.where))
        elif spot.where == "span":
            home = all_subnets[spot.subnets[0]].vpc
            slots.append(Slot(rid, vpcs[home], spot.where, span=spot.subnets))
        else:
            for copy, sid in enumerate(spot.subnets):
                role = spot.roles[copy] if copy < len(spot.roles) else ""
                slots.append(Slot(rid, subnets[sid], spot.where, copy, role, sid,
                                  all_subnets[sid].az))
    return Placed(cloud, slots)


def _region_of(model: Architecture, res: ResourceBase, spot: Placement) -> str:
    """A resource's region: its own, else the VPC it links (peering), else the model's."""
    if res.region:
        return res.region
    for attr in ("requester", "vpc"):
        vid = getattr(res, attr, None)
        if isinstance(vid, str) and vid in model.resources:
            return model.get(vid, Vpc).region or model.region
    return model.region


def _vpc_wide(vpc: Group, lang: str) -> Group:
    """The strip at the foot of a VPC for what serves the whole VPC (security groups, route
    tables, target groups); made when the first such resource is placed."""
    for group in vpc.groups:
        if group.style == "vpc_wide":
            return group
    # untitled and unframed: a row of icons, not a box that takes a fifth of the picture
    strip = Group(f"{vpc.id}_wide", "vpc_wide", "")
    vpc.groups.append(strip)
    return strip
