"""ElastiCache replication groups: encryption in transit and at rest, AUTH, Multi-AZ."""

from __future__ import annotations

from archdoc.aws import elasticache
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.data import ElastiCacheCluster


def _groups(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["ReplicationGroupId"], raw, arn=raw.get("ARN"),
                       name=raw["ReplicationGroupId"], tags=dict(raw["Tags"]))
            for raw in snapshot.data["elasticache"]["replication_groups"]
            # a group being deleted is going away: the model's claim that it exists is false
            if raw.get("Status") != "deleting"]


def elasticache_cluster(ctx: DriftContext, rid: str, res: ElastiCacheCluster, live: LiveObject
                        ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if expected is not None and str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("transit_encryption", str(res.transit_encryption).lower(),
          str(bool(raw.get("TransitEncryptionEnabled"))).lower())
    check("at_rest_encryption", str(res.at_rest_encryption).lower(),
          str(bool(raw.get("AtRestEncryptionEnabled"))).lower())
    check("auth", str(res.auth).lower(), str(bool(raw.get("AuthTokenEnabled"))
                                             or bool(raw.get("UserGroupIds"))).lower())
    check("multi_az", str(res.multi_az).lower(), str(raw.get("MultiAZ") == "enabled").lower())
    check("node_type", res.node_type, raw.get("CacheNodeType"))
    return diffs


READERS = {
    "elasticache_cluster": KindReader(elasticache, elasticache_cluster, _groups,
                                      natural_name=lambda rid, res: rid),
}
