"""Security rules over the typed model: the proofs behind the report's security claims.

``RULES`` is the registry, in one place. A rule is an id, a title, a rationale, a severity,
the kinds it reads, its prowler and checkov equivalents, and a pure function of the model.
``evaluate`` runs them all, applies the model's suppressions (``skip_checks`` on a resource,
with a reason) and locates each result in the model's file.
"""

from __future__ import annotations

from itertools import chain

from archdoc.checks import audit, data, edge, exposure, messaging, network, workload
from archdoc.checks.rule import Rule, RuleResult, Severity, Verdict
from archdoc.model import Architecture
from archdoc.processes import checkpoint
from archdoc.text import say

RULES: tuple[Rule, ...] = (
    Rule("AD-NET-001", "EC2 instances are not reachable from the internet directly",
         "An instance with a public IP or in a subnet routed to an internet gateway can be "
         "reached around the load balancer and its security group.", Severity.HIGH,
         ("ec2_instance", "subnet", "route_table"), network.instance_not_public,
         prowler=("ec2_instance_public_ip",), checkov=("CKV_AWS_88",)),
    Rule("AD-NET-002", "Only load balancers are open to the internet, and only on 80/443",
         "A security group open to 0.0.0.0/0 or ::/0 exposes whatever uses it; a public load "
         "balancer needs only HTTP and HTTPS.", Severity.HIGH, ("security_group", "alb"),
         network.world_only_on_load_balancer,
         prowler=("ec2_securitygroup_allow_ingress_from_internet_to_all_ports",)),
    Rule("AD-NET-003", "No SSH or RDP from anywhere",
         "Port 22 or 3389 open to the internet invites brute force; administrators use "
         "Session Manager.", Severity.CRITICAL, ("security_group",),
         network.no_remote_admin_from_anywhere,
         prowler=("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
                  "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"),
         checkov=("CKV_AWS_24", "CKV_AWS_25")),
    Rule("AD-NET-004", "Instances behind a load balancer accept traffic only from its "
         "security group",
         "Referencing the load balancer's security group, not a network, lets nothing else "
         "reach the instances.", Severity.HIGH, ("ec2_instance", "security_group", "alb"),
         network.instance_only_from_load_balancer),
    Rule("AD-NET-005", "Private instances reach the internet only through a NAT gateway in a "
         "public subnet",
         "Outbound only: a NAT gateway lets an instance download without being reachable.",
         Severity.MEDIUM, ("ec2_instance", "route_table", "nat_gateway"),
         network.private_egress_through_nat),
    Rule("AD-ELB-001", "HTTPS and TLS listeners use a certificate and a TLS 1.2+ policy",
         "Users' traffic is encrypted with the domain's certificate; older policies allow "
         "TLS 1.0 and 1.1.", Severity.HIGH, ("alb", "nlb", "acm_certificate"),
         lambda model: chain(edge.https_with_modern_tls(model),
                             edge.tls_listeners_modern(model)),
         prowler=("elbv2_ssl_listeners", "elbv2_insecure_ssl_ciphers"),
         checkov=("CKV_AWS_2", "CKV_AWS_103")),
    Rule("AD-ELB-002", "HTTP listeners redirect to HTTPS",
         "A listener that serves HTTP sends users' traffic in clear text.", Severity.MEDIUM,
         ("alb",), edge.http_redirects_to_https, checkov=("CKV2_AWS_20",)),
    Rule("AD-ELB-003", "The load balancer health-checks its targets",
         "Traffic goes only to targets that answer their health check.", Severity.MEDIUM,
         ("alb", "target_group"), edge.targets_health_checked, checkov=("CKV_AWS_261",)),
    Rule("AD-S3-001", "S3 is reached through a gateway endpoint from private subnets",
         "With a gateway endpoint on the route table, S3 traffic stays inside AWS.",
         Severity.MEDIUM, ("ec2_instance", "vpc_endpoint", "route_table", "s3_bucket"),
         edge.s3_through_gateway_endpoint),
    Rule("AD-S3-002", "S3 buckets block public access", "All four settings of the public "
         "access block keep a policy or ACL mistake from publishing the bucket.", Severity.HIGH,
         ("s3_bucket",), edge.bucket_public_access_blocked,
         prowler=("s3_bucket_level_public_access_block",),
         checkov=("CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56")),
    Rule("AD-IAM-001", "IAM roles follow least privilege",
         "No *FullAccess, AdministratorAccess or PowerUserAccess policy, and no wildcard "
         "action or resource in an inline statement.", Severity.HIGH, ("iam_role",),
         workload.least_privilege,
         prowler=("iam_aws_attached_policy_no_administrative_privileges",
                  "iam_inline_policy_no_administrative_privileges"),
         checkov=("CKV_AWS_62", "CKV_AWS_63")),
    Rule("AD-SSM-001", "Instances have no SSH key and are managed through Session Manager",
         "Without a key pair there is no key to leak; AmazonSSMManagedInstanceCore on the "
         "instance's role lets Session Manager in.", Severity.MEDIUM, ("ec2_instance", "iam_role"),
         workload.session_manager_not_ssh, prowler=("ec2_instance_managed_by_ssm",)),
    Rule("AD-EC2-002", "Instances require IMDSv2",
         "Session tokens on the metadata service stop SSRF from reading the role's "
         "credentials.", Severity.HIGH, ("ec2_instance",), workload.imdsv2_required,
         prowler=("ec2_instance_imdsv2_enabled",), checkov=("CKV_AWS_79",)),
    Rule("AD-DNS-001", "The domain's alias record points at the load balancer",
         "Users reach the site through the load balancer that holds its certificate.", Severity.LOW,
         ("route53_record", "alb", "acm_certificate"), edge.alias_points_at_load_balancer),
    Rule("AD-SQS-001", "SQS queues encrypt their messages at rest",
         "Server-side encryption (SSE-SQS or a KMS key) keeps messages unreadable on AWS's "
         "disks and in backups.", Severity.MEDIUM, ("sqs_queue",), messaging.queues_encrypted,
         prowler=("sqs_queues_server_side_encryption_enabled",), checkov=("CKV_AWS_27",)),
    Rule("AD-SNS-001", "SNS topics encrypt their messages at rest",
         "A KMS key (the AWS managed aws/sns or your own) keeps published messages unreadable "
         "at rest.", Severity.MEDIUM, ("sns_topic",), messaging.topics_encrypted,
         prowler=("sns_topics_kms_encryption_at_rest_enabled",), checkov=("CKV_AWS_26",)),
    Rule("AD-DDB-001", "DynamoDB tables are encrypted with a KMS key",
         "With the AWS managed or a customer managed key, the key's policy and CloudTrail "
         "show who decrypts the table; an AWS owned key shows nothing.", Severity.MEDIUM,
         ("dynamodb_table", "kms_key"), data.tables_encrypted_with_kms,
         prowler=("dynamodb_tables_kms_cmk_encryption_enabled",), checkov=("CKV_AWS_119",)),
    Rule("AD-DDB-002", "DynamoDB tables have point-in-time recovery",
         "A table can then be restored to any second of the last 35 days after a bad write or "
         "a deletion.", Severity.MEDIUM, ("dynamodb_table",), data.tables_recoverable,
         prowler=("dynamodb_tables_pitr_enabled",), checkov=("CKV_AWS_28",)),
    Rule("AD-KMS-001", "KMS keys rotate their key material",
         "Yearly rotation limits what one compromised key version can decrypt.",
         Severity.MEDIUM, ("kms_key",), audit.keys_rotate,
         prowler=("kms_cmk_rotation_enabled",), checkov=("CKV_AWS_7",)),
    Rule("AD-CT-001", "CloudTrail records every region, with log file validation",
         "A trail of one region misses calls made elsewhere; without validation a changed log "
         "cannot be detected.", Severity.HIGH, ("cloudtrail_trail",),
         audit.trails_cover_every_region,
         prowler=("cloudtrail_multi_region_enabled", "cloudtrail_log_file_validation_enabled"),
         checkov=("CKV_AWS_67", "CKV_AWS_36")),
    Rule("AD-GD-001", "GuardDuty is on in every region of the architecture",
         "A region without a detector is where an intruder goes unseen.", Severity.HIGH,
         ("guardduty_detector",), audit.guardduty_everywhere,
         prowler=("guardduty_is_enabled",), checkov=("CKV2_AWS_3",)),
    Rule("AD-WAF-001", "Internet-facing distributions, load balancers and APIs are behind a "
         "web application firewall",
         "AWS WAF's rules stop common web exploits and floods before they reach the "
         "application.", Severity.MEDIUM,
         ("cloudfront_distribution", "alb", "api_gateway_rest_api", "api_gateway_http_api",
          "waf_web_acl"), exposure.web_acl_in_front,
         prowler=("cloudfront_distributions_using_waf", "elbv2_waf_acl_attached",
                  "apigateway_restapi_waf_acl_attached"),
         checkov=("CKV_AWS_68", "CKV2_AWS_28", "CKV2_AWS_29")),
    Rule("AD-API-001", "Every API Gateway route is authorised",
         "A route without an authorizer or IAM lets anyone on the internet call what serves "
         "it.", Severity.HIGH, ("api_gateway_rest_api", "api_gateway_http_api",
                                "cognito_user_pool"), exposure.routes_authorised,
         prowler=("apigateway_restapi_authorizers_enabled",), checkov=("CKV_AWS_59",)),
    Rule("AD-S3-003", "No bucket policy grants anything to anyone unconditionally",
         "Principal '*' in an Allow statement without a condition publishes the bucket to the "
         "internet.", Severity.CRITICAL, ("s3_bucket",), exposure.no_public_bucket_policy,
         prowler=("s3_bucket_public_access",), checkov=("CKV_AWS_70",)),
    Rule("AD-NACL-001", "No network ACL lets SSH or RDP in from the internet",
         "A network ACL that allows port 22 or 3389 from 0.0.0.0/0 leaves only security groups "
         "between the world and administration.", Severity.HIGH, ("network_acl",),
         exposure.no_admin_ports_in_acls,
         prowler=("ec2_networkacl_allow_ingress_tcp_port_22",
                  "ec2_networkacl_allow_ingress_tcp_port_3389"),
         checkov=("CKV_AWS_229", "CKV_AWS_231")),
    Rule("AD-ECS-001", "Fargate tasks run in private subnets without public IPs",
         "A task with a public IP is reachable around its load balancer.", Severity.HIGH,
         ("ecs_service", "subnet", "route_table"), exposure.tasks_private,
         prowler=("ecs_service_no_assign_public_ip",), checkov=("CKV_AWS_333",)),
    Rule("AD-EKS-001", "EKS cluster endpoints are not open to the internet",
         "A public Kubernetes API endpoint open to 0.0.0.0/0 invites credential attacks on the "
         "cluster's control plane.", Severity.HIGH, ("eks_cluster",),
         exposure.cluster_endpoint_private,
         prowler=("eks_endpoints_not_publicly_accessible",), checkov=("CKV_AWS_39",)),
    Rule("AD-EC-001", "ElastiCache clusters encrypt connections in transit",
         "Without TLS, cached data and AUTH tokens cross the network in clear text.",
         Severity.MEDIUM, ("elasticache_cluster",), data.caches_encrypted_in_transit,
         prowler=("elasticache_redis_cluster_in_transit_encryption_enabled",),
         checkov=("CKV_AWS_30",)),
)

RULE: dict[str, Rule] = {r.id: r for r in RULES}
RULE_IDS: tuple[str, ...] = tuple(RULE)

__all__ = ["RULE", "RULES", "RULE_IDS", "Rule", "RuleResult", "Severity", "Verdict", "evaluate"]


def evaluate(model: Architecture) -> list[RuleResult]:
    """Every rule on every resource it applies to, located, suppressions applied."""
    results = []
    for rule in RULES:
        checkpoint()  # a signal stops the checks between rules
        for outcome in rule.evaluate(model):
            res = model.resources[outcome.resource]
            skip = next((s for s in res.skip_checks if s.id == rule.id), None)
            where = model.where(("resources", outcome.resource, *outcome.path))
            if skip is not None:
                verdict, message = Verdict.SKIPPED, say("skipped: {reason}", reason=skip.reason)
            else:
                verdict = Verdict.UNKNOWN if outcome.passed is None else (
                    Verdict.PASS if outcome.passed else Verdict.FAIL)
                message = outcome.message
            results.append(RuleResult(rule.id, verdict, outcome.resource, message, where,
                                      outcome.involves or (outcome.resource,)))
    return results
