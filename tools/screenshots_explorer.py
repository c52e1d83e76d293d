"""Screenshots of the results explorer and the self-test, at 1280 and 375 px wide.

    python tools/screenshots_explorer.py OUT_FOLDER [--url http://127.0.0.1:8000]

Without ``--url`` it makes the demo wave in a temporary folder, publishes it into a
temporary SQLite database (``barometer demo``, ``migrate``, ``publish``) and serves it with
gunicorn on a free loopback port. Chromium (/usr/bin/chromium via Playwright) then opens the
explorer (no breakdown, a breakdown, a suppressed combination, an unknown indicator, the
English page) and the self-test (empty, a result, an answer outside the scale), and writes
NN-name-WIDTH.png (full page) into OUT_FOLDER.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

WIDTHS = (1280, 375)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    ("explorer", "/resultaten/?indicator=fig01_innovated_share"),
    ("breakdown", "/resultaten/?indicator=fig02_innovation_types&breakdown=sector"),
    (
        "suppressed",
        "/resultaten/?indicator=fig06_technology_new&breakdown=cluster&filter=size:lt100",
    ),
    ("score", "/resultaten/?indicator=climate_score&breakdown=size"),
    ("not-found", "/resultaten/?indicator=nope"),
    ("english", "/en/results/?indicator=fig13_factors&breakdown=climate"),
    ("selftest", "/zelftest/"),
]


@contextmanager
def demo_server() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "BAROMETER_SECRET_KEY": secrets.token_urlsafe(50),
            "BAROMETER_ALLOWED_HOSTS": "127.0.0.1",
        }
        exe = [str(Path(sys.executable).with_name("barometer"))]
        run = {"cwd": tmp, "env": env, "check": True, "capture_output": True}
        subprocess.run([*exe, "demo", "--out", "demo", "--quiet"], **run)  # type: ignore[call-overload]
        subprocess.run([*exe, "migrate"], **run)  # type: ignore[call-overload]
        subprocess.run(
            [*exe, "publish", "demo/responses.csv", "--frame", "demo/frame.csv", "--wave", "2021"],
            **run,
        )  # type: ignore[call-overload]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--no-control-socket",
                "barometer.web.wsgi:application",
            ],
            cwd=tmp,
            env=env,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            proc.wait(10)


def shoot(page: Page, out: Path, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--url", default=None)
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    with demo_server() if opts.url is None else _given(opts.url) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        for i, (name, path) in enumerate(PAGES, start=1):
            page.goto(url + path)
            shoot(page, opts.out, f"{i:02d}-{name}")
        page.goto(url + "/zelftest/")
        for j, row in enumerate(page.locator("fieldset.statement-row").all()):
            row.locator("input[type=radio]").nth(j % 5).check()
        page.select_option("#f-sector", index=1)
        page.click("#compute")
        page.wait_for_load_state()
        shoot(page, opts.out, f"{len(PAGES) + 1:02d}-selftest-result")
        page.evaluate(
            "document.querySelector('fieldset.statement-row input').value = '9';"
            "document.querySelector('fieldset.statement-row input').checked = true"
        )
        page.click("#compute")
        page.wait_for_load_state()
        shoot(page, opts.out, f"{len(PAGES) + 2:02d}-selftest-error")
        browser.close()
    print(f"screenshots in {opts.out}")


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


if __name__ == "__main__":
    main()
