"""The house has no circles: no archdoc module imports, however indirectly, one that imports it.

Every import counts, at the top of a file or inside a function, type-only imports too: a lazy
import is still a dependency, and a circle of them is a seam in the wrong place.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "archdoc"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def import_graph() -> dict[str, set[str]]:
    """archdoc module -> the archdoc modules it imports (``from a.b import c`` is ``a.b.c``
    when that is a module, else ``a.b``)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}"
                           in modules else node.module for alias in node.names]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_module_of_archdoc_is_part_of_an_import_circle() -> None:
    graph = import_graph()
    assert len(graph) > 50 and sum(map(len, graph.values())) > 100  # the graph was read
    assert cycles(graph) == []


def test_the_circle_finder_finds_circles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_model_depends_on_no_registry() -> None:
    """Kinds and rules read the model; the model is handed what it needs (a Vocabulary)."""
    graph = import_graph()
    model = [m for m in graph if m == "archdoc.model" or m.startswith("archdoc.model.")]
    reached = {t for m in model for t in graph[m]}
    assert not {t for t in reached if t.startswith(("archdoc.kinds", "archdoc.checks",
                                                    "archdoc.drift", "archdoc.render",
                                                    "archdoc.layout"))}


def test_an_everyday_build_leaves_out_what_it_does_not_use(tmp_path) -> None:
    """Every output of the seed, in a process of its own: no pydantic (a valid model is read
    without it: ``model/fast.py``; its validators and import were most of a build's model),
    no graphviz or diagrams package (archdoc writes DOT itself), no AWS SDK or terminal
    library, nothing of mkdocs; each was an import every build paid for."""
    script = (
        "import sys\n"
        "from archdoc.cli import main\n"
        f"code = main(['build', {str(ROOT / 'arch.yaml')!r}, '-o', {str(tmp_path)!r}],"
        " handle_signals=False)\n"
        "assert code == 0, code\n"
        "print(sorted(m.split('.')[0] for m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, "ARCHDOC_CACHE": "off"})
    assert done.returncode == 0, done.stderr
    loaded = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    assert {"archdoc", "docx", "jinja2", "yaml"} <= loaded  # the build did run
    assert not loaded & {"pydantic", "graphviz", "diagrams", "boto3", "botocore", "rich",
                         "mkdocs", "secrets"}
    assert (tmp_path / "report.docx").is_file()


def test_a_cached_rebuild_loads_only_the_cli_and_the_cache(tmp_path) -> None:
    """An unchanged model rebuilt from the cache, in a process of its own, loads none of the
    model, layout or renderers, nor typing or dataclasses (typing was a tenth of the run's
    imports: archdoc's own modules import it for mypy only)."""
    script = (
        "import sys\n"
        "from archdoc.cli import main\n"
        f"argv = ['build', {str(ROOT / 'arch.yaml')!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "code = main(argv, handle_signals=False)\n"
        "assert code == 0, code\n"
        "print(sorted(sys.modules))\n")
    env = {**os.environ, "ARCHDOC_CACHE": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=300, check=False, env=env) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    assert "taken from the cache" in runs[1].stderr and "cache" not in runs[0].stderr
    loaded = set(ast.literal_eval(runs[1].stdout.strip().splitlines()[-1]))
    assert {"archdoc.cli", "archdoc.cache"} <= loaded
    assert not loaded & {"typing", "dataclasses", "inspect", "yaml", "docx", "jinja2"}
    assert not {m for m in loaded if m.startswith(("archdoc.model", "archdoc.layout",
                                                   "archdoc.render", "archdoc.checks"))}
    assert (tmp_path / "out" / "report.docx").is_file()
