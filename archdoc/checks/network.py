"""Network exposure: what the internet can reach, and how private instances reach out."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.facts import (
    albs_in_front_of,
    covers,
    default_route_target,
    is_public,
    nat_is_public,
    open_to_world,
    route_table_of,
)
from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources import (
    Alb,
    AutoScalingGroup,
    Ec2Instance,
    LambdaFunction,
    NatGateway,
    RdsInstance,
    SecurityGroup,
    VpcEndpoint,
)
from archdoc.text import say


def _unplaced(rid: str) -> Outcome:
    return Outcome(rid, None, say("{rid} has no subnet in the model", rid=rid), (), (rid,))


def instance_not_public(model: Architecture) -> Iterator[Outcome]:
    for rid, inst in model.all_of(Ec2Instance).items():
        if inst.subnet is None:
            yield _unplaced(rid)
            continue
        table = route_table_of(model, inst.subnet)
        involves = (rid, inst.subnet) + ((table,) if table else ())
        if inst.public_ip:
            yield Outcome(rid, False, say("{rid} has a public IP", rid=rid), ("public_ip",),
                          involves)
        elif is_public(model, inst.subnet):
            yield Outcome(rid, False, say("{rid} is in {subnet}, whose route table routes to an "
                                            "internet gateway", rid=rid, subnet=inst.subnet),
                          ("subnet",), involves)
        else:
            yield Outcome(rid, True, say("{rid} has no public IP and no route to an internet "
                                           "gateway", rid=rid), (), involves)


def _in_groups(model: Architecture) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Security group -> the kinds of resource using it (those a rule judges by), and the ids
    of every resource in it: one pass for all groups."""
    users: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    judged = (Alb, Ec2Instance, AutoScalingGroup, LambdaFunction, RdsInstance, VpcEndpoint)
    for rid, res in model.resources.items():
        for group in getattr(res, "security_groups", []):
            members.setdefault(group, set()).add(rid)
            if isinstance(res, judged):
                users.setdefault(group, set()).add(res.kind)
    return users, members


def world_only_on_load_balancer(model: Architecture) -> Iterator[Outcome]:
    users, members = _in_groups(model)
    for rid, group in model.all_of(SecurityGroup).items():
        worldwide = [(i, r) for i, r in enumerate(group.ingress) if open_to_world(r)]
        if not worldwide:
            yield Outcome(rid, True, say("{rid} accepts nothing from the internet", rid=rid), (),
                          (rid,))
            continue
        kinds = users.get(rid, set())
        involves = (rid, *sorted(members.get(rid, ())))
        if kinds - {"alb"}:
            yield Outcome(rid, False, say("{rid} accepts traffic from {cidr} and is used by "
                                          "{kinds}, not only by a load balancer", rid=rid,
                                            cidr=worldwide[0][1].cidr,
                                            kinds=", ".join(sorted(kinds - {"alb"}))),
                          ("ingress", worldwide[0][0]), involves)
            continue
        wrong = [(i, r) for i, r in worldwide if r.protocol != "tcp" or r.port not in ("80",
                                                                                      "443")]
        if wrong:
            i, r = wrong[0]
            yield Outcome(rid, False, say("{rid} accepts {protocol} {port} from {cidr}; a load "
                                            "balancer needs only 80 and 443", rid=rid,
                                            protocol=r.protocol,
                                            port=r.port or say("all ports"), cidr=r.cidr),
                          ("ingress", i), involves)
        else:
            yield Outcome(rid, True, say("{rid} is open to the internet only on 80/443, for a "
                                           "load balancer", rid=rid), (), involves)


def no_remote_admin_from_anywhere(model: Architecture) -> Iterator[Outcome]:
    for rid, group in model.all_of(SecurityGroup).items():
        bad = [(i, r, port) for i, r in enumerate(group.ingress) for port in (22, 3389)
               if open_to_world(r) and covers(r, port)]
        if bad:
            i, r, port = bad[0]
            name = "SSH" if port == 22 else "RDP"
            yield Outcome(rid, False, say("{rid} allows {name} ({port}) from {cidr}", rid=rid,
                                            name=name, port=port, cidr=r.cidr),
                          ("ingress", i), (rid,))
        else:
            yield Outcome(rid, True, say("{rid} allows no SSH or RDP from anywhere", rid=rid), (),
                          (rid,))


def instance_only_from_load_balancer(model: Architecture) -> Iterator[Outcome]:
    for rid, inst in model.all_of(Ec2Instance).items():
        albs = albs_in_front_of(model, rid)
        if not albs:
            continue
        allowed = {g for a in albs for g in model.get(a, Alb).security_groups}
        involves = (rid, *inst.security_groups, *albs, *sorted(allowed))
        bad = [(g, i, r) for g in inst.security_groups
               for i, r in enumerate(model.get(g, SecurityGroup).ingress)
               if r.security_group not in allowed]
        if bad:
            group, i, rule = bad[0]
            peer = rule.security_group or rule.cidr or rule.prefix_list
            yield Outcome(rid, False, say("{rid} accepts traffic from {peer} (through {group}), "
                                          "not only from its load balancer's group", rid=rid,
                                            peer=peer, group=group),
                          ("security_groups",), involves)
        elif not inst.security_groups:
            yield Outcome(rid, False, say("{rid} has no security group of its own", rid=rid),
                          ("security_groups",), involves)
        else:
            yield Outcome(rid, True, say("{rid} accepts traffic only from {groups}", rid=rid,
                                           groups=", ".join(sorted(allowed))), (), involves)


def private_egress_through_nat(model: Architecture) -> Iterator[Outcome]:
    for rid, inst in model.all_of(Ec2Instance).items():
        if inst.subnet is None:
            yield _unplaced(rid)
            continue
        if inst.public_ip or is_public(model, inst.subnet):
            continue  # AD-NET-001's concern
        target = default_route_target(model, inst.subnet)
        table = route_table_of(model, inst.subnet)
        involves = tuple(x for x in (rid, inst.subnet, table, target) if x)
        if target is None:
            yield Outcome(rid, True, say("{rid} has no route to the internet at all", rid=rid),
                          (), involves)
        elif not isinstance(model.resources[target], NatGateway):
            yield Outcome(rid, False, say("{rid}'s default route goes to {target}, not a NAT "
                                            "gateway", rid=rid, target=target),
                          ("subnet",), involves)
        elif not nat_is_public(model, target):
            yield Outcome(rid, False, say("{rid} reaches out through {target}, which is not in a "
                                            "public subnet", rid=rid, target=target),
                          ("subnet",), involves)
        else:
            yield Outcome(rid, True, say("{rid} reaches the internet only outbound, through "
                                           "{target}", rid=rid, target=target), (), involves)
