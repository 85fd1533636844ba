"""EKS clusters: version, endpoint access, subnets, secrets encryption."""

from __future__ import annotations

from archdoc.aws import eks
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.containers import EksCluster
from archdoc.text import say


def _clusters(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["arn"], raw, arn=raw["arn"], name=raw["name"],
                       tags=dict(raw.get("tags") or {}))
            for raw in snapshot.data["eks"]["clusters"]]


def eks_cluster(ctx: DriftContext, rid: str, res: EksCluster, live: LiveObject) -> list[Diff]:
    raw = live.raw
    vpc = raw.get("resourcesVpcConfig") or {}
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if expected is not None and str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("version", res.version, raw.get("version"))
    check("endpoint_public", str(res.endpoint_public).lower(),
          str(bool(vpc.get("endpointPublicAccess", True))).lower())
    check("endpoint_private", str(res.endpoint_private).lower(),
          str(bool(vpc.get("endpointPrivateAccess"))).lower())
    if res.endpoint_public:
        live_cidrs = set(vpc.get("publicAccessCidrs") or ["0.0.0.0/0"])
        if live_cidrs != set(res.public_access_cidrs):
            diffs.append(Diff(("public_access_cidrs",), as_set(res.public_access_cidrs),
                              as_set(live_cidrs)))
    expected = ctx.refs(res.subnets)
    actual = set(vpc.get("subnetIds") or [])
    if res.subnets and expected != actual:
        diffs.append(Diff(("subnets",), as_set(ctx.show(s) for s in expected),
                          as_set(ctx.show(s) for s in actual)))
    encrypted = any("secrets" in (c.get("resources") or []) for c in raw.get("encryptionConfig")
                    or [])
    if bool(res.secrets_key) != encrypted:
        diffs.append(Diff(("secrets_key",), ctx.ref(res.secrets_key) if res.secrets_key
                          else say("(none)"), say("(none)") if not encrypted else "KMS"))
    return diffs


READERS = {
    "eks_cluster": KindReader(eks, eks_cluster, _clusters,
                              natural_name=lambda rid, res: res.name or rid),
}
