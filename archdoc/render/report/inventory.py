"""The appendix's resource inventory: per kind, a table of each resource's settings in words
("예 / 아니요", "설정 안 됨"), and how the live check finds it in the account."""

from __future__ import annotations

from typing import Any

from archdoc.model import Architecture
from archdoc.model.resources import Alb, RouteTable, SecurityGroup
from archdoc.render.report.tables import TableData
from archdoc.text import field_name, kind_name, words

# fields that are the resource's words or structure, not a setting (the chapters' tables show
# listeners, rules and routes in full)
NOT_SETTINGS = {"kind", "label", "aws", "definition", "role", "ingress", "egress", "listeners",
                "routes", "health_check", "inline_policies", "public_access_block", "origins",
                "notifications", "skip_checks", "policy", "rules", "authorizers",
                "subscriptions", "containers", "properties"}
COLUMNS_AT_MOST = 4  # a kind with more settings lists them in one cell, a line each


def in_words(value: Any, w: dict[str, str]) -> str:
    """A setting's value as a reader says it: yes / no, not set, lists joined."""
    if value is True:
        return w["yes"]
    if value is False:
        return w["no"]
    if value is None or value in ([], {}, ""):
        return w["not_set"]
    if isinstance(value, list | tuple):
        return ", ".join(in_words(v, w) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {in_words(v, w)}" for k, v in value.items())
    return str(value)


def settings(model: Architecture, rid: str) -> dict[str, Any]:
    """The resource's settings that are set, by field name (in the model's field order),
    and a summary of its listeners, routes and rules."""
    res = model.resources[rid]
    found = {name: value for name, value in res.model_dump(exclude=NOT_SETTINGS).items()
             if value not in (None, [], {}, "")}
    if isinstance(res, Alb) and res.listeners:
        found["listeners"] = [f"{li.protocol}:{li.port}" for li in res.listeners]
    if isinstance(res, RouteTable) and res.routes:
        found["routes"] = [f"{r.destination or 'prefix-list'} → {r.target}" for r in res.routes]
    if isinstance(res, SecurityGroup):
        w = words(model.language)
        found["rules"] = f"{w['inbound']} {len(res.ingress)}, " \
                         f"{w['outbound']} {len(res.effective_egress)}"
    return found


def key_settings(model: Architecture, rid: str) -> str:
    """A resource's settings in one line each, in words."""
    w = words(model.language)
    return "\n".join(f"{field_name(name, model.language)}: {in_words(value, w)}"
                     for name, value in settings(model, rid).items())


def locator(model: Architecture, rid: str, w: dict[str, str]) -> str:
    aws = model.resources[rid].aws
    if aws is None:
        return w["not_located"]
    parts = [f"{k}={v}" for k, v in (("id", aws.id), ("arn", aws.arn), ("name", aws.name)) if v]
    parts += [f"tag:{k}={v}" for k, v in aws.tags.items()]
    return ", ".join(parts) or w["not_located"]


def inventory(model: Architecture) -> TableData:
    """Every resource in one table (the docs site's inventory page)."""
    w = words(model.language)
    rows = [[rid, kind_name(res.kind, model.language), key_settings(model, rid),
             locator(model, rid, w)] for rid, res in model.resources.items()]
    return TableData(w["appendix"], [w["id"], w["kind"], w["settings"], w["locator"]], rows,
                     (0.17, 0.17, 0.42, 0.24))


def inventory_by_kind(model: Architecture) -> list[TableData]:
    """One table per kind, in the order kinds first appear in the model: a column per
    setting when it has few, else its settings a line each in one column."""
    language = model.language
    w = words(language)
    by_kind: dict[str, list[str]] = {}
    for rid, res in model.resources.items():
        by_kind.setdefault(res.kind, []).append(rid)
    tables = []
    for kind, rids in by_kind.items():
        found = {rid: settings(model, rid) for rid in rids}
        names = list(dict.fromkeys(name for rid in rids for name in found[rid]))
        caption = w["appendix_kind"].format(kind=kind_name(kind, language))
        if len(names) <= COLUMNS_AT_MOST:
            header = [w["id"]] + [field_name(n, language) for n in names] + [w["locator"]]
            rows = [[rid] + [in_words(found[rid].get(n), w) for n in names]
                    + [locator(model, rid, w)] for rid in rids]
            share = 0.56 / max(len(names), 1)
            widths = (0.2, *(share for _ in names), 0.24) if names else (0.4, 0.6)
        else:
            header = [w["id"], w["settings"], w["locator"]]
            rows = [[rid, "\n".join(f"{field_name(n, language)}: {in_words(v, w)}"
                                    for n, v in found[rid].items()),
                     locator(model, rid, w)] for rid in rids]
            widths = (0.2, 0.56, 0.24)
        tables.append(TableData(caption, header, rows, widths))
    return tables


def attachments(outputs: dict[str, int], report_file: str, pdf: bool,
                language: str) -> TableData:
    """The files of this build (``outputs``: those written before the report), the report
    and its PDF: what each holds and how large it is, as a submission lists them."""
    w = words(language)

    def size(n: int) -> str:
        return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"

    what = {".png": w["file_png"], ".svg": w["file_svg"], ".drawio": w["file_drawio"]}
    rows = []
    site = [n for n in outputs if n.startswith("site/")]
    for name, length in outputs.items():
        if name in site:
            continue
        suffix = name[name.rfind("."):]
        rows.append([name, what.get(suffix, ""), size(length)])
    if site:
        rows.append(["site/", w["file_site"].format(n=len(site)),
                     size(sum(outputs[n] for n in site))])
    rows.append([report_file, w["this_report"], ""])
    if pdf:
        rows.append([report_file[: -len(".docx")] + ".pdf", w["this_pdf"], ""])
    return TableData(w["attachments"], [w["file_column"], w["contents_column"],
                                        w["size_column"]], rows, (0.35, 0.5, 0.15))
