"""What the internet can reach beyond instances: buckets by policy, APIs, clusters and tasks,
network ACLs, and whether a web application firewall stands in front."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from archdoc.checks.facts import WORLD, is_public
from archdoc.checks.rule import Outcome
from archdoc.model import Architecture
from archdoc.model.resources import Alb, CloudFrontDistribution, S3Bucket
from archdoc.model.resources.api import ApiGatewayHttpApi, ApiGatewayRestApi
from archdoc.model.resources.containers import EcsService, EksCluster
from archdoc.model.resources.network import NetworkAcl
from archdoc.model.resources.security import WafWebAcl
from archdoc.model.types import port_bounds
from archdoc.text import say

ADMIN_PORTS = (22, 3389)


def no_public_bucket_policy(model: Architecture) -> Iterator[Outcome]:
    for rid, bucket in model.all_of(S3Bucket).items():
        public = [(i, st) for i, st in enumerate(bucket.policy) if st.public]
        if public:
            i, st = public[0]
            yield Outcome(rid, False, say("{rid}'s policy lets anyone {actions}", rid=rid,
                                          actions=", ".join(st.actions)), ("policy", i))
        elif bucket.policy:
            yield Outcome(rid, True, say("{rid}'s policy grants nothing to anyone "
                                         "unconditionally", rid=rid), ("policy",))


def _waf_of(model: Architecture) -> dict[str, str]:
    """Resource id -> the web ACL protecting it."""
    return {target: rid for rid, acl in model.all_of(WafWebAcl).items()
            for target in acl.protects}


def _fronted(model: Architecture, protected: dict[str, str]) -> dict[str, str]:
    """Origin id -> a WAF-protected distribution in front of it."""
    return {origin.target: rid for rid, cdn in model.all_of(CloudFrontDistribution).items()
            if rid in protected for origin in cdn.origins}


def web_acl_in_front(model: Architecture) -> Iterator[Outcome]:
    protected = _waf_of(model)
    fronted = _fronted(model, protected)
    facing: list[tuple[str, str]] = [(rid, "distribution") for rid in
                                     model.all_of(CloudFrontDistribution)]
    facing += [(rid, "load balancer") for rid, alb in model.all_of(Alb).items()
               if alb.scheme == "internet-facing"]
    facing += [(rid, "API") for rid, api in model.all_of(ApiGatewayRestApi).items()
               if api.endpoint != "PRIVATE"]
    facing += [(rid, "HTTP API") for rid in model.all_of(ApiGatewayHttpApi)]
    for rid, what in facing:
        if rid in protected:
            yield Outcome(rid, True, say("{rid} is protected by {acl}", rid=rid,
                                         acl=protected[rid]), (), (rid, protected[rid]))
        elif rid in fronted:
            yield Outcome(rid, True, say("{rid} is reached through {cdn}, which {acl} "
                                         "protects", rid=rid, cdn=fronted[rid],
                                         acl=protected[fronted[rid]]), (),
                          (rid, fronted[rid], protected[fronted[rid]]))
        elif what == "HTTP API":
            yield Outcome(rid, False, say("{rid} faces the internet without a web application "
                                          "firewall (an HTTP API takes none: put CloudFront "
                                          "with AWS WAF in front)", rid=rid), (), (rid,))
        else:
            yield Outcome(rid, False, say("{rid} faces the internet without a web application "
                                          "firewall", rid=rid), (), (rid,))


def routes_authorised(model: Architecture) -> Iterator[Outcome]:
    apis = {**model.all_of(ApiGatewayRestApi), **model.all_of(ApiGatewayHttpApi)}
    for rid, api in apis.items():
        open_routes = [(i, r) for i, r in enumerate(api.routes) if r.authorised_by == "none"
                       and r.method != "OPTIONS"]  # CORS pre-flight carries no credentials
        if open_routes:
            i, route = open_routes[0]
            yield Outcome(rid, False, say("{rid}'s route {method} {path} lets anyone call it",
                                          rid=rid, method=route.method, path=route.path),
                          ("routes", i), (rid,))
        elif api.routes:
            yield Outcome(rid, True, say("every route of {rid} is authorised", rid=rid),
                          ("routes",), (rid, *sorted({source for a in api.authorizers
                                                      if (source := a.user_pool or a.function)})))


def _world(cidr: str) -> bool:
    return cidr in WORLD or ipaddress.ip_network(cidr).prefixlen == 0


def no_admin_ports_in_acls(model: Architecture) -> Iterator[Outcome]:
    for rid, acl in model.all_of(NetworkAcl).items():
        decided = None
        for port in ADMIN_PORTS:
            # rules apply lowest number first: the first that covers the port decides
            for i, rule in sorted(enumerate(acl.ingress), key=lambda x: x[1].rule_number):
                bounds = port_bounds(rule.port) or (0, 65535)
                covers = rule.protocol in ("tcp", "all") and bounds[0] <= port <= bounds[1]
                if covers and _world(rule.cidr):
                    if rule.action == "allow":
                        decided = (i, port)
                    break
            if decided:
                break
        if decided:
            yield Outcome(rid, False, say("{rid} allows port {port} from the whole internet",
                                          rid=rid, port=decided[1]), ("ingress", decided[0]))
        else:
            yield Outcome(rid, True, say("{rid} lets no administration port in from the "
                                         "internet", rid=rid), ("ingress",))


def tasks_private(model: Architecture) -> Iterator[Outcome]:
    for rid, service in model.all_of(EcsService).items():
        if service.launch_type != "FARGATE":
            continue
        if not service.subnets:
            yield Outcome(rid, None, say("{rid} has no subnets in the model", rid=rid), ())
            continue
        public = [s for s in service.subnets if is_public(model, s)]
        involves = (rid, *service.subnets)
        if service.assign_public_ip:
            yield Outcome(rid, False, say("{rid} gives its tasks public IPs", rid=rid),
                          ("assign_public_ip",), involves)
        elif public:
            yield Outcome(rid, False, say("{rid} runs tasks in public subnet {subnet}", rid=rid,
                                          subnet=public[0]), ("subnets",), involves)
        else:
            yield Outcome(rid, True, say("{rid} runs its tasks in private subnets without "
                                         "public IPs", rid=rid), (), involves)


def cluster_endpoint_private(model: Architecture) -> Iterator[Outcome]:
    for rid, cluster in model.all_of(EksCluster).items():
        world = [c for c in cluster.public_access_cidrs if _world(c)]
        if cluster.endpoint_public and world:
            yield Outcome(rid, False, say("{rid}'s Kubernetes API answers the whole internet",
                                          rid=rid), ("endpoint_public",))
        else:
            yield Outcome(rid, True, say("{rid}'s Kubernetes API is private or limited to "
                                         "known networks", rid=rid), ("endpoint_public",))
