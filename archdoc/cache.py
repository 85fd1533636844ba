"""A content-addressed cache of whole builds, so rebuilding an unchanged model costs almost
nothing (a docs repository rebuilds on every commit).

The key covers everything an output depends on: the model's bytes, the outputs asked for, the
options (the template's bytes too), archdoc's version and its code, and the Graphviz binary.
Entries live in ``$ARCHDOC_CACHE`` (default ``$XDG_CACHE_HOME/archdoc`` or ``~/.cache/archdoc``);
``ARCHDOC_CACHE=off`` turns the cache off. Only builds that succeeded are stored, so a model
found in the cache is one that validated with this very code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from archdoc import __version__

KEEP = 32  # entries kept; older ones are removed when a new one is stored


def cache_dir() -> Path | None:
    setting = os.environ.get("ARCHDOC_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "archdoc"


@cache
def _code_fingerprint() -> str:
    """A hash of archdoc's own files: a changed archdoc never reuses an old entry."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".txt"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    dot = shutil.which("dot")
    if dot:
        stat = Path(dot).resolve().stat()
        digest.update(f"{dot}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def key(model_bytes: bytes, selected: list[str], options: dict[str, Any]) -> str:
    parts = {
        "model": hashlib.sha256(model_bytes).hexdigest(),
        "outputs": selected,
        "pdf": bool(options.get("pdf")),
        "dpi": float(options.get("dpi", 96.0)),
        "template": hashlib.sha256(options["template_bytes"]).hexdigest()
        if options.get("template_bytes") else None,
        "code": _code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def load(entry: str) -> tuple[dict[str, bytes], list[str]] | None:
    """The files and notes of a stored build, or None."""
    root = cache_dir()
    if root is None:
        return None
    folder = root / entry
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files = {name: (folder / f"{i}.bin").read_bytes()
                 for i, name in enumerate(manifest["files"])}
        os.utime(folder)  # recently used: kept longest
        return files, list(manifest["notes"])
    except (OSError, ValueError, KeyError):
        return None


def store(entry: str, files: dict[str, bytes], notes: list[str]) -> None:
    """Keep a finished build; a cache that cannot be written is simply not used."""
    root = cache_dir()
    if root is None:
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".new-", dir=root) as tmp:
            for i, data in enumerate(files.values()):
                Path(tmp, f"{i}.bin").write_bytes(data)
            Path(tmp, "manifest.json").write_text(
                json.dumps({"files": list(files), "notes": notes}), encoding="utf-8")
            target = root / entry
            if not target.exists():
                os.rename(tmp, target)
                os.mkdir(tmp)  # for TemporaryDirectory to remove
        _prune(root)
    except OSError:
        pass


def _prune(root: Path) -> None:
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
