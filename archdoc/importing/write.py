"""The imported model as ``arch.yaml`` text: each resource under a comment naming where it
came from and the glue folded into it; validated before it is handed back, so an import
never writes a model archdoc would refuse."""

from __future__ import annotations

from typing import Any

import yaml

from archdoc.errors import ArchdocError, printable
from archdoc.importing.resolve import Imported
from archdoc.project import parse_model


def model_text(imported: Imported, *, title: str, region: str, command: str,
               sources: list[str], name: str, summary: str | None = None) -> str:
    lines = [f"# Imported by `archdoc {command}` from {', '.join(map(printable, sources))}.",
             "# Above each resource: where it came from, then the parts folded into it.",
             "# The flows are inferred from security-group rules, listeners, routes, events.",
             ""]
    head = {"title": title, "language": "en", "region": region,
            **({"summary": summary} if summary else {})}
    lines += yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=100).splitlines()
    lines += ["", "resources:"]
    for rid, fields in imported.resources.items():
        origins = imported.origins.get(rid) or []
        for i, origin in enumerate(origins[:40]):
            lines.append(f"  # {'+ ' if i else ''}{printable(origin)}")
        if len(origins) > 40:
            lines.append(f"  # + {len(origins) - 40} more")
        body = yaml.safe_dump({rid: fields}, sort_keys=False, allow_unicode=True, width=100)
        lines += ["  " + line for line in body.splitlines()]
        lines.append("")
    if imported.flows:
        lines.append("flows:")
        for flow in imported.flows:
            text = yaml.safe_dump(flow, sort_keys=False, allow_unicode=True,
                                  default_flow_style=True, width=1000).strip()
            lines.append(f"  - {text}")
    text = "\n".join(lines).rstrip() + "\n"
    _check(text, name)
    return text


def _check(text: str, name: str) -> Any:
    from archdoc.errors import ModelError

    try:
        return parse_model(text, name)
    except ModelError as exc:
        first = "; ".join(str(d) for d in exc.diagnostics[:5])
        raise ArchdocError(f"the imported model does not validate (a bug of archdoc's "
                           f"importer; please report it): {first}") from None


__all__ = ["model_text"]
