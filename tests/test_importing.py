"""``archdoc import``: public CloudFormation templates and Terraform states written outside
this project (tests/fixtures/import/README.md names their sources) become models that
validate and build; every resource is kept or folded into the one it belongs to; references,
containment and flows are resolved; bad inputs get located errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archdoc.errors import ModelError
from archdoc.importing.cloudformation import FUNCTIONS
from archdoc.importing.glue import HANDLERS
from archdoc.importing.run import import_files
from archdoc.model.loader import load_yaml
from archdoc.project import parse_model

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TEMPLATES = sorted((FIXTURES / "cloudformation").iterdir())
STATES = sorted((FIXTURES / "terraform").iterdir())


def run(source: str, *paths: Path, region: str | None = None, **parameters: str):
    files = [(str(p), p.read_bytes()) for p in paths]
    result = import_files(source, files, region=region, parameters=parameters, title=None,
                          output_name="imported.yaml")
    return result, parse_model(result.text, "imported.yaml"), yaml.safe_load(result.text)


def _template_resources(path: Path) -> dict[str, str]:
    data, _ = load_yaml(path.read_text(), str(path), functions=FUNCTIONS)
    return {k: v["Type"] for k, v in data["Resources"].items()}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_public_template_imports_to_a_valid_model_keeping_every_resource(path: Path):
    result, model, _ = run("cloudformation", path)
    assert model.resources
    left_out = " ".join(str(w) for w in result.warnings)
    for logical, kind in _template_resources(path).items():
        if kind.startswith("AWS::Serverless::"):
            continue  # expanded: its parts are checked by the SAM test
        named = f"Resources.{logical} ({kind})" in result.text
        assert named or f"{logical} is left out" in left_out or f"{logical} (" in left_out, \
            f"{logical} ({kind}) neither kept, folded nor said to be left out"
        if named and kind in HANDLERS and kind != "AWS::Route53::RecordSetGroup":
            # glue: named in a comment above another resource (a record set group is its
            # records, each its own resource)
            line = next(x for x in result.text.splitlines() if f"Resources.{logical} (" in x)
            assert line.lstrip().startswith("# + "), f"glue {logical} is not folded: {line}"


def test_two_stacks_join_on_their_exports_into_one_fargate_model():
    result, model, data = run("cloudformation", FIXTURES / "cloudformation/public-vpc.yaml",
                              FIXTURES / "cloudformation/public-service.yaml")
    service = data["resources"]["service"]
    assert service["kind"] == "ecs_service"
    assert service["launch_type"] == "FARGATE"
    assert service["subnets"] == ["public-subnet-one", "public-subnet-two"]  # ImportValue
    assert service["cluster"] == "ecs-cluster"
    assert service["security_groups"] == ["fargate-container-security-group"]
    alb = data["resources"]["public-load-balancer"]
    assert alb["listeners"][0]["rules"][0]["action"]["target_group"] == "target-group"
    assert {(f["from"], f["to"], f.get("protocol"), f.get("port")) for f in data["flows"]} == {
        ("users", "public-load-balancer", "HTTP", 80),
        ("public-load-balancer", "service", "HTTP", 80)}
    assert any("taken as the export 'public-vpc:VPCId'" in str(w) for w in result.warnings)


def test_vpc_containment_routes_and_acls_are_folded_into_their_owners():
    _, model, data = run("cloudformation", FIXTURES /
                         "cloudformation/VPC_With_Managed_NAT_And_Private_Subnet.yaml")
    r = data["resources"]
    assert r["public-subnet0"]["public"] is True  # routed to the internet gateway
    assert "public" not in r["private-subnet0"]
    assert r["public-subnet0"]["az"] != r["public-subnet1"]["az"]  # !Select [n, !GetAZs]
    assert r["internet-gateway"]["vpc"] == "vpc"  # from the VPCGatewayAttachment
    assert r["public-route-table"]["routes"] == [{"destination": "0.0.0.0/0",
                                                  "target": "internet-gateway"}]
    nats = [rid for rid, x in r.items() if x["kind"] == "nat_gateway"]
    assert nats and all(r[n]["subnet"].startswith("public-subnet") for n in nats)
    private = [x for x in r.values() if x["kind"] == "route_table"
               and any(route["target"] in nats for route in x["routes"])]
    assert private, "private route tables route to the NAT gateways"
    acl = r["public-network-acl"]
    assert {e["rule_number"] for e in acl["ingress"]} and acl["subnets"]
    assert not any(x["kind"] in ("AWS::EC2::Route", "AWS::EC2::EIP") for x in r.values())


def test_conditions_are_evaluated_with_the_parameters_and_the_region():
    path = FIXTURES / "cloudformation/RDS_MySQL_With_Read_Replica.yaml"
    result, _, data = run("cloudformation", path)
    assert "dbec2-security-group" not in data["resources"]
    assert any("its condition IsEC2VPC is false" in str(w) for w in result.warnings)
    _, _, data = run("cloudformation", path, region="eu-central-1")
    assert data["resources"]["dbec2-security-group"]["kind"] == "security_group"
    kinds = sorted(x["kind"] for x in data["resources"].values())
    assert kinds.count("rds_instance") == 2  # the primary and its read replica


def test_sam_is_expanded_as_the_transform_does():
    _, model, data = run("cloudformation", FIXTURES /
                         "cloudformation/sam-apigw-lambda-dynamodb.yaml")
    r = data["resources"]
    fn, role = r["lambda-function"], r["lambda-function-role"]
    assert fn["kind"] == "lambda_function" and fn["execution_role"] == "lambda-function-role"
    assert role["trusted_services"] == ["lambda.amazonaws.com"]
    policy = role["inline_policies"][0]
    assert policy["name"] == "DynamoDBCrudPolicy"
    assert policy["statements"][0]["resource_ids"] == ["dynamo-db-table"]
    assert policy["statements"][0]["resources"] == []  # not "*": the table only
    assert r["dynamo-db-table"]["billing"] == "PAY_PER_REQUEST"
    api = r["serverless-rest-api"]
    assert api["routes"] == [{"method": "POST", "path": "/", "integration": "lambda-function",
                              "authorization": "none"}]
    assert {"from": "serverless-rest-api", "to": "lambda-function", "label": "POST /"} in \
        data["flows"]


def test_a_json_template_and_an_api_resource_chain():
    _, _, data = run("cloudformation", FIXTURES /
                     "cloudformation/apigateway_lambda_integration.json")
    api = next(x for x in data["resources"].values() if x["kind"] == "api_gateway_rest_api")
    assert [(route["method"], route["path"]) for route in api["routes"]] == [("ANY", "/{city}")]
    assert api["routes"][0]["integration"]


def test_transit_gateway_spoke_and_hub_form_one_model():
    _, _, data = run("cloudformation", FIXTURES / "cloudformation/usc-transitgateway.yaml",
                     FIXTURES / "cloudformation/usc-spoke-cidr_2az.yaml",
                     VPCCIDR="10.254.1.0/25", AZACIDR="10.254.1.0/26",
                     AZBCIDR="10.254.1.64/26")
    r = data["resources"]
    assert r["hub-transit-gateway-auto"]["kind"] == "transit_gateway"
    attachment = r["usc-tgw-attachment"]
    assert attachment["kind"] == "transit_gateway_attachment"
    assert attachment["subnets"] == ["subnet-a-private", "subnet-b-private"]
    assert r["vpc"]["cidr"] == "10.254.1.0/25"  # --parameter
    assert r["dhcp-options"]["kind"] == "AWS::EC2::DHCPOptions"  # the open set


@pytest.mark.slow  # two processes
def test_the_seeds_own_provisioning_as_a_template_gives_the_seeds_resources(tmp_path: Path):
    """Compared with ``archdoc diff``: no resource added or removed (labels and the prose of
    the model are the template's to lack)."""
    model = tmp_path / "imported.yaml"
    imported = subprocess.run([sys.executable, "-m", "archdoc", "import", "cloudformation",
                               str(FIXTURES / "own/seed-template.yaml"), "--region",
                               "ap-northeast-2", "-o", str(model)], capture_output=True,
                              text=True)
    assert imported.returncode == 0, imported.stderr
    proc = subprocess.run([sys.executable, "-m", "archdoc", "diff", "arch.yaml", str(model),
                           "--format", "json"], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent)
    assert proc.returncode == 1  # labels, roles, flows' words differ
    changes = json.loads(proc.stdout)["changes"]
    assert [c for c in changes if c["what"] == "resource" and c["op"] != "changed"] == []
    fields = {(c["name"], c["field"]) for c in changes if c["what"] == "resource"}
    for same in (("web-server", "subnet"), ("web-alb", "listeners"), ("ec2-sg", "ingress"),
                 ("private-rt", "routes"), ("session-manager", "targets"),
                 ("dns-record", "alias_target"), ("web-tg", "targets")):
        assert not any(name == same[0] and field.startswith(same[1]) for name, field in fields), \
            f"{same} differs"


def _glue_template(tmp_path: Path) -> Path:
    path = tmp_path / "glue.yaml"
    path.write_text("""
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.1.0/24, AvailabilityZone: us-east-1b}
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: web, VpcId: !Ref Vpc}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: db, VpcId: !Ref Vpc}
  DbFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref DbSg, IpProtocol: tcp, FromPort: 5432, ToPort: 5432,
                 SourceSecurityGroupId: !GetAtt WebSg.GroupId}
  Web:
    Type: AWS::EC2::Instance
    DependsOn: Bucket
    Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref WebSg],
                 IamInstanceProfile: !Ref Profile}
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, VPCSecurityGroups: [!Ref DbSg],
                 DBSubnetGroupName: !Ref DbSubnets}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref Subnet]}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
  Profile: {Type: AWS::IAM::InstanceProfile, Properties: {Roles: [!Ref Role]}}
  ReadBucket:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read-bucket
      Roles: [!Ref Role]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/*"}]
  Bucket: {Type: AWS::S3::Bucket}
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement: [{Sid: TLS, Effect: Deny, Principal: "*", Action: "s3:*",
                     Resource: "*", Condition: {Bool: {aws:SecureTransport: "false"}}}]
""")
    return path


def test_glue_is_folded_and_flows_come_from_rules_never_from_depends_on(tmp_path: Path):
    result, model, data = run("cloudformation", _glue_template(tmp_path))
    r = data["resources"]
    assert r["db-sg"]["ingress"] == [{"protocol": "tcp", "port": "5432",
                                      "security_group": "web-sg"}]
    assert r["web"]["instance_profile_role"] == "role"  # through the instance profile
    assert r["db"]["subnets"] == ["subnet"]  # through the DB subnet group
    assert r["role"]["inline_policies"][0]["name"] == "read-bucket"
    assert r["bucket"]["policy"][0]["effect"] == "Deny"
    assert data["flows"] == [{"from": "web", "to": "db", "protocol": "PostgreSQL",
                              "port": 5432}]  # and none from DependsOn: Bucket
    assert set(r) == {"vpc", "subnet", "web-sg", "db-sg", "web", "db", "role", "bucket"}
    comments = [line for line in result.text.splitlines() if "Resources.Profile" in line]
    assert comments and comments[0].lstrip().startswith("# +")


def test_cdk_synth_output_imports_as_a_template(tmp_path: Path):
    """What ``cdk synth`` writes: hashed logical ids (named by their construct path instead),
    its metadata resource and bootstrap rule, a custom resource."""
    path = tmp_path / "CdkStack.template.json"
    path.write_text(json.dumps({
        "Resources": {
            "OrdersQueue4A7E3555": {"Type": "AWS::SQS::Queue",
                                    "Properties": {"VisibilityTimeout": 300},
                                    "Metadata": {"aws:cdk:path": "CdkStack/Orders/Queue/Resource"}},
            "OrdersTopicB2C3D4E5": {"Type": "AWS::SNS::Topic", "Metadata": {
                "aws:cdk:path": "CdkStack/Orders/Topic/Resource"}},
            "OrdersSubscription": {"Type": "AWS::SNS::Subscription", "Properties": {
                "TopicArn": {"Ref": "OrdersTopicB2C3D4E5"}, "Protocol": "sqs",
                "Endpoint": {"Fn::GetAtt": ["OrdersQueue4A7E3555", "Arn"]}}},
            "Seed": {"Type": "Custom::SeedData", "Properties": {"ServiceToken": "arn:x"}},
            "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2"},
                            "Condition": "CDKMetadataAvailable"}},
        "Conditions": {"CDKMetadataAvailable": {"Fn::Equals": [{"Ref": "AWS::Region"},
                                                               "us-east-1"]}},
        "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                            "Default": "/cdk-bootstrap/hnb659fds/version"}},
        "Rules": {"CheckBootstrapVersion": {"Assertions": [{"Assert": {"Fn::Not": [
            {"Fn::Contains": [["1", "2"], {"Ref": "BootstrapVersion"}]}]}}]}}}, indent=1))
    result, _, data = run("cloudformation", path)
    assert set(data["resources"]) == {"orders-queue", "orders-topic"}
    assert data["resources"]["orders-topic"]["subscriptions"] == [
        {"protocol": "sqs", "endpoint": "orders-queue"}]
    said = " ".join(str(w) for w in result.warnings)
    assert "Seed (Custom::SeedData) is not a resource type" in said
    assert "CDKMetadata (AWS::CDK::Metadata) is the tool's own" in said
    assert {"from": "orders-topic", "to": "orders-queue", "label": "subscription"} in \
        data["flows"]


