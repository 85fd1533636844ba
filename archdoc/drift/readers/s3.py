"""S3 buckets: public access block, encryption and versioning."""

from __future__ import annotations

from archdoc.aws import s3
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import storage
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader


def _buckets(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["Name"], raw, arn=f"arn:aws:s3:::{raw['Name']}", name=raw["Name"])
            for raw in snapshot.data["s3"]["buckets"]]


READERS = {
    "s3_bucket": KindReader(s3, storage.s3_bucket, _buckets,
                            natural_name=lambda rid, res: res.bucket_name),
}
