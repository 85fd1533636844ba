"""Keys and audit: keys rotate, CloudTrail records every region provably, GuardDuty watches
every region the architecture uses."""

from __future__ import annotations

from collections.abc import Iterator

from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources.security import CloudTrailTrail, GuardDutyDetector, KmsKey
from archdoc.text import say


def keys_rotate(model: Architecture) -> Iterator[Outcome]:
    for rid, key in model.all_of(KmsKey).items():
        if key.usage != "ENCRYPT_DECRYPT":
            continue  # only symmetric encryption keys rotate automatically
        if key.rotation:
            yield Outcome(rid, True, say("{rid} rotates its key material every year", rid=rid),
                          ("rotation",))
        else:
            yield Outcome(rid, False, say("{rid} never rotates its key material", rid=rid),
                          ("rotation",))


def trails_cover_every_region(model: Architecture) -> Iterator[Outcome]:
    for rid, trail in model.all_of(CloudTrailTrail).items():
        if not trail.multi_region:
            yield Outcome(rid, False, say("{rid} records one region only", rid=rid),
                          ("multi_region",))
        elif not trail.log_file_validation:
            yield Outcome(rid, False, say("{rid} has no log file validation: a changed log "
                                          "cannot be told from a true one", rid=rid),
                          ("log_file_validation",))
        else:
            yield Outcome(rid, True, say("{rid} records every region with log file "
                                         "validation", rid=rid), ())


def regions_of(model: Architecture) -> list[str]:
    """The regions the model's resources live in: its own, and any a resource names."""
    found = [model.region]
    for res in model.resources.values():
        if res.region and res.region not in found:
            found.append(res.region)
    return found


def guardduty_everywhere(model: Architecture) -> Iterator[Outcome]:
    """Once the model has GuardDuty, it is on in each of its regions."""
    detectors = model.all_of(GuardDutyDetector)
    if not detectors:
        return
    on = {(d.region or model.region) for d in detectors.values() if d.enabled}
    first = next(iter(detectors))
    for rid, detector in detectors.items():
        if not detector.enabled:
            yield Outcome(rid, False, say("{rid} is suspended", rid=rid), ("enabled",))
    for region in regions_of(model):
        if region in on:
            rid = next(r for r, d in detectors.items() if (d.region or model.region) == region)
            yield Outcome(rid, True, say("GuardDuty is on in {region}", region=region), ())
        else:
            yield Outcome(first, False, say("no GuardDuty detector is on in {region}, where "
                                            "the architecture has resources", region=region),
                          (), tuple(detectors))
