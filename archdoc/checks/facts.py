"""Facts rules share: which route table a subnet uses, what is public, who is behind an ALB."""

from __future__ import annotations

from archdoc.model import Architecture
from archdoc.model.resources import (
    Alb,
    InternetGateway,
    NatGateway,
    RouteTable,
    SecurityGroupRule,
    Subnet,
    TargetGroup,
)
from archdoc.model.types import port_bounds

WORLD = ("0.0.0.0/0", "::/0")


def route_table_of(model: Architecture, subnet: str | None) -> str | None:
    return model.index.route_table_of(subnet) if subnet else None


def is_public(model: Architecture, subnet: str) -> bool:
    """The subnet's route table routes to an internet gateway (its ``public`` flag when no
    route table of the model is associated with it)."""
    table = route_table_of(model, subnet)
    if table is None:
        return model.get(subnet, Subnet).public
    return any(isinstance(model.resources[r.target], InternetGateway)
               for r in model.get(table, RouteTable).routes)


def default_route_target(model: Architecture, subnet: str) -> str | None:
    table = route_table_of(model, subnet)
    if table is None:
        return None
    return next((r.target for r in model.get(table, RouteTable).routes
                 if r.destination in WORLD), None)


def open_to_world(rule: SecurityGroupRule) -> bool:
    return rule.cidr in WORLD


def covers(rule: SecurityGroupRule, port: int) -> bool:
    if rule.protocol == "all":
        return True
    if rule.protocol not in ("tcp",):
        return False
    bounds = port_bounds(rule.port)
    return bounds is None or bounds[0] <= port <= bounds[1]


def target_groups_of(alb: Alb) -> set[str]:
    groups = set()
    for listener in alb.listeners:
        for action in [listener.default_action, *(r.action for r in listener.rules)]:
            if action.target_group:
                groups.add(action.target_group)
    return groups


def albs_in_front_of(model: Architecture, rid: str) -> list[str]:
    """ALBs that forward to a target group holding ``rid``."""
    return _fronts(model).get(rid, [])


def _fronts(model: Architecture) -> dict[str, list[str]]:
    """Target id -> the ALBs forwarding to a target group holding it (built once a model)."""
    cached: dict[str, list[str]] | None = getattr(model.index, "fronts", None)
    if cached is None:
        cached = {}
        for alb_id, alb in model.all_of(Alb).items():
            for target in sorted({t for group in target_groups_of(alb)
                                  for t in model.get(group, TargetGroup).targets}):
                cached.setdefault(target, []).append(alb_id)
        model.index.fronts = cached  # type: ignore[attr-defined]
    return cached


def nat_is_public(model: Architecture, nat: str) -> bool:
    gateway = model.resources[nat]
    return isinstance(gateway, NatGateway) and gateway.subnet is not None and \
        is_public(model, gateway.subnet)
