"""The translations of Terraform resources whose attributes nest blocks (a listener's
``default_action``, an instance's ``metadata_options``, a table's ``server_side_encryption``)
into CloudFormation's property shapes."""

from __future__ import annotations

import json
from typing import Any

Attrs = dict[str, Any]


def tf_first(value: Any) -> dict[str, Any]:
    return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}


def tf_doc(value: Any) -> Any:
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return None
    return value if isinstance(value, dict) else None


def tf_pick(attrs: Attrs, **names: str) -> dict[str, Any]:
    return {cfn: attrs[tf] for cfn, tf in names.items() if attrs.get(tf) not in (None, "", [])}


def tf_sg_rules(blocks: Any, own_id: Any) -> list[dict[str, Any]]:
    """A security group's ``ingress`` / ``egress`` blocks, one CloudFormation rule per peer."""
    out = []
    for b in blocks if isinstance(blocks, list) else []:
        base = {"IpProtocol": str(b.get("protocol", "-1")), "FromPort": b.get("from_port"),
                "ToPort": b.get("to_port"), "Description": b.get("description") or None}
        peers = [{"CidrIp": c} for c in b.get("cidr_blocks") or []] + \
            [{"CidrIpv6": c} for c in b.get("ipv6_cidr_blocks") or []] + \
            [{"SourceSecurityGroupId": g, "DestinationSecurityGroupId": g}
             for g in b.get("security_groups") or []] + \
            ([{"SourceSecurityGroupId": own_id, "DestinationSecurityGroupId": own_id}]
             if b.get("self") else []) + \
            [{"SourcePrefixListId": p, "DestinationPrefixListId": p}
             for p in b.get("prefix_list_ids") or []]
        out += [{**base, **peer} for peer in peers]
    return out


def tf_listener(a: Attrs) -> dict[str, Any]:
    action = tf_first(a.get("default_action"))
    redirect = tf_first(action.get("redirect"))
    return {**tf_pick(a, LoadBalancerArn="load_balancer_arn", Port="port", Protocol="protocol",
                    SslPolicy="ssl_policy"),
            "Certificates": [{"CertificateArn": a["certificate_arn"]}]
            if a.get("certificate_arn") else [],
            "DefaultActions": [{"Type": action.get("type"),
                                "TargetGroupArn": action.get("target_group_arn"),
                                "RedirectConfig": {"Protocol": redirect.get("protocol"),
                                                   "Port": redirect.get("port"),
                                                   "StatusCode": redirect.get("status_code")}}]
            if action else []}


def tf_listener_rule(a: Attrs) -> dict[str, Any]:
    action = tf_first(a.get("action"))
    conditions = []
    for c in a.get("condition") or []:
        for block, field in (("path_pattern", "path-pattern"), ("host_header", "host-header")):
            values = tf_first(c.get(block)).get("values")
            if values:
                conditions.append({"Field": field, "Values": values})
    return {**tf_pick(a, ListenerArn="listener_arn", Priority="priority"),
            "Conditions": conditions,
            "Actions": [{"Type": action.get("type"),
                         "TargetGroupArn": action.get("target_group_arn")}] if action else []}


def tf_target_group(a: Attrs) -> dict[str, Any]:
    check = tf_first(a.get("health_check"))
    return {**tf_pick(a, VpcId="vpc_id", Port="port", Protocol="protocol",
                    TargetType="target_type"),
            **tf_pick(check, HealthCheckPath="path", HealthCheckProtocol="protocol",
                    HealthCheckIntervalSeconds="interval", HealthCheckTimeoutSeconds="timeout",
                    HealthyThresholdCount="healthy_threshold",
                    UnhealthyThresholdCount="unhealthy_threshold")}


def tf_instance(a: Attrs) -> dict[str, Any]:
    return {**tf_pick(a, SubnetId="subnet_id", InstanceType="instance_type", ImageId="ami",
                    KeyName="key_name", IamInstanceProfile="iam_instance_profile"),
            "SecurityGroupIds": (a.get("vpc_security_group_ids") or []) +
            (a.get("security_groups") or []),
            "NetworkInterfaces": [{"AssociatePublicIpAddress":
                                   a.get("associate_public_ip_address")}],
            "MetadataOptions": {"HttpTokens": tf_first(a.get("metadata_options"))
                                .get("http_tokens")}}


def tf_role(a: Attrs) -> dict[str, Any]:
    return {**tf_pick(a, RoleName="name", ManagedPolicyArns="managed_policy_arns"),
            "AssumeRolePolicyDocument": tf_doc(a.get("assume_role_policy")),
            "Policies": [{"PolicyName": p.get("name"), "PolicyDocument": tf_doc(p.get("policy"))}
                         for p in a.get("inline_policy") or [] if p.get("name")]}


