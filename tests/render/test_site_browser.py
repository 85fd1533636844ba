"""The built site in a real browser (headless Chromium, Debian's `chromium`): the diagram is
drawn, nothing logs an error, and clicking a resource opens its chapter."""

from __future__ import annotations

import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SEED, archdoc

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                       "google-chrome")) if p), None)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (Debian: apt-get install chromium; "
                             "`make browser-deps`)")]

HARNESS = """<!doctype html><html><body style="margin:0">
<iframe id="f" src="index.html" style="width:1280px;height:1500px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var doc = this.contentDocument;
  var link = doc.querySelector('g[data-resource="web-alb"] a');
  link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true,
                                              view: this.contentWindow}));
});
</script></body></html>"""


PAGES = ["index.html", "chapter-1.html", "chapter-2.html", "chapter-3.html", "inventory.html"]
# each page in turn in a frame: its heading ids (and whether each finds itself as a CSS
# selector), and each table's computed cell style; written into this page for --dump-dom
INSPECT = """<!doctype html><html><body><iframe id="f" style="width:1280px;height:900px">
</iframe><pre id="result"></pre><script>
var pages = PAGES, modes = ["light", "dark"], out = {};
function colours(win, element) {
  var style = win.getComputedStyle(element);
  return [style.color, style.backgroundColor];
}
function visit(m, i) {
  if (i === pages.length) { m += 1; i = 0; }
  if (m === modes.length) {
    document.getElementById("result").textContent = JSON.stringify(out); return;
  }
  localStorage.setItem("mkdocs-colormode", modes[m]);
  var frame = document.getElementById("f");
  frame.onload = function () {
    var doc = frame.contentDocument, win = frame.contentWindow;
    var found = {headings: [], tables: [], text: [], mode:
                 doc.documentElement.getAttribute("data-bs-theme")};
    doc.querySelectorAll("h1, h2, h3").forEach(function (h) {
      var ok = false;
      try { ok = h.id !== "" && doc.querySelector("#" + h.id) === h; } catch (e) { ok = false; }
      found.headings.push([h.id, ok]);
    });
    doc.querySelectorAll("table").forEach(function (t) {
      var cell = win.getComputedStyle(t.querySelector("td"));
      found.tables.push([t.className, parseFloat(cell.paddingTop), cell.borderTopStyle]);
    });
    var page = win.getComputedStyle(doc.body).backgroundColor;
    doc.querySelectorAll("[role=main] p, [role=main] li, [role=main] td, [role=main] h1")
      .forEach(function (e) { found.text.push([win.getComputedStyle(e).color, page]); });
    out[modes[m] + " " + pages[i]] = found;
    visit(m, i + 1);
  };
  frame.src = pages[i];
}
visit(0, 0);
</script></body></html>""".replace("PAGES", json.dumps(PAGES))


def rgb_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The pixels of a screenshot, as RGB."""
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        data = image.convert("RGB").tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[tuple[str, int]] = []

    def log_request(self, code="-", size="-") -> None:
        type(self).requests.append((self.path, int(code) if str(code).isdigit() else 0))


@pytest.fixture(scope="module")
def served_site(tmp_path_factory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser")
    proc = archdoc("build", str(SEED), "-o", str(out), "--only", "site")
    assert proc.returncode == 0, proc.stderr
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=out / "site",
                   check=True, capture_output=True, timeout=300)
    html = out / "site" / "html"
    (html / "__harness.html").write_text(HARNESS, "utf-8")
    (html / "__inspect.html").write_text(INSPECT, "utf-8")
    _Handler.requests = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _Handler(*a, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                           f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr",
                           "--v=0", *args], capture_output=True, text=True, timeout=180,
                          check=False)


def test_diagram_is_drawn_without_console_errors(served_site: str, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    proc = chromium("--window-size=1280,1600", "--virtual-time-budget=5000",
                    f"--screenshot={shot}", f"{served_site}/index.html", tmp=tmp_path)
    assert shot.exists(), proc.stderr[-2000:]
    pixels = rgb_pixels(shot.read_bytes())
    # the diagram's icons: AWS networking purple and compute orange, absent from a blank page
    purple = sum(1 for r, g, b in pixels if abs(r - 140) < 30 and g < 110 and b > 220)
    orange = sum(1 for r, g, b in pixels if r > 200 and 80 < g < 150 and b < 80)
    assert purple > 500 and orange > 100, (purple, orange)
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "rror" in line or "Uncaught" in line], console
    assert not [path for path, code in _Handler.requests if code >= 400], _Handler.requests


def test_clicking_a_resource_opens_its_chapter(served_site: str, tmp_path: Path) -> None:
    _Handler.requests.clear()
    proc = chromium("--virtual-time-budget=8000", "--dump-dom",
                    f"{served_site}/__harness.html", tmp=tmp_path)
    assert "1. HTTPS 통신을 위한 구성 파트" in proc.stdout, proc.stdout[-1500:]
    assert 'id="r-web-alb"' in proc.stdout
    paths = [path for path, _ in _Handler.requests]
    assert "/chapter-1.html" in paths and paths.index("/chapter-1.html") > paths.index(
        "/__harness.html")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_a_console_error(served_site: str, page: str,
                                                  tmp_path: Path) -> None:
    _Handler.requests.clear()
    proc = chromium("--timeout=5000", "--dump-dom", f"{served_site}/{page}", tmp=tmp_path)
    assert "</html>" in proc.stdout, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "rror" in line or "Uncaught" in line], console
    assert not [path for path, code in _Handler.requests if code >= 400], _Handler.requests


def test_headings_are_selectors_and_tables_are_styled(served_site: str, tmp_path: Path) -> None:
    """Every heading has an id that is a valid CSS selector for itself (the theme's script
    stopped at '#1-https'), and every table is drawn by the theme (its script gives tables
    their classes; a cell then has padding and borders)."""
    proc = chromium("--timeout=8000", "--dump-dom", f"{served_site}/__inspect.html",
                    tmp=tmp_path)  # (virtual time waits on the search's worker for ever)
    found = json.loads(html_unescape(proc.stdout.split('<pre id="result">')[1]
                                     .split("</pre>")[0]))
    assert set(found) == {f"{mode} {page}" for mode in ("light", "dark") for page in PAGES}
    for key, seen in found.items():
        mode, page = key.split()
        assert seen["mode"] == mode, key  # the theme's switch ran
        # readable in both palettes: text against the page, WCAG's 4.5:1 for body text
        assert seen["text"], key
        for colour, background in seen["text"]:
            assert contrast(colour, background) >= 4.5, (key, colour, background)
        assert seen["headings"], page
        for heading_id, ok in seen["headings"]:
            if heading_id.startswith(("searchModal", "keyboardModal")):
                continue  # the theme's own dialogs
            assert ok, (page, heading_id)
            assert not heading_id[0].isdigit() and not heading_id.startswith("_")
        expected = 0 if page == "index.html" else 1
        assert len(seen["tables"]) >= expected, page
        for classes, padding, border in seen["tables"]:
            assert "table" in classes.split() and padding >= 4 and border != "none", \
                (page, classes, padding, border)


def contrast(colour: str, background: str) -> float:
    """WCAG's contrast ratio of two CSS rgb()/rgba() colours (the background opaque)."""
    def luminance(css: str) -> float:
        r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
        return sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
                   for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True))
    a, b = sorted((luminance(colour), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
