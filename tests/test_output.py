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
