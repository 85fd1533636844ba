"""``archdoc discover``: a model from a live account, read through the same read-only layer as
drift (allow-listed calls only). It starts from the VPCs (``--vpc``, else every VPC of the
region but the default ones) and follows what references them; the account's answers are
turned into :class:`Found` resources and go through the importers' resolver, so containment,
glue and flows are resolved as for a template. Each resource gets the ``aws:`` locator drift
finds it by (its id, ARN or name), so ``archdoc drift`` on the result is in sync."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collect import read_account
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, make_session
from archdoc.importing import Found, Notes, kebab
from archdoc.importing.discover_apps import applications
from archdoc.importing.discover_data import regional
from archdoc.importing.discover_network import WHERE, network
from archdoc.importing.discover_services import services


def discover(*, vpcs: list[str], region: str | None, profile: str | None,
             role_arn: str | None) -> tuple[list[Found], Notes, str, str]:
    """The account's resources as found, the notes, the region and the account's id."""
    from archdoc.drift.registry import collectors

    session, chosen = make_session(profile, region, role_arn)
    reader = AwsReader(session, chosen, collectors())
    scope = Scope(vpc_ids=lambda listed, _: _vpc_ids(listed, vpcs), every=True)
    snapshot = read_account(reader, scope)
    notes = Notes()
    for service, problem in sorted(snapshot.unreadable.items()):
        notes.warn(WHERE, f"{service} could not be read ({problem.reason}); its resources "
                          "are not in the model")
    found = network(snapshot)
    found += services(snapshot, found, whole_region=not vpcs)
    subnets = {f.physical["id"] for f in found if f.type == "AWS::EC2::Subnet"}
    found += applications(snapshot, subnets, whole_region=not vpcs)
    if not vpcs:  # the whole region: what lives in no VPC too
        found += regional(snapshot)
    _unique_keys(found)
    return found, notes, chosen, snapshot.identity.account


def _unique_keys(found: list[Found]) -> None:
    """Names are unique per type, not across types (a service and its task definition are
    both ``web``): the second takes its type's name (``web-task-definition``)."""
    taken: set[str] = set()
    for f in found:
        key = f.key
        if key in taken:
            key = f"{f.key}-{kebab(f.type.split('::')[-1])}"
        while key in taken:
            key += "-2"
        taken.add(key)
        f.key = key


def _vpc_ids(listed: list[dict[str, Any]], asked: list[str]) -> list[str]:
    """The VPCs asked for (by id or Name tag), else every one but the region's default."""
    if asked:
        return [v["VpcId"] for v in listed if v["VpcId"] in asked or
                any(t.get("Value") in asked for t in v.get("Tags") or []
                    if t.get("Key") == "Name")]
    return [v["VpcId"] for v in listed if not v.get("IsDefault")]


__all__ = ["discover"]
