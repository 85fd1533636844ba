"""The Resource Groups Tagging API: every tagged resource of the region, with its ARN and
tags. How archdoc finds a resource of a type it has no reader for (existence and tags)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "resourcegroupstaggingapi"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"GetResources"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    return {"resources": paginate(client, "get_resources", "ResourceTagMappingList",
                                  ResourcesPerPage=100)}
