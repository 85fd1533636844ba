"""``archdoc discover`` of what runs in and in front of the VPCs: ECS clusters, services and
their task definitions, EKS clusters, ElastiCache replication groups, REST and HTTP APIs
(their routes and authorizers), web ACLs (and what they protect)."""

from __future__ import annotations

from typing import Any

from archdoc.aws.collect import Snapshot
from archdoc.importing import Found
from archdoc.importing.discover_network import WHERE, found


def applications(snapshot: Snapshot, subnets: set[str], whole_region: bool) -> list[Found]:
    data = snapshot.data
    out = _ecs(data.get("ecs") or {}, subnets, whole_region)
    out += _eks(data.get("eks") or {}, subnets, whole_region)
    out += _caches(data.get("elasticache") or {}, whole_region)
    if whole_region:
        out += _rest_apis(data.get("apigateway") or {})
        out += _http_apis(data.get("apigatewayv2") or {})
        out += _web_acls(data.get("wafv2") or {})
    return out


def _in(found_subnets: Any, subnets: set[str], whole_region: bool) -> bool:
    return whole_region or bool(set(found_subnets or []) & subnets)


def _ecs(data: dict[str, Any], subnets: set[str], whole_region: bool) -> list[Found]:
    out: list[Found] = []
    services = [s for s in data.get("services") or []
                if _in(((s.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {})
                       .get("subnets"), subnets, whole_region)]
    used = {s.get("clusterArn") for s in services}
    for c in data.get("clusters") or []:
        if whole_region or c["clusterArn"] in used:
            out.append(found(c["clusterName"], "AWS::ECS::Cluster", {
                "ClusterName": c["clusterName"],
                "ClusterSettings": [{"Name": x.get("name"), "Value": x.get("value")}
                                    for x in c.get("settings") or []]},
                c["clusterArn"], aws={"name": c["clusterName"]}, name=c["clusterName"],
                arn=c["clusterArn"]))
    for s in services:
        vpc = (s.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
        out.append(found(s["serviceName"], "AWS::ECS::Service", {
            "Cluster": s.get("clusterArn"), "TaskDefinition": s.get("taskDefinition"),
            "LaunchType": s.get("launchType"), "DesiredCount": s.get("desiredCount"),
            "NetworkConfiguration": {"AwsvpcConfiguration": {
                "Subnets": vpc.get("subnets"), "SecurityGroups": vpc.get("securityGroups"),
                "AssignPublicIp": vpc.get("assignPublicIp")}},
            "LoadBalancers": [{"TargetGroupArn": lb.get("targetGroupArn")}
                              for lb in s.get("loadBalancers") or []]},
            s["serviceArn"], aws={"name": s["serviceName"]}, name=s["serviceName"],
            arn=s["serviceArn"]))
    for t in data.get("task_definitions") or []:
        out.append(found(t["family"], "AWS::ECS::TaskDefinition", {
            "Family": t["family"], "RequiresCompatibilities": t.get("requiresCompatibilities"),
            "Cpu": t.get("cpu"), "Memory": t.get("memory"), "NetworkMode": t.get("networkMode"),
            "TaskRoleArn": t.get("taskRoleArn"), "ExecutionRoleArn": t.get("executionRoleArn"),
            "ContainerDefinitions": [
                {"Name": c.get("name"), "Image": c.get("image"), "Essential": c.get("essential"),
                 "PortMappings": [{"ContainerPort": m.get("containerPort")}
                                  for m in c.get("portMappings") or []]}
                for c in t.get("containerDefinitions") or []]},
            t["taskDefinitionArn"], aws={"name": t["family"]}, name=t["family"],
            arn=t["taskDefinitionArn"]))
    return out


def _eks(data: dict[str, Any], subnets: set[str], whole_region: bool) -> list[Found]:
    out = []
    for c in data.get("clusters") or []:
        vpc = c.get("resourcesVpcConfig") or {}
        if not _in(vpc.get("subnetIds"), subnets, whole_region):
            continue
        key = ((c.get("encryptionConfig") or [{}])[0].get("provider") or {}).get("keyArn")
        out.append(found(c["name"], "AWS::EKS::Cluster", {
            "Name": c["name"], "Version": c.get("version"),
            "ResourcesVpcConfig": {"SubnetIds": vpc.get("subnetIds"),
                                   "SecurityGroupIds": vpc.get("securityGroupIds"),
                                   "EndpointPublicAccess": vpc.get("endpointPublicAccess"),
                                   "EndpointPrivateAccess": vpc.get("endpointPrivateAccess"),
                                   "PublicAccessCidrs": vpc.get("publicAccessCidrs")},
            "EncryptionConfig": [{"Provider": {"KeyArn": key}}] if key else None},
            c.get("arn", c["name"]), aws={"name": c["name"]}, name=c["name"],
            arn=c.get("arn", "")))
    return out


def _caches(data: dict[str, Any], whole_region: bool) -> list[Found]:
    out = []
    for g in data.get("replication_groups") or [] if whole_region else []:
        ident = g["ReplicationGroupId"]
        out.append(found(ident, "AWS::ElastiCache::ReplicationGroup", {
            "Engine": g.get("Engine"), "CacheNodeType": g.get("CacheNodeType"),
            "NumCacheClusters": len(g.get("MemberClusters") or []) or None,
            "TransitEncryptionEnabled": bool(g.get("TransitEncryptionEnabled")),
            "AtRestEncryptionEnabled": bool(g.get("AtRestEncryptionEnabled")),
            "KmsKeyId": g.get("KmsKeyId"), "AuthToken": "set" if g.get("AuthTokenEnabled")
            else None, "MultiAZEnabled": g.get("MultiAZ") == "enabled"},
            g.get("ARN", ident), aws={"name": ident}, name=ident, arn=g.get("ARN", "")))
    return out


def _rest_apis(data: dict[str, Any]) -> list[Found]:
    out = []
    for api in data.get("rest_apis") or []:
        ident = api["id"]
        out.append(found(api["name"], "AWS::ApiGateway::RestApi", {
            "Name": api["name"], "EndpointConfiguration": {"Types": (api.get(
                "endpointConfiguration") or {}).get("types")}},
            ident, aws={"id": ident}, name=api["name"]))
        for a in api.get("authorizers") or []:
            out.append(Found(f"{ident}.{a['id']}", "AWS::ApiGateway::Authorizer", {
                "RestApiId": ident, "Name": a.get("name"), "Type": a.get("type"),
                "ProviderARNs": a.get("providerARNs"), "AuthorizerUri": a.get("authorizerUri")},
                WHERE, f"authorizer {a.get('name')}", physical={"id": a["id"]}))
        for r in api.get("resources") or []:
            for method, m in (r.get("resourceMethods") or {}).items():
                out.append(Found(f"{ident}.{r['id']}.{method}", "AWS::ApiGateway::Method", {
                    "RestApiId": ident, "ResourcePath": r.get("path"), "HttpMethod": method,
                    "AuthorizationType": m.get("authorizationType"),
                    "AuthorizerId": m.get("authorizerId"),
                    "Integration": {"Uri": (m.get("methodIntegration") or {}).get("uri")}},
                    WHERE, f"method {method} {r.get('path')}"))
    return out


def _http_apis(data: dict[str, Any]) -> list[Found]:
    out = []
    for api in data.get("http_apis") or []:
        ident = api["ApiId"]
        out.append(found(api["Name"], "AWS::ApiGatewayV2::Api", {
            "Name": api["Name"], "ProtocolType": api.get("ProtocolType"),
            "CorsConfiguration": {"AllowOrigins": (api.get("CorsConfiguration") or {}).get(
                "AllowOrigins")}}, ident, aws={"id": ident}, name=api["Name"]))
        for a in api.get("Authorizers") or []:
            out.append(Found(f"{ident}.{a['AuthorizerId']}", "AWS::ApiGatewayV2::Authorizer", {
                "ApiId": ident, "Name": a.get("Name"), "AuthorizerType": a.get("AuthorizerType"),
                "AuthorizerUri": a.get("AuthorizerUri")}, WHERE,
                f"authorizer {a.get('Name')}", physical={"id": a["AuthorizerId"]}))
        for r in api.get("Routes") or []:
            out.append(Found(f"{ident}.{r['RouteId']}", "AWS::ApiGatewayV2::Route", {
                "ApiId": ident, "RouteKey": r.get("RouteKey"), "Target": r.get("Target"),
                "AuthorizationType": r.get("AuthorizationType"),
                "AuthorizerId": r.get("AuthorizerId")}, WHERE, f"route {r.get('RouteKey')}"))
    return out


def _web_acls(data: dict[str, Any]) -> list[Found]:
    out = []
    for acl in data.get("web_acls") or []:
        arn = acl["ARN"]
        out.append(found(acl["Name"], "AWS::WAFv2::WebACL", {
            "Name": acl["Name"], "Scope": acl.get("Scope"),
            "DefaultAction": acl.get("DefaultAction"), "Rules": acl.get("Rules")},
            arn, aws={"name": acl["Name"]}, name=acl["Name"], arn=arn))
        for k, protected in enumerate(acl.get("Protected") or []):
            out.append(Found(f"{arn}.protects{k}", "AWS::WAFv2::WebACLAssociation", {
                "ResourceArn": protected, "WebACLArn": arn}, WHERE, f"association {k}"))
    return out


__all__ = ["applications"]
