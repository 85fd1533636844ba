"""Compare a model with what was read from the account: the drift check itself (no AWS calls).

Two passes: every model resource is first located (so references compare as live ids), then
each is compared by its kind's comparer. Live resources in the model's VPCs that no model
resource located are UNMANAGED.
"""

from __future__ import annotations

from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.aws.route53 import zone_name
from archdoc.aws.scope import Scope
from archdoc.drift.compare import COMPARERS, FEATURES, NOT_IN_AWS, NOT_READ
from archdoc.drift.context import DriftContext
from archdoc.drift.findings import DriftReport, Finding, Status
from archdoc.drift.live import ADAPTERS, LiveObject, ec2_objects
from archdoc.drift.locate import Index, locate, wanted
from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.model import Architecture
from archdoc.model.resources import AcmCertificate, Ec2Instance, Route53Record, S3Bucket
from archdoc.text import say


def scope_of(model: Architecture) -> Scope:
    """What the model needs read: its VPCs, buckets, zones, certificates and services."""
    vpcs = [(rid, res) for rid, res in model.resources.items() if res.kind == "vpc"]

    def vpc_ids(raw_vpcs: list[dict[str, Any]]) -> list[str]:
        live = ec2_objects(raw_vpcs, "VpcId")
        return sorted({m.id for rid, res in vpcs for m in locate(rid, res, live)})

    def names(kind: str) -> set[str]:
        found: set[str] = set()
        for rid, res in model.of_kind(kind).items():
            want = wanted(rid, res)
            found.update(x for x in (want.name, want.id, want.arn) if x)
        return found

    buckets = {b.bucket_name for b in model.all_of(S3Bucket).values()} | {
        n.removeprefix("arn:aws:s3:::") for n in names("s3_bucket")}
    certificates = model.all_of(AcmCertificate)
    kinds = {res.kind for res in model.resources.values()}
    services = {ADAPTERS[k][0] for k in kinds if k in ADAPTERS} | {
        FEATURES[k] for k in kinds if k in FEATURES}
    if "vpc" in kinds:
        services |= {"ec2", "elbv2"}  # unmanaged instances and load balancers in the VPC
    if any(i.instance_profile_role for i in model.all_of(Ec2Instance).values()):
        services.add("iam")
    if "alb" in kinds:
        services.add("acm")  # a listener's certificate that no longer exists
    return Scope(
        vpc_ids=vpc_ids,
        buckets=frozenset(buckets),
        zones=frozenset(zone_name(n) for n in names("route53_zone")),
        zone_ids=frozenset(n.split("/")[-1] for n in names("route53_zone")),
        acm_regions=frozenset(c.region or model.region for c in certificates.values()),
        certificates=frozenset(names("acm_certificate")),
        services=frozenset(services),
    )


def _candidates(ctx: DriftContext, res: Any, every: list[LiveObject]
                ) -> list[LiveObject]:
    if isinstance(res, Route53Record):  # in its own zone, of its own type
        zone = ctx.located.get(res.zone)
        record_type = "A" if res.type == "ALIAS" else res.type
        return [c for c in every if zone is not None
                and c.raw["_zone"].split("/")[-1] == zone.id and c.raw["Type"] == record_type]
    if isinstance(res, AcmCertificate):
        region = res.region or ctx.model.region
        return [c for c in every if c.raw["_region"] == region]
    return every


def _order(kind: str) -> int:
    # zones before records: a record is looked for in its located zone
    return 1 if kind == "route53_record" else 0


def check(model: Architecture, snapshot: Snapshot) -> list[Finding]:
    ctx = DriftContext(model, snapshot)
    findings: list[Finding] = []
    ambiguous: list[Diagnostic] = []
    live_of: dict[str, list[LiveObject]] = {}
    indexes: dict[str, Index] = {}
    for rid, res in sorted(model.resources.items(), key=lambda item: _order(item[1].kind)):
        if res.kind not in ADAPTERS:
            continue
        service, adapter = ADAPTERS[res.kind]
        if not snapshot.has(service):
            continue
        if res.kind not in live_of:
            live_of[res.kind] = adapter(snapshot)
        if isinstance(res, (Route53Record, AcmCertificate)):  # few: filtered, then scanned
            matches = locate(rid, res, _candidates(ctx, res, live_of[res.kind]))
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
    for rid, res in model.resources.items():
        findings += _judge(ctx, rid, res)
    findings += unmanaged(ctx)
    return sorted(findings, key=Finding.sort_key)


def _judge(ctx: DriftContext, rid: str, res: Any) -> list[Finding]:
    kind = res.kind
    if kind in NOT_IN_AWS:
        return []
    if kind in NOT_READ:
        return [ctx.finding(rid, res, Status.NOT_CHECKED, message=NOT_READ[kind])]
    service = FEATURES.get(kind) or ADAPTERS[kind][0]
    if not ctx.snapshot.has(service):
        problem = ctx.snapshot.unreadable.get(service)
        reason = problem.reason if problem else say("{service} was not read", service=service)
        status = Status.NOT_CHECKED if problem is None or problem.not_available \
            else Status.UNKNOWN
        return [ctx.finding(rid, res, status,
                            message=say("{service}: {reason}", service=service, reason=reason))]
    live = ctx.located.get(rid)
    if kind not in FEATURES and live is None:
        return [ctx.finding(rid, res, Status.MISSING,
                            message=say("no live resource matches {wanted}",
                                        wanted=wanted(rid, res)))]
    diffs = COMPARERS[kind](ctx, rid, res, live)
    findings = [ctx.finding(rid, res, d.status, diff=d) for d in diffs]
    if not any(d.status is not Status.IN_SYNC for d in diffs):
        findings.insert(0, ctx.finding(rid, res, Status.IN_SYNC))
    return findings


def unmanaged(ctx: DriftContext) -> list[Finding]:
    """Instances, security groups, load balancers, NAT gateways and endpoints in the model's
    VPCs that no model resource describes."""
    if not ctx.snapshot.has("ec2"):
        return []
    vpc_ids = set(ctx.data("ec2")["vpc_ids"])
    vpc_of = {obj.id: rid for rid, obj in ctx.located.items()
              if ctx.model.resources[rid].kind == "vpc"}
    found = {obj.id for obj in ctx.located.values()}
    kinds = ["ec2_instance", "security_group", "nat_gateway", "vpc_endpoint"]
    if ctx.snapshot.has("elbv2"):
        kinds.append("alb")
    findings = []
    for kind in kinds:
        for obj in ADAPTERS[kind][1](ctx.snapshot):
            vpc = str(obj.raw.get("VpcId"))
            if obj.id in found or vpc not in vpc_ids:
                continue  # described, or outside the model's VPCs (moto's default VPC too)
            if kind == "security_group" and obj.raw.get("GroupName") == "default":
                continue  # every VPC has one, made by AWS
            model_vpc = vpc_of.get(vpc, vpc)
            location = ctx.where(("resources", model_vpc)) if model_vpc in ctx.model.resources \
                else None
            findings.append(Finding(Status.UNMANAGED, obj.name or obj.id, kind, obj.id,
                                    message=say("in {vpc} but not in the model", vpc=model_vpc),
                                    location=location))
    return findings


def model_file(model: Architecture) -> str:
    return model.source.file if model.source else "<model>"


def report(model: Architecture, snapshot: Snapshot, calls: dict[str, int], seconds: float
           ) -> DriftReport:
    return DriftReport(snapshot.identity.account, snapshot.identity.region, snapshot.read_at,
                       model_file(model), tuple(check(model, snapshot)), calls, seconds)


__all__ = ["check", "report", "scope_of", "Location"]
