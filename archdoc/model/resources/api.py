"""APIs and their users: API Gateway REST and HTTP APIs, Cognito user pools."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict, model_validator
from archdoc.model.types import Ref

_INTEGRATIONS = ("lambda_function", "alb", "nlb", "sqs_queue", "sns_topic", "dynamodb_table",
                 "ecs_service", "ec2_instance")


class Authorizer(Strict):
    name: str
    type: Literal["cognito", "lambda", "jwt"] = Field(
        description="cognito: a user pool's tokens; lambda: a function decides; jwt: any "
                    "issuer's tokens (HTTP APIs)")
    user_pool: Annotated[str, Ref("cognito_user_pool")] | None = None
    function: Annotated[str, Ref("lambda_function")] | None = None

    @model_validator(mode="after")
    def _has_its_source(self) -> Authorizer:
        if self.type == "cognito" and self.user_pool is None:
            raise ValueError("a cognito authorizer needs a user_pool")
        if self.type == "lambda" and self.function is None:
            raise ValueError("a lambda authorizer needs a function")
        return self


class ApiRoute(Strict):
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] = "ANY"
    path: str = Field("/", description="e.g. /orders/{id}")
    integration: Annotated[str, Ref(*_INTEGRATIONS)] | None = Field(
        None, description="what serves the route")
    authorizer: str | None = Field(None, description="name of one of the API's authorizers")
    authorization: Literal["none", "iam", "authorizer"] | None = Field(
        None, description="how callers are authorised (default: authorizer if one is named, "
                          "else none)")

    @property
    def authorised_by(self) -> str:
        return self.authorization or ("authorizer" if self.authorizer else "none")


class _Api(ResourceBase):
    name: str | None = Field(None, description="API name; default: the id")
    authorizers: list[Authorizer] = Field(default_factory=list)
    routes: list[ApiRoute] = Field(default_factory=list)

    @model_validator(mode="after")
    def _routes_name_its_authorizers(self) -> _Api:
        names = {a.name for a in self.authorizers}
        for route in self.routes:
            if route.authorizer and route.authorizer not in names:
                raise ValueError(f"route {route.method} {route.path} names authorizer "
                                 f"'{route.authorizer}', which this API does not define "
                                 f"(authorizers: {', '.join(sorted(names)) or 'none'})")
        return self


class ApiGatewayRestApi(_Api):
    """An API Gateway REST API."""

    kind: Literal["api_gateway_rest_api"]
    endpoint: Literal["EDGE", "REGIONAL", "PRIVATE"] = "REGIONAL"


class ApiGatewayHttpApi(_Api):
    """An API Gateway HTTP API (lower latency and cost than REST; JWT authorizers)."""

    kind: Literal["api_gateway_http_api"]
    cors_origins: list[str] = Field(default_factory=list)


class CognitoUserPool(ResourceBase):
    """A Cognito user pool: the app's users, their sign-in and their tokens."""

    kind: Literal["cognito_user_pool"]
    name: str | None = Field(None, description="pool name; default: the id")
    mfa: Literal["OFF", "OPTIONAL", "ON"] = "OFF"
    password_min_length: int = Field(8, ge=6, le=99)
    threat_protection: Literal["OFF", "AUDIT", "ENFORCED"] = Field(
        "OFF", description="advanced security: risk-based sign-in checks")
