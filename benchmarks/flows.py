"""Flows at scale: a full build of models with 250, 500 and 1,000 flows, in separate processes,
with wall time and peak memory (archdoc and its Graphviz children). Target: 1,000 flows in
under 30 s and 500 MB. Exit status 1 when missed.

    .venv/bin/python benchmarks/flows.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from run import OUT, measure  # noqa: E402

AZS = ["a", "b", "c"]


def flows_model(flows: int, seed: int = 7) -> dict:
    """About 70 resources of every tier and ``flows`` flows between them (no two alike)."""
    rng = random.Random(seed)
    res: dict[str, dict] = {"users": {"kind": "users"},
                            "vpc": {"kind": "vpc", "cidr": "10.0.0.0/16"},
                            "igw": {"kind": "internet_gateway", "vpc": "vpc"}}
    for i, az in enumerate(AZS):
        res[f"pub-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"eu-west-1{az}",
                            "cidr": f"10.0.{i}.0/24", "public": True}
        res[f"app-{az}"] = {"kind": "subnet", "vpc": "vpc", "az": f"eu-west-1{az}",
                            "cidr": f"10.0.{10 + i}.0/24"}
    for k in range(60):
        az = AZS[k % 3]
        res[f"web{k}"] = {"kind": "ec2_instance", "subnet": f"app-{az}", "label": f"web {k}"}
    for k in range(6):
        res[f"bucket{k}"] = {"kind": "s3_bucket", "bucket_name": f"bucket-{k}-bench"}
    drawn = [r for r, b in res.items() if b["kind"] not in ("vpc", "subnet")]
    pairs = [(a, b) for a in drawn for b in drawn if a != b]
    chosen = rng.sample(pairs, flows)
    return {"title": f"{flows} flows", "region": "eu-west-1", "resources": res,
            "flows": [{"from": a, "to": b, "label": f"flow {i}"} for i, (a, b) in
                      enumerate(chosen)],
            "sections": [{"title": "Web", "resources": ["web0", "web1"]}]}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    missed = []
    print(f"{'flows':>6} {'seconds':>8} {'peak MB':>8}")
    for count in (250, 500, 1000):
        model = OUT / f"flows-{count}.yaml"
        model.write_text(yaml.safe_dump(flows_model(count)), encoding="utf-8")
        seconds, peak = measure([sys.executable, "-m", "archdoc", "build", str(model), "-o",
                                 str(OUT / f"flows-{count}")])
        print(f"{count:>6} {seconds:>8.2f} {peak:>8.0f}")
        if count == 1000 and (seconds >= 30 or peak >= 500):
            missed.append(f"1,000 flows: {seconds:.1f} s, {peak:.0f} MB")
    print("\n".join(f"target missed: {m}" for m in missed) or "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
