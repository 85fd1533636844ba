"""S3 buckets: public access block, default encryption, versioning, and whether the policy
lets anyone in (what AD-S3-003 reads)."""

from __future__ import annotations

from archdoc.drift.context import Diff, DriftContext
from archdoc.drift.live import LiveObject
from archdoc.model.resources import S3Bucket
from archdoc.text import say

_ALGORITHMS = {"AES256": "SSE-S3", "aws:kms": "SSE-KMS", "aws:kms:dsse": "DSSE-KMS"}
_BLOCK = {"block_public_acls": "BlockPublicAcls", "ignore_public_acls": "IgnorePublicAcls",
          "block_public_policy": "BlockPublicPolicy",
          "restrict_public_buckets": "RestrictPublicBuckets"}


def _show_block(settings: dict[str, bool]) -> str:
    if all(settings.values()):
        return "all four settings on"
    return ", ".join(f"{k}={str(v).lower()}" for k, v in settings.items())


def s3_bucket(ctx: DriftContext, rid: str, res: S3Bucket, live: LiveObject) -> list[Diff]:
    settings = ctx.data("s3")["settings"].get(live.id)
    if settings is None:
        return []
    diffs: list[Diff] = []
    block = settings["public_access_block"]
    wanted = {field: getattr(res.public_access_block, field) for field in _BLOCK}
    if block is None:  # none configured: nothing is blocked, one finding says so
        if any(wanted.values()):
            diffs.append(Diff(("public_access_block",), _show_block(wanted),
                              say("(none configured)"),
                              say("the bucket has no public access block")))
    else:
        for field, key in _BLOCK.items():
            actual = bool(block.get(key, False))
            if wanted[field] != actual:
                diffs.append(Diff(("public_access_block", field), str(wanted[field]).lower(),
                                  str(actual).lower()))
    rules = settings["encryption"] or []
    algorithm = next((r.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm")
                      for r in rules), None)
    # no configuration: AWS encrypts every new object with SSE-S3 (since January 2023)
    actual_encryption = _ALGORITHMS.get(str(algorithm), str(algorithm)) if algorithm \
        else "SSE-S3"
    if actual_encryption != res.encryption:
        diffs.append(Diff(("encryption",), res.encryption, actual_encryption))
    model_public = sorted({a for st in res.policy if st.public for a in st.actions})
    live_public = sorted(_public_actions(settings.get("policy") or []))
    if model_public != live_public:
        diffs.append(Diff(("policy",), _show_public(model_public), _show_public(live_public),
                          say("the bucket policy lets anyone in") if live_public else
                          say("the bucket policy no longer lets anyone in")))
    versioning = settings["versioning"] == "Enabled"
    if versioning != res.versioning:
        diffs.append(Diff(("versioning",), str(res.versioning).lower(),
                          settings["versioning"] or say("never enabled")))
    return diffs


def _public_actions(statements: list[dict]) -> set[str]:
    """The actions live Allow statements grant to anyone ('*'), without a condition."""
    found: set[str] = set()
    for st in statements:
        principal = st.get("Principal")
        anyone = principal == "*" or (isinstance(principal, dict) and (
            principal.get("AWS") == "*" or "*" in (principal.get("AWS") or [])))
        if st.get("Effect") == "Allow" and anyone and not st.get("Condition"):
            actions = st.get("Action", [])
            found.update([actions] if isinstance(actions, str) else actions)
    return found


def _show_public(actions: list[str]) -> str:
    return say("anyone may {actions}", actions=", ".join(actions)) if actions \
        else say("no statement for anyone")
