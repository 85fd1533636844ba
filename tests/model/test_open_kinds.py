"""Every AWS resource type can be written: archdoc's kinds also by their CloudFormation
names, any other CloudFormation type as a generic resource with checked ``properties``, and
a sketch (kind, label, placement) is valid with warnings for what it leaves out."""

from __future__ import annotations

import pytest

from archdoc.errors import ModelError
from archdoc.kinds import REGISTRY
from archdoc.project import parse_model

HEAD = "title: t\nregion: eu-west-1\nresources:\n"


def messages(text: str) -> list[str]:
    with pytest.raises(ModelError) as info:
        parse_model(HEAD + text, "m.yaml")
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in info.value.diagnostics]


def test_a_kind_answers_to_its_cloudformation_name() -> None:
    model = parse_model(HEAD + "  bucket: {kind: AWS::S3::Bucket, bucket_name: my-bucket}\n"
                               "  web: {kind: AWS::EC2::Instance}\n")
    assert model.resources["bucket"].kind == "s3_bucket"
    assert model.resources["web"].kind == "ec2_instance"


def test_any_other_type_is_a_generic_resource_with_checked_properties() -> None:
    model = parse_model(HEAD + "  events:\n    kind: AWS::Kinesis::Stream\n    properties:\n"
                               "      ShardCount: 2\n"
                               "      StreamModeDetails: {StreamMode: PROVISIONED}\n"
                               "      Name: {Ref: StreamName}\n")
    events = model.resources["events"]
    assert events.kind == "AWS::Kinesis::Stream"
    assert events.properties["ShardCount"] == 2
    assert messages("  events:\n    kind: AWS::Kinesis::Stream\n    properties:\n"
                    "      ShardCont: 2\n      Tags: yes\n"
                    "      RetentionPeriodHours: {a: 1}\n") == [
        "7:7: unknown property 'ShardCont' of AWS::Kinesis::Stream; did you mean "
        "'ShardCount'?",
        "8:13: AWS::Kinesis::Stream's Tags is a list, not a boolean",
        "9:29: AWS::Kinesis::Stream's RetentionPeriodHours is an integer, not a mapping"]


@pytest.mark.parametrize(("written", "meant"), [
    ("kinesis_stream", "AWS::Kinesis::Stream"), ("AWS::Kinesis::stream", "AWS::Kinesis::Stream"),
    ("aws::wafv2::webacl", "waf_web_acl"), ("ec2-instance", "ec2_instance"),
    ("dynamodb-table", "dynamodb_table")])
def test_an_unknown_kind_gets_the_nearest_name(written: str, meant: str) -> None:
    found = messages(f"  x: {{kind: '{written}'}}\n")
    assert found == [f"4:13: unknown kind '{written}'; did you mean '{meant}'?"]


def test_an_unknown_type_says_what_a_kind_may_be() -> None:
    [found] = messages("  x: {kind: AWS::Nothing::Here}\n")
    assert "unknown kind 'AWS::Nothing::Here'; use one of archdoc's kinds (users, " in found
    assert "or any CloudFormation resource type, e.g. AWS::DynamoDB::Table" in found


@pytest.mark.parametrize("kind", [k for k in REGISTRY if k.name != "subnet"],
                         ids=lambda k: k.name)
def test_a_sketch_of_every_kind_is_valid(kind) -> None:
    """Only its kind and label: valid; each detail it leaves out is one warning."""
    model = parse_model(HEAD + f"  x: {{kind: {kind.name}, label: sketched}}\n", "m.yaml")
    warnings = [str(w) for w in model.warnings]
    if kind.model.DETAILS:
        assert warnings == [f"m.yaml:4:3: warning: {kind.name} 'x' has no "
                            f"{' or '.join(kind.model.DETAILS)} yet: drawn as sketched; rules "
                            "and the drift check that need it say unknown"]
    else:
        assert warnings == []


def test_what_is_written_wrong_is_still_an_error() -> None:
    assert messages("  web: {kind: ec2_instance, subnet: nowhere}\n") == [
        "4:37: unknown subnet 'nowhere' (no subnet is defined)"]


def test_the_index_answers_model_wide_questions_once() -> None:
    model = parse_model(HEAD + "  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
                               "  a: {kind: subnet, vpc: vpc, az: eu-west-1a, cidr: 10.0.1.0/24}\n"
                               "  rt: {kind: route_table, vpc: vpc, subnets: [a]}\n")
    assert model.index.route_table_of("a") == "rt"
    assert list(model.of_kind("subnet")) == ["a"]
