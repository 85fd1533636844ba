"""What AWS itself would refuse is refused at validation, located and with a hint."""

from __future__ import annotations

import pytest

from archdoc.errors import ModelError
from archdoc.model.resources import SecurityGroup
from archdoc.project import parse_model

BASE = """title: t
region: us-east-1
resources:
  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  a: {kind: subnet, vpc: vpc, az: us-east-1a, cidr: 10.0.1.0/24, public: true}
  b: {kind: subnet, vpc: vpc, az: us-east-1b, cidr: 10.0.2.0/24}
  a2: {kind: subnet, vpc: vpc, az: us-east-1a, cidr: 10.0.3.0/24}
"""


def errors(extra: str) -> list[str]:
    with pytest.raises(ModelError) as info:
        parse_model(BASE + extra, "m.yaml")
    return [str(d) for d in info.value.diagnostics]


def located(extra: str, token: str) -> str:
    """'m.yaml:L:C: error: ' of the first ``token`` in the extra lines."""
    lines = (BASE + extra).splitlines()
    for n, line in enumerate(lines, start=1):
        if token in line and n > BASE.count("\n"):
            return f"m.yaml:{n}:{line.index(token) + 1}: error: "
    raise AssertionError(token)


RULES = [  # (extra resources, the token the error points at, the message)
    ("  c: {kind: subnet, vpc: vpc, az: us-east-lb, cidr: 10.0.9.0/24}\n", "us-east-lb",
     "availability zone 'us-east-lb' is not in the model's region us-east-1; did you mean "
     "'us-east-1b'?"),
    ("  lb: {kind: alb, subnets: [a, a2]}\n", "[a, a2]",
     "an Application Load Balancer needs subnets in at least two Availability Zones (AWS "
     "requires it); these are all in us-east-1a"),
    ("  db: {kind: rds_instance, engine: mysql, subnets: [a, a2], multi_az: true}\n", "true",
     "multi_az: true needs subnets in at least two Availability Zones; add a subnet of another "
     "AZ to subnets"),
    ("  nat: {kind: nat_gateway, subnet: b}\n", "b}",
     "a public NAT gateway must be in a public subnet; 'b' is private (or set connectivity: "
     "private)"),
    ("  cert: {kind: acm_certificate, domain: x.com, region: eu-west-1}\n"
     "  s3: {kind: s3_bucket, bucket_name: abc}\n"
     "  cdn: {kind: cloudfront_distribution, origins: [s3], certificate: cert}\n", "cert}",
     "CloudFront uses ACM certificates from us-east-1 only; 'cert' is in eu-west-1 (set its "
     "region: us-east-1)"),
    ("  vpc2: {kind: vpc, cidr: 10.1.0.0/16}\n"
     "  sg2: {kind: security_group, vpc: vpc2}\n"
     "  sg: {kind: security_group, vpc: vpc, ingress: [{port: 80, security_group: sg2}]}\n",
     "sg2}]", "security_group 'sg2' belongs to VPC 'vpc2', but security_group 'sg' is in VPC "
     "'vpc'"),
]


@pytest.mark.parametrize("extra,token,message", RULES, ids=[r[2][:40] for r in RULES])
def test_what_aws_refuses_is_a_located_error(extra, token, message):
    assert errors(extra) == [located(extra, token) + message]


def test_a_private_nat_gateway_may_stand_in_a_private_subnet():
    parse_model(BASE + "  nat: {kind: nat_gateway, subnet: b, connectivity: private}\n")


def test_omitted_egress_is_the_aws_default_and_empty_egress_is_none():
    model = parse_model(BASE + "  open: {kind: security_group, vpc: vpc}\n"
                        "  shut: {kind: security_group, vpc: vpc, egress: []}\n")
    default = model.get("open", SecurityGroup).effective_egress
    assert [(r.protocol, r.cidr, r.port) for r in default] == [("all", "0.0.0.0/0", None)]
    assert model.get("shut", SecurityGroup).effective_egress == []


def test_new_fields_are_accepted():
    model = parse_model(BASE + """\
  fn: {kind: lambda_function, runtime: python3.12, subnets: [a2, b]}
  secret: {kind: secretsmanager_secret, rotation_days: 30}
  cert: {kind: acm_certificate, domain: x.com, validation: imported, region: us-east-1}
  bucket:
    kind: s3_bucket
    bucket_name: abc
    notifications: [{events: ["s3:ObjectCreated:*"], function: fn}]
  cdn:
    kind: cloudfront_distribution
    certificate: cert
    origins: [{target: bucket, origin_access_control: true}]
  db: {kind: rds_instance, engine: mysql, subnets: [a2, b], multi_az: true, master_user_secret: secret}
  role:
    kind: iam_role
    inline_policies: [{name: p, statements: [{actions: [secretsmanager:GetSecretValue], resource_ids: [secret]}]}]
  web: {kind: ec2_instance, subnet: a2, metadata_hop_limit: 2}
""")
    assert model.resources["cdn"].origins[0].origin_access_control is True
    assert model.resources["cdn"].origins[0].protocol_policy == "https-only"
    with pytest.raises(ModelError) as info:
        parse_model(BASE + "  fn: {kind: lambda_function, runtime: x}\n"
                    "  bucket: {kind: s3_bucket, bucket_name: abc, notifications: "
                    "[{events: [x], function: nofn}]}\n", "m.yaml")
    assert "unknown lambda_function 'nofn'" in str(info.value)
