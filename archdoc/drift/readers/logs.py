"""CloudWatch Logs log groups: retention and key."""

from __future__ import annotations

from archdoc.aws import logs
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.security import LogGroup
from archdoc.text import say


def _groups(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["logGroupName"], raw, arn=str(raw.get("arn", "")).removesuffix(":*"),
                       name=raw["logGroupName"], tags=dict(raw["Tags"]))
            for raw in snapshot.data["logs"]["log_groups"]]


def log_group(ctx: DriftContext, rid: str, res: LogGroup, live: LiveObject) -> list[Diff]:
    diffs: list[Diff] = []
    retention = live.raw.get("retentionInDays")
    if retention != res.retention_days:
        diffs.append(Diff(("retention_days",), str(res.retention_days or say("forever")),
                          str(retention or say("forever"))))
    key = live.raw.get("kmsKeyId")
    if res.kms_key and ctx.key_matches(res.kms_key, key) is False:
        diffs.append(Diff(("kms_key",), ctx.ref(res.kms_key), str(key or say("(none)"))))
    return diffs


READERS = {
    "log_group": KindReader(logs, log_group, _groups,
                            natural_name=lambda rid, res: res.name or rid),
}
