"""Messaging: queues and topics keep what passes through them encrypted."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources.messaging import SnsTopic, SqsQueue
from archdoc.text import say


def queues_encrypted(model: Architecture) -> Iterator[Outcome]:
    for rid, queue in model.all_of(SqsQueue).items():
        if queue.encryption == "none":
            yield Outcome(rid, False, say("{rid} keeps its messages unencrypted", rid=rid),
                          ("encryption",))
        else:
            yield Outcome(rid, True, say("{rid} encrypts its messages at rest ({how})", rid=rid,
                                         how=queue.encryption), ("encryption",))


def topics_encrypted(model: Architecture) -> Iterator[Outcome]:
    for rid, topic in model.all_of(SnsTopic).items():
        if topic.is_encrypted:
            key = topic.kms_key or "aws/sns"
            yield Outcome(rid, True, say("{rid} encrypts its messages at rest with {key}",
                                         rid=rid, key=key), ("kms_key",),
                          (rid, topic.kms_key) if topic.kms_key else (rid,))
        else:
            yield Outcome(rid, False, say("{rid} keeps its messages unencrypted", rid=rid),
                          ("encrypted",))
