"""The build command: model -> every selected renderer -> files written as one set."""

from __future__ import annotations

from pathlib import Path

from archdoc import cache, processes
from archdoc.errors import ClaimsFailed, UsageError
from archdoc.formats import names
from archdoc.output import check_folder, write_outputs

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:
    from typing import Any

CACHED = ("model and options unchanged since an earlier build: outputs taken from the cache "
          "(ARCHDOC_CACHE=off to rebuild)")


def selected_outputs(only: str | None) -> list[str]:
    """The outputs ``--only`` names (all when not given); an empty or unknown name is an error."""
    outputs = names("build")
    if only is None:
        return outputs
    asked = [name.strip() for name in only.split(",")]
    if not any(asked):
        raise UsageError(f"--only needs one or more of {', '.join(outputs)}")
    unknown = [name for name in asked if name not in outputs]
    if unknown:
        raise UsageError(f"unknown output {', '.join(repr(u) for u in unknown)}; choose from "
                         f"{', '.join(outputs)}")
    return list(dict.fromkeys(asked))


def refusal(broken: list[Any]) -> str:
    lines = [f"{len(broken)} security claim{'s' if len(broken) != 1 else ''} of the report "
             "fail their rules; nothing was written (--allow-failing-claims writes the report "
             "with the failures shown):"]
    for claim in broken:
        text = claim.text if len(claim.text) <= 120 else claim.text[:119] + "…"
        lines.append(f"  claim \"{text}\"")
        lines += [f"    {reason}" for reason in claim.reasons]
    return "\n".join(lines)


def build(model_path: Path, out_dir: Path, only: str | list[str] | None = None,
          options: dict[str, Any] | None = None, notes: list[str] | None = None,
          verified: list[Any] | None = None) -> list[Path]:
    """Validate the model and every option, render the selected outputs, then write them all.

    Everything that can be checked before rendering is: the model, the output folder and the
    template; a problem there writes nothing and costs no Graphviz run.

    With ``options["verify_live"]`` (account options: profile, region, role_arn) the live
    account is checked first, and its result goes into the outputs and onto ``verified``; an
    account that cannot be read stops the build before anything is written.
    """
    selected = selected_outputs(",".join(only) if isinstance(only, list) else only)
    options = options or {}
    check_folder(out_dir)
    if "report" in selected and options.get("template"):
        from archdoc.render.report import read_template

        options = {**options, "template_bytes": read_template(options["template"])}
    since = None
    if options.get("since"):  # read now: a wrong revision or an invalid old model writes nothing
        from archdoc.diff import read_side

        since = read_side(str(options["since"]))
        options = {**options, "since_bytes": since[0]}
    live = options.get("verify_live")
    entry = None
    try:
        entry = cache.key(Path(model_path).read_bytes(), selected, options) \
            if Path(model_path).is_file() else None
    except OSError:
        pass  # load_model below says what is wrong with the file
    if live is not None:
        entry = None  # the account changes without the model changing: never from the cache
    said: list[str] = []
    hit = cache.load(entry, said) if entry else None
    if notes is not None:
        notes.extend(said)
    if hit is not None:  # the same bytes built by this same archdoc: valid, and these outputs
        if notes is not None:
            notes.extend(hit[1] + [CACHED])
        return write_outputs(out_dir, hit[0])
    from archdoc.project import load_model  # imported only now: a cached build needs neither
    from archdoc.render import BuildContext, load_renderer

    model = load_model(model_path)  # raises before anything is rendered or written
    changes = old = None
    if since is not None:
        from archdoc.diff import diff
        from archdoc.project import parse_model

        old = parse_model(since[0], since[1])
        changes = diff(old, model, since[1], str(model_path))
    warnings = [str(w) for w in model.warnings]  # said after the build (cached with it)
    report = None
    if live is not None:
        from archdoc.verify import check_account

        report = check_account(model, **live)
        if verified is not None:
            verified.append(report)
        if notes is not None:
            notes.append(f"checked against account {report.account}, {report.region}: "
                         f"{report.summary()}")
    from archdoc.checks import evaluate
    from archdoc.checks.claims import failing
    from archdoc.verify import claims as claims_of

    results = evaluate(model)
    claims = claims_of(model, report, results)
    broken = failing(claims)
    if broken and "report" in selected and not options.get("allow_failing_claims"):
        raise ClaimsFailed(refusal(broken))
    ctx = BuildContext(model, {k: v for k, v in options.items()
                               if k not in ("verify_live", "since_bytes")},
                       verification=report, claims=claims, results=results, since=changes,
                       since_model=old)
    if selected != ["diagram"]:
        ctx.start()  # every figure at once, in parallel, while the renderers load
    # every renderer's imports (python-docx, Jinja2) now, while Graphviz draws, not after
    # the figure the renderer before it waited for
    # the report last: it lists the files the build wrote before it (its attachments)
    order = [n for n in selected if n != "report"] + [n for n in selected if n == "report"]
    renderers = [load_renderer(name) for name in order]
    files: dict[str, bytes] = {}
    for render in renderers:
        processes.checkpoint()  # a signal stops the build between outputs
        ctx.outputs = {name: len(data) for name, data in files.items()}
        files.update(render(ctx))
    processes.checkpoint()  # ... and before the switch, which then holds signals
    if notes is not None:
        notes.extend(warnings + ctx.notes)
    written = write_outputs(out_dir, files)
    if entry:
        cache.store(entry, files, warnings + ctx.notes)
    return written
