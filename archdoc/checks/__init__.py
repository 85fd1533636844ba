"""Security rules over the typed model: the proofs behind the report's security claims.

``RULES`` is the registry, in one place. A rule is an id, a title, a rationale, a severity,
the kinds it reads, its prowler and checkov equivalents, and a pure function of the model.
``evaluate`` runs them all, applies the model's suppressions (``skip_checks`` on a resource,
with a reason) and locates each result in the model's file.
"""

from __future__ import annotations

from archdoc.checks import edge, messaging, network, workload
from archdoc.checks.rule import Rule, RuleResult, Severity, Verdict
from archdoc.model import Architecture
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
    Rule("AD-ELB-001", "HTTPS listeners use a certificate and a TLS 1.2+ policy",
         "Users' traffic is encrypted with the domain's certificate; older policies allow "
         "TLS 1.0 and 1.1.", Severity.HIGH, ("alb", "acm_certificate"),
         edge.https_with_modern_tls,
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
)

RULE: dict[str, Rule] = {r.id: r for r in RULES}
RULE_IDS: tuple[str, ...] = tuple(RULE)

__all__ = ["RULE", "RULES", "RULE_IDS", "Rule", "RuleResult", "Severity", "Verdict", "evaluate"]


def evaluate(model: Architecture) -> list[RuleResult]:
    """Every rule on every resource it applies to, located, suppressions applied."""
    results = []
    for rule in RULES:
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
