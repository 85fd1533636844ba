"""``archdoc import cloudformation|terraform``: read the inputs, resolve them, write the model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.importing import Notes
from archdoc.importing.resolve import resolve
from archdoc.importing.write import model_text


@dataclass
class ImportResult:
    text: str
    warnings: list[Diagnostic]
    resources: int
    folded: int
    flows: int


def import_files(source: str, files: list[tuple[str, bytes]], *, region: str | None,
                 parameters: dict[str, str], title: str | None,
                 output_name: str) -> ImportResult:
    """``source``: cloudformation or terraform. Raises ModelError for unreadable inputs."""
    if source == "cloudformation":
        from archdoc.importing.cloudformation import read_templates

        region = region or "us-east-1"
        found, notes, descriptions = read_templates(files, region, parameters)
    else:
        from archdoc.importing.terraform import read_states

        found, notes, found_region = read_states(files)
        region = region or found_region or "us-east-1"
        descriptions = []
    imported = resolve(found, region, notes)
    if not imported.resources:
        raise ModelError(notes.items + [Diagnostic(Location(files[0][0], 1, 1), "no AWS "
                                                   "resource to import")])
    default_title = _first_sentence(descriptions[0]) if descriptions else \
        f"{' + '.join(Path(name).stem for name, _ in files)}"[:200]
    text = model_text(imported, title=title or default_title, region=region,
                      summary="\n".join(" ".join(d.split()) for d in descriptions) or None,
                      command=f"import {source}", sources=[n for n, _ in files],
                      name=output_name)
    return ImportResult(text, sorted(notes.items), len(imported.resources),
                        imported.folded, len(imported.flows))


def _first_sentence(description: str) -> str:
    """A template's description as a title: its first sentence (or line), not all of it."""
    text = " ".join(description.split())
    end = next((i for i, c in enumerate(text) if c == "." and (i + 1 == len(text) or
                                                              text[i + 1] == " ")), len(text))
    return text[:min(end, 200)].rstrip(" .") or text[:200]


def discover_model(*, vpcs: list[str], region: str | None, profile: str | None,
                   role_arn: str | None, title: str | None, output_name: str) -> ImportResult:
    """``archdoc discover``: the live account's resources as a model."""
    from archdoc.importing.discover import discover

    found, notes, chosen, account = discover(vpcs=vpcs, region=region, profile=profile,
                                             role_arn=role_arn)
    imported = resolve(found, chosen, notes)
    if not imported.resources:
        raise ModelError(notes.items + [Diagnostic(Location("<account>", 1, 1), "nothing to "
                         f"discover in account {account}, {chosen}" + (
                             f" (VPCs {', '.join(vpcs)})" if vpcs else ""))])
    text = model_text(imported, title=title or f"Account {account}, {chosen}", region=chosen,
                      command="discover", sources=[f"account {account}, {chosen}"],
                      name=output_name)
    return ImportResult(text, sorted(notes.items), len(imported.resources),
                        imported.folded, len(imported.flows))


__all__ = ["ImportResult", "Notes", "discover_model", "import_files"]
