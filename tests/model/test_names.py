"""Names AWS keeps unique are refused twice in their scope, naming both places; labels that
draw nothing and TLS policies that do not exist are refused at their line."""

from __future__ import annotations

import pytest

from archdoc.errors import ModelError
from archdoc.project import parse_model

HEAD = "title: t\nregion: ap-northeast-2\nresources:\n"


def errors(body: str) -> list[str]:
    with pytest.raises(ModelError) as info:
        parse_model(HEAD + body, "m.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_two_security_groups_of_one_name_in_one_vpc():
    body = ("  vpc: {kind: vpc, cidr: 10.0.0.0/16}\n"
            "  other: {kind: vpc, cidr: 10.1.0.0/16}\n"
            "  a: {kind: security_group, vpc: vpc, name: alb-sg}\n"
            "  b: {kind: security_group, vpc: vpc, name: alb-sg}\n"
            "  c: {kind: security_group, vpc: other, name: alb-sg}\n")  # another VPC: fine
    assert errors(body) == ["m.yaml:7:45: error: security_group name 'alb-sg' is already used "
                            "by 'a' (line 6); AWS keeps it unique in a VPC"]


def test_one_bucket_name_twice_even_in_two_regions():
    body = ("  b1: {kind: s3_bucket, bucket_name: shared-bucket-1}\n"
            "  b2: {kind: s3_bucket, bucket_name: shared-bucket-1, region: eu-west-1}\n")
    assert errors(body) == ["m.yaml:5:38: error: s3_bucket bucket_name 'shared-bucket-1' is "
                            "already used by 'b1' (line 4); AWS keeps it unique in all of AWS"]


def test_queues_of_one_name_in_two_regions_are_two_queues():
    parse_model(HEAD + "  q1: {kind: sqs_queue, name: jobs}\n"
                       "  q2: {kind: sqs_queue, name: jobs, region: eu-west-1}\n")


def test_names_are_checked_in_one_pass():
    """Linear: every resource's name is read once, whatever the count (a check comparing each
    with every other would read 5,000 x 5,000)."""
    from archdoc.model.names import check_unique_names

    reads = 0

    class Bucket:
        kind, region = "s3_bucket", None

        def __init__(self, i: int):
            self._name = f"bucket-{i:05d}"

        @property
        def bucket_name(self) -> str:
            nonlocal reads
            reads += 1
            return self._name

    typed = {f"b{i}": Bucket(i) for i in range(5000)}
    assert check_unique_names(typed, "ap-northeast-2", None) == []  # type: ignore[arg-type]
    assert reads == 5000


@pytest.mark.parametrize("label", ["' '", "'   '", "'\\t'"])
def test_a_blank_label_is_refused_at_its_line(label):
    body = f"  u: {{kind: users, label: {label}}}\n"
    found = errors(body.replace("\\t", "\t") if "\\t" in label else body)
    assert len(found) == 1 and found[0].startswith("m.yaml:4:")
    assert "a blank label draws nothing; leave `label` out to show the id" in found[0]


def test_an_empty_label_draws_the_id():
    model = parse_model(HEAD + "  u: {kind: users, label: ''}\n")
    assert model.label("u") == "u"


def test_a_blank_flow_label_too():
    found = errors("  u: {kind: users}\n  b: {kind: s3_bucket, bucket_name: bucket-one-1}\n"
                   "flows:\n  - {from: u, to: b, label: '  '}\n")
    assert len(found) == 1 and found[0].startswith("m.yaml:7:") and "blank label" in found[0]


@pytest.mark.parametrize("policy, ok", [
    ("ELBSecurityPolicy-TLS13-1-2-2021-06", True), ("ELBSecurityPolicy-2016-08", True),
    ("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", True), ("인터넷 게이트웨이", False),
    ("TLS13", False), ("ELBSecurityPolicy-", False)])
def test_ssl_policy_has_the_shape_aws_names_them(policy, ok):
    from archdoc.model.resources.balancing import _check_ssl_policy

    if ok:
        assert _check_ssl_policy(policy) == policy
    else:
        with pytest.raises(ValueError, match="not an Elastic Load Balancing security policy"):
            _check_ssl_policy(policy)
