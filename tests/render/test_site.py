"""output/site/: Markdown pages and a mkdocs.yml with which a real `mkdocs build` works."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SEED, archdoc

SVG = "{http://www.w3.org/2000/svg}"


class _Page(HTMLParser):
    """Headings, tables, scripts and the inline SVG of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables = 0
        self.scripts: list[str] = []
        self._heading = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2"):
            self._heading, self._text = True, []
        elif tag == "table" and not dict(attrs).get("class"):  # not the theme's own tables
            self.tables += 1
        elif tag == "script":
            self.scripts.append(dict(attrs).get("src") or "inline")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._heading:
            self.headings.append("".join(self._text).strip())
            self._heading = False

    def handle_data(self, data):
        if self._heading:
            self._text.append(data)


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def mkdocs_build(site: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    return site / "html"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-out")
    proc = archdoc("build", str(SEED), "-o", str(out), "--only", "site")
    assert proc.returncode == 0, proc.stderr
    return mkdocs_build(out / "site")


def test_every_chapter_heading_table_and_claim(built_site: Path, seed_model) -> None:
    for i, section in enumerate(seed_model.sections, 1):
        page = _page(built_site / f"chapter-{i}.html")
        assert f"{i}. {section.title}" in page.headings
        assert f"{i}.3. 보안 고려 사항" in page.headings
        text = (built_site / f"chapter-{i}.html").read_text(encoding="utf-8")
        assert text.count("✔ 모델에서 확인됨") == len(section.security)
        # the chapter's figure: its own live diagram, inline, each icon a link and a tooltip
        figure = re.search(r'<figure class="archdoc-diagram"[^>]*>\s*(<svg.*?</svg>)', text, re.S)
        svg = ET.fromstring(figure.group(1))
        linked = [g.get("data-resource") for g in svg.iter(f"{SVG}g")
                  if g.get("data-resource") and g.find(f"{SVG}a") is not None]
        assert set(section.resources) & set(linked), (i, linked)
        titles = [t.text or "" for t in svg.iter(f"{SVG}title")]
        assert not [t for t in titles if re.search(r"\bn_|cluster_|->", t)], titles
    from archdoc.kinds import KIND

    for i, section in enumerate(seed_model.sections, 1):  # the report's tables, each one
        expected = sum(1 for rid in section.resources
                       if KIND[seed_model.resources[rid].kind].table)
        assert _page(built_site / f"chapter-{i}.html").tables == expected >= 1
    assert _page(built_site / "inventory.html").tables == 1


def test_index_has_the_live_self_contained_diagram(built_site: Path, seed_model) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert _page(built_site / "index.html").headings[0] == seed_model.title
    svg_text = re.search(r'<svg[^>]*class="archdoc-diagram-svg".*?</svg>', html, re.S).group(0)
    svg = ET.fromstring(svg_text)
    images = [i.get("{http://www.w3.org/1999/xlink}href") or i.get("href")
              for i in svg.iter(f"{SVG}image")]
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    nodes = {g.get("data-resource"): g for g in svg.iter(f"{SVG}g") if g.get("data-resource")}
    assert {"web-alb", "web-server", "bucket", "users"} <= set(nodes)
    alb = nodes["web-alb"]
    link = alb.find(f"{SVG}a")
    assert link.get("href") == "chapter-1.html#r-web-alb"
    assert alb.find(f"{SVG}title").text.startswith("ALB · web-alb · 체계: internet-facing")
    assert nodes["users"].find(f"{SVG}a").get("href") == "inventory.html#r-users"
    hover = {a.get("{http://www.w3.org/1999/xlink}title") for a in alb.iter(f"{SVG}a")} - {None}
    assert hover == {alb.find(f"{SVG}title").text}  # whichever the browser shows
    # every target exists in the built site
    for g in nodes.values():
        page, _, fragment = g.find(f"{SVG}a").get("href").partition("#")
        assert f'id="{fragment}"' in (built_site / page).read_text(encoding="utf-8")


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "title: AWS 클라우드 아키텍처 1.2 버전 구현",
        "title: \"<script>alert(1)</script> | *bold* [x](javascript:y)\"").replace(
        "label: ALB\n", "label: \"<img src=x onerror=alert(2)>\"\n")
    model = tmp_path / "arch.yaml"
    model.write_text(text, "utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "out"), "--only", "site")
    assert proc.returncode == 0, proc.stderr
    built = mkdocs_build(tmp_path / "out" / "site")
    for page in built.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert 'href="javascript:' not in html
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *bold* [x](javascript:y)" in index


def test_svg_viewbox_is_the_drawn_size(seed_build: Path) -> None:
    """Graphviz at 96 dpi scales the drawing by 4/3 but not its viewBox; a browser then clipped
    the right and bottom quarter of architecture.svg. The viewBox now spans the drawing."""
    root = ET.parse(seed_build / "architecture.svg").getroot()
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert [float(v) for v in root.get("viewBox").split()] == [0, 0, width, height]
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "graph0")
    scale = float(re.search(r"scale\(([\d.]+)", graph.get("transform")).group(1))
    drawn = max(float(p) for poly in graph.iter(f"{SVG}polygon")
                for point in poly.get("points").split() for p in point.split(",")[:1])
    assert drawn * scale <= width + 1  # the content fits in the viewBox


def test_compiled_templates_give_the_pages_the_templates_give(tmp_path: Path, seed_model,
                                                              monkeypatch) -> None:
    """The site's templates compiled once and kept (derived data) write the same pages as
    templates compiled in the run, and a damaged compiled file is compiled again."""
    from archdoc.render import BuildContext
    from archdoc.render.site import _env, site_pages

    def pages(setting: str) -> dict[str, bytes]:
        monkeypatch.setenv("ARCHDOC_DERIVED", setting)
        _env.cache_clear()
        return site_pages(BuildContext(seed_model))

    kept = tmp_path / "derived"
    fresh = pages("off")
    assert pages(str(kept)) == fresh  # compiled, and stored
    stored = sorted((kept / "templates").iterdir())
    assert len(stored) == 3  # index, chapter, inventory
    assert pages(str(kept)) == fresh  # read back
    from jinja2.bccache import bc_magic

    for damage in (b"not compiled code", bc_magic + b"\x80not a pickle", bc_magic):
        for path in stored:
            path.write_bytes(damage)
        assert pages(str(kept)) == fresh, damage
    _env.cache_clear()
