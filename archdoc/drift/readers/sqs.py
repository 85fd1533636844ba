"""SQS queues: FIFO, encryption at rest, timeouts and the dead-letter queue."""

from __future__ import annotations

import json

from archdoc.aws import sqs
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, unresolved
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.messaging import SqsQueue
from archdoc.text import say


def _queues(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["Attributes"].get("QueueArn", raw["QueueUrl"]), raw,
                       arn=raw["Attributes"].get("QueueArn"), name=raw["Name"],
                       tags=dict(raw["Tags"]))
            for raw in snapshot.data["sqs"]["queues"]]


def _encryption(attributes: dict[str, str]) -> str:
    if attributes.get("KmsMasterKeyId"):
        return "SSE-KMS"
    return "SSE-SQS" if attributes.get("SqsManagedSseEnabled", "false") == "true" else "none"


def sqs_queue(ctx: DriftContext, rid: str, res: SqsQueue, live: LiveObject) -> list[Diff]:
    attributes = live.raw["Attributes"]
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("fifo", str(res.fifo).lower(), attributes.get("FifoQueue", "false"))
    check("encryption", res.encryption, _encryption(attributes))
    check("visibility_timeout", res.visibility_timeout, attributes.get("VisibilityTimeout"))
    check("message_retention", res.message_retention,
          attributes.get("MessageRetentionPeriod"))
    policy = json.loads(attributes.get("RedrivePolicy") or "{}")
    target = policy.get("deadLetterTargetArn")
    expected = ctx.ref(res.dead_letter_queue) if res.dead_letter_queue else say("(none)")
    if not unresolved(expected) and expected != (target or say("(none)")):
        diffs.append(Diff(("dead_letter_queue",), ctx.show(expected) if target else expected,
                          ctx.show(target) if target else say("(none)")))
    if res.dead_letter_queue and target:
        check("max_receive_count", res.max_receive_count, policy.get("maxReceiveCount"))
    return diffs


READERS = {
    "sqs_queue": KindReader(sqs, sqs_queue, _queues,
                            natural_name=lambda rid, res: res.queue_name(rid)),
}
