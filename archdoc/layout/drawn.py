"""Pictures drawn once: the same DOT source in the same formats is the same bytes, so a
figure asked for twice (a chapter that shows the whole architecture, and its details) is
drawn by one Graphviz run.

Kept for the process, newest last, up to ``LIMIT`` bytes of pictures; a source being drawn
when another thread asks for it is waited for, not drawn again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future

LIMIT = 64 << 20  # bytes of pictures kept

_lock = threading.Lock()
_kept: OrderedDict[bytes, Future[dict[str, bytes]]] = OrderedDict()
_sizes: dict[bytes, int] = {}


def drawn_once(source: str, formats: tuple[str, ...],
               draw: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
    """``draw()``'s pictures of ``source`` in ``formats``, drawn the first time only."""
    key = hashlib.sha256("\0".join((*formats, source)).encode("utf-8")).digest()
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        else:
            mine: Future[dict[str, bytes]] = Future()
            _kept[key] = mine
    if found is not None:
        return found.result()
    try:
        pictures = draw()
    except BaseException as exc:  # not kept: the next one asking draws it again
        with _lock:
            _kept.pop(key, None)
        mine.set_exception(exc)
        raise
    mine.set_result(pictures)
    with _lock:
        if key in _kept:
            _sizes[key] = sum(len(b) for b in pictures.values())
        while _kept and sum(_sizes.values()) > LIMIT:
            old, _ = _kept.popitem(last=False)
            _sizes.pop(old, None)
    return pictures


def forget() -> None:
    """Drop every kept picture (tests that count Graphviz runs start from none)."""
    with _lock:
        _kept.clear()
        _sizes.clear()
