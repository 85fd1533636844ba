"""Every format archdoc writes, one :class:`Format` value each, by what it formats.

``build`` outputs turn the build's context into files; ``drift``, ``check`` and ``diff``
formats turn a report (a :class:`~archdoc.drift.findings.DriftReport`, a
:class:`~archdoc.checks.rule.CheckReport`, a :class:`~archdoc.diff.ModelDiff`) into text.
The CLI's choices and help come from here, and naming a format costs no import: its module is
loaded when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# (typing only for mypy: see archdoc.errors)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple

    Subject = Literal["build", "drift", "check", "diff"]

    class _Format(NamedTuple):
        name: str
        of: Subject  # what it formats
        loader: str  # "module:function" of the formatter
        help: str
else:
    from collections import namedtuple

    _Format = namedtuple("Format", "name of loader help")


class Format(_Format):
    __slots__ = ()

    def load(self) -> Callable[..., Any]:
        """The formatter: ``(context) -> {file name: bytes}`` for a build output,
        ``(report, color) -> text`` for a drift or check format."""
        module, function = self.loader.split(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return found


FORMATS: tuple[Format, ...] = (  # build outputs in build order
    Format("diagram", "build", "archdoc.render.diagram:render_diagram",
           "architecture.png and architecture.svg"),
    Format("drawio", "build", "archdoc.render.drawio:render_drawio", "architecture.drawio"),
    Format("report", "build", "archdoc.render.report:render_report", "the Word report"),
    Format("site", "build", "archdoc.render.site:render_site", "the docs site's pages"),
    Format("table", "drift", "archdoc.drift.format_table:render", "a table for the terminal"),
    Format("json", "drift", "archdoc.drift.format_json:render", "versioned JSON"),
    Format("markdown", "drift", "archdoc.drift.format_markdown:render",
           "Markdown, for a pull-request comment"),
    Format("table", "check", "archdoc.checks.format_table:render", "a table for the terminal"),
    Format("json", "check", "archdoc.checks.format_json:render", "versioned JSON"),
    Format("sarif", "check", "archdoc.checks.format_sarif:render",
           "SARIF 2.1.0, for code scanning"),
    Format("text", "diff", "archdoc.diff_format:text", "a list for the terminal"),
    Format("markdown", "diff", "archdoc.diff_format:markdown",
           "a table, for a pull-request comment"),
    Format("json", "diff", "archdoc.diff_format:json_format", "versioned JSON"),
)


def names(of: Subject) -> list[str]:
    """The names of the formats of ``of``, in order."""
    return [f.name for f in FORMATS if f.of == of]


def get(of: Subject, name: str) -> Format:
    return next(f for f in FORMATS if f.of == of and f.name == name)


def choices_help(of: Subject) -> str:
    """``name`` (what it is), ... for a command's help."""
    return ", ".join(f"{f.name} ({f.help})" for f in FORMATS if f.of == of)
