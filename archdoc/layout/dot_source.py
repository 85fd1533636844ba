"""DOT source text: graphs, clusters, nodes and edges as Graphviz reads them.

archdoc writes its DOT itself rather than through the ``graphviz`` package: that package
(with its process-running half, which archdoc does not use) cost every drawing process
several milliseconds to import. The text is the one that package writes for the same calls
(``tests/layout/test_dot_source.py`` holds the two to each other): a statement per line,
attributes sorted by name, and identifiers quoted only where the DOT language needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

# https://graphviz.org/doc/info/lang.html: an ID is a name, a number, a quoted string or an
# HTML string (``<...>``, left as it is)
_HTML = re.compile(r"<.*>$", re.DOTALL)
_PLAIN_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
# a quote, escaped or not (after any number of escaped backslashes), is written escaped
_QUOTE = re.compile(r'(?P<backslashes>(?:\\{2})*)\\?(?P<quote>")')


def quote(identifier: str) -> str:
    """``identifier`` as a DOT ID: HTML strings and plain names or numbers as they are,
    anything else (keywords too) in double quotes, its quotes escaped."""
    if _HTML.match(identifier):
        return identifier
    if not _PLAIN_ID.match(identifier) or identifier.lower() in _KEYWORDS:
        return '"' + _QUOTE.sub(r'\g<backslashes>\\\g<quote>', identifier) + '"'
    return identifier


def _a_list(label: str | None, attrs: dict[str, str]) -> str:
    """``label=... name=value ...``: the label first, then by name."""
    items = [f"label={quote(label)}"] if label is not None else []
    items += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return " ".join(items)


def _attributes(label: str | None, attrs: dict[str, str]) -> str:
    """`` [label=... name=value ...]`` after a statement (nothing when there are none)."""
    a_list = _a_list(label, attrs)
    return f" [{a_list}]" if a_list else ""


class DotGraph:
    """A directed graph's DOT source, statement by statement (``body``: one line each)."""

    def __init__(self, name: str | None = None):
        self.name = name
        self.body: list[str] = []

    def attr(self, kw: str | None = None, **attrs: str) -> None:
        """Attributes of the graph itself (``kw`` None) or of every ``node`` or ``edge``."""
        if not attrs:
            return
        if kw is None:  # a statement of its own: ``name=value ...``
            self.body.append(f"\t{_a_list(None, attrs)}\n")
        else:
            self.body.append(f"\t{kw}{_attributes(None, attrs)}\n")

    def node(self, name: str, label: str | None = None, **attrs: str) -> None:
        self.body.append(f"\t{quote(name)}{_attributes(label, attrs)}\n")

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str) -> None:
        """An edge between two nodes (archdoc names no ports)."""
        self.body.append(f"\t{quote(tail)} -> {quote(head)}{_attributes(label, attrs)}\n")

    @contextmanager
    def subgraph(self, name: str) -> Iterator[DotGraph]:
        """A subgraph (a cluster when ``name`` starts with ``cluster``), added on leaving
        the ``with`` block."""
        inner = DotGraph(name)
        yield inner
        self.body += [f"\t{line}" for line in inner._lines("subgraph ")]

    def _lines(self, head: str) -> Iterator[str]:
        yield f"{head}{quote(self.name) + ' ' if self.name else ''}{{\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        return "".join(self._lines("digraph "))
