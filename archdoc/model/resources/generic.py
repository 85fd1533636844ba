"""A resource of any CloudFormation type archdoc has no first-class kind for."""

from __future__ import annotations

from typing import Annotated, Any

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field
from archdoc.model.types import Ref

TYPE_PATTERN = r"^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$"


class GenericResource(ResourceBase):
    """Any other AWS resource, written with its CloudFormation type as its kind
    (``kind: AWS::DynamoDB::Table``): drawn with its type's icon, described by its service,
    placed by ``subnets``/``subnet`` or ``vpc`` (else in its region, or above the regions for a
    global service), and found in the account by its tags. ``properties`` are its
    CloudFormation properties, checked against the type's registry schema."""

    kind: str = Field(pattern=TYPE_PATTERN,
                      description="a CloudFormation resource type, e.g. AWS::DynamoDB::Table")
    subnet: Annotated[str, Ref("subnet")] | None = Field(None, description="the subnet it is in")
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="the subnets it is in (drawn in each)")
    vpc: Annotated[str, Ref("vpc")] | None = Field(
        None, description="the VPC it serves, when it is in no subnet")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    properties: dict[str, Any] = Field(
        default_factory=dict, description="CloudFormation properties of the type (names as "
                                          "the registry writes them, e.g. BillingMode)")

    @property
    def placed_in(self) -> list[str]:
        """The subnets it is drawn in."""
        return list(dict.fromkeys(self.subnets or ([self.subnet] if self.subnet else [])))
