"""ACM certificates, in the region each lives in."""

from __future__ import annotations

from typing import Any

from archdoc.aws import acm
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import edge
from archdoc.drift.context import DriftContext
from archdoc.drift.live import LiveObject, tags_of
from archdoc.drift.reader import KindReader


def _certificates(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["CertificateArn"], {**raw, "_region": region},
                       arn=raw["CertificateArn"], name=raw.get("DomainName"),
                       tags=tags_of(raw))
            for region, certificates in snapshot.data["acm"]["certificates"].items()
            for raw in certificates]


def _in_its_region(ctx: DriftContext, res: Any, every: list[LiveObject]) -> list[LiveObject]:
    region = res.region or ctx.model.region
    return [c for c in every if c.raw["_region"] == region]


READERS = {
    "acm_certificate": KindReader(acm, edge.acm_certificate, _certificates, any_region=True,
                                  natural_name=lambda rid, res: res.domain,
                                  candidates=_in_its_region),
}
