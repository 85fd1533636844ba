"""Every valid model builds every output, whatever its shape (hypothesis-generated models).

Two tests: one that shrinks a failing model to its smallest form, and one that builds
``ARCHDOC_MODELS`` (default 2,000) seeded models, in chunks that pytest-xdist runs in parallel,
and reports the first failures with their YAML. ``make fuzz`` runs the second with more models.
"""

from __future__ import annotations

import io
import os
import time
import traceback
import xml.etree.ElementTree as ET
import zipfile

import pytest
import yaml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, seed, settings
from PIL import Image

from archdoc.kinds import KINDS, kind_of
from tests.layout.geometry_checks import check_layout
from tests.models import models

MODELS = int(os.environ.get("ARCHDOC_MODELS", "2000"))


def build_everything(text: str, dpi: float = 96.0) -> None:
    """Validate ``text`` and render every output, checking what each must be."""
    from archdoc.project import parse_model
    from archdoc.render import BuildContext, load_renderer

    ctx = BuildContext(parse_model(text), {"dpi": dpi})
    files: dict[str, bytes] = {}
    for name in ("diagram", "drawio", "report", "site"):
        files.update(load_renderer(name)(ctx))
    index = files["site/docs/index.md"].decode("utf-8")
    start, end = index.index("<svg"), index.index("</svg>") + len("</svg>")
    ET.fromstring(index[start:end])  # the live diagram is well-formed whatever the labels
    assert "\n\n" not in index[start:end]  # a blank line would end Markdown's HTML block
    with Image.open(io.BytesIO(files["architecture.png"])) as png:
        assert png.format == "PNG" and min(png.size) > 0
    ET.fromstring(files["architecture.svg"])
    drawio = ET.fromstring(files["architecture.drawio"])
    styles = " ".join(c.get("style", "") for c in drawio.iter("mxCell"))
    for res in ctx.model.resources.values():  # every kind drawn with its own draw.io shape
        kind = kind_of(res.kind)
        if not kind.generic or kind.place(res, ctx.model).where == "outside":
            continue
        assert f"mxgraph.aws4.{kind.drawio[2]}" in styles, res.kind
    # the report's body read back with an XML parser (python-docx would parse every part of
    # the package, and its style lookup is slow): headings, and each detail's crop
    with zipfile.ZipFile(io.BytesIO(files[ctx.model.report_file])) as package:
        assert package.testzip() is None  # every part whole
        body = ET.fromstring(package.read("word/document.xml"))
    styles_used = body.iter(qn("w:pStyle"))
    assert any(s.get(qn("w:val")).startswith("Heading") for s in styles_used)
    for cut in body.iter(qn("a:srcRect")):  # a detail: its figure, cropped
        left, top, right, bottom = (int(cut.get(side, 0)) for side in "ltrb")
        assert min(left, top, right, bottom) >= 0 and left + right < 100_000 \
            and top + bottom < 100_000, cut.attrib
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
    try:  # at draft resolution: the pixels are Graphviz's; layout, routes and files are ours
        build_everything(text, dpi=36.0)
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
    written = {r["kind"] for t in texts for r in yaml.safe_load(t)["resources"].values()}
    assert set(KINDS) <= written, sorted(set(KINDS) - written)  # every first-class kind
    assert len([k for k in written if "::" in k]) > 50  # and types without one
    started = time.monotonic()
    results = [_build_one(text) for text in texts]
    failures = [(t, r) for t, r in zip(texts, results, strict=True) if r]
    print(f"\nchunk {chunk}: {len(texts)} generated models built in "
          f"{time.monotonic() - started:.0f} s, {len(failures)} failed")
    assert not failures, f"{len(failures)} models failed; first:\n{failures[0][0]}\n" \
                         f"{failures[0][1]}"
