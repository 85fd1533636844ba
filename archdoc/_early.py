"""The command's entry point: signal handlers first, then the imports.

A Ctrl-C or SIGTERM that arrives while Python imports archdoc (before the CLI's own handlers
exist) would otherwise print a traceback from whatever module was loading. These handlers only
note the signal (no imports, no locks); the CLI, once loaded, acts on it at once.
"""

from __future__ import annotations

import gc
import signal

arrived: list[int] = []  # signals that came before the CLI's handlers


def _note(signum: int, frame: object) -> None:
    arrived.append(signum)


def main() -> int:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _note)
    from archdoc.cli import finish  # the heavy part
    from archdoc.cli import main as run

    # The cyclic garbage collector, tuned for one short run: what the imports made lives as
    # long as the process, so it is never scanned again (freeze), and a collection waits for
    # 50,000 new objects, not 700. A 10,000-resource build spent 2.5 s of its 26 in it
    # (1,555 collections) and its peak memory is the same either way.
    gc.freeze()
    gc.set_threshold(50_000, 20, 50)

    # the run's exit, without the interpreter's finalization: it puts the default handlers
    # back first, and a signal in that last moment would kill a finished run
    return finish(run(early=arrived))
