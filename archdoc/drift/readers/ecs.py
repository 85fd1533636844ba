"""ECS clusters, services and task definitions."""

from __future__ import annotations

from typing import Any

from archdoc.aws import ecs
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.containers import EcsCluster, EcsService, EcsTaskDefinition


def _tags(raw: dict[str, Any]) -> dict[str, str]:
    return {t["key"]: t["value"] for t in raw.get("tags") or raw.get("Tags") or []
            if "key" in t}


def _clusters(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["clusterArn"], raw, arn=raw["clusterArn"], name=raw["clusterName"],
                       tags=_tags(raw)) for raw in snapshot.data["ecs"]["clusters"]]


def _services(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["serviceArn"], raw, arn=raw["serviceArn"], name=raw["serviceName"],
                       tags=_tags(raw)) for raw in snapshot.data["ecs"]["services"]]


def _tasks(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["taskDefinitionArn"], raw, arn=raw["taskDefinitionArn"],
                       name=raw["family"], tags=_tags(raw))
            for raw in snapshot.data["ecs"]["task_definitions"]]


def ecs_cluster(ctx: DriftContext, rid: str, res: EcsCluster, live: LiveObject) -> list[Diff]:
    settings = {s.get("name"): s.get("value") for s in live.raw.get("settings") or []}
    insights = settings.get("containerInsights") in ("enabled", "enhanced")
    if insights != res.container_insights:
        return [Diff(("container_insights",), str(res.container_insights).lower(),
                     str(insights).lower())]
    return []


def ecs_service(ctx: DriftContext, rid: str, res: EcsService, live: LiveObject) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []
    network = (raw.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}

    def check(field: str, expected: object, actual: object) -> None:
        if str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    if res.cluster and ctx.live_id(res.cluster):
        check("cluster", ctx.ref(res.cluster), raw.get("clusterArn"))
    if res.task_definition and ctx.live_id(res.task_definition):
        family = ctx.located[res.task_definition].raw.get("family")
        live_family = str(raw.get("taskDefinition", "")).rsplit("/", 1)[-1].split(":")[0]
        check("task_definition", family, live_family)
    check("launch_type", res.launch_type, raw.get("launchType", "EC2"))
    check("desired_count", res.desired_count, raw.get("desiredCount"))
    check("assign_public_ip", str(res.assign_public_ip).lower(),
          str(network.get("assignPublicIp") == "ENABLED").lower())
    for field, refs, actual in (("subnets", res.subnets, set(network.get("subnets") or [])),
                                ("security_groups", res.security_groups,
                                 set(network.get("securityGroups") or []))):
        expected = ctx.refs(refs)
        if refs and expected != actual:
            diffs.append(Diff((field,), as_set(ctx.show(x) for x in expected),
                              as_set(ctx.show(x) for x in actual)))
    groups = {lb.get("targetGroupArn") for lb in raw.get("loadBalancers") or []}
    expected_groups = ctx.refs(res.target_groups)
    if expected_groups != groups:
        diffs.append(Diff(("target_groups",), as_set(ctx.show(x) for x in expected_groups),
                          as_set(ctx.show(x) for x in groups if x)))
    return diffs


def ecs_task_definition(ctx: DriftContext, rid: str, res: EcsTaskDefinition, live: LiveObject
                        ) -> list[Diff]:
    raw = live.raw
    diffs: list[Diff] = []

    def check(field: str, expected: object, actual: object) -> None:
        if expected is not None and str(expected) != str(actual):
            diffs.append(Diff((field,), str(expected), str(actual)))

    check("compatibility", res.compatibility,
          "FARGATE" if "FARGATE" in (raw.get("requiresCompatibilities") or []) else "EC2")
    check("cpu", res.cpu, raw.get("cpu"))
    check("memory", res.memory, raw.get("memory"))
    check("network_mode", res.network_mode, raw.get("networkMode", "bridge"))
    for field, role in (("task_role", res.task_role), ("execution_role", res.execution_role)):
        arn = raw.get("taskRoleArn" if field == "task_role" else "executionRoleArn")
        live_role = ctx.located.get(role) if role else None
        if live_role is not None and live_role.arn != arn:
            diffs.append(Diff((field,), str(live_role.arn), str(arn)))
    images = {c.get("name"): c.get("image") for c in raw.get("containerDefinitions") or []}
    for i, container in enumerate(res.containers):
        if container.name not in images:
            diffs.append(Diff(("containers", i), container.name, as_set(images),
                              attribute=f"containers[{i}].name"))
        elif container.image and images[container.name] != container.image:
            diffs.append(Diff(("containers", i, "image"), container.image,
                              str(images[container.name])))
    return diffs


READERS = {
    "ecs_cluster": KindReader(ecs, ecs_cluster, _clusters,
                              natural_name=lambda rid, res: res.name or rid),
    "ecs_service": KindReader(ecs, ecs_service, _services, natural_name=lambda rid, res: rid,
                              also_reads=("elbv2",)),
    "ecs_task_definition": KindReader(ecs, ecs_task_definition, _tasks,
                                      natural_name=lambda rid, res: res.family or rid,
                                      also_reads=("iam",)),
}
