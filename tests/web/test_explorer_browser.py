"""The public results explorer and self-test in a real browser (Debian's chromium via
Playwright), served by gunicorn from PostgreSQL when TEST_DATABASE_URL is set (else SQLite),
after ``barometer demo``, ``migrate`` and ``publish`` (twice) ran as a user runs them.

- the explorer: an indicator and a breakdown are picked, the CSV downloaded holds the
  report's numbers (the report's own table CSVs); a combination that is too small is
  explained, not charted; the back button and pages without JavaScript work; axe finds
  nothing at 1280 and 320 px; unknown choices give a helpful 404;
- every explorer URL of the demo wave is crawled and ``barometer disclosure check`` passes
  over the saved pages and CSV files (and fails once a small count is planted);
- the self-test with a demo organisation's own answers shows the score the report
  computed for it; the PDF and the saved link give the same; answers outside the scale
  are refused with the field marked.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from serverutil import HttpClient, Server, backend_url, environment

pytestmark = pytest.mark.external

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Axe()
BACKEND = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
BAROMETER = str(Path(sys.executable).with_name("barometer"))


def cli(*args: str, cwd: Path, database_url: str) -> str:
    done = subprocess.run([BAROMETER, *args], cwd=cwd, env=environment(database_url),
                          capture_output=True, text=True, timeout=900, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def query(database_url: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    if database_url.startswith("sqlite:"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            rows = conn.execute(sql.replace("%s", "?"), params).fetchall()
        conn.close()
        return rows
    import psycopg

    with psycopg.connect(database_url) as pg:
        cursor = pg.execute(sql, params)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description else []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    tmp = tmp_path_factory.mktemp(f"explorer-{BACKEND}")
    for url in backend_url(BACKEND, tmp):
        done = subprocess.run([BAROMETER, "demo", "--out", "demo", "--quiet"], cwd=tmp,
                              capture_output=True, text=True, timeout=900, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        cli("migrate", cwd=tmp, database_url=url)
        for version in (1, 2):  # republishing makes a new version
            out = cli("publish", "demo/responses.csv", "--frame", "demo/frame.csv", "--wave",
                      "2021", cwd=tmp, database_url=url)  # fmt: skip
            assert f"published wave 2021 version {version}:" in out
        server = Server(url, tmp, workers=2)
        server.start()
        try:
            yield server, tmp / "demo"
        finally:
            server.stop()


def accessible(page: Page) -> None:
    for width, height in ((1280, 900), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        results = AXE.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    page.set_viewport_size({"width": 1280, "height": 900})


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def download(page: Page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_text(encoding="utf-8")


def choose(page: Page, select: str, value: str) -> None:
    """Pick an option: the page's script submits the form at once (a new URL)."""
    with page.expect_navigation():
        page.select_option(select, value)


def test_explorer_gives_the_reports_numbers(browser: Browser, site: Any) -> None:
    server, demo = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/resultaten/")
    assert "versie 2" in page.locator("#version").inner_text()
    accessible(page)
    choose(page, "#f-indicator", "fig04_origin")
    assert "indicator=fig04_origin" in page.url
    got = read_csv(download(page, "#download-csv"))
    report = read_csv((demo / "report/tables/fig04_origin.csv").read_text(encoding="utf-8"))
    assert [{k: r[k] for k in report[0]} for r in got] == report
    assert {r["version"] for r in got} == {"2021 v2"}

    # a breakdown: the mean climate score by sector group is the report's Figuur 16 table
    choose(page, "#f-indicator", "climate_score")
    choose(page, "#f-breakdown", "sector")
    assert "breakdown=sector" in page.url
    accessible(page)
    got = read_csv(download(page, "#download-csv"))
    fig16 = {r["category"]: r for r in read_csv(
        (demo / "report/tables/fig16_climate_by_sector.csv").read_text(encoding="utf-8"))}  # fmt: skip
    compared = 0
    for row in got:
        if row["mean"] and row["sector_group"] in fig16:
            assert row["base"] == fig16[row["sector_group"]]["n"]
            assert float(row["mean"]) == pytest.approx(float(fig16[row["sector_group"]]["mean"]),
                                                       abs=0.005)  # fmt: skip
            compared += 1
    assert compared >= 5
    svg = download(page, "#download-svg")
    assert svg.startswith("<svg") and "versie 2" in svg
    with page.expect_download() as info:
        page.click("#download-png")
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # the back button returns to the previous choice, which the URL holds
    page.go_back()
    assert page.locator("#f-breakdown").input_value() == "none"
    assert page.locator("#f-indicator").input_value() == "climate_score"
    page.go_back()
    assert page.locator("#f-indicator").input_value() == "fig04_origin"
    # the first version stays reachable and says so
    page.goto(server.url + "/resultaten/?" + urlencode({"wave": "2021", "v": "1"}))
    assert "versie 1" in page.locator("#version").inner_text()
    page.close()


