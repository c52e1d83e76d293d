"""Benchmark: time `barometer demo` and `barometer report`, and record peak memory.

Each run is a fresh Python process (so imports and start-up count, as a user sees them);
peak memory is that process's maximum resident set size. Prints medians over the runs.

    python bench/bench_demo.py [--runs 5] [--seed 2021]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNNER = """
import json, resource, sys, time
from barometer.cli import main
t = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps({"seconds": time.perf_counter() - t,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}),
          file=sys.stderr)
"""


def run(args: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"barometer {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    inner = json.loads(proc.stderr.strip().splitlines()[-1])
    return {"wall": wall, "inner": inner["seconds"], "peak_mib": inner["peak_mib"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2021)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo"
        jobs = {
            "demo": ["demo", "--out", str(out), "--seed", str(opts.seed), "--quiet"],
            "report": ["report", str(out / "responses.parquet"), "--out", str(out / "r2"),
                       "--frame", str(out / "frame.csv")],
        }  # fmt: skip
        results: dict[str, list[dict[str, float]]] = {k: [] for k in jobs}
        for _ in range(opts.runs):
            for name, args in jobs.items():
                results[name].append(run(args))
    print(f"runs per command: {opts.runs} (median; each run a fresh process)")
    print(f"{'command':<10}{'wall s':>10}{'in-process s':>15}{'peak MiB':>12}")
    for name, rows in results.items():
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        print(f"{name:<10}{med['wall']:>10.2f}{med['inner']:>15.2f}{med['peak_mib']:>12.0f}")


if __name__ == "__main__":
    main()
