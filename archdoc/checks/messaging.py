"""Messaging: queues and topics keep what passes through them encrypted."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources.messaging import SqsQueue
from archdoc.text import say


def queues_encrypted(model: Architecture) -> Iterator[Outcome]:
    for rid, queue in model.all_of(SqsQueue).items():
        if queue.encryption == "none":
            yield Outcome(rid, False, say("{rid} keeps its messages unencrypted", rid=rid),
                          ("encryption",))
        else:
            yield Outcome(rid, True, say("{rid} encrypts its messages at rest ({how})", rid=rid,
                                         how=queue.encryption), ("encryption",))