def test_a_combination_that_is_too_small_is_explained(browser: Browser, site: Any) -> None:
    server, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/en/results/?indicator=fig06_technology_new")
    choose(page, "#f-breakdown", "cluster")
    choose(page, "#f-filter", "size:lt100")
    assert page.locator("#suppressed").is_visible()
    assert "too small" in page.locator("#suppressed").inner_text()
    assert page.locator("figure.chart svg").count() == 0
    assert "fewer than 5 organisations" in page.locator("#suppression-rule").inner_text()
    accessible(page)
    got = read_csv(download(page, "#download-csv"))
    assert got and all(r["pct"] == "" and r["n"] == "" and r["note"] for r in got)
    page.close()


def test_the_explorer_works_without_javascript(browser: Browser, site: Any) -> None:
    server, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/resultaten/")
    page.select_option("#f-indicator", "fig13_factors")
    page.select_option("#f-breakdown", "size")
    assert "fig13_factors" not in page.url  # nothing happens until the button
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"indicator=fig13_factors"))
    assert "breakdown=size" in page.url
    assert "Figuur 13" in page.locator("h2#result-title").inner_text()
    assert page.locator("#explorer-table tbody tr").count() > 0
    context.close()


@pytest.mark.parametrize(
    "params",
    [
        {"wave": "1999"},
        {"indicator": "no_such_figure"},
        {"breakdown": "postcode"},
        {"filter": "sector:nowhere"},
        {"filter": "size:lt100", "breakdown": "size"},
        {"wave": "2021", "v": "9"},
    ],
)
def test_unknown_choices_give_a_helpful_404(site: Any, params: dict[str, str]) -> None:
    server, _ = site
    client = HttpClient(server.url)
    for path in ("/resultaten/", "/en/results/", "/resultaten/cijfers.csv"):
        status, _, body = client.request("GET", path + "?" + urlencode(params))
        assert status == 404, (path, params)
        assert 'id="not-found"' in body and "fig01_innovated_share" in body


def test_the_disclosure_scanner_passes_over_every_explorer_url(site: Any, tmp_path: Path) -> None:
    server, _ = site
    rows = query(
        server.database_url,
        "SELECT t.indicator, t.breakdown, t.filter FROM web_publishedtable t "
        "JOIN web_publishedwave w ON w.id = t.snapshot_id WHERE w.wave = %s AND w.version = %s",
        "2021",
        2,
    )
    assert len(rows) > 500
    client = HttpClient(server.url, timeout=30)
    crawl = tmp_path / "crawl"
    for i, (indicator, breakdown, filt) in enumerate(sorted(rows)):
        query_string = urlencode({"wave": "2021", "indicator": indicator, "breakdown": breakdown,
                                  **({"filter": filt} if filt else {})})  # fmt: skip
        folder = crawl / f"{i:04d}"
        (folder / "tables").mkdir(parents=True)
        for path, name in (("/resultaten/", "index.html"), ("/resultaten/cijfers.csv",
                                                            "tables/explorer.csv")):  # fmt: skip
            status, _, body = client.request("GET", f"{path}?{query_string}")
            assert status == 200, (path, query_string)
            (folder / name).write_text(body, encoding="utf-8")
    check = subprocess.run([BAROMETER, "disclosure", "check", str(crawl)], capture_output=True,
                           text=True, timeout=900, check=False, cwd=tmp_path)  # fmt: skip
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-2000:]
    # the scan is not blind: a sector group's count of 2 is found
    planted = next(p for p in sorted(crawl.rglob("explorer.csv"))
                   if p.read_text(encoding="utf-8").startswith("sector_group,"))  # fmt: skip
    lines = planted.read_text(encoding="utf-8").splitlines()
    first = next(csv.reader([lines[1]]))
    first[2:7] = ["2", "40", "5.0", "1.4", "16.5"]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(first)
    planted.write_text("\n".join([lines[0], buf.getvalue().strip(), *lines[2:]]) + "\n",
                       encoding="utf-8")  # fmt: skip
    check = subprocess.run([BAROMETER, "disclosure", "check", str(crawl)], capture_output=True,
                           text=True, timeout=900, check=False, cwd=tmp_path)  # fmt: skip
    assert check.returncode == 1 and "[cell_min] count 2" in check.stdout + check.stderr


