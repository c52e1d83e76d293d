"""Screenshots of every respondent page, at 1280 and 375 px wide, for a reviewer to look at.

    python tools/screenshots_survey.py OUT_FOLDER

Sets up a throw-away wave in a temporary SQLite database, serves it with gunicorn on a free
loopback port and walks the questionnaire as an innovator in Chromium (/usr/bin/chromium via
Playwright): the welcome page, each section empty, with errors and answered, the review page,
a change of mind with its warning, the thank-you page, and the invalid-link and opt-out
pages. Writes NN-name-WIDTH.png (full page) into OUT_FOLDER.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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
PREPARE = """
import json, sys
from barometer.web import setup
setup()
from barometer.web import operations, server
server.migrate(verbosity=0)
from datetime import datetime, timezone
operations.create_wave(
    "shots", title="Innovatie Barometer 2025",
    closes_at=datetime(2099, 6, 30, 22, 0, tzinfo=timezone.utc),
    parameters={"first_year": "2023", "last_year": "2024"},
    contact_name="Team Innovatie Barometer", contact_email="barometer@example.org",
)
operations.import_frame("shots", sys.argv[1])
print(json.dumps([operations.new_link("shots", i, sys.argv[2]) for i in ("S1", "S2")]))
"""
FRAME = (
    "org_id,name,sector,cluster,size_class,contact_name,contact_email,language\n"
    "S1,Gemeente Voorbeeld,gemeenten,gemeenten_onderdelen,,An Jansen,an@voorbeeld.example,nl\n"
    "S2,Gemeente Voorbeeld,gemeenten,gemeenten_onderdelen,,An Jansen,an@voorbeeld.example,nl\n"
)
# Answers that take the long path; any other question gets its fourth choice (or its first).
PREFERRED = {"c1_innovated": "yes", "d4_tech_share": "important", "d8_collab": "private"}
TEXT = "Een digitale balie voor vergunningen, samen met twee buurgemeenten ontwikkeld."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answer_all(page: Page) -> None:
    """Answer every question the page shows now, in order (new ones appear as we go)."""
    for _ in range(3):
        names = page.evaluate(
            "Array.from(document.querySelectorAll('[data-q]')).filter(e => !e.hidden"
            " && !e.classList.contains('note')).map(e => e.dataset.q)"
        )
        for name in names:
            inputs = page.locator(f"[name='{name}']")
            kind = inputs.first.get_attribute("type") or "textarea"
            if kind in ("radio", "checkbox"):
                if page.locator(f"[name='{name}']:checked").count():
                    continue
                value = PREFERRED.get(name)
                values = [inputs.nth(i).get_attribute("value") for i in range(inputs.count())]
                pick = value if value in values else values[min(3, len(values) - 1)]
                page.check(f"[name='{name}'][value='{pick}']")
            elif not inputs.first.input_value():
                inputs.first.fill(TEXT if kind == "textarea" else "12")


def shoot(page: Page, out: Path, counter: list[int], name: str, width: int) -> None:
    counter[0] += 1
    page.evaluate("window.scrollTo(0, 0)")  # sticky grid headings where they start
    page.screenshot(path=str(out / f"{counter[0]:02d}-{name}-{width}.png"), full_page=True)


def walk(page: Page, link: str, base: str, out: Path, width: int) -> None:
    counter = [0]
    page.goto(f"{base}/s/{'x' * 43}/")
    shoot(page, out, counter, "invalid-link", width)
    page.goto(link)
    if page.locator("#welcome").count():  # the first page welcomes: privacy opened
        page.click("#welcome summary")
        shoot(page, out, counter, "welcome", width)
    first = True
    while "/page/" in page.url:
        section = page.url.rstrip("/").rsplit("/", 1)[-1]
        shoot(page, out, counter, f"{section}-empty", width)
        if first:  # the error state, once
            page.click("button[value='next']")
            shoot(page, out, counter, f"{section}-errors", width)
            first = False
        answer_all(page)
        shoot(page, out, counter, f"{section}-answered", width)
        page.click("button[value='next']")
        page.wait_for_load_state()
    shoot(page, out, counter, "review", width)
    page.click("#sec-innovation ~ p a")
    page.check("input[name='c1_innovated'][value='no']")
    shoot(page, out, counter, "change-warning", width)
    page.check("input[name='c1_innovated'][value='yes']")
    page.click("button[value='next']")
    page.wait_for_url("**/review/")
    page.click("button[type='submit']")
    page.wait_for_url("**/done/")
    shoot(page, out, counter, "done", width)
    page.goto(f"{link}optout/")
    shoot(page, out, counter, "optout", width)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "frame.csv").write_text(FRAME, encoding="utf-8")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
        env.update(
            DATABASE_URL=f"sqlite:///{folder}/shots.sqlite3",
            BAROMETER_SECRET_KEY=secrets.token_urlsafe(50),
            BAROMETER_ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        prepared = subprocess.run(
            [sys.executable, "-c", PREPARE, str(folder / "frame.csv"), base],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
        links = json.loads(prepared.stdout.strip().splitlines()[-1])
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--no-control-socket", "barometer.web.wsgi:application"],
            env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                for width, link in zip(WIDTHS, links, strict=True):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    walk(page, link, base, out, width)
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(15)
    print(f"wrote {len(list(out.glob('*.png')))} screenshots to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/screenshots_survey.py OUT_FOLDER")
    main(Path(sys.argv[1]))
