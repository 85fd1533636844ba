"""API Gateway REST APIs: endpoint type, authorizers and each method's authorisation."""

from __future__ import annotations

from archdoc.aws import apigateway
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject, arn_of
from archdoc.drift.reader import KindReader
from archdoc.model.resources.api import ApiGatewayRestApi

_AUTH = {"NONE": "none", "AWS_IAM": "iam", "COGNITO_USER_POOLS": "authorizer",
         "CUSTOM": "authorizer"}


def _apis(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["id"], raw, name=raw["name"], tags=dict(raw.get("tags") or {}),
                       arn=arn_of(snapshot.identity, "apigateway", f"/restapis/{raw['id']}",
                                  account=False))
            for raw in snapshot.data["apigateway"]["rest_apis"]]


def api_gateway_rest_api(ctx: DriftContext, rid: str, res: ApiGatewayRestApi,
                         live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    types = (raw.get("endpointConfiguration") or {}).get("types") or ["EDGE"]
    if res.endpoint not in types:
        diffs.append(Diff(("endpoint",), res.endpoint, ", ".join(types)))
    methods = {}
    for resource in raw.get("resources") or []:
        for verb, method in (resource.get("resourceMethods") or {}).items():
            methods[f"{verb} {resource.get('path')}"] = _AUTH.get(
                method.get("authorizationType", "NONE"), "authorizer")
    for i, route in enumerate(res.routes):
        key = f"{route.method} {route.path}"
        if key not in methods:
            diffs.append(Diff(("routes", i), key, as_set(methods), attribute=f"routes[{i}]"))
        elif methods[key] != route.authorised_by:
            diffs.append(Diff(("routes", i, "authorization"), route.authorised_by,
                              methods[key]))
    names = {a.get("name") for a in raw.get("authorizers") or []}
    expected = {a.name for a in res.authorizers}
    if expected != names:
        diffs.append(Diff(("authorizers",), as_set(expected), as_set(names)))
    return diffs


READERS = {
    "api_gateway_rest_api": KindReader(apigateway, api_gateway_rest_api, _apis,
                                       natural_name=lambda rid, res: res.name or rid),
}
