"""Errors archdoc raises. Library code raises these; only ``cli.py`` turns them into exit codes."""

from __future__ import annotations

# typing is not imported at run time: every run imports this module, a cached rebuild too,
# and typing was a tenth of such a run's imports (mypy reads the NamedTuple forms below)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class _Location(NamedTuple):
        file: str
        line: int
        col: int

    class _Diagnostic(NamedTuple):
        location: Location
        message: str
        severity: str = "error"  # or "warning": allowed, said, and nothing stops
else:
    from collections import namedtuple

    _Location = namedtuple("Location", "file line col")
    _Diagnostic = namedtuple("Diagnostic", "location message severity", defaults=("error",))

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_ENVIRONMENT = 3


SHOWN_MAX = 60  # characters of a user's value echoed in a message


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal or a one-line message must not see (control
    characters, escape sequences, line and paragraph separators, lone surrogates) escaped."""
    return "".join(ch if ch.isprintable() else _escape_char(ch) for ch in text)


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A user's value as a message quotes it: escaped, on one line, at most ``limit`` chars."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, choices: list[str]) -> str:
    """"; did you mean 'x'?" for the closest choice (or one ``word`` is a prefix of), or ""."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:1]
    return f"; did you mean '{close[0]}'?" if close else ""


class Location(_Location):
    """Where something was written: ``file:line:col`` (1-based), as a compiler says it. The one
    value every diagnostic, rule result and drift finding is located by. (Named tuples, not
    dataclasses: this module is imported by every run, a cached rebuild's too, and the
    dataclasses module and its imports were a tenth of such a run.)"""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def as_dict(self) -> dict[str, str | int]:
        """As the JSON formats write it."""
        return {"file": self.file, "line": self.line, "col": self.col}


class Diagnostic(_Diagnostic):
    """One problem in an input file, located like a compiler error."""

    __slots__ = ()

    def __str__(self) -> str:
        # one line whatever the input held: no newline, escape sequence or control character
        return f"{printable(str(self.location))}: {self.severity}: {printable(self.message)}"


class ArchdocError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = EXIT_ENVIRONMENT


class ModelError(ArchdocError):
    """The model is invalid. Carries every diagnostic found, sorted by position."""

    exit_code = EXIT_INVALID

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(ArchdocError):
    """Bad command-line use (unknown format, missing file)."""

    exit_code = EXIT_INVALID


class ToolMissingError(ArchdocError):
    """An external program archdoc needs (Graphviz, LibreOffice) is not installed."""

    exit_code = EXIT_ENVIRONMENT


class OutputError(ArchdocError):
    """The outputs cannot be written (a file in the way, no permission, disk full)."""

    exit_code = EXIT_ENVIRONMENT


class ClaimsFailed(ArchdocError):
    """A security claim of the report is contradicted by its rules: the report is not written."""

    exit_code = EXIT_FINDINGS
