"""The SQS reader on moto's server: in sync, one drift, access denied."""

from __future__ import annotations

import pytest

from tests.drift.readers import ReaderCase, check_reader

pytestmark = pytest.mark.slow  # a moto server

MODEL = """title: queues
region: eu-west-1
resources:
  orders: {kind: sqs_queue, visibility_timeout: 60, dead_letter_queue: orders-dlq,
           max_receive_count: 3}
  orders-dlq: {kind: sqs_queue, message_retention: 1209600}
  events: {kind: sqs_queue, fifo: true, aws: {tags: {team: billing}}}
"""


def _provision(endpoint) -> dict[str, str]:
    sqs = endpoint.client("sqs", "eu-west-1")
    dlq = sqs.create_queue(QueueName="orders-dlq", Attributes={
        "MessageRetentionPeriod": "1209600", "SqsManagedSseEnabled": "true"})["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    orders = sqs.create_queue(QueueName="orders", Attributes={
        "VisibilityTimeout": "60", "SqsManagedSseEnabled": "true",
        "RedrivePolicy": f'{{"deadLetterTargetArn": "{dlq_arn}", "maxReceiveCount": 3}}'})[
        "QueueUrl"]
    sqs.create_queue(QueueName="audit-events.fifo", tags={"team": "billing"}, Attributes={
        "FifoQueue": "true", "SqsManagedSseEnabled": "true"})
    return {"orders": orders, "orders-dlq": dlq}


def _change(endpoint, ids) -> None:
    endpoint.client("sqs", "eu-west-1").set_queue_attributes(
        QueueUrl=ids["orders"], Attributes={"VisibilityTimeout": "5"})


def test_the_sqs_reader(moto, tmp_path) -> None:
    check_reader(ReaderCase(MODEL, _provision, _change, lambda ids: [
        ("DRIFTED", "orders", "visibility_timeout", "60", "5")], "sqs:*"), moto, tmp_path)
