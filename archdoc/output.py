"""Write a build's files: the whole set or nothing, never a half-written file.

Every file is first written beside its target under a hidden temporary name. Only when all are
written are they renamed into place; an old file is kept aside until the whole set is in, so a
failed rename puts back the files already replaced. The folder holds the complete old set or the
complete new set, and no temporary file survives an exit Python sees.

The switch itself (the renames) runs with SIGINT, SIGTERM and SIGHUP held back: a Ctrl-C during
it takes effect when the new set is complete. Before the first rename a journal
(``.archdoc-switch.json``) lists every rename; a process killed outright (SIGKILL, power loss)
in the middle leaves it, and the next write into the folder finishes the switch from it (every
new file is complete on disk before the journal is written), then removes what was set aside.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archdoc.errors import OutputError

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for the file size limit",
    errno.EROFS: "read-only file system",
    errno.ENAMETOOLONG: "file name too long",
}


def reason(exc: OSError) -> str:
    """An OSError in a few plain words."""
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_folder(directory: Path) -> None:
    """Refuse an output path that cannot be a folder, before anything is rendered."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"output path '{directory}' is a file, not a folder")
    parent = directory
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"output path '{directory}' is inside '{parent}', which is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to '{parent}': permission denied")


def _unchanged(targets: dict[str, Path], files: dict[str, bytes]) -> bool:
    """Every file is in place already, a plain file with exactly these bytes."""
    for name, target in targets.items():
        try:
            if target.is_symlink() or target.stat().st_size != len(files[name]) \
                    or target.read_bytes() != files[name]:
                return False
        except OSError:
            return False
    return True


def write_outputs(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory`` as one set; see the module's doc."""
    check_folder(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder '{directory}': {reason(exc)}") \
            from None
    targets = {name: directory / name for name in files}
    for target in targets.values():
        if target.is_dir():
            raise OutputError(f"cannot write {target}: a folder of that name is in the way")
    finish_switch(directory)  # a switch a killed run left half done
    _remove_strays(directory)
    if _unchanged(targets, files):  # the folder holds this very set (a rebuild): touched only
        for target in targets.values():
            os.utime(target)  # as new as a written file, for tools that compare times
        return list(targets.values())
    import tempfile  # only now: a rebuild that finds its outputs in place needs none

    staged: dict[str, Path] = {}
    kept: dict[str, Path] = {}  # old files set aside until the whole new set is in place
    done: list[str] = []
    journal = directory / JOURNAL
    try:
        for name, data in files.items():
            target = targets[name]
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                           dir=target.parent)
                staged[name] = Path(tmp)
                os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {reason(exc)}") from None
        asides = {name: target.with_name(f".{target.name}.{os.urandom(6).hex()}.old")
                  for name, target in targets.items()}
        with _signals_held():
            _write_journal(journal, directory, [
                (staged[name], targets[name], asides[name]) for name in files])
            for name, target in targets.items():
                try:
                    if target.exists():
                        os.replace(target, asides[name])
                        kept[name] = asides[name]
                    os.replace(staged[name], target)
                    del staged[name]
                    done.append(name)
                except OSError as exc:
                    _roll_back(targets, kept, done)
                    raise OutputError(f"cannot replace {target}: {reason(exc)}; the previous "
                                      "outputs are back in place") from None
            for aside in kept.values():  # the switch is done: the old set goes, then the journal
                aside.unlink(missing_ok=True)
            kept.clear()
            journal.unlink(missing_ok=True)
    finally:
        for path in list(staged.values()) + list(kept.values()):
            try:
                path.unlink()
            except OSError:
                pass
        try:
            journal.unlink()
        except OSError:
            pass
    return [targets[name] for name in files]


def _roll_back(targets: dict[str, Path], kept: dict[str, Path], done: list[str]) -> None:
    """Put back every old file set aside, and remove new files that had none before."""
    for name in reversed(done):
        try:
            targets[name].unlink()
        except OSError:
            pass
    for name, aside in list(kept.items()):
        try:
            os.replace(aside, targets[name])
            del kept[name]
        except OSError:
            pass


JOURNAL = ".archdoc-switch.json"
# what a run killed before its switch leaves: files staged (mkstemp's 8 characters), old files
# set aside (12 hex digits), a journal not yet renamed; names no user file has
_STRAY = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp|\..+\.[0-9a-f]{12}\.old|\.archdoc-switch\.\w{8}")


def _remove_strays(directory: Path, depth: int = 3) -> None:
    """Such leftovers in ``directory`` and its folders ``depth`` levels down."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for path in entries:
        if path.is_symlink():
            continue
        if path.is_dir() and depth > 0:
            _remove_strays(path, depth - 1)
        elif _STRAY.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)


_switching = 0  # > 0 while a switch runs: signal handlers defer (``defer_signal``)
_deferred: list[int] = []


def defer_signal(signum: int) -> bool:
    """For a signal handler: True (and the signal kept for later) while outputs are being
    switched; the switch delivers it again when the new set is complete."""
    if _switching:
        _deferred.append(signum)
        return True
    return False


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block ends (then act as usual): blocked in
    this thread, and deferred by handlers that ask ``defer_signal`` (another thread may be
    the one the kernel hands a signal to; Python runs its handler here all the same)."""
    global _switching
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    masked = hasattr(signal, "pthread_sigmask")
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held) if masked else set()
    _switching += 1
    try:
        yield
    finally:
        _switching -= 1
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a blocked one arrives now
        if not _switching and _deferred:
            pending = _deferred[0]
            _deferred.clear()
            signal.raise_signal(pending)


def _write_journal(journal: Path, directory: Path,
                   moves: list[tuple[Path, Path, Path]]) -> None:
    def rel(path: Path) -> str:  # mkstemp's names are absolute, the folder may be relative
        return os.path.relpath(os.path.abspath(path), os.path.abspath(directory))

    import tempfile

    entries = [{"staged": rel(a), "target": rel(b), "aside": rel(c)} for a, b, c in moves]
    fd, tmp = tempfile.mkstemp(prefix=".archdoc-switch.", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"moves": entries}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, journal)


def finish_switch(directory: Path) -> bool:
    """Complete the switch a killed run left in ``directory`` (from its journal): every staged
    file renamed into place, what was set aside removed. Returns whether there was one."""
    journal = directory / JOURNAL
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
    except (OSError, ValueError, KeyError, TypeError):
        if journal.exists():
            journal.unlink(missing_ok=True)  # not one archdoc finished writing: nothing moved
        return False
    root = directory.resolve()
    for move in moves if isinstance(moves, list) else []:
        try:
            staged, target, aside = (directory / move[k] for k in ("staged", "target", "aside"))
        except (KeyError, TypeError):
            continue
        if not all(root in p.resolve().parents for p in (staged, target, aside)):
            continue  # never outside the folder, whatever the journal says
        try:
            if staged.is_file() and not staged.is_symlink():
                os.replace(staged, target)
            aside.unlink(missing_ok=True)
        except OSError:
            pass
    journal.unlink(missing_ok=True)
    return True
