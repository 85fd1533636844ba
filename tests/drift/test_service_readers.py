"""The readers of CloudTrail, GuardDuty, ECS, EKS, ElastiCache, WAF, API Gateway (REST and
HTTP), Cognito, and of any other type through the tagging API, on moto's server: in sync, one
drift each, access denied (through the harness of tests/drift/readers.py)."""

from __future__ import annotations

import pytest

from tests.drift.readers import ReaderCase, check_reader

pytestmark = pytest.mark.slow  # a moto server

R = "eu-west-1"
HEAD = "title: readers\nregion: eu-west-1\nresources:\n"


def _vpc(endpoint) -> dict[str, str]:
    ec2 = endpoint.client("ec2", R)

    def tagged(name: str, kind: str) -> list[dict]:
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=tagged("vpc", "vpc"))[
        "Vpc"]["VpcId"]
    ids = {"vpc": vpc}
    for name, cidr, az in (("a", "10.0.0.0/24", "eu-west-1a"), ("b", "10.0.1.0/24", "eu-west-1b")):
        ids[name] = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az,
                                      TagSpecifications=tagged(name, "subnet"))["Subnet"][
            "SubnetId"]
    ids["sg"] = ec2.create_security_group(GroupName="tasks", Description="tasks", VpcId=vpc)[
        "GroupId"]
    return ids


VPC = """  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  a: {kind: subnet, vpc: vpc, az: eu-west-1a, cidr: 10.0.0.0/24}
  b: {kind: subnet, vpc: vpc, az: eu-west-1b, cidr: 10.0.1.0/24}
  sg: {kind: security_group, name: tasks, vpc: vpc}
"""


def _audit(endpoint) -> dict[str, str]:
    s3 = endpoint.client("s3", R)
    s3.create_bucket(Bucket="audit-trail-logs", CreateBucketConfiguration={"LocationConstraint": R})
    s3.put_public_access_block(Bucket="audit-trail-logs", PublicAccessBlockConfiguration=dict.fromkeys(
        ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True))
    trail = endpoint.client("cloudtrail", R)
    trail.create_trail(Name="audit", S3BucketName="audit-trail-logs", IsMultiRegionTrail=True,
                       EnableLogFileValidation=True)
    trail.start_logging(Name="audit")
    detector = endpoint.client("guardduty", R).create_detector(Enable=True)["DetectorId"]
    return {"detector": detector}


AUDIT = HEAD + """  logs: {kind: s3_bucket, bucket_name: audit-trail-logs}
  audit: {kind: cloudtrail_trail, bucket: logs, multi_region: true, log_file_validation: true}
  guard: {kind: guardduty_detector}
"""


def _containers(endpoint) -> dict[str, str]:
    ids = _vpc(endpoint)
    ecs = endpoint.client("ecs", R)
    ecs.create_cluster(clusterName="shop", settings=[{"name": "containerInsights",
                                                      "value": "enabled"}])
    ecs.register_task_definition(
        family="web", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256",
        memory="512", containerDefinitions=[{"name": "web", "image": "nginx:1.27",
                                             "portMappings": [{"containerPort": 80}]}])
    ecs.create_service(cluster="shop", serviceName="web", taskDefinition="web", desiredCount=2,
                       launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                           "subnets": [ids["a"], ids["b"]], "securityGroups": [ids["sg"]],
                           "assignPublicIp": "DISABLED"}})
    endpoint.client("eks", R).create_cluster(
        name="k8s", version="1.31", roleArn="arn:aws:iam::123456789012:role/eks",
        resourcesVpcConfig={"subnetIds": [ids["a"], ids["b"]], "endpointPublicAccess": False,
                            "endpointPrivateAccess": True})
    endpoint.client("elasticache", R).create_replication_group(
        ReplicationGroupId="cache", ReplicationGroupDescription="sessions", Engine="redis",
        CacheNodeType="cache.t4g.small", NumCacheClusters=1, TransitEncryptionEnabled=True,
        AtRestEncryptionEnabled=True)
    return ids


