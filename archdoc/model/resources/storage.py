"""Storage and data: buckets, databases and secrets."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict
from archdoc.model.types import Ref


class PublicAccessBlock(Strict):
    block_public_acls: bool = True
    ignore_public_acls: bool = True
    block_public_policy: bool = True
    restrict_public_buckets: bool = True


class BucketNotification(Strict):
    events: list[str] = Field(min_length=1, description="e.g. s3:ObjectCreated:*")
    function: Annotated[str, Ref("lambda_function")]
    prefix: str | None = None
    suffix: str | None = None


class BucketPolicyStatement(Strict):
    """One statement of the bucket's policy."""

    sid: str | None = None
    effect: Literal["Allow", "Deny"] = "Allow"
    principals: list[str] = Field(
        min_length=1, description="who: '*' (anyone), an account or role ARN, or a service "
                                  "such as cloudfront.amazonaws.com")
    actions: list[str] = Field(min_length=1, description="e.g. s3:GetObject")
    resources: list[str] = Field(default_factory=lambda: ["*"],
                                 description="ARNs or paths in the bucket, e.g. /public/*")
    conditions: dict[str, dict[str, str | list[str]]] = Field(
        default_factory=dict, description="IAM condition block, e.g. "
                                          "{StringEquals: {aws:SourceVpce: vpce-0abc}}")

    @property
    def public(self) -> bool:
        """Anyone, unconditionally."""
        return self.effect == "Allow" and "*" in self.principals and not self.conditions


class S3Bucket(ResourceBase):
    DETAILS = ("bucket_name",)
    kind: Literal["s3_bucket"]
    bucket_name: str | None = Field(None, min_length=3, max_length=63)
    public_access_block: PublicAccessBlock = Field(default_factory=PublicAccessBlock)
    encryption: Literal["SSE-S3", "SSE-KMS", "DSSE-KMS", "none"] = "SSE-S3"
    versioning: bool = False
    policy: list[BucketPolicyStatement] = Field(
        default_factory=list, description="the bucket policy's statements")
    notifications: list[BucketNotification] = Field(
        default_factory=list, description="event notifications to Lambda functions")


class RdsInstance(ResourceBase):
    DETAILS = ("engine", "subnets")
    kind: Literal["rds_instance"]
    engine: str | None = None
    instance_class: str | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="DB subnet group")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    multi_az: bool = False
    publicly_accessible: bool = False
    storage_encrypted: bool = True
    master_user_secret: Annotated[str, Ref("secretsmanager_secret")] | None = Field(
        None, description="secret holding the master password")


class SecretsManagerSecret(ResourceBase):
    kind: Literal["secretsmanager_secret"]
    name: str | None = Field(None, description="secret name")
    rotation_days: int | None = Field(None, ge=1, le=1000, description="automatic rotation")
    kms_key: str | None = Field(None, description="KMS key id or alias; default aws/secretsmanager")
