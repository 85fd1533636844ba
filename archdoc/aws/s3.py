"""S3: which buckets exist, and the public access block, encryption, versioning and policy of
those the model describes (S3 has no call that reads these for many buckets at once)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "s3"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"ListBuckets", "GetPublicAccessBlock", "GetBucketEncryption",
                        "GetBucketVersioning", "GetBucketTagging", "GetBucketPolicy"})

# errors that mean "this bucket has no such configuration", which is an answer, not a failure
_ABSENT = {"NoSuchPublicAccessBlockConfiguration", "ServerSideEncryptionConfigurationNotFoundError",
           "NoSuchTagSet", "NoSuchBucketPolicy"}


def _setting(client: Any, operation: str, bucket: str) -> dict[str, Any] | None:
    from botocore.exceptions import ClientError

    try:
        answer: dict[str, Any] = getattr(client, operation)(Bucket=bucket)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _ABSENT:
            return None
        raise
    return answer


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    buckets = paginate(client, "list_buckets", "Buckets")
    settings: dict[str, dict[str, Any]] = {}
    wanted = {n.removeprefix("arn:aws:s3:::") for n in scope.names("s3_bucket")}
    every = scope.all_of("s3_bucket")  # a bucket located by its tags may be any of them
    for bucket in buckets:
        name = bucket["Name"]
        if not every and name not in wanted:
            continue
        tagging = _setting(client, "get_bucket_tagging", name) or {}
        block = _setting(client, "get_public_access_block", name)
        encryption = _setting(client, "get_bucket_encryption", name)
        versioning = _setting(client, "get_bucket_versioning", name) or {}
        policy = _setting(client, "get_bucket_policy", name) or {}
        settings[name] = {
            "public_access_block": block and block.get("PublicAccessBlockConfiguration"),
            "encryption": encryption and encryption.get(
                "ServerSideEncryptionConfiguration", {}).get("Rules", []),
            "versioning": versioning.get("Status"),
            "tags": {t["Key"]: t["Value"] for t in tagging.get("TagSet", [])},
            "policy": _statements(policy.get("Policy")),
        }
    return {"buckets": buckets, "settings": settings}


def _statements(document: str | None) -> list[dict[str, Any]]:
    """The statements of a bucket policy (JSON text), [] for none or an unreadable one."""
    import json

    if not document:
        return []
    try:
        found = json.loads(document).get("Statement", [])
    except (ValueError, AttributeError):
        return []
    return [found] if isinstance(found, dict) else [s for s in found if isinstance(s, dict)]
