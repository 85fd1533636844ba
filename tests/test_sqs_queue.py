"""The SQS queue, added as a kind is added: its own files and one entry in each of two
registries (``archdoc.kinds``, ``archdoc.checks``). Every face of it works from the model:
validation, the diagram and draw.io, the report's words, its rule (its moto-tested drift
reader is in tests/drift/test_sqs.py)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from archdoc.errors import ModelError
from archdoc.project import parse_model
from tests.conftest import archdoc

MODEL = """title: orders
region: eu-west-1
language: ko
resources:
  api: {kind: lambda_function, runtime: python3.12}
  orders: {kind: sqs_queue, label: order queue, visibility_timeout: 60,
           dead_letter_queue: orders-dlq}
  orders-dlq: {kind: sqs_queue, encryption: none}
flows:
  - {from: api, to: orders, label: SendMessage}
sections:
  - title: 주문
    resources: [orders, orders-dlq]
"""


def test_the_model_takes_a_queue_and_checks_its_fields() -> None:
    model = parse_model(MODEL)
    assert model.resources["orders"].kind == "sqs_queue"
    with pytest.raises(ModelError) as info:
        parse_model(MODEL.replace("visibility_timeout: 60", "visibility_timout: 60")
                    .replace("encryption: none", "encryption: none, dead_letter_queue: api"))
    messages = [d.message for d in info.value.diagnostics]
    assert any("did you mean 'visibility_timeout'" in m for m in messages), messages
    assert any("'api' is a lambda_function, expected a sqs_queue" in m for m in messages)


def test_every_output_shows_the_queue(tmp_path) -> None:
    import docx

    source = tmp_path / "arch.yaml"
    source.write_text(MODEL, "utf-8")
    out = tmp_path / "out"
    proc = archdoc("build", str(source), "-o", str(out), "--allow-failing-claims")
    assert proc.returncode == 0, proc.stderr
    svg = (out / "architecture.svg").read_text("utf-8")
    assert "order queue" in svg and "simple-queue-service-sqs-queue" not in svg  # embedded
    assert svg.count("<image") >= 3  # the function and two queues, each with its icon
    styles = [c.get("style", "") for c in ET.parse(out / "architecture.drawio").iter("mxCell")
              if c.get("value") == "order queue"]
    assert styles and "shape=mxgraph.aws4.queue;" in styles[0]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(
        (out / "report.docx").read_bytes())).paragraphs)
    assert "Amazon SQS: 관리형 메시지 대기열입니다." in text


def test_its_rule_fails_the_unencrypted_queue(tmp_path) -> None:
    source = tmp_path / "arch.yaml"
    source.write_text(MODEL, "utf-8")
    proc = archdoc("check", str(source), "--format", "json")
    import json

    results = {(r["rule"], r["resource"]): r["result"] for r in json.loads(proc.stdout)["results"]}
    assert proc.returncode == 1
    assert results[("AD-SQS-001", "orders")] == "PASS"
    assert results[("AD-SQS-001", "orders-dlq")] == "FAIL"
