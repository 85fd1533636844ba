"""Compute: instances, Auto Scaling groups, functions, and Session Manager to reach them."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field
from archdoc.model.types import Ref


class Ec2Instance(ResourceBase):
    DETAILS = ("subnet",)
    kind: Literal["ec2_instance"]
    subnet: Annotated[str, Ref("subnet")] | None = None
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    instance_profile_role: Annotated[str, Ref("iam_role")] | None = None
    instance_type: str | None = None
    ami: str | None = None
    public_ip: bool = False
    key_pair: str | None = Field(None, description="SSH key pair name; omit for none")
    imdsv2: bool = Field(True, description="IMDSv2 required (http tokens)")
    metadata_hop_limit: int = Field(
        1, ge=1, le=64, description="instance metadata PUT response hop limit (1 keeps tokens "
                                    "on the instance; 2 for containers)")


class AutoScalingGroup(ResourceBase):
    DETAILS = ("subnets",)
    kind: Literal["autoscaling_group"]
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    instance_profile_role: Annotated[str, Ref("iam_role")] | None = None
    instance_type: str | None = None
    min_size: int = Field(1, ge=0)
    max_size: int = Field(1, ge=0)
    desired_capacity: int | None = Field(None, ge=0)
    target_groups: list[Annotated[str, Ref("target_group")]] = Field(default_factory=list)


class LambdaFunction(ResourceBase):
    DETAILS = ("runtime",)
    kind: Literal["lambda_function"]
    runtime: str | None = None
    handler: str | None = None
    execution_role: Annotated[str, Ref("iam_role")] | None = None
    subnets: list[Annotated[str, Ref("subnet")]] = Field(
        default_factory=list, description="VPC access")
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)


class SsmSessionManager(ResourceBase):
    kind: Literal["ssm_session_manager"]
    targets: list[Annotated[str, Ref("ec2_instance", "autoscaling_group")]] = Field(
        default_factory=list)
