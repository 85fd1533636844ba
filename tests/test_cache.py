"""Rebuilding an unchanged model takes its outputs from the cache; any change rebuilds."""

from __future__ import annotations

from archdoc.build import CACHED
from tests.conftest import SEED, run_archdoc


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
