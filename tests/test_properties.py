"""Every valid model builds every output, whatever its shape (hypothesis-generated models).

Two tests: one that shrinks a failing model to its smallest form, and one that builds
``ARCHDOC_MODELS`` (default 2,000) seeded models, in chunks that pytest-xdist runs in parallel,
and reports the first failures with their YAML. ``make fuzz`` runs the second with more models.
"""

from __future__ import annotations

import os
import time
import traceback
import xml.etree.ElementTree as ET

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings

from tests.layout.geometry_checks import check_layout
from tests.models import models

MODELS = int(os.environ.get("ARCHDOC_MODELS", "2000"))


def build_everything(text: str) -> None:
    """Validate ``text`` and render every output, checking what each must be."""
    from archdoc.project import parse_model
    from archdoc.render import BuildContext, load_renderer

    ctx = BuildContext(parse_model(text))
    files: dict[str, bytes] = {}
    for name in ("diagram", "drawio", "report", "site"):
        files.update(load_renderer(name)(ctx))
    index = files["site/docs/index.md"].decode("utf-8")
    start, end = index.index("<svg"), index.index("</svg>") + len("</svg>")
    ET.fromstring(index[start:end])  # the live diagram is well-formed whatever the labels
    assert "\n\n" not in index[start:end]  # a blank line would end Markdown's HTML block
    assert files["architecture.png"][:8] == b"\x89PNG\r\n\x1a\n"
    ET.fromstring(files["architecture.svg"])
    ET.fromstring(files["architecture.drawio"])
    assert files[ctx.model.report_file][:2] == b"PK"
    check_layout(ctx.scene, ctx.figure.layout)
    for figure in ctx.section_figures:
        check_layout(figure.scene, figure.layout)


@pytest.mark.slow
@seed(20261128)
@settings(max_examples=60, deadline=None, derandomize=False,
          suppress_health_check=list(HealthCheck))
@given(models())
def test_every_valid_model_builds_and_lays_out_cleanly(data):
    build_everything(yaml.safe_dump(data, allow_unicode=True))


CHUNK = 250  # models generated and built by one test: chunks run in parallel under xdist
CHUNKS = max(1, -(-MODELS // CHUNK))


def _build_one(text: str) -> str | None:
    try:
        build_everything(text)
    except Exception:  # reported with the model below
        return traceback.format_exc(limit=4)
    return None


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_thousands_of_generated_models_build(chunk):
    """``ARCHDOC_MODELS`` models in all, in chunks of their own seed, each generated and
    built in the worker that runs the chunk (generation is a quarter of the cost)."""
    wanted = min(CHUNK, MODELS - chunk * CHUNK)
    texts: list[str] = []

    @seed(11 + chunk)
    @settings(max_examples=wanted, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(models())
    def collect(data):
        texts.append(yaml.safe_dump(data, allow_unicode=True))

    collect()
    assert len(texts) >= wanted // 2  # hypothesis may stop early on tiny spaces only
    started = time.monotonic()
    results = [_build_one(text) for text in texts]
    failures = [(t, r) for t, r in zip(texts, results, strict=True) if r]
    print(f"\nchunk {chunk}: {len(texts)} generated models built in "
          f"{time.monotonic() - started:.0f} s, {len(failures)} failed")
    assert not failures, f"{len(failures)} models failed; first:\n{failures[0][0]}\n" \
                         f"{failures[0][1]}"
