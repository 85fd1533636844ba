"""Shared fixtures: the seed model, a CLI runner, and one build of the seed shared by tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Tests exercise rendering: no build may come from the cache (tests/test_cache.py turns it on).
os.environ["ARCHDOC_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "arch.yaml"
EXAMPLE = ROOT / "examples" / "three-tier.yaml"  # the second example: other shape, English
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_model():
    from archdoc.project import load_model

    return load_model(SEED)


def run_archdoc(*args: str, cwd: Path | None = None, env: dict | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``archdoc`` command as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ARCHDOC_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "archdoc", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``archdoc build arch.yaml -o DIR`` once for the session; returns DIR."""
    out = tmp_path_factory.mktemp("seed-output")
    proc = run_archdoc("build", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out
