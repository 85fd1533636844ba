"""The MkDocs plugin: a real `mkdocs build` of a Material site that pulls in the seed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, SEED


def _build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                          capture_output=True, text=True, timeout=300, check=False)


def test_material_site_gets_the_architecture_pages(tmp_path: Path, seed_model) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "sample-site", site)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config.replace("../../../arch.yaml", str(SEED)), "utf-8")
    proc = _build(site)
    assert proc.returncode == 0, proc.stderr
    built = site / "site" / "architecture"
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "material" in index.lower()  # the Material theme drew it
    assert seed_model.title in index
    svg = re.search(r'<svg[^>]*class="archdoc-diagram-svg".*?</svg>', index, re.S).group(0)
    # directory URLs (MkDocs' default): the diagram links follow them
    assert 'href="chapter-1/#r-web-alb"' in svg
    for i, section in enumerate(seed_model.sections, 1):
        page = (built / f"chapter-{i}" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{i}\. {re.escape(section.title)}", page), section.title
        assert "<table>" in page
    images = re.findall(r'<image[^>]*href="([^"]+)"', svg)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    chapter = (built / "chapter-1" / "index.html").read_text(encoding="utf-8")
    assert 'id="r-web-alb"' in chapter
    assert "<table>" in chapter and "✔ 모델에서 확인됨" in chapter
    assert '<figure class="archdoc-diagram"' in chapter and "archdoc-diagram-svg" in chapter
    assert (built / "js" / "archdoc.js").exists()
    assert re.search(r'<h1 id="chapter-1"', chapter)  # attr_list, added by the plugin


def test_invalid_model_stops_the_build_with_located_messages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "sample-site", site)
    bad = tmp_path / "arch.yaml"
    bad.write_text(SEED.read_text(encoding="utf-8").replace("cidr: 10.0.1.0/24",
                                                            "cidr: 10.0.1.0/33"), "utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config.replace("../../../arch.yaml", str(bad)), "utf-8")
    proc = _build(site)
    assert proc.returncode != 0
    assert f"{bad}:" in proc.stderr and "10.0.1.0/33" in proc.stderr


def test_serve_rebuilds_when_the_model_changes(tmp_path: Path) -> None:
    import time
    import urllib.request

    from tests.moto_server import free_port

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "sample-site", site)
    model = tmp_path / "arch.yaml"
    model.write_text(SEED.read_text(encoding="utf-8"), "utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config.replace("../../../arch.yaml", str(model)), "utf-8")
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                              f"127.0.0.1:{port}"], cwd=site,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/architecture/",
                                        timeout=5) as answer:
                return answer.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 90
        while "AWS 클라우드 아키텍처" not in page():
            assert time.monotonic() < deadline and serve.poll() is None, "serve did not start"
            time.sleep(0.5)
        model.write_text(SEED.read_text(encoding="utf-8").replace(
            "title: AWS 클라우드 아키텍처 1.2 버전 구현", "title: Changed while serving"), "utf-8")
        deadline = time.monotonic() + 90
        while "Changed while serving" not in page():
            assert time.monotonic() < deadline, "the site was not rebuilt"
            time.sleep(0.5)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
