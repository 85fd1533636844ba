"""ECS: the region's clusters (settings, tags), the services of those the model describes,
and the latest active revision of each task definition family it names."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "ecs"
# what the collector below may call: definitions and settings, never the tasks' secrets
# (task definitions name secrets by ARN only; their values are never read)
OPERATIONS = frozenset({"ListClusters", "DescribeClusters", "ListServices", "DescribeServices",
                        "ListTaskDefinitions", "DescribeTaskDefinition"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    arns = [str(a) for a in paginate(client, "list_clusters", "clusterArns")]
    clusters: list[dict[str, Any]] = []
    for start in range(0, len(arns), 100):  # DescribeClusters takes 100 at a time
        clusters += client.describe_clusters(clusters=arns[start:start + 100],
                                             include=["SETTINGS", "TAGS"]).get("clusters", [])
    services: list[dict[str, Any]] = []
    if scope.reads("ecs_service"):
        for cluster in clusters:
            listed = [str(a) for a in paginate(client, "list_services", "serviceArns",
                                               cluster=cluster["clusterArn"])]
            for start in range(0, len(listed), 10):  # and DescribeServices 10
                services += client.describe_services(
                    cluster=cluster["clusterArn"], services=listed[start:start + 10],
                    include=["TAGS"]).get("services", [])
    tasks = []
    families = set(scope.names("ecs_task_definition"))
    if scope.every:  # discovery: the task definitions the services run
        families |= {str(s.get("taskDefinition", "")).rsplit("/", 1)[-1].split(":")[0]
                     for s in services if s.get("taskDefinition")}
    for family in sorted(families):
        latest = client.list_task_definitions(familyPrefix=family, status="ACTIVE",
                                              sort="DESC", maxResults=1).get(
            "taskDefinitionArns", [])
        if latest:
            found = client.describe_task_definition(taskDefinition=latest[0], include=["TAGS"])
            tasks.append({**found["taskDefinition"], "Tags": found.get("tags", [])})
    return {"clusters": clusters, "services": services, "task_definitions": tasks}
