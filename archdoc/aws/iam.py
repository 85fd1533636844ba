"""IAM: every role with its trust policy, managed and inline policies and instance profiles,
in one paginated call (GetAccountAuthorizationDetails) instead of three per role."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "iam"


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    roles: list[dict[str, Any]] = []
    for page in client.get_paginator("get_account_authorization_details").paginate(
            Filter=["Role"], PaginationConfig={"PageSize": 1000}):
        roles.extend(page.get("RoleDetailList", []))
    return {"roles": roles}
