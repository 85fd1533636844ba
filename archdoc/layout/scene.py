"""What the diagram shows, independent of any output format: nested groups, nodes and edges.

AWS Cloud > Region > VPC > Availability Zone > subnet, as AWS draws it. Users stand outside the
cloud; global services (Route 53, IAM, CloudFront) inside the cloud but outside the region;
regional services (ACM, S3, Session Manager) in the region but outside the VPC. A resource in
several subnets appears in each. ``archdoc.layout.build_scene`` builds it in three steps:
:mod:`place` (which group), :mod:`collapse` (many like resources become one node),
:mod:`connect` (flows become edges).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from archdoc.kinds import Where

# How a group is drawn (its colours and icon): the AWS group styles, and archdoc's strip of
# VPC-wide resources.
GroupStyle = Literal["cloud", "region", "vpc", "az", "public_subnet", "private_subnet",
                     "vpc_wide"]


@dataclass
class Node:
    id: str
    kind: str
    label: str
    resources: list[str]  # model ids this node stands for (one, or a collapsed group)
    copy: int = 0  # 0 for the primary drawing of a resource, 1.. for its other subnets
    where: Where = "subnets"  # the placement (see ``archdoc.kinds.Placement``)
    subnet: str | None = None  # the subnet this copy is drawn in, for nodes in a subnet
    az: str | None = None  # ... and that subnet's Availability Zone
    role: str = ""  # text key naming the copy ("primary", "standby"), or ""
    span: tuple[str, ...] = ()  # for a node drawn once across subnets: those subnets
    boundary: str = ""  # the security groups round it (names), drawn as a red boundary
    security_groups: tuple[str, ...] = ()  # ... and their model ids

    @property
    def tooltip(self) -> str:
        return ", ".join(self.resources)


@dataclass
class Group:
    id: str
    style: GroupStyle
    label: str
    resource: str | None = None  # the model id, for a VPC or subnet
    groups: list[Group] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    tier: str | None = None  # subnets: the row they are drawn in
    tiers: list[str] = field(default_factory=list)  # VPCs: their tier rows, top to bottom
    az: str | None = None  # AZ groups and subnets: the zone's name

    def walk(self) -> Iterator[Group]:
        yield self
        for child in self.groups:
            yield from child.walk()


@dataclass
class Edge:
    id: str
    tail: str
    head: str
    label: str
    flow: int  # index into the model's flows (-1: drawn by archdoc, as replication)
    style: str = ""  # "replication": a Multi-AZ database's primary to its standby


@dataclass
class Scene:
    nodes: dict[str, Node]
    outside: list[str]  # node ids outside every group (users)
    root: Group  # the AWS Cloud group
    edges: list[Edge]
    node_of: dict[str, list[str]]  # resource id -> its node ids (copies included)
    language: str = "en"
    dimmed: set[str] = field(default_factory=set)  # node ids drawn faded (context, not focus)
    marked: set[str] = field(default_factory=set)  # node ids drawn as a warning (live drift)
    # ``build --since``: node and edge ids -> added, removed or changed
    changes: dict[str, str] = field(default_factory=dict)
    edge_changes: dict[str, str] = field(default_factory=dict)

    def groups(self) -> Iterator[Group]:
        return self.root.walk()


def mark(scene: Scene, notes: dict[str, str]) -> None:
    """Draw each node standing for a resource in ``notes`` (model id -> note) as a warning,
    the note under its label (before layout, so the label is sized with it)."""
    for nid, node in scene.nodes.items():
        said = list(dict.fromkeys(notes[r] for r in node.resources if r in notes))
        if said:
            node.label = "\n".join([node.label, *said])
            scene.marked.add(nid)
        # a security group is no node of its own: its boundary round each member says it
        said = list(dict.fromkeys(notes[g] for g in node.security_groups if g in notes))
        if said and node.boundary:
            node.boundary = "\n".join([node.boundary, *said])
