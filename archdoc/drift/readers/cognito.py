"""Cognito user pools: MFA, password length, threat protection."""

from __future__ import annotations

from archdoc.aws import cognito
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.api import CognitoUserPool


def _pools(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["Id"], raw, arn=raw.get("Arn"), name=raw["Name"],
                       tags=dict(raw.get("UserPoolTags") or {}))
            for raw in snapshot.data["cognito-idp"]["user_pools"]]


def cognito_user_pool(ctx: DriftContext, rid: str, res: CognitoUserPool, live: LiveObject
                      ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("mfa", res.mfa, raw.get("MfaConfiguration", "OFF"))
    length = ((raw.get("Policies") or {}).get("PasswordPolicy") or {}).get("MinimumLength", 8)
    check("password_min_length", res.password_min_length, length)
    check("threat_protection", res.threat_protection,
          (raw.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode", "OFF"))
    return diffs


READERS = {
    "cognito_user_pool": KindReader(cognito, cognito_user_pool, _pools,
                                    natural_name=lambda rid, res: res.name or rid),
}
