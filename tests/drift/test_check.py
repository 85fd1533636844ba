"""``archdoc drift`` against a moto server holding the seed: in sync, then one drift at a time.

Each test provisions the seed afresh, changes one thing with boto3 as an operator might, and
runs the ``archdoc`` command as a user would; it asserts the exact findings, nothing more.
"""

from __future__ import annotations

import pytest

from tests.drift.conftest import Account, findings

pytestmark = pytest.mark.slow  # a moto server, or real processes and signals


def test_fresh_account_is_in_sync(seed_account_as_provisioned: Account, seed_model) -> None:
    code, report = seed_account_as_provisioned.drift_json()
    assert code == 0
    statuses = {f["resource"]: f["status"] for f in report["findings"]}
    expected = {rid for rid, res in seed_model.resources.items() if res.kind != "users"}
    assert set(statuses) == expected
    # moto does not implement DescribeInstanceInformation: said, not guessed
    assert statuses.pop("session-manager") == "NOT_CHECKED"
    assert set(statuses.values()) == {"IN_SYNC"}
    assert report["format"] == "archdoc-drift/1"
    assert report["account"] == "123456789012" and report["region"] == "ap-northeast-2"
    assert report["summary"]["in_sync"] == len(expected) - 1
    assert report["summary"]["coverage"] == 1.0
    ssm = next(f for f in report["findings"] if f["resource"] == "session-manager")
    assert "DescribeInstanceInformation" in ssm["message"]
    # every finding points into arch.yaml at the resource
    assert all(f["location"]["file"].endswith("arch.yaml") and f["location"]["line"] > 1
               for f in report["findings"])


def _ssh_open(a: Account) -> None:
    a.client("ec2").authorize_security_group_ingress(
        GroupId=a.ids["ec2-sg"], IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22,
                                                 "ToPort": 22,
                                                 "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def _source_opened(a: Account) -> None:
    ec2 = a.client("ec2")
    ec2.revoke_security_group_ingress(GroupId=a.ids["ec2-sg"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
         "UserIdGroupPairs": [{"GroupId": a.ids["alb-sg"]}]}])
    ec2.authorize_security_group_ingress(GroupId=a.ids["ec2-sg"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
         "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def _s3_full_access(a: Account) -> None:
    a.client("iam").attach_role_policy(RoleName="ec2-s3-ssm-role",
                                       PolicyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess")


def _http_forwards(a: Account) -> None:
    a.client("elbv2").modify_listener(
        ListenerArn=a.ids["web-alb.listener1"],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": a.ids["web-tg"]}])


def _endpoint_deleted(a: Account) -> None:
    a.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[a.ids["s3-endpoint"]])


def _extra_instance(a: Account) -> None:
    ec2 = a.client("ec2")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    a.ids["extra"] = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1,
                                       SubnetId=a.ids["public-a"])["Instances"][0]["InstanceId"]


def _certificate_deleted(a: Account) -> None:
    a.client("acm").delete_certificate(CertificateArn=a.ids["certificate"])


def _public_access_block_removed(a: Account) -> None:
    a.client("s3").delete_public_access_block(Bucket="httpstest-sjmweb12-files")


def _bucket_made_public(a: Account) -> None:
    import json

    a.client("s3").put_bucket_policy(Bucket="httpstest-sjmweb12-files", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::httpstest-sjmweb12-files/*"}]}))


DRIFTS = {
    "ssh opened to the world": (_ssh_open, lambda ids: [
        ("DRIFTED", "ec2-sg", "ingress", "(absent)", "tcp 22 from 0.0.0.0/0")]),
    "ec2 rule source changed to 0.0.0.0/0": (_source_opened, lambda ids: [
        ("DRIFTED", "ec2-sg", "ingress", f"tcp 80 from {ids['alb-sg']} (alb-sg)",
         "tcp 80 from 0.0.0.0/0")]),
    "AmazonS3FullAccess attached": (_s3_full_access, lambda ids: [
        ("DRIFTED", "ec2-role", "managed_policies",
         "[AmazonS3ReadOnlyAccess, AmazonSSMManagedInstanceCore]",
         "[AmazonS3FullAccess, AmazonS3ReadOnlyAccess, AmazonSSMManagedInstanceCore]")]),
    "HTTP listener forwards instead of redirecting": (_http_forwards, lambda ids: [
        ("DRIFTED", "web-alb", "listeners[1].default_action", "redirect to HTTPS:443 (301)",
         f"forward to {ids['web-tg']} (web-tg)")]),
    "S3 gateway endpoint deleted": (_endpoint_deleted, lambda ids: [
        ("MISSING", "s3-endpoint", None, None, None)]),
    "extra instance in the VPC": (_extra_instance, lambda ids: [
        ("UNMANAGED", ids["extra"], None, None, None)]),
    "certificate deleted": (_certificate_deleted, lambda ids: [
        ("MISSING", "certificate", None, None, None)]),
    "bucket's public access block removed": (_public_access_block_removed, lambda ids: [
        ("DRIFTED", "bucket", "public_access_block", "all four settings on",
         "(none configured)")]),
    "bucket policy lets anyone read": (_bucket_made_public, lambda ids: [
        ("DRIFTED", "bucket", "policy", "no statement for anyone",
         "anyone may s3:GetObject")]),
}


@pytest.mark.parametrize("name", list(DRIFTS))
def test_one_drift_is_reported_exactly(seed_account: Account, name: str) -> None:
    change, expected = DRIFTS[name]
    change(seed_account)
    code, report = seed_account.drift_json()
    assert code == 1, report["summary"]
    assert findings(report) == expected(seed_account.ids)
    drifted = [f for f in report["findings"] if f["status"] != "IN_SYNC"
               and f["resource"] != "session-manager"]
    assert all(f["message"] for f in drifted)
    # located in the model: the resource or the very field that differs
    for f in drifted:
        if f["status"] != "UNMANAGED":
            assert f["location"]["file"].endswith("arch.yaml")


def test_claims_hold_in_the_account_until_a_resource_they_read_drifts(
        seed_account: Account) -> None:
    _, report = seed_account.drift_json()
    assert len(report["claims"]) == 10
    assert {(c["on_model"], c["in_account"]) for c in report["claims"]} == {("PASS", "PASS")}
    _ssh_open(seed_account)
    _, report = seed_account.drift_json()
    broken = {tuple(c["rules"]): c["reasons"] for c in report["claims"]
              if c["in_account"] == "FAIL"}
    # every claim whose rules read ec2-sg: S1, S5 and S9 of the seed
    assert set(broken) == {("AD-NET-001", "AD-NET-002"), ("AD-NET-004",),
                           ("AD-NET-003", "AD-SSM-001")}
    assert all("ec2-sg drifted" in reasons for reasons in broken.values())
    assert all(c["on_model"] == "PASS" for c in report["claims"])
