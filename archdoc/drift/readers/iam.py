"""IAM roles, with their trust, policies and instance profiles."""

from __future__ import annotations

from archdoc.aws import iam
from archdoc.aws.collect import Snapshot
from archdoc.drift.compare import identity
from archdoc.drift.live import LiveObject, tags_of
from archdoc.drift.reader import KindReader


def _roles(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["RoleName"], raw, arn=raw["Arn"], name=raw["RoleName"],
                       tags=tags_of(raw))
            for raw in snapshot.data["iam"]["roles"]]


READERS = {
    "iam_role": KindReader(iam, identity.iam_role, _roles, any_region=True,
                           natural_name=lambda rid, res: res.name or rid),
}
