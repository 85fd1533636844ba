"""Messaging: queues and topics that decouple the parts of an architecture."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from archdoc.model.resources.base import ResourceBase
from archdoc.model.types import Ref


class SqsQueue(ResourceBase):
    """An Amazon SQS queue."""

    kind: Literal["sqs_queue"]
    name: str | None = Field(None, max_length=80,
                             description="queue name (a FIFO queue's ends in .fifo); "
                                         "default: the id")
    fifo: bool = Field(False, description="first-in-first-out, exactly-once delivery")
    encryption: Literal["SSE-SQS", "SSE-KMS", "none"] = Field(
        "SSE-SQS", description="server-side encryption at rest (SSE-SQS is AWS's default)")
    kms_key: str | None = Field(None, description="KMS key id, ARN or alias, for SSE-KMS")
    visibility_timeout: int = Field(30, ge=0, le=43200,
                                    description="seconds a received message stays hidden")
    message_retention: int = Field(345600, ge=60, le=1209600,
                                   description="seconds a message is kept (default 4 days)")
    dead_letter_queue: Annotated[str, Ref("sqs_queue")] | None = Field(
        None, description="queue that receives messages that failed max_receive_count times")
    max_receive_count: int = Field(5, ge=1, le=1000,
                                   description="receives before a message goes to the "
                                               "dead-letter queue")

    def queue_name(self, rid: str) -> str:
        return self.name or (f"{rid}.fifo" if self.fifo else rid)
