"""The AWS layer only reads: every other operation is refused before a request is sent."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import boto3
import botocore.session
import pytest

from archdoc.aws.session import AwsReader, WriteRefused, redact
from archdoc.drift.registry import collectors, read_operations


class _Counting(http.server.BaseHTTPRequestHandler):
    """An endpoint that counts every request and answers nothing useful."""

    count = 0

    def _any(self) -> None:
        type(self).count += 1
        self.send_response(400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def counting_endpoint() -> Iterator[str]:
    _Counting.count = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _reader(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> AwsReader:
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    session = boto3.Session(aws_access_key_id="AKIAARCHDOCTESTKEY01",
                            aws_secret_access_key="not-a-secret-1234", region_name="us-east-1")
    return AwsReader(session, "us-east-1", collectors(), max_attempts=1)


WRITES = [
    ("ec2", "create_security_group", {"GroupName": "x", "Description": "x"}),
    ("ec2", "authorize_security_group_ingress", {"GroupId": "sg-1"}),
    ("ec2", "terminate_instances", {"InstanceIds": ["i-1"]}),
    ("iam", "attach_role_policy", {"RoleName": "r", "PolicyArn": "arn:aws:iam::aws:policy/x"}),
    ("s3", "delete_public_access_block", {"Bucket": "b"}),
    ("elbv2", "modify_listener", {"ListenerArn": "arn:x"}),
    ("acm", "delete_certificate", {"CertificateArn": "arn:x"}),
    ("ssm", "send_command", {"DocumentName": "AWS-RunShellScript", "InstanceIds": ["i-1"]}),
]


@pytest.mark.parametrize(("service", "operation", "params"), WRITES,
                         ids=[f"{s}.{o}" for s, o, _ in WRITES])
def test_write_is_refused_before_any_request(counting_endpoint, monkeypatch, service,
                                             operation, params) -> None:
    reader = _reader(counting_endpoint, monkeypatch)
    with pytest.raises(WriteRefused, match="only reads"):
        getattr(reader.client(service), operation)(**params)
    assert _Counting.count == 0
    assert reader.stats.refused[service] == 1 and reader.stats.total == 0


def test_the_counting_endpoint_does_count_reads(counting_endpoint, monkeypatch) -> None:
    """The control: an allowed read does reach the same endpoint (so zero above means refused)."""
    reader = _reader(counting_endpoint, monkeypatch)
    with pytest.raises(Exception):  # noqa: B017 - the endpoint answers 400 to everything
        reader.client("ec2").describe_vpcs()
    assert _Counting.count == 1 and reader.stats.calls["ec2"] == 1


def test_reads_that_return_secrets_are_refused_though_they_start_with_get(
        counting_endpoint, monkeypatch) -> None:
    reader = _reader(counting_endpoint, monkeypatch)
    with pytest.raises(WriteRefused):
        reader.client("ssm").get_parameter(Name="db-password", WithDecryption=True)
    with pytest.raises(WriteRefused):
        reader.client("s3").get_object(Bucket="b", Key="k")
    with pytest.raises(WriteRefused, match="does not use"):
        reader.client("secretsmanager")
    assert _Counting.count == 0


def test_read_list_names_real_read_operations() -> None:
    """Each allowed operation exists in botocore (a typo would silently refuse a read) and is
    a read by name; none is one that returns secret material."""
    loader = botocore.session.get_session()
    allowed = read_operations()
    assert {"sts", "ec2", "elbv2", "acm", "route53", "iam", "s3", "ssm"} <= set(allowed)
    for service, operations in allowed.items():
        model = loader.get_service_model(service)
        for operation in operations:
            assert operation in model.operation_names, (service, operation)
            assert operation.startswith(("Describe", "List", "Get")) or \
                (service, operation) == ("sts", "AssumeRole")
    every = {op for ops in allowed.values() for op in ops}
    assert not every & {"GetSecretValue", "GetParameter", "GetParameters", "GetPasswordData",
                        "GetObject", "ExportCertificate", "GetSessionToken"}


def test_redact_removes_key_ids_and_secrets() -> None:
    text = "key AKIAARCHDOCTESTKEY01 secret s3cr3t-value and ASIAABCDEFGHIJKLMNOP"
    assert redact(text, ("s3cr3t-value",)) == "key *** secret *** and ***"


def test_sessions_share_one_reading_of_the_service_descriptions(tmp_path, monkeypatch) -> None:
    from archdoc.aws.session import make_session

    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    first, _ = make_session(region="eu-west-1")
    paths = list(first._session.get_component("data_loader").search_paths)
    second, region = make_session(region="eu-west-2")
    loader = second._session.get_component("data_loader")
    assert loader is first._session.get_component("data_loader") and region == "eu-west-2"
    assert loader.search_paths == paths  # not one more folder for each session
    ec2 = loader.load_service_model("ec2", "service-2")
    assert loader.load_service_model("ec2", "service-2") is ec2  # parsed once
    assert second.client("ec2", region_name="eu-west-2").meta.region_name == "eu-west-2"


def test_a_profile_that_does_not_exist_is_said_at_once(tmp_path, monkeypatch) -> None:
    from archdoc.aws.session import AccountUnreadable, make_session

    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    with pytest.raises(AccountUnreadable, match="AWS profile not found: 'nope'"):
        make_session(profile="nope", region="eu-west-1")
