"""DynamoDB tables: keys, billing, encryption, point-in-time recovery, streams."""

from __future__ import annotations

from typing import Any

from archdoc.aws import dynamodb
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.data import DynamoDbTable


def _tables(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["TableArn"], raw, arn=raw["TableArn"], name=raw["TableName"],
                       tags=dict(raw["Tags"])) for raw in snapshot.data["dynamodb"]["tables"]]


def _key(raw: dict[str, Any], key_type: str) -> str | None:
    return next((k["AttributeName"] for k in raw.get("KeySchema", [])
                 if k.get("KeyType") == key_type), None)


def dynamodb_table(ctx: DriftContext, rid: str, res: DynamoDbTable, live: LiveObject
                   ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if expected is not None and str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("partition_key", res.partition_key, _key(raw, "HASH"))
    check("sort_key", res.sort_key or "(none)", _key(raw, "RANGE") or "(none)")
    check("billing", res.billing,
          (raw.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED"))
    sse = raw.get("SSEDescription") or {}
    kms = sse.get("SSEType") == "KMS" and sse.get("Status", "ENABLED") in ("ENABLED", "UPDATING")
    check("encryption", "AWS_OWNED" if res.encryption == "AWS_OWNED" else "KMS",
          "KMS" if kms else "AWS_OWNED")
    if kms and res.kms_key and ctx.key_matches(res.kms_key, sse.get("KMSMasterKeyArn")) is False:
        diffs.append(Diff(("kms_key",), ctx.ref(res.kms_key), str(sse.get("KMSMasterKeyArn"))))
    recovery = (raw["ContinuousBackups"].get("PointInTimeRecoveryDescription") or {}).get(
        "PointInTimeRecoveryStatus") == "ENABLED"
    check("point_in_time_recovery", str(res.point_in_time_recovery).lower(),
          str(recovery).lower())
    stream = bool((raw.get("StreamSpecification") or {}).get("StreamEnabled"))
    check("stream", str(res.stream).lower(), str(stream).lower())
    check("deletion_protection", str(res.deletion_protection).lower(),
          str(bool(raw.get("DeletionProtectionEnabled"))).lower())
    return diffs


READERS = {
    "dynamodb_table": KindReader(dynamodb, dynamodb_table, _tables,
                                 natural_name=lambda rid, res: res.name or rid),
}
