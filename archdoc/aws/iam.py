"""IAM: every role with its trust policy, managed and inline policies and instance profiles,
in one paginated call (GetAccountAuthorizationDetails) instead of three per role."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "iam"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"GetAccountAuthorizationDetails"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    return {"roles": paginate(client, "get_account_authorization_details", "RoleDetailList",
                              Filter=["Role"], PaginationConfig={"PageSize": 1000})}
