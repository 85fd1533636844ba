"""The command line's arguments: one function per command adds its parser, so that a run
builds only its own command's (``parser_for``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from archdoc import __version__
from archdoc.cli_import import add_discover_arguments, add_import_arguments
from archdoc.formats import choices_help, names

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:
    from typing import Any


def _dpi(value: str) -> float:
    """``--dpi``: a resolution Graphviz draws well and Word stores sensibly."""
    try:
        dpi = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 36 <= dpi <= 600:
        raise argparse.ArgumentTypeError(f"{value} is outside 36 to 600")
    return dpi


def parser_for(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, holding only that command's arguments: a
    run parses its own command's (the parser of every command, some 60 arguments, took 5.1 ms
    to build, the build command's alone 3.5 ms). Help and errors read the same either way."""
    parser = argparse.ArgumentParser(
        prog="archdoc",
        description="Architecture as code for AWS: render diagrams and reports from arch.yaml.",
        epilog="Exit codes: 0 ok, 1 findings, 2 invalid model or usage, 3 missing tool.",
    )
    parser.add_argument("--version", action="version", version=f"archdoc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in ARGUMENTS.items():
        if command is None or name == command:
            add(sub)
    return parser


def _validate_arguments(sub: Any) -> None:
    validate = sub.add_parser("validate", help="check the model and report every error")
    validate.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")


def _build_arguments(sub: Any) -> None:
    build = sub.add_parser("build", help="render the outputs into a folder")
    build.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")
    build.add_argument("-o", "--output", default="output", help="folder (default: ./output)")
    build.add_argument("--only", metavar="FORMATS",
                       help=f"comma-separated outputs to build: {choices_help('build')} "
                            "(default: all)")
    build.add_argument("--template", metavar="FILE.docx",
                       help="take the report's styles, page setup, headers and footers from "
                            "this Word document")
    build.add_argument("--dpi", type=_dpi, default=96.0, metavar="N",
                       help="resolution of the PNG figures, 36 to 600 (default: 96; 300 for "
                            "print)")
    build.add_argument("--pdf", action="store_true",
                       help="also write the report as PDF (needs LibreOffice)")
    build.add_argument("--allow-failing-claims", action="store_true",
                       help="write the report even when a security claim's rule fails (the "
                            "claim shows the failure)")
    build.add_argument("--since", metavar="OLD",
                       help="list in the report's introduction what changed since OLD (a model "
                            "file, or a git revision REV:PATH such as HEAD~1:arch.yaml)")
    build.add_argument("--verify-live", action="store_true",
                       help="check the model against the live account first (as `archdoc "
                            "drift`) and put the result into the report and diagram")
    _add_account_options(build)


def _drift_arguments(sub: Any) -> None:
    drift = sub.add_parser(
        "drift", help="compare the model with the live AWS account (read-only)",
        description="Read the account (read-only) and report, resource by resource, where it "
                    "differs from the model. Exit 0 in sync, 1 drift, 2 invalid model or "
                    "usage, 3 the account (or part of it) could not be read.")
    drift.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")
    _add_account_options(drift)
    drift.add_argument("--format", choices=names("drift"), default="table",
                       help=f"report format: {choices_help('drift')} (default: table)")
    drift.add_argument("-o", "--output", metavar="FILE",
                       help="write the report to FILE instead of standard output")
    drift.add_argument("--stats", action="store_true",
                       help="print API calls per service and wall time (to standard error)")


def _check_arguments(sub: Any) -> None:
    check = sub.add_parser(
        "check", help="evaluate the security rules on the model",
        description="Evaluate every security rule (AD-xxx) on the model. Exit 0 when none "
                    "fails, 1 when one fails, 2 for an invalid model.")
    check.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")
    check.add_argument("--format", choices=names("check"), default="table",
                       help=f"report format: {choices_help('check')} (default: table)")
    check.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    check.add_argument("--list", action="store_true", help="list the rules and exit")


def _diff_arguments(sub: Any) -> None:
    diff = sub.add_parser(
        "diff", help="what changed between two versions of a model",
        description="Compare two models (files, or git revisions written REV:PATH, e.g. "
                    "HEAD~1:arch.yaml): resources added, removed and changed field by field, "
                    "flows, sections and security claims, each located in both. Exit 0 when "
                    "they mean the same, 1 when they differ, 2 for an invalid model or usage.")
    diff.add_argument("old", help="the earlier model: FILE or REV:PATH")
    diff.add_argument("new", nargs="?", default="arch.yaml",
                      help="the later model (default: arch.yaml)")
    diff.add_argument("--format", choices=names("diff"), default="text",
                      help=f"report format: {choices_help('diff')} (default: text)")
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _schema_arguments(sub: Any) -> None:
    schema = sub.add_parser("schema", help="print the JSON Schema of arch.yaml")
    schema.add_argument("--markdown", action="store_true",
                        help="print the field reference of docs/model.md instead")


def _add_account_options(parser: argparse.ArgumentParser,
                         region: str = "region to read (default: the model's region)") -> None:
    group = parser.add_argument_group("AWS account (standard credential chain; AWS_ENDPOINT_URL "
                                      "is honoured)")
    group.add_argument("--profile", help="AWS profile to use")
    group.add_argument("--region", help=region)
    group.add_argument("--role-arn", metavar="ARN", help="assume this role first (read-only "
                                                         "access is enough)")


# each command's arguments, in the order the help lists them
ARGUMENTS: dict[str, Callable[[Any], None]] = {
    "validate": _validate_arguments, "build": _build_arguments, "drift": _drift_arguments,
    "check": _check_arguments, "diff": _diff_arguments, "import": add_import_arguments,
    "discover": lambda sub: add_discover_arguments(sub, _add_account_options),
    "schema": _schema_arguments}
