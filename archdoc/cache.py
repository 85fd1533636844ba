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
from functools import cache
from pathlib import Path

from archdoc import __version__

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:
    from typing import Any

KEEP = 32  # entries kept; older ones are removed when a new one is stored
MAX_MB = 500.0  # ... and the megabytes they may take together (``ARCHDOC_CACHE_MB``)
FORMAT = 2  # of manifest.json: every file with its name and its content's hash


def user_folder(variable: str, name: str) -> Path | None:
    """The folder ``$variable`` names (None when it says ``off``), by default ``name`` in the
    user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    setting = os.environ.get(variable, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / name


def cache_dir() -> Path | None:
    return user_folder("ARCHDOC_CACHE", "archdoc")


def derived_dir(part: str) -> Path | None:
    """Where derived data of ``part`` is kept (the icons' small copies, the site templates'
    compiled code): made once per machine, like bytecode, and so not a build; in
    ``$ARCHDOC_DERIVED`` (default ``$XDG_CACHE_HOME/archdoc-derived``; ``off``: made again
    in every process, or not used)."""
    root = user_folder("ARCHDOC_DERIVED", "archdoc-derived")
    return root / part if root is not None else None


@cache
def _code_fingerprint() -> str:
    """A hash of archdoc's own files: a changed archdoc never reuses an old entry. Reading
    them all is most of a cached rebuild's time, so the hash is kept beside the entries under
    the files' names, sizes, times and inodes, and read again only when one of those changes."""
    root = os.path.dirname(os.path.realpath(__file__))
    names = sorted(_own_files(root, ""))  # (strings: Path objects were a third of the time)
    dot = shutil.which("dot")
    graphviz = ""
    if dot:
        stat = Path(dot).resolve().stat()
        graphviz = f"{dot}:{stat.st_size}:{stat.st_mtime_ns}"
    signature = hashlib.sha256(f"{__version__}\n{graphviz}\n".encode())
    for name in names:
        stat = os.stat(os.path.join(root, name))
        signature.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}\n".encode())
    folder = cache_dir()
    memo = folder / "code.json" if folder else None
    try:
        known = json.loads(memo.read_text("utf-8")) if memo else {}
    except (OSError, ValueError):
        known = {}
    if isinstance(known, dict) and isinstance(known.get(signature.hexdigest()), str):
        return str(known[signature.hexdigest()])
    digest = hashlib.sha256(__version__.encode())
    for name in names:
        digest.update(name.encode())
        with open(os.path.join(root, name), "rb") as handle:
            digest.update(handle.read())
    if graphviz:
        digest.update(graphviz.encode())
    found = digest.hexdigest()
    if memo is not None:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # (a rebuild that finds the hash needs none)

            fd, tmp = tempfile.mkstemp(prefix=".code.", dir=memo.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({signature.hexdigest(): found}, handle)
            os.replace(tmp, memo)
        except OSError:
            pass  # a read-only cache: the hash is computed again next time
    return found


_OWN = (".py", ".yaml", ".txt", ".c", ".so")  # archdoc's code, data and compiled search


def _own_files(root: str, under: str) -> list[str]:
    """archdoc's own files in ``under`` (relative to ``root``), by name (no stat of every
    file, no bytecode folders: those held as many files as the code, and a rebuild stat'ed
    each)."""
    found = []
    with os.scandir(os.path.join(root, under)) as entries:
        for entry in entries:
            name = os.path.join(under, entry.name)
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found += _own_files(root, name)
            elif entry.name.endswith(_OWN) and entry.is_file():
                found.append(name)
    return found


def key(model_bytes: bytes, selected: list[str], options: dict[str, Any]) -> str:
    parts = {
        "model": hashlib.sha256(model_bytes).hexdigest(),
        "outputs": selected,
        "pdf": bool(options.get("pdf")),
        "dpi": float(options.get("dpi", 96.0)),
        "template": hashlib.sha256(options["template_bytes"]).hexdigest()
        if options.get("template_bytes") else None,
        "since": hashlib.sha256(options["since_bytes"]).hexdigest()
        if options.get("since_bytes") is not None else None,
        "code": _code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class Miss(Exception):
    """A cache entry that is not what archdoc stored: not used (the build runs instead)."""


def safe_name(name: object) -> bool:
    """An output's name as a build writes it: a relative POSIX path of plain names, inside
    the output folder (no ``..``, no absolute path, no backslash, no empty part)."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))  # "/x" has an empty part


def _read(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    manifest_path = folder / "manifest.json"
    if manifest_path.is_symlink() or not manifest_path.is_file():
        raise Miss("no manifest")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("version") != FORMAT:
        raise Miss("a manifest of another shape")
    entries, notes = manifest.get("files"), manifest.get("notes")
    if not isinstance(entries, list) or not isinstance(notes, list) or \
            not all(isinstance(n, str) for n in notes):
        raise Miss("a manifest of another shape")
    files: dict[str, bytes] = {}
    for i, item in enumerate(entries):
        if not isinstance(item, dict) or not safe_name(item.get("name")) or \
                not isinstance(item.get("sha256"), str):
            raise Miss(f"file {i} of the manifest has no plain name or no hash")
        blob = folder / f"{i}.bin"
        if blob.is_symlink() or not blob.is_file():  # a link could serve any file
            raise Miss(f"{blob.name} is not a plain file")
        data = blob.read_bytes()
        if hashlib.sha256(data).hexdigest() != item["sha256"]:
            raise Miss(f"{item['name']} does not match its hash")
        if item["name"] in files:
            raise Miss(f"{item['name']} appears twice")
        files[item["name"]] = data
    return files, notes


def load(entry: str, warnings: list[str] | None = None
         ) -> tuple[dict[str, bytes], list[str]] | None:
    """The files and notes of a stored build, each file checked against the hash stored with
    it, or None. An entry that is not what archdoc stored (changed bytes, links, names
    outside the output folder, another manifest) is a miss, said in ``warnings``."""
    root = cache_dir()
    if root is None:
        return None
    folder = root / entry
    if not folder.exists():
        return None
    try:
        if folder.is_symlink() or not folder.is_dir():
            raise Miss("not a folder")
        found = _read(folder)
        os.utime(folder)  # recently used: kept longest
        return found
    except Miss as exc:
        reason = str(exc)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        reason = f"unreadable ({type(exc).__name__})"
    if warnings is not None:
        warnings.append(f"cache entry {folder} not used: {reason}; building instead")
    return None


def store(entry: str, files: dict[str, bytes], notes: list[str]) -> None:
    """Keep a finished build, written beside the others and renamed into place whole; a cache
    that cannot be written is simply not used."""
    root = cache_dir()
    if root is None:
        return
    import tempfile  # (only a build that stores an entry needs it, not a rebuild)

    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".new-", dir=root) as tmp:
            listed = []
            for i, (name, data) in enumerate(files.items()):
                Path(tmp, f"{i}.bin").write_bytes(data)
                listed.append({"name": name, "sha256": hashlib.sha256(data).hexdigest()})
            Path(tmp, "manifest.json").write_text(
                json.dumps({"version": FORMAT, "files": listed, "notes": notes}),
                encoding="utf-8")
            target = root / entry
            if target.is_symlink() or target.exists():
                _remove(target)  # stored only after a miss: what is there is damaged
            if not target.exists():
                os.rename(tmp, target)
                os.mkdir(tmp)  # for TemporaryDirectory to remove
        _prune(root)
    except OSError:
        pass


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _prune(root: Path) -> None:
    """At most ``KEEP`` entries and ``ARCHDOC_CACHE_MB`` (default 500) megabytes: the least
    recently used go first."""
    limit = float(os.environ.get("ARCHDOC_CACHE_MB", "") or MAX_MB) * 1e6
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.is_symlink()
                      and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    total = 0.0
    for k, folder in enumerate(entries):
        total += sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        if k >= KEEP or (k > 0 and total > limit):
            shutil.rmtree(folder, ignore_errors=True)