def test_what_may_hold_a_secret_never_reaches_the_model(tmp_path: Path):
    path = tmp_path / "secrets.yaml"
    path.write_text("""
Parameters:
  DbPassword: {Type: String, NoEcho: true, Default: hunter2-Sup3rSecret}
Resources:
  Cluster:
    Type: AWS::DocDB::DBCluster
    Properties: {MasterUsername: admin, MasterUserPassword: !Ref DbPassword, Port: 27017}
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: mq
      Users: [{Username: app, Password: hunter2-Sup3rSecret}]
""")
    result, _, data = run("cloudformation", path)
    assert "hunter2" not in result.text
    assert data["resources"]["cluster"]["properties"] == {"MasterUsername": "admin",
                                                          "Port": 27017}
    assert "Users" not in data["resources"]["broker"]["properties"]
    said = " ".join(str(w) for w in result.warnings)
    assert "MasterUserPassword left out: it may hold a secret" in said
    assert "Users left out" in said


@pytest.mark.parametrize("path", STATES, ids=lambda p: p.name)
def test_every_public_terraform_state_imports_to_a_valid_model(path: Path):
    result, model, data = run("terraform", path)
    state = json.loads(path.read_text())
    if "resources" in state:  # a state file
        types = [r["type"] for r in state["resources"] if r["mode"] == "managed"
                 for _ in r["instances"]]
    else:  # terraform show -json
        types = [r["type"] for r in state["planned_values"]["root_module"]["resources"]
                 if r["mode"] == "managed"]
    glue = {"aws_security_group_rule", "aws_launch_template", "aws_eip",
            "aws_route_table_association", "aws_vpc_security_group_ingress_rule",
            "aws_vpc_security_group_egress_rule"}
    kept = [t for t in types if t.startswith("aws_") and t not in glue]
    made = [rid for rid, x in data["resources"].items()
            if x["kind"] != "users" and not rid.startswith("outside-vpc")]  # archdoc's own
    assert len(made) == len(kept)
    for res in data["resources"].values():
        if res.get("aws"):
            assert res["aws"].get("id", "").count("-") >= 1 or res["aws"].get("arn")


