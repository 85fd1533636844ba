"""DynamoDB: the region's tables, described (key schema, billing, encryption, streams,
point-in-time recovery, tags) for those the model describes."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "dynamodb"
# what the collector below may call: reads of a table's settings, never of its items
OPERATIONS = frozenset({"ListTables", "DescribeTable", "DescribeContinuousBackups",
                        "ListTagsOfResource"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    tables = []
    for name in map(str, paginate(client, "list_tables", "TableNames")):
        if not wanted(scope, "dynamodb_table", name):
            continue
        table = client.describe_table(TableName=name)["Table"]
        backups = client.describe_continuous_backups(TableName=name).get(
            "ContinuousBackupsDescription", {})
        tags = {t["Key"]: t["Value"] for t in client.list_tags_of_resource(
            ResourceArn=table["TableArn"]).get("Tags", [])}
        tables.append({**table, "ContinuousBackups": backups, "Tags": tags})
    return {"tables": tables}
