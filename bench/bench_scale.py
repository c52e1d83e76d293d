"""Scale benchmark: the statistics and the report on synthetic waves of growing size.

For each size a synthetic wave (:func:`barometer.dataset.synthetic.scale.scaled_wave`) is
generated once, in its own process, into a temporary folder (``responses.parquet`` and
``frame.csv``); generation is not timed. Every timed run is then a fresh Python process
(so its peak resident memory is that run's) that reads the files and does one job:

``stats``
    the report's compute step without charts or text: derived variables and the
    post-stratification weights to the frame (``make_weights``, ``make_context``); the
    climate analysis (EFA, alpha, score, groups); the three backward stepwise regressions
    of Tekstvak 2; the text mining of the open answers (scrubbing, concept clusters); and
    every figure's compute function (all descriptive proportions of the catalogue, which
    reuse the cached analyses above).
``report``
    ``build_report`` + ``write_report`` (+ ``write_pdf`` up to ``--pdf-max`` responses).

Seconds exclude interpreter start-up, imports and reading the files (the reading time,
``pd.read_parquet`` + ``coerce_types`` and ``pd.read_csv`` of the frame, is shown apart;
the row-by-row validation of ``read_dataset`` is skipped). Peak memory is the process's
maximum RSS, so it includes the imports and the data as read. Prints medians over the runs.

Above 2,928 responses (8 base waves) responses repeat; by default the repeats are varied
(``scaled_wave(vary=True)``), ``--copies`` keeps them as exact copies.

    python bench/bench_scale.py [--sizes 366,3660,36600,366000] [--runs 3] [--copies]
                                [--what stats|report|all] [--pdf-max 36600] [--timeout 600]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

GENERATE = """
import sys, time
from itertools import pairwise
from pathlib import Path
import pandas as pd
from barometer.dataset import write_dataset
from barometer.dataset.synthetic.scale import scaled_wave
out, n, seed, vary = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
t = time.perf_counter()
w = scaled_wave(n, seed=seed, vary=vary)
write_dataset(w.dataset, out / "responses.parquet")
w.frame.to_csv(out / "frame.csv", index=False)
print(f"{time.perf_counter() - t:.2f} {len(w.frame)}")
"""

RUNNER = """
import json, resource, sys, tempfile, time
from itertools import pairwise
from pathlib import Path
import pandas as pd
from threadpoolctl import threadpool_limits
from barometer.dataset import Dataset, build_codebook, coerce_types
from barometer.questionnaire import default
from barometer.report import CATALOGUE, COMPUTE, build_report, write_pdf, write_report
from barometer.report.figures.core import make_context, make_weights
from barometer.report.figures.climate import analysis_for
from barometer.report.figures.models import models_for, text_clusters_for

job, folder, pdf, names = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
stages = {}

peaks = {}

def timed(name, fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    stages[name] = time.perf_counter() - t
    peaks[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out

def read():
    q = default()
    codebook = build_codebook(q)
    data = coerce_types(pd.read_parquet(folder / "responses.parquet"), codebook)
    frame = pd.read_csv(folder / "frame.csv", dtype=str, keep_default_na=False)
    return Dataset(data, codebook, q), frame

def swallow(fn, *args):
    try:
        return fn(*args)
    except Exception as exc:  # the report shows a message; here we note it
        problems.append(f"{fn.__name__}: {type(exc).__name__}: {exc}")

problems = []
ds, frame = timed("read", read)
if names == "none":  # no organisation or person names to scrub from the open answers
    frame = frame.drop(columns=["name", "contact_name"])
t0 = time.perf_counter()
if job == "stats":
    with threadpool_limits(limits=1, user_api="blas"):  # as build_report does
        weights, _ = timed("weights", make_weights, ds.data, frame)
        ctx = timed("derive", make_context, ds, lang="nl", frame=frame, weights=weights)
        timed("climate", swallow, analysis_for, ctx)
        timed("models", swallow, models_for, ctx)
        spec = next(s for s in CATALOGUE if s.compute == "text_clusters")
        item = spec.params.get("item", "d1_description")
        k = int(spec.params.get("n_clusters", 2))
        timed("text", swallow, text_clusters_for, ctx, item, k)
        specs = [s for s in CATALOGUE if s.ready]
        t = time.perf_counter()
        for s in specs:
            data = swallow(COMPUTE[s.compute], ctx, s)
            if data is not None and data.message:
                problems.append(f"{s.id}: {data.message}")
        stages["figures"] = time.perf_counter() - t
        peaks["figures"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        stages["n_figures"] = len(specs)
else:
    report = timed("build", build_report, ds, frame=frame, lang="nl")
    with tempfile.TemporaryDirectory(prefix="report-", dir=folder) as out:  # removed after
        timed("html", write_report, report, Path(out) / "report")
        if pdf:
            timed("pdf", write_pdf, report, Path(out) / "report" / "report.pdf")
    problems.extend(report.problems)
    slow = sorted(report.timings.items(), key=lambda kv: -kv[1])[:6]
    stages["slowest"] = [[k, round(v, 3)] for k, v in slow]
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "stages": stages, "peaks": peaks,
                  "problems": problems[:8]}))
