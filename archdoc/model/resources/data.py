"""Databases beside RDS: DynamoDB tables and ElastiCache clusters."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field
from archdoc.model.types import Ref


class DynamoDbTable(ResourceBase):
    """A DynamoDB table: a serverless key-value and document store."""

    DETAILS = ("partition_key",)
    kind: Literal["dynamodb_table"]
    name: str | None = Field(None, description="table name; default: the id")
    partition_key: str | None = Field(None, description="attribute name of the partition key")
    sort_key: str | None = None
    billing: Literal["PAY_PER_REQUEST", "PROVISIONED"] = "PAY_PER_REQUEST"
    encryption: Literal["AWS_OWNED", "AWS_MANAGED", "CUSTOMER_MANAGED"] = Field(
        "AWS_OWNED", description="key of the encryption at rest: AWS owned (the default), the "
                                 "AWS managed aws/dynamodb key, or a customer managed key")
    kms_key: Annotated[str, Ref("kms_key")] | None = Field(
        None, description="the customer managed key")
    point_in_time_recovery: bool = Field(False, description="continuous backups (35 days)")
    stream: bool = False
    deletion_protection: bool = False


class ElastiCacheCluster(ResourceBase):
    """An ElastiCache cluster (a Redis, Valkey or Memcached cache) in its subnets."""

    DETAILS = ("subnets",)
    kind: Literal["elasticache_cluster"]
    engine: Literal["redis", "valkey", "memcached"] = "redis"
    node_type: str | None = Field(None, description="e.g. cache.t4g.small")
    nodes: int = Field(1, ge=1, le=500)
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="the cache subnet group")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    transit_encryption: bool = Field(False, description="TLS between clients and the cache")
    at_rest_encryption: bool = Field(False, description="encrypted storage and backups")
    kms_key: Annotated[str, Ref("kms_key")] | None = None
    auth: bool = Field(False, description="clients authenticate (AUTH token or RBAC)")
    multi_az: bool = False
