"""Nothing lost: SIGKILL the server while respondents save pages concurrently, restart, and
find every acknowledged save in the database exactly once; then everyone finishes.

Runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serverutil import HttpClient, Server, backend_url, prepare_wave, responses
from surveyhelp import INNOVATED

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.external)]
RESPONDENTS = 12
KILL_AFTER = 30  # acknowledged saves


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from backend_url(request.param, tmp_path)


def run_respondent(
    client: HttpClient,
    link: str,
    acked: list[tuple[str, int]],
    lock: threading.Lock,
) -> None:
    """Save the pages in order until done or the server is gone; record acknowledged saves."""
    done = {page for page, _ in acked}
    for page, answers in INNOVATED.items():
        if page in done:
            continue
        try:
            status, version, location = client.save_page(f"{link}page/{page}/", answers)
        except (OSError, http.client.HTTPException, AssertionError):
            return  # the server died mid-request: this save was never acknowledged
        assert status == 303, (page, status, location[:500])
        with lock:
            acked.append((page, version + 1))


@pytest.mark.slow
def test_sigkill_during_concurrent_saves(database_url: str, tmp_path: Path) -> None:
    links = [
        u.removeprefix("http://x")
        for u in prepare_wave(database_url, tmp_path, RESPONDENTS, "http://x")
    ]
    server = Server(database_url, tmp_path, workers=2).start()
    clients = [HttpClient(server.url) for _ in links]
    acked: list[list[tuple[str, int]]] = [[] for _ in links]
    lock = threading.Lock()
    threads = [
        threading.Thread(target=run_respondent, args=(c, link, a, lock))
        for c, link, a in zip(clients, links, acked, strict=True)
    ]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while sum(map(len, acked)) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.002)
        server.kill()
        for t in threads:
            t.join(30)
        total = sum(map(len, acked))
        assert KILL_AFTER <= total < RESPONDENTS * len(INNOVATED), "the kill came too late"

        stored = responses(database_url)
        for n, saves in enumerate(acked):
            if not saves:
                continue
            answers, version, _, versions = stored[f"E{n:03d}"]
            last = max(v for _, v in saves)
            # Every acknowledged save is there; at most one more (committed, reply lost).
            assert version in (last, last + 1)
            assert versions == list(range(1, version + 1))  # none lost, none twice
            for page, _ in saves:
                for key, value in INNOVATED[page].items():
                    assert answers[key] == value, (n, page, key)

        # Restart on the same database: everyone resumes from the link and finishes.
        server = Server(database_url, tmp_path, workers=2).start()
        for client in clients:
            client.port = server.port
        for client, link, saves in zip(clients, links, acked, strict=True):
            status, _, _ = client.request("GET", link)
            assert status == 302
            run_respondent(client, link, saves, lock)
            assert len(saves) == len(INNOVATED)
        final = responses(database_url)
        expected = {k: v for page in INNOVATED.values() for k, v in page.items()}
        for n in range(RESPONDENTS):
            answers, version, status, versions = final[f"E{n:03d}"]
            assert answers == expected and status == "partial"
            assert versions == list(range(1, version + 1))
    finally:
        server.stop()
