"""S3 buckets: public access block, encryption and versioning."""

from __future__ import annotations

from archdoc.aws import s3
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import storage
from archdoc.drift.live import LiveObject, arn_of
from archdoc.drift.reader import KindReader


def _buckets(snapshot: Snapshot) -> list[LiveObject]:
    settings = snapshot.data["s3"]["settings"]
    return [LiveObject(raw["Name"], raw, arn=arn_of(snapshot.identity, "s3", raw["Name"],
                                                    region=None, account=False),
                       name=raw["Name"], tags=dict(settings.get(raw["Name"], {}).get("tags", {})))
            for raw in snapshot.data["s3"]["buckets"]]


READERS = {
    "s3_bucket": KindReader(s3, storage.s3_bucket, _buckets, any_region=True,
                            natural_name=lambda rid, res: res.bucket_name),
}
