"""Command line: parse arguments, run one command, turn errors into exit codes.

Exit codes: 0 success, 1 findings (drift, failed checks), 2 invalid model or usage,
3 environment problem (a tool such as Graphviz missing, an output that cannot be written),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from archdoc import __version__, output, processes
from archdoc.cli_import import add_import_commands, run_import
from archdoc.errors import (
    EXIT_ENVIRONMENT,
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    ArchdocError,
    ModelError,
    UsageError,
    printable,
    shown,
)
from archdoc.formats import choices_help, names
from archdoc.output import reason

if TYPE_CHECKING:
    from archdoc.drift.findings import DriftReport
    from archdoc.model import Architecture


def _dpi(value: str) -> float:
    """``--dpi``: a resolution Graphviz draws well and Word stores sensibly."""
    try:
        dpi = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 36 <= dpi <= 600:
        raise argparse.ArgumentTypeError(f"{value} is outside 36 to 600")
    return dpi


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archdoc",
        description="Architecture as code for AWS: render diagrams and reports from arch.yaml.",
        epilog="Exit codes: 0 ok, 1 findings, 2 invalid model or usage, 3 missing tool.",
    )
    parser.add_argument("--version", action="version", version=f"archdoc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check the model and report every error")
    validate.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")

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

    check = sub.add_parser(
        "check", help="evaluate the security rules on the model",
        description="Evaluate every security rule (AD-xxx) on the model. Exit 0 when none "
                    "fails, 1 when one fails, 2 for an invalid model.")
    check.add_argument("file", nargs="?", default="arch.yaml", help="model (default: arch.yaml)")
    check.add_argument("--format", choices=names("check"), default="table",
                       help=f"report format: {choices_help('check')} (default: table)")
    check.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    check.add_argument("--list", action="store_true", help="list the rules and exit")

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

    add_import_commands(sub, _add_account_options)

    schema = sub.add_parser("schema", help="print the JSON Schema of arch.yaml")
    schema.add_argument("--markdown", action="store_true",
                        help="print the field reference of docs/model.md instead")
    return parser


def _add_account_options(parser: argparse.ArgumentParser,
                         region: str = "region to read (default: the model's region)") -> None:
    group = parser.add_argument_group("AWS account (standard credential chain; AWS_ENDPOINT_URL "
                                      "is honoured)")
    group.add_argument("--profile", help="AWS profile to use")
    group.add_argument("--region", help=region)
    group.add_argument("--role-arn", metavar="ARN", help="assume this role first (read-only "
                                                         "access is enough)")


def _cmd_validate(args: argparse.Namespace) -> int:
    from archdoc.project import load_model

    model = load_model(args.file)
    for warning in model.warnings:
        print(warning, file=sys.stderr)
    count = len(model.warnings)
    warned = f", {count} warning{'s' if count != 1 else ''}" if count else ""
    print(f"{args.file}: ok ({len(model.resources)} resources, {len(model.flows)} flows, "
          f"{len(model.sections)} sections{warned})")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from archdoc.build import build

    options: dict[str, object] = {"template": args.template, "pdf": args.pdf, "dpi": args.dpi,
                                  "allow_failing_claims": args.allow_failing_claims,
                                  "since": args.since}
    if args.verify_live:
        options["verify_live"] = {"profile": args.profile, "region": args.region,
                                  "role_arn": args.role_arn}
    notes: list[str] = []
    verified: list[DriftReport] = []
    written = build(Path(args.file), Path(args.output), only=args.only, options=options,
                    notes=notes, verified=verified)
    for path in written:
        print(f"wrote {path}")
    for note in notes:  # a model's warning is already located: said as a compiler says it
        print(note if _LOCATED.match(note) else f"archdoc: note: {note}", file=sys.stderr)
    # the documents are written either way (they say what differs); the exit code tells CI
    return drift_exit_code(verified[0]) if verified else EXIT_OK


_LOCATED = re.compile(r"^.+:\d+:\d+: warning: ")


def _cmd_drift(args: argparse.Namespace) -> int:
    from archdoc.formats import get
    from archdoc.output import check_folder, write_outputs
    from archdoc.project import load_model

    model = load_model(args.file)
    target = Path(args.output) if args.output else None
    if target is not None:
        check_folder(target.parent)
    report = _read_live(model, args, quiet=args.format == "json")
    color = target is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = get("drift", args.format).load()(report, color)
    if target is None:
        sys.stdout.write(text)
    else:
        write_outputs(target.parent, {target.name: text.encode("utf-8")})
        print(f"wrote {target}: {report.summary()}", file=sys.stderr)
    if args.stats:
        calls = ", ".join(f"{s} {n}" for s, n in sorted(report.calls.items()))
        print(f"archdoc: {sum(report.calls.values())} API calls ({calls}) in "
              f"{report.seconds:.2f} s", file=sys.stderr)
    return drift_exit_code(report)


def drift_exit_code(report: DriftReport) -> int:
    if report.drifted:
        return EXIT_FINDINGS
    return EXIT_ENVIRONMENT if report.unknown else EXIT_OK


def _read_live(model: Architecture, args: argparse.Namespace, quiet: bool) -> DriftReport:
    """Read the account with a progress bar on a terminal, and compare."""
    from archdoc.verify import check_account

    options = {"profile": args.profile, "region": args.region, "role_arn": args.role_arn}
    if quiet or not sys.stderr.isatty():
        return check_account(model, **options)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("reading the account", total=None)

        def advance(service: str) -> None:
            progress.update(task, description=f"read {service}")

        return check_account(model, progress=advance, **options)


def _cmd_check(args: argparse.Namespace) -> int:
    from archdoc.checks import RULES, Verdict, evaluate
    from archdoc.checks.rule import CheckReport
    from archdoc.formats import get
    from archdoc.output import check_folder, write_outputs
    from archdoc.project import load_model

    if args.list:
        for rule in RULES:
            also = ", ".join(rule.prowler + rule.checkov)
            print(f"{rule.id}  {rule.severity:<8}  {rule.title}" + (f"  [{also}]" if also else ""))
        return EXIT_OK
    target = Path(args.output) if args.output else None
    if target is not None:
        check_folder(target.parent)
    model = load_model(args.file)
    results = evaluate(model)
    text = get("check", args.format).load()(CheckReport(tuple(results), args.file),
                                           target is None and sys.stdout.isatty())
    if target is None:
        sys.stdout.write(text)
    else:
        write_outputs(target.parent, {target.name: text.encode("utf-8")})
        print(f"wrote {target}", file=sys.stderr)
    failed = [r for r in results if r.verdict is Verdict.FAIL]
    return EXIT_FINDINGS if failed else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from archdoc.diff import diff, read_side
    from archdoc.formats import get
    from archdoc.output import check_folder, write_outputs
    from archdoc.project import parse_model

    target = Path(args.output) if args.output else None
    if target is not None:
        check_folder(target.parent)
    models, problems = [], []
    for spec in (args.old, args.new):
        data, name = read_side(spec)
        try:
            models.append(parse_model(data, name))
        except ModelError as exc:  # both sides' errors, at once
            problems += exc.diagnostics
    if problems:
        raise ModelError(problems)
    found = diff(models[0], models[1], args.old, args.new)
    text = get("diff", args.format).load()(found, target is None and sys.stdout.isatty()
                                           and not os.environ.get("NO_COLOR"))
    if target is None:
        sys.stdout.write(text)
    else:
        write_outputs(target.parent, {target.name: text.encode("utf-8")})
        print(f"wrote {target}", file=sys.stderr)
    return EXIT_FINDINGS if found.changes else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from archdoc.schema import json_schema, markdown_reference

    sys.stdout.write(markdown_reference() if args.markdown else json_schema())
    return EXIT_OK


COMMANDS = {"validate": _cmd_validate, "build": _cmd_build, "drift": _cmd_drift,
            "check": _cmd_check, "diff": _cmd_diff, "import": run_import,
            "discover": run_import,
            "schema": _cmd_schema}


_signalled: list[int] = []  # the signal that stopped this run


def _on_signal(signum: int, frame: object) -> None:
    """Only notes the signal and stops the children: it raises nothing where it lands (a
    ``__del__``, a lock, between a temporary file and its bookkeeping); every thread stops at
    its next checkpoint, the main thread included."""
    if output.defer_signal(signum):  # outputs being switched: it acts when they are complete
        return
    if not _signalled:
        _signalled.append(signum)
    processes.kill_all()


def main(argv: list[str] | None = None, *, handle_signals: bool = True,
         early: list[int] | None = None) -> int:
    """Run one command; ``handle_signals=False`` leaves the caller's signal handlers alone
    (a test running the CLI in its own process); ``early``: signals that came while archdoc
    was being imported (``archdoc._early``)."""
    if handle_signals and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_signal)
        signal.signal(signal.SIGTERM, _on_signal)
    try:
        if handle_signals and early:  # came while archdoc was being imported
            _signalled.append(early[0])
            raise processes.Stopped()
        code = _main(argv)
        if _signalled:  # came after the last checkpoint (or during the outputs' switch)
            raise processes.Stopped()
        return code
    except (processes.Stopped, KeyboardInterrupt):  # (Python's own Ctrl-C, without ours)
        code = 143 if _signalled and _signalled[0] == signal.SIGTERM else 130
        print("archdoc: terminated" if code == 143 else "archdoc: interrupted",
              file=sys.stderr)
        return _exit(code, wait=2.0) if handle_signals else code


def finish(code: int) -> int:
    """Exit with ``code`` once every worker thread has ended (as the interpreter would),
    without its finalization, during which a signal finds the default handlers again."""
    return _exit(code, wait=None)


def _exit(code: int, wait: float | None) -> int:
    """Exit now, the worker threads joined first: all of them (``wait`` None), or for at most
    ``wait`` seconds after a signal (their Graphviz is killed, their temporary folders go; one
    the signal left stuck on an import lock must not keep the process alive)."""
    deadline = None if wait is None else time.monotonic() + wait
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INVALID
    try:
        try:
            return COMMANDS[args.command](args)
        except Exception:
            if _signalled:  # a failure the stop caused (a killed Graphviz, a cancelled wait)
                raise processes.Stopped() from None
            raise
    except ModelError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = sum(1 for d in exc.diagnostics if d.severity == "error") or len(exc.diagnostics)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return exc.exit_code
    except ArchdocError as exc:
        first, *rest = str(exc).splitlines() or [""]
        print(f"archdoc: error: {printable(first)}", file=sys.stderr)
        for line in rest:  # a multi-line message (failing claims): each line escaped
            print(printable(line), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the environment, not the model: a file or folder archdoc needs
        where = f" {exc.filename}" if exc.filename else ""
        print(f"archdoc: error: cannot use{printable(str(where))}: {reason(exc)}",
              file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Exception as exc:  # a bug: say so plainly; ARCHDOC_DEBUG=1 shows the traceback
        if os.environ.get("ARCHDOC_DEBUG"):
            raise
        print(f"archdoc: internal error: {type(exc).__name__}: {shown(exc, 200)} (set "
              "ARCHDOC_DEBUG=1 for details and please report it)", file=sys.stderr)
        return 70


__all__ = ["main", "UsageError"]
