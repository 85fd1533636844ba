"""What every drift reader must show on moto's server, as one harness: an account built to
match a small model is in sync, and stays so when each resource is located by the live id or
ARN the report gave (every locator field is read); one change is exactly one finding; a user
denied the service's actions gets UNKNOWN for its resources, never DRIFTED or MISSING."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from archdoc import kinds
from tests import moto_server
from tests.conftest import archdoc
from tests.drift.conftest import Endpoint, findings, no_secrets, session_for


@dataclass(frozen=True)
class ReaderCase:
    model: str  # the model's YAML
    provision: Callable[[Endpoint], dict[str, str]]  # builds the account, returns ids
    change: Callable[[Endpoint, dict[str, str]], None]  # one change an operator might make
    expected: Callable[[dict[str, str]], list[tuple]]  # the findings that change gives
    denied: str | list[str]  # IAM action patterns denying the service, e.g. "sqs:*"
    region: str = "eu-west-1"


def _drift(server: moto_server.MotoServer, model: Path, **env: str) -> tuple[int, dict]:
    proc = archdoc("drift", str(model), "--format", "json", env=server.env(**env))
    no_secrets(proc.stdout + proc.stderr)
    assert proc.returncode in (0, 1, 3) and proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# A bucket beside the case's resources: the account stays readable when the case's service
# is denied (with nothing readable at all, archdoc says the account cannot be read).
WITNESS = "  witness: {kind: s3_bucket, bucket_name: archdoc-reader-witness}\n"


def relocated(model: Path, report: dict[str, Any], field: str, out: Path,
              moto: moto_server.MotoServer) -> None:
    """The model with every found resource located by its live ``field`` (as the report
    gives it) is in sync too: that locator field is read for each kind."""
    data = yaml.safe_load(model.read_text("utf-8"))
    found = {f["resource"]: f[f"live_{field}"] for f in report["findings"]
             if f["status"] == "IN_SYNC" and f[f"live_{field}"]}
    located = [rid for rid, res in data["resources"].items()
               if rid in found and field not in kinds.kind_of(res["kind"]).model.UNLOCATABLE]
    assert located or field == "arn", "nothing was found by id"
    for rid in located:
        data["resources"][rid]["aws"] = {field: found[rid]}
    out.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    code, again = _drift(moto, out)
    assert (code, findings(again)) == (0, []), (field, findings(again))
    statuses = {f["resource"]: f["status"] for f in again["findings"]}
    assert all(statuses[rid] == "IN_SYNC" for rid in located), (field, statuses)


def check_reader(case: ReaderCase, moto: moto_server.MotoServer, tmp_path: Path) -> None:
    model = tmp_path / "arch.yaml"
    model.write_text(case.model.rstrip("\n") + "\n" + WITNESS, "utf-8")
    moto.reset()
    endpoint = Endpoint(session_for(moto, case.region), moto.url)
    ids = case.provision(endpoint)
    endpoint.client("s3", case.region).create_bucket(
        Bucket="archdoc-reader-witness",
        CreateBucketConfiguration={"LocationConstraint": case.region})
    endpoint.client("s3", case.region).put_public_access_block(
        Bucket="archdoc-reader-witness", PublicAccessBlockConfiguration=dict.fromkeys(
            ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
             "RestrictPublicBuckets"), True))

    code, report = _drift(moto, model)
    assert (code, findings(report)) == (0, []), [
        (f["status"], f["resource"], f["attribute"], f["expected"], f["actual"], f["message"])
        for f in report["findings"] if f["status"] not in ("IN_SYNC", "NOT_CHECKED")]
    assert {f["status"] for f in report["findings"]} <= {"IN_SYNC", "NOT_CHECKED"}
    for field in ("id", "arn"):
        relocated(model, report, field, tmp_path / f"by-{field}.yaml", moto)

    case.change(endpoint, ids)
    code, report = _drift(moto, model)
    assert (code, findings(report)) == (1, case.expected(ids)), [
        (f["status"], f["resource"], f["attribute"], f["expected"], f["actual"], f["message"])
        for f in report["findings"] if f["status"] not in ("IN_SYNC", "NOT_CHECKED")]

    iam = endpoint.client("iam", case.region)
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="deny", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": case.denied, "Resource": "*"}]}))
    key: dict[str, Any] = iam.create_access_key(UserName="auditor")["AccessKey"]
    moto.enforce_iam()
    try:
        code, report = _drift(moto, model, AWS_ACCESS_KEY_ID=key["AccessKeyId"],
                              AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"])
    finally:
        moto.relax_iam()  # enforcement off again for the next test
    statuses = {f["status"] for f in report["findings"]}
    assert code == 3 and "UNKNOWN" in statuses and not statuses & {"DRIFTED", "MISSING"}, \
        report["findings"]
