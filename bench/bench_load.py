"""Load benchmark: N simulated respondents complete the questionnaire against gunicorn.

The stack is the production one: gunicorn with 2 sync workers, Django, PostgreSQL. An asyncio
client on loopback plays ``--respondents`` respondents, ``--concurrency`` at a time; each
opens its link, then GETs every page and POSTs its answers (with CSRF token and version, as
a browser does) until it submits. Every request count is bounded by the questionnaire's
length. Afterwards the database is read back: answers lost must be 0.

The same number of requests at the same concurrency then goes to ``/healthz`` (one database
round trip through the same middleware and server): the ceiling of this stack. The ratio is
survey requests/s over ceiling requests/s. Prints medians over ``--runs``.

    python bench/bench_load.py --database-url postgresql://postgres@127.0.0.1:55432/postgres

(``$TEST_DATABASE_URL`` is the default; a fresh database is created and dropped on it.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from barometer.questionnaire import Questionnaire, default

PREPARE = """
import json, sys
from barometer.web import setup
setup()
from barometer.web import operations, server
server.migrate(verbosity=0)
operations.create_wave("bench", title="bench")
operations.import_frame("bench", sys.argv[1])
ids = [line.split(",")[0] for line in open(sys.argv[1]).read().splitlines()[1:]]
print(json.dumps([operations.new_link("bench", i, "http://x") for i in ids]))
"""
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(rb'name="version" value="(\d+)"')
PAGE = re.compile(r"/page/([a-z0-9_-]+)/$")


# --------------------------------------------------------------------------- answers
def full_answers(q: Questionnaire, innovated: bool, n: int) -> dict[str, Any]:
    """A complete, valid set of answers, varied a little by respondent number ``n``."""
    answers: dict[str, Any] = {}
    for item in q.answerable():
        if item.choice_list is not None:
            names = [c for c in item.choice_list.names() if c not in ("none", "none_needed")]
            pick = names[n % len(names)]
            answers[item.name] = [pick] if item.type == "select_multiple" else pick
        elif item.type == "text":
            answers[item.name] = f"Answer {n} to {item.name}: <b>markup</b> & more"
        else:
            answers[item.name] = n
    answers["c1_innovated"] = "yes" if innovated else "no"
    answers["d14_results"] = ["quality"]
    return q.clear_hidden(answers)


def page_form(q: Questionnaire, page: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {i.name: answers[i.name] for i in q.group(page).items if i.name in answers}


# --------------------------------------------------------------------------- http client
@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"get": [], "post": []})
    errors: int = 0
    saves: int = 0


async def http(
    port: int, method: str, path: str, cookies: dict[str, str], form: dict[str, Any] | None = None
) -> tuple[int, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = urlencode(form, doseq=True).encode() if form is not None else b""
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if cookies:
        head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if form is not None:
        head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    header_blob, _, payload = data.partition(b"\r\n\r\n")
    lines = header_blob.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        if key.lower() == "set-cookie":
            name, _, rest = value.strip().partition("=")
            cookies[name] = rest.split(";", 1)[0]
        headers[key.lower()] = value.strip()
    return status, headers, payload


async def timed(
    stats: Stats, kind: str, *args: Any, **kw: Any
) -> tuple[int, dict[str, str], bytes]:
    start = time.perf_counter()
    try:
        return await http(*args, **kw)
    finally:
        stats.latencies[kind].append(time.perf_counter() - start)


async def respondent(
    q: Questionnaire, port: int, link: str, answers: dict[str, Any], stats: Stats
) -> None:
    cookies: dict[str, str] = {}
    status, headers, _ = await timed(stats, "get", port, "GET", link, cookies)
    location = headers.get("location", "")
    for _ in range(2 * len(q.groups) + 4):  # bounded: every page once, then review and submit
        if status not in (302, 303) or not location:
            stats.errors += 1
            return
        status, _, html = await timed(stats, "get", port, "GET", location, cookies)
        csrf, version = CSRF.search(html), VERSION.search(html)
        if status != 200 or not csrf or not version:
            stats.errors += 1
            return
        form = {"csrfmiddlewaretoken": csrf.group(1).decode(), "version": version.group(1).decode()}
        if location.endswith("/review/"):
            status, headers, _ = await timed(
                stats, "post", port, "POST", link + "submit/", cookies, form
            )
            stats.errors += status != 303 or not headers.get("location", "").endswith("/done/")
            stats.saves += status == 303
            return
        page = PAGE.search(location)
        assert page, location
        form.update(page_form(q, page.group(1), answers))
        status, headers, _ = await timed(stats, "post", port, "POST", location, cookies, form)
        stats.saves += status == 303
        location = headers.get("location", "")
    stats.errors += 1


async def run_survey(
    q: Questionnaire, port: int, jobs: list[tuple[str, dict[str, Any]]], concurrency: int
) -> tuple[Stats, float]:
    stats, queue = Stats(), list(jobs)

    async def worker() -> None:
        while queue:
            link, answers = queue.pop()
            await respondent(q, port, link, answers, stats)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats, time.perf_counter() - start


async def run_ceiling(port: int, requests: int, concurrency: int) -> tuple[Stats, float]:
    stats, remaining = Stats(), [requests]

    async def worker() -> None:
        while remaining[0] > 0:
            remaining[0] -= 1
            status, _, _ = await timed(stats, "get", port, "GET", "/healthz", {})
            stats.errors += status != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats, time.perf_counter() - start


# --------------------------------------------------------------------------- set-up
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_database(base: str) -> str:
    if base.startswith("sqlite"):
        return base
    import psycopg

    name = f"barometer_bench_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def drop_database(base: str, url: str) -> None:
    if base.startswith("sqlite"):
        return
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path[1:]}" WITH (FORCE)')


def stored_answers(url: str) -> dict[str, tuple[dict[str, Any], int, int]]:
    sql = (
        "SELECT o.org_id, r.answers, r.version, "
        "(SELECT COUNT(*) FROM web_pagesave s WHERE s.response_id = r.id) "
        "FROM web_response r JOIN web_organisation o ON o.id = r.organisation_id"
    )
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        import psycopg

        with psycopg.connect(url) as pg:
            rows = pg.execute(sql).fetchall()
    return {o: (json.loads(a) if isinstance(a, str) else a, v, n) for o, a, v, n in rows}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def one_run(opts: argparse.Namespace, q: Questionnaire, tmp: Path) -> dict[str, float]:
    url = create_database(opts.database_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
    env.update(
        DATABASE_URL=url,
        BAROMETER_SECRET_KEY="bench-" + "z" * 44,
        BAROMETER_ALLOWED_HOSTS="127.0.0.1",
        BAROMETER_THROTTLE_LIMIT="1000000",
    )
    server = None
    try:
        rows = ["org_id,name,sector,cluster,size_class,contact_name,contact_email,language"]
        rows += [
            f"B{i:05d},Org {i},gemeenten,,,,b{i}@org.example,nl" for i in range(opts.respondents)
        ]
        frame = tmp / "frame.csv"
        frame.write_text("\n".join(rows) + "\n", encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", PREPARE, str(frame)], env=env, cwd=tmp,
                             capture_output=True, text=True, check=True)  # fmt: skip
        links = [u.removeprefix("http://x") for u in json.loads(out.stdout.splitlines()[-1])]
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
        asyncio.run(run_ceiling(port, 200, opts.concurrency))  # warm up every worker
        expected = {f"B{i:05d}": full_answers(q, i % 2 == 0, i) for i in range(opts.respondents)}
        jobs = [(link, expected[f"B{i:05d}"]) for i, link in enumerate(links)]
        survey, survey_s = asyncio.run(run_survey(q, port, jobs, opts.concurrency))
        n_requests = len(survey.latencies["get"]) + len(survey.latencies["post"])
        ceiling, ceiling_s = asyncio.run(run_ceiling(port, n_requests, opts.concurrency))
        stored = stored_answers(url)
        lost = sum(
            sum(1 for k, v in answers.items() if stored.get(org, ({}, 0, 0))[0].get(k) != v)
            + (stored[org][1] != stored[org][2] if org in stored else 1)
            for org, answers in expected.items()
        )
        requests_s = n_requests / survey_s
        posts, everything = (
            survey.latencies["post"],
            survey.latencies["post"] + survey.latencies["get"],
        )
        return {
            "page_saves_per_s": survey.saves / survey_s,
            "requests_per_s": requests_s,
            "save_p50_ms": 1000 * percentile(posts, 50),
            "save_p95_ms": 1000 * percentile(posts, 95),
            "save_p99_ms": 1000 * percentile(posts, 99),
            "request_p50_ms": 1000 * percentile(everything, 50),
            "request_p95_ms": 1000 * percentile(everything, 95),
            "request_p99_ms": 1000 * percentile(everything, 99),
            "errors": survey.errors + ceiling.errors,
            "answers_lost": lost,
            "page_saves": survey.saves,
            "ceiling_requests_per_s": n_requests / ceiling_s,
            "ceiling_p95_ms": 1000 * percentile(ceiling.latencies["get"], 95),
            "ratio": requests_s / (n_requests / ceiling_s),
        }
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
        drop_database(opts.database_url, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="PostgreSQL server URL (default $TEST_DATABASE_URL)")  # fmt: skip
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    if not opts.database_url:
        sys.exit("give --database-url postgresql://... (or set TEST_DATABASE_URL)")
    q = default()
    results = []
    for n in range(opts.runs):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(one_run(opts, q, Path(tmp)))
        print(
            f"run {n + 1}: " + ", ".join(f"{k}={v:.1f}" for k, v in results[-1].items()),
            file=sys.stderr,
        )
    median = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"load benchmark: {opts.respondents} respondents, concurrency {opts.concurrency}, "
          f"gunicorn {opts.workers} workers, {urlsplit(opts.database_url).scheme}; "
          f"medians of {opts.runs} runs")  # fmt: skip
    for key, value in median.items():
        print(f"  {key:24s} {value:10.2f}")
    ok = median["answers_lost"] == 0 and median["errors"] == 0
    print(f"  {'aims':24s} saves/s>=100: {median['page_saves_per_s'] >= 100}, "
          f"p95<200ms: {median['save_p95_ms'] < 200}, ratio>=0.5: {median['ratio'] >= 0.5}")  # fmt: skip
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
