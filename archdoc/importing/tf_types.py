"""Terraform's ``aws_*`` resources as the CloudFormation resources the resolver reads: the
type, and the attributes under their CloudFormation property names. Nested blocks (a route
table's ``route``, a security group's ``ingress``) and the provider's split resources (an S3
bucket's ``aws_s3_bucket_versioning``, an integration of an API method) are joined in
``post_process``. Another ``aws_*`` type is matched to its CloudFormation type by name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from archdoc import catalogue
from archdoc.importing import Found, Notes
from archdoc.importing.tf_blocks import (
    tf_bucket,
    tf_distribution,
    tf_doc,
    tf_first,
    tf_instance,
    tf_listener,
    tf_listener_rule,
    tf_pick,
    tf_role,
    tf_service,
    tf_sg_rules,
    tf_table,
    tf_target_group,
    tf_task,
    tf_web_acl,
)

Attrs = dict[str, Any]


def _simple(cfn_type: str, **names: str) -> tuple[str, Callable[[Attrs], dict[str, Any]]]:
    return cfn_type, lambda a: tf_pick(a, **names)


TRANSLATE: dict[str, tuple[str, Callable[[Attrs], dict[str, Any]]]] = {
    "aws_vpc": _simple("AWS::EC2::VPC", CidrBlock="cidr_block"),
    "aws_subnet": _simple("AWS::EC2::Subnet", VpcId="vpc_id", CidrBlock="cidr_block",
                          AvailabilityZone="availability_zone",
                          MapPublicIpOnLaunch="map_public_ip_on_launch"),
    "aws_internet_gateway": _simple("AWS::EC2::InternetGateway", VpcId="vpc_id"),
    "aws_nat_gateway": _simple("AWS::EC2::NatGateway", SubnetId="subnet_id",
                               ConnectivityType="connectivity_type"),
    "aws_eip": _simple("AWS::EC2::EIP", InstanceId="instance"),
    "aws_route_table": ("AWS::EC2::RouteTable", lambda a: {
        **tf_pick(a, VpcId="vpc_id"), "_routes": a.get("route") or [],
        "_self": a.get("id")}),
    "aws_route": _simple("AWS::EC2::Route", RouteTableId="route_table_id",
                         DestinationCidrBlock="destination_cidr_block", GatewayId="gateway_id",
                         NatGatewayId="nat_gateway_id", TransitGatewayId="transit_gateway_id",
                         VpcPeeringConnectionId="vpc_peering_connection_id",
                         VpcEndpointId="vpc_endpoint_id"),
    "aws_route_table_association": _simple("AWS::EC2::SubnetRouteTableAssociation",
                                           SubnetId="subnet_id", RouteTableId="route_table_id"),
    "aws_security_group": ("AWS::EC2::SecurityGroup", lambda a: {
        **tf_pick(a, GroupName="name", GroupDescription="description", VpcId="vpc_id"),
        "SecurityGroupIngress": tf_sg_rules(a.get("ingress"), a.get("id")),
        "SecurityGroupEgress": tf_sg_rules(a.get("egress"), a.get("id"))
        if "egress" in a else None}),
    "aws_security_group_rule": ("AWS::EC2::SecurityGroupIngress", lambda a: {
        **tf_pick(a, GroupId="security_group_id", IpProtocol="protocol", FromPort="from_port",
                ToPort="to_port", Description="description"),
        "CidrIp": (a.get("cidr_blocks") or [None])[0],
        "SourceSecurityGroupId": a.get("security_group_id") if a.get("self")
        else a.get("source_security_group_id"),
        "DestinationSecurityGroupId": a.get("source_security_group_id"),
        "_egress": a.get("type") == "egress"}),
    "aws_vpc_security_group_ingress_rule": _simple(
        "AWS::EC2::SecurityGroupIngress", GroupId="security_group_id", IpProtocol="ip_protocol",
        FromPort="from_port", ToPort="to_port", CidrIp="cidr_ipv4", CidrIpv6="cidr_ipv6",
        SourceSecurityGroupId="referenced_security_group_id", Description="description"),
    "aws_vpc_security_group_egress_rule": _simple(
        "AWS::EC2::SecurityGroupEgress", GroupId="security_group_id", IpProtocol="ip_protocol",
        FromPort="from_port", ToPort="to_port", CidrIp="cidr_ipv4", CidrIpv6="cidr_ipv6",
        DestinationSecurityGroupId="referenced_security_group_id", Description="description"),
    "aws_vpc_endpoint": _simple("AWS::EC2::VPCEndpoint", VpcId="vpc_id",
                                ServiceName="service_name", VpcEndpointType="vpc_endpoint_type",
                                RouteTableIds="route_table_ids", SubnetIds="subnet_ids",
                                SecurityGroupIds="security_group_ids"),
    "aws_network_acl": ("AWS::EC2::NetworkAcl", lambda a: {
        **tf_pick(a, VpcId="vpc_id"), "_self": a.get("id"), "_subnets": a.get("subnet_ids"),
        "_entries": [(False, e) for e in a.get("ingress") or []] +
        [(True, e) for e in a.get("egress") or []]}),
    "aws_network_acl_rule": _simple("AWS::EC2::NetworkAclEntry", NetworkAclId="network_acl_id",
                                    RuleNumber="rule_number", Protocol="protocol",
                                    RuleAction="rule_action", Egress="egress",
                                    CidrBlock="cidr_block"),
    "aws_network_acl_association": _simple("AWS::EC2::SubnetNetworkAclAssociation",
                                           NetworkAclId="network_acl_id", SubnetId="subnet_id"),
    "aws_ec2_transit_gateway": _simple(
        "AWS::EC2::TransitGateway", AmazonSideAsn="amazon_side_asn",
        DefaultRouteTableAssociation="default_route_table_association",
        DefaultRouteTablePropagation="default_route_table_propagation",
        AutoAcceptSharedAttachments="auto_accept_shared_attachments"),
    "aws_ec2_transit_gateway_vpc_attachment": _simple(
        "AWS::EC2::TransitGatewayVpcAttachment", TransitGatewayId="transit_gateway_id",
        VpcId="vpc_id", SubnetIds="subnet_ids"),
    "aws_vpc_peering_connection": _simple("AWS::EC2::VPCPeeringConnection", VpcId="vpc_id",
                                          PeerVpcId="peer_vpc_id", PeerOwnerId="peer_owner_id"),
    "aws_lb": ("AWS::ElasticLoadBalancingV2::LoadBalancer", lambda a: {
        **tf_pick(a, Type="load_balancer_type", Subnets="subnets",
                SecurityGroups="security_groups"),
        "Scheme": "internal" if a.get("internal") else "internet-facing"}),
    "aws_lb_listener": ("AWS::ElasticLoadBalancingV2::Listener", tf_listener),
    "aws_lb_listener_rule": ("AWS::ElasticLoadBalancingV2::ListenerRule", tf_listener_rule),
    "aws_lb_target_group": ("AWS::ElasticLoadBalancingV2::TargetGroup", tf_target_group),
    "aws_lb_target_group_attachment": _simple(
        "AWS::ElasticLoadBalancingV2::TargetGroupAttachment",
        TargetGroupArn="target_group_arn", TargetId="target_id"),
    "aws_elb": ("AWS::ElasticLoadBalancing::LoadBalancer", lambda a: {
        **tf_pick(a, Subnets="subnets", SecurityGroups="security_groups", Instances="instances"),
        "Scheme": "internal" if a.get("internal") else "internet-facing",
        "Listeners": [{"LoadBalancerPort": x.get("lb_port"), "InstancePort":
                       x.get("instance_port"), "Protocol": x.get("lb_protocol")}
                      for x in a.get("listener") or []]}),
    "aws_instance": ("AWS::EC2::Instance", tf_instance),
    "aws_launch_template": ("AWS::EC2::LaunchTemplate", lambda a: {"LaunchTemplateData": {
        **tf_pick(a, InstanceType="instance_type", ImageId="image_id",
                SecurityGroupIds="vpc_security_group_ids"),
        "IamInstanceProfile": {"Name": tf_first(a.get("iam_instance_profile")).get("name"),
                               "Arn": tf_first(a.get("iam_instance_profile")).get("arn")}}}),
    "aws_launch_configuration": _simple(
        "AWS::AutoScaling::LaunchConfiguration", InstanceType="instance_type",
        ImageId="image_id", SecurityGroups="security_groups",
        IamInstanceProfile="iam_instance_profile"),
    "aws_autoscaling_group": ("AWS::AutoScaling::AutoScalingGroup", lambda a: {
        **tf_pick(a, VPCZoneIdentifier="vpc_zone_identifier", MinSize="min_size",
                MaxSize="max_size", DesiredCapacity="desired_capacity",
                TargetGroupARNs="target_group_arns",
                LaunchConfigurationName="launch_configuration",
                LoadBalancerNames="load_balancers"),
        "LaunchTemplate": {"LaunchTemplateId": tf_first(a.get("launch_template")).get("id")}}),
    "aws_lambda_function": ("AWS::Lambda::Function", lambda a: {
        **tf_pick(a, Runtime="runtime", Handler="handler", Role="role",
                FunctionName="function_name"),
        "VpcConfig": {"SubnetIds": tf_first(a.get("vpc_config")).get("subnet_ids"),
                      "SecurityGroupIds": tf_first(a.get("vpc_config")).get(
                          "security_group_ids")}}),
    "aws_lambda_permission": _simple("AWS::Lambda::Permission", FunctionName="function_name"),
    "aws_lambda_event_source_mapping": _simple(
        "AWS::Lambda::EventSourceMapping", EventSourceArn="event_source_arn",
        FunctionName="function_name"),
    "aws_iam_role": ("AWS::IAM::Role", tf_role),
    "aws_iam_role_policy": ("AWS::IAM::RolePolicy", lambda a: {
        **tf_pick(a, RoleName="role", PolicyName="name"),
        "PolicyDocument": tf_doc(a.get("policy"))}),
    "aws_iam_policy": ("AWS::IAM::ManagedPolicy", lambda a: {
        **tf_pick(a, ManagedPolicyName="name"), "PolicyDocument": tf_doc(a.get("policy")),
        "Roles": []}),
    "aws_iam_role_policy_attachment": _simple("AWS::IAM::RolePolicyAttachment", Role="role",
                                              PolicyArn="policy_arn"),
    "aws_iam_instance_profile": ("AWS::IAM::InstanceProfile", lambda a: {
        "Roles": [a["role"]] if a.get("role") else []}),
    "aws_s3_bucket": ("AWS::S3::Bucket", tf_bucket),
    "aws_s3_bucket_policy": ("AWS::S3::BucketPolicy", lambda a: {
        **tf_pick(a, Bucket="bucket"), "PolicyDocument": tf_doc(a.get("policy"))}),
    "aws_db_instance": _simple("AWS::RDS::DBInstance", Engine="engine",
                               DBInstanceClass="instance_class",
                               VPCSecurityGroups="vpc_security_group_ids", MultiAZ="multi_az",
                               PubliclyAccessible="publicly_accessible",
                               StorageEncrypted="storage_encrypted",
                               DBSubnetGroupName="db_subnet_group_name"),
    "aws_db_subnet_group": _simple("AWS::RDS::DBSubnetGroup", SubnetIds="subnet_ids"),
    "aws_elasticache_replication_group": _simple(
        "AWS::ElastiCache::ReplicationGroup", Engine="engine", CacheNodeType="node_type",
        NumCacheClusters="num_cache_clusters", SecurityGroupIds="security_group_ids",
        CacheSubnetGroupName="subnet_group_name",
        TransitEncryptionEnabled="transit_encryption_enabled",
        AtRestEncryptionEnabled="at_rest_encryption_enabled", KmsKeyId="kms_key_id",
        MultiAZEnabled="multi_az_enabled"),
    "aws_elasticache_cluster": _simple(
        "AWS::ElastiCache::CacheCluster", Engine="engine", CacheNodeType="node_type",
        NumCacheNodes="num_cache_nodes", VpcSecurityGroupIds="security_group_ids",
        CacheSubnetGroupName="subnet_group_name"),
    "aws_elasticache_subnet_group": _simple("AWS::ElastiCache::SubnetGroup",
                                            SubnetIds="subnet_ids"),
    "aws_ecs_cluster": _simple("AWS::ECS::Cluster", ClusterName="name"),
    "aws_ecs_service": ("AWS::ECS::Service", tf_service),
    "aws_ecs_task_definition": ("AWS::ECS::TaskDefinition", tf_task),
    "aws_eks_cluster": ("AWS::EKS::Cluster", lambda a: {
        **tf_pick(a, Name="name", Version="version"),
        "ResourcesVpcConfig": {k: tf_first(a.get("vpc_config")).get(t) for k, t in (
            ("SubnetIds", "subnet_ids"), ("SecurityGroupIds", "security_group_ids"),
            ("EndpointPublicAccess", "endpoint_public_access"),
            ("EndpointPrivateAccess", "endpoint_private_access"),
            ("PublicAccessCidrs", "public_access_cidrs"))}}),
    "aws_dynamodb_table": ("AWS::DynamoDB::Table", tf_table),
    "aws_sqs_queue": ("AWS::SQS::Queue", lambda a: {
        **tf_pick(a, QueueName="name", FifoQueue="fifo_queue", KmsMasterKeyId="kms_master_key_id",
                SqsManagedSseEnabled="sqs_managed_sse_enabled",
                VisibilityTimeout="visibility_timeout_seconds",
                MessageRetentionPeriod="message_retention_seconds"),
        "RedrivePolicy": tf_doc(a.get("redrive_policy"))}),
    "aws_sns_topic": _simple("AWS::SNS::Topic", TopicName="name", FifoTopic="fifo_topic",
                             KmsMasterKeyId="kms_master_key_id"),
    "aws_sns_topic_subscription": _simple("AWS::SNS::Subscription", TopicArn="topic_arn",
                                          Protocol="protocol", Endpoint="endpoint"),
    "aws_cloudwatch_log_group": _simple("AWS::Logs::LogGroup", LogGroupName="name",
                                        RetentionInDays="retention_in_days",
                                        KmsKeyId="kms_key_id"),
    "aws_kms_key": _simple("AWS::KMS::Key", EnableKeyRotation="enable_key_rotation",
                           MultiRegion="multi_region", KeyUsage="key_usage",
                           PendingWindowInDays="deletion_window_in_days"),
    "aws_kms_alias": _simple("AWS::KMS::Alias", AliasName="name", TargetKeyId="target_key_id"),
    "aws_secretsmanager_secret": _simple("AWS::SecretsManager::Secret", Name="name",
                                         KmsKeyId="kms_key_id"),
    "aws_route53_zone": ("AWS::Route53::HostedZone", lambda a: {
        **tf_pick(a, Name="name"), "VPCs": a.get("vpc") or None}),
    "aws_route53_record": ("AWS::Route53::RecordSet", lambda a: {
        **tf_pick(a, HostedZoneId="zone_id", Name="name", Type="type",
                ResourceRecords="records"),
        "AliasTarget": {"DNSName": tf_first(a.get("alias")).get("name")}}),
    "aws_acm_certificate": _simple("AWS::CertificateManager::Certificate",
                                   DomainName="domain_name",
                                   SubjectAlternativeNames="subject_alternative_names",
                                   ValidationMethod="validation_method"),
    "aws_cloudfront_distribution": ("AWS::CloudFront::Distribution", tf_distribution),
    "aws_wafv2_web_acl": ("AWS::WAFv2::WebACL", tf_web_acl),
    "aws_wafv2_web_acl_association": _simple("AWS::WAFv2::WebACLAssociation",
                                             ResourceArn="resource_arn",
                                             WebACLArn="web_acl_arn"),
    "aws_cloudtrail": _simple("AWS::CloudTrail::Trail", TrailName="name",
                              IsMultiRegionTrail="is_multi_region_trail",
                              EnableLogFileValidation="enable_log_file_validation",
                              S3BucketName="s3_bucket_name", KMSKeyId="kms_key_id",
                              CloudWatchLogsLogGroupArn="cloud_watch_logs_group_arn",
                              IsOrganizationTrail="is_organization_trail"),
    "aws_guardduty_detector": _simple("AWS::GuardDuty::Detector", Enable="enable"),
    "aws_api_gateway_rest_api": ("AWS::ApiGateway::RestApi", lambda a: {
        **tf_pick(a, Name="name"),
        "EndpointConfiguration": {"Types": tf_first(a.get("endpoint_configuration"))
                                  .get("types")}}),
    "aws_api_gateway_resource": _simple("AWS::ApiGateway::Resource", RestApiId="rest_api_id",
                                        ParentId="parent_id", PathPart="path_part"),
    "aws_api_gateway_method": _simple("AWS::ApiGateway::Method", RestApiId="rest_api_id",
                                      ResourceId="resource_id", HttpMethod="http_method",
                                      AuthorizationType="authorization",
                                      AuthorizerId="authorizer_id"),
    "aws_api_gateway_integration": _simple("AWS::ApiGateway::Integration_",
                                           RestApiId="rest_api_id", ResourceId="resource_id",
                                           HttpMethod="http_method", Uri="uri"),
    "aws_api_gateway_deployment": _simple("AWS::ApiGateway::Deployment",
                                          RestApiId="rest_api_id"),
    "aws_api_gateway_stage": _simple("AWS::ApiGateway::Stage", RestApiId="rest_api_id"),
    "aws_apigatewayv2_api": ("AWS::ApiGatewayV2::Api", lambda a: {
        **tf_pick(a, Name="name", ProtocolType="protocol_type"),
        "CorsConfiguration": {"AllowOrigins": tf_first(a.get("cors_configuration"))
                              .get("allow_origins")}}),
    "aws_apigatewayv2_route": _simple("AWS::ApiGatewayV2::Route", ApiId="api_id",
                                      RouteKey="route_key", Target="target",
                                      AuthorizationType="authorization_type",
                                      AuthorizerId="authorizer_id"),
    "aws_apigatewayv2_integration": _simple("AWS::ApiGatewayV2::Integration", ApiId="api_id",
                                            IntegrationUri="integration_uri"),
    "aws_apigatewayv2_stage": _simple("AWS::ApiGatewayV2::Stage", ApiId="api_id"),
    "aws_cognito_user_pool": ("AWS::Cognito::UserPool", lambda a: {
        **tf_pick(a, UserPoolName="name", MfaConfiguration="mfa_configuration"),
        "Policies": {"PasswordPolicy": {"MinimumLength": tf_first(a.get("password_policy"))
                                        .get("minimum_length")}}}),
}
TRANSLATE["aws_alb"] = TRANSLATE["aws_lb"]
TRANSLATE["aws_alb_listener"] = TRANSLATE["aws_lb_listener"]
TRANSLATE["aws_alb_target_group"] = TRANSLATE["aws_lb_target_group"]
TRANSLATE["aws_lb_listener_certificate"] = _simple(
    "AWS::ElasticLoadBalancingV2::ListenerCertificate", ListenerArn="listener_arn")


def _snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2",
                                                        name)).lower()


def open_type(tf_type: str) -> str | None:
    """The CloudFormation type another ``aws_*`` type is: ``aws_<service>_<name>`` matched
    on the type list (``aws_cloudwatch_metric_alarm`` is ``AWS::CloudWatch::Alarm``)."""
    words = tf_type.removeprefix("aws_").split("_")
    best: tuple[int, str] | None = None
    for cfn in catalogue.types():
        parts = cfn.split("::")
        if len(parts) != 3 or parts[0] != "AWS":
            continue
        service, name = parts[1].lower(), _snake(parts[2]).split("_")
        for cut in (1, 2):
            if "".join(words[:cut]) != service:
                continue
            rest = words[cut:]
            if rest == name:
                return cfn
            if rest and name and rest[-1] == name[-1] and set(name) <= set(rest):
                score = len(rest) - len(name)
                if best is None or score < best[0]:
                    best = (score, cfn)
    return best[1] if best else None


def post_process(found: list[Found], notes: Notes) -> list[Found]:
    """Join what the provider splits and CloudFormation keeps in one resource."""
    by_physical = {v: f for f in found for v in f.physical.values()}
    kept = []
    for f in found:
        p = f.props
        if f.type == "AWS::IAM::RolePolicyAttachment":
            policy = by_physical.get(str(p.get("PolicyArn")))
            role = by_physical.get(str(p.get("Role")))
            if policy is not None and policy.type == "AWS::IAM::ManagedPolicy":
                policy.props.setdefault("Roles", []).append(p.get("Role"))
            elif role is not None:
                role.props.setdefault("ManagedPolicyArns", []).append(p.get("PolicyArn"))
        elif f.type == "AWS::ApiGateway::Integration_":
            for m in found:
                if m.type == "AWS::ApiGateway::Method" and \
                        m.props.get("ResourceId") == p.get("ResourceId") and \
                        m.props.get("HttpMethod") == p.get("HttpMethod"):
                    m.props["Integration"] = {"Uri": p.get("Uri")}
            f.type = "AWS::ApiGateway::Deployment"  # folded like the API's other parts
        elif f.type == "AWS::ApiGatewayV2::Route" and isinstance(p.get("Target"), str):
            ident = p["Target"].removeprefix("integrations/")
            integration = by_physical.get(ident)
            if integration is not None:
                p["Target"] = integration.props.get("IntegrationUri")
        elif f.type == "AWS::ElasticLoadBalancingV2::TargetGroupAttachment":
            group = by_physical.get(str(p.get("TargetGroupArn")))
            if group is not None:
                group.props.setdefault("Targets", []).append({"Id": p.get("TargetId")})
        elif f.type == "AWS::EC2::SecurityGroupIngress" and p.pop("_egress", False):
            f.type = "AWS::EC2::SecurityGroupEgress"
        elif f.type == "AWS::EC2::RouteTable":
            kept += _inline_routes(f)
        elif f.type == "AWS::EC2::NetworkAcl":
            kept += _inline_acl(f)
        p.pop("_egress", None)
        kept.append(f)
    return kept


def _inline_acl(f: Found) -> list[Found]:
    """A network ACL's ``ingress`` / ``egress`` blocks and ``subnet_ids`` as the entries and
    associations CloudFormation has."""
    acl = f.props.pop("_self", None)
    entries, subnets = f.props.pop("_entries", []), f.props.pop("_subnets", None) or []
    out = []
    for i, (egress, e) in enumerate(entries):
        if isinstance(e, dict):
            out.append(Found(f"{f.key}.rule[{i}]", "AWS::EC2::NetworkAclEntry", {
                "NetworkAclId": acl, "RuleNumber": e.get("rule_no"),
                "Protocol": e.get("protocol"), "RuleAction": e.get("action"),
                "Egress": egress, "CidrBlock": e.get("cidr_block"),
                "PortRange": {"From": e.get("from_port"), "To": e.get("to_port")}},
                f.where, f"{f.key}.{'egress' if egress else 'ingress'}[{i}]"))
    for i, subnet in enumerate(subnets):
        out.append(Found(f"{f.key}.subnet[{i}]", "AWS::EC2::SubnetNetworkAclAssociation",
                         {"NetworkAclId": acl, "SubnetId": subnet}, f.where,
                         f"{f.key}.subnet_ids[{i}]"))
    return out


def _inline_routes(f: Found) -> list[Found]:
    """A route table's ``route`` blocks as the route resources CloudFormation has."""
    routes, table = f.props.pop("_routes", []), f.props.pop("_self", None)
    out = []
    for i, r in enumerate(routes if isinstance(routes, list) else []):
        if not isinstance(r, dict):
            continue
        props = {"RouteTableId": table, **tf_pick(
            r, DestinationCidrBlock="cidr_block", DestinationIpv6CidrBlock="ipv6_cidr_block",
            GatewayId="gateway_id", NatGatewayId="nat_gateway_id",
            TransitGatewayId="transit_gateway_id",
            VpcPeeringConnectionId="vpc_peering_connection_id",
            VpcEndpointId="vpc_endpoint_id")}
        out.append(Found(f"{f.key}.route[{i}]", "AWS::EC2::Route", props, f.where,
                         f"{f.key}.route[{i}]"))
    return out


__all__ = ["TRANSLATE", "open_type", "post_process"]
