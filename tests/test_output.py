"""Outputs are replaced whole or not at all."""

from __future__ import annotations

import os

import pytest

from archdoc.errors import OutputError
from archdoc.output import write_outputs


def test_files_are_written_and_readable(tmp_path):
    written = write_outputs(tmp_path / "out", {"a.txt": b"alpha", "b.bin": b"\x00\x01"})
    assert [p.name for p in written] == ["a.txt", "b.bin"]
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"alpha"
    mode = (tmp_path / "out" / "a.txt").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failed_write_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {"architecture.png": b"old png", "report.docx": b"old docx"})
    (out / "blocker").mkdir()  # a file cannot replace a non-empty directory
    (out / "blocker" / "x").write_text("x")
    with pytest.raises(OutputError, match="a folder of that name is in the way"):
        write_outputs(out, {"architecture.png": b"new png", "blocker": b"boom"})
    # checked before anything is written: the old set is untouched, nothing left behind
    assert (out / "architecture.png").read_bytes() == b"old png"
    assert (out / "report.docx").read_bytes() == b"old docx"
    assert sorted(p.name for p in out.iterdir()) == ["architecture.png", "blocker", "report.docx"]
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())


def test_renames_only_after_everything_is_staged(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(out, {"a": b"old a", "b": b"old b"})
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the second file cannot be written (disk full, say)
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OutputError, match="disk full"):
        write_outputs(out, {"a": b"new a", "b": b"new b"})
    assert (out / "a").read_bytes() == b"old a"
    assert (out / "b").read_bytes() == b"old b"
    assert sorted(p.name for p in out.iterdir()) == ["a", "b"]


def test_a_failed_third_rename_puts_the_old_set_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = {"a.png": b"old a", "b.svg": b"old b", "c.drawio": b"old c", "d.docx": b"old d"}
    write_outputs(out, old)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst):
        # renames alternate: old file aside, then new file in; the third new file fails
        if str(src).endswith(".tmp"):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError, match="permission denied; the previous outputs are back"):
        write_outputs(out, {name: b"new" for name in old})
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "x"
    blocker.write_text("a file")
    with pytest.raises(OutputError, match="output path '.*x' is a file, not a folder"):
        write_outputs(blocker, {"a": b"1"})
    with pytest.raises(OutputError, match="is inside '.*x', which is a file"):
        write_outputs(blocker / "sub", {"a": b"1"})


def test_a_folder_without_write_permission_is_refused(tmp_path, monkeypatch):
    # root may write anywhere, so the permission check is what the test makes say no
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="cannot write to '.*': permission denied"):
        write_outputs(tmp_path / "out", {"a": b"1"})
    assert not (tmp_path / "out").exists()


OLD = {"a.png": b"old a", "b.svg": b"old b", "site/docs/index.md": b"old index",
       "site/docs/c.md": b"old c"}
NEW = {name: b"new" + data[3:] for name, data in OLD.items()}
RENAMES = 1 + 2 * len(NEW)  # the journal, then each target set aside and the new one in


def _contents(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("at", range(1, RENAMES + 1))
def test_a_signal_during_the_switch_acts_when_the_new_set_is_complete(tmp_path, monkeypatch, at):
    """SIGTERM at each rename of the switch: its handler runs only once every file is new."""
    import signal

    out = tmp_path / "out"
    write_outputs(out, OLD)
    seen: list[dict[str, bytes]] = []
    from archdoc.output import defer_signal

    def handler(signum, frame):  # as archdoc's own: it defers while the switch runs
        if not defer_signal(signum):
            seen.append(_contents(out))

    previous = signal.signal(signal.SIGTERM, handler)
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == at:
            os.kill(os.getpid(), signal.SIGTERM)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    try:
        write_outputs(out, NEW)
    finally:
        monkeypatch.setattr(os, "replace", real)
        signal.signal(signal.SIGTERM, previous)
    assert len(calls) == RENAMES
    assert seen == [NEW]  # delivered once, after the switch, onto the complete new set
    assert _contents(out) == NEW


KILLER = """
import os, signal, sys
from pathlib import Path
from archdoc.output import write_outputs
at, calls, real = int(sys.argv[2]), [], os.replace
def replace(src, dst):
    calls.append(dst)
    if len(calls) == at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
os.replace = replace
write_outputs(Path(sys.argv[1]), {new!r})
"""


@pytest.mark.parametrize("at", range(1, RENAMES + 1))
def test_a_run_killed_at_any_rename_is_finished_by_the_next(tmp_path, at):
    """SIGKILL (nothing runs after it) at each rename: the folder holds the old set or, from
    the journal, the next write finishes the new one; no temporary is left either way."""
    import subprocess
    import sys

    out = tmp_path / "out"
    write_outputs(out, OLD)
    proc = subprocess.run([sys.executable, "-c", KILLER.format(new=NEW), str(out), str(at)],
                          capture_output=True, check=False)
    assert proc.returncode == -9, proc.stderr
    write_outputs(out, {"other.txt": b"a later build of one file"})
    found = _contents(out)
    found.pop("other.txt")
    assert found in (OLD, NEW), sorted(found)
    assert found == (OLD if at == 1 else NEW)  # the journal is in from the first rename on
    assert not [p for p in out.rglob(".*")], sorted(p.name for p in out.rglob(".*"))


def test_a_folder_that_holds_the_set_already_is_only_touched(tmp_path):
    """A rebuild of an unchanged model: the same bytes are not written again (no new inode,
    no fsync) but look as new as written ones; one changed file writes the set."""
    import os
    import time

    from archdoc.output import write_outputs

    files = {"a.txt": b"one", "site/b.txt": b"two"}
    write_outputs(tmp_path, files)
    inodes = {n: (tmp_path / n).stat().st_ino for n in files}
    old = time.time() - 3600
    for name in files:
        os.utime(tmp_path / name, (old, old))
    write_outputs(tmp_path, files)
    for name in files:
        stat = (tmp_path / name).stat()
        assert stat.st_ino == inodes[name] and stat.st_mtime > old + 1800
    write_outputs(tmp_path, {**files, "a.txt": b"changed"})
    assert (tmp_path / "a.txt").read_bytes() == b"changed"
    assert (tmp_path / "a.txt").stat().st_ino != inodes["a.txt"]
