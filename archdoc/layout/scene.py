"""What the diagram shows, independent of any output format: nested groups, nodes and edges.

AWS Cloud > Region > VPC > Availability Zone > subnet, as AWS draws it. Users stand outside the
cloud; global services (Route 53, IAM, CloudFront) inside the cloud but outside the region;
regional services (ACM, S3, Session Manager) in the region but outside the VPC. A resource in
several subnets (an ALB) appears in each. Many like resources in one place with the same
connections collapse into one node ("EC2 instance × 40") so large models stay readable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from archdoc.layout.icons import kind_name
from archdoc.model import Architecture

GROUP_MIN = 4  # this many interchangeable resources in one place become one node

GLOBAL_KINDS = {"route53_zone", "route53_record", "iam_role", "cloudfront_distribution"}
VPC_LEVEL_KINDS = {"internet_gateway", "route_table", "security_group", "target_group",
                   "vpc_endpoint"}
MULTI_SUBNET_KINDS = {"alb", "autoscaling_group", "vpc_endpoint"}


@dataclass
class Node:
    id: str
    kind: str
    label: str
    resources: list[str]  # model ids this node stands for (one, or a collapsed group)
    copy: int = 0  # 0 for the primary drawing of a resource, 1.. for its other subnets

    @property
    def tooltip(self) -> str:
        return ", ".join(self.resources)


def highlighted(resources: list[str], highlight: set[str] | None) -> bool | None:
    """None when nothing is highlighted; else whether any of ``resources`` is."""
    return None if highlight is None else any(r in highlight for r in resources)


@dataclass
class Group:
    id: str
    style: str  # cloud | region | vpc | az | public_subnet | private_subnet
    label: str
    resource: str | None = None  # the model id, for a VPC or subnet
    groups: list[Group] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.groups:
            yield from child.walk()


@dataclass
class Edge:
    id: str
    tail: str
    head: str
    label: str
    flow: int  # index into the model's flows


@dataclass
class Scene:
    nodes: dict[str, Node]
    outside: list[str]  # node ids outside every group (users)
    root: Group  # the AWS Cloud group
    edges: list[Edge]
    node_of: dict[str, list[str]]  # resource id -> its node ids (copies included)

    def groups(self):
        return self.root.walk()


def build_scene(model: Architecture) -> Scene:
    """Place every resource of ``model`` in its group and connect the flows."""
    lang = model.language
    cloud = Group("g_cloud", "cloud", "AWS Cloud")
    region = Group("g_region", "region", f"Region: {model.region}" if lang == "en"
                   else f"리전: {model.region}")
    cloud.groups.append(region)
    vpcs: dict[str, Group] = {}
    subnets: dict[str, Group] = {}
    for vid in model.of_kind("vpc"):
        vpcs[vid] = Group(f"g_{vid}", "vpc", f"{model.label(vid)} ({model.resources[vid].cidr})",
                          resource=vid)
        region.groups.append(vpcs[vid])
    azs: dict[tuple[str, str], Group] = {}
    for sid, subnet in model.of_kind("subnet").items():
        key = (subnet.vpc, subnet.az)
        if key not in azs:
            zone = "Availability Zone" if lang == "en" else "가용 영역"
            azs[key] = Group(f"g_az_{len(azs)}", "az", f"{zone} {subnet.az}")
            vpcs[subnet.vpc].groups.append(azs[key])
        style = "public_subnet" if subnet.public else "private_subnet"
        subnets[sid] = Group(f"g_{sid}", style, f"{model.label(sid)}\n{subnet.cidr}", resource=sid)
        azs[key].groups.append(subnets[sid])
    for group in azs.values():  # AZs side by side in name order: a, b, c
        group.groups.sort(key=lambda g: (g.style != "public_subnet", g.id))
    for vpc in vpcs.values():
        vpc.groups.sort(key=lambda g: g.label)

    # Where each resource goes: (group or None for outside, copy index).
    placements: list[tuple[str, Group | None, int]] = []
    for rid, res in model.resources.items():
        kind = res.kind
        if kind in ("vpc", "subnet"):
            continue
        if kind == "users":
            placements.append((rid, None, 0))
        elif kind in GLOBAL_KINDS:
            placements.append((rid, cloud, 0))
        elif kind in VPC_LEVEL_KINDS and not (kind == "vpc_endpoint" and res.subnets):
            placements.append((rid, vpcs[res.vpc], 0))
        elif getattr(res, "subnet", None):
            placements.append((rid, subnets[res.subnet], 0))
        elif getattr(res, "subnets", None):
            where = res.subnets if kind in MULTI_SUBNET_KINDS else res.subnets[:1]
            placements += [(rid, subnets[s], i) for i, s in enumerate(where)]
        else:
            placements.append((rid, region, 0))

    flows = model.flows
    outs: dict[str, list] = defaultdict(list)
    ins: dict[str, list] = defaultdict(list)
    for f in flows:
        outs[f.from_].append((f.to, f.text))
        ins[f.to].append((f.from_, f.text))
    signature = {rid: (tuple(sorted(outs[rid])), tuple(sorted(ins[rid])))
                 for rid in model.resources}

    # Collapse interchangeable single-placed resources of one kind in one group.
    buckets: dict[tuple, list[str]] = defaultdict(list)
    multi = {rid for rid, _, copy in placements if copy > 0}
    for rid, group, _ in placements:
        if rid not in multi:
            gid = group.id if group else None
            buckets[(gid, model.resources[rid].kind, signature[rid])].append(rid)
    collapsed: dict[str, list[str]] = {}  # member -> all members; the first represents them
    for members in buckets.values():
        if len(members) >= GROUP_MIN:
            collapsed.update(dict.fromkeys(members, members))

    nodes: dict[str, Node] = {}
    outside: list[str] = []
    node_of: dict[str, list[str]] = defaultdict(list)
    for rid, group, copy in placements:
        members = collapsed.get(rid, [rid])
        nid = f"n_{members[0]}" + (f"_{copy}" if copy else "")
        if nid not in nodes:
            kind = model.resources[rid].kind
            label = (f"{kind_name(kind, lang)} × {len(members)}" if len(members) > 1
                     else model.label(rid))
            nodes[nid] = Node(nid, kind, label, members, copy)
            (group.nodes if group else outside).append(nid)
        node_of[rid].append(nid)

    edges: list[Edge] = []
    seen: set[tuple[str, str, str]] = set()
    for i, flow in enumerate(flows):
        for k, head in enumerate(node_of.get(flow.to, [])):
            tail = node_of[flow.from_][0]
            label = flow.text if k == 0 else ""  # a copy's edge carries no second label
            if (tail, head, label) in seen or tail == head:
                continue
            seen.add((tail, head, label))
            edges.append(Edge(f"e{len(edges)}", tail, head, label, i))
    return Scene(nodes, outside, cloud, edges, dict(node_of))
