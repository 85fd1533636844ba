"""A stuck test fails the run, with its traceback, instead of hanging it (``conftest.py``):
a fresh clone's ``make test`` once waited 20 minutes on a search that could not end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

STUCK = """
import time


def test_waits_for_ever():
    while True:
        time.sleep(0.05)


def test_ends():
    assert True
"""


@pytest.mark.slow
@pytest.mark.parametrize("workers", [[], ["-n", "2"]])
def test_a_stuck_test_fails_with_its_traceback(tmp_path, workers):
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_stuck.py").write_text(STUCK, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "--rootdir", str(tmp_path), *workers, str(tmp_path)],
        cwd=tmp_path, env={**os.environ, "ARCHDOC_TEST_STUCK_AFTER": "2"},
        capture_output=True, text=True, timeout=120, check=False)
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0, said
    assert "Timeout (0:00:02)!" in said and "in test_waits_for_ever" in said, said
    if workers:  # the other test still ran, on another worker
        assert "crashed while running 'test_stuck.py::test_waits_for_ever'" in said, said
        assert "1 failed, 1 passed" in said, said
