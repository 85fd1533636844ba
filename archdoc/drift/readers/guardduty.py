"""GuardDuty: the region's one detector, on or suspended."""

from __future__ import annotations

from typing import Any

from archdoc.aws import guardduty
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject, arn_of
from archdoc.drift.reader import KindReader
from archdoc.model.resources.security import GuardDutyDetector

DETECTOR = "the region's detector"  # a region has at most one: it is found as that


def _detectors(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["DetectorId"], raw, name=DETECTOR, tags=dict(raw.get("Tags") or {}),
                       arn=arn_of(snapshot.identity, "guardduty", f"detector/{raw['DetectorId']}"))
            for raw in snapshot.data["guardduty"]["detectors"]]


def _on(raw: dict[str, Any], source: str) -> bool:
    sources = raw.get("DataSources") or {}
    features = {f.get("Name"): f.get("Status") for f in raw.get("Features") or []}
    return (sources.get(source) or {}).get("Status") == "ENABLED" or \
        features.get({"S3Logs": "S3_DATA_EVENTS"}.get(source, source)) == "ENABLED"


def guardduty_detector(ctx: DriftContext, rid: str, res: GuardDutyDetector, live: LiveObject
                       ) -> list[Diff]:
    enabled = live.raw.get("Status") == "ENABLED"
    if enabled != res.enabled:
        return [Diff(("enabled",), str(res.enabled).lower(), str(enabled).lower())]
    return []


READERS = {
    "guardduty_detector": KindReader(guardduty, guardduty_detector, _detectors,
                                     natural_name=lambda rid, res: DETECTOR),
}
