"""API Gateway REST APIs: each API the model describes, its methods and authorizers."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "apigateway"
# what the collector below may call: an API's shape, never its keys (no GetApiKey(s),
# GetExport or GetSdk)
OPERATIONS = frozenset({"GetRestApis", "GetResources", "GetAuthorizers"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    apis = []
    for api in paginate(client, "get_rest_apis", "items"):
        if not wanted(scope, "api_gateway_rest_api", api["name"], api["id"]):
            continue
        resources = paginate(client, "get_resources", "items", restApiId=api["id"],
                             embed=["methods"])
        authorizers = client.get_authorizers(restApiId=api["id"]).get("items", [])
        apis.append({**api, "resources": resources, "authorizers": authorizers})
    return {"rest_apis": apis}
