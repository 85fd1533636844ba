"""Users, DNS, certificates and the content delivery network in front of an architecture."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Before, Field, Strict
from archdoc.model.types import Ref


class Users(ResourceBase):
    """People or systems outside AWS that use the architecture."""

    kind: Literal["users"]


class Route53Zone(ResourceBase):
    DETAILS = ("domain",)
    kind: Literal["route53_zone"]
    domain: str | None = None
    private: bool = False


ALIAS_TARGETS = ("alb", "nlb", "cloudfront_distribution", "s3_bucket", "api_gateway_rest_api",
                 "api_gateway_http_api")


class Route53Record(ResourceBase):
    DETAILS = ("zone", "name")
    UNLOCATABLE = {"tags": "Route 53 records carry no tags", "arn": "Route 53 records have no ARN"}
    kind: Literal["route53_record"]
    zone: Annotated[str, Ref("route53_zone")] | None = None
    name: str | None = Field(None, description="fully qualified record name")
    type: Literal["A", "AAAA", "CNAME", "ALIAS", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "SOA",
                  "SPF", "NAPTR", "DS"] = "A"
    alias_target: Annotated[str, Ref(*ALIAS_TARGETS)] | None = None
    values: list[str] = Field(default_factory=list, description="plain record values")


class AcmCertificate(ResourceBase):
    DETAILS = ("domain",)
    kind: Literal["acm_certificate"]
    domain: str | None = None
    subject_alternative_names: list[str] = Field(default_factory=list)
    validation: Literal["DNS", "EMAIL", "imported"] = Field(
        "DNS", description="how ACM validated it; `imported` for a certificate brought in")
    region: str | None = Field(
        None, description="region the certificate lives in; default the model's region "
                          "(CloudFront needs us-east-1)")


def _origin_shorthand(value: Any) -> Any:
    """``origins: [web-alb]`` is short for ``origins: [{target: web-alb}]``."""
    return {"target": value} if isinstance(value, str) else value


class CloudFrontOrigin(Strict):
    target: Annotated[str, Ref("alb", "nlb", "s3_bucket", "ec2_instance", "lambda_function",
                               "api_gateway_rest_api", "api_gateway_http_api")]
    origin_access_control: bool = Field(
        False, description="S3 origin reached only through origin access control (OAC)")
    protocol_policy: Literal["http-only", "https-only", "match-viewer"] = Field(
        "https-only", description="protocol CloudFront uses towards the origin")


class CloudFrontDistribution(ResourceBase):
    DETAILS = ("origins",)
    kind: Literal["cloudfront_distribution"]
    origins: list[Annotated[CloudFrontOrigin, Before(_origin_shorthand)]] = Field(
        default_factory=list, description="origin ids, or mappings with target and settings")
    aliases: list[str] = Field(default_factory=list)
    certificate: Annotated[str, Ref("acm_certificate")] | None = None
    viewer_protocol_policy: Literal["allow-all", "redirect-to-https", "https-only"] = (
        "redirect-to-https"
    )
