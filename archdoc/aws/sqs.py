"""SQS: the region's queues, with the attributes (and tags, where a locator needs them) of
those the model describes."""

from __future__ import annotations

from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "sqs"
# what the collector below may call: each a documented read that returns no secret (no
# ReceiveMessage: reading a queue's messages would consume them)
OPERATIONS = frozenset({"ListQueues", "GetQueueAttributes", "ListQueueTags"})


def queue_name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    urls = [str(u) for u in paginate(client, "list_queues", "QueueUrls", MaxResults=1000)]
    wanted = scope.names("sqs_queue")
    by_tags = scope.all_of("sqs_queue")
    queues = []
    for url in urls:
        name = queue_name(url)
        if not by_tags and not ({name, url} & wanted or any(w.endswith(f":{name}")
                                                             for w in wanted)):
            continue  # one call each: only the queues the model may mean
        attributes = client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]).get(
            "Attributes", {})
        tags = client.list_queue_tags(QueueUrl=url).get("Tags", {})
        queues.append({"QueueUrl": url, "Name": name, "Attributes": attributes, "Tags": tags})
    return {"queue_urls": urls, "queues": queues}
