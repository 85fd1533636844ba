"""The SAM transform (``AWS::Serverless-2016-10-31``) done the way AWS does it, to the
resources the diagram shows: a function becomes an ``AWS::Lambda::Function`` with its
generated role (``<Id>Role``) and its event sources (the implicit ``ServerlessRestApi`` /
``ServerlessHttpApi`` with their routes, S3 notifications, event-source mappings, SNS
subscriptions, rules); ``Api``, ``HttpApi`` and ``SimpleTable`` become their CloudFormation
types. It works on the template before intrinsic functions are resolved, as SAM does."""

from __future__ import annotations

import copy
from typing import Any

from archdoc.importing import Notes
from archdoc.importing.template import Template

# the actions of SAM's common policy templates (serverless-application-model's
# policy_templates.json), so the role shows what the function may do
POLICY_TEMPLATES: dict[str, tuple[str, list[str]]] = {
    "DynamoDBCrudPolicy": ("TableName", [
        "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
        "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
        "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"]),
    "DynamoDBReadPolicy": ("TableName", [
        "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
        "dynamodb:DescribeTable"]),
    "DynamoDBWritePolicy": ("TableName", [
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"]),
    "S3ReadPolicy": ("BucketName", ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                                    "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"]),
    "S3CrudPolicy": ("BucketName", ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                                    "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl",
                                    "s3:GetLifecycleConfiguration",
                                    "s3:PutLifecycleConfiguration", "s3:DeleteObject"]),
    "S3WritePolicy": ("BucketName", ["s3:PutObject", "s3:PutObjectAcl",
                                     "s3:PutLifecycleConfiguration"]),
    "SQSSendMessagePolicy": ("QueueName", ["sqs:SendMessage*"]),
    "SQSPollerPolicy": ("QueueName", ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
                                      "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]),
    "SNSPublishMessagePolicy": ("TopicName", ["sns:Publish"]),
    "LambdaInvokePolicy": ("FunctionName", ["lambda:InvokeFunction"]),
    "KMSDecryptPolicy": ("KeyId", ["kms:Decrypt"]),
    "SSMParameterReadPolicy": ("ParameterName", ["ssm:DescribeParameters", "ssm:GetParameters",
                                                 "ssm:GetParameter", "ssm:GetParametersByPath"]),
    "AWSSecretsManagerGetSecretValuePolicy": ("SecretArn", ["secretsmanager:GetSecretValue"]),
    "EventBridgePutEventsPolicy": ("EventBusName", ["events:PutEvents"]),
    "StepFunctionsExecutionPolicy": ("StateMachineName", ["states:StartExecution"]),
}
_OTHER = {"AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
          "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
          "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
          "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi"}


def expand_sam(t: Template, notes: Notes) -> None:
    resources: dict[str, Any] = t.data["Resources"]
    if not any(str(r.get("Type", "")).startswith("AWS::Serverless::")
               for r in resources.values()):
        return
    globals_ = (t.data.get("Globals") or {}).get("Function") or {}
    out: dict[str, Any] = {}
    implicit: dict[str, dict[str, Any]] = {}

    def add(logical: str, kind: str, props: dict[str, Any], origin: str, **extra: Any) -> None:
        out[logical] = {"Type": kind, "Properties": props, **extra}
        t.smap.values.setdefault(("Resources", logical), t.smap.value(("Resources", origin)))

    for logical, res in resources.items():
        kind = res.get("Type")
        props = copy.deepcopy(res.get("Properties") or {})
        keep = {k: res[k] for k in ("Condition",) if k in res}
        if kind == "AWS::Serverless::Function":
            for key, value in globals_.items():
                props.setdefault(key, copy.deepcopy(value))
            _function(logical, props, add, implicit, notes, t, keep)
        elif kind == "AWS::Serverless::Api":
            add(logical, "AWS::ApiGateway::RestApi",
                {"Name": props.get("Name", logical),
                 "EndpointConfiguration": {"Types": [props.get("EndpointConfiguration",
                                                              "EDGE")]}}, logical, **keep)
        elif kind == "AWS::Serverless::HttpApi":
            add(logical, "AWS::ApiGatewayV2::Api",
                {"Name": props.get("Name", logical), "ProtocolType": "HTTP",
                 **({"CorsConfiguration": props["CorsConfiguration"]}
                    if isinstance(props.get("CorsConfiguration"), dict) else {})},
                logical, **keep)
        elif kind == "AWS::Serverless::SimpleTable":
            key = props.get("PrimaryKey") or {"Name": "id", "Type": "String"}
            table = {"KeySchema": [{"AttributeName": key.get("Name", "id"), "KeyType": "HASH"}],
                     "BillingMode": "PROVISIONED" if props.get("ProvisionedThroughput")
                     else "PAY_PER_REQUEST"}
            for name in ("TableName", "SSESpecification"):
                if name in props:
                    table[name] = props[name]
            add(logical, "AWS::DynamoDB::Table", table, logical, **keep)
        elif kind in _OTHER:
            add(logical, _OTHER[kind], {}, logical, **keep)
        elif isinstance(kind, str) and kind.startswith("AWS::Serverless::"):
            notes.warn(t.where(("Resources", logical, "Type")),
                       f"{kind} is not expanded by archdoc; {logical} is left out")
        else:
            out[logical] = res
    for logical, props in implicit.items():  # the APIs SAM makes for events naming none
        first = props.pop("_origin")
        add(logical, "AWS::ApiGateway::RestApi" if logical == "ServerlessRestApi"
            else "AWS::ApiGatewayV2::Api", props, first)
    t.data["Resources"] = out
    t.data.pop("Globals", None)


def _function(logical: str, props: dict[str, Any], add: Any, implicit: dict[str, Any],
              notes: Notes, t: Template, keep: dict[str, Any]) -> None:
    kept = ("Runtime", "Handler", "FunctionName", "MemorySize", "Timeout", "Environment",
            "VpcConfig", "Architectures", "Description", "Tags", "KmsKeyArn", "Layers",
            "ReservedConcurrentExecutions", "TracingConfig", "DeadLetterConfig", "PackageType")
    fn: dict[str, Any] = {k: props[k] for k in kept if k in props}
    if isinstance(fn.get("Tags"), dict):
        fn["Tags"] = [{"Key": k, "Value": v} for k, v in fn["Tags"].items()]
    if "Role" in props:
        fn["Role"] = props["Role"]
    else:
        role = f"{logical}Role"
        fn["Role"] = {"Fn::GetAtt": [role, "Arn"]}
        add(role, "AWS::IAM::Role", _role(props, notes, t, logical), logical, **keep)
    add(logical, "AWS::Lambda::Function", fn, logical, **keep)
    events = props.get("Events") or {}
    for name, event in (events.items() if isinstance(events, dict) else ()):
        if not isinstance(event, dict):
            continue
        kind, ep = event.get("Type"), event.get("Properties") or {}
        target = {"Fn::GetAtt": [logical, "Arn"]}
        if kind in ("Api", "HttpApi"):
            api_key = "RestApiId" if kind == "Api" else "ApiId"
            api = ep.get(api_key)
            if api is None:
                api_name = "ServerlessRestApi" if kind == "Api" else "ServerlessHttpApi"
                implicit.setdefault(api_name, {"Name": t.stem, "_origin": logical} if kind ==
                                    "Api" else {"Name": t.stem, "ProtocolType": "HTTP",
                                                "_origin": logical})
                api = {"Ref": api_name}
            method = str(ep.get("Method", "ANY")).upper()
            path = str(ep.get("Path", "/"))
            if kind == "Api":
                add(f"{logical}{name}Method", "AWS::ApiGateway::Method",
                    {"RestApiId": api, "HttpMethod": method, "ResourcePath": path,
                     "AuthorizationType": "NONE",
                     "Integration": {"Type": "AWS_PROXY", "Uri": target}}, logical, **keep)
            else:
                add(f"{logical}{name}Route", "AWS::ApiGatewayV2::Route",
                    {"ApiId": api, "RouteKey": "$default" if path == "$default"
                     else f"{method} {path}", "Target": target}, logical, **keep)
        elif kind == "S3":
            add(f"{logical}{name}Notification", "AWS::S3::BucketNotification",
                {"Bucket": ep.get("Bucket"), "Events": ep.get("Events"), "Function": target},
                logical, **keep)
        elif kind in ("SQS", "Kinesis", "DynamoDB", "MSK", "MQ"):
            add(f"{logical}{name}", "AWS::Lambda::EventSourceMapping",
                {"EventSourceArn": ep.get("Queue") or ep.get("Stream") or ep.get("Broker"),
                 "FunctionName": {"Ref": logical}}, logical, **keep)
        elif kind == "SNS":
            add(f"{logical}{name}", "AWS::SNS::Subscription",
                {"TopicArn": ep.get("Topic"), "Protocol": "lambda", "Endpoint": target},
                logical, **keep)
        elif kind in ("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent"):
            rule = {k: ep[k] for k in ("Schedule", "Pattern", "EventBusName") if k in ep}
            if "Pattern" in rule:
                rule["EventPattern"] = rule.pop("Pattern")
            if "Schedule" in rule:
                rule["ScheduleExpression"] = rule.pop("Schedule")
            rule["Targets"] = [{"Arn": target, "Id": logical}]
            add(f"{logical}{name}", "AWS::Events::Rule", rule, logical, **keep)
        else:
            notes.warn(t.where(("Resources", logical, "Properties", "Events", name)),
                       f"SAM event type {kind} is not expanded by archdoc; left out")


def _role(props: dict[str, Any], notes: Notes, t: Template, logical: str) -> dict[str, Any]:
    managed = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
    if props.get("VpcConfig"):
        managed.append("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")
    inline = []
    policies = props.get("Policies") or []
    for i, policy in enumerate(policies if isinstance(policies, list) else [policies]):
        if isinstance(policy, str):
            managed.append(policy if policy.startswith("arn:") else
                           f"arn:aws:iam::aws:policy/{policy}")
        elif isinstance(policy, dict) and "Statement" in policy:
            inline.append({"PolicyName": f"{logical}Policy{i}", "PolicyDocument": policy})
        elif isinstance(policy, dict) and len(policy) == 1:
            (name, arg), = policy.items()
            if name not in POLICY_TEMPLATES:
                notes.warn(t.where(("Resources", logical, "Properties", "Policies", i)),
                           f"SAM policy template {name} is not known to archdoc; left out")
                continue
            param, actions = POLICY_TEMPLATES[name]
            target = arg.get(param) if isinstance(arg, dict) else None
            inline.append({"PolicyName": name, "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": actions,
                 "Resource": target if target is not None else "*"}]}})
    return {"AssumeRolePolicyDocument": {"Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]},
         "Action": ["sts:AssumeRole"]}]},
        "ManagedPolicyArns": managed, "Policies": inline}


__all__ = ["expand_sam", "POLICY_TEMPLATES"]
