"""CloudFormation properties to the fields of the first-class kinds outside the VPC's network
and compute: identity, storage, data, messaging, containers, security tooling, APIs, DNS and
the edge."""

from __future__ import annotations

from typing import Any

from archdoc.importing import Found, Ref
from archdoc.importing.context import Context
from archdoc.importing.fields import Kept, choice, dig, flag, number, shaped, text, texts
from archdoc.model.resources.identity import POLICY_TARGETS


def statements(document: Any, ctx: Context) -> list[dict[str, Any]]:
    """A policy document's statements as the model writes them (references to resources of
    the inputs as their ids)."""
    found = document.get("Statement") if isinstance(document, dict) else None
    found = found if isinstance(found, list) else [found] if isinstance(found, dict) else []
    out = []
    for s in found:
        if not isinstance(s, dict):
            continue
        resources = s.get("Resource")
        resources = resources if isinstance(resources, list) else [resources]
        out.append({"effect": "Deny" if s.get("Effect") == "Deny" else "Allow",
                    "actions": texts(s.get("Action")),
                    # written even when empty: left out, the model would read "*"
                    "resources": Kept(r for r in (_arn_text(x) for x in resources) if r),
                    "resource_ids": ctx.id_list([x for x in resources if ctx.key_of(x)],
                                                *POLICY_TARGETS)})
    return out


def _arn_text(value: Any) -> str | None:
    if isinstance(value, Ref) or value is None:
        return None
    return str(value) if not str(value).startswith("${") else None


