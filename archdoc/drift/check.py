"""Compare a model with what was read from the account: the drift check itself (no AWS calls).

Two passes: every model resource is first located (so references compare as live ids), then
each is compared by its kind's comparer. Live resources in the model's VPCs that no model
resource located are UNMANAGED.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.aws.scope import Scope
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.findings import DriftReport, Finding, Status
from archdoc.drift.live import LiveObject, ec2_objects
from archdoc.drift.locate import Index, locate, natural_name, wanted
from archdoc.drift.reader import KindReader
from archdoc.drift.registry import not_read, reader
from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.kinds import REGISTRY
from archdoc.model import Architecture
from archdoc.text import say


def scope_of(model: Architecture, only: Collection[str] | None = None) -> Scope:
    """What the model needs read (of its resources ``only``, if given): its VPCs, the services
    its kinds are read through, and the names, ids and regions its resources are looked for
    by."""
    chosen = [(rid, res) for rid, res in model.resources.items() if only is None or rid in only]
    vpcs = [(rid, res) for rid, res in chosen if res.kind == "vpc"]

    def vpc_ids(raw_vpcs: list[dict[str, Any]], region: str) -> list[str]:
        live = ec2_objects(raw_vpcs, "VpcId", region, "vpc")
        return sorted({m.id for rid, res in vpcs for m in locate(rid, res, live)})

    names: dict[str, set[str]] = {}
    regions: dict[str, set[str]] = {}
    services: set[str] = set()
    by_tags: set[str] = set()
    for rid, res in chosen:
        read = reader(res.kind)
        if read is None:
            continue
        services.update((read.service, *read.also_reads))
        want = wanted(rid, res)
        found = names.setdefault(res.kind, set())
        found.update(x for x in (want.name, want.id, want.arn, natural_name(rid, res)) if x)
        if want.tags:
            by_tags.add(res.kind)
        regions.setdefault(res.kind, set()).add(getattr(res, "region", None) or model.region)
    return Scope(vpc_ids=vpc_ids,
                 wanted={kind: frozenset(found) for kind, found in names.items()},
                 regions={kind: frozenset(found) for kind, found in regions.items()},
                 services=frozenset(services), by_tags=frozenset(by_tags))


def _locate_all(ctx: DriftContext, only: Collection[str] | None) -> None:
    """Find every model resource of a read kind among the live ones; a locator that matches
    more than one is an error of the model (which one is meant?)."""
    model, snapshot = ctx.model, ctx.snapshot
    ambiguous: list[Diagnostic] = []
    live_of: dict[str, list[LiveObject]] = {}
    indexes: dict[str, Index] = {}

    def order(item: tuple[str, Any]) -> int:
        read = reader(item[1].kind)
        return read.order if read else 0

    for rid, res in sorted(model.resources.items(), key=order):
        if only is not None and rid not in only:
            continue
        read = reader(res.kind)
        if read is None or read.live is None or not snapshot.has(read.service):
            continue
        if res.kind not in live_of:
            live_of[res.kind] = read.live(snapshot)
        if read.candidates is not None:  # few: narrowed for this resource, then scanned
            matches = locate(rid, res, read.candidates(ctx, res, live_of[res.kind]))
        else:
            if res.kind not in indexes:
                indexes[res.kind] = Index(live_of[res.kind])
            matches = locate(rid, res, indexes[res.kind])
        if len(matches) == 1:
            ctx.located[rid] = matches[0]
        elif len(matches) > 1:
            where = model.where(("resources", rid, "aws")) or Location(model_file(model), 1, 1)
            shown = ", ".join(m.describe() for m in matches[:4])
            ambiguous.append(Diagnostic(
                where,
                f"the AWS locator of '{rid}' ({wanted(rid, res)}) matches {len(matches)} "
                f"live resources: {shown}; give its id (aws: {{id: ...}}) to pick one"))
    if ambiguous:
        raise ModelError(ambiguous)


def check(model: Architecture, snapshot: Snapshot, only: Collection[str] | None = None
          ) -> list[Finding]:
    """The findings of the model's resources (``only`` those, if given: the ones of the
    snapshot's region) and of the live ones in its VPCs that the model does not describe."""
    services = {k.name: read.service for k in REGISTRY if (read := reader(k.name)) is not None}
    ctx = DriftContext(model, snapshot, services)
    _locate_all(ctx, only)
    findings: list[Finding] = []
    for rid, res in model.resources.items():
        if only is None or rid in only:
            findings += _judge(ctx, rid, res)
    findings += unmanaged(ctx)
    return sorted(findings, key=Finding.sort_key)


