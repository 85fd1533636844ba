"""Pages for a docs site (MkDocs): index with the live diagram, one page per chapter, the
inventory. One renderer for the standalone site (``output/site/``, with its ``mkdocs.yml``)
and the MkDocs plugin; it reads the same wording and tables as the Word report, not the .docx.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
)
from jinja2.bccache import Bucket

from archdoc.cache import derived_dir
from archdoc.checks.claims import claim_line
from archdoc.kinds import kind_of
from archdoc.render import BuildContext
from archdoc.render.report.inventory import inventory, key_settings
from archdoc.render.report.tables import TABLE_BUILDERS, definitions
from archdoc.render.site.live_svg import live_svg
from archdoc.render.site.markdown import anchor, md, table
from archdoc.render.svg import self_contained_svg
from archdoc.text import kind_name, words


@dataclass(frozen=True)
class Chapter:
    title: str
    file: str


@cache
def _env() -> Environment:
    """One environment per process: its templates are compiled once, not on every build, and
    their compiled code kept with archdoc's derived data (Jinja checks it against each
    template's text before use): compiling them was 20 ms of every build."""
    env = Environment(loader=PackageLoader("archdoc.render.site", "templates"),
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      bytecode_cache=_compiled(),
                      autoescape=False)  # Markdown: every user value goes through |md
    env.filters.update(md=md, table=table, anchor=anchor)
    return env


class _Compiled(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, where a damaged file (right header, broken
    content) is compiled again rather than an error: Jinja itself checks the header and the
    template's checksum, but not the pickled checksum's own bytes."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable: as if there were none
            bucket.reset()


def _compiled() -> BytecodeCache | None:
    folder = derived_dir("templates")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache that cannot be written: compiled in each process, as before
        return None
    return _Compiled(str(folder))


def claim_text(ctx: BuildContext, section: int, item: int) -> str | None:
    """A security claim's status in the report's words (None when it names no rule)."""
    return next((claim_line(c, ctx.model.language)[0] for c in ctx.claims
                 if (c.section, c.item) == (section, item)), None)


def site_pages(ctx: BuildContext, directory_urls: bool = False) -> dict[str, bytes]:
    """Page path (relative to the docs folder) -> content."""
    model, env = ctx.model, _env()
    w = words(model.language)
    ext = "/" if directory_urls else ".html"
    chapters = [Chapter(s.title, f"chapter-{i + 1}.md") for i, s in enumerate(model.sections)]
    home: dict[str, str] = {}
    for i, section in enumerate(model.sections):
        for rid in section.resources:
            home.setdefault(rid, f"chapter-{i + 1}")
    links = {rid: f"{home.get(rid, 'inventory')}{ext}#{anchor(rid)}" for rid in model.resources}
    tooltips = {rid: f"{kind_name(res.kind, model.language)} · {rid} · "
                     f"{key_settings(model, rid)}".rstrip(" ·")
                for rid, res in model.resources.items()}
    svg = self_contained_svg(ctx.figure.svg)
    meta = " · ".join(str(x) for x in (model.version and f"{w['version']} {model.version}",
                                        model.author, model.organisation, model.date) if x)
    reflections = [line.strip() for line in (model.reflections or "").splitlines()
                   if line.strip()]
    pages = {"index.md": env.get_template("index.md.j2").render(
        model=model, w=w, meta=meta, chapters=chapters, reflections=reflections,
        diagram=live_svg(svg, ctx.scene, tooltips, links))}
    figures = ctx.section_figures
    for i, section in enumerate(model.sections):
        roles = [(rid, model.label(rid), section.roles.get(rid) or model.resources[rid].role)
                 for rid in section.resources
                 if section.roles.get(rid) or model.resources[rid].role]
        roled = {r for r, _, _ in roles}
        roles += [(rid, model.label(rid), kind_name(model.resources[rid].kind, model.language))
                  for rid in section.resources if rid not in roled]  # every id gets an anchor
        tables = [TABLE_BUILDERS[builder](model, rid) for rid in section.resources
                  if (builder := kind_of(model.resources[rid].kind).table)]
        security = [(item, claim_text(ctx, i, k)) for k, item in enumerate(section.security)]
        pages[f"chapter-{i + 1}.md"] = env.get_template("chapter.md.j2").render(
            number=i + 1, section=section, w=w,
            figure=live_svg(self_contained_svg(figures[i].svg), figures[i].scene, tooltips,
                            links),
            caption=section.figure_caption or section.title,
            definitions=definitions(model, section),
            roles=roles, tables=tables, security=security)
    pages["inventory.md"] = env.get_template("inventory.md.j2").render(
        model=model, w=w, inventory=inventory(model))
    files = {name: text.encode("utf-8") for name, text in pages.items()}
    files["js/archdoc.js"] = SEARCH_NOTE.replace(
        "NOTE", json.dumps(w["search_note"], ensure_ascii=False)).encode("utf-8")
    return files


# MkDocs' search runs in a web worker, which a page opened from the file system may not
# start: there the search box says so instead of staying empty
SEARCH_NOTE = """document.addEventListener("DOMContentLoaded", function () {
  if (location.protocol !== "file:") { return; }
  var results = document.getElementById("mkdocs-search-results");
  var query = document.getElementById("mkdocs-search-query");
  var note = NOTE;
  if (query) { query.disabled = true; query.placeholder = note; }
  if (results) { results.textContent = note; }
});
"""


def mkdocs_yml(ctx: BuildContext) -> str:
    """A configuration with which ``mkdocs build`` works in ``output/site/`` as it is."""
    model = ctx.model
    w = words(model.language)
    nav = [{w["diagram"]: "index.md"}]
    nav += [{f"{i + 1}. {s.title}": f"chapter-{i + 1}.md"} for i, s in enumerate(model.sections)]
    nav.append({w["appendix"]: "inventory.md"})
    # themes put site_name and nav titles into the HTML as they are: escaped here
    lines = [f"site_name: {json.dumps(html.escape(model.title), ensure_ascii=False)}",
             "docs_dir: docs", "site_dir: html",
             "use_directory_urls: false  # pages open from the file system too",
             "theme:", "  name: mkdocs",
             "  custom_dir: theme  # (see theme/main.html)",
             "  highlightjs: false  # served from a CDN: the site works offline without it",
             "  color_mode: auto  # light or dark, as the reader's system is",
             "  user_color_mode_toggle: true",
             "markdown_extensions:",
             "  - attr_list  # the pages' own heading ids: valid selectors, readable",
             "  - tables", "  - toc",
             "extra_javascript:", "  - js/archdoc.js",
             "nav:"]
    lines += [f"  - {json.dumps(html.escape(title), ensure_ascii=False)}: {page}"
              for entry in nav for title, page in entry.items()]
    return "\n".join(lines) + "\n"


# the theme's colour-mode switch expects highlight.js's two stylesheets, which come from a CDN
# (off here): empty ones in their place, so it switches without a script error
THEME_MAIN = """{% extends "base.html" %}
{% block extrahead %}<link id="hljs-light" rel="stylesheet" href="data:text/css,">
<link id="hljs-dark" rel="stylesheet" href="data:text/css," disabled>{% endblock %}
"""


def render_site(ctx: BuildContext) -> dict[str, bytes]:
    files = {f"site/docs/{name}": data for name, data in site_pages(ctx).items()}
    files["site/mkdocs.yml"] = mkdocs_yml(ctx).encode("utf-8")
    files["site/theme/main.html"] = THEME_MAIN.encode("utf-8")
    return files
