"""The command as a user runs it: exit codes, messages, and an untouched output folder."""

from __future__ import annotations

import re

import pytest

from archdoc import __version__
from tests.conftest import FIXTURES, run_archdoc

INVALID = sorted(p for p in (FIXTURES / "invalid").glob("*.yaml") if p.stem != "expected")


def snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


@pytest.fixture
def previous_output(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "architecture.png").write_bytes(b"previous build")
    return out


@pytest.mark.parametrize("bad", INVALID, ids=lambda p: p.stem)
def test_invalid_model_exits_2_without_traceback_and_writes_nothing(bad, previous_output):
    before = snapshot(previous_output)
    proc = run_archdoc("build", str(bad), "-o", str(previous_output))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: ", proc.stderr, re.M)
    assert proc.stderr.rstrip().endswith("nothing was written")
    assert snapshot(previous_output) == before


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
    b"[" * 100000,
    b"title: x\n\ttab: 1\n",
    b"- just\n- a list\n",
    b"",
    b"42",
], ids=["binary", "alias-bomb", "deep", "tab", "list", "empty", "scalar"])
def test_hostile_inputs_fail_cleanly(content, tmp_path):
    model = tmp_path / "arch.yaml"
    model.write_bytes(content)
    out = tmp_path / "output"
    proc = run_archdoc("build", str(model), "-o", str(out), timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{model}:")
    assert not out.exists()


def test_validate_ok(seed_path):
    proc = run_archdoc("validate", str(seed_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{seed_path}: ok (")


def test_file_defaults_to_arch_yaml_in_the_current_folder(tmp_path, seed_path):
    (tmp_path / "arch.yaml").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_archdoc("build", "--only", "diagram", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "output" / "architecture.png").exists()
    assert "wrote output/architecture.png" in proc.stdout


def test_missing_file(tmp_path):
    proc = run_archdoc("validate", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{tmp_path / 'nope.yaml'}:1:1: error: cannot read the model")


def test_unknown_output_format(seed_path, tmp_path):
    proc = run_archdoc("build", str(seed_path), "-o", str(tmp_path / "o"), "--only", "pdf,diagram")
    assert proc.returncode == 2
    assert "unknown output 'pdf'" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_version_and_help():
    assert run_archdoc("--version").stdout.strip() == f"archdoc {__version__}"
    helptext = run_archdoc("--help").stdout
    for command in ("validate", "build", "schema"):
        assert command in helptext


def test_missing_graphviz_is_a_clear_error(seed_path, tmp_path):
    proc = run_archdoc("build", str(seed_path), "-o", str(tmp_path / "o"),
                       env={"PATH": "/nonexistent"})
    assert proc.returncode == 3
    assert "Graphviz is not installed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()
