"""GuardDuty: the region's detector (there is at most one) and its state."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "guardduty"
# what the collector below may call: a detector's settings, never its findings
OPERATIONS = frozenset({"ListDetectors", "GetDetector"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    detectors = []
    for detector_id in map(str, paginate(client, "list_detectors", "DetectorIds")):
        found = client.get_detector(DetectorId=detector_id)
        found.pop("ResponseMetadata", None)
        detectors.append({**found, "DetectorId": detector_id})
    return {"detectors": detectors}
