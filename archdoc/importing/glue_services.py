"""Glue of the services outside the VPC: an API's methods, routes and authorizers, a web
ACL's associations, a key's alias, a secret's rotation, a group of DNS records."""

from __future__ import annotations

import re
from typing import Any

from archdoc.importing import Found, Ref
from archdoc.importing.context import Context, describe
from archdoc.importing.fields import dig, number, text
from archdoc.importing.glue import folds
from archdoc.importing.shapes_edge import record

_REF_IN_TEXT = re.compile(r"\$\{([A-Za-z0-9_.:-]+?)(?:\.[A-Za-z]+)?\}")


def _function_in(value: Any, ctx: Context) -> str | None:
    """The function an integration URI names (``arn:...:${Fn.Arn}/invocations``)."""
    direct = ctx.id(value)
    if direct:
        return direct
    for match in _REF_IN_TEXT.finditer(value if isinstance(value, str) else ""):
        rid = ctx.id(Ref(match.group(1)))
        if rid:
            return rid
    return None


def _resource_path(value: Any, ctx: Context) -> str:
    parts: list[str] = []
    key = ctx.key_of(value)
    while key and ctx.by_key[key].type == "AWS::ApiGateway::Resource" and len(parts) < 32:
        parts.insert(0, str(ctx.by_key[key].props.get("PathPart", "")))
        key = ctx.key_of(ctx.by_key[key].props.get("ParentId"))
    return "/" + "/".join(parts)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY")


@folds("AWS::ApiGateway::Method")
def _method(f: Found, ctx: Context) -> None:
    api = ctx.fold(f.props.get("RestApiId"), f)
    if api is None:
        return
    p = f.props
    method = str(p.get("HttpMethod", "ANY")).upper()
    auth = str(p.get("AuthorizationType", "NONE")).upper()
    api["routes"].append({
        "method": method if method in _METHODS else "ANY",
        "path": text(p.get("ResourcePath")) or _resource_path(p.get("ResourceId"), ctx),
        "integration": _function_in(dig(p, "Integration", "Uri"), ctx),
        "authorization": "iam" if auth == "AWS_IAM" else "none" if auth == "NONE" else None,
        "authorizer": _authorizer_name(p.get("AuthorizerId"), ctx)})


def _authorizer_name(value: Any, ctx: Context) -> str | None:
    key = ctx.key_of(value)
    if key is None:
        return None
    return text(ctx.by_key[key].props.get("Name")) or key


@folds("AWS::ApiGateway::Authorizer", "AWS::ApiGatewayV2::Authorizer")
def _authorizer(f: Found, ctx: Context) -> None:
    api = ctx.fold(f.props.get("RestApiId") or f.props.get("ApiId"), f)
    if api is None:
        return
    p = f.props
    kind = str(p.get("Type") or p.get("AuthorizerType", "")).upper()
    pool = ctx.id((p.get("ProviderARNs") or [None])[0], "cognito_user_pool")
    function = _function_in(p.get("AuthorizerUri"), ctx)
    found = {"name": text(p.get("Name")) or f.key}
    if kind == "COGNITO_USER_POOLS" and pool:
        found.update(type="cognito", user_pool=pool)
    elif kind in ("TOKEN", "REQUEST") and function:
        found.update(type="lambda", function=function)
    elif kind == "JWT":
        found.update(type="jwt")
    else:
        return
    api.setdefault("authorizers", []).append(found)


@folds("AWS::ApiGatewayV2::Route")
def _http_route(f: Found, ctx: Context) -> None:
    api = ctx.fold(f.props.get("ApiId"), f)
    if api is None:
        return
    p = f.props
    route_key = text(p.get("RouteKey")) or "$default"
    method, _, path = route_key.partition(" ")
    target = p.get("Target")
    integration = _function_in(target, ctx)
    if integration is None and isinstance(target, str):  # integrations/${Integration}
        key = next((m.group(1) for m in _REF_IN_TEXT.finditer(target)), None)
        if key and key in ctx.by_key:
            integration = _function_in(ctx.by_key[key].props.get("IntegrationUri"), ctx)
    api["routes"].append({"method": method if method in _METHODS else "ANY",
                          "path": path or "/", "integration": integration,
                          "authorization": "iam" if str(p.get("AuthorizationType")).upper()
                          == "AWS_IAM" else None,
                          "authorizer": _authorizer_name(p.get("AuthorizerId"), ctx)})


@folds("AWS::WAFv2::WebACLAssociation")
def _waf_association(f: Found, ctx: Context) -> None:
    acl = ctx.fold(f.props.get("WebACLArn"), f)
    target = ctx.id(f.props.get("ResourceArn"), "alb", "api_gateway_rest_api",
                    "cognito_user_pool", "cloudfront_distribution")
    if acl is not None and target and target not in acl["protects"]:
        acl["protects"].append(target)


@folds("AWS::KMS::Alias")
def _alias(f: Found, ctx: Context) -> None:
    key = ctx.fold(f.props.get("TargetKeyId"), f)
    if key is not None and key.get("kind") == "kms_key":
        key["alias"] = text(f.props.get("AliasName"))


@folds("AWS::SecretsManager::RotationSchedule")
def _rotation(f: Found, ctx: Context) -> None:
    secret = ctx.fold(f.props.get("SecretId"), f)
    if secret is not None and secret.get("kind") == "secretsmanager_secret":
        secret["rotation_days"] = number(dig(f.props, "RotationRules",
                                             "AutomaticallyAfterDays")) or 30


@folds("AWS::Route53::RecordSetGroup")
def _record_group(f: Found, ctx: Context) -> None:
    """Each record of the group is a record of the model."""
    for i, entry in enumerate(f.props.get("RecordSets") or []):
        if not isinstance(entry, dict):
            continue
        props = {**{k: f.props[k] for k in ("HostedZoneId", "HostedZoneName")
                    if k in f.props}, **entry}
        rid = ctx.ids.get(f.key) or f"{f.key.lower()}-{i + 1}"
        rid = f"{rid}-{i + 1}" if rid in ctx.out else rid
        ctx.out[rid] = {"kind": "route53_record", "label": text(entry.get("Name")) or rid,
                        **record(props, ctx)}
        ctx.folded.add(f.key)
        ctx.origins[rid].append(f"{describe(f)}, record {i + 1}")


__all__: list[str] = []
