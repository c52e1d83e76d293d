"""Real server processes for the end-to-end tests: a database per test (SQLite file or a fresh
PostgreSQL database), gunicorn on a free loopback port, and a small HTTP client.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

SECRET = "e2e-secret-key-" + "y" * 40
PREPARE = """
import json, sys
from barometer.web import setup
setup()
from barometer.web import operations, server
server.migrate(verbosity=0)
operations.create_wave("e2e", title="E2E")
operations.import_frame("e2e", sys.argv[1])
ids = [line.split(",")[0] for line in open(sys.argv[1]).read().splitlines()[1:]]
print(json.dumps([operations.new_link("e2e", i, sys.argv[2]) for i in ids]))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def backend_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of ``backend`` for one test (generator for a fixture)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path}/e2e.sqlite3"
        return
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set (CI sets it; see docs/deployment.md)")
    with postgres_database(base) as url:
        yield url


@contextmanager
def postgres_database(base: str) -> Iterator[str]:
    import psycopg

    name = f"barometer_e2e_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        parts = urlsplit(base)
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
    env.update(
        DATABASE_URL=database_url,
        BAROMETER_SECRET_KEY=SECRET,
        BAROMETER_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONDONTWRITEBYTECODE="1",
        **extra,
    )
    return env


def prepare_wave(database_url: str, cwd: Path, n: int, base_url: str) -> list[str]:
    """Migrate, create wave 'e2e' with ``n`` organisations; return one link per organisation."""
    sectors = [
        ("gemeenten", "gemeenten_onderdelen"),
        ("zbo", "zbo"),
        ("provincies", "overig_decentraal"),
    ]
    rows = ["org_id,name,sector,cluster,size_class,contact_name,contact_email,language"]
    for i in range(n):
        sector, cluster = sectors[i % len(sectors)]
        rows.append(f"E{i:03d},Org {i},{sector},{cluster},,,e{i}@org.example,nl")
    frame = cwd / "frame.csv"
    frame.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PREPARE, str(frame), base_url],
        env=environment(database_url),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    links: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return links


STAFF_USER, STAFF_PASSWORD = "research", "Fieldwork-Monitor-2025"
CREATE_STAFF = """
import sys
from barometer.web import setup
setup()
from barometer.web import operations
operations.create_staff(sys.argv[1], sys.argv[2], "research@example.org")
"""


def create_staff(database_url: str, cwd: Path) -> tuple[str, str]:
    """A staff account (superuser) in the database: (user name, password)."""
    out = subprocess.run(
        [sys.executable, "-c", CREATE_STAFF, STAFF_USER, STAFF_PASSWORD],
        env=environment(database_url),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return STAFF_USER, STAFF_PASSWORD


class Server:
    """gunicorn serving barometer in its own process group (so SIGKILL takes all workers)."""

    def __init__(self, database_url: str, cwd: Path, workers: int = 2, **env: str) -> None:
        self.database_url, self.cwd, self.workers = database_url, cwd, workers
        self.port = free_port()
        self.env = environment(database_url, **env)
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = cwd / f"gunicorn-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> Server:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--no-control-socket",
            "--graceful-timeout",
            "5",
            "barometer.web.wsgi:application",
        ]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                command, env=self.env, cwd=self.cwd, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
            finally:
                conn.close()
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no clean-up runs."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')


class HttpClient:
    """One respondent's 'browser': keeps cookies, follows nothing by itself."""

    def __init__(self, base: str, timeout: float = 10) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {}
        self.timeout = timeout

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({k: m.value for k, m in cookie.items()})
        return response.status, dict(response.headers), text

    def save_page(self, path: str, answers: dict[str, Any]) -> tuple[int, int, str]:
        """GET a page and POST ``answers``: (status, version posted, Location or body)."""
        status, _, html = self.request("GET", path)
        assert status == 200, (path, status)
        csrf, version = _CSRF.search(html), _VERSION.search(html)
        assert csrf and version
        form = {**answers, "csrfmiddlewaretoken": csrf.group(1), "version": version.group(1)}
        status, headers, body = self.request("POST", path, form)
        return status, int(version.group(1)), headers.get("Location", body)


def responses(database_url: str) -> dict[str, tuple[dict[str, Any], int, str, list[int]]]:
    """org_id -> (answers, version, status, page-save versions) read straight from the store."""
    sql_r = (
        "SELECT o.org_id, r.answers, r.version, r.status, r.id FROM web_response r "
        "JOIN web_organisation o ON o.id = r.organisation_id"
    )
    sql_s = "SELECT response_id, version FROM web_pagesave ORDER BY version"
    if database_url.startswith("sqlite:"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            rows, saves = conn.execute(sql_r).fetchall(), conn.execute(sql_s).fetchall()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(database_url) as pg:
            rows, saves = pg.execute(sql_r).fetchall(), pg.execute(sql_s).fetchall()
    by_response: dict[int, list[int]] = {}
    for response_id, version in saves:
        by_response.setdefault(response_id, []).append(version)
    return {
        org: (json.loads(a) if isinstance(a, str) else a, v, s, by_response.get(pk, []))
        for org, a, v, s, pk in rows
    }
