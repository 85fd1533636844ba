"""Shared fixtures: the seed model, a CLI runner, and one build of the seed shared by tests."""

from __future__ import annotations

import faulthandler
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


# A test still running after this long is stuck, not slow (the longest, a chunk of 250
# generated models, takes two to three minutes; ten times that on a busy machine): its
# process prints every thread's traceback and exits, so the run reports the test as failed
# (under pytest-xdist, "worker crashed") instead of waiting for ever. Not a speed check.
STUCK_AFTER = float(os.environ.get("ARCHDOC_TEST_STUCK_AFTER", "1800"))
_stuck_report: list[int] = []  # where the tracebacks go: the terminal's stderr, not a capture


def pytest_configure(config) -> None:
    # (before pytest captures the test's output: as its own faulthandler_timeout does)
    _stuck_report.append(os.dup(sys.stderr.fileno()))


@pytest.fixture(autouse=True)
def _stuck_test_ends_the_run():
    faulthandler.dump_traceback_later(STUCK_AFTER, exit=True, file=_stuck_report[0])
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_model():
    from archdoc.project import load_model

    return load_model(SEED)


def run_archdoc(*args: str, cwd: Path | None = None, env: dict | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``archdoc`` command as a user would, in a subprocess: for what only a process
    shows (signals, the environment it starts in, its exit on a crash)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ARCHDOC_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "archdoc", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def archdoc(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``archdoc`` command in this process, as ``run_archdoc`` runs it in another:
    the same arguments, environment (``env`` added) and folder, the same exit code and
    streams, without a Python start-up and archdoc's imports each time."""
    import contextlib
    import io

    from archdoc.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    os.environ.pop("ARCHDOC_DEBUG", None)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args), handle_signals=False)
            except SystemExit as exc:  # argparse: --help, a usage error
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["archdoc", *args], code, out.getvalue(),
                                       err.getvalue())


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``archdoc build arch.yaml -o DIR`` once for the session; returns DIR."""
    out = tmp_path_factory.mktemp("seed-output")
    proc = archdoc("build", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture
def graphviz_runs(monkeypatch) -> list[list[str]]:
    """The argument lists of every subprocess started from here on (Graphviz runs)."""
    from archdoc import processes
    from archdoc.layout import drawn

    drawn.forget()  # what this process drew before would not be drawn again
    runs: list[list[str]] = []
    real_run = processes.run

    def counting_run(args, *rest, **kwargs):
        runs.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(processes, "run", counting_run)
    return runs
