"""Load benchmark: N simulated respondents complete the questionnaire against gunicorn.

The stack is the production one: gunicorn with 2 sync workers, Django, PostgreSQL. An asyncio
client on loopback plays ``--respondents`` respondents, ``--concurrency`` at a time; each
opens its link, then GETs every page and POSTs its answers (with CSRF token and version, as
a browser does) until it submits. Every request count is bounded by the questionnaire's
length. Afterwards the database is read back: answers lost must be 0.

Two ceilings get the same number of requests at the same concurrency, through the same
gunicorn, middleware and database connection:

- ``ceiling`` (the aim's): ``GET /healthz``, a view that runs ``SELECT 1`` and answers
  "ok". It writes nothing, so it costs no commit.
- ``write ceiling``: ``POST /bench/write/<n>/``, a view (added by this script, not by the
  app) that runs one ``UPDATE`` of row ``n`` of a 1000-row table in a transaction and
  answers "ok": the cost of a durable commit with nothing of ours around it.

``ratio`` = survey requests/s / ceiling requests/s. About half of the survey's requests are
page saves, each a durable commit, which the ceiling never pays; so ``mixed ceiling`` is
the rate of the survey's own mix of requests on the trivial views, computed from the two
(its GETs at the ceiling's rate, its POSTs at the write ceiling's), and ``mixed_ratio`` =
survey requests/s / mixed ceiling measures the app's overhead apart from the database's
commit cost. Each run uses a fresh database; the figures printed
are medians over ``--runs`` (each run's are on stderr).

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


async def run_ceiling(
    port: int, requests: int, concurrency: int, write: bool = False
) -> tuple[Stats, float]:
    """``requests`` requests to a trivial view: ``GET /healthz`` or, with ``write``,
    ``POST /bench/write/<n>/`` (one durable UPDATE; n cycles over WRITE_ROWS rows)."""
    stats, remaining = Stats(), [requests]

    async def worker() -> None:
        while remaining[0] > 0:
            remaining[0] -= 1
            if write:
                path = f"/bench/write/{remaining[0] % WRITE_ROWS}/"
                status, _, _ = await timed(stats, "post", port, "POST", path, {}, {})
            else:
                status, _, _ = await timed(stats, "get", port, "GET", "/healthz", {})
            stats.errors += status != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats, time.perf_counter() - start


CEILINGS = """
ceiling       = the same number of requests, at the same concurrency, to GET /healthz
                (SELECT 1, no write) through the same gunicorn, middleware and database
ratio         = survey requests/s / ceiling requests/s (the aim: >= 0.5)
write ceiling = the same to POST /bench/write/<n>/ (one UPDATE in a transaction,
                committed durably, nothing else)
mixed ceiling = the survey's own mix of requests at those two rates (computed): its GETs
                at the ceiling's, its POSTs (page saves) at the write ceiling's;
                mixed_ratio = survey requests/s / mixed ceiling
