"""SNS topics: FIFO, encryption at rest and its key, subscriptions."""

from __future__ import annotations

from archdoc.aws import sns
from archdoc.aws.collect import Snapshot
from archdoc.drift.context import Diff, DriftContext, as_set
from archdoc.drift.live import LiveObject
from archdoc.drift.reader import KindReader
from archdoc.model.resources.messaging import SnsTopic
from archdoc.text import say


def _topics(snapshot: Snapshot) -> list[LiveObject]:
    return [LiveObject(raw["TopicArn"], raw, arn=raw["TopicArn"], name=raw["Name"],
                       tags=dict(raw["Tags"])) for raw in snapshot.data["sns"]["topics"]]


def _subscriptions(ctx: DriftContext, res: SnsTopic) -> set[str]:
    """The model's subscriptions as (protocol endpoint) texts, endpoints as live ARNs."""
    found = set()
    for sub in res.subscriptions:
        target = sub.address
        if sub.endpoint:
            live = ctx.located.get(sub.endpoint)
            if live is None:
                continue  # a queue not found is reported on its own; a function is not read
            target = live.arn
        found.add(f"{sub.protocol} {target}")
    return found


def sns_topic(ctx: DriftContext, rid: str, res: SnsTopic, live: LiveObject) -> list[Diff]:
    attributes = live.raw["Attributes"]
    diffs: list[Diff] = []
    fifo = attributes.get("FifoTopic", "false") == "true"
    if fifo != res.fifo:
        diffs.append(Diff(("fifo",), str(res.fifo).lower(), str(fifo).lower()))
    key = attributes.get("KmsMasterKeyId")
    if bool(key) != res.is_encrypted:
        diffs.append(Diff(("encrypted",), str(res.is_encrypted).lower(),
                          key or say("(none)")))
    elif res.kms_key and ctx.key_matches(res.kms_key, key) is False:
        diffs.append(Diff(("kms_key",), ctx.ref(res.kms_key), str(key)))
    modelled = _subscriptions(ctx, res)
    comparable = {s.protocol for s in res.subscriptions}
    actual = {f"{s.get('Protocol')} {s.get('Endpoint')}" for s in live.raw["Subscriptions"]
              if s.get("Protocol") in comparable or not res.subscriptions}
    if res.subscriptions and modelled != actual and all(
            sub.endpoint is None or sub.endpoint in ctx.located for sub in res.subscriptions):
        diffs.append(Diff(("subscriptions",), as_set(modelled), as_set(actual)))
    return diffs


READERS = {
    "sns_topic": KindReader(sns, sns_topic, _topics,
                            natural_name=lambda rid, res: res.topic_name(rid)),
}
