"""``archdoc diff OLD NEW``: what changed between two versions of a model, field by field.

Each side is a file or a git revision of one (``HEAD~1:arch.yaml``, read with ``git show``).
Both are validated first, so a change is a change of meaning, not of spelling (a reordered
mapping, a merge key, a default written out are no change). Resources are matched by id, flows
by their ends and label, sections by title and security claims by their text; every change says
where it is written in OLD and in NEW.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archdoc.errors import Location, UsageError
from archdoc.model import Architecture

# the document's own fields that are the architecture's words, compared like a resource's
DOCUMENT_FIELDS = ("title", "version", "region", "language", "summary", "figure_caption")


@dataclass(frozen=True)
class Change:
    what: str  # resource, flow, section, claim or document
    op: str  # added, removed or changed
    name: str  # the resource id, the flow, the section's title, the claim's text
    field: str = ""  # for a changed resource: the field's path, as the model writes it
    old: str = ""
    new: str = ""
    old_at: Location | None = None
    new_at: Location | None = None
    kind: str = ""  # the resource's kind

    def as_dict(self) -> dict[str, Any]:
        return {"what": self.what, "op": self.op, "name": self.name, "kind": self.kind,
                "field": self.field, "old": self.old, "new": self.new,
                "old_at": self.old_at.as_dict() if self.old_at else None,
                "new_at": self.new_at.as_dict() if self.new_at else None}


@dataclass(frozen=True)
class ModelDiff:
    old_name: str
    new_name: str
    changes: tuple[Change, ...]

    def counts(self) -> dict[str, int]:
        found = {"added": 0, "removed": 0, "changed": 0}
        for change in self.changes:
            found[change.op] += 1
        return found


def read_side(spec: str) -> tuple[bytes, str]:
    """The bytes of ``spec`` (a file, or ``REV:PATH`` of the git repository here) and its
    name for messages."""
    path = Path(spec)
    if path.is_file():
        return path.read_bytes(), spec
    revision, sep, file = spec.partition(":")
    if not sep or not revision or not file:
        raise UsageError(f"{spec}: no such file (a git revision is written REV:PATH, "
                         "e.g. HEAD~1:arch.yaml)")
    git = shutil.which("git")
    if git is None:
        raise UsageError(f"{spec}: reading a git revision needs git, which is not installed")
    try:
        proc = subprocess.run([git, "show", f"{revision}:{file}"], capture_output=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"{spec}: git could not be run: {exc}") from None
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"{spec}: {said[0] if said else 'git show failed'}")
    return proc.stdout, spec


def _flat(value: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """A model value as its leaves by path (lists by index, mappings by key)."""
    if isinstance(value, dict):
        found: dict[tuple[Any, ...], Any] = {}
        for key, item in value.items():
            found.update(_flat(item, (*path, key)))
        return found or {path: {}}
    if isinstance(value, list):
        found = {}
        for k, item in enumerate(value):
            found.update(_flat(item, (*path, k)))
        return found or {path: []}
    return {path: value}


def _field(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _shown(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return str(value).lower()
    if value in ([], {}):
        return "(none)"
    return str(value)


def _dump(model: Architecture, rid: str) -> dict[tuple[Any, ...], Any]:
    res = model.resources[rid]
    data = res.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data.pop("kind", None)
    return _flat(data)


def _named_at(model: Architecture, path: tuple[Any, ...]) -> Location | None:
    """Where the key naming ``path`` is written (a resource's id: the line a reader looks
    for)."""
    source = model.source
    return source.location(source.key(path)) if source is not None else None


def diff(old: Architecture, new: Architecture, old_name: str, new_name: str) -> ModelDiff:
    changes: list[Change] = []
    for name in DOCUMENT_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(Change("document", "changed", name, name, _shown(a), _shown(b),
                                  old.where((name,)), new.where((name,))))
    for rid in old.resources:
        if rid not in new.resources:
            changes.append(Change("resource", "removed", rid, old_at=_named_at(
                old, ("resources", rid)), kind=old.resources[rid].kind))
    for rid, res in new.resources.items():
        if rid not in old.resources:
            changes.append(Change("resource", "added", rid, new_at=_named_at(
                new, ("resources", rid)), kind=res.kind))
            continue
        before = old.resources[rid]
        if before.kind != res.kind:
            changes.append(Change("resource", "changed", rid, "kind", before.kind, res.kind,
                                  old.where(("resources", rid, "kind")),
                                  new.where(("resources", rid, "kind")), kind=res.kind))
            continue
        a, b = _dump(old, rid), _dump(new, rid)
        for path in sorted(set(a) | set(b), key=lambda p: [str(x) for x in p]):
            if a.get(path) != b.get(path):
                field = _field(path)
                changes.append(Change(
                    "resource", "changed", rid, field, _shown(a.get(path)),
                    _shown(b.get(path)), old.where(("resources", rid, *path)),
                    new.where(("resources", rid, *path)), kind=res.kind))
    changes += _flows(old, new)
    changes += _sections(old, new)
    return ModelDiff(old_name, new_name, tuple(changes))


def _flow_key(flow: Any) -> str:
    return f"{flow.from_} → {flow.to}: {flow.text}"


def _flows(old: Architecture, new: Architecture) -> list[Change]:
    a = {_flow_key(f): k for k, f in enumerate(old.flows)}
    b = {_flow_key(f): k for k, f in enumerate(new.flows)}
    found = [Change("flow", "removed", key, old_at=old.where(("flows", k)))
             for key, k in a.items() if key not in b]
    found += [Change("flow", "added", key, new_at=new.where(("flows", k)))
              for key, k in b.items() if key not in a]
    return found


def _sections(old: Architecture, new: Architecture) -> list[Change]:
    a = {s.title: k for k, s in enumerate(old.sections)}
    b = {s.title: k for k, s in enumerate(new.sections)}
    found: list[Change] = []
    for title, k in a.items():
        if title not in b:
            found.append(Change("section", "removed", title,
                                old_at=old.where(("sections", k))))
    for title, k in b.items():
        if title not in a:
            found.append(Change("section", "added", title, new_at=new.where(("sections", k))))
            continue
        before, after = old.sections[a[title]], new.sections[k]
        if before.resources != after.resources:
            found.append(Change("section", "changed", title, "resources",
                                ", ".join(before.resources), ", ".join(after.resources),
                                old.where(("sections", a[title], "resources")),
                                new.where(("sections", k, "resources"))))
        claims_a = {c.text: (j, c) for j, c in enumerate(before.security)}
        claims_b = {c.text: (j, c) for j, c in enumerate(after.security)}
        for text, (j, _) in claims_a.items():
            if text not in claims_b:
                found.append(Change("claim", "removed", text, old_at=old.where(
                    ("sections", a[title], "security", j))))
        for text, (j, claim) in claims_b.items():
            if text not in claims_a:
                found.append(Change("claim", "added", text, new_at=new.where(
                    ("sections", k, "security", j))))
            elif claims_a[text][1].checks != claim.checks:
                found.append(Change(
                    "claim", "changed", text, "checks", ", ".join(claims_a[text][1].checks),
                    ", ".join(claim.checks),
                    old.where(("sections", a[title], "security", claims_a[text][0])),
                    new.where(("sections", k, "security", j))))
    return found