def test_terraform_modules_and_count_instances_are_their_own_resources():
    _, _, data = run("terraform", FIXTURES / "terraform/repeated_modules.json")
    instances = sorted(rid for rid, x in data["resources"].items()
                       if x["kind"] == "ec2_instance")
    assert len(instances) == 7
    assert len(set(instances)) == 7
    # module.ec2_ubuntu_a[0].aws_instance.this[0]: the module's name and both indexes
    assert {"ec2-ubuntu-a-0-0", "ec2-ubuntu-a-1-0", "ec2-bastion-0"} <= set(instances)


def test_terraform_show_json_with_child_modules(tmp_path: Path):
    plan = {"format_version": "1.2", "planned_values": {"root_module": {
        "resources": [{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc",
                       "name": "main", "values": {"id": "vpc-0123456789abcdef0",
                                                  "cidr_block": "10.2.0.0/16"}}],
        "child_modules": [{"address": "module.app", "resources": [
            {"address": "module.app.aws_subnet.a", "mode": "managed", "type": "aws_subnet",
             "name": "a", "values": {"id": "subnet-0123456789abcdef0",
                                     "vpc_id": "vpc-0123456789abcdef0",
                                     "cidr_block": "10.2.1.0/24",
                                     "availability_zone": "eu-west-1a"}},
            {"address": "module.app.aws_instance.web[\"blue\"]", "mode": "managed",
             "type": "aws_instance", "name": "web", "index": "blue",
             "values": {"id": "i-0123456789abcdef0", "subnet_id": "subnet-0123456789abcdef0",
                        "arn": "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123"}},
            {"address": "module.app.aws_network_acl.app", "mode": "managed",
             "type": "aws_network_acl", "name": "app",
             "values": {"id": "acl-0123456789abcdef0", "vpc_id": "vpc-0123456789abcdef0",
                        "subnet_ids": ["subnet-0123456789abcdef0"],
                        "ingress": [{"rule_no": 100, "protocol": "tcp", "action": "allow",
                                     "cidr_block": "0.0.0.0/0", "from_port": 443,
                                     "to_port": 443}], "egress": []}},
            {"address": "module.app.aws_internet_gateway.gw", "mode": "managed",
             "type": "aws_internet_gateway", "name": "gw",
             "values": {"id": "igw-0123456789abcdef0", "vpc_id": "vpc-0123456789abcdef0"}},
            {"address": "module.app.aws_route_table.public", "mode": "managed",
             "type": "aws_route_table", "name": "public",
             "values": {"id": "rtb-0123456789abcdef0", "vpc_id": "vpc-0123456789abcdef0",
                        "route": [{"cidr_block": "0.0.0.0/0",
                                   "gateway_id": "igw-0123456789abcdef0"}]}},
            {"address": "module.app.aws_route_table_association.a", "mode": "managed",
             "type": "aws_route_table_association", "name": "a",
             "values": {"subnet_id": "subnet-0123456789abcdef0",
                        "route_table_id": "rtb-0123456789abcdef0"}},
            {"address": "module.app.google_compute_instance.x", "mode": "managed",
             "type": "google_compute_instance", "name": "x", "values": {}},
            {"address": "module.app.data.aws_ami.x", "mode": "data", "type": "aws_ami",
             "name": "x", "values": {}}]}]}}}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, indent=2))
    result, model, data = run("terraform", path)
    r = data["resources"]
    assert data["region"] == "eu-west-1"  # from the ARNs and zones of the state
    assert r["a"]["vpc"] == "main" and r["a"]["az"] == "eu-west-1a"
    web = next(x for x in r.values() if x["kind"] == "ec2_instance")
    assert web["subnet"] == "a" and web["aws"] == {"id": "i-0123456789abcdef0"}
    assert r["app"]["ingress"] == [{"rule_number": 100, "protocol": "tcp", "port": "443",
                                    "cidr": "0.0.0.0/0", "action": "allow"}]
    assert r["app"]["subnets"] == ["a"]
    assert r["public"]["routes"] == [{"destination": "0.0.0.0/0", "target": "gw"}]
    assert r["a"]["public"] is True  # routed to the internet gateway
    assert any("provider 'google' skipped" in str(w) for w in result.warnings)


