"""Data stores: DynamoDB tables and ElastiCache clusters keep their data encrypted and
recoverable."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources.data import DynamoDbTable, ElastiCacheCluster
from archdoc.text import say


def tables_encrypted_with_kms(model: Architecture) -> Iterator[Outcome]:
    for rid, table in model.all_of(DynamoDbTable).items():
        involves = (rid, table.kms_key) if table.kms_key else (rid,)
        if table.encryption == "AWS_OWNED":
            yield Outcome(rid, False, say("{rid} is encrypted with an AWS owned key, which no "
                                          "key policy or CloudTrail event of the account "
                                          "covers", rid=rid), ("encryption",), involves)
        else:
            yield Outcome(rid, True, say("{rid} is encrypted with a KMS key ({how})", rid=rid,
                                         how=table.kms_key or "aws/dynamodb"),
                          ("encryption",), involves)


def tables_recoverable(model: Architecture) -> Iterator[Outcome]:
    for rid, table in model.all_of(DynamoDbTable).items():
        if table.point_in_time_recovery:
            yield Outcome(rid, True, say("{rid} can be restored to any second of the last 35 "
                                         "days", rid=rid), ("point_in_time_recovery",))
        else:
            yield Outcome(rid, False, say("{rid} has no point-in-time recovery", rid=rid),
                          ("point_in_time_recovery",))


def caches_encrypted_in_transit(model: Architecture) -> Iterator[Outcome]:
    for rid, cache in model.all_of(ElastiCacheCluster).items():
        if cache.transit_encryption:
            yield Outcome(rid, True, say("{rid} accepts only TLS connections", rid=rid),
                          ("transit_encryption",))
        else:
            yield Outcome(rid, False, say("{rid} accepts unencrypted connections", rid=rid),
                          ("transit_encryption",))
