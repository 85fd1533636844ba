"""The comparison of each kind, and what archdoc does for kinds it cannot compare.

A comparer takes (context, model id, model resource, live resource) and returns the attributes
that differ. Every kind of ``archdoc.kinds`` is in exactly one of ``COMPARERS``,
``NOT_IN_AWS`` or ``NOT_READ`` (``tests/drift/test_registry.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archdoc.drift.compare import (
    balancing,
    compute,
    edge,
    identity,
    network,
    security_groups,
    storage,
)
from archdoc.drift.context import Diff, DriftContext
from archdoc.text import say

Comparer = Callable[[DriftContext, str, Any, Any], list[Diff]]

COMPARERS: dict[str, Comparer] = {
    "vpc": network.vpc,
    "subnet": network.subnet,
    "internet_gateway": network.internet_gateway,
    "nat_gateway": network.nat_gateway,
    "route_table": network.route_table,
    "vpc_endpoint": network.vpc_endpoint,
    "security_group": security_groups.security_group,
    "ec2_instance": compute.ec2_instance,
    "ssm_session_manager": compute.ssm_session_manager,
    "alb": balancing.alb,
    "target_group": balancing.target_group,
    "acm_certificate": edge.acm_certificate,
    "route53_zone": edge.route53_zone,
    "route53_record": edge.route53_record,
    "iam_role": identity.iam_role,
    "s3_bucket": storage.s3_bucket,
}

# compared as a feature of the account, not found as one resource: service read instead
FEATURES: dict[str, str] = {"ssm_session_manager": "ssm"}

NOT_IN_AWS = frozenset({"users"})  # people, not resources: nothing to find

NOT_READ: dict[str, str] = {  # kind -> why it is NOT_CHECKED
    kind: say("archdoc does not read this kind from AWS yet")
    for kind in ("cloudfront_distribution", "autoscaling_group", "lambda_function",
                 "rds_instance", "secretsmanager_secret")
}
