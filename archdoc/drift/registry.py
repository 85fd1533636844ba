"""Each kind's drift entry, found through its entry in the kind registry.

A kind's ``drift`` (``archdoc.kinds``) names the module of ``archdoc.drift.readers`` that holds
its :class:`KindReader`, or is a :class:`~archdoc.kinds.NotRead` saying why it is not read.
The collectors, and the read operations they may call, follow from the readers.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from archdoc.aws.session import STS_OPERATIONS
from archdoc.drift.reader import KindReader
from archdoc.kinds import REGISTRY, NotRead, kind_of


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"archdoc.drift.readers.{name}")


def reader(kind: str) -> KindReader | None:
    """The kind's reader; None for a kind that is not read (``not_read`` says why). A type
    without a first-class kind is read by its module's one ``READER`` (the tagging API)."""
    entry = kind_of(kind).drift
    if isinstance(entry, NotRead):
        return None
    module = _module(entry)
    found: KindReader = module.READERS.get(kind) or module.READER
    return found


def not_read(kind: str) -> NotRead | None:
    entry = kind_of(kind).drift
    return entry if isinstance(entry, NotRead) else None


@cache
def collectors() -> tuple[ModuleType, ...]:
    """The collector of every service some kind is read through, each once."""
    found: dict[str, ModuleType] = {}
    for kind in REGISTRY:
        read = reader(kind.name)
        if read is not None:
            found.setdefault(read.service, read.collector)
    generic = _module("tagging").READER  # every CloudFormation type without a kind
    found.setdefault(generic.service, generic.collector)
    return tuple(found.values())


def read_operations() -> dict[str, frozenset[str]]:
    """Every operation archdoc may call, by service: the allow-list its clients enforce."""
    return {"sts": STS_OPERATIONS, **{c.SERVICE: c.OPERATIONS for c in collectors()}}
