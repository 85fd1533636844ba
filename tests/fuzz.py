"""A mutation fuzzer over the example models: thousands of broken variants, each built as the
CLI builds it. Any exit code but 0 or 2, a traceback, an exit-2 message that is not
``FILE:LINE:COL: error: ...``, a file left in the output folder after exit 2, or an exit-0
build whose SVG or draw.io is not well-formed XML is a failure.

    python -m tests.fuzz --mutants 10000 [--seed 1] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = [ROOT / "arch.yaml", ROOT / "examples" / "three-tier.yaml"]
LOCATED = re.compile(r"^.+:\d+:\d+: error: .+$")
SUMMARY = re.compile(r"^\d+ errors?; nothing was written$")

VALUES = ["[1, 2]", "{}", "{a: b}", "true", "null", "~", "-1", "0", "70000", "1e400",
          "9" * 40, "!!int x", "!!float y", "!!bool maybe", "!!timestamp soon", "2024-02-30",
          "2024-13-01", "*nowhere", "&anchor x", "!!python/object:os.system x", "'\\x01'",
          '"\\x01"', '"a\\u2028b"', '"\\ud800"', '"\\ufffe"', '"\\0"', '"\\v"', '"\\e[31m"',
          '"' + "x" * 600 + '"', "웹 서버", "'", '"', "|", ">", "- x", ": x", "? x", "%TAG",
          "0x1F", "0o17", ".inf", ".nan", "'10.0.0.0/33'", "'999.1.1.1/8'", "us-east-lb"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(9)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2 and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == 3 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(VALUES)}"
        elif op == 4:
            lines[i] = "\t" + lines[i]
        elif op == 5:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + rng.choice(["\u2028", "\u0085", "\x7f", "\ufeff", "é",
                                                     "\\", "{", "[", "#", "&", "*"]) \
                + lines[i][cut:]
        elif op == 6:
            lines[i] = " " + lines[i] if rng.random() < 0.5 else lines[i].lstrip()
        elif op == 7:
            joined = "\n".join(lines)
            return joined[: rng.randrange(len(joined) + 1)]
        else:
            lines[i] = lines[i].replace(rng.choice("abcdefghijklmnopqrstuvwxyz"),
                                        rng.choice(["", "x", "-", "_", "1"]), 1)
    return "\n".join(lines)


def check_one(text: str) -> str | None:
    """Build ``text`` as the CLI would; a description of what went wrong, or None."""
    from archdoc.cli import main

    os.environ["ARCHDOC_CACHE"] = "off"  # every mutant is built, none taken from a cache
    with tempfile.TemporaryDirectory(prefix="archdoc-fuzz-") as tmp:
        model = Path(tmp, "model.yaml")
        model.write_bytes(text.encode("utf-8", "surrogatepass"))
        out = Path(tmp, "out")
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = main(["build", str(model), "-o", str(out), "--only", "diagram,drawio"])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
        said = err.getvalue()
        if "Traceback" in said or code not in (0, 2):
            return f"exit {code}: {said.strip()[:400]}"
        if code == 2:
            lines = said.strip().splitlines()
            if not lines or not SUMMARY.match(lines[-1]) or \
                    not all(LOCATED.match(line) for line in lines[:-1]):
                return f"exit 2 without located errors: {said.strip()[:400]}"
            if out.exists() and any(out.iterdir()):
                return "exit 2 left files in the output folder"
            return None
        for name in ("architecture.svg", "architecture.drawio"):
            try:
                ET.parse(out / name)
            except (ET.ParseError, OSError) as exc:
                return f"{name} is not well-formed: {exc}"
    return None


def _check(item: tuple[int, str]) -> tuple[int, str | None]:
    return item[0], check_one(item[1])


def fuzz(mutants: int, seed: int = 1, workers: int | None = None
         ) -> tuple[list[tuple[str, str]], dict[str, int]]:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in MODELS]
    texts = [mutate(rng.choice(sources), rng) for _ in range(mutants)]
    failures: list[tuple[str, str]] = []
    counts = {"built": 0, "refused": 0}
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        for index, problem in pool.map(_check, enumerate(texts), chunksize=8):
            if problem:
                failures.append((texts[index], problem))
    return failures, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    started = time.monotonic()
    failures, _ = fuzz(args.mutants, args.seed, args.workers)
    print(f"{args.mutants} mutants in {time.monotonic() - started:.0f} s: "
          f"{len(failures)} failures")
    for text, problem in failures[:5]:
        print(f"--- {problem}\n{text[:2000]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
