"""``archdoc drift`` as a command: exit codes, formats, failures of the account, regions."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests import moto_server
from tests.conftest import SEED, archdoc
from tests.drift.conftest import Account, Endpoint, findings, no_secrets, session_for
from tests.provision import provision

pytestmark = pytest.mark.slow  # a moto server, or real processes and signals


def test_endpoint_down_exits_3_with_one_line(tmp_path) -> None:
    port = moto_server.free_port()  # nothing listens there
    env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "AKIAXXXXXXXX0000",
           "AWS_SECRET_ACCESS_KEY": "x" * 20, "AWS_CONFIG_FILE": "/dev/null",
           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}
    started = time.monotonic()
    proc = archdoc("drift", str(SEED), "-o", str(tmp_path / "drift.txt"), env=env,
                       timeout=120)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("archdoc: error: cannot reach"), proc.stderr
    assert f"127.0.0.1:{port}" in lines[0]
    assert proc.stdout == "" and not (tmp_path / "drift.txt").exists()
    assert time.monotonic() - started < 60  # a few quick retries, not a hang


def test_no_credentials_exits_3(tmp_path) -> None:
    env = {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_CONFIG_FILE": "/dev/null",
           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}
    proc = archdoc("drift", str(SEED), env=env, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "no AWS credentials" in proc.stderr and "Traceback" not in proc.stderr


def test_invalid_model_exits_2_before_reading(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("cidr: 10.0.1.0/24",
                                                            "cidr: 10.0.1.0/33"), "utf-8")
    proc = archdoc("drift", str(bad), env={"AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
    assert proc.returncode == 2
    assert f"{bad}:" in proc.stderr and "10.0.1.0/33" in proc.stderr


def test_formats_stats_and_output_file(seed_account_as_provisioned: Account, tmp_path) -> None:
    _, expected = seed_account_as_provisioned.drift_json()
    table = seed_account_as_provisioned.drift("--stats")
    assert table.returncode == 0
    assert "in sync: alb-sg, bucket" in table.stdout
    assert expected["summary"]["text"] in table.stdout
    stats = table.stderr.strip().splitlines()[-1]
    assert stats.startswith("archdoc: ") and " API calls (" in stats and "ec2 8" in stats
    out = tmp_path / "reports" / "drift.md"
    md = seed_account_as_provisioned.drift("--format", "markdown", "-o", str(out))
    assert md.returncode == 0 and md.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("### archdoc drift: account 123456789012, ap-northeast-2")
    assert "| ▫️ NOT_CHECKED | session-manager |" in text
    assert "In sync: 19 resources" in text


def test_tags_omitted_egress_and_default_encryption_are_not_drift(moto, seed_model,
                                                                  tmp_path) -> None:
    """AWS's semantics, not the model's spelling: ec2-sg written without egress is AWS's
    default allow-all; a bucket with no encryption configuration is SSE-S3; tags the model does
    not mention are not drift; an alias may come back with dualstack. and a trailing dot."""
    text = SEED.read_text(encoding="utf-8").replace(
        "      - {protocol: all, cidr: 0.0.0.0/0, description: Outbound through NAT and the S3 "
        "endpoint}\n", "").replace("    egress:\n    aws: {name: ec2-sg}",
                                   "    aws: {name: ec2-sg}")
    model_file = tmp_path / "arch.yaml"
    model_file.write_text(text, "utf-8")
    from archdoc.project import load_model

    model = load_model(model_file)
    assert model.resources["ec2-sg"].egress is None
    moto.reset()
    session = session_for(moto, model.region)
    endpoint = Endpoint(session, moto.url)
    ids = provision(model, endpoint)  # creates ec2-sg with AWS's default egress rule
    ec2 = endpoint.client("ec2", model.region)
    ec2.create_tags(Resources=[ids["main-vpc"], ids["web-server"]],
                    Tags=[{"Key": "CostCentre", "Value": "42"}])
    route53 = endpoint.client("route53", model.region)
    route53.change_resource_record_sets(HostedZoneId=ids["hosted-zone"], ChangeBatch={
        "Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": "httpstest.sjmweb12.com", "Type": "A", "AliasTarget": {
                "HostedZoneId": ids["web-alb.zone"],
                "DNSName": "dualstack." + ids["web-alb.dns"].upper() + ".",
                "EvaluateTargetHealth": False}}}]})
    account = Account(moto, ids, session, model.region)
    code, report = account.drift_json(model=model_file)
    assert code == 0, findings(report)
    assert endpoint.client("s3", model.region).list_buckets()["Buckets"]


def test_alias_to_another_name_is_drift(seed_account: Account) -> None:
    seed_account.client("route53").change_resource_record_sets(
        HostedZoneId=seed_account.ids["hosted-zone"], ChangeBatch={"Changes": [{
            "Action": "UPSERT", "ResourceRecordSet": {
                "Name": "httpstest.sjmweb12.com", "Type": "A", "AliasTarget": {
                    "HostedZoneId": "Z2P70J7EXAMPLE", "DNSName": "evil.example.net.",
                    "EvaluateTargetHealth": False}}}]})
    code, report = seed_account.drift_json()
    assert code == 1
    dns = seed_account.ids["web-alb.dns"]
    assert findings(report) == [("DRIFTED", "dns-record", "alias_target", f"{dns} (web-alb)",
                                 "evil.example.net")]


def test_ambiguous_locator_is_an_error_naming_both(seed_account: Account) -> None:
    ec2 = seed_account.client("ec2")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    twin = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1,
                             SubnetId=seed_account.ids["private-a"], TagSpecifications=[{
                                 "ResourceType": "instance",
                                 "Tags": [{"Key": "Name", "Value": "web-server"}]}]
                             )["Instances"][0]["InstanceId"]
    proc = seed_account.drift()
    assert proc.returncode == 2
    line = proc.stderr.strip().splitlines()[0]
    assert line.startswith(f"{SEED}:") and "'web-server'" in line
    assert twin in line and seed_account.ids["web-server"] in line and "aws: {id:" in line


def test_unmanaged_security_group(seed_account: Account) -> None:
    ec2 = seed_account.client("ec2")
    extra = ec2.create_security_group(GroupName="debug", Description="temporary",
                                      VpcId=seed_account.ids["main-vpc"])["GroupId"]
    code, report = seed_account.drift_json()
    assert code == 1
    assert findings(report) == [("UNMANAGED", "debug", None, None, None)]
    unmanaged = next(f for f in report["findings"] if f["status"] == "UNMANAGED")
    assert unmanaged["live_id"] == extra and unmanaged["kind"] == "security_group"
    assert report["summary"]["coverage"] < 1


def test_access_denied_on_one_service_is_unknown_for_it_only(tmp_path, seed_model,
                                                            moto) -> None:
    """moto's IAM enforcement (a user whose policy denies elasticloadbalancing:*). moto checks
    Route 53 signatures wrongly under enforcement, so Route 53 is read, through its per-service
    endpoint variable, from a second server holding the same architecture."""
    server = moto_server.start(tmp_path / "moto.log")
    moto.reset()
    provision(seed_model, Endpoint(session_for(moto, seed_model.region), moto.url))
    try:
        session = session_for(server, seed_model.region)
        endpoint = Endpoint(session, server.url)
        provision(seed_model, endpoint)
        iam = endpoint.client("iam", seed_model.region)
        iam.create_user(UserName="auditor")
        iam.put_user_policy(UserName="auditor", PolicyName="no-elb", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": "elasticloadbalancing:*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="auditor")["AccessKey"]
        server.enforce_iam()
        proc = archdoc("drift", str(SEED), "--format", "json", env=server.env(
            AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"],
            AWS_ENDPOINT_URL_ROUTE_53=moto.url), timeout=120)
        no_secrets(proc.stdout + proc.stderr)
        assert key["SecretAccessKey"] not in proc.stdout + proc.stderr
        assert proc.returncode == 3, [f for f in json.loads(proc.stdout)["findings"]
                                      if f["status"] != "IN_SYNC"]  # part of the account could not be read
        report = json.loads(proc.stdout)
        status = {f["resource"]: f["status"] for f in report["findings"]}
        assert status.pop("web-alb") == status.pop("web-tg") == "UNKNOWN"
        # the record itself was read; only its alias target (the ALB's name) is unknown
        assert status.pop("dns-record") == "UNKNOWN"
        alias = [(f["status"], f["attribute"]) for f in report["findings"]
                 if f["resource"] == "dns-record"]
        assert alias == [("UNKNOWN", "alias_target")]
        assert status.pop("session-manager") == "NOT_CHECKED"
        assert set(status.values()) == {"IN_SYNC"}, [
            (f["resource"], f["status"], f["message"]) for f in report["findings"]
            if f["status"] == "UNKNOWN"]
        alb = next(f for f in report["findings"] if f["resource"] == "web-alb")
        assert alb["message"].startswith("elbv2: access denied")
    finally:
        server.stop()


@pytest.mark.parametrize("region", ["us-west-2"])
def test_each_region_reports_its_account_and_region(moto, seed_model, tmp_path: Path,
                                                    region: str) -> None:
    """One moto server, the seed in two regions: two reports a CI matrix would merge."""
    text = SEED.read_text(encoding="utf-8")
    second = tmp_path / f"arch-{region}.yaml"
    # IAM, S3 names and Route 53 are global: the second region's copy names its own
    for old, new in (("ap-northeast-2", region), ("sjmweb12.com", "west.example.net"),
                     ("httpstest-sjmweb12-files", "httpstest-west-files"),
                     ("ec2-s3-ssm-role", "ec2-s3-ssm-role-west")):
        text = text.replace(old, new)
    second.write_text(text, "utf-8")
    from archdoc.project import load_model

    moto.reset()
    reports = {}
    for model_file in (SEED, second):
        model = load_model(model_file)
        provision(model, Endpoint(session_for(moto, model.region), moto.url))
    for model_file, wanted in ((SEED, "ap-northeast-2"), (second, region)):
        proc = archdoc("drift", str(model_file), "--format", "json", "--region", wanted,
                           env=moto.env(), timeout=120)
        no_secrets(proc.stdout + proc.stderr)
        assert proc.returncode == 0, proc.stdout[-2000:]
        reports[wanted] = json.loads(proc.stdout)
    merged = {(r["account"], r["region"]): r["summary"]["in_sync"] for r in reports.values()}
    assert merged == {("123456789012", "ap-northeast-2"): 19, ("123456789012", region): 19}
    # the wrong region for a model: its resources are not there
    proc = archdoc("drift", str(SEED), "--format", "json", "--region", "eu-west-1",
                       env=moto.env(), timeout=120)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["region"] == "eu-west-1"


def test_role_arn_is_assumed_first(seed_account: Account) -> None:
    iam = seed_account.client("iam")
    arn = iam.create_role(RoleName="archdoc-read", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"AWS": "*"}}]}))["Role"]["Arn"]
    proc = seed_account.drift("--format", "json", "--role-arn", arn)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["in_sync"] == 19
