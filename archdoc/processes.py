"""Child processes (Graphviz, LibreOffice) that can always be stopped, and the stop itself.

Each child runs in its own process group, with a timeout. A Ctrl-C or SIGTERM sent to archdoc
kills every running child group at once (Graphviz can deadlock in its own SIGINT handler, so it
is never left to handle the signal itself) and marks the run as stopping; nothing is raised
where the signal happened to land. Each thread stops at its next :func:`checkpoint` (between
flows, resources, rules, chapters, outputs) or when its child dies, and unwinds normally,
removing its temporary folders.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Sequence

from archdoc.errors import ToolMissingError

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:  # (imported where a child is run: a cached rebuild runs none)
    import subprocess

_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()  # (the signal handler never takes it: see kill_all)
_stopping = threading.Event()  # set on Ctrl-C or SIGTERM: no new child may start


def timeout_seconds() -> float:
    """How long one Graphviz or LibreOffice run may take (``ARCHDOC_TIMEOUT``, default 600)."""
    try:
        return max(1.0, float(os.environ.get("ARCHDOC_TIMEOUT", "600")))
    except ValueError:
        return 600.0


class Stopped(BaseException):
    """A signal asked archdoc to stop; raised at the next checkpoint (not an ``Exception``:
    no ``except Exception`` on the way may take it for a failure and carry on)."""


def checkpoint() -> None:
    """Stop here if a signal asked archdoc to (cheap: called between units of work)."""
    if _stopping.is_set():
        raise Stopped()


def kill_all() -> None:
    """Kill every running child's process group and start no more. Safe in a signal handler:
    it takes no lock (a copy of the set is one step under the GIL)."""
    _stopping.set()
    children = tuple(_running)
    for child in children:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def run(args: Sequence[str], what: str, timeout: float | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    """Run ``args`` to the end and return its result; ``what`` names the tool in errors."""
    import subprocess

    limit = timeout_seconds() if timeout is None else timeout
    if _stopping.is_set():  # a figure still queued when the user stopped the build
        raise Stopped()
    try:
        child = subprocess.Popen(list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise ToolMissingError(f"cannot start {what}: {exc.strerror or exc}") from None
    with _lock:
        _running.add(child)
    if _stopping.is_set():  # stopped between the check above and now
        _kill(child)
        with _lock:
            _running.discard(child)
        raise Stopped()
    try:
        out, err = child.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(child)
        raise ToolMissingError(f"{what} did not finish within {limit:g} s (set ARCHDOC_TIMEOUT "
                               "to allow longer)") from None
    except BaseException:  # interrupted: never leave the child behind
        _kill(child)
        raise
    finally:
        with _lock:
            _running.discard(child)
    checkpoint()  # killed by the stop: not a failure of the tool
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.communicate()
