"""API Gateway HTTP APIs: each API the model describes, its routes and authorizers."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader

SERVICE = "apigatewayv2"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"GetApis", "GetRoutes", "GetAuthorizers"})


def _all(call: Any, key: str, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    token = None
    while True:
        page = call(**params, **({"NextToken": token} if token else {}))
        found += page.get(key, [])
        token = page.get("NextToken")
        if not token:
            return found


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    apis = []
    for api in _all(client.get_apis, "Items"):
        if api.get("ProtocolType") != "HTTP" or not wanted(
                scope, "api_gateway_http_api", api["Name"], api["ApiId"]):
            continue
        apis.append({**api, "Routes": _all(client.get_routes, "Items", ApiId=api["ApiId"]),
                     "Authorizers": _all(client.get_authorizers, "Items", ApiId=api["ApiId"])})
    return {"http_apis": apis}
