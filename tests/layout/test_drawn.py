"""A picture asked for twice is drawn once: the same DOT source and formats, one Graphviz run;
a failed drawing is not kept; a second thread waits for the first's drawing."""

from __future__ import annotations

import threading
import time

import pytest

from archdoc.layout import drawn
from archdoc.render import BuildContext


@pytest.fixture(autouse=True)
def nothing_kept():
    drawn.forget()
    yield
    drawn.forget()


def test_a_chapter_showing_everything_is_drawn_by_the_whole_figures_run(
        seed_model, graphviz_runs):
    everything = seed_model.model_copy(update={"sections": [
        seed_model.sections[0].model_copy(update={"resources": list(seed_model.resources)})]})
    ctx = BuildContext(everything)
    whole = ctx.figure
    assert len(graphviz_runs) == 1
    chapter = ctx.section_figures[0]
    assert len(graphviz_runs) == 1, "the same picture was drawn again"
    assert (chapter.png, chapter.svg) == (whole.png, whole.svg)
    ctx = BuildContext(seed_model)  # a different chapter: drawn
    _ = ctx.section_figures
    assert len(graphviz_runs) == 1 + len(seed_model.sections)


def test_other_formats_or_sources_are_drawn_and_failures_are_not_kept():
    calls: list[str] = []

    def draw(name):
        def run():
            calls.append(name)
            if name == "bad":
                raise RuntimeError("Graphviz failed")
            return {"png": name.encode()}
        return run

    assert drawn.drawn_once("a", ("png",), draw("a")) == {"png": b"a"}
    assert drawn.drawn_once("a", ("png",), draw("again")) == {"png": b"a"}
    assert drawn.drawn_once("a", ("svg",), draw("svg")) == {"png": b"svg"}
    for _ in range(2):
        with pytest.raises(RuntimeError):
            drawn.drawn_once("b", ("png",), draw("bad"))
    assert calls == ["a", "svg", "bad", "bad"]


def test_a_picture_being_drawn_is_waited_for(monkeypatch):
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow():
        calls.append(1)
        started.set()
        release.wait(10)
        return {"png": b"slow"}

    got: list[dict] = []
    first = threading.Thread(target=lambda: got.append(drawn.drawn_once("s", ("png",), slow)))
    first.start()
    started.wait(10)
    second = threading.Thread(target=lambda: got.append(drawn.drawn_once("s", ("png",), slow)))
    second.start()
    time.sleep(0.05)  # the second is waiting on the first, not drawing
    release.set()
    first.join(10)
    second.join(10)
    assert calls == [1] and got == [{"png": b"slow"}] * 2


def test_what_is_kept_is_bounded(monkeypatch):
    monkeypatch.setattr(drawn, "LIMIT", 10)
    for name in "abc":
        drawn.drawn_once(name, ("png",), lambda name=name: {"png": name.encode() * 4})
    calls: list[str] = []
    drawn.drawn_once("a", ("png",), lambda: calls.append("a") or {"png": b"aaaa"})
    assert calls == ["a"], "the oldest was not let go"
    drawn.drawn_once("c", ("png",), lambda: calls.append("c") or {"png": b"cccc"})
    assert calls == ["a"], "the newest was let go"
