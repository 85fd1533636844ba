"""Errors archdoc raises. Library code raises these; only ``cli.py`` turns them into exit codes."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_ENVIRONMENT = 3


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in an input file, located like a compiler error."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error: {self.message}"


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
