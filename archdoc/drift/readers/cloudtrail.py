"""CloudTrail trails: multi-region, log file validation, bucket, key, logging."""

from __future__ import annotations

from archdoc.aws import cloudtrail
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.security import CloudTrailTrail
from archdoc.text import say


def _trails(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["TrailARN"], raw, arn=raw["TrailARN"], name=raw["Name"],
                       tags=dict(raw["Tags"])) for raw in snapshot.data["cloudtrail"]["trails"]]


def cloudtrail_trail(ctx: DriftContext, rid: str, res: CloudTrailTrail, live: LiveObject
                     ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("multi_region", str(res.multi_region).lower(),
          str(bool(raw.get("IsMultiRegionTrail"))).lower())
    check("log_file_validation", str(res.log_file_validation).lower(),
          str(bool(raw.get("LogFileValidationEnabled"))).lower())
    check("organization", str(res.organization).lower(),
          str(bool(raw.get("IsOrganizationTrail"))).lower())
    if res.bucket and ctx.live_id(res.bucket):
        check("bucket", ctx.ref(res.bucket), raw.get("S3BucketName"))
    if res.kms_key and ctx.key_matches(res.kms_key, raw.get("KmsKeyId")) is False:
        diffs.append(Diff(("kms_key",), ctx.ref(res.kms_key),
                          str(raw.get("KmsKeyId") or say("(none)"))))
    if not raw.get("IsLogging"):
        diffs.append(Diff((), "logging", say("stopped"), say("the trail records nothing"),
                          attribute="status"))
    return diffs


READERS = {
    "cloudtrail_trail": KindReader(cloudtrail, cloudtrail_trail, _trails,
                                   natural_name=lambda rid, res: res.name or rid),
}
