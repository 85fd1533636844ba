"""Containers: ECS clusters, services and task definitions, and EKS clusters."""

from __future__ import annotations

from typing import Annotated, Literal

from archdoc.model.resources.base import ResourceBase
from archdoc.model.strict import Field, Strict
from archdoc.model.types import Port, Ref


class EcsCluster(ResourceBase):
    """An ECS cluster: where services' tasks run (Fargate, or EC2 capacity)."""

    kind: Literal["ecs_cluster"]
    name: str | None = Field(None, description="cluster name; default: the id")
    container_insights: bool = Field(False, description="CloudWatch Container Insights")


class Container(Strict):
    name: str
    image: str | None = Field(None, description="e.g. public.ecr.aws/nginx/nginx:1.27")
    port: Port | None = Field(None, description="the container port it listens on")
    essential: bool = True


class EcsTaskDefinition(ResourceBase):
    """An ECS task definition: the containers of a task, their sizes, roles and network."""

    kind: Literal["ecs_task_definition"]
    family: str | None = Field(None, description="task family; default: the id")
    compatibility: Literal["FARGATE", "EC2"] = "FARGATE"
    cpu: int | None = Field(None, ge=128, description="CPU units (1024 = one vCPU)")
    memory: int | None = Field(None, ge=128, description="MiB")
    network_mode: Literal["awsvpc", "bridge", "host", "none"] = "awsvpc"
    task_role: Annotated[str, Ref("iam_role")] | None = Field(
        None, description="the role the containers act as")
    execution_role: Annotated[str, Ref("iam_role")] | None = Field(
        None, description="the role ECS uses to pull images and write logs")
    containers: list[Container] = Field(default_factory=list)


class EcsService(ResourceBase):
    """An ECS service: a number of a task definition's tasks kept running in its subnets."""

    DETAILS = ("cluster", "task_definition", "subnets")
    kind: Literal["ecs_service"]
    cluster: Annotated[str, Ref("ecs_cluster")] | None = None
    task_definition: Annotated[str, Ref("ecs_task_definition")] | None = None
    launch_type: Literal["FARGATE", "EC2"] = "FARGATE"
    desired_count: int = Field(1, ge=0)
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    assign_public_ip: bool = Field(False, description="give each task a public IP")
    target_groups: list[Annotated[str, Ref("target_group")]] = Field(default_factory=list)


class EksCluster(ResourceBase):
    """An EKS cluster: a managed Kubernetes control plane whose nodes run in its subnets."""

    DETAILS = ("subnets",)
    kind: Literal["eks_cluster"]
    name: str | None = Field(None, description="cluster name; default: the id")
    version: str | None = Field(None, description="Kubernetes version, e.g. 1.31")
    subnets: list[Annotated[str, Ref("subnet")]] = Field(default_factory=list)
    security_groups: list[Annotated[str, Ref("security_group")]] = Field(default_factory=list)
    role: Annotated[str, Ref("iam_role")] | None = Field(None, description="cluster role")
    endpoint_public: bool = Field(True, description="API server reachable from the internet "
                                                    "(AWS's default)")
    endpoint_private: bool = Field(False, description="API server reachable from the VPC")
    public_access_cidrs: list[str] = Field(
        default_factory=lambda: ["0.0.0.0/0"],
        description="networks the public endpoint accepts")
    secrets_key: Annotated[str, Ref("kms_key")] | None = Field(
        None, description="KMS key envelope-encrypting Kubernetes secrets")
