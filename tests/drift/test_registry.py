"""Every kind has one drift story, told in its entry: read by a service's reader, or not
read, with why."""

from __future__ import annotations

import importlib
import pkgutil

import archdoc.drift.readers
from archdoc.drift.reader import KindReader
from archdoc.drift.registry import collectors, not_read, read_operations, reader
from archdoc.kinds import KIND, REGISTRY, NotRead


def test_every_kind_is_read_or_says_why_not() -> None:
    for kind in REGISTRY:
        read, why = reader(kind.name), not_read(kind.name)
        assert (read is None) != (why is None), kind.name
        if why is not None:
            assert isinstance(kind.drift, NotRead) and why.reason.strip(), kind.name
        else:
            assert isinstance(read, KindReader), kind.name


def test_a_reader_module_holds_only_kinds_that_name_it() -> None:
    """No reader is orphaned: each kind a reader module lists names that module."""
    for info in pkgutil.iter_modules(archdoc.drift.readers.__path__):
        module = importlib.import_module(f"archdoc.drift.readers.{info.name}")
        assert module.READERS or isinstance(getattr(module, "READER", None), KindReader), \
            info.name
        for kind in module.READERS:
            assert KIND[kind].drift == info.name, (info.name, kind)


def test_each_reader_reads_through_a_collector_with_its_read_operations() -> None:
    allowed = read_operations()
    for kind in REGISTRY:
        read = reader(kind.name)
        if read is None:
            continue
        assert read.collector in collectors(), kind.name
        assert read.collector.OPERATIONS and read.service in allowed, kind.name
        assert callable(read.collector.collect), kind.name
        assert set(read.also_reads) <= set(allowed), kind.name