def tf_bucket(a: Attrs) -> dict[str, Any]:
    rule = tf_first(tf_first(a.get("server_side_encryption_configuration")).get("rule"))
    sse = tf_first(rule.get("apply_server_side_encryption_by_default")).get("sse_algorithm")
    versioning = tf_first(a.get("versioning")).get("enabled")
    return {**tf_pick(a, BucketName="bucket"),
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": sse}}]} if sse else None,
            "VersioningConfiguration": {"Status": "Enabled"} if versioning else None}


def tf_service(a: Attrs) -> dict[str, Any]:
    net = tf_first(a.get("network_configuration"))
    return {**tf_pick(a, Cluster="cluster", TaskDefinition="task_definition",
                    LaunchType="launch_type", DesiredCount="desired_count"),
            "NetworkConfiguration": {"AwsvpcConfiguration": {
                "Subnets": net.get("subnets"), "SecurityGroups": net.get("security_groups"),
                "AssignPublicIp": "ENABLED" if net.get("assign_public_ip") else "DISABLED"}},
            "LoadBalancers": [{"TargetGroupArn": lb.get("target_group_arn")}
                              for lb in a.get("load_balancer") or []]}


def tf_task(a: Attrs) -> dict[str, Any]:
    containers = tf_doc("{\"c\": " + a["container_definitions"] + "}") \
        if isinstance(a.get("container_definitions"), str) else None
    return {**tf_pick(a, Family="family", Cpu="cpu", Memory="memory", NetworkMode="network_mode",
                    RequiresCompatibilities="requires_compatibilities",
                    TaskRoleArn="task_role_arn", ExecutionRoleArn="execution_role_arn"),
            "ContainerDefinitions": [
                {"Name": c.get("name"), "Image": c.get("image"), "Essential": c.get("essential"),
                 "PortMappings": [{"ContainerPort": p.get("containerPort")}
                                  for p in c.get("portMappings") or []]}
                for c in (containers or {}).get("c") or [] if isinstance(c, dict)]}


def tf_table(a: Attrs) -> dict[str, Any]:
    keys = [{"AttributeName": a[k], "KeyType": t} for k, t in (("hash_key", "HASH"),
                                                               ("range_key", "RANGE"))
            if a.get(k)]
    sse = tf_first(a.get("server_side_encryption"))
    return {**tf_pick(a, TableName="name", BillingMode="billing_mode",
                    DeletionProtectionEnabled="deletion_protection_enabled"),
            "KeySchema": keys,
            "SSESpecification": {"SSEEnabled": sse.get("enabled"),
                                 "KMSMasterKeyId": sse.get("kms_key_arn")} if sse else None,
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": tf_first(
                a.get("point_in_time_recovery")).get("enabled")},
            "StreamSpecification": {"StreamViewType": a.get("stream_view_type")}
            if a.get("stream_enabled") else None}


def tf_distribution(a: Attrs) -> dict[str, Any]:
    return {"DistributionConfig": {
        "Origins": [{"DomainName": o.get("domain_name"),
                     "OriginAccessControlId": o.get("origin_access_control_id")}
                    for o in a.get("origin") or []],
        "Aliases": a.get("aliases"), "WebACLId": a.get("web_acl_id"),
        "ViewerCertificate": {"AcmCertificateArn": tf_first(a.get("viewer_certificate"))
                              .get("acm_certificate_arn")},
        "DefaultCacheBehavior": {"ViewerProtocolPolicy": tf_first(
            a.get("default_cache_behavior")).get("viewer_protocol_policy")}}}


def tf_web_acl(a: Attrs) -> dict[str, Any]:
    rules = []
    for r in a.get("rule") or []:
        action = next((k.capitalize() for k, v in tf_first(r.get("action")).items() if v), None)
        statement = tf_first(r.get("statement"))
        rules.append({"Name": r.get("name"), "Priority": r.get("priority"),
                      "Action": {action: {}} if action else None,
                      "Statement": {"ManagedRuleGroupStatement": {"Name": tf_first(
                          statement.get("managed_rule_group_statement")).get("name")},
                          "RateBasedStatement": {"Limit": tf_first(
                              statement.get("rate_based_statement")).get("limit")}}})
    default = "Block" if tf_first(a.get("default_action")).get("block") else "Allow"
    return {**tf_pick(a, Name="name", Scope="scope"), "DefaultAction": {default: {}},
            "Rules": rules}


__all__ = ["Attrs", "tf_bucket", "tf_distribution", "tf_doc", "tf_first", "tf_instance",
           "tf_listener", "tf_listener_rule", "tf_pick", "tf_role", "tf_service", "tf_sg_rules",
           "tf_table", "tf_target_group", "tf_task", "tf_web_acl"]