"""

AIM_REPORT_SIZE = 366  # full report with PDF within 15 s
AIM_STATS_SIZE = 366_000  # statistics within 60 s and 4 GiB
STATS_STAGES = ("weights", "derive", "climate", "models", "text", "figures")
REPORT_STAGES = ("build", "html", "pdf")


def generate(folder: Path, n: int, seed: int, vary: bool) -> tuple[float, int]:
    """Write ``responses.parquet`` and ``frame.csv`` (in a child process, untimed)."""
    proc = subprocess.run(
        [sys.executable, "-c", GENERATE, str(folder), str(n), str(seed), "1" if vary else "0"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        sys.exit(f"generating {n} responses failed:\n{proc.stderr[-2000:]}")
    seconds, frame_n = proc.stdout.split()
    return float(seconds), int(frame_n)


def run(job: str, folder: Path, pdf: bool, names: str, timeout: float) -> dict | None:
    """One timed run in a fresh process; None when it was stopped after ``timeout``."""
    args = [sys.executable, "-c", RUNNER, job, str(folder), "1" if pdf else "0", names]
    try:
        proc = subprocess.run(args, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        sys.exit(f"{job} on {folder} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median(rows: list[dict], *keys: str) -> float:
    """Median over runs of ``row[keys[0]][keys[1]]..`` (NaN where missing)."""
    values = []
    for r in rows:
        v: object = r
        for k in keys:
            v = v.get(k, math.nan) if isinstance(v, dict) else math.nan
        values.append(float(v))  # type: ignore[arg-type]
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="366,3660,36600,366000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--what", choices=("stats", "report", "all"), default="all")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--copies", action="store_true",
                        help="leave repeated base responses as exact copies (by default the "
                             "repeats are varied, so rows and open answers are not a few "
                             "thousand distinct ones copied over: see scaled_wave(vary=True))")  # fmt: skip
    parser.add_argument("--pdf-max", type=int, default=36600,
                        help="write the PDF for sizes up to this many responses")  # fmt: skip
    parser.add_argument("--names", choices=("frame", "none"), default="frame",
                        help="scrub the frame's organisation and person names from the open "
                             "answers (frame, as the report does) or not (none: the frame "
                             "is passed without its name columns)")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=600,
                        help="stop a run after this many seconds (and skip that job's other runs)")  # fmt: skip
    parser.add_argument("--data-dir", type=Path,
                        help="keep the generated files here (and reuse them); default: a temporary folder")  # fmt: skip
    opts = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in opts.sizes.split(",")]
    if opts.data_dir is not None:
        opts.data_dir.mkdir(parents=True, exist_ok=True)
        measure(sizes, opts, opts.data_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
            measure(sizes, opts, Path(tmp))


def measure(sizes: list[int], opts: argparse.Namespace, root: Path) -> None:
    jobs = ["stats", "report"] if opts.what == "all" else [opts.what]
    results: dict[tuple[str, int], list[dict]] = {}
    stopped: set[tuple[str, int]] = set()
    print(f"# names scrubbed from the open answers: {opts.names}; repeated responses: "
          f"{'exact copies' if opts.copies else 'varied'}; timeout {opts.timeout:.0f} s",
          flush=True)  # fmt: skip
    for n in sizes:
        folder = root / f"{n}-seed{opts.seed}{'' if opts.copies else '-varied'}"
        if (folder / "frame.csv").exists() and (folder / "responses.parquet").exists():
            print(f"# {n:,} responses: reusing {folder}", flush=True)
        else:
            folder.mkdir(exist_ok=True)
            secs, frame_n = generate(folder, n, opts.seed, not opts.copies)
            print(f"# {n:,} responses / {frame_n:,} organisations: generated in {secs:.1f} s "
                  "(not timed)", flush=True)  # fmt: skip
        for i in range(opts.runs):
            for job in jobs:
                if (job, n) in stopped:
                    continue
                pdf = job == "report" and n <= opts.pdf_max
                t = time.perf_counter()
                res = run(job, folder, pdf, opts.names, opts.timeout)
                if res is None:
                    stopped.add((job, n))
                    print(f"#   run {i + 1} {job}: stopped after {opts.timeout:.0f} s",
                          flush=True)  # fmt: skip
                    continue
                res["pdf"] = pdf
                results.setdefault((job, n), []).append(res)
                print(f"#   run {i + 1} {job}: {res['seconds']:.2f} s, {res['peak_mib']:.0f} MiB "
                      f"(wall {time.perf_counter() - t:.1f} s)"
                      + (f"; problems: {res['problems']}" if res["problems"] else ""),
                      flush=True)  # fmt: skip
    table(sizes, jobs, results, stopped, opts)


def table(
    sizes: list[int],
    jobs: list[str],
    results: dict[tuple[str, int], list[dict]],
    stopped: set[tuple[str, int]],
    opts: argparse.Namespace,
) -> None:
    print()
    print(f"runs per size: {opts.runs} (median; each run a fresh process); names scrubbed: "
          f"{opts.names}. Seconds exclude start-up, imports and reading the files (read s, "
          "shown apart); data generation is not timed. Peak MiB: the run's max RSS.")  # fmt: skip
    print(f"{'job':<11}{'size':>8}{'seconds':>10}{'read s':>8}{'peak MiB':>10}"
          f"{'x time':>8}{'x size':>8}{'exponent':>10}")  # fmt: skip
    med: dict[tuple[str, int], tuple[float, float]] = {}
    for job in jobs:
        prev: tuple[int, float] | None = None
        for n in sizes:
            rows = results.get((job, n), [])
            if not rows:
                mark = f"stopped after {opts.timeout:.0f} s" if (job, n) in stopped else "no runs"
                print(f"{job:<11}{n:>8,}  {mark}")
                prev = None
                continue
            secs, peak = median(rows, "seconds"), median(rows, "peak_mib")
            med[(job, n)] = (secs, peak)
            ratio = size_ratio = exponent = ""
            if prev is not None:
                r, s = secs / prev[1], n / prev[0]
                ratio, size_ratio = f"{r:.2f}", f"{s:g}"
                exponent = f"{math.log(r) / math.log(s):.2f}" if s > 1 and r > 0 else ""
            label = "report+pdf" if job == "report" and rows[0]["pdf"] else job
            print(f"{label:<11}{n:>8,}{secs:>10.2f}{median(rows, 'stages', 'read'):>8.2f}"
                  f"{peak:>10.0f}{ratio:>8}{size_ratio:>8}{exponent:>10}")  # fmt: skip
            prev = (n, secs)
    print()
    print("stages: median seconds (peak MiB after the stage, run 1)")
    for job in jobs:
        names = STATS_STAGES if job == "stats" else REPORT_STAGES
        for n in sizes:
            rows = results.get((job, n), [])
            if not rows:
                continue
            parts = [
                f"{k} {median(rows, 'stages', k):.2f} ({rows[0]['peaks'][k]:.0f})"
                for k in names
                if k in rows[0]["stages"]
            ]
            print(f"  {job:<7}{n:>8,}: {'; '.join(parts)}")
            if job == "report":
                print(f"  {'':<16}slowest report steps (run 1): {rows[0]['stages']['slowest']}")
    verdicts(sizes, jobs, med, results, stopped)


def verdicts(
    sizes: list[int],
    jobs: list[str],
    med: dict[tuple[str, int], tuple[float, float]],
    results: dict[tuple[str, int], list[dict]],
    stopped: set[tuple[str, int]],
) -> None:
    print()
    small, big = AIM_REPORT_SIZE, AIM_STATS_SIZE
    if "report" in jobs and ("report", small) in med:
        secs, _ = med[("report", small)]
        with_pdf = results[("report", small)][0]["pdf"]
        ok = secs <= 15 and with_pdf
        print(f"aim: full report with PDF on {small:,} within 15 s: {secs:.1f} s"
              f"{'' if with_pdf else ' (without PDF)'} -> {'MET' if ok else 'NOT MET'}")  # fmt: skip
    elif "report" in jobs and ("report", small) in stopped:
        print(f"aim: full report with PDF on {small:,} within 15 s: stopped -> NOT MET")
    if "stats" in jobs and ("stats", big) in med:
        secs, peak = med[("stats", big)]
        ok = secs <= 60 and peak <= 4096
        print(f"aim: statistics on {big:,} within 60 s and 4 GiB: {secs:.1f} s, "
              f"{peak:.0f} MiB -> {'MET' if ok else 'NOT MET'}")  # fmt: skip
    elif "stats" in jobs and ("stats", big) in stopped:
        print(f"aim: statistics on {big:,} within 60 s and 4 GiB: stopped -> NOT MET")
    for job in jobs:
        pairs = [
            (a, b) for a, b in pairwise(sizes) if (job, a) in med and (job, b) in med and b > a
        ]
        if not pairs:
            continue
        parts, worst = [], 0.0
        for a, b in pairs:
            r = med[(job, b)][0] / med[(job, a)][0]
            worst = max(worst, math.log(r) / math.log(b / a))
            parts.append(f"{a:,}->{b:,}: x{r:.1f} time for x{b / a:g} size")
        verdict = "MET" if worst <= 1.1 else "NOT MET"
        print(f"aim: {job} growth no worse than linear (exponent <= 1.1): "
              f"{'; '.join(parts)}; worst exponent {worst:.2f} -> {verdict}")  # fmt: skip
    if any(key[0] == "report" and not rows[0]["pdf"] for key, rows in results.items()):
        print("(report+pdf above --pdf-max is build_report + write_report only, no PDF)")


if __name__ == "__main__":
    main()
