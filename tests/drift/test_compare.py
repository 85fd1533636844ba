"""Comparers on hand-made snapshots: AWS answers moto does not give (imported and expiring
certificates, HTTP listeners, network interfaces without a public IP)."""

from __future__ import annotations

import datetime

from archdoc.aws.collect import Snapshot
from archdoc.aws.session import Identity
from archdoc.drift.check import check
from archdoc.drift.findings import Status
from archdoc.project import parse_model

NOW = datetime.datetime(2026, 11, 28, 12, 0, tzinfo=datetime.timezone.utc)
MODEL = """
title: t
region: eu-west-1
resources:
  cert: {kind: acm_certificate, domain: a.example.com, validation: imported}
  soon: {kind: acm_certificate, domain: b.example.com}
  vpc: {kind: vpc, cidr: 10.0.0.0/16}
  sub: {kind: subnet, vpc: vpc, az: eu-west-1a, cidr: 10.0.1.0/24}
  web: {kind: ec2_instance, subnet: sub, imdsv2: true}
"""


def _snapshot(**overrides) -> Snapshot:
    certificates = [
        {"CertificateArn": "arn:cert/1", "DomainName": "a.example.com", "Type": "IMPORTED",
         "Status": "ISSUED", "NotAfter": NOW + datetime.timedelta(days=300)},
        {"CertificateArn": "arn:cert/2", "DomainName": "b.example.com", "Type": "AMAZON_ISSUED",
         "Status": "ISSUED", "DomainValidationOptions": [{"ValidationMethod": "DNS"}],
         "NotAfter": NOW + datetime.timedelta(days=12)},
    ]
    instance = {"InstanceId": "i-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                "Tags": [{"Key": "Name", "Value": "web"}], "State": {"Name": "running"},
                "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1},
                "NetworkInterfaces": [{"Association": {}}]}
    data = {
        "acm": {"certificates": {"eu-west-1": certificates},
                "summaries": {"eu-west-1": certificates}},
        "ec2": {"vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                          "Tags": [{"Key": "Name", "Value": "vpc"}]}],
                "vpc_ids": ["vpc-1"],
                "subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                             "AvailabilityZone": "eu-west-1a",
                             "Tags": [{"Key": "Name", "Value": "sub"}]}],
                "route_tables": [], "internet_gateways": [], "nat_gateways": [],
                "vpc_endpoints": [], "security_groups": [], "instances": [instance]},
    }
    data.update(overrides)
    return Snapshot(Identity("111122223333", "eu-west-1", "arn:me"), NOW, data)


def test_imported_certificate_has_no_validation_method_and_expiry_warns() -> None:
    found = check(parse_model(MODEL), _snapshot())
    assert {(f.resource, f.status) for f in found if f.resource in ("cert", "soon")} == {
        ("cert", Status.IN_SYNC), ("soon", Status.IN_SYNC)}
    warning = [f for f in found if f.warning]
    assert [(w.resource, w.attribute, w.actual) for w in warning] == [
        ("soon", "expiry", "expires 2026-12-10 (12 days)")]


def test_empty_association_is_no_public_ip() -> None:
    found = check(parse_model(MODEL), _snapshot())
    assert [f.status for f in found if f.resource == "web"] == [Status.IN_SYNC]


def test_unreadable_service_is_unknown_never_missing() -> None:
    from archdoc.aws.session import ServiceUnreadable

    snapshot = _snapshot()
    del snapshot.data["acm"]
    snapshot.unreadable["acm"] = ServiceUnreadable("acm", "throttled on ListCertificates")
    found = check(parse_model(MODEL), snapshot)
    certs = [(f.resource, f.status, f.message) for f in found if f.kind == "acm_certificate"]
    assert certs == [("cert", Status.UNKNOWN, "acm: throttled on ListCertificates"),
                     ("soon", Status.UNKNOWN, "acm: throttled on ListCertificates")]
