"""Write a build's files: the whole set or nothing, never a half-written file.

Every file is first written beside its target under a hidden temporary name. Only when all are
written are they renamed into place; an old file is kept aside until the whole set is in, so a
failed rename puts back the files already replaced. The folder holds the complete old set or the
complete new set, and no temporary file survives an exit Python sees.
"""

from __future__ import annotations

import errno
import os
import secrets
import tempfile
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
    staged: dict[str, Path] = {}
    kept: dict[str, Path] = {}  # old files set aside until the whole new set is in place
    done: list[str] = []
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
        for name, target in targets.items():
            try:
                if target.exists():
                    aside = target.with_name(f".{target.name}.{secrets.token_hex(6)}.old")
                    os.replace(target, aside)
                    kept[name] = aside
                os.replace(staged[name], target)
                del staged[name]
                done.append(name)
            except OSError as exc:
                _roll_back(targets, kept, done)
                raise OutputError(f"cannot replace {target}: {reason(exc)}; the previous "
                                  "outputs are back in place") from None
    finally:
        for path in list(staged.values()) + list(kept.values()):
            try:
                path.unlink()
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
