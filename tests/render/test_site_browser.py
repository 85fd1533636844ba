"""The built site in a real browser (headless Chromium, Debian's `chromium`): the diagram is
drawn, nothing logs an error, and clicking a resource opens its chapter."""

from __future__ import annotations

import http.server
import shutil
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED, archdoc

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                       "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (Debian: apt-get install chromium; "
                             "`make browser-deps`)")

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


def rgb_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) *
                                                          (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return [(r[i], r[i + 1], r[i + 2]) for r in rows for i in range(0, stride, channels)]


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
