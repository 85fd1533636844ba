"""Every locator field is read: the seed's certificate, bucket and zone found by their tags (a
certificate located by tag used to be MISSING and its listener DRIFTED), and every resource
of the seed found again by the live id and ARN its in-sync report gave."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import SEED
from tests.drift.conftest import Account, findings
from tests.drift.readers import relocated

pytestmark = pytest.mark.slow  # a moto server


def test_certificate_bucket_and_zone_located_by_their_tags(seed_account: Account,
                                                           tmp_path: Path) -> None:
    ids = seed_account.ids
    seed_account.client("acm").add_tags_to_certificate(
        CertificateArn=ids["certificate"], Tags=[{"Key": "purpose", "Value": "web"}])
    seed_account.client("s3").put_bucket_tagging(
        Bucket=ids["bucket"], Tagging={"TagSet": [{"Key": "purpose", "Value": "files"}]})
    route53 = seed_account.client("route53")
    zone = next(z["Id"].split("/")[-1] for z in route53.list_hosted_zones()["HostedZones"]
                if z["Name"].rstrip(".") == "sjmweb12.com")
    route53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone,
                                     AddTags=[{"Key": "purpose", "Value": "dns"}])
    data = yaml.safe_load(SEED.read_text("utf-8"))
    for rid, purpose in (("certificate", "web"), ("bucket", "files"), ("hosted-zone", "dns")):
        data["resources"][rid]["aws"] = {"tags": {"purpose": purpose}}
    model = tmp_path / "arch.yaml"
    model.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    code, report = seed_account.drift_json(model=model)
    assert (code, findings(report)) == (0, [])
    status = {f["resource"]: f["status"] for f in report["findings"]}
    assert status["certificate"] == status["bucket"] == status["hosted-zone"] == "IN_SYNC"
    assert status["web-alb"] == status["dns-record"] == "IN_SYNC"  # what refers to them
    live = {f["resource"]: f["live_id"] for f in report["findings"]}
    assert live["certificate"] == ids["certificate"] and live["hosted-zone"] == zone


@pytest.mark.parametrize("field", ["id", "arn"])
def test_every_seed_resource_found_by_its_live_id_and_arn(
        seed_account_as_provisioned: Account, tmp_path: Path, field: str) -> None:
    code, report = seed_account_as_provisioned.drift_json()
    assert code == 0
    relocated(SEED, report, field, tmp_path / "arch.yaml", seed_account_as_provisioned.server)
