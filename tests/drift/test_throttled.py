"""Drift through a proxy that throttles services (tests/throttling_proxy.py): what could not
be read is UNKNOWN, never DRIFTED, and the run exits 3."""

from __future__ import annotations

import json

import pytest

from tests.drift.conftest import Account, findings
from tests.throttling_proxy import throttling

pytestmark = pytest.mark.slow  # a moto server, and botocore's retries with backoff


def _drift_through(account: Account, services: set[str]) -> tuple[int, dict, list[str]]:
    with throttling(account.server.url, services) as (url, throttled):
        proc = account.drift("--format", "json", env={"AWS_ENDPOINT_URL": url})
    assert proc.returncode in (0, 1, 3), proc.stderr
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout), throttled


def test_ec2_throttled_is_unknown_not_drift(seed_account_as_provisioned: Account) -> None:
    """The load balancer's subnets and groups, the target group's targets: their ids come
    from EC2, which answered nothing but throttling errors."""
    code, report, throttled = _drift_through(seed_account_as_provisioned, {"ec2"})
    assert "ec2" in throttled and len(throttled) >= 4  # retried (botocore), then given up
    assert code == 3, report
    changed = findings(report)
    assert changed and not [f for f in changed if f[0] == "DRIFTED"], changed
    by = {(f[1], f[2]): f for f in changed}
    for key in (("web-alb", "subnets"), ("web-alb", "security_groups"), ("web-tg", "targets")):
        assert by[key][0] == "UNKNOWN", (key, changed)
    unknown = [f for f in report["findings"] if f["status"] == "UNKNOWN"]
    assert any("throttled" in f["message"] for f in unknown)


def test_acm_throttled_leaves_the_listener_certificate_unknown(
        seed_account_as_provisioned: Account) -> None:
    code, report, throttled = _drift_through(seed_account_as_provisioned, {"acm"})
    assert "acm" in throttled and code == 3
    changed = findings(report)
    assert not [f for f in changed if f[0] in ("DRIFTED", "MISSING")], changed
    listener = [f for f in changed if f[1] == "web-alb" and "certificate" in (f[2] or "")]
    assert listener and all(f[0] == "UNKNOWN" for f in listener), changed


def test_every_service_throttled_is_an_unreadable_account(
        seed_account_as_provisioned: Account) -> None:
    """Nothing answered but the caller's identity: no report claims anything, exit 3 with
    one line naming what throttled."""
    services = {"ec2", "elasticloadbalancing", "acm", "route53", "iam", "s3", "ssm",
                "tagging", "logs", "kms", "sqs", "sns", "dynamodb", "ecs", "eks"}
    with throttling(seed_account_as_provisioned.server.url, services) as (url, _):
        proc = seed_account_as_provisioned.drift("--format", "json",
                                                 env={"AWS_ENDPOINT_URL": url})
    assert proc.returncode == 3 and proc.stdout == ""
    said = proc.stderr.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("archdoc: error: no service of the account "
                                                 "could be read: ")
    assert "throttled on DescribeVpcs" in said[0] and "throttled on ListCertificates" in said[0]
