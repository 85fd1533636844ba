"""Step 3 of the scene: flows become edges. A flow between resources drawn in several AZs is
drawn within each AZ (ALB in AZ a to the instances in AZ a), never across AZs."""

from __future__ import annotations

from archdoc.layout.scene import Edge, Node
from archdoc.model import Architecture


def connect(model: Architecture, nodes: dict[str, Node], node_of: dict[str, list[str]]
            ) -> list[Edge]:
    # node id -> AZ, for nodes in a subnet: the placement chose it (an RDS standby's AZ too)
    az_of = {nid: node.az for nid, node in nodes.items() if node.az is not None}

    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    for i, flow in enumerate(model.flows):
        tails = node_of.get(flow.from_, [])
        heads = node_of.get(flow.to, [])
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
            if tail == head or (tail, head) in seen:
                continue
            seen.add((tail, head))
            label = "" if labelled else flow.text
            labelled = labelled or bool(label)
            edges.append(Edge(f"e{len(edges)}", tail, head, label, i))
    return edges
