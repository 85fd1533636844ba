"""KMS keys: rotation, usage, multi-Region, state; found by alias, id, ARN or tags."""

from __future__ import annotations

from archdoc.aws import kms
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.security import KmsKey
from archdoc.text import say


def _keys(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["KeyId"], raw, arn=raw["Arn"],
                       name=sorted(raw["Aliases"])[0] if raw["Aliases"] else None,
                       tags=dict(raw["Tags"])) for raw in snapshot.data["kms"]["keys"]]


def kms_key(ctx: DriftContext, rid: str, res: KmsKey, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    if res.alias and res.alias not in raw["Aliases"]:
        diffs.append(Diff(("alias",), res.alias, ", ".join(raw["Aliases"]) or say("(none)")))
    check("usage", res.usage, raw.get("KeyUsage", "ENCRYPT_DECRYPT"))
    if res.usage == "ENCRYPT_DECRYPT":
        check("rotation", str(res.rotation).lower(), str(raw["RotationEnabled"]).lower())
    check("multi_region", str(res.multi_region).lower(), str(bool(raw.get("MultiRegion"))).lower())
    if raw.get("KeyState", "Enabled") != "Enabled":
        diffs.append(Diff((), "Enabled", str(raw.get("KeyState")), say("key not enabled"),
                          attribute="state"))
    return diffs


def _alias(rid: str, res: KmsKey) -> str | None:
    return res.alias


READERS = {"kms_key": KindReader(kms, kms_key, _keys, natural_name=_alias)}
