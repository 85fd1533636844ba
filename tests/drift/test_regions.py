"""A model in more than one region is read in each: a resource is looked for in its own
region (a queue in us-west-2 is not MISSING because eu-west-1 lacks it), every region read
is named in the report, and a change in the second region is found there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.drift.conftest import Endpoint, findings, session_for
from tests.drift.readers import _drift

pytestmark = pytest.mark.slow  # a moto server

MODEL = """title: two regions
region: eu-west-1
resources:
  orders: {kind: sqs_queue, name: orders, encryption: SSE-SQS}
  orders-standby: {kind: sqs_queue, name: orders, region: us-west-2,
                   encryption: SSE-SQS}
  events: {kind: sns_topic, name: events, region: us-west-2}
  archive: {kind: s3_bucket, bucket_name: two-region-archive, region: us-west-2}
"""


def test_each_resource_is_read_in_its_own_region(moto, tmp_path: Path) -> None:
    moto.reset()
    endpoint = Endpoint(session_for(moto, "eu-west-1"), moto.url)
    for region in ("eu-west-1", "us-west-2"):
        endpoint.client("sqs", region).create_queue(
            QueueName="orders", Attributes={"SqsManagedSseEnabled": "true"})
    endpoint.client("sns", "us-west-2").create_topic(Name="events")
    s3 = endpoint.client("s3", "us-west-2")
    s3.create_bucket(Bucket="two-region-archive",
                     CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.put_public_access_block(Bucket="two-region-archive", PublicAccessBlockConfiguration=dict.fromkeys(
        ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True))
    model = tmp_path / "arch.yaml"
    model.write_text(MODEL, "utf-8")

    code, report = _drift(moto, model)
    assert (code, findings(report)) == (0, []), findings(report)
    assert report["regions"] == ["eu-west-1", "us-west-2"] and report["region"] == "eu-west-1"
    live = {f["resource"]: f["live_arn"] for f in report["findings"]}
    assert ":eu-west-1:" in live["orders"] and ":us-west-2:" in live["orders-standby"]
    assert ":us-west-2:" in live["events"]

    url = endpoint.client("sqs", "us-west-2").get_queue_url(QueueName="orders")["QueueUrl"]
    endpoint.client("sqs", "us-west-2").delete_queue(QueueUrl=url)
    code, report = _drift(moto, model)
    assert (code, findings(report)) == (1, [("MISSING", "orders-standby", None, None, None)])
