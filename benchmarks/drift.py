"""Drift benchmark: API calls and wall time of `archdoc drift`, seed account vs 1,000 instances.

    make bench        (or: .venv/bin/python benchmarks/drift.py)

A moto server on 127.0.0.1 holds the seed architecture; `archdoc drift --stats` is run against
it as a user would, then against a model and account with 1,000 more EC2 instances in a
private subnet of their own. Targets: the seed in at most 33 API calls, 1,000 instances in at
most 1.2x the seed's calls (one paginated describe per resource type, not one call per
resource). Wall times are reported with their ratio to the seed's, measured in the same run.
Exit 1 when a target is missed.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests import moto_server  # noqa: E402
from tests.drift.conftest import Endpoint, session_for  # noqa: E402
from tests.provision import provision  # noqa: E402

SEED_CALLS_MAX = 33
SCALE_RATIO_MAX = 1.2
INSTANCES = 1000


def drift(model: Path, server: moto_server.MotoServer, repeat: int = 3) -> tuple[int, float, int]:
    """(API calls, median wall seconds, exit code) of `archdoc drift --stats`."""
    times, calls, code = [], 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "archdoc", "drift", str(model), "--stats",
                               "--format", "json"], capture_output=True, text=True,
                              env={**os.environ, **server.env()}, check=False)
        times.append(time.perf_counter() - start)
        found = re.search(r"archdoc: (\d+) API calls", proc.stderr)
        if found is None:
            raise SystemExit(f"drift failed: {proc.stderr[-2000:]}")
        calls, code = int(found.group(1)), proc.returncode
        json.loads(proc.stdout)
    return calls, statistics.median(times), code


def main() -> int:
    from archdoc.project import load_model

    OUT.mkdir(exist_ok=True)
    seed = ROOT / "arch.yaml"
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    # a /24 holds 251 instances: the workers get a /20 of their own, as they would on AWS
    data["resources"]["workers-a"] = {"kind": "subnet", "vpc": "main-vpc",
                                      "az": "ap-northeast-2a", "cidr": "10.0.16.0/20"}
    data["resources"]["private-rt"]["subnets"].append("workers-a")
    for n in range(1, INSTANCES + 1):
        data["resources"][f"worker-{n:04d}"] = {
            "kind": "ec2_instance", "subnet": "workers-a", "security_groups": ["ec2-sg"],
            "instance_profile_role": "ec2-role", "instance_type": "t3.micro"}
    big = OUT / "arch-1000-instances.yaml"
    big.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    server = moto_server.start(OUT / "moto.log")
    try:
        results = {}
        for name, path in (("seed", seed), (f"seed + {INSTANCES} instances", big)):
            server.reset()
            model = load_model(path)
            print(f"provisioning {name} ({len(model.resources)} resources) ...", flush=True)
            provision(model, Endpoint(session_for(server, model.region), server.url))
            results[name] = drift(path, server)
    finally:
        server.stop()
    (seed_calls, seed_time, seed_code), (big_calls, big_time, big_code) = results.values()
    print(f"{'account':<28}{'API calls':>10}{'wall s':>9}{'exit':>6}")
    for name, (calls, seconds, code) in results.items():
        print(f"{name:<28}{calls:>10}{seconds:>9.2f}{code:>6}")
    ratio = big_calls / seed_calls
    print(f"calls ratio {ratio:.2f}x (target <= {SCALE_RATIO_MAX}x); wall time ratio "
          f"{big_time / seed_time:.2f}x; seed calls {seed_calls} (target <= {SEED_CALLS_MAX})")
    ok = seed_calls <= SEED_CALLS_MAX and ratio <= SCALE_RATIO_MAX and seed_code == big_code == 0
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
