"""Step 3 of the scene: flows become edges, drawn as the network carries them.

A flow between resources drawn in several AZs is drawn within each AZ (ALB in AZ a to the
instances in AZ a), never across AZs. A flow to a Multi-AZ database goes to its primary, and
the primary is linked to its standby by a replication line. A flow from outside the cloud
(users) to a resource in a VPC with an internet gateway passes the gateway, as the traffic does.
"""

from __future__ import annotations

from archdoc.layout.scene import Edge, Node
from archdoc.model import Architecture
from archdoc.text import text


def _vpc_of(model: Architecture, node: Node) -> str | None:
    subnet = node.subnet or (node.span[0] if node.span else None)
    if subnet is None:
        return None
    return getattr(model.resources.get(subnet), "vpc", None)


def connect(model: Architecture, nodes: dict[str, Node], node_of: dict[str, list[str]]
            ) -> list[Edge]:
    # node id -> AZ, for nodes in a subnet: the placement chose it (an RDS standby's AZ too)
    az_of = {nid: node.az for nid, node in nodes.items() if node.az is not None}
    gateway = {getattr(model.resources[node.resources[0]], "vpc", None): nid
               for nid, node in nodes.items() if node.kind == "internet_gateway"}

    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()

    def add(tail: str, head: str, label: str, flow: int, style: str = "") -> bool:
        if tail == head or (tail, head) in seen:
            return False
        seen.add((tail, head))
        edges.append(Edge(f"e{len(edges)}", tail, head, label, flow, style))
        return True

    for i, flow in enumerate(model.flows):
        tails = node_of.get(flow.from_, [])
        # a flow to a Multi-AZ database reaches its primary, never its standby
        heads = [h for h in node_of.get(flow.to, []) if nodes[h].role != "standby"]
        if not tails or not heads:
            continue
        pairs: list[tuple[str, str]] = []
        for head in heads:
            same_az = [t for t in tails if az_of.get(t) and az_of.get(t) == az_of.get(head)]
            if same_az:
                pairs.append((same_az[0], head))
            elif az_of.get(head) is None or len(heads) == 1 or len(tails) == 1:
                pairs.append((tails[0], head))
        for tail in tails:  # a tail copy with no head in its AZ still shows where it sends
            if not any(t == tail for t, _ in pairs) and len(heads) == 1 and \
                    az_of.get(heads[0]) is None:
                pairs.append((tail, heads[0]))
        labelled = False
        for tail, head in pairs:
            label = "" if labelled else flow.text
            via = gateway.get(_vpc_of(model, nodes[head])) \
                if nodes[tail].where == "outside" else None
            if via is not None and via not in (tail, head):
                # in through the internet gateway: the label on the way in
                added = add(tail, via, label, i)
                add(via, head, "", i)
            else:
                added = add(tail, head, label, i)
            labelled = labelled or (added and bool(label))
    for nids in node_of.values():
        primary = [n for n in nids if nodes[n].role == "primary"]
        for standby in (n for n in nids if nodes[n].role == "standby"):
            if primary:
                add(primary[0], standby, text("replication", model.language), -1,
                    "replication")
    return edges
