"""Explorer and self-test benchmark: 50 concurrent clients against gunicorn and PostgreSQL.

The demo wave is made (``barometer demo``), migrated and published (``barometer publish``)
into a fresh PostgreSQL database once; gunicorn (2 sync workers) serves it on loopback. An
asyncio client then plays ``--concurrency`` visitors sending ``--requests`` requests per run:

- ``explorer``: ``GET /resultaten/?...`` for a random published indicator × breakdown ×
  filter (every table of the snapshot is a candidate), and one in five the CSV download of
  the same;
- ``selftest``: one in six requests ``POST /zelftest/`` with random answers to every
  statement (each client fetched the form once for its CSRF token) and a sector group.

Every answer is read from the published snapshot (one query for the versions, one for the
table; a version's meta is cached per process); nothing is recomputed per request, and a
page or CSV once rendered is served again from memory while the published versions are
the same. The warm-up requests every page and CSV about three times first (steady state). The
ceiling is ``bench_load``'s: the same number of requests at the same concurrency to
``GET /healthz`` (``SELECT 1``) through the same gunicorn, middleware and database.
``ratio`` = explorer-and-self-test requests/s / ceiling requests/s (aim: >= 0.5; p95 aim
< 100 ms). Medians over ``--runs`` are printed (each run's on stderr).

    python bench/bench_explorer.py --database-url postgresql://postgres@127.0.0.1:55432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (  # the folder of this script, added above
    Stats,
    create_database,
    drop_database,
    free_port,
    percentile,
    run_ceiling,
    timed,
)

BAROMETER = str(Path(sys.executable).with_name("barometer"))
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def tables(url: str) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """Every published (indicator, breakdown, filter), the statements and sector groups."""
    import psycopg

    with psycopg.connect(url) as pg:
        rows = pg.execute("SELECT indicator, breakdown, filter FROM web_publishedtable").fetchall()
        meta = pg.execute("SELECT meta FROM web_publishedwave ORDER BY version DESC").fetchone()
    assert meta is not None
    st = meta[0]["selftest"]
    return [tuple(r) for r in rows], [s["name"] for s in st["statements"]], list(st["sectors"])


async def run_mix(
    port: int, requests: int, concurrency: int, combos: list[Any], statements: list[str],
    sectors: list[str], seed: int,
) -> tuple[Stats, float]:  # fmt: skip
    stats, remaining = Stats(latencies={"explorer": [], "selftest": []}), [requests]
    rng = random.Random(seed)

    async def worker() -> None:
        cookies: dict[str, str] = {}
        token = ""
        while remaining[0] > 0:
            remaining[0] -= 1
            if rng.random() < 1 / 6:
                if not token:
                    status, _, body = await timed(stats, "selftest", port, "GET", "/zelftest/",
                                                  cookies)  # fmt: skip
                    found = CSRF.search(body)
                    assert found, body[:200]
                    token = found.group(1).decode()
                form = {n: str(rng.randint(1, 5)) for n in statements}
                form.update(csrfmiddlewaretoken=token, sector=rng.choice(sectors), wave="2021")
                status, _, _ = await timed(stats, "selftest", port, "POST", "/zelftest/",
                                           cookies, form)  # fmt: skip
            else:
                indicator, breakdown, filt = rng.choice(combos)
                query = {"wave": "2021", "indicator": indicator, "breakdown": breakdown}
                if filt:
                    query["filter"] = filt
                path = "/resultaten/cijfers.csv" if rng.random() < 0.2 else "/resultaten/"
                status, _, _ = await timed(stats, "explorer", port, "GET",
                                           f"{path}?{urlencode(query)}", cookies)  # fmt: skip
            stats.errors += status != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="PostgreSQL server URL (default $TEST_DATABASE_URL)")  # fmt: skip
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    if not opts.database_url or not opts.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("give --database-url postgresql://... (or set TEST_DATABASE_URL)")
    url = create_database(opts.database_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
    env.update(DATABASE_URL=url, BAROMETER_SECRET_KEY="bench-" + "z" * 44,
               BAROMETER_ALLOWED_HOSTS="127.0.0.1")  # fmt: skip
    server = None
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run = {"cwd": tmp, "env": env, "check": True, "capture_output": True}
            subprocess.run([BAROMETER, "demo", "--out", "demo", "--quiet"], **run)  # type: ignore[call-overload]
            subprocess.run([BAROMETER, "migrate"], **run)  # type: ignore[call-overload]
            subprocess.run([BAROMETER, "publish", "demo/responses.csv", "--frame",
                            "demo/frame.csv", "--wave", "2021"], **run)  # type: ignore[call-overload]  # fmt: skip
            combos, statements, sectors = tables(url)
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(opts.workers), "--bind",
                 f"127.0.0.1:{port}", "--no-control-socket", "barometer.web.wsgi:application"],
                env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            # warm-up: every page and CSV served a few times, so that each worker has
            # rendered it once (a published version never changes; see views_explorer.cached)
            asyncio.run(run_mix(port, 3 * 2 * len(combos), opts.concurrency, combos, statements,
                                sectors, 0))  # fmt: skip
            for n in range(opts.runs):
                mix, mix_s = asyncio.run(run_mix(port, opts.requests, opts.concurrency, combos,
                                                 statements, sectors, n + 1))  # fmt: skip
                done = len(mix.latencies["explorer"]) + len(mix.latencies["selftest"])
                ceiling, ceiling_s = asyncio.run(run_ceiling(port, done, opts.concurrency))
                everything = mix.latencies["explorer"] + mix.latencies["selftest"]
                result = {
                    "requests_per_s": done / mix_s,
                    "p50_ms": 1000 * percentile(everything, 50),
                    "p95_ms": 1000 * percentile(everything, 95),
                    "p99_ms": 1000 * percentile(everything, 99),
                    "explorer_p95_ms": 1000 * percentile(mix.latencies["explorer"], 95),
                    "selftest_p95_ms": 1000 * percentile(mix.latencies["selftest"], 95),
                    "ceiling_requests_per_s": done / ceiling_s,
                    "ceiling_p95_ms": 1000 * percentile(ceiling.latencies["get"], 95),
                    "ratio": (done / mix_s) / (done / ceiling_s),
                    "errors": mix.errors + ceiling.errors,
                    "requests": done,
                }
                results.append(result)
                print(f"run {n + 1}: " + ", ".join(f"{k}={v:.2f}" for k, v in result.items()),
                      file=sys.stderr)  # fmt: skip
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
        drop_database(opts.database_url, url)
    median = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"explorer benchmark: {opts.requests} requests per run (5/6 explorer pages and CSV, "
          f"1/6 self-test POSTs), concurrency {opts.concurrency}, gunicorn {opts.workers} sync "
          f"workers, PostgreSQL; medians of {opts.runs} runs")  # fmt: skip
    for key, value in median.items():
        print(f"  {key:26s} {value:10.2f}")
    print(f"  {'aims':26s} p95<100ms: {median['p95_ms'] < 100}, ratio>=0.5: "
          f"{median['ratio'] >= 0.5}")  # fmt: skip
    sys.exit(0 if max(r["errors"] for r in results) == 0 else 1)


if __name__ == "__main__":
    main()
