"""The SNS, DynamoDB, KMS and CloudWatch Logs readers on moto's server: in sync, one drift
each, access denied."""

from __future__ import annotations

import pytest

from tests.drift.readers import ReaderCase, check_reader

pytestmark = pytest.mark.slow  # a moto server

R = "eu-west-1"
KEYED = """title: data
region: eu-west-1
resources:
  key: {kind: kms_key, alias: alias/orders, rotation: true}
  orders: {kind: dynamodb_table, partition_key: id, sort_key: at, encryption: CUSTOMER_MANAGED,
           kms_key: key, point_in_time_recovery: true}
  events: {kind: sns_topic, kms_key: key, subscriptions: [{protocol: sqs, endpoint: inbox}]}
  inbox: {kind: sqs_queue}
  audit: {kind: log_group, name: /orders/audit, retention_days: 90, kms_key: key}
"""


def _keyed(endpoint) -> dict[str, str]:
    kms = endpoint.client("kms", R)
    key = kms.create_key(Description="orders")["KeyMetadata"]
    kms.create_alias(AliasName="alias/orders", TargetKeyId=key["KeyId"])
    kms.enable_key_rotation(KeyId=key["KeyId"])
    ddb = endpoint.client("dynamodb", R)
    ddb.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"},
                                {"AttributeName": "at", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"},
                                           {"AttributeName": "at", "AttributeType": "S"}],
                     SSESpecification={"Enabled": True, "SSEType": "KMS",
                                       "KMSMasterKeyId": key["Arn"]})
    ddb.update_continuous_backups(TableName="orders", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})
    sqs = endpoint.client("sqs", R)
    inbox = sqs.create_queue(QueueName="inbox", Attributes={"SqsManagedSseEnabled": "true"})[
        "QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    sns = endpoint.client("sns", R)
    topic = sns.create_topic(Name="events", Attributes={"KmsMasterKeyId": "alias/orders"})[
        "TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=inbox_arn)
    logs = endpoint.client("logs", R)
    logs.create_log_group(logGroupName="/orders/audit", kmsKeyId=key["Arn"])
    logs.put_retention_policy(logGroupName="/orders/audit", retentionInDays=90)
    return {"key": key["KeyId"], "topic": topic}


def _backups_off(endpoint, ids) -> None:
    endpoint.client("dynamodb", R).update_continuous_backups(
        TableName="orders", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})


@pytest.mark.parametrize(("change", "expected", "denied"), [
    (_backups_off, [("DRIFTED", "orders", "point_in_time_recovery", "true", "false")],
     "dynamodb:*"),
    (lambda e, ids: e.client("kms", R).disable_key_rotation(KeyId=ids["key"]),
     [("DRIFTED", "key", "rotation", "true", "false")], "kms:*"),
    (lambda e, ids: e.client("sns", R).set_topic_attributes(
        TopicArn=ids["topic"], AttributeName="KmsMasterKeyId", AttributeValue=""),
     [("DRIFTED", "events", "encrypted", "true", "(none)")], "sns:*"),
    (lambda e, ids: e.client("logs", R).delete_retention_policy(logGroupName="/orders/audit"),
     [("DRIFTED", "audit", "retention_days", "90", "forever")], "logs:*"),
], ids=["dynamodb", "kms", "sns", "logs"])
def test_the_data_readers(moto, tmp_path, change, expected, denied) -> None:
    check_reader(ReaderCase(KEYED, _keyed, change, lambda ids: expected, denied), moto, tmp_path)
