"""The way in and the data: TLS on the load balancer, health checks, DNS, S3."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.facts import is_public, route_table_of, target_groups_of
from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources import (
    AcmCertificate,
    Alb,
    Ec2Instance,
    Route53Record,
    S3Bucket,
    TargetGroup,
    VpcEndpoint,
)
from archdoc.model.resources.balancing import Nlb
from archdoc.text import say

# TLS 1.2+ only: the TLS13, FS-1-2 and TLS-1-2 families (ELBSecurityPolicy-2016-08, the
# default, still allows TLS 1.0)
MODERN_TLS = ("ELBSecurityPolicy-TLS13-", "ELBSecurityPolicy-FS-1-2-",
              "ELBSecurityPolicy-TLS-1-2-")


def https_with_modern_tls(model: Architecture) -> Iterator[Outcome]:
    for rid, alb in model.all_of(Alb).items():
        https = [(i, li) for i, li in enumerate(alb.listeners) if li.protocol == "HTTPS"]
        if not https and alb.scheme == "internet-facing":
            yield Outcome(rid, False, say("{rid} faces the internet without an HTTPS listener",
                                            rid=rid), ("listeners",), (rid,))
            continue
        for i, listener in https:
            involves = (rid, listener.certificate) if listener.certificate else (rid,)
            policy = listener.ssl_policy or say("{policy} (AWS default)",
                                                 policy="ELBSecurityPolicy-2016-08")
            if not policy.startswith(MODERN_TLS):
                yield Outcome(rid, False, say("{rid}'s HTTPS:{port} listener uses {policy}, which "
                                                "allows TLS before 1.2", rid=rid,
                                                port=listener.port, policy=policy),
                              ("listeners", i, "ssl_policy"), involves)
            else:
                yield Outcome(rid, True, say("{rid}'s HTTPS:{port} listener uses {certificate} and "
                                               "{policy}", rid=rid, port=listener.port,
                                               certificate=listener.certificate, policy=policy),
                              ("listeners", i), involves)


def tls_listeners_modern(model: Architecture) -> Iterator[Outcome]:
    """A Network Load Balancer's TLS listeners, held to the same policies."""
    for rid, nlb in model.all_of(Nlb).items():
        for i, listener in enumerate(nlb.listeners):
            if listener.protocol != "TLS":
                continue
            involves = (rid, listener.certificate) if listener.certificate else (rid,)
            policy = listener.ssl_policy or say("{policy} (AWS default)",
                                                 policy="ELBSecurityPolicy-2016-08")
            if not policy.startswith(MODERN_TLS):
                yield Outcome(rid, False, say("{rid}'s TLS:{port} listener uses {policy}, which "
                                              "allows TLS before 1.2", rid=rid,
                                              port=listener.port, policy=policy),
                              ("listeners", i, "ssl_policy"), involves)
            else:
                yield Outcome(rid, True, say("{rid}'s TLS:{port} listener uses {certificate} and "
                                             "{policy}", rid=rid, port=listener.port,
                                             certificate=listener.certificate, policy=policy),
                              ("listeners", i), involves)


def http_redirects_to_https(model: Architecture) -> Iterator[Outcome]:
    for rid, alb in model.all_of(Alb).items():
        for i, listener in enumerate(alb.listeners):
            if listener.protocol != "HTTP" or alb.scheme != "internet-facing":
                continue
            action = listener.default_action
            if action.type == "redirect" and action.protocol == "HTTPS":
                yield Outcome(rid, True, say("{rid}'s HTTP:{port} redirects to HTTPS", rid=rid,
                                               port=listener.port), ("listeners", i), (rid,))
            else:
                yield Outcome(rid, False, say("{rid}'s HTTP:{port} listener serves ({action}) "
                                              "instead of redirecting to HTTPS", rid=rid,
                                                port=listener.port, action=action.type),
                              ("listeners", i, "default_action"), (rid,))


