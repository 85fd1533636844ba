"""Security groups: the exact rule set, compared as AWS applies it.

Each rule on either side is expanded to (protocol, from port, to port, peer); a rule missing
from the account and a rule the model does not have are both drift. A missing and an extra rule
on the same protocol and ports are one finding: the rule's peer changed.
"""

from __future__ import annotations

from typing import Any

from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.model.resources import SecurityGroup, SecurityGroupRule
from archdoc.model.types import port_bounds
from archdoc.text import say

Rule = tuple[str, int, int, str]  # protocol, from port, to port, peer

_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp"}


def _ports(protocol: str, low: int | None, high: int | None) -> tuple[int, int]:
    if protocol == "all":
        return -1, -1
    if low is None or high is None:
        return (0, 65535) if protocol in ("tcp", "udp") else (-1, -1)
    return low, high


def live_rules(permissions: list[dict[str, Any]]) -> set[Rule]:
    rules: set[Rule] = set()
    for perm in permissions:
        protocol = _PROTOCOLS.get(str(perm.get("IpProtocol")), str(perm.get("IpProtocol")))
        low, high = _ports(protocol, perm.get("FromPort"), perm.get("ToPort"))
        peers = ([r["CidrIp"] for r in perm.get("IpRanges", [])]
                 + [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]
                 + [p["GroupId"] for p in perm.get("UserIdGroupPairs", [])]
                 + [p["PrefixListId"] for p in perm.get("PrefixListIds", [])])
        rules.update((protocol, low, high, peer) for peer in peers)
    return rules


def model_rule(ctx: DriftContext, rule: SecurityGroupRule) -> Rule:
    bounds = port_bounds(rule.port)
    low, high = _ports(rule.protocol, *(bounds or (None, None)))
    if rule.security_group:
        peer = ctx.ref(rule.security_group)
    else:
        peer = str(rule.cidr or rule.prefix_list)
    return rule.protocol, low, high, peer


def show_rule(ctx: DriftContext, rule: Rule, direction: str) -> str:
    protocol, low, high, peer = rule
    if protocol == "all":
        what = "all traffic"
    elif low == high:
        what = f"{protocol} {low}" if low >= 0 else protocol
    elif (low, high) == (0, 65535):
        what = f"{protocol} all ports"
    else:
        what = f"{protocol} {low}-{high}"
    return f"{what} {'from' if direction == 'ingress' else 'to'} {ctx.show(peer)}"


def _compare(ctx: DriftContext, direction: str, model: list[SecurityGroupRule],
             actual: set[Rule], written: bool) -> list[Diff]:
    expected: dict[Rule, int] = {}
    for index, written_rule in enumerate(model):
        if ctx.missing(written_rule.security_group):
            continue  # its peer group is reported MISSING
        expected.setdefault(model_rule(ctx, written_rule), index)
    missing = [r for r in expected if r not in actual]
    extra = sorted(actual - set(expected))
    diffs: list[Diff] = []
    inbound = direction == "ingress"
    # an omitted egress is AWS's default rule; its findings point at the group
    list_path: tuple[Any, ...] = (direction,) if written else ()
    for rule in missing:
        changed = next((x for x in extra if x[:3] == rule[:3]), None)
        path = (direction, expected[rule]) if written else ()
        if changed is not None:
            extra.remove(changed)
            diffs.append(Diff(path, show_rule(ctx, rule, direction),
                              show_rule(ctx, changed, direction),
                              say("inbound rule's peer changed") if inbound
                              else say("outbound rule's peer changed"), attribute=direction))
        else:
            diffs.append(Diff(path, show_rule(ctx, rule, direction), say("(absent)"),
                              say("inbound rule missing") if inbound
                              else say("outbound rule missing"), attribute=direction))
    for rule in extra:
        diffs.append(Diff(list_path, say("(absent)"), show_rule(ctx, rule, direction),
                          say("inbound rule not in the model") if inbound
                          else say("outbound rule not in the model"), attribute=direction))
    return diffs


def security_group(ctx: DriftContext, rid: str, res: SecurityGroup, live: LiveObject
                   ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    if res.vpc is not None and not ctx.missing(res.vpc) and ctx.ref(res.vpc) != raw.get("VpcId"):
        diffs.append(Diff(("vpc",), ctx.ref(res.vpc), str(raw.get("VpcId"))))
    diffs += _compare(ctx, "ingress", res.ingress, live_rules(raw.get("IpPermissions", [])),
                      True)
    diffs += _compare(ctx, "egress", res.effective_egress,
                      live_rules(raw.get("IpPermissionsEgress", [])), res.egress is not None)
    return diffs
