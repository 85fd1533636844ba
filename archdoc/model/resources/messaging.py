"""Messaging: queues and topics that decouple the parts of an architecture."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict, model_validator
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
    kms_key: Annotated[str, Ref("kms_key")] | None = Field(
        None, description="the customer managed key of SSE-KMS (omit: the AWS managed key)")
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


class Subscription(Strict):
    protocol: Literal["sqs", "lambda", "email", "email-json", "http", "https", "sms",
                      "firehose", "application"]
    endpoint: Annotated[str, Ref("sqs_queue", "lambda_function")] | None = Field(
        None, description="the model's queue or function (for sqs and lambda)")
    address: str | None = Field(None, description="e-mail address, URL or number otherwise")

    @model_validator(mode="after")
    def _has_an_endpoint(self) -> Subscription:
        if self.protocol in ("sqs", "lambda") and self.endpoint is None:
            raise ValueError(f"an {self.protocol} subscription needs an endpoint")
        return self


class SnsTopic(ResourceBase):
    """An Amazon SNS topic: messages published to it go to every subscription."""

    kind: Literal["sns_topic"]
    name: str | None = Field(None, max_length=256, description="topic name; default: the id")
    fifo: bool = False
    kms_key: Annotated[str, Ref("kms_key")] | None = Field(
        None, description="key of the encryption at rest (omit with encrypted: true for the "
                          "AWS managed aws/sns key)")
    encrypted: bool | None = Field(None, description="encrypted at rest; default: when a "
                                                     "kms_key is named")
    subscriptions: list[Subscription] = Field(default_factory=list)

    @property
    def is_encrypted(self) -> bool:
        return self.encrypted if self.encrypted is not None else self.kms_key is not None

    def topic_name(self, rid: str) -> str:
        return self.name or (f"{rid}.fifo" if self.fifo else rid)