def demo_answers(demo: Path) -> tuple[dict[str, str], float, str]:
    """A demo organisation's own answers to the statements, and the score and group the
    report's climate analysis computed for it."""
    from barometer.dataset.io import read_dataset
    from barometer.report.figures.climate.common import analysis_for, groups_of
    from barometer.report.figures.core import make_context

    ds = read_dataset(demo / "responses.csv")
    res = analysis_for(make_context(ds))
    index = res.score.dropna().index[7]
    row = ds.data.loc[index]
    answers = {n: str(int(row[n])) for n in res.statements
               if not pd.isna(row[n]) and int(row[n]) not in (-1, -9)}  # fmt: skip
    return answers, float(res.score[index]), str(groups_of(res)[index])


def test_the_selftest_gives_the_reports_score(browser: Browser, site: Any) -> None:
    server, demo = site
    answers, score, group = demo_answers(demo)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/zelftest/")
    assert "Er wordt niets bewaard" in page.locator("#nothing-stored").inner_text()
    accessible(page)
    for name, value in answers.items():
        page.check(f"#{name}--8" if value == "-8" else f"#{name}-{value}")
    page.select_option("#f-sector", index=1)
    page.click("#compute")
    page.wait_for_load_state()
    shown = float(page.locator("#score").get_attribute("data-score") or "nan")
    assert shown == pytest.approx(score, abs=1e-9)
    words = {"limited": "beperkt", "medium": "gemiddeld", "strong": "krachtig"}
    assert f"Uw innovatieklimaat: {words[group]}." in page.locator("#result").inner_text()
    assert page.locator("#differ li").count() == 3
    assert "hoger dan ongeveer" in page.locator("#result").inner_text()
    accessible(page)
    assert query(server.database_url, "SELECT count(*) FROM web_savedselftest")[0][0] == 0

    # the PDF holds the same score
    with page.expect_download() as info:
        page.click("#pdf-button")
    pdf = Path(info.value.path())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert f"{score:.2f}".replace(".", ",") in text and "versie 2" in text

    # "save my result": a link with a random token, stored as its digest only; it expires
    page.click("#save-button")
    page.wait_for_url(re.compile(r"/zelftest/r/[A-Za-z0-9_-]{43}/$"))
    token = page.url.rstrip("/").rsplit("/", 1)[1]
    assert float(page.locator("#score").get_attribute("data-score") or "nan") == pytest.approx(
        score, abs=1e-9
    )
    stored = query(server.database_url, "SELECT token_hash FROM web_savedselftest")
    import hashlib

    assert stored == [(hashlib.sha256(token.encode()).hexdigest(),)]
    query(server.database_url, "UPDATE web_savedselftest SET expires_at = created_at")
    response = page.goto(page.url)
    assert response is not None and response.status == 404
    page.close()


def test_answers_outside_the_scale_are_refused_with_the_field_marked(site: Any) -> None:
    server, demo = site
    answers, _, _ = demo_answers(demo)
    client = HttpClient(server.url)
    status, _, html = client.request("GET", "/zelftest/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert status == 200 and csrf
    first = next(iter(answers))
    form = {**answers, first: "9", "csrfmiddlewaretoken": csrf.group(1)}
    status, _, html = client.request("POST", "/zelftest/", form)
    assert status == 400
    assert f'id="q-{first}" role="radiogroup" aria-invalid="true"' in html
    assert 'id="error-summary"' in html and 'id="result"' not in html


def test_a_second_wave_shows_the_trend(browser: Browser, site: Any) -> None:
    """Run last: it publishes another wave (the demo data under the label 2023)."""
    server, demo = site
    out = cli("publish", "demo/responses.csv", "--frame", "demo/frame.csv", "--wave", "2023",
              cwd=demo.parent, database_url=server.database_url)  # fmt: skip
    assert "published wave 2023 version 1:" in out
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/resultaten/?wave=2021&indicator=fig01_innovated_share")
    head = page.locator("#trend-table thead").inner_text()
    assert "2021" in head and "2023" in head
    first = page.locator("#trend-table tbody tr").first.inner_text().split()
    assert first[0] == "Ja" and first[1] == first[2] == "85,5"  # the same data twice
    accessible(page)
    page.close()
