"""Issue 12, point 1: the management summary as key findings on one PDF page, and Tekstvak 2
as a readable summary with an odds-ratio chart, its SPSS-grade output in an annex.

The demo wave's report (weighted to its frame, as ``tools/screenshots_report.py`` builds it)
is built once, in Dutch, with its PDF; the English summary comes from the English report's
findings."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from barometer.dataset.synthetic.wave import DemoWave, make_wave
from barometer.report import Report, build_report, render_html, write_pdf
from barometer.report.charts.draw import Chart, make_chart
from barometer.report.findings.summary import SUMMARY
from barometer.report.findings.wording import pct_str
from barometer.stats.models import ModelsResult
from barometer.stats.models_frame import coefficient_label

STATISTICS = re.compile(r"\bp\s*[<=>]|p-waarde|p-value|χ²|chi-?kwadraat|chi-?square|Wald|"
                        r"\bSE\b|−2LL|Nagelkerke", re.IGNORECASE)  # fmt: skip


@pytest.fixture(scope="module")
def wave() -> DemoWave:
    return make_wave(seed=2021)


@pytest.fixture(scope="module")
def reports(wave: DemoWave) -> dict[str, Report]:
    return {lang: build_report(wave.dataset, frame=wave.frame, lang=lang) for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def pages(reports: dict[str, Report], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each page of the Dutch demo PDF."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    pdf = write_pdf(reports["nl"], tmp_path_factory.mktemp("pdf") / "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return text.split("\f")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- the summary
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_summary_is_key_findings_with_their_numbers(reports: dict[str, Report], lang: str) -> None:
    findings = reports[lang].findings
    assert findings is not None
    summary = findings.summary
    assert 5 <= len(summary) <= 8 and len(SUMMARY) <= 8
    for f in summary:
        assert f.headline and len(f.headline) <= 90, f.headline  # short
        assert f.text.count(". ") <= 1, f.text  # one plain sentence (two after "geen oorzaak")
        assert re.search(r"\d", f.headline + f.text), f  # carries its number
        assert re.search(r"\bn\s=\s\d", f.text), f.text  # and its base
        assert not STATISTICS.search(f.headline + " " + f.text), f
    # the numbers are the computed figures' numbers
    fig01 = next(x for x in reports[lang].figures() if x.id == "fig01_innovated_share")
    table = fig01.data.table
    assert table is not None
    pct = float(table.loc[table["key"] == "yes", "pct"].iloc[0])
    assert summary[0].headline.startswith(f"{pct_str(pct, lang)}%")
    assert f"n\u00a0=\u00a0{fig01.data.base_n}" in summary[0].text  # kept on one line


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_summary_html_has_no_test_statistics(reports: dict[str, Report], lang: str) -> None:
    html = render_html(reports[lang], pdf=True)
    part = html[html.index('<section id="summary"') :]
    part = part[: part.index("</section>")]
    text = _flat(re.sub(r"<[^>]+>", " ", part))
    assert not STATISTICS.search(text), STATISTICS.search(text)
    assert part.count('class="key-finding"') == len(reports[lang].findings.summary)  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.external
def test_summary_fits_on_one_pdf_page(reports: dict[str, Report], pages: list[str]) -> None:
    findings = reports["nl"].findings
    assert findings is not None

    def page_of(words: str) -> int:
        hits = [i for i, p in enumerate(pages) if words in _flat(p)]
        assert hits, words
        return hits[0]

    heading = [i for i, p in enumerate(pages)
               if any(line.strip() == findings.summary_title for line in p.splitlines())]  # fmt: skip
    start = next(i for i in heading if "....." not in pages[i])  # not the contents list
    last = findings.summary[-1]
    assert page_of(_flat(last.headline)) == start
    assert page_of(_flat(last.text)[-40:]) == start
    about = next(i for i, p in enumerate(pages) if i > start and "Over deze rapportage" in p)
    assert about == start + 1  # the next section starts on the next page


# --------------------------------------------------------------------------- Tekstvak 2
def _article(html: str, fig_id: str) -> str:
    part = html[html.index(f'<article id="{fig_id}"') :]
    return part[: part.index("</article>")]


def test_textbox_body_is_a_summary_and_the_annex_holds_the_output(
    reports: dict[str, Report],
) -> None:
    for pdf in (False, True):
        html = render_html(reports["nl"], pdf=pdf)
        body = _article(html, "textbox2_logistic_regressions")
        assert not re.search(r">\s*(Wald|SE|−2LL|B)\s*<", body)
        assert "−2 log-likelihood" not in body and "Nagelkerke" not in body
        tables = re.findall(r'<table class="data" id="([^"]+)"', body)
        assert tables == ([] if pdf else ["textbox2_logistic_regressions-table"])
        annex = html[html.index('<section id="models"') :]
        annex = annex[: annex.index('<section id="', 10)]  # up to the next section
        for model in ("quality", "efficiency", "employee_satisfaction"):
            for kind in ("final", "fit", "classification", "2021", "steps"):
                assert f'id="tab04_logistic_output__{model}_{kind}"' in annex, (model, kind)
        for head in (">Wald<", ">SE<", ">−2LL<", "Nagelkerke R²", "Hosmer-Lemeshow", ">Exp(B)<"):
            assert head in annex, head
    # in the PDF, the annex prints its tables in place (not in the data annex)
    html = render_html(reports["nl"], pdf=True)
    data_annex = html[html.index('id="annex-data"') :]
    assert "tab04_logistic_output__" not in data_annex
    # and the odds ratios behind the chart are Tabel 4's Exp(B): the PDF points there
    assert 'id="annex-textbox2_logistic_regressions"' not in html
    body = _article(html, "textbox2_logistic_regressions")
    assert 'class="page-ref" href="#tab04_logistic_output"' in body


def _marks(svg: str, panel: int, layer: int) -> list[tuple[str, float, float]]:
    """(aria-label, x, x2) of the marks of one layer of one panel of the SVG."""
    group = re.search(rf'class="[^"]*role-mark concat_{panel}_layer_{layer}_marks"[^>]*>(.*?)</g>',
                      svg, re.DOTALL)  # fmt: skip
    assert group, (panel, layer)
    out = []
    for m in re.finditer(r'<(?:line|path) aria-label="([^"]*)"[^>]*?transform="translate\('
                         r'([-\d.]+),[-\d.]+\)"([^>]*)>', group.group(1)):  # fmt: skip
        x2 = re.search(r'\bx2="([-\d.]+)"', m.group(3))
        out.append((m.group(1).replace("&#xA;", " "), float(m.group(2)),
                    float(x2.group(1)) if x2 else 0.0))  # fmt: skip
    return out


def test_odds_ratio_chart_draws_exp_b_of_the_final_models(reports: dict[str, Report]) -> None:
    fig = next(x for x in reports["nl"].figures() if x.id == "textbox2_logistic_regressions")
    res = fig.data.detail
    assert isinstance(res, ModelsResult)
    chart = make_chart(fig.data, fig.title)
    assert isinstance(chart, Chart)
    svg = chart.svg
    # the axis: its labels with their positions give the log scale (px per log unit)
    ticks = {float(v.replace(",", ".")): float(x) for x, v in re.findall(
        r'<text[^>]*transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*>(\d+(?:,\d+)?)</text>', svg)}  # fmt: skip
    assert 1.0 in ticks and 0.5 in ticks  # "0,5": a decimal comma on the Dutch axis
    assert not re.search(r">\d+\.\d+</text>", svg)  # and no decimal point
    (a, xa), (b, xb) = sorted(ticks.items())[0], sorted(ticks.items())[-1]
    per_log = (xb - xa) / (math.log(b) - math.log(a))
    crossing = 0
    runs = [r for r in res.runs if r.result is not None]
    assert len(runs) == 3
    for k, run in enumerate(runs):
        assert run.result is not None
        (ref_label, ref_x, _), *_ = _marks(svg, k, 0)
        assert ref_label == "x: 1"
        rules, points = _marks(svg, k, 1), _marks(svg, k, 2)
        coefs = [c for c in run.result.final.coefficients if c.name != "Constant"]
        assert len(points) == len(coefs) == len(rules)
        for c in coefs:
            label = coefficient_label(c.name, "nl", res.frame)
            point = next(p for p in points if f"label: {label}" in re.sub(r"\s+", " ", p[0]))
            drawn = math.exp((point[1] - ref_x) / per_log)  # the value at the point's position
            assert drawn == pytest.approx(c.exp_b, rel=0.01), (run.spec.key, c.name)
            rule = next(r for r in rules if f"label: {label}" in re.sub(r"\s+", " ", r[0]))
            left, right = rule[1], rule[1] + rule[2]
            assert math.exp((left - ref_x) / per_log) == pytest.approx(
                max(c.ci_low, math.exp((0 - ref_x) / per_log)), rel=0.01)  # fmt: skip
            if c.ci_low < 1 < c.ci_high:  # an interval over 1 is drawn across the line at 1
                assert left < ref_x < right, (run.spec.key, c.name)
                crossing += 1
            else:
                assert not left < ref_x < right, (run.spec.key, c.name)
    assert crossing > 0  # the demo wave has such intervals, so the check above ran


def test_odds_ratio_table_behind_the_chart(reports: dict[str, Report], tmp_path: Path) -> None:
    fig = next(x for x in reports["en"].figures() if x.id == "textbox2_logistic_regressions")
    table = fig.table()
    assert table is not None
    assert list(table.columns) == ["category", "series", "n", "exp_b", "or_low", "or_high"]
    res = fig.data.detail
    assert isinstance(res, ModelsResult)
    expected = [round(c.exp_b, 3) for r in res.runs if r.result is not None
                for c in r.result.final.coefficients if c.name != "Constant"]  # fmt: skip
    assert table["exp_b"].tolist() == expected
    html = render_html(reports["en"])
    body = _article(html, "textbox2_logistic_regressions")
    assert "<details" in body and "tables/textbox2_logistic_regressions.csv" in body
    assert "Annex" in html and "Table 4" in body
