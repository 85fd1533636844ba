"""Rebuilding an unchanged model takes its outputs from the cache; any change rebuilds."""

from __future__ import annotations

import json

import pytest

from archdoc.build import CACHED
from tests.conftest import SEED, archdoc, run_archdoc


def test_an_unchanged_model_comes_from_the_cache_and_a_changed_one_does_not(tmp_path):
    env = {"ARCHDOC_CACHE": str(tmp_path / "cache")}
    model = tmp_path / "arch.yaml"
    model.write_bytes(SEED.read_bytes())
    first = run_archdoc("build", str(model), "-o", str(tmp_path / "a"), env=env)
    assert first.returncode == 0 and CACHED not in first.stderr, first.stderr
    again = run_archdoc("build", str(model), "-o", str(tmp_path / "b"), env=env)
    assert again.returncode == 0 and CACHED in again.stderr
    built = [p for p in (tmp_path / "a").rglob("*") if p.is_file()]
    assert len(built) > 4  # the site's pages are in subfolders
    for path in built:
        assert (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes() == \
            path.read_bytes()
    model.write_text(model.read_text(encoding="utf-8").replace("뭉크테크", "뭉크"),
                     encoding="utf-8")
    changed = run_archdoc("build", str(model), "-o", str(tmp_path / "c"), env=env)
    assert changed.returncode == 0 and CACHED not in changed.stderr
    other = run_archdoc("build", str(model), "-o", str(tmp_path / "d"), "--only", "drawio",
                        env=env)
    assert other.returncode == 0 and CACHED not in other.stderr  # other outputs: other entry


def test_the_cache_can_be_turned_off(tmp_path):
    for _ in range(2):
        proc = run_archdoc("build", str(SEED), "-o", str(tmp_path / "a"), "--only", "drawio",
                           env={"ARCHDOC_CACHE": "off"})
        assert proc.returncode == 0 and CACHED not in proc.stderr


def test_an_invalid_model_is_never_cached(tmp_path):
    env = {"ARCHDOC_CACHE": str(tmp_path / "cache")}
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nregion: r\nresources: {u: {kind: userz}}\n", encoding="utf-8")
    for _ in range(2):
        proc = run_archdoc("build", str(bad), "-o", str(tmp_path / "o"), env=env)
        assert proc.returncode == 2 and "unknown kind 'userz'" in proc.stderr
    assert not any((tmp_path / "cache").glob("*/manifest.json"))


def _entry(cache_root):
    (folder,) = [p for p in cache_root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


def _tamper_bytes(folder, outside):
    blob = folder / "0.bin"
    blob.write_bytes(b"\x89PNG not the picture")


def _empty_file(folder, outside):
    (folder / "1.bin").write_bytes(b"")


def _symlink(folder, outside):
    (folder / "0.bin").unlink()
    (folder / "0.bin").symlink_to("/etc/hostname")


def _name(value):
    def tamper(folder, outside):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"][0]["name"] = value.format(outside=outside)
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return tamper


def _shape(value):
    def tamper(folder, outside):
        (folder / "manifest.json").write_text(value, encoding="utf-8")
    return tamper


TAMPERINGS = {
    "changed bytes": _tamper_bytes, "empty file": _empty_file, "symlink": _symlink,
    "../ name": _name("../escaped.txt"), "absolute name": _name("{outside}/escaped.txt"),
    "nested ../": _name("site/../../escaped.txt"),
    "manifest a list": _shape("[1, 2]"), "manifest without files": _shape('{"version": 2}'),
    "manifest of the old shape": _shape('{"files": ["architecture.png"], "notes": []}'),
    "not JSON": _shape("{{{"), "files not a list": _shape('{"version": 2, "files": 3, '
                                                        '"notes": []}'),
}


@pytest.mark.parametrize("how", list(TAMPERINGS))
def test_a_tampered_cache_entry_is_a_miss_never_a_served_file(tmp_path, how):
    """A cache restored from elsewhere (CI, another branch) may hold anything: every file is
    checked against its hash and its name before use, and anything unexpected is rebuilt."""
    cache_root, outside = tmp_path / "cache", tmp_path / "outside"
    outside.mkdir()
    env = {"ARCHDOC_CACHE": str(cache_root)}
    first = archdoc("build", str(SEED), "-o", str(tmp_path / "a"), "--only", "drawio,diagram",
                    env=env)
    assert first.returncode == 0, first.stderr
    TAMPERINGS[how](_entry(cache_root), outside)
    again = archdoc("build", str(SEED), "-o", str(tmp_path / "b"), "--only", "drawio,diagram",
                    env=env)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert CACHED not in again.stderr
    warned = [line for line in again.stderr.splitlines() if "cache entry" in line]
    assert len(warned) == 1 and "not used" in warned[0] and "building instead" in warned[0]
    for name in ("architecture.png", "architecture.svg", "architecture.drawio"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes()
    assert not (tmp_path / "escaped.txt").exists() and not (outside / "escaped.txt").exists()
    # the damaged entry was replaced by a good one: the next build is served from it
    third = archdoc("build", str(SEED), "-o", str(tmp_path / "c"), "--only", "drawio,diagram",
                    env=env)
    assert CACHED in third.stderr and "not used" not in third.stderr


def test_the_cache_stays_within_its_size(tmp_path):
    env = {"ARCHDOC_CACHE": str(tmp_path / "cache"), "ARCHDOC_CACHE_MB": "0.001"}
    for only in ("drawio", "diagram"):
        assert archdoc("build", str(SEED), "-o", str(tmp_path / only), "--only", only,
                       env=env).returncode == 0
    kept = [p for p in (tmp_path / "cache").iterdir() if not p.name.startswith(".")]
    assert len(kept) == 1  # the newest only, although over the bound alone


@pytest.mark.parametrize("name, ok", [
    ("architecture.png", True), ("site/docs/index.md", True), ("../x", False), ("/etc/x", False),
    ("a/../b", False), ("a//b", False), ("a\\b", False), ("", False), (".", False), (3, False)])
def test_safe_names(name, ok):
    from archdoc.cache import safe_name

    assert safe_name(name) is ok


def test_the_code_fingerprint_is_kept_under_the_files_signature(tmp_path, monkeypatch):
    """Kept beside the entries; a memo written for other files (another checkout, a restored
    CI cache) is not used; without a cache folder it is computed as before."""
    import json

    from archdoc import cache

    monkeypatch.setenv("ARCHDOC_CACHE", str(tmp_path))
    cache._code_fingerprint.cache_clear()
    first = cache._code_fingerprint()
    memo = json.loads((tmp_path / "code.json").read_text("utf-8"))
    assert list(memo.values()) == [first]
    (tmp_path / "code.json").write_text(json.dumps({"another signature": "0" * 64}), "utf-8")
    cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() == first  # not the stranger's value
    monkeypatch.setenv("ARCHDOC_CACHE", "off")
    cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() == first
    cache._code_fingerprint.cache_clear()
