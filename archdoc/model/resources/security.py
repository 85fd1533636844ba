"""Security and audit: KMS keys, WAF, CloudTrail, GuardDuty, CloudWatch log groups."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict, model_validator
from archdoc.model.types import Ref


class KmsKey(ResourceBase):
    """A KMS key: what the resources that name it encrypt with."""

    kind: Literal["kms_key"]
    alias: str | None = Field(None, description="e.g. alias/orders")
    rotation: bool = Field(False, description="automatic yearly rotation of key material")
    multi_region: bool = False
    usage: Literal["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC"] = "ENCRYPT_DECRYPT"
    deletion_window: int = Field(30, ge=7, le=30, description="days before a deletion happens")


class WafRule(Strict):
    name: str
    priority: int = Field(ge=0)
    managed: str | None = Field(None, description="managed rule group, e.g. "
                                                  "AWSManagedRulesCommonRuleSet")
    rate_limit: int | None = Field(None, ge=10, description="requests per 5 minutes per IP")
    action: Literal["block", "count", "allow", "none"] = Field(
        "block", description="what a match does (none: the managed group's own actions)")


class WafWebAcl(ResourceBase):
    """A WAF web ACL: rules that inspect every request to what it protects."""

    kind: Literal["waf_web_acl"]
    name: str | None = Field(None, description="web ACL name; default: the id")
    scope: Literal["REGIONAL", "CLOUDFRONT"] = Field(
        "REGIONAL", description="CLOUDFRONT for a distribution (it lives in us-east-1)")
    default_action: Literal["allow", "block"] = "allow"
    rules: list[WafRule] = Field(default_factory=list)
    protects: list[Annotated[str, Ref("alb", "cloudfront_distribution",
                                      "api_gateway_rest_api", "cognito_user_pool")]] = Field(
        default_factory=list, description="the resources it is associated with")


class CloudTrailTrail(ResourceBase):
    """A CloudTrail trail: the account's API calls, logged to a bucket."""

    DETAILS = ("bucket",)
    kind: Literal["cloudtrail_trail"]
    name: str | None = Field(None, description="trail name; default: the id")
    multi_region: bool = Field(False, description="records every region's calls")
    log_file_validation: bool = Field(False, description="digest files prove the logs are "
                                                         "unchanged")
    bucket: Annotated[str, Ref("s3_bucket")] | None = None
    kms_key: Annotated[str, Ref("kms_key")] | None = None
    log_group: Annotated[str, Ref("log_group")] | None = Field(
        None, description="CloudWatch Logs group the events also go to")
    organization: bool = Field(False, description="a trail of every account of the "
                                                  "organization")


class GuardDutyDetector(ResourceBase):
    """GuardDuty in one region: threat detection from logs and events."""

    kind: Literal["guardduty_detector"]
    enabled: bool = True
    s3_protection: bool = True
    malware_protection: bool = False


class LogGroup(ResourceBase):
    """A CloudWatch Logs log group."""

    kind: Literal["log_group"]
    name: str | None = Field(None, description="e.g. /aws/lambda/orders; default: the id")
    retention_days: int | None = Field(None, ge=1, description="omit to keep logs forever")
    kms_key: Annotated[str, Ref("kms_key")] | None = None

    @model_validator(mode="after")
    def _retention_is_one_cloudwatch_accepts(self) -> LogGroup:
        if self.retention_days is not None and self.retention_days not in RETENTION_DAYS:
            near = min(RETENTION_DAYS, key=lambda d: abs(d - (self.retention_days or 0)))
            raise ValueError(f"CloudWatch Logs keeps logs for one of "
                             f"{', '.join(map(str, RETENTION_DAYS))} days, not "
                             f"{self.retention_days}; did you mean {near}?")
        return self


RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
                  2192, 2557, 2922, 3288, 3653)
