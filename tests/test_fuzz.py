"""A seeded run of the mutation fuzzer (``make fuzz`` runs ten thousand and more)."""

from __future__ import annotations

import pytest

from tests.fuzz import ROOT, check_one, fuzz, mutate


def test_the_fuzzer_tells_a_bug_from_a_located_error(monkeypatch):
    # a model that builds, and one that is refused with located errors: both fine
    assert check_one("title: t\nregion: us-east-1\nresources:\n  u: {kind: users}\n") is None
    assert check_one("title: t\nregion: us-east-1\nresources: [\n") is None
    # an internal error is caught
    from archdoc import cli

    def broken(args):
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.COMMANDS, "build", broken)
    assert check_one("title: t\n").startswith("exit 70: archdoc: internal error: RuntimeError")


def test_mutations_change_the_text_and_are_seeded():
    import random

    text = (ROOT / "arch.yaml").read_text(encoding="utf-8")
    first = [mutate(text, random.Random(7)) for _ in range(1)]
    assert first == [mutate(text, random.Random(7))]
    assert sum(mutate(text, random.Random(i)) != text for i in range(50)) >= 45


@pytest.mark.slow
def test_three_hundred_mutants_give_located_errors_or_clean_builds():
    failures, _ = fuzz(300, seed=20261128)
    assert not failures, "\n\n".join(f"{problem}\n{text[:1500]}" for text, problem in
                                    failures[:3])