@shaped("iam_role")
def _role(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    trusted: list[str] = []
    for s in (dig(p, "AssumeRolePolicyDocument", "Statement") or []):
        service = dig(s, "Principal", "Service")
        trusted += texts(service)
    managed = [m.rsplit("/", 1)[-1] for m in texts(p.get("ManagedPolicyArns"))]
    policies = [{"name": text(x.get("PolicyName")) or f"policy-{i + 1}",
                 "statements": statements(x.get("PolicyDocument"), ctx)}
                for i, x in enumerate(p.get("Policies") or []) if isinstance(x, dict)]
    return {"name": text(p.get("RoleName")), "trusted_services": list(dict.fromkeys(trusted)),
            "managed_policies": managed, "inline_policies": policies}


_SSE = {"AES256": "SSE-S3", "aws:kms": "SSE-KMS", "aws:kms:dsse": "DSSE-KMS"}


@shaped("s3_bucket")
def _bucket(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    block = p.get("PublicAccessBlockConfiguration")
    algorithm = text(dig(p, "BucketEncryption", "ServerSideEncryptionConfiguration", 0,
                         "ServerSideEncryptionByDefault", "SSEAlgorithm"))
    notifications = []
    for n in dig(p, "NotificationConfiguration", "LambdaConfigurations") or []:
        function = ctx.id(dig(n, "Function"), "lambda_function")
        if function:
            rules = {r.get("Name", "").lower(): text(r.get("Value"))
                     for r in dig(n, "Filter", "S3Key", "Rules") or [] if isinstance(r, dict)}
            notifications.append({"events": texts(n.get("Event")), "function": function,
                                  "prefix": rules.get("prefix"), "suffix": rules.get("suffix")})
    return {"bucket_name": text(p.get("BucketName")),
            "public_access_block": None if not isinstance(block, dict) else {
                "block_public_acls": flag(block.get("BlockPublicAcls")) or False,
                "ignore_public_acls": flag(block.get("IgnorePublicAcls")) or False,
                "block_public_policy": flag(block.get("BlockPublicPolicy")) or False,
                "restrict_public_buckets": flag(block.get("RestrictPublicBuckets")) or False},
            "encryption": _SSE.get(algorithm or ""),
            "versioning": text(dig(p, "VersioningConfiguration", "Status")) == "Enabled" or None,
            "notifications": notifications, "policy": []}


@shaped("rds_instance")
def _rds(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    group = ctx.by_key.get(ctx.key_of(p.get("DBSubnetGroupName")) or "")
    subnets = group.props.get("SubnetIds") if group else None  # (glue names the group)
    return {"engine": text(p.get("Engine")), "instance_class": text(p.get("DBInstanceClass")),
            "subnets": ctx.id_list(subnets, "subnet"),
            "security_groups": ctx.id_list(p.get("VPCSecurityGroups"), "security_group"),
            "multi_az": flag(p.get("MultiAZ")),
            "publicly_accessible": flag(p.get("PubliclyAccessible")),
            "storage_encrypted": flag(p.get("StorageEncrypted"))}


@shaped("secretsmanager_secret")
def _secret(f: Found, ctx: Context) -> dict[str, Any]:
    return {"name": text(f.props.get("Name")), "kms_key": text(f.props.get("KmsKeyId"))}


@shaped("sqs_queue")
def _queue(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    kms = p.get("KmsMasterKeyId")
    encryption = "SSE-KMS" if kms else "SSE-SQS" if flag(p.get("SqsManagedSseEnabled")) \
        is not False else "none"
    redrive: dict[str, Any] = p["RedrivePolicy"] if isinstance(p.get("RedrivePolicy"), dict) \
        else {}
    return {"name": text(p.get("QueueName")), "fifo": flag(p.get("FifoQueue")),
            "encryption": encryption, "kms_key": ctx.id(kms, "kms_key"),
            "visibility_timeout": number(p.get("VisibilityTimeout")),
            "message_retention": number(p.get("MessageRetentionPeriod")),
            "dead_letter_queue": ctx.id(redrive.get("deadLetterTargetArn"), "sqs_queue"),
            "max_receive_count": number(redrive.get("maxReceiveCount"))}


def subscription(protocol: Any, endpoint: Any, ctx: Context) -> dict[str, Any] | None:
    protocol = text(protocol)
    if protocol in ("sqs", "lambda"):
        target = ctx.id(endpoint, "sqs_queue" if protocol == "sqs" else "lambda_function")
        return {"protocol": protocol, "endpoint": target} if target else None
    if protocol in ("email", "email-json", "http", "https", "sms"):
        return {"protocol": protocol, "address": text(endpoint)}
    return None


@shaped("sns_topic")
def _topic(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    kms = p.get("KmsMasterKeyId")
    subs = [subscription(s.get("Protocol"), s.get("Endpoint"), ctx)
            for s in p.get("Subscription") or [] if isinstance(s, dict)]
    return {"name": text(p.get("TopicName")), "fifo": flag(p.get("FifoTopic")),
            "kms_key": ctx.id(kms, "kms_key"), "encrypted": True if kms else None,
            "subscriptions": [s for s in subs if s]}


@shaped("network_acl")
def _nacl(f: Found, ctx: Context) -> dict[str, Any]:
    return {"vpc": ctx.id(f.props.get("VpcId"), "vpc"), "subnets": [], "ingress": [],
            "egress": []}


@shaped("transit_gateway")
def _tgw(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"asn": number(p.get("AmazonSideAsn")),
            "default_route_table_association": flag(p.get("DefaultRouteTableAssociation")),
            "default_route_table_propagation": flag(p.get("DefaultRouteTablePropagation")),
            "auto_accept_shared_attachments": flag(p.get("AutoAcceptSharedAttachments"))}


@shaped("transit_gateway_attachment")
def _tgw_attachment(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"transit_gateway": ctx.id(p.get("TransitGatewayId"), "transit_gateway"),
            "vpc": ctx.id(p.get("VpcId"), "vpc"),
            "subnets": ctx.id_list(p.get("SubnetIds"), "subnet")}


@shaped("vpc_peering")
def _peering(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"requester": ctx.id(p.get("VpcId"), "vpc"),
            "accepter": ctx.id(p.get("PeerVpcId"), "vpc"),
            "peer_account": text(p.get("PeerOwnerId"))}


@shaped("ecs_cluster")
def _cluster(f: Found, ctx: Context) -> dict[str, Any]:
    settings = {text(s.get("Name")): text(s.get("Value"))
                for s in f.props.get("ClusterSettings") or [] if isinstance(s, dict)}
    return {"name": text(f.props.get("ClusterName")),
            "container_insights": settings.get("containerInsights") in ("enabled", "enhanced")
            or None}


@shaped("ecs_service")
def _service(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    vpc = dig(p, "NetworkConfiguration", "AwsvpcConfiguration") or {}
    launch = choice(p.get("LaunchType"), ("FARGATE", "EC2"), upper=True)
    return {"cluster": ctx.id(p.get("Cluster"), "ecs_cluster"),
            "task_definition": ctx.id(p.get("TaskDefinition"), "ecs_task_definition"),
            "launch_type": launch, "desired_count": number(p.get("DesiredCount")),
            "subnets": ctx.id_list(vpc.get("Subnets"), "subnet"),
            "security_groups": ctx.id_list(vpc.get("SecurityGroups"), "security_group"),
            "assign_public_ip": text(vpc.get("AssignPublicIp")) == "ENABLED" or None,
            "target_groups": ctx.id_list([lb.get("TargetGroupArn") for lb in
                                          p.get("LoadBalancers") or [] if isinstance(lb, dict)],
                                         "target_group")}


@shaped("ecs_task_definition")
def _task(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    containers = []
    for c in p.get("ContainerDefinitions") or []:
        if isinstance(c, dict) and text(c.get("Name")):
            containers.append({"name": text(c.get("Name")), "image": text(c.get("Image")),
                               "port": number(dig(c, "PortMappings", 0, "ContainerPort")),
                               "essential": flag(c.get("Essential"))})
    return {"family": text(p.get("Family")),
            "compatibility": choice(dig(p, "RequiresCompatibilities", 0), ("FARGATE", "EC2"),
                                    upper=True),
            "cpu": number(p.get("Cpu")), "memory": number(p.get("Memory")),
            "network_mode": choice(p.get("NetworkMode"), ("awsvpc", "bridge", "host", "none")),
            "task_role": ctx.id(p.get("TaskRoleArn"), "iam_role"),
            "execution_role": ctx.id(p.get("ExecutionRoleArn"), "iam_role"),
            "containers": containers}


@shaped("eks_cluster")
def _eks(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    vpc = p.get("ResourcesVpcConfig") or {}
    return {"name": text(p.get("Name")), "version": text(p.get("Version")),
            "subnets": ctx.id_list(vpc.get("SubnetIds"), "subnet"),
            "security_groups": ctx.id_list(vpc.get("SecurityGroupIds"), "security_group"),
            "endpoint_public": flag(vpc.get("EndpointPublicAccess")),
            "endpoint_private": flag(vpc.get("EndpointPrivateAccess")),
            "public_access_cidrs": texts(vpc.get("PublicAccessCidrs")),
            "secrets_key": ctx.id(dig(p, "EncryptionConfig", 0, "Provider", "KeyArn"),
                                  "kms_key")}


@shaped("dynamodb_table")
def _table(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    keys = {k.get("KeyType"): text(k.get("AttributeName"))
            for k in p.get("KeySchema") or [] if isinstance(k, dict)}
    sse = p.get("SSESpecification") or {}
    kms = sse.get("KMSMasterKeyId")
    encryption = "CUSTOMER_MANAGED" if kms else "AWS_MANAGED" if flag(sse.get("SSEEnabled")) \
        else None
    return {"name": text(p.get("TableName")), "partition_key": keys.get("HASH"),
            "sort_key": keys.get("RANGE"),
            "billing": choice(p.get("BillingMode"), ("PAY_PER_REQUEST", "PROVISIONED"),
                              upper=True),
            "encryption": encryption, "kms_key": ctx.id(kms, "kms_key"),
            "point_in_time_recovery": flag(dig(p, "PointInTimeRecoverySpecification",
                                               "PointInTimeRecoveryEnabled")),
            "stream": True if p.get("StreamSpecification") else None,
            "deletion_protection": flag(p.get("DeletionProtectionEnabled"))}


@shaped("elasticache_cluster")
def _cache(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    group = ctx.by_key.get(ctx.key_of(p.get("CacheSubnetGroupName")) or "")
    group_subnets = group.props.get("SubnetIds") if group is not None else None
    return {"engine": choice(p.get("Engine"), ("redis", "valkey", "memcached")),
            "node_type": text(p.get("CacheNodeType")),
            "nodes": number(p.get("NumCacheClusters")),
            "subnets": ctx.id_list(group_subnets, "subnet"),
            "security_groups": ctx.id_list(p.get("SecurityGroupIds"), "security_group"),
            "transit_encryption": flag(p.get("TransitEncryptionEnabled")),
            "at_rest_encryption": flag(p.get("AtRestEncryptionEnabled")),
            "kms_key": ctx.id(p.get("KmsKeyId"), "kms_key"),
            "auth": True if p.get("AuthToken") else None,
            "multi_az": flag(p.get("MultiAZEnabled"))}


@shaped("kms_key")
def _key(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"rotation": flag(p.get("EnableKeyRotation")),
            "multi_region": flag(p.get("MultiRegion")),
            "usage": choice(p.get("KeyUsage"), ("ENCRYPT_DECRYPT", "SIGN_VERIFY",
                                                "GENERATE_VERIFY_MAC"), upper=True),
            "deletion_window": number(p.get("PendingWindowInDays"))}


@shaped("waf_web_acl")
def _waf(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    rules = []
    for r in p.get("Rules") or []:
        if not isinstance(r, dict) or not text(r.get("Name")):
            continue
        action = next(iter(r.get("Action") or {}), None)
        rules.append({"name": text(r.get("Name")), "priority": number(r.get("Priority")) or 0,
                      "managed": text(dig(r, "Statement", "ManagedRuleGroupStatement", "Name")),
                      "rate_limit": number(dig(r, "Statement", "RateBasedStatement", "Limit")),
                      "action": str(action).lower() if action in ("Block", "Count", "Allow")
                      else "none"})
    default = next(iter(p.get("DefaultAction") or {}), "Allow")
    return {"name": text(p.get("Name")),
            "scope": choice(p.get("Scope"), ("REGIONAL", "CLOUDFRONT"), upper=True),
            "default_action": "block" if default == "Block" else "allow", "rules": rules,
            "protects": []}


@shaped("cloudtrail_trail")
def _trail(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"name": text(p.get("TrailName")), "multi_region": flag(p.get("IsMultiRegionTrail")),
            "log_file_validation": flag(p.get("EnableLogFileValidation")),
            "bucket": ctx.id(p.get("S3BucketName"), "s3_bucket"),
            "kms_key": ctx.id(p.get("KMSKeyId"), "kms_key"),
            "log_group": ctx.id(p.get("CloudWatchLogsLogGroupArn"), "log_group"),
            "organization": flag(p.get("IsOrganizationTrail"))}


@shaped("guardduty_detector")
def _guardduty(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"enabled": flag(p.get("Enable")),
            "s3_protection": flag(dig(p, "DataSources", "S3Logs", "Enable")),
            "malware_protection": flag(dig(p, "DataSources", "MalwareProtection",
                                           "ScanEc2InstanceWithFindings", "EbsVolumes"))}


@shaped("log_group")
def _logs(f: Found, ctx: Context) -> dict[str, Any]:
    p = f.props
    return {"name": text(p.get("LogGroupName")), "retention_days": number(p.get("RetentionInDays")),
            "kms_key": ctx.id(p.get("KmsKeyId"), "kms_key")}


__all__ = ["statements", "subscription"]
