"""Ctrl-C and SIGTERM stop a build at once, even when Graphviz hangs: no traceback, no child
left running, no temporary folder, and the output folder as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.slow  # a moto server, or real processes and signals

FAKE_DOT = """#!/bin/sh
# a Graphviz that hangs, deaf to Ctrl-C as the real one can be in its own SIGINT handler
trap '' INT TERM
echo $$ >> "$FAKE_DOT_PIDS"
exec sleep 300
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state  # a zombie has ended


@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_a_build_whose_graphviz_hangs(tmp_path, signum, code):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dot").write_text(FAKE_DOT)
    (bin_dir / "dot").chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    pids = tmp_path / "pids"
    out = tmp_path / "out"
    out.mkdir()
    (out / "architecture.png").write_bytes(b"the previous build")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(temp),
           "FAKE_DOT_PIDS": str(pids)}
    proc = subprocess.Popen([sys.executable, "-m", "archdoc", "build", str(SEED), "-o", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pids.exists(), "the fake Graphviz never started"
    time.sleep(0.2)
    sent = time.monotonic()
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=10)
    assert time.monotonic() - sent < 2.0
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 2
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid), "Graphviz was left running"
    assert list(temp.iterdir()) == []
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before


def test_a_hanging_graphviz_times_out_with_a_clear_error(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dot").write_text(FAKE_DOT)
    (bin_dir / "dot").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ARCHDOC_TIMEOUT": "1",
           "FAKE_DOT_PIDS": str(tmp_path / "pids")}
    proc = subprocess.run([sys.executable, "-m", "archdoc", "build", str(SEED), "-o",
                           str(tmp_path / "out")], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 3
    assert proc.stderr.strip() == ("archdoc: error: Graphviz did not finish within 1 s (set "
                                   "ARCHDOC_TIMEOUT to allow longer)")
    assert not (tmp_path / "out").exists()

