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

from archdoc import output, processes
from archdoc.cli_args import ARGUMENTS, parser_for
from archdoc.cli_import import run_import
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
from archdoc.output import reason

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:
    from archdoc.drift.findings import DriftReport
    from archdoc.model import Architecture


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
    argv = sys.argv[1:] if argv is None else argv
    parser = parser_for(argv[0] if argv and argv[0] in ARGUMENTS else None)
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
