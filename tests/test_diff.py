"""``archdoc diff``: what changed between two versions of a model (archdoc/diff.py), run as a
user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import FIXTURES, SEED, archdoc

OLD = FIXTURES / "arch-1.1.yaml"


def _json(*args: str, cwd=None):
    proc = archdoc("diff", *args, "--format", "json", cwd=cwd)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else None, proc


def test_the_seeds_1_1_to_1_2_change_names_cloudfront_and_its_certificate_removed():
    code, report, _ = _json(str(OLD), str(SEED))
    assert code == 1
    changes = report["changes"]
    resources = [(c["op"], c["name"], c["kind"]) for c in changes if c["what"] == "resource"
                 and c["op"] != "changed"]
    assert sorted(resources) == [("removed", "cdn", "cloudfront_distribution"),
                                 ("removed", "cdn-cert", "acm_certificate")]
    changed = [(c["name"], c["field"], c["old"], c["new"]) for c in changes
               if c["what"] == "resource" and c["op"] == "changed"]
    assert changed == [("dns-record", "alias_target", "cdn", "web-alb")]  # nothing spurious
    flows = sorted((c["op"], c["name"]) for c in changes if c["what"] == "flow")
    assert flows == [("added", "dns-record → web-alb: 별칭(Alias) 레코드"),
                     ("added", "users → web-alb: HTTPS:443"),
                     ("removed", "cdn → web-alb: HTTPS:443"),
                     ("removed", "dns-record → cdn: 별칭(Alias) 레코드"),
                     ("removed", "users → cdn: HTTPS:443")]
    document = {c["name"]: (c["old"], c["new"]) for c in changes if c["what"] == "document"}
    assert document["version"] == ("1.1", "1.2")
    # each change where it is written: the removed distribution at its key in OLD
    removed = next(c for c in changes if c["name"] == "cdn")
    line = OLD.read_text("utf-8").splitlines()[removed["old_at"]["line"] - 1]
    assert line.strip() == "cdn:" and removed["new_at"] is None
    alias = next(c for c in changes if c["name"] == "dns-record")
    assert SEED.read_text("utf-8").splitlines()[alias["new_at"]["line"] - 1].strip() \
        == "alias_target: web-alb"
    assert report["summary"] == {"added": 2, "removed": 5, "changed": 4}


def test_the_same_meaning_written_otherwise_is_no_change(tmp_path):
    """Resources in another order and a default written out: the models are validated
    first, so neither is a change."""
    text = SEED.read_text("utf-8")
    start = text.index("  users:\n")
    end = text.index("\n  hosted-zone:", start) + 1
    users = text[start:end]
    moved = text[:start] + text[end:]
    moved = moved.replace("\nflows:", "\n" + users + "\nflows:", 1)  # the last resource now
    moved = moved.replace("    kind: s3_bucket\n", "    kind: s3_bucket\n    versioning: false\n")
    other = tmp_path / "arch.yaml"
    other.write_text(moved, "utf-8")
    assert other.read_text("utf-8") != text
    proc = archdoc("diff", str(SEED), str(other))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().endswith("no change")


def test_git_revisions(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    shutil.copy(OLD, repo / "arch.yaml")
    git("add", "arch.yaml")
    git("commit", "-qm", "1.1")
    shutil.copy(SEED, repo / "arch.yaml")
    code, report, _ = _json("HEAD:arch.yaml", "arch.yaml", cwd=repo)
    assert code == 1 and report["old"] == "HEAD:arch.yaml"
    removed = {c["name"] for c in report["changes"] if c["op"] == "removed"
               and c["what"] == "resource"}
    assert removed == {"cdn", "cdn-cert"}
    assert report["changes"][0]["old_at"]["file"] == "HEAD:arch.yaml"
    proc = archdoc("diff", "HEAD~5:arch.yaml", "arch.yaml", cwd=repo)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("archdoc: error: HEAD~5:arch.yaml: ")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_both_sides_errors_at_once(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("title: a\nregion: us-east-1\nresources:\n  u: {kind: users, bogus: 1}\n",
                 "utf-8")
    b.write_text("title: b\nregion: us-east-1\nresources:\n  u: {kind: nothing}\n", "utf-8")
    proc = archdoc("diff", str(a), str(b))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert any(line.startswith(f"{a}:4:") for line in lines), lines
    assert any(line.startswith(f"{b}:4:") for line in lines), lines


def test_markdown_for_a_pull_request():
    proc = archdoc("diff", str(OLD), str(SEED), "--format", "markdown")
    assert proc.returncode == 1
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| - | resource")]
    assert any("| cdn |" in row for row in rows) and any("| cdn-cert |" in row for row in rows)
    assert "2 added, 5 removed, 4 changed." in proc.stdout


def test_build_since_lists_the_changes_in_the_reports_introduction(tmp_path):
    import docx

    out = tmp_path / "o"
    proc = archdoc("build", str(SEED), "-o", str(out), "--only", "report", "--since", str(OLD))
    assert proc.returncode == 0, proc.stderr
    texts = [p.text for p in docx.Document(str(out / "report.docx")).paragraphs]
    start = max(k for k, t in enumerate(texts) if t == "소개")
    end = max(k for k, t in enumerate(texts) if t == "아키텍처 구성도")
    intro = texts[start:end]
    assert f"{OLD}과 비교해 모델에서 달라진 점입니다 (archdoc diff):" in intro
    assert "제거: 리소스 CloudFront 배포 cdn" in intro
    assert "제거: 리소스 ACM 인증서 cdn-cert" in intro
    assert "변경: 리소스 Route 53 레코드 dns-record 별칭 대상: cdn → web-alb" in intro
    assert "변경: 문서 버전: 1.1 → 1.2" in intro
    # and drawn: the changes figure, numbered before the architecture's
    assert any(t.startswith("그림 1") and "이후의 변경" in t for t in intro), intro
    # a revision that does not exist: said at once, nothing written
    bad = archdoc("build", str(SEED), "-o", str(tmp_path / "none"), "--since", "nope:arch.yaml")
    assert bad.returncode == 2 and not (tmp_path / "none").exists()
    assert bad.stderr.startswith("archdoc: error: nope:arch.yaml: ")