CONTAINERS = HEAD + VPC + """  shop: {kind: ecs_cluster, container_insights: true}
  web-task: {kind: ecs_task_definition, family: web, cpu: 256, memory: 512,
             containers: [{name: web, image: "nginx:1.27", port: 80}]}
  web: {kind: ecs_service, cluster: shop, task_definition: web-task, desired_count: 2,
        subnets: [a, b], security_groups: [sg]}
  k8s: {kind: eks_cluster, version: "1.31", subnets: [a, b], endpoint_public: false,
        endpoint_private: true}
  cache: {kind: elasticache_cluster, node_type: cache.t4g.small, subnets: [a, b],
          transit_encryption: true, at_rest_encryption: true}
"""


def _edge(endpoint) -> dict[str, str]:
    cognito = endpoint.client("cognito-idp", R)
    pool = cognito.create_user_pool(PoolName="riders", MfaConfiguration="OPTIONAL", Policies={
        "PasswordPolicy": {"MinimumLength": 12}})["UserPool"]
    rest = endpoint.client("apigateway", R)
    api = rest.create_rest_api(name="rides", endpointConfiguration={"types": ["REGIONAL"]})["id"]
    root = next(r["id"] for r in rest.get_resources(restApiId=api)["items"] if r["path"] == "/")
    ride = rest.create_resource(restApiId=api, parentId=root, pathPart="ride")["id"]
    authorizer = rest.create_authorizer(restApiId=api, name="pool", type="COGNITO_USER_POOLS",
                                        providerARNs=[pool["Arn"]],
                                        identitySource="method.request.header.Authorization")
    rest.put_method(restApiId=api, resourceId=ride, httpMethod="POST",
                    authorizationType="COGNITO_USER_POOLS", authorizerId=authorizer["id"])
    http = endpoint.client("apigatewayv2", R)
    hapi = http.create_api(Name="health", ProtocolType="HTTP")["ApiId"]
    http.create_route(ApiId=hapi, RouteKey="GET /health", AuthorizationType="AWS_IAM")
    waf = endpoint.client("wafv2", R)
    waf.create_web_acl(Name="api-acl", Scope="REGIONAL", DefaultAction={"Allow": {}},
                       VisibilityConfig={"SampledRequestsEnabled": False,
                                         "CloudWatchMetricsEnabled": False, "MetricName": "acl"},
                       Rules=[{"Name": "rate", "Priority": 0, "Action": {"Block": {}},
                               "Statement": {"RateBasedStatement": {"Limit": 1000,
                                                                    "AggregateKeyType": "IP"}},
                               "VisibilityConfig": {"SampledRequestsEnabled": False,
                                                    "CloudWatchMetricsEnabled": False,
                                                    "MetricName": "rate"}}])
    return {"pool": pool["Id"], "api": api, "ride": ride, "hapi": hapi}


EDGE = HEAD + """  riders: {kind: cognito_user_pool, mfa: OPTIONAL, password_min_length: 12}
  rides:
    kind: api_gateway_rest_api
    authorizers: [{name: pool, type: cognito, user_pool: riders}]
    routes: [{method: POST, path: /ride, authorizer: pool}]
  health: {kind: api_gateway_http_api, routes: [{method: GET, path: /health, authorization: iam}]}
  api-acl: {kind: waf_web_acl, rules: [{name: rate, priority: 0, rate_limit: 1000}]}
"""


def _generic(endpoint) -> dict[str, str]:
    states = endpoint.client("stepfunctions", R)
    arn = states.create_state_machine(
        name="delivery", roleArn="arn:aws:iam::123456789012:role/states",
        definition='{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}',
        tags=[{"key": "Name", "value": "delivery"}])["stateMachineArn"]
    # one live resource answers for one model resource: the tagged one is another machine
    other = states.create_state_machine(
        name="returns", roleArn="arn:aws:iam::123456789012:role/states",
        definition='{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}',
        tags=[{"key": "team", "value": "shipping"}])["stateMachineArn"]
    return {"machine": arn, "other": other}


