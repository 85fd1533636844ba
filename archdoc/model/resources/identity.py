"""Identity: IAM roles and their policies."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict
from archdoc.model.types import Ref

POLICY_TARGETS = ("secretsmanager_secret", "s3_bucket", "dynamodb_table", "sqs_queue",
                  "sns_topic", "kms_key", "log_group")


class PolicyStatement(Strict):
    effect: Literal["Allow", "Deny"] = "Allow"
    actions: list[str] = Field(min_length=1)
    resources: list[str] = Field(default_factory=lambda: ["*"], description="ARNs or *")
    resource_ids: list[Annotated[str, Ref(*POLICY_TARGETS)]] = Field(
        default_factory=list, description="model resources the statement applies to (their "
                                          "ARNs are looked up in the account)")


class InlinePolicy(Strict):
    name: str
    statements: list[PolicyStatement] = Field(min_length=1)


class IamRole(ResourceBase):
    kind: Literal["iam_role"]
    name: str | None = None
    trusted_services: list[str] = Field(default_factory=list, description="e.g. ec2.amazonaws.com")
    managed_policies: list[str] = Field(default_factory=list, description="names or ARNs")
    inline_policies: list[InlinePolicy] = Field(default_factory=list)
