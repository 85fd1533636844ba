"""SNS: the region's topics, with the attributes, subscriptions and tags of those the model
describes."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collecting import wanted
from archdoc.aws.scope import Scope
from archdoc.aws.session import AwsReader, paginate

SERVICE = "sns"
# what the collector below may call: each a documented read that returns no secret
OPERATIONS = frozenset({"ListTopics", "GetTopicAttributes", "ListSubscriptionsByTopic",
                        "ListTagsForResource"})


def collect(reader: AwsReader, scope: Scope) -> dict[str, Any]:
    client = reader.client(SERVICE)
    topics = []
    for listed in paginate(client, "list_topics", "Topics"):
        arn = listed["TopicArn"]
        name = arn.rsplit(":", 1)[-1]
        if not wanted(scope, "sns_topic", name, arn):
            continue
        topics.append({
            "TopicArn": arn, "Name": name,
            "Attributes": client.get_topic_attributes(TopicArn=arn).get("Attributes", {}),
            "Subscriptions": paginate(client, "list_subscriptions_by_topic", "Subscriptions",
                                      TopicArn=arn),
            "Tags": {t["Key"]: t["Value"] for t in client.list_tags_for_resource(
                ResourceArn=arn).get("Tags", [])},
        })
    return {"topics": topics}
