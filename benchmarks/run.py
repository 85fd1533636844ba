"""Benchmarks: archdoc against ``diagrams`` drawing the same graph, measured in the same run.

    make bench          (or: .venv/bin/python benchmarks/run.py [--repeat N])

For the seed model and generated models of 200 and 1,000 resources it runs, each in its own
process, `archdoc build --only diagram` and `diagrams_baseline.py`, and reports the median wall
time, the peak memory (the process and its Graphviz child), the ratio archdoc / diagrams and the
PNG sizes; then the everyday build of the seed (PNG, SVG, draw.io, report; the docs site is
timed apart, without a target) against diagrams' PNG+SVG with
its default and with spline edges, and a rebuild of the unchanged model. Targets: seed <= 1.0x,
full build <= 1.0x diagrams either way, rebuild <= 0.2x the full build, 1,000 resources
< 0.5x with peak memory < 300 MB, and archdoc's PNG within Graphviz's 32,767 px limit; the
Word report of the 1,000-resource model in under 5 s. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from generate import generate, generate_mixed  # noqa: E402

PNG_LIMIT = 32767


# archdoc's build cache off, so every run measures a real build (the rebuild bench turns it on)
os.environ["ARCHDOC_CACHE"] = "off"


def measure(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``args``; return (seconds, peak resident MB of it and its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()[:2000]}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports KiB; wait4 includes grandchildren


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    return struct.unpack(">II", data[16:24])


def bench(name: str, model: Path, repeat: int) -> dict:
    runs = {"archdoc": [], "diagrams": []}
    for _ in range(repeat):  # interleaved, so machine noise hits both alike
        out_a, out_d = OUT / name / "archdoc", OUT / name / "diagrams"
        runs["archdoc"].append(measure([sys.executable, "-m", "archdoc", "build", str(model),
                                        "-o", str(out_a), "--only", "diagram"]))
        runs["diagrams"].append(measure([sys.executable, str(HERE / "diagrams_baseline.py"),
                                         str(model), str(out_d)]))
    row = {"model": name, "resources": len(yaml.safe_load(model.read_text())["resources"])}
    for who, values in runs.items():
        row[f"{who}_s"] = statistics.median(v[0] for v in values)
        row[f"{who}_mb"] = max(v[1] for v in values)
    row["ratio"] = row["archdoc_s"] / row["diagrams_s"]
    row["archdoc_png"] = png_size(OUT / name / "archdoc" / "architecture.png")
    row["diagrams_png"] = png_size(OUT / name / "diagrams" / "architecture.png")
    return row


def bench_full_build(model: Path, repeat: int) -> tuple[float, float]:
    """A whole `archdoc build` (every output): median seconds and peak MB of ``repeat``."""
    runs = [measure([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                     str(OUT / "full")]) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def bench_everyday(model: Path, repeat: int) -> dict[str, float]:
    """The everyday build of ``model``, side by side in one run: archdoc's full build (every
    output), a rebuild of the unchanged model (from the cache), and diagrams drawing the same
    graph to PNG and SVG with its default (orthogonal) edges and with spline edges."""
    cache = OUT / "cache"
    runs: dict[str, list[float]] = {"full": [], "rebuild": [], "diagrams": [],
                                    "diagrams_spline": [], "with_site": []}
    for i in range(repeat):
        # the four files the comparison names; the docs site (issue 11) is timed on its own
        runs["full"].append(measure([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                                     str(OUT / "everyday"), "--only",
                                     "diagram,drawio,report"])[0])
        runs["with_site"].append(measure([sys.executable, "-m", "archdoc", "build", str(model),
                                          "-o", str(OUT / "everyday-all")])[0])
        warm = {"ARCHDOC_CACHE": str(cache)}
        if i == 0:
            measure([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                     str(OUT / "everyday")], warm)
        runs["rebuild"].append(measure([sys.executable, "-m", "archdoc", "build", str(model),
                                        "-o", str(OUT / "everyday")], warm)[0])
        runs["diagrams"].append(measure([sys.executable, str(HERE / "diagrams_baseline.py"),
                                         str(model), str(OUT / "everyday-d")])[0])
        runs["diagrams_spline"].append(measure([
            sys.executable, str(HERE / "diagrams_baseline.py"), str(model),
            str(OUT / "everyday-ds"), "spline"])[0])
    return {k: statistics.median(v) for k, v in runs.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    models = {"seed": ROOT / "arch.yaml"}
    for size in (200, 1000):
        path = OUT / f"generated-{size}.yaml"
        path.write_text(yaml.safe_dump(generate(size), sort_keys=False), encoding="utf-8")
        models[f"{size} resources"] = path
    rows = [bench(name, path, args.repeat) for name, path in models.items()]

    print(f"{'model':<15}{'res':>6}{'archdoc s':>11}{'diagrams s':>12}{'ratio':>8}"
          f"{'archdoc MB':>12}{'diagrams MB':>13}  {'archdoc PNG':>13}  {'diagrams PNG':>13}")
    for r in rows:
        print(f"{r['model']:<15}{r['resources']:>6}{r['archdoc_s']:>11.2f}{r['diagrams_s']:>12.2f}"
              f"{r['ratio']:>7.2f}x{r['archdoc_mb']:>12.0f}{r['diagrams_mb']:>13.0f}  "
              f"{'{}x{}'.format(*r['archdoc_png']):>13}  "
              f"{'{}x{}'.format(*r['diagrams_png']):>13}")
    report = statistics.median(
        measure([sys.executable, "-m", "archdoc", "build", str(models["1000 resources"]), "-o",
                 str(OUT / "report"), "--only", "report"])[0] for _ in range(args.repeat))
    print(f"report of the 1,000-resource model: {report:.2f} s (target < 5 s)")
    full, full_mb = bench_full_build(models["1000 resources"], args.repeat)
    mixed_model = OUT / "generated-mixed-1000.yaml"
    mixed_model.write_text(yaml.safe_dump(generate_mixed(1000), sort_keys=False), "utf-8")
    mixed, mixed_mb = bench_full_build(mixed_model, args.repeat)
    print(f"full build (all outputs) of the 1,000-resource model: {full:.2f} s, "
          f"{full_mb:.0f} MB; of 1,000 resources mixing every kind and 51 other types: "
          f"{mixed:.2f} s, {mixed_mb:.0f} MB")
    day = bench_everyday(models["seed"], args.repeat)
    print(f"seed, full build (PNG, SVG, draw.io, report): {day['full']:.2f} s; "
          f"diagrams PNG+SVG {day['diagrams']:.2f} s (default ortho edges) -> "
          f"{day['full'] / day['diagrams']:.2f}x, {day['diagrams_spline']:.2f} s (spline edges) "
          f"-> {day['full'] / day['diagrams_spline']:.2f}x")
    print(f"seed, every output including the docs site: {day['with_site']:.2f} s "
          f"({day['with_site'] / day['diagrams']:.2f}x diagrams PNG+SVG; no target)")
    print(f"seed, rebuild of the unchanged model: {day['rebuild']:.2f} s -> "
          f"{day['rebuild'] / day['full']:.2f}x the full build")

    failures = []
    by_name = {r["model"]: r for r in rows}
    if by_name["seed"]["ratio"] > 1.0:
        failures.append("seed: slower than diagrams")
    big = by_name["1000 resources"]
    if big["ratio"] >= 0.5:
        failures.append("1,000 resources: not under 0.5x diagrams")
    if big["archdoc_mb"] >= 300:
        failures.append("1,000 resources: peak memory not under 300 MB")
    if day["full"] > day["diagrams"] or day["full"] > day["diagrams_spline"]:
        failures.append("seed: full build slower than diagrams PNG+SVG")
    if day["rebuild"] > 0.2 * day["full"]:
        failures.append("seed: rebuild not within 0.2x the full build")
    if report >= 5:
        failures.append("report of 1,000 resources: not under 5 s")
    for r in rows:
        if max(r["archdoc_png"]) >= PNG_LIMIT:
            failures.append(f"{r['model']}: PNG reaches Graphviz's size limit")
    for failure in failures:
        print(f"target missed: {failure}")
    print("all targets met" if not failures else f"{len(failures)} target(s) missed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