def targets_health_checked(model: Architecture) -> Iterator[Outcome]:
    for rid, alb in model.all_of(Alb).items():
        for group_id in sorted(target_groups_of(alb)):
            group = model.get(group_id, TargetGroup)
            hc = group.health_check
            involves = (rid, group_id)
            if not group.targets:
                yield Outcome(group_id, False, say("{group} has no registered targets",
                                                     group=group_id), ("targets",), involves)
            elif hc.interval > 60 or hc.unhealthy_threshold > 5:
                yield Outcome(group_id, False, say("{group} notices a down target only after "
                                                     "{seconds} s", group=group_id,
                                                     seconds=hc.interval * hc.unhealthy_threshold),
                              ("health_check",), involves)
            else:
                yield Outcome(group_id, True, say("{rid} health-checks {group}'s targets "
                                                  "({protocol} {path} every {interval} s)", rid=rid,
                                                    group=group_id, protocol=hc.protocol,
                                                    path=hc.path, interval=hc.interval),
                              (), involves)


def s3_through_gateway_endpoint(model: Architecture) -> Iterator[Outcome]:
    if not model.all_of(S3Bucket):
        return
    endpoints = {rid: e for rid, e in model.all_of(VpcEndpoint).items()
                 if e.type == "gateway" and e.service and e.service.split(".")[-1] == "s3"}
    for rid, inst in model.all_of(Ec2Instance).items():
        if inst.subnet is None:
            yield Outcome(rid, None, say("{rid} has no subnet in the model", rid=rid), (),
                          (rid,))
            continue
        if is_public(model, inst.subnet):
            continue
        table = route_table_of(model, inst.subnet)
        via = next((e for e, ep in endpoints.items() if table in ep.route_tables), None)
        involves = tuple(x for x in (rid, inst.subnet, table, via) if x)
        if via:
            yield Outcome(rid, True, say("{rid} reaches S3 through {endpoint}", rid=rid,
                                           endpoint=via), (), involves)
        else:
            yield Outcome(rid, False, say("{rid} in private {subnet} has no S3 gateway endpoint on "
                                            "its route table: S3 traffic leaves through the "
                                            "internet", rid=rid, subnet=inst.subnet),
                          ("subnet",), involves)


def bucket_public_access_blocked(model: Architecture) -> Iterator[Outcome]:
    for rid, bucket in model.all_of(S3Bucket).items():
        block = bucket.public_access_block
        off = [k for k, v in block.model_dump().items() if not v]
        if off:
            yield Outcome(rid, False, say("{rid}'s public access block has {settings} off",
                                            rid=rid, settings=", ".join(off)),
                          ("public_access_block",), (rid,))
        else:
            yield Outcome(rid, True, say("{rid} blocks every kind of public access", rid=rid), (),
                          (rid,))


def alias_points_at_load_balancer(model: Architecture) -> Iterator[Outcome]:
    records = model.all_of(Route53Record)
    for rid, alb in model.all_of(Alb).items():
        for listener in alb.listeners:
            if listener.protocol != "HTTPS" or not listener.certificate:
                continue
            certificate = model.get(listener.certificate, AcmCertificate)
            if certificate.domain is None:
                yield Outcome(rid, None, say("{certificate} has no domain in the model",
                                             certificate=listener.certificate),
                              ("listeners",), (rid, listener.certificate))
                break
            domain = certificate.domain.rstrip(".")
            named = [r for r, rec in records.items()
                     if rec.name and rec.name.rstrip(".") == domain]
            # failover and weighted routing: several records of the name, one per target
            record = next((r for r in named if records[r].alias_target == rid),
                          named[0] if named else None)
            if record is None:
                yield Outcome(rid, False, say("no Route 53 record for {domain}, the domain of "
                                                "{rid}'s certificate", domain=domain, rid=rid),
                              ("listeners",), (rid,))
            elif records[record].alias_target != rid:
                yield Outcome(record, False, say("{record} ({domain}) does not alias {rid}",
                                                   record=record, domain=domain, rid=rid),
                              ("alias_target",), (record, rid))
            else:
                yield Outcome(record, True, say("{record} aliases {domain} to {rid}", record=record,
                                                  domain=domain, rid=rid), (), (record, rid))
            break