def _judge(ctx: DriftContext, rid: str, res: Any) -> list[Finding]:
    read = reader(res.kind)
    if read is None:
        why = not_read(res.kind)
        if why is None or not why.aws:
            return []  # not an AWS resource: nothing to find
        return [ctx.finding(rid, res, Status.NOT_CHECKED, message=why.reason)]
    service = read.service
    if not ctx.snapshot.has(service):
        problem = ctx.snapshot.unreadable.get(service)
        reason = problem.reason if problem else say("{service} was not read", service=service)
        status = Status.NOT_CHECKED if problem is None or problem.not_available \
            else Status.UNKNOWN
        return [ctx.finding(rid, res, status,
                            message=say("{service}: {reason}", service=service, reason=reason))]
    live = ctx.located.get(rid)
    if read.live is not None and live is None:
        return [ctx.finding(rid, res, Status.MISSING,
                            message=say("no live resource matches {wanted}",
                                        wanted=wanted(rid, res)))]
    diffs = [_undecided(ctx, res, d) for d in read.compare(ctx, rid, res, live)]
    findings = [ctx.finding(rid, res, d.status, diff=d) for d in diffs]
    if not any(d.status is not Status.IN_SYNC for d in diffs):
        findings.insert(0, ctx.finding(rid, res, Status.IN_SYNC))
    return findings


def _undecided(ctx: DriftContext, res: Any, diff: Diff) -> Diff:
    """A difference in an attribute that names resources of a service that could not be read
    (throttled, denied) is not drift: the live ids they have are unknown, so the comparison
    is UNKNOWN, with the reason."""
    if diff.status not in (Status.DRIFTED, Status.MISSING):
        return diff
    value: Any = res
    for part in diff.path:
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    for ref in _ids_in(value):
        if ref not in ctx.model.resources:
            continue
        service = ctx.service_of(ref)
        if service and not ctx.readable(service):
            problem = ctx.snapshot.unreadable.get(service)
            reason = problem.reason if problem else say("{service} was not read",
                                                        service=service)
            return dataclasses.replace(diff, status=Status.UNKNOWN, message=say(
                "cannot compare: {ref} is read from {service}, which failed ({reason})",
                ref=ref, service=service, reason=reason))
    return diff


def _ids_in(value: Any) -> list[str]:
    """The strings of a model value: the resource ids it may name."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set):
        return [s for item in value for s in _ids_in(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _ids_in(item)]
    if hasattr(value, "model_dump"):
        return _ids_in(value.model_dump())
    return []


def _unmanaged_readers() -> list[tuple[str, KindReader]]:
    return [(k.name, read) for k in REGISTRY
            if (read := reader(k.name)) is not None and read.unmanaged]


def unmanaged(ctx: DriftContext) -> list[Finding]:
    """Live resources in the model's VPCs, of the kinds whose readers report them (instances,
    security groups, load balancers, NAT gateways, endpoints), that no model resource
    describes."""
    if not ctx.snapshot.has("ec2"):
        return []
    vpc_ids = set(ctx.data("ec2")["vpc_ids"])
    vpc_of = {obj.id: rid for rid, obj in ctx.located.items()
              if ctx.model.resources[rid].kind == "vpc"}
    found = {obj.id for obj in ctx.located.values()}
    findings = []
    for kind, read in _unmanaged_readers():
        if read.live is None or not ctx.snapshot.has(read.service):
            continue
        for obj in read.live(ctx.snapshot):
            vpc = str(obj.raw.get("VpcId"))
            if obj.id in found or vpc not in vpc_ids:
                continue  # described, or outside the model's VPCs (moto's default VPC too)
            if read.ignore is not None and read.ignore(obj):
                continue  # made by AWS itself
            model_vpc = vpc_of.get(vpc, vpc)
            location = ctx.where(("resources", model_vpc)) if model_vpc in ctx.model.resources \
                else None
            findings.append(Finding(Status.UNMANAGED, obj.name or obj.id, kind, obj.id,
                                    message=say("in {vpc} but not in the model", vpc=model_vpc),
                                    location=location))
    return findings


def model_file(model: Architecture) -> str:
    return model.source.file if model.source else "<model>"


def regions_to_read(model: Architecture, primary: str) -> dict[str, list[str]]:
    """Region -> the model's resources read there, the primary region first. A resource is
    read in its own region, except those of a kind read from anywhere (global services,
    S3's ListBuckets, ACM's certificates of every region), which are read with the primary."""
    chosen: dict[str, list[str]] = {primary: []}
    for rid, res in model.resources.items():
        read = reader(res.kind)
        region = primary if read is None or read.any_region else (res.region or primary)
        chosen.setdefault(region, []).append(rid)
    return chosen


def report(model: Architecture, reads: list[tuple[Snapshot, list[str]]],
           calls: dict[str, int], seconds: float) -> DriftReport:
    """One report of the reads of every region (the first is the primary one)."""
    first = reads[0][0]
    findings = [f for snapshot, only in reads for f in check(model, snapshot, set(only))]
    return DriftReport(first.identity.account, first.identity.region, first.read_at,
                       model_file(model), tuple(sorted(findings, key=Finding.sort_key)),
                       calls, seconds, regions=tuple(s.identity.region for s, _ in reads))


__all__ = ["check", "regions_to_read", "report", "scope_of", "Location"]
