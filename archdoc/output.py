"""Write a build's files: all or nothing per file, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory``, each via a temporary file and rename.

    A file is either its old content or its complete new content at every moment; if writing
    fails, the temporary files are removed and the previous outputs stay as they were.
    """
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((name, Path(tmp)))
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for name, staged_path in staged:
            os.replace(staged_path, directory / name)
    finally:
        for _, staged_path in staged:
            if staged_path.exists():
                staged_path.unlink()
    return [directory / name for name in files]
