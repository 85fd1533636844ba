"""CloudFormation properties to the fields of the kinds at the edge: APIs, user pools, DNS
zones and records, certificates, distributions."""

from __future__ import annotations

from typing import Any

from archdoc.importing import Found
from archdoc.importing.context import Context
from archdoc.importing.fields import choice, dig, number, shaped, text, texts
from archdoc.model.resources.edge import ALIAS_TARGETS


@shaped("api_gateway_rest_api")
def _rest(f: Found, ctx: Context) -> dict[str, Any]:
    return {"name": text(f.props.get("Name")),
            "endpoint": choice(dig(f.props, "EndpointConfiguration", "Types", 0),
                               ("EDGE", "REGIONAL", "PRIVATE"), upper=True), "routes": []}


@shaped("api_gateway_http_api")
def _http(f: Found, ctx: Context) -> dict[str, Any]:
    return {"name": text(f.props.get("Name")),
            "cors_origins": texts(dig(f.props, "CorsConfiguration", "AllowOrigins")),
            "routes": []}


@shaped("cognito_user_pool")
def _pool(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"name": text(p.get("UserPoolName")),
            "mfa": choice(p.get("MfaConfiguration"), ("OFF", "OPTIONAL", "ON"), upper=True),
            "password_min_length": number(dig(p, "Policies", "PasswordPolicy", "MinimumLength")),
            "threat_protection": choice(dig(p, "UserPoolAddOns", "AdvancedSecurityMode"),
                                        ("OFF", "AUDIT", "ENFORCED"), upper=True)}


@shaped("route53_zone")
def _zone(f: Found, ctx: Context) -> dict[str, Any]:
    name = text(f.props.get("Name"))
    return {"domain": name.rstrip(".") if name else None,
            "private": True if f.props.get("VPCs") else None}


RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "SOA", "SPF",
                "NAPTR", "DS")


def record(props: dict[str, Any], ctx: Context) -> dict[str, Any]:
    name = text(props.get("Name"))
    alias = dig(props, "AliasTarget", "DNSName")
    zone = ctx.id(props.get("HostedZoneId"), "route53_zone")
    if zone is None and text(props.get("HostedZoneName")):
        wanted = str(props["HostedZoneName"]).rstrip(".")
        zone = next((rid for rid, r in ctx.out.items() if r.get("kind") == "route53_zone"
                     and r.get("domain") == wanted), None)
    return {"zone": zone, "name": name.rstrip(".") if name else None,
            "type": choice(props.get("Type"), RECORD_TYPES, upper=True),
            "alias_target": ctx.id(alias, *ALIAS_TARGETS),
            "values": texts(props.get("ResourceRecords"))}


@shaped("route53_record")
def _record(f: Found, ctx: Context) -> dict[str, Any]:
    return record(f.props, ctx)


@shaped("acm_certificate")
def _certificate(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"domain": text(p.get("DomainName")),
            "subject_alternative_names": texts(p.get("SubjectAlternativeNames")),
            "validation": choice(p.get("ValidationMethod"), ("DNS", "EMAIL"), upper=True)}


@shaped("cloudfront_distribution")
def _distribution(f: Found, ctx: Context) -> dict[str, Any]:
    config = f.props.get("DistributionConfig") or {}
    origins = []
    for o in config.get("Origins") or []:
        if not isinstance(o, dict):
            continue
        target = ctx.id(o.get("DomainName"), "s3_bucket", "alb", "nlb", "api_gateway_rest_api",
                        "api_gateway_http_api", "ec2_instance", "lambda_function")
        if target:
            origins.append({"target": target,
                            "origin_access_control": True if o.get("OriginAccessControlId")
                            or dig(o, "S3OriginConfig", "OriginAccessIdentity") else None,
                            "protocol_policy": choice(dig(o, "CustomOriginConfig",
                                                          "OriginProtocolPolicy"),
                                                      ("http-only", "https-only",
                                                       "match-viewer"))})
    return {"origins": origins, "aliases": texts(config.get("Aliases")),
            "certificate": ctx.id(dig(config, "ViewerCertificate", "AcmCertificateArn"),
                                  "acm_certificate"),
            "viewer_protocol_policy": choice(dig(config, "DefaultCacheBehavior",
                                                 "ViewerProtocolPolicy"),
                                             ("allow-all", "redirect-to-https", "https-only"))}


__all__ = ["RECORD_TYPES", "record"]
