"""The report as a publication (issue 12): cover, colophon, page numbers, a contents list with
page numbers, data tables behind disclosures on the web page and in an annex of the PDF,
keyboard-reachable table regions (axe in Chromium), and the PDF still tagged."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.report import Report, build_report, render_html, write_pdf, write_report
from barometer.report.render.colophon import Colophon, format_date, load_colophon
from helpers import html_tables

POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils not installed",
)
COLOPHON = Colophon(
    publisher="Ministerie van Voorbeeldzaken <script>",
    contact="barometer@example.org",
    licence={"nl": "CC BY 4.0 (nl)", "en": "CC BY 4.0 (en)"},
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    version="2.3",
    date=dt.date(2026, 3, 9),
)


@pytest.fixture(scope="module")
def report(hand: Dataset, frame: pd.DataFrame) -> Report:
    """The weighted report of ``hand``, with a colophon of its own."""
    return build_report(hand, frame=frame, colophon=COLOPHON)


@pytest.fixture(scope="module")
def pages(report: Report, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each PDF page (pdftotext keeps the layout; pages split at form feeds)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    pdf = write_pdf(report, tmp_path_factory.mktemp("pdf") / "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes", info.stdout, re.MULTILINE)
    out = text.split("\f")
    return out[:-1] if out and not out[-1].strip() else out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
@pytest.mark.external
@POPPLER
def test_cover_then_colophon_then_numbered_pages(report: Report, pages: list[str]) -> None:
    cover, colophon = _flat(pages[0]), _flat(pages[1])
    assert report.title in cover and "9 maart 2026" in cover
    assert "Colofon" in colophon
    for label, value in [("Uitgave", "Ministerie van Voorbeeldzaken <script>"),
                         ("Datum", "9 maart 2026"), ("Versie", "2.3 (barometer "),
                         ("Contact", "barometer@example.org"),
                         ("Licentie", "CC BY 4.0 (nl)")]:  # fmt: skip
        assert f"{label} {value}" in colophon
    n = len(pages)
    for i, page in enumerate(pages):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        if i < 2:  # cover and colophon: no number, no running header
            assert not re.fullmatch(r"\d+ / \d+", lines[-1])
            continue
        assert lines[-1] == f"{i + 1} / {n}", f"page {i + 1}"
        assert lines[0].startswith(report.title), f"page {i + 1}: running header"


@pytest.mark.slow
@pytest.mark.external
@POPPLER
def test_the_contents_list_gives_the_page_of_each_figure(report: Report, pages: list[str]) -> None:
    toc_pages = [i for i, p in enumerate(pages) if p.strip().splitlines()[0].endswith("Inhoud")]
    assert toc_pages and toc_pages[0] == 2
    toc = _flat(" ".join(pages[i] for i in toc_pages))
    checked = 0
    for fig in report.figures():
        m = re.search(re.escape(f"{fig.number}. ") + r".*?\.{3,}\s*(\d+)\b", toc)
        assert m, (fig.number, toc)
        page = int(m.group(1))
        heading = _flat(pages[page - 1])
        assert f"{fig.number}. {fig.title}"[:40] in heading, (fig.number, page)
        checked += 1
    for title in ("Bijlage: weegcellen", "Bijlage: cijfers bij de figuren"):
        m = re.search(re.escape(title) + r"\s?\.{3,}\s*(\d+)\b", toc)
        assert m, title
        body = [line.strip() for line in pages[int(m.group(1)) - 1].splitlines() if line.strip()]
        assert title in body[:3]  # the annex starts on that page
    assert checked == len(list(report.figures()))


@pytest.mark.slow
@pytest.mark.external
@POPPLER
def test_each_figure_names_the_annex_page_of_its_table(report: Report, pages: list[str]) -> None:
    found = 0
    for i, page in enumerate(pages):
        for m in re.finditer(r"zie de bijlage \(pagina (\d+)\)", _flat(page)):
            target = _flat(pages[int(m.group(1)) - 1])
            assert "cijfers achter de grafiek" in target or "Bijlage" in target, (i + 1, m[0])
            found += 1
    tables = sum(1 for f in report.figures() if f.table() is not None and not f.message)
    assert found >= tables >= 15
    first_annex = next(i for i, p in enumerate(pages) if "Bijlage: weegcellen" in p and i > 3)
    body = " ".join(pages[:first_annex])
    assert "cijfers achter de grafiek" not in body  # no data table between the chapters


def test_the_web_page_shows_every_table_behind_a_disclosure(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_report(report, out)
    html = (out / "index.html").read_text("utf-8")
    main = html[html.index('<main id="main">') : html.index("</main>")]
    details = re.findall(r"<details class=\"data-tables\">.*?</details>", main, re.DOTALL)
    outside = re.sub(r"<details class=\"data-tables\">.*?</details>", "", main, flags=re.DOTALL)
    assert "<table" not in outside and len(details) >= 15
    assert sum(d.count("<table") for d in details) == main.count("<table")
    wraps = re.findall(r"<div class=\"table-wrap\"([^>]*)>\s*<table", html)
    assert wraps and all('tabindex="0"' in w and 'role="region"' in w for w in wraps)
    assert all(re.search(r'aria-label="[^"]{10,}"', w) for w in wraps)
    links = re.findall(r'<a href="(tables/[^"]+\.csv)">', html)
    assert len(links) >= 15 and all((out / link).is_file() for link in links)
    assert "Ministerie van Voorbeeldzaken &lt;script&gt;" in html and "<script>" not in html
    assert '<a href="mailto:barometer@example.org">' in html


def test_the_english_colophon(hand: Dataset) -> None:
    html = render_html(build_report(hand, lang="en", colophon=COLOPHON), pdf=True)
    for text in ("Colophon", "Publisher", "9 March 2026", "CC BY 4.0 (en)", "Annex: data behind"):
        assert text in html
    assert "Colofon" not in html and "Bijlage" not in html


def test_load_colophon(tmp_path: Path) -> None:
    shipped = load_colophon()
    assert shipped.publisher and shipped.licence_in("en").startswith("Creative Commons")
    assert shipped.date is None and shipped.dated(dt.date(2026, 1, 2)).date == dt.date(2026, 1, 2)
    own = tmp_path / "colophon.yaml"
    own.write_text("contact: team@example.org\ndate: 2026-05-01\n", encoding="utf-8")
    mine = load_colophon(own)
    assert mine.contact == "team@example.org" and mine.publisher == shipped.publisher
    assert mine.date == dt.date(2026, 5, 1) and mine.dated().date == dt.date(2026, 5, 1)
    own.write_text("publisherr: typo\n", encoding="utf-8")
    with pytest.raises(ValueError, match="publisherr"):
        load_colophon(own)
    assert format_date(dt.date(2026, 12, 5), "nl") == "5 december 2026"
    assert [k for k, _ in replace(COLOPHON, contact="").lines("nl")] == [
        "colophon_publisher", "colophon_date", "colophon_version", "colophon_licence",
    ]  # fmt: skip


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_on_the_report_page(
    report: Report, tmp_path: Path, chromium: object, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    index = write_report(report, tmp_path / "out")
    page = chromium.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(index.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('.table-wrap'))"
        ".filter(e => e.scrollWidth > e.clientWidth).length"
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    if width == 375:
        assert wide > 0  # the check above did meet scrolling regions
    page.keyboard.press("Tab")  # the skip link, then on through the page
    focused = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.className"))
    assert "table-wrap" in focused  # a table region takes the keyboard focus
    page.close()


def test_html_tables_unchanged_by_the_disclosures(report: Report) -> None:
    web, pdf = html_tables(render_html(report)), html_tables(render_html(report, pdf=True))
    assert web == pdf and "weighting_cells-table" in web
