"""API Gateway HTTP APIs: routes and their authorisation, authorizers."""

from __future__ import annotations

from archdoc.aws import apigatewayv2
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject, arn_of
from archdoc.drift.reader import KindReader
from archdoc.model.resources.api import ApiGatewayHttpApi

_AUTH = {"NONE": "none", "AWS_IAM": "iam", "JWT": "authorizer", "CUSTOM": "authorizer"}


def _apis(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["ApiId"], raw, name=raw["Name"], tags=dict(raw.get("Tags") or {}),
                       arn=arn_of(snapshot.identity, "apigateway", f"/apis/{raw['ApiId']}",
                                  account=False))
            for raw in snapshot.data["apigatewayv2"]["http_apis"]]


def api_gateway_http_api(ctx: DriftContext, rid: str, res: ApiGatewayHttpApi,
                         live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    routes = {r.get("RouteKey"): _AUTH.get(r.get("AuthorizationType", "NONE"), "authorizer")
              for r in raw.get("Routes") or []}
    for i, route in enumerate(res.routes):
        key = f"{route.method} {route.path}"
        if key not in routes:
            diffs.append(Diff(("routes", i), key, as_set(routes), attribute=f"routes[{i}]"))
        elif routes[key] != route.authorised_by:
            diffs.append(Diff(("routes", i, "authorization"), route.authorised_by, routes[key]))
    names = {a.get("Name") for a in raw.get("Authorizers") or []}
    expected = {a.name for a in res.authorizers}
    if expected != names:
        diffs.append(Diff(("authorizers",), as_set(expected), as_set(names)))
    return diffs


READERS = {
    "api_gateway_http_api": KindReader(apigatewayv2, api_gateway_http_api, _apis,
                                       natural_name=lambda rid, res: res.name or rid),
}
