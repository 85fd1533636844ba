"""SIGINT and SIGTERM at 50 evenly spread moments of a build (``archdoc build`` in its own
process, as a user runs it): each run exits 0, 130 or 143 within seconds with at most one line
("archdoc: interrupted" / "terminated"), never a traceback, and leaves the output folder
holding exactly the complete old set or the complete new one, nothing else.

The moments are spread over the build from the instant archdoc's handlers exist (read from
``/proc/PID/status``); a signal before that lands in the Python interpreter's own start-up,
which no program can handle."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")]

MOMENTS = 50
CHUNK = 10  # moments per test, so xdist spreads them over the cores


def _handlers_ready(pid: int) -> bool:
    """archdoc's own handlers are installed: SIGTERM is caught (Python never catches it)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # already gone
    caught = next((line.split()[1] for line in status.splitlines()
                   if line.startswith("SigCgt:")), "0")
    return bool(int(caught, 16) & (1 << (signal.SIGTERM - 1)))


def _start(model: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "ARCHDOC_CACHE": "off"}
    env.pop("ARCHDOC_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                             str(out)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_ready(proc: subprocess.Popen) -> float:
    while not _handlers_ready(proc.pid):
        time.sleep(0.0005)
    return time.monotonic()


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()}


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """The old set (a model with another title), the new set (the seed), and how long a
    build takes from the handlers to its exit."""
    base = tmp_path_factory.mktemp("moments")
    old_model = base / "old.yaml"
    old_model.write_text(SEED.read_text("utf-8").replace(
        "title: AWS 클라우드", "title: 예전 AWS 클라우드", 1), "utf-8")
    trees = {}
    for name, model in (("old", old_model), ("new", SEED)):
        proc = _start(model, base / name)
        ready = _wait_ready(proc)
        proc.communicate(timeout=120)
        took = time.monotonic() - ready
        assert proc.returncode == 0
        trees[name] = _tree(base / name)
    assert trees["old"] != trees["new"] and trees["old"].keys() == trees["new"].keys()
    return base, trees, took


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
@pytest.mark.parametrize("chunk", range(MOMENTS // CHUNK))
def test_a_signal_at_any_moment_leaves_one_complete_set(sets, tmp_path, signum, chunk):
    base, trees, took = sets
    code = 130 if signum == signal.SIGINT else 143
    line = "archdoc: interrupted" if signum == signal.SIGINT else "archdoc: terminated"
    outcomes = []
    for k in range(chunk * CHUNK, (chunk + 1) * CHUNK):
        out = tmp_path / f"out-{k}"
        shutil.copytree(base / "old", out)
        proc = _start(SEED, out)
        ready = _wait_ready(proc)
        time.sleep(max(0.0, ready + took * k / MOMENTS - time.monotonic()))
        proc.send_signal(signum)
        try:
            stdout, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"moment {k}/{MOMENTS}: still running 30 s after the signal")
        said = [s for s in stderr.splitlines() if s.strip()]
        assert proc.returncode in (0, code), (k, proc.returncode, stderr)
        assert "Traceback" not in stderr and "Exception ignored" not in stderr, (k, stderr)
        if proc.returncode == code:
            assert said == [line], (k, stderr)
        else:
            assert said == [], (k, stderr)
        tree = _tree(out)
        assert tree in (trees["old"], trees["new"]), \
            (k, sorted(set(tree) ^ set(trees["new"])), stdout)
        outcomes.append("new" if tree == trees["new"] else "old")
        shutil.rmtree(out)
    print(f"\n{signal.Signals(signum).name}, moments {chunk * CHUNK}-{(chunk + 1) * CHUNK - 1}: "
          f"{outcomes}")
