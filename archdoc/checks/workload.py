"""Instances and identities: IMDSv2, Session Manager instead of SSH, least privilege."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources import Ec2Instance, IamRole
from archdoc.text import say

BROAD_POLICIES = ("AdministratorAccess", "PowerUserAccess")
SSM_CORE = "AmazonSSMManagedInstanceCore"


def imdsv2_required(model: Architecture) -> Iterator[Outcome]:
    for rid, inst in model.all_of(Ec2Instance).items():
        if inst.imdsv2:
            yield Outcome(rid, True, say("{rid} requires IMDSv2 tokens", rid=rid), (), (rid,))
        else:
            yield Outcome(rid, False, say("{rid} allows IMDSv1 (imdsv2: false)", rid=rid),
                          ("imdsv2",), (rid,))


def session_manager_not_ssh(model: Architecture) -> Iterator[Outcome]:
    for rid, inst in model.all_of(Ec2Instance).items():
        role = inst.instance_profile_role
        involves = (rid, role) if role else (rid,)
        policies = [p.rsplit("/", 1)[-1] for p in
                    (model.get(role, IamRole).managed_policies if role else [])]
        if inst.key_pair:
            yield Outcome(rid, False, say("{rid} has the SSH key pair '{key}'", rid=rid,
                                            key=inst.key_pair), ("key_pair",), involves)
        elif SSM_CORE not in policies:
            yield Outcome(rid, False, say("{rid}'s role has no {policy}: Session Manager cannot "
                                            "reach it", rid=rid, policy=SSM_CORE),
                          ("instance_profile_role",), involves)
        else:
            yield Outcome(rid, True, say("{rid} has no SSH key; Session Manager reaches it "
                                           "through {role}", rid=rid, role=role), (), involves)


def _broad(policy: str) -> bool:
    name = policy.rsplit("/", 1)[-1]
    return name in BROAD_POLICIES or name.endswith("FullAccess")


def least_privilege(model: Architecture) -> Iterator[Outcome]:
    for rid, role in model.all_of(IamRole).items():
        broad = [(i, p) for i, p in enumerate(role.managed_policies) if _broad(p)]
        if broad:
            i, policy = broad[0]
            yield Outcome(rid, False, say("{rid} has the broad managed policy {policy}", rid=rid,
                                            policy=policy), ("managed_policies", i), (rid,))
            continue
        wildcard: tuple[str, tuple[Any, ...]] | None = None
        for i, inline in enumerate(role.inline_policies):
            for j, st in enumerate(inline.statements):
                if st.effect != "Allow":
                    continue
                action = next((a for a in st.actions if a == "*" or a.endswith(":*")), None)
                if action:
                    wildcard = (say("{rid}'s inline policy {policy} allows {action}", rid=rid,
                                    policy=inline.name, action=action),
                                ("inline_policies", i, "statements", j, "actions"))
                elif "*" in st.resources and not st.resource_ids:
                    wildcard = (say("{rid}'s inline policy {policy} allows {actions} on every "
                                    "resource (*)", rid=rid, policy=inline.name,
                                    actions=", ".join(st.actions)),
                                ("inline_policies", i, "statements", j))
                if wildcard:
                    break
            if wildcard:
                break
        if wildcard:
            yield Outcome(rid, False, wildcard[0], wildcard[1], (rid,))
        else:
            yield Outcome(rid, True, say("{rid} has no broad policy and no wildcard", rid=rid), (),
                          (rid,))