"""

# --------------------------------------------------------------------------- write ceiling
WRITE_ROWS = 1000
WRITE_TABLE = "bench_write_ceiling"


def _write_view(request: Any, n: int) -> Any:
    """The write ceiling: one UPDATE in a transaction, committed (durably) before answering."""
    from django.db import connection, transaction
    from django.http import HttpResponse

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {WRITE_TABLE} SET n = n + 1 WHERE id = %s", [n])
    return HttpResponse("ok", content_type="text/plain")


def __getattr__(name: str) -> Any:
    """``bench_load:application`` (for gunicorn): barometer's WSGI application with the
    write-ceiling view added to its URLs. Only this benchmark serves that URL."""
    if name != "application":
        raise AttributeError(name)
    from barometer.web import setup

    setup()
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    from barometer.web import urls

    urls.urlpatterns.insert(0, path("bench/write/<int:n>/", csrf_exempt(_write_view)))
    from barometer.web.wsgi import application

    return application


# --------------------------------------------------------------------------- set-up
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_database(base: str) -> str:
    import psycopg

    name = f"barometer_bench_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE TABLE {WRITE_TABLE} (id integer PRIMARY KEY, n bigint NOT NULL)")
        conn.execute(
            f"INSERT INTO {WRITE_TABLE} SELECT i, 0 FROM generate_series(0, %s) i",
            [WRITE_ROWS - 1],
        )
    return url


def drop_database(base: str, url: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path[1:]}" WITH (FORCE)')


def stored_answers(url: str) -> dict[str, tuple[dict[str, Any], int, int]]:
    sql = (
        "SELECT o.org_id, r.answers, r.version, "
        "(SELECT COUNT(*) FROM web_pagesave s WHERE s.response_id = r.id) "
        "FROM web_response r JOIN web_organisation o ON o.id = r.organisation_id"
    )
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
            [sys.executable, "-m", "gunicorn", "--workers", str(opts.workers),
             "--threads", str(opts.threads), "--bind", f"127.0.0.1:{port}",
             "--no-control-socket", "--pythonpath", str(Path(__file__).resolve().parent),
             "bench_load:application"],
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
        write, write_s = asyncio.run(run_ceiling(port, n_requests, opts.concurrency, True))
        stored = stored_answers(url)
        lost = sum(
            sum(1 for k, v in answers.items() if stored.get(org, ({}, 0, 0))[0].get(k) != v)
            + (stored[org][1] != stored[org][2] if org in stored else 1)
            for org, answers in expected.items()
        )
        requests_s = n_requests / survey_s
        ceiling_rps, write_rps = n_requests / ceiling_s, n_requests / write_s
        n_posts = len(survey.latencies["post"])
        # The survey's own mix at the trivial views' rates: its GETs at the read ceiling's
        # rate, its POSTs (page saves) at the write ceiling's.
        mixed_rps = n_requests / ((n_requests - n_posts) / ceiling_rps + n_posts / write_rps)
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
            "errors": survey.errors + ceiling.errors + write.errors,
            "answers_lost": lost,
            "page_saves": survey.saves,
            "requests": n_requests,
            "ceiling_requests_per_s": ceiling_rps,
            "ceiling_p95_ms": 1000 * percentile(ceiling.latencies["get"], 95),
            "ratio": requests_s / ceiling_rps,
            "write_ceiling_requests_per_s": write_rps,
            "write_ceiling_p95_ms": 1000 * percentile(write.latencies["post"], 95),
            "mixed_ceiling_requests_per_s": mixed_rps,
            "mixed_ratio": requests_s / mixed_rps,
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
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per worker (> 1: gunicorn's gthread worker)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    if not opts.database_url or not opts.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("give --database-url postgresql://... (or set TEST_DATABASE_URL)")
    q = default()
    results = []
    for n in range(opts.runs):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(one_run(opts, q, Path(tmp)))
        print(
            f"run {n + 1}: "
            + ", ".join(
                f"{k}={v:.2f}" if abs(v) < 10 else f"{k}={v:.1f}" for k, v in results[-1].items()
            ),
            file=sys.stderr,
        )
    median = {k: statistics.median(r[k] for r in results) for k in results[0]}
    worker = "sync" if opts.threads == 1 else f"gthread, {opts.threads} threads"
    print(f"load benchmark: {opts.respondents} respondents, concurrency {opts.concurrency}, "
          f"gunicorn {opts.workers} workers ({worker}), PostgreSQL; medians of {opts.runs} runs")  # fmt: skip
    for key, value in median.items():
        print(f"  {key:28s} {value:10.2f}")
    worst = {k: max(r[k] for r in results) for k in ("errors", "answers_lost")}
    print(
        f"  {'worst run':28s} errors {worst['errors']:.0f}, answers lost {worst['answers_lost']:.0f}"
    )
    for line in CEILINGS.strip().splitlines():
        print("  " + line)
    print(f"  {'aims':28s} saves/s>=100: {median['page_saves_per_s'] >= 100}, "
          f"p95<200ms: {median['save_p95_ms'] < 200}, ratio>=0.5: {median['ratio'] >= 0.5}")  # fmt: skip
    sys.exit(0 if worst["errors"] == 0 and worst["answers_lost"] == 0 else 1)


if __name__ == "__main__":
    main()
