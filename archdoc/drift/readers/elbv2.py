"""Elastic Load Balancing v2: application load balancers and target groups."""

from __future__ import annotations

from collections.abc import Callable

from archdoc.aws import elbv2
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import balancing
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader


def _balancers(kind: str) -> Callable[[Snapshot], list[LiveObject]]:
    """The load balancers of one type: ``application`` or ``network``."""
    def adapter(snapshot: Snapshot) -> list[LiveObject]:
        data = snapshot.data["elbv2"]
        return [LiveObject(raw["LoadBalancerArn"], raw, arn=raw["LoadBalancerArn"],
                           name=raw["LoadBalancerName"], tags=data["tags"].get(
                               raw["LoadBalancerArn"], {}))
                for raw in data["load_balancers"] if raw.get("Type", "application") == kind]
    return adapter


def _target_groups(snapshot: Snapshot) -> list[LiveObject]:
    data = snapshot.data["elbv2"]
    return [LiveObject(raw["TargetGroupArn"], raw, arn=raw["TargetGroupArn"],
                       name=raw["TargetGroupName"], tags=data["tags"].get(
                           raw["TargetGroupArn"], {}))
            for raw in data["target_groups"]]


READERS = {
    # a listener's certificate that no longer exists is found through ACM
    "alb": KindReader(elbv2, balancing.alb, _balancers("application"),
                      natural_name=lambda rid, res: rid, unmanaged=True, also_reads=("acm",)),
    "nlb": KindReader(elbv2, balancing.nlb, _balancers("network"),
                      natural_name=lambda rid, res: rid, unmanaged=True, also_reads=("acm",)),
    "target_group": KindReader(elbv2, balancing.target_group, _target_groups,
                               natural_name=lambda rid, res: rid),
}
