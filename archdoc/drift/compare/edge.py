"""ACM certificates and Route 53 zones and records."""

from __future__ import annotations

import datetime

from archdoc.aws.route53 import zone_name
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.findings import Status
from archdoc.drift.live import LiveObject
from archdoc.model.resources import AcmCertificate, Route53Record, Route53Zone
from archdoc.text import say

EXPIRY_WARNING = datetime.timedelta(days=30)


def acm_certificate(ctx: DriftContext, rid: str, res: AcmCertificate, live: LiveObject
                    ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    if res.domain is not None and res.domain != raw.get("DomainName"):
        diffs.append(Diff(("domain",), res.domain, str(raw.get("DomainName"))))
    sans = set(raw.get("SubjectAlternativeNames") or []) - {raw.get("DomainName")}
    if sans != set(res.subject_alternative_names) - {res.domain}:
        diffs.append(Diff(("subject_alternative_names",), as_set(res.subject_alternative_names),
                          as_set(sans)))
    if raw.get("Type") == "IMPORTED":
        actual = say("imported")  # an imported certificate has no validation method
    else:
        methods = {o.get("ValidationMethod") for o in raw.get("DomainValidationOptions") or []}
        actual = "/".join(sorted(m for m in methods if m)) or "(unknown)"
    if actual != res.validation and actual != "(unknown)":
        diffs.append(Diff(("validation",), res.validation, actual))
    status = raw.get("Status")
    if status != "ISSUED":
        diffs.append(Diff((), "ISSUED", str(status), say("certificate not issued"),
                          attribute="status"))
    not_after = raw.get("NotAfter")
    if isinstance(not_after, datetime.datetime) and status == "ISSUED":
        left = not_after - ctx.snapshot.read_at
        if left < EXPIRY_WARNING:
            diffs.append(Diff((), say("valid for 30 days or more"),
                              say("expires {date} ({days} days)", date=f"{not_after:%Y-%m-%d}",
                                  days=max(left.days, 0)),
                              say("certificate expires soon"), status=Status.IN_SYNC,
                              warning=True, attribute="expiry"))
    return diffs


def route53_zone(ctx: DriftContext, rid: str, res: Route53Zone, live: LiveObject) -> list[Diff]:
    diffs: list[Diff] = []
    if res.domain is not None and zone_name(res.domain) != live.name:
        diffs.append(Diff(("domain",), res.domain, str(live.name)))
    private = bool((live.raw.get("Config") or {}).get("PrivateZone"))
    if private != res.private:
        diffs.append(Diff(("private",), str(res.private).lower(), str(private).lower()))
    return diffs


def dns_name(name: str) -> str:
    """Alias DNS names as AWS may return them: any case, a trailing dot, ``dualstack.``."""
    name = name.lower().rstrip(".")
    return name.removeprefix("dualstack.")


def route53_record(ctx: DriftContext, rid: str, res: Route53Record, live: LiveObject
                   ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    alias = raw.get("AliasTarget")
    if res.alias_target:
        target = ctx.located.get(res.alias_target)
        kind = ctx.model.resources[res.alias_target].kind
        actual = dns_name(alias["DNSName"]) if alias else say("(not an alias)")
        if kind == "alb" and target is None and not ctx.missing(res.alias_target):
            diffs.append(Diff(("alias_target",), say("alias to {target}", target=res.alias_target),
                              actual,
                              say("{service} could not be read: the alias target's name is "
                                  "unknown", service=ctx.service_of(res.alias_target)),
                              status=Status.UNKNOWN))
        elif kind == "alb" and target is not None:  # a missing ALB is reported on its own
            expected = dns_name(target.raw.get("DNSName", ""))
            if expected != actual:
                diffs.append(Diff(("alias_target",), f"{expected} ({res.alias_target})",
                                  ctx.show(actual)))
        elif alias is None:
            diffs.append(Diff(("alias_target",), say("alias to {target}", target=res.alias_target),
                              actual))
    elif res.values:
        values = {v.get("Value") for v in raw.get("ResourceRecords", [])}
        if values != set(res.values):
            diffs.append(Diff(("values",), as_set(res.values), as_set(values)))
    return diffs
