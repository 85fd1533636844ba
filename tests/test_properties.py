"""Every valid model builds every output, whatever its shape (hypothesis-generated models).

Two tests: one that shrinks a failing model to its smallest form (in-process), and one that
builds ``ARCHDOC_MODELS`` (default 2,000) seeded models in parallel processes and reports the
first failures with their YAML. ``make fuzz`` runs the second with more models.
"""

from __future__ import annotations

import os
import time
import traceback
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor

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


@seed(20261128)
@settings(max_examples=60, deadline=None, derandomize=False,
          suppress_health_check=list(HealthCheck))
@given(models())
def test_every_valid_model_builds_and_lays_out_cleanly(data):
    build_everything(yaml.safe_dump(data, allow_unicode=True))


def _build_one(text: str) -> str | None:
    try:
        build_everything(text)
    except Exception:  # reported with the model below
        return traceback.format_exc(limit=4)
    return None


def test_thousands_of_generated_models_build():
    texts: list[str] = []

    @seed(11)
    @settings(max_examples=MODELS, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(models())
    def collect(data):
        texts.append(yaml.safe_dump(data, allow_unicode=True))

    collect()
    assert len(texts) >= min(MODELS, 1000)  # hypothesis may stop early on tiny spaces only
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(_build_one, texts, chunksize=16))
    failures = [(t, r) for t, r in zip(texts, results, strict=True) if r]
    print(f"\n{len(texts)} generated models built in {time.monotonic() - started:.0f} s, "
          f"{len(failures)} failed")
    assert not failures, f"{len(failures)} models failed; first:\n{failures[0][0]}\n" \
                         f"{failures[0][1]}"