def test_the_loader_reads_short_form_tags_only_when_asked():
    text = "A: !GetAtt Web.Arn\nB: !Join ['-', [a, !Ref X]]\nC: !Sub '${X}'\n"
    data, smap = load_yaml(text, "t.yaml", functions=FUNCTIONS)
    assert data == {"A": {"Fn::GetAtt": ["Web", "Arn"]},
                    "B": {"Fn::Join": ["-", ["a", {"Ref": "X"}]]}, "C": {"Fn::Sub": "${X}"}}
    with pytest.raises(ModelError, match="tag '!GetAtt' is not allowed"):
        load_yaml(text, "arch.yaml")


@pytest.mark.parametrize("content, message", [
    ("AWSTemplateFormatVersion: '2010-09-09'\nDescription: none\n",
     "not a CloudFormation template: it has no Resources"),
    ("Resources:\n  A:\n    Properties: {}\n", "resource 'A' has no Type"),
    ("Resources: [\n", "invalid YAML"),
])
def test_bad_templates_are_located_errors_and_nothing_is_written(tmp_path: Path, content: str,
                                                                 message: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    out = tmp_path / "out" / "model.yaml"
    out.parent.mkdir()
    proc = subprocess.run([sys.executable, "-m", "archdoc", "import", "cloudformation",
                           str(bad), "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert f"{bad}:" in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_a_state_that_is_not_one_is_a_located_error(tmp_path: Path):
    bad = tmp_path / "state.json"
    bad.write_text('{"version": 4,\n "resources": [\n')
    proc = subprocess.run([sys.executable, "-m", "archdoc", "import", "terraform", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and f"{bad}:3:" in proc.stderr
    assert "not a Terraform state: invalid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow  # a build each
@pytest.mark.parametrize("path", TEMPLATES + STATES, ids=lambda p: p.name)
def test_every_imported_public_input_builds(path: Path, tmp_path: Path):
    from archdoc.build import build

    result, _, _ = run("terraform" if path.suffix == ".json" and "terraform" in str(path)
                       else "cloudformation", path)
    model = tmp_path / "arch.yaml"
    model.write_text(result.text)
    written = build(model, tmp_path / "out", only=["diagram", "drawio", "report"])
    assert {p.name for p in written} >= {"architecture.png", "architecture.drawio",
                                         "report.docx"}
    from PIL import Image

    with Image.open(tmp_path / "out" / "architecture.png") as image:
        assert image.format == "PNG" and image.width > 100


@pytest.mark.slow  # two processes and a build
def test_an_imported_model_builds_from_the_command_line(tmp_path: Path):
    model = tmp_path / "arch.yaml"
    proc = subprocess.run([sys.executable, "-m", "archdoc", "import", "cloudformation",
                           str(FIXTURES / "cloudformation/public-vpc.yaml"),
                           str(FIXTURES / "cloudformation/public-service.yaml"),
                           "-o", str(model)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "imported 16 resources" in proc.stderr
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                           str(out), "--only", "diagram,drawio"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    from PIL import Image

    with Image.open(out / "architecture.png") as image:
        assert image.width > 300 and image.height > 300
    assert b"PublicLoadBalancer" in (out / "architecture.svg").read_bytes()


# -- generated templates: whatever a template holds, an import never crashes -----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TYPES = sorted({t for t in ("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup",
                            "AWS::EC2::Instance", "AWS::EC2::Route", "AWS::EC2::RouteTable",
                            "AWS::EC2::SecurityGroupIngress", "AWS::EC2::NatGateway",
                            "AWS::ElasticLoadBalancingV2::LoadBalancer",
                            "AWS::ElasticLoadBalancingV2::Listener",
                            "AWS::ElasticLoadBalancingV2::ListenerRule",
                            "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::IAM::Role",
                            "AWS::IAM::Policy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
                            "AWS::Lambda::Function", "AWS::ApiGateway::Method",
                            "AWS::ApiGatewayV2::Route", "AWS::Route53::RecordSet",
                            "AWS::Route53::RecordSetGroup", "AWS::SNS::Subscription",
                            "AWS::DynamoDB::Table", "AWS::Serverless::Function",
                            "AWS::Serverless::Api", "AWS::SQS::Queue", "AWS::KMS::Alias",
                            "AWS::ECS::Service", "AWS::CloudFront::Distribution",
                            "AWS::WAFv2::WebACLAssociation", "AWS::Glue::Job", "Custom::X",
                            "AWS::Nope::Thing")})
NAMES = ["A", "B", "C", "D", "P"]
PROPS = ["VpcId", "SubnetId", "SubnetIds", "CidrBlock", "GroupId", "RouteTableId",
         "GatewayId", "LoadBalancerArn", "TargetGroupArn", "DefaultActions", "Port", "Protocol",
         "Roles", "PolicyDocument", "Bucket", "Role", "RestApiId", "ApiId", "Target",
         "HostedZoneId", "AliasTarget", "RecordSets", "SecurityGroupIngress", "Targets",
         "Events", "TopicArn", "Endpoint", "Type", "Name", "Tags", "DistributionConfig"]
scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000),
                   st.text(max_size=12), st.sampled_from(["0.0.0.0/0", "10.0.0.0/16", "tcp",
                                                         "-1", "HTTPS", "forward", "Gateway"]))
intrinsic = st.one_of(
    st.builds(lambda n: {"Ref": n}, st.sampled_from(NAMES + ["AWS::Region", "AWS::NoValue",
                                                             "Missing"])),
    st.builds(lambda n: {"Fn::GetAtt": [n, "Arn"]}, st.sampled_from(NAMES + ["Z"])),
    st.builds(lambda t: {"Fn::Sub": t}, st.sampled_from(["${A}", "x-${B.Arn}", "${P}-${!Lit}",
                                                         "${Missing}"])),
    st.builds(lambda v: {"Fn::Select": [v, {"Fn::GetAZs": ""}]}, st.integers(-1, 5)),
    st.builds(lambda c: {"Fn::If": [c, {"Ref": "A"}, {"Ref": "AWS::NoValue"}]},
              st.sampled_from(["Yes", "Undefined"])),
    st.just({"Fn::Join": ["", ["a", {"Ref": "B"}]]}), st.just({"Fn::Nope": 1}),
    st.just({"Fn::ImportValue": "other:Thing"}), st.just({"Fn::Cidr": ["bad", 2, 8]}))
value = st.recursive(st.one_of(scalar, intrinsic),
                     lambda inner: st.one_of(st.lists(inner, max_size=3),
                                             st.dictionaries(st.sampled_from(PROPS), inner,
                                                             max_size=3)), max_leaves=8)
resource = st.fixed_dictionaries({"Type": st.sampled_from(TYPES),
                                  "Properties": st.dictionaries(st.sampled_from(PROPS), value,
                                                                max_size=5)},
                                 optional={"Condition": st.sampled_from(["Yes", "No", "Gone"])})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(NAMES), resource, min_size=1, max_size=5))
def test_an_import_of_any_template_is_a_valid_model_or_located_errors(resources):
    template = {"Parameters": {"P": {"Type": "String", "Default": "p"}},
                "Conditions": {"Yes": {"Fn::Equals": ["a", "a"]},
                               "No": {"Fn::Not": [{"Condition": "Yes"}]}},
                "Resources": resources}
    files = [("gen.json", json.dumps(template).encode())]
    try:
        result = import_files("cloudformation", files, region=None, parameters={},
                              title=None, output_name="gen.yaml")
    except ModelError as exc:  # nothing to import: said, located
        assert all(str(d.location).startswith("gen.json:") for d in exc.diagnostics)
        return
    parse_model(result.text, "gen.yaml")  # (import_files validated it too)
    assert all(str(w.location).startswith("gen.json:") for w in result.warnings)
