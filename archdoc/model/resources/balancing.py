"""Load balancing: load balancers, their listeners and rules, target groups."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from archdoc.errors import shown
from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import After, Field, Strict, model_validator
from archdoc.model.types import Port, Ref


class Action(Strict):
    type: Literal["forward", "redirect", "fixed_response"]
    target_group: Annotated[str, Ref("target_group")] | None = Field(
        None, description="for forward")
    protocol: Literal["HTTP", "HTTPS"] | None = Field(None, description="for redirect")
    port: Port | None = Field(None, description="for redirect")
    status_code: int | None = Field(None, description="redirect (301/302) or fixed response")
    content_type: str | None = None
    message_body: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Action:
        if self.type == "forward" and self.target_group is None:
            raise ValueError("a forward action needs a target_group")
        if self.type == "redirect" and self.protocol is None and self.port is None:
            raise ValueError("a redirect action needs a protocol or port")
        if self.type == "fixed_response" and self.status_code is None:
            raise ValueError("a fixed_response action needs a status_code")
        return self


class ListenerRule(Strict):
    priority: int = Field(ge=1, le=50000)
    path_patterns: list[str] = Field(default_factory=list)
    host_headers: list[str] = Field(default_factory=list)
    action: Action


# AWS adds predefined policies every year or two (TLS13, FIPS, PQ ...), all named
# ELBSecurityPolicy-<letters, digits, dashes>: the shape is checked, not a list that would age
_SSL_POLICY = re.compile(r"ELBSecurityPolicy-[A-Za-z0-9][A-Za-z0-9-]*")


def _check_ssl_policy(value: str) -> str:
    if not _SSL_POLICY.fullmatch(value):
        raise ValueError(f"'{shown(value)}' is not an Elastic Load Balancing security policy; "
                         "they are named ELBSecurityPolicy-..., e.g. "
                         "ELBSecurityPolicy-TLS13-1-2-2021-06")
    return value


SslPolicy = Annotated[str, After(_check_ssl_policy)]


class Listener(Strict):
    port: Port
    protocol: Literal["HTTP", "HTTPS"]
    certificate: Annotated[str, Ref("acm_certificate")] | None = None
    ssl_policy: SslPolicy | None = Field(
        None, description="TLS policy, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06")
    default_action: Action
    rules: list[ListenerRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _https_has_certificate(self) -> Listener:
        if self.protocol == "HTTPS" and self.certificate is None:
            raise ValueError("an HTTPS listener needs a certificate")
        return self


class Alb(ResourceBase):
    DETAILS = ("subnets",)
    kind: Literal["alb"]
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    listeners: list[Listener] = Field(default_factory=list)


class HealthCheck(Strict):
    protocol: Literal["HTTP", "HTTPS", "TCP"] = "HTTP"
    path: str = "/"
    port: Port | Literal["traffic-port"] = "traffic-port"
    interval: int = Field(30, ge=5, le=300, description="seconds")
    timeout: int = Field(5, ge=2, le=120, description="seconds")
    healthy_threshold: int = Field(5, ge=2, le=10)
    unhealthy_threshold: int = Field(2, ge=2, le=10)
    matcher: str = Field("200", description="HTTP codes counted healthy")


class TargetGroup(ResourceBase):
    DETAILS = ("vpc", "port")
    kind: Literal["target_group"]
    vpc: Annotated[str, Ref("vpc")] | None = None
    protocol: Literal["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP"] = "HTTP"
    port: Port | None = None
    target_type: Literal["instance", "ip", "lambda"] = "instance"
    health_check: HealthCheck = Field(default_factory=HealthCheck)
    targets: list[Annotated[str, Ref("ec2_instance", "lambda_function", "autoscaling_group",
                                     "ecs_service", "alb")]] = Field(
        default_factory=list
    )


class NlbListener(Strict):
    port: Port
    protocol: Literal["TCP", "TLS", "UDP", "TCP_UDP"] = "TCP"
    certificate: Annotated[str, Ref("acm_certificate")] | None = None
    ssl_policy: SslPolicy | None = Field(
        None, description="TLS policy, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06")
    target_group: Annotated[str, Ref("target_group")] | None = None

    @model_validator(mode="after")
    def _tls_has_certificate(self) -> NlbListener:
        if self.protocol == "TLS" and self.certificate is None:
            raise ValueError("a TLS listener needs a certificate")
        return self


class Nlb(ResourceBase):
    """A Network Load Balancer: TCP, UDP and TLS at layer 4, one address per AZ."""

    DETAILS = ("subnets",)
    kind: Literal["nlb"]
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    listeners: list[NlbListener] = Field(default_factory=list)
    cross_zone: bool = Field(False, description="cross-zone load balancing")