GENERIC = HEAD + """  delivery: {kind: AWS::StepFunctions::StateMachine}
  tagged: {kind: AWS::StepFunctions::StateMachine, aws: {tags: {team: shipping}}}
"""

CASES = {
    "cloudtrail": (AUDIT, _audit, lambda e, ids: e.client("cloudtrail", R).update_trail(
        Name="audit", EnableLogFileValidation=False),
        [("DRIFTED", "audit", "log_file_validation", "true", "false")], "cloudtrail:*"),
    "guardduty": (AUDIT, _audit, lambda e, ids: e.client("guardduty", R).update_detector(
        DetectorId=ids["detector"], Enable=False),
        [("DRIFTED", "guard", "enabled", "true", "false")], "guardduty:*"),
    "ecs": (CONTAINERS, _containers, lambda e, ids: e.client("ecs", R).update_service(
        cluster="shop", service="web", desiredCount=5),
        [("DRIFTED", "web", "desired_count", "2", "5")], "ecs:*"),
    "eks": (CONTAINERS, _containers, lambda e, ids: e.client("eks", R).update_cluster_config(
        # the whole configuration: moto's update replaces it rather than merging
        name="k8s", resourcesVpcConfig={"subnetIds": [ids["a"], ids["b"]],
                                        "endpointPublicAccess": True,
                                        "endpointPrivateAccess": True}),
        [("DRIFTED", "k8s", "endpoint_public", "false", "true")], "eks:*"),
    "elasticache": (CONTAINERS, _containers,
                    lambda e, ids: e.client("elasticache", R).delete_replication_group(
                        ReplicationGroupId="cache"),
                    [("MISSING", "cache", None, None, None)], "elasticache:*"),
    "cognito": (EDGE, _edge, lambda e, ids: e.client("cognito-idp", R).set_user_pool_mfa_config(
        UserPoolId=ids["pool"], MfaConfiguration="OFF"),
        [("DRIFTED", "riders", "mfa", "OPTIONAL", "OFF")], "cognito-idp:*"),
    "apigateway": (EDGE, _edge, lambda e, ids: e.client("apigateway", R).put_method(
        restApiId=ids["api"], resourceId=ids["ride"], httpMethod="POST",
        authorizationType="NONE"),
        [("DRIFTED", "rides", "routes[0].authorization", "authorizer", "none")],
        "apigateway:GET"),
    "wafv2": (EDGE, _edge, lambda e, ids: e.client("wafv2", R).create_web_acl(
        Name="rogue", Scope="REGIONAL", DefaultAction={"Block": {}}, VisibilityConfig={
            "SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False,
            "MetricName": "r"}) and e.client("wafv2", R).delete_web_acl(
        Name="api-acl", Scope="REGIONAL", Id=next(a["Id"] for a in e.client(
            "wafv2", R).list_web_acls(Scope="REGIONAL")["WebACLs"] if a["Name"] == "api-acl"),
        LockToken=next(a["LockToken"] for a in e.client("wafv2", R).list_web_acls(
            Scope="REGIONAL")["WebACLs"] if a["Name"] == "api-acl")),
        [("MISSING", "api-acl", None, None, None)], "wafv2:*"),
    "tagging": (GENERIC, _generic, lambda e, ids: e.client("stepfunctions", R).untag_resource(
        resourceArn=ids["other"], tagKeys=["team"]),
        # IAM calls the action tag:GetResources; moto names it by the signing name, tagging
        [("MISSING", "tagged", None, None, None)], ["tag:GetResources", "tagging:GetResources"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_reader(moto, tmp_path, name: str) -> None:
    model, provision, change, expected, denied = CASES[name]
    check_reader(ReaderCase(model, provision, change, lambda ids: expected, denied), moto,
                 tmp_path)
