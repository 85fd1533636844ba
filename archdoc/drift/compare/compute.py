"""EC2 instances and Session Manager."""

from __future__ import annotations

from typing import Any

from archdoc.drift.context import Diff, DriftContext, as_set, as_text, unresolved
from archdoc.drift.findings import Status
from archdoc.drift.live import LiveObject
from archdoc.model.resources import Ec2Instance, SsmSessionManager
from archdoc.text import say


def _role_of_profile(ctx: DriftContext, profile_arn: str) -> str | None:
    for role in ctx.data("iam")["roles"]:
        for profile in role.get("InstanceProfileList", []):
            if profile.get("Arn") == profile_arn:
                return str(role["RoleName"])
    return None


def _role(ctx: DriftContext, res: Ec2Instance, raw: dict[str, Any]) -> list[Diff]:
    profile = (raw.get("IamInstanceProfile") or {}).get("Arn")
    if ctx.missing(res.instance_profile_role):
        return []  # the role is reported MISSING
    expected = ctx.ref(res.instance_profile_role) if res.instance_profile_role \
        else say("(none)")
    if profile is None:
        actual = say("(none)")
    elif not ctx.readable("iam"):
        return [Diff(("instance_profile_role",), expected, profile,
                     say("IAM could not be read: the profile's role is unknown"),
                     status=Status.UNKNOWN)]
    else:
        actual = _role_of_profile(ctx, profile) or say("{profile} (no role)", profile=profile)
    return [] if expected == actual else [Diff(("instance_profile_role",), expected, actual)]


def ec2_instance(ctx: DriftContext, rid: str, res: Ec2Instance, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(path: tuple[Any, ...], expected: Any, actual: Any, message: str = "") -> None:
        if expected != actual and not unresolved(expected):
            diffs.append(Diff(path, as_text(expected), as_text(actual), message))

    check(("subnet",), ctx.ref(res.subnet), raw.get("SubnetId"))
    groups = {g["GroupId"] for g in raw.get("SecurityGroups", [])}
    expected_groups = ctx.refs(res.security_groups)
    if groups != expected_groups:
        diffs.append(Diff(("security_groups",), as_set(ctx.show(g) for g in expected_groups),
                          as_set(ctx.show(g) for g in groups)))
    public = raw.get("PublicIpAddress")  # moto and AWS differ on the key's presence, not value
    check(("public_ip",), str(res.public_ip).lower(), "true" if public else "false",
          say("public IP {address}", address=public) if public else "")
    diffs += _role(ctx, res, raw)
    check(("key_pair",), res.key_pair or say("(none)"), raw.get("KeyName") or say("(none)"))
    options = raw.get("MetadataOptions", {})
    tokens = options.get("HttpTokens", "optional")
    check(("imdsv2",), "required" if res.imdsv2 else "optional", tokens,
          say("instance metadata tokens (IMDSv2)"))
    if "HttpPutResponseHopLimit" in options:
        check(("metadata_hop_limit",), res.metadata_hop_limit,
              options["HttpPutResponseHopLimit"])
    if res.instance_type:
        check(("instance_type",), res.instance_type, raw.get("InstanceType"))
    if res.ami:
        check(("ami",), res.ami, raw.get("ImageId"))
    state = raw.get("State", {}).get("Name")
    if state not in ("running", "pending"):
        diffs.append(Diff((), "running", str(state), say("instance not running"),
                          attribute="state"))
    return diffs


def ssm_session_manager(ctx: DriftContext, rid: str, res: SsmSessionManager,
                        live: LiveObject | None) -> list[Diff]:
    """Each target instance is registered with Systems Manager (else no session can open)."""
    registered = {i.get("InstanceId") for i in ctx.data("ssm")["instances"]}
    diffs = []
    for index, target in enumerate(res.targets):
        instance = ctx.live_id(target)
        if instance is None or target not in ctx.model.resources \
                or ctx.model.resources[target].kind != "ec2_instance":
            continue  # a missing instance is reported on itself; a group's instances vary
        if instance not in registered:
            diffs.append(Diff(("targets", index),
                              say("{instance} ({target}) registered", instance=instance,
                                  target=target),
                              say("not registered"),
                              say("instance not managed by Systems Manager")))
    return diffs
