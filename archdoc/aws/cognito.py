"""Cognito user pools: MFA, password policy and threat protection of those the model
describes (never a user)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "cognito-idp"
# what the collector below may call: a pool's settings (no ListUsers, no AdminGetUser)
OPERATIONS = frozenset({"ListUserPools", "DescribeUserPool", "GetUserPoolMfaConfig"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    pools = []
    token = None
    while True:
        page = client.list_user_pools(MaxResults=60, **({"NextToken": token} if token else {}))
        for listed in page.get("UserPools", []):
            if wanted(scope, "cognito_user_pool", listed["Name"], listed["Id"]):
                pool = client.describe_user_pool(UserPoolId=listed["Id"])["UserPool"]
                # the MFA setting itself: DescribeUserPool's copy of it may lag behind
                # SetUserPoolMfaConfig (moto's does)
                mfa = client.get_user_pool_mfa_config(UserPoolId=listed["Id"])
                pools.append({**pool, "MfaConfiguration": mfa.get(
                    "MfaConfiguration", pool.get("MfaConfiguration", "OFF"))})
        token = page.get("NextToken")
        if not token:
            return {"user_pools": pools}
