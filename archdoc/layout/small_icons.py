"""Icons Graphviz draws small from small copies: a figure draws each 40 pt icon at 53 px
(96 dpi) or 20 px (a draft's 36 dpi), and Graphviz decoded and shrank the 256 px original
for every one of them in every picture (a third of a small figure's drawing, counted in
instructions).

A copy is 64 px square, made once by Graphviz itself (the same shrinking it did in every
picture) and kept, named by the original's path, size and time and by the Graphviz that made
it, in ``icons/`` of archdoc's derived data (``cache.derived_dir``: ``ARCHDOC_DERIVED=off``
draws from the originals always). It is not a build: ``ARCHDOC_CACHE=off`` leaves it on. The
copies are made before a figure's picture is drawn, so a first build draws what every later
one does.
The SVG keeps the originals: ``original`` maps a copy back (``render/svg.py`` embeds that).
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from archdoc import processes
from archdoc.cache import derived_dir

SIZE = 64  # pixels of a copy: used where a figure draws the icon at no more than this

_lock = threading.Lock()
_copies: dict[str, str | None] = {}  # original -> its copy (None: drawn from the original)
_originals: dict[str, str] = {}  # copy -> original


def folder() -> Path | None:
    """Where the copies are kept (None: not used)."""
    return derived_dir("icons")


def drawn(path: str, pixels: float) -> str:
    """The file Graphviz draws ``path`` from, where the figure draws it ``pixels`` wide: its
    copy when it has one (see ``prepare``) and it is drawn no wider than one, else itself."""
    if pixels > SIZE:
        return path
    return _copies.get(path) or path


def original(path: str) -> str:
    """The icon a copy was made from (any other path: itself)."""
    return _originals.get(path, path)


def prepare(paths: Iterable[str], pixels: float, binary: str) -> None:
    """Make (or find) the copies of ``paths`` a figure drawing them ``pixels`` wide uses,
    before it is drawn: one Graphviz run for all those not made yet."""
    if pixels > SIZE:
        return
    with _lock:
        wanted = [p for p in dict.fromkeys(paths) if p not in _copies]
        if not wanted:
            return
        root = folder()
        todo: dict[str, Path] = {}
        for path in wanted:
            target = _target(root, path, binary) if root is not None else None
            if target is None:
                _copies[path] = None
            elif target.is_file() and target.stat().st_size > 0:
                _keep(path, target)
            else:
                todo[path] = target
        if todo:
            _make(todo, binary)


def _keep(path: str, copy: Path) -> None:
    _copies[path] = str(copy)
    _originals[str(copy)] = path


def _target(root: Path, path: str, binary: str) -> Path | None:
    """Where the copy of ``path`` is kept; None for an icon drawn from itself (not a square
    PNG larger than a copy, or unreadable)."""
    try:
        size = _png_size(path)
        stat, tool = os.stat(path), os.stat(binary)
    except OSError:
        return None
    if size is None or size[0] != size[1] or size[0] <= SIZE:
        return None
    name = hashlib.sha256(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{SIZE}\0{binary}\0"
                          f"{tool.st_size}\0{tool.st_mtime_ns}".encode()).hexdigest()[:24]
    return root / f"{Path(path).stem}-{name}.png"


def _make(todo: dict[str, Path], binary: str) -> None:
    """Each icon of ``todo`` shrunk to its copy by Graphviz, in one run; a copy written whole
    (renamed into place) or not at all. Where none can be made, the originals are drawn."""
    root = next(iter(todo.values())).parent
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".new-", dir=root) as tmp:
            sources = []
            for k, path in enumerate(todo):
                source = Path(tmp, f"{k}.dot")
                source.write_text(_graph(path), encoding="utf-8")
                sources.append(str(source))
            done = processes.run([binary, "-Tpng", "-O", *sources], "Graphviz")
            for k, (path, target) in enumerate(todo.items()):
                made = Path(tmp, f"{k}.dot.png")
                if done.returncode == 0 and made.is_file() and _png_size(made) == (SIZE, SIZE):
                    os.replace(made, target)
                    _keep(path, target)
                else:
                    _copies[path] = None
    except OSError:  # a cache that cannot be written: the originals, as before
        for path in todo:
            _copies.setdefault(path, None)


def _graph(path: str) -> str:
    """A picture of the icon alone, ``SIZE`` pixels square, on a transparent ground."""
    inches = SIZE / 72
    quoted = path.replace("\\", "\\\\").replace('"', '\\"')
    return (f'digraph {{ graph [bgcolor=transparent pad=0 margin=0 dpi=72]; '
            f'node [shape=none label="" margin=0 fixedsize=true width={inches:.6f} '
            f'height={inches:.6f} imagescale=true image="{quoted}"]; icon }}\n')


def _png_size(png: str | Path) -> tuple[int, int] | None:
    """Width and height of a PNG, from its header (None: not a PNG)."""
    with open(png, "rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def forget() -> None:
    """Forget which copies this process uses (a test that changes ``ARCHDOC_DERIVED``); what
    each copy was made from stays known."""
    with _lock:
        _copies.clear()


__all__ = ["SIZE", "drawn", "folder", "forget", "original", "prepare"]
