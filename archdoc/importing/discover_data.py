"""``archdoc discover`` of a whole region, beyond the VPCs: queues, topics, tables, keys, log
groups, trails, GuardDuty and user pools, as the account describes them (each in
CloudFormation's property shapes, with the values drift compares stated, not left to a
default the account may not share)."""

from __future__ import annotations

import json
from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.importing import Found
from archdoc.importing.discover_network import WHERE, found


def regional(snapshot: Snapshot) -> list[Found]:
    data = snapshot.data
    region = snapshot.identity.region
    return [*_queues(data.get("sqs") or {}), *_topics(data.get("sns") or {}),
            *_tables(data.get("dynamodb") or {}), *_keys(data.get("kms") or {}),
            *_log_groups(data.get("logs") or {}), *_trails(data.get("cloudtrail") or {}, region),
            *_detectors(data.get("guardduty") or {}), *_pools(data.get("cognito-idp") or {})]


def _queues(data: dict[str, Any]) -> list[Found]:
    out = []
    for q in data.get("queues") or []:
        a = q.get("Attributes") or {}
        redrive = json.loads(a["RedrivePolicy"]) if a.get("RedrivePolicy") else None
        out.append(found(q["Name"], "AWS::SQS::Queue", {
            "QueueName": q["Name"], "FifoQueue": a.get("FifoQueue") == "true",
            "KmsMasterKeyId": a.get("KmsMasterKeyId"),
            "SqsManagedSseEnabled": a.get("SqsManagedSseEnabled") == "true",
            "VisibilityTimeout": a.get("VisibilityTimeout"),
            "MessageRetentionPeriod": a.get("MessageRetentionPeriod"),
            "RedrivePolicy": redrive}, a.get("QueueArn", q["QueueUrl"]),
            aws={"name": q["Name"]}, name=q["Name"], arn=a.get("QueueArn", ""),
            url=q["QueueUrl"]))
    return out


def _topics(data: dict[str, Any]) -> list[Found]:
    out = []
    for t in data.get("topics") or []:
        a = t.get("Attributes") or {}
        out.append(found(t["Name"], "AWS::SNS::Topic", {
            "TopicName": t["Name"], "FifoTopic": a.get("FifoTopic") == "true",
            "KmsMasterKeyId": a.get("KmsMasterKeyId"),
            "Subscription": [{"Protocol": s.get("Protocol"), "Endpoint": s.get("Endpoint")}
                             for s in t.get("Subscriptions") or []]},
            t["TopicArn"], aws={"name": t["Name"]}, name=t["Name"], arn=t["TopicArn"]))
    return out


def _tables(data: dict[str, Any]) -> list[Found]:
    out = []
    for t in data.get("tables") or []:
        sse = t.get("SSEDescription") or {}
        kms = sse.get("SSEType") == "KMS" and sse.get("Status", "ENABLED") in ("ENABLED",
                                                                              "UPDATING")
        recovery = ((t.get("ContinuousBackups") or {}).get("PointInTimeRecoveryDescription")
                    or {}).get("PointInTimeRecoveryStatus") == "ENABLED"
        out.append(found(t["TableName"], "AWS::DynamoDB::Table", {
            "TableName": t["TableName"], "KeySchema": t.get("KeySchema"),
            "BillingMode": (t.get("BillingModeSummary") or {}).get("BillingMode",
                                                                   "PROVISIONED"),
            "SSESpecification": {"SSEEnabled": True, "KMSMasterKeyId":
                                 sse.get("KMSMasterKeyArn")} if kms else None,
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": recovery},
            "StreamSpecification": t.get("StreamSpecification")
            if (t.get("StreamSpecification") or {}).get("StreamEnabled") else None,
            "DeletionProtectionEnabled": bool(t.get("DeletionProtectionEnabled"))},
            t["TableArn"], aws={"name": t["TableName"]}, name=t["TableName"],
            arn=t["TableArn"]))
    return out


def _keys(data: dict[str, Any]) -> list[Found]:
    out = []
    for k in data.get("keys") or []:
        aliases = sorted(k.get("Aliases") or [])
        name = aliases[0].removeprefix("alias/") if aliases else k["KeyId"]
        out.append(found(name, "AWS::KMS::Key", {
            "EnableKeyRotation": bool(k.get("RotationEnabled")),
            "MultiRegion": bool(k.get("MultiRegion")), "KeyUsage": k.get("KeyUsage")},
            k["KeyId"], aws={"id": k["KeyId"]}, name=aliases[0] if aliases else None,
            arn=k.get("Arn", "")))
        if aliases:
            out.append(Found(f"{k['KeyId']}.alias", "AWS::KMS::Alias", {
                "AliasName": aliases[0], "TargetKeyId": k["KeyId"]}, WHERE, aliases[0]))
    return out


def _log_groups(data: dict[str, Any]) -> list[Found]:
    out = []
    for g in data.get("log_groups") or []:
        name = g["logGroupName"]
        arn = str(g.get("arn", "")).removesuffix(":*")
        out.append(found(name.strip("/"), "AWS::Logs::LogGroup", {
            "LogGroupName": name, "RetentionInDays": g.get("retentionInDays"),
            "KmsKeyId": g.get("kmsKeyId")}, arn or name, aws={"name": name}, name=name,
            arn=arn, group=name))
    return out


def _trails(data: dict[str, Any], region: str) -> list[Found]:
    out = []
    for t in data.get("trails") or []:
        if t.get("HomeRegion", region) != region:  # another region's trail, seen here
            continue
        out.append(found(t["Name"], "AWS::CloudTrail::Trail", {
            "TrailName": t["Name"], "IsMultiRegionTrail": bool(t.get("IsMultiRegionTrail")),
            "EnableLogFileValidation": bool(t.get("LogFileValidationEnabled")),
            "S3BucketName": t.get("S3BucketName"), "KMSKeyId": t.get("KmsKeyId"),
            "CloudWatchLogsLogGroupArn": str(t.get("CloudWatchLogsLogGroupArn") or "")
            .removesuffix(":*") or None,
            "IsOrganizationTrail": bool(t.get("IsOrganizationTrail"))},
            t["TrailARN"], aws={"name": t["Name"]}, name=t["Name"], arn=t["TrailARN"]))
    return out


def _detectors(data: dict[str, Any]) -> list[Found]:
    out = []
    for d in data.get("detectors") or []:
        sources = d.get("DataSources") or {}
        features = {f.get("Name"): f.get("Status") for f in d.get("Features") or []}
        s3 = (sources.get("S3Logs") or {}).get("Status") == "ENABLED" or \
            features.get("S3_DATA_EVENTS") == "ENABLED"
        out.append(found("guardduty", "AWS::GuardDuty::Detector", {
            "Enable": d.get("Status") == "ENABLED", "DataSources": {"S3Logs": {"Enable": s3}}},
            d["DetectorId"], aws={"id": d["DetectorId"]}, name="GuardDuty"))
    return out


def _pools(data: dict[str, Any]) -> list[Found]:
    out = []
    for p in data.get("user_pools") or []:
        out.append(found(p["Name"], "AWS::Cognito::UserPool", {
            "UserPoolName": p["Name"], "MfaConfiguration": p.get("MfaConfiguration", "OFF"),
            "Policies": p.get("Policies"), "UserPoolAddOns": p.get("UserPoolAddOns")},
            p["Id"], aws={"id": p["Id"]}, name=p["Name"], arn=p.get("Arn", "")))
    return out


__all__ = ["regional"]
