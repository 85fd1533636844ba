"""EKS: the region's clusters, described (endpoint access, network, encryption, tags)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "eks"
# what the collector below may call: a cluster's description (its certificate authority is
# public data: what clients verify the API server with)
OPERATIONS = frozenset({"ListClusters", "DescribeCluster"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    clusters = [client.describe_cluster(name=name)["cluster"]
                for name in map(str, paginate(client, "list_clusters", "clusters"))
                if wanted(scope, "eks_cluster", name)]
    return {"clusters": clusters}
