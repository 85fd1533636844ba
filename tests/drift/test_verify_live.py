"""``archdoc build --verify-live``: the documents carry the live check's result."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import docx
import pytest

from tests.conftest import SEED, archdoc
from tests.drift.conftest import Account, no_secrets

pytestmark = pytest.mark.slow  # a moto server, or real processes and signals


def test_report_and_diagram_say_what_differs(seed_account: Account, tmp_path) -> None:
    seed_account.client("ec2").authorize_security_group_ingress(
        GroupId=seed_account.ids["ec2-sg"], IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    seed_account.client("ec2").delete_vpc_endpoints(
        VpcEndpointIds=[seed_account.ids["s3-endpoint"]])
    out = tmp_path / "out"
    proc = archdoc("build", str(SEED), "-o", str(out), "--verify-live",
                       env=seed_account.server.env(), timeout=300)
    no_secrets(proc.stdout + proc.stderr)
    assert proc.returncode == 1, proc.stderr  # written, and the exit code tells CI
    assert "checked against account 123456789012, ap-northeast-2" in proc.stderr

    document = docx.Document(str(out / "report.docx"))
    texts = [p.text for p in document.paragraphs]
    heading = len(texts) - 1 - texts[::-1].index("부록: 실제 계정 검증 결과")  # not the TOC's
    intro = next(t for t in texts[heading + 1:] if t)
    assert "123456789012" in intro and "ap-northeast-2" in intro
    assert "17개 일치" in intro and "1개 불일치" in intro and "1개 없음" in intro
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["ID", "상태", "속성", "문서", "실제 계정"]
    by_id = {r[0]: r for r in rows[1:]}
    # the report's language, down to the findings' own words
    assert by_id["ec2-sg"][1:4] == ["불일치", "ingress", "(없음)"]
    assert by_id["ec2-sg"][4].startswith("tcp 22 from 0.0.0.0/0")
    assert by_id["ec2-sg"][4].endswith(" — 모델에 없는 인바운드 규칙")
    assert by_id["s3-endpoint"][1] == "없음"
    assert by_id["s3-endpoint"][4].startswith("일치하는 실제 리소스가 없음: ")
    claims = [t.split("\n✘", 1)[1] for t in texts if "\n✘" in t]  # under each claim's text
    assert any("ec2-sg 계정과 다름" in t for t in claims), claims
    assert not any(word in " ".join(claims) for word in ("drifted", "missing", "fails on")), claims

    svg = ET.parse(out / "architecture.svg").getroot()
    said = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert said.count("⚠ 계정과 다름") == 1 and said.count("⚠ 계정에 없음") == 1
    overall = ET.parse(out / "architecture.drawio").getroot().find("diagram")
    assert overall is not None
    marked = [c.get("value", "").replace("<br>", " ") for c in overall.iter("mxCell")
              if "fontColor=#D13212" in (c.get("style") or "")]
    assert marked == ["S3 게이트웨이 엔드포인트 ⚠ 계정에 없음"]  # the missing resource's icon
    # a security group has no icon: the red boundary round its member says it
    frames = [c.get("value", "").replace("<br>", " ") for c in overall.iter("mxCell")
              if c.get("id", "").endswith("-sg") and "⚠" in c.get("value", "")]
    assert frames == ["ec2-sg ⚠ 계정과 다름"]


def test_in_sync_account_says_so_and_exits_0(seed_account_as_provisioned: Account, tmp_path) -> None:
    out = tmp_path / "out"
    proc = archdoc("build", str(SEED), "-o", str(out), "--only", "report",
                       "--verify-live", env=seed_account_as_provisioned.server.env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(out / "report.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "부록: 실제 계정 검증 결과" in texts
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert [r[0] for r in rows[1:]] == ["session-manager"]  # only what could not be checked
    # moto has no DescribeInstanceInformation: said in Korean, the operation's name kept
    assert rows[1][1:] == ["확인하지 않음", "", "", "ssm: 엔드포인트가 DescribeInstanceInformation"
                           "을 지원하지 않음 (HTTP 500)"], rows[1]


def test_unreadable_account_writes_nothing(tmp_path) -> None:
    out = tmp_path / "out"
    proc = archdoc("build", str(SEED), "-o", str(out), "--verify-live", env={
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIAXXXXXXXXXXXX0000",
        "AWS_SECRET_ACCESS_KEY": "x" * 20}, timeout=120)
    assert proc.returncode == 3 and "cannot reach" in proc.stderr
    assert not out.exists()
