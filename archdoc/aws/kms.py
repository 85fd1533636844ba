"""KMS: the region's customer managed keys (aliases, rotation, usage, tags); AWS managed keys
are left out."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "kms"
# what the collector below may call: a key's description and settings, never its material
OPERATIONS = frozenset({"ListKeys", "ListAliases", "DescribeKey", "GetKeyRotationStatus",
                        "ListResourceTags"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    aliases: dict[str, list[str]] = {}
    for alias in paginate(client, "list_aliases", "Aliases"):
        if alias.get("TargetKeyId"):
            aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    keys = []
    for listed in paginate(client, "list_keys", "Keys"):
        metadata = client.describe_key(KeyId=listed["KeyId"])["KeyMetadata"]
        if metadata.get("KeyManager") == "AWS" or metadata.get("KeyState") == "PendingDeletion":
            continue
        rotation = metadata.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT" and \
            client.get_key_rotation_status(KeyId=listed["KeyId"]).get("KeyRotationEnabled")
        tags = {t["TagKey"]: t["TagValue"] for t in client.list_resource_tags(
            KeyId=listed["KeyId"]).get("Tags", [])}
        keys.append({**metadata, "Aliases": aliases.get(listed["KeyId"], []),
                     "RotationEnabled": bool(rotation), "Tags": tags})
    return {"keys": keys}
