"""The written report: escaping, CSV = HTML tables, both languages, accessible SVG, a failing
figure, atomic writing and the PDF."""

from __future__ import annotations

import base64
import csv
import io
import logging
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.questionnaire import Item, Questionnaire
from barometer.report import COMPUTE, Report, build_report, render_html, write_pdf, write_report
from barometer.report import output as output_module
from barometer.report.charts.draw import BUILDERS
from barometer.report.render import build as render_module
from helpers import html_tables

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"^-?\d+(,\d+)?$")
PAYLOAD = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def written(hand: Dataset, frame: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    write_report(build_report(hand, frame=frame), out)
    return out


def test_files_are_written(written: Path) -> None:
    assert (written / "index.html").is_file()
    svgs = sorted(p.stem for p in (written / "figures").glob("*.svg"))
    assert len(svgs) == 17  # Figures 1-14 and 23-25
    csvs = {p.stem for p in (written / "tables").glob("*.csv")}
    assert {
        "tab01_response_by_sector",
        "tab02_clusters",
        "fig01_innovated_share__benchmarks",
    } <= csvs
    assert not list(written.glob(".report-*"))


def test_csv_tables_match_html_tables(written: Path) -> None:
    tables = html_tables((written / "index.html").read_text("utf-8"))
    checked = 0
    for path in sorted((written / "tables").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        name = (
            path.stem.replace("__benchmarks", "-benchmarks")
            if "__" in path.stem
            else f"{path.stem}-table"
        )
        html_rows = tables[name]
        assert len(html_rows) == len(rows), path.name
        for csv_row, html_row in zip(rows[1:], html_rows[1:], strict=True):
            if name.endswith("-benchmarks"):
                assert csv_row[:2] == html_row[:2]
                continue
            normal = [
                "" if c == "–" else c.replace(",", ".") if NUMBER.match(c) else c for c in html_row
            ]
            assert csv_row == normal, path.name
        checked += 1
    assert checked >= 20


def test_html_structure(written: Path) -> None:
    html = (written / "index.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<nav" in html and 'href="#fig13_factors"' in html
    assert "Basis: organisaties die innoveerden, n = 7" in html
    assert "Bron: Innovatie Barometer Overheid 2021" in html
    assert "Niet meegeteld: 1 zonder antwoord." in html  # Figuur 4
    assert html.count("<caption>") >= 19
    assert "Figuur 26" in html  # the published Danish comparison, in words
    assert "Figuur 15" in html and "meetschaal innovatieklimaat" in html  # no climate answers


def test_svgs_are_valid_xml_with_title_and_desc(written: Path) -> None:
    for path in (written / "figures").glob("*.svg"):
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        title, desc = root[0], root[1]
        assert title.tag == f"{SVG}title" and title.text and title.text.startswith("Figuur")
        assert desc.tag == f"{SVG}desc" and desc.text and len(desc.text) > 40
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        assert set((root.get("aria-labelledby") or "").split()) <= ids
    html = (written / "index.html").read_text("utf-8")
    assert html.count('role="img"') == 17


def test_english(hand: Dataset) -> None:
    html = render_html(build_report(hand, lang="en"))
    assert '<html lang="en">' in html
    assert "Base: organisations that innovated, n = 7" in html
    assert "Figure 13. Factors that hinder and promote the innovation" in html
    assert "Source: Innovatie Barometer Overheid 2021" in html
    assert "No Danish figure published." in html
    assert "Geen Deense" not in html


def relabel(q: Questionnaire, item_name: str, choice_name: str, label: str) -> Questionnaire:
    def fix(item: Item) -> Item:
        if item.name != item_name or item.choice_list is None:
            return item
        choices = tuple(
            replace(c, labels={"nl": label, "en": label}) if c.name == choice_name else c
            for c in item.choice_list.choices
        )
        return replace(item, choice_list=replace(item.choice_list, choices=choices))

    return replace(
        q, groups=tuple(replace(g, items=tuple(fix(i) for i in g.items)) for g in q.groups)
    )


def test_user_supplied_text_is_escaped(
    q: Questionnaire, answers: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    q2 = relabel(q, "d6_initiative", "employees", PAYLOAD)
    q2 = replace(q2, title=f"Barometer {IMG}")
    records = [
        Record(f"o{i}", answers(), sector="gemeenten" if i < 6 else IMG, wave=PAYLOAD)
        for i in range(8)
    ]
    ds = Dataset.from_frame(records_to_frame(q2, records), q2)
    report = build_report(ds)
    assert report.problems == ()
    out = tmp_path / "r"
    write_report(report, out)
    html = (out / "index.html").read_text("utf-8")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for path in (out / "figures").glob("*.svg"):
        text = path.read_text("utf-8")
        assert "<script" not in text.lower()
        ET.fromstring(text)
    tabel1 = (out / "tables" / "tab01_response_by_sector.csv").read_text("utf-8")
    assert IMG in tabel1  # CSV holds the raw text; it is data, not markup


def test_a_failing_figure_does_not_break_the_report(
    hand: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setitem(COMPUTE, "spectrum", boom)
    report = build_report(hand)
    assert len(report.problems) == 1 and "Figuur 3" in report.problems[0]
    fig3 = report.figure("fig03_innovation_spectrum")
    assert fig3.message is not None and "kapot" in fig3.message
    assert report.figure("fig04_origin").chart is not None
    html = render_html(report)
    assert "Deze figuur kon niet worden berekend: kapot" in html
    assert 'id="fig04_origin-table"' in html


def test_a_failing_chart_keeps_the_table(hand: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> dict[str, Any]:
        raise ValueError("geen grafiek")

    monkeypatch.setitem(BUILDERS, "stacked_bar", boom)
    report = build_report(hand)
    fig13 = report.figure("fig13_factors")
    assert fig13.chart is None and fig13.chart_message is not None
    assert 'id="fig13_factors-table"' in render_html(report)


def test_write_is_atomic(
    hand_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    report = hand_report
    write_report(report, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def fail(*_: object, **__: object) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(render_module, "render_html", fail)
    with pytest.raises(RuntimeError):
        write_report(report, out)
    monkeypatch.undo()

    real = output_module.os.replace
    calls = {"n": 0}

    def flaky(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # fails while moving the new tables into place
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(output_module.os, "replace", flaky)
    with pytest.raises(OSError):
        write_report(report, out)
    monkeypatch.undo()
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out.glob(".report-*"))


def test_first_write_that_fails_leaves_nothing(
    hand_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = output_module.os.replace
    calls = {"n": 0}

    def flaky(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # figures and tables are in, index.html fails
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(output_module.os, "replace", flaky)
    with pytest.raises(OSError):
        write_report(hand_report, tmp_path / "new")
    assert list((tmp_path / "new").iterdir()) == []


def test_the_pdf_page_shows_each_chart_as_an_image_with_its_description(
    hand_report: Report,
) -> None:
    html = render_html(hand_report, pdf=True)
    assert "<svg" not in html
    images = re.findall(
        r'<img class="chart-image" alt="([^"]*)" src="data:image/svg\+xml;base64,([^"]+)">', html
    )
    charts = [f for f in hand_report.figures() if f.chart is not None]
    assert len(images) == len(charts) == 17
    for (alt, payload), fig in zip(images, charts, strict=True):
        assert fig.chart is not None
        assert alt.startswith(f"{fig.number}. ") and len(alt) > len(fig.chart.alt)
        svg = ET.fromstring(base64.b64decode(payload))
        before = ET.fromstring(fig.chart.svg)
        assert [t.text for t in svg.iter(f"{SVG}text")] == [
            t.text for t in before.iter(f"{SVG}text")
        ]
    web = render_html(hand_report)
    assert html_tables(html) == html_tables(web)  # every table, the same rows, once
    assert "<details" in web and "<details" not in html
    annex = html[html.index('<section id="annex-data"') :]
    body = html[: html.index('<section id="annex-data"')]
    assert "<table" not in body[body.index('<main id="main">') :]  # tables only in the annexes
    assert annex.count('<table class="data') == web.count('<table class="data') - (
        hand_report.weighting is not None
    )


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def pdf_run(
    hand_report: Report, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    """The PDF of the hand report, and what WeasyPrint warned about while writing it."""
    folder = tmp_path_factory.mktemp("pdf")
    records = Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(records)
    try:
        path = write_pdf(hand_report, folder / "report.pdf")
    finally:
        logger.removeHandler(records)
    assert not list(folder.glob(".report.pdf.*"))
    return path, records.messages


@pytest.fixture(scope="module")
def pdf(pdf_run: tuple[Path, list[str]]) -> Path:
    return pdf_run[0]


@pytest.mark.slow
def test_pdf_images_have_alt_text(pdf_run: tuple[Path, list[str]]) -> None:
    assert not [m for m in pdf_run[1] if "alt" in m.lower() or "svg" in m.lower()]


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) not installed")
def test_pdf_tags_every_chart_as_a_figure(pdf: Path) -> None:
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    figures = re.findall(r"^\s*Figure:?\s*$((?:\n\s+/.*$)*)\n\s+\"(.*)\"$", tree, re.MULTILINE)
    assert len(figures) == 17
    assert all("%" in text for _, text in figures)  # the chart labels are in the PDF as text


@pytest.mark.slow
def test_pdf_is_written(pdf: Path) -> None:
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) not installed")
def test_pdf_is_tagged(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
    assert re.search(r"^Title:\s+Innovatie Barometer Overheid 2021", info, re.MULTILINE)


@pytest.mark.slow
def test_full_report_from_the_synthetic_wave(tmp_path: Path) -> None:
    wave_mod = pytest.importorskip("barometer.dataset.synthetic.wave")
    wave = wave_mod.make_wave(seed=2021)
    for lang in ("nl", "en"):
        report = build_report(wave.dataset, frame=wave.frame, lang=lang)
        assert report.problems == ()
        write_report(report, tmp_path / lang)
    nl = build_report(wave.dataset, frame=wave.frame)
    tabel1 = nl.figure("tab01_response_by_sector").data.table
    assert tabel1 is not None
    total = tabel1.set_index("key").loc["__total__"]
    assert (total["invited"], total["completed"]) == (1374, 366)
    pictures = sum((f.chart is not None) + len(f.images) for f in nl.figures())
    assert pictures == 30  # 27 charts, the odds ratios of Tekstvak 2, two word clouds
    page = render_html(nl, pdf=True)
    assert page.count('<img class="chart-image" alt="') == pictures and "<svg" not in page
    fig1 = nl.figure("fig01_innovated_share").data
    assert fig1.benchmarks is not None
    assert fig1.benchmarks.set_index("study").loc["dk_2018_2019", "p_value"] < 0.05


def test_alt_text_joins_title_and_description() -> None:
    from barometer.report.render.pdf import alt_of

    assert alt_of("Figuur 3. Spectrum", "Staafdiagram. 1 type 30%.") == (
        "Figuur 3. Spectrum. Staafdiagram. 1 type 30%."
    )
    assert alt_of("Afbeelding 2: cluster 1.", "Woordwolk.") == "Afbeelding 2: cluster 1. Woordwolk."
    assert alt_of("", "Woordwolk.") == "Woordwolk." and alt_of("Titel", " ") == "Titel"


def test_the_pdf_is_written_with_the_collector_paused_and_restored_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import weasyprint

    from barometer.report.render.pdf import write_html_pdf

    seen: list[bool] = []
    real = weasyprint.HTML.write_pdf

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", spy)
    assert gc.isenabled()
    out = write_html_pdf("<p>Een</p>", tmp_path / "a.pdf")
    assert out.read_bytes().startswith(b"%PDF") and seen == [False] and gc.isenabled()

    def broken(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("no room on the disk")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RuntimeError, match="no room"):
        write_html_pdf("<p>Twee</p>", tmp_path / "b.pdf")
    assert gc.isenabled() and not (tmp_path / "b.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no temporary file left

    gc.disable()  # a caller that switched it off keeps it off
    try:
        monkeypatch.setattr(weasyprint.HTML, "write_pdf", real)
        write_html_pdf("<p>Drie</p>", tmp_path / "c.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()
