"""Tekstvak 2 and Afbeelding 2 in the report: the regression tables, the "Adj R²" note, the
error in place of a model, the concept clusters of the demo wave, scrubbing of names and
escaping of open answers."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.dataset.synthetic.wave import DemoWave, make_wave
from barometer.disclosure.quotes import candidate_quotes
from barometer.report import get_spec
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.models import cluster_title, label_2021, scrub_answers
from barometer.report.figures.registry import COMPUTE
from barometer.report.render.build import Report, Section, _figure, render_html, report_files
from barometer.stats.models import ModelsResult
from barometer.stats.text_keyness import key_terms
from helpers import html_tables

NUMBER = re.compile(r"^-?\d+(,\d+)?$")


@pytest.fixture(scope="module")
def wave() -> DemoWave:
    return make_wave(2021)


@pytest.fixture(scope="module")
def textbox(wave: DemoWave) -> FigureData:
    ctx = make_context(wave.dataset, frame=wave.frame)
    spec = get_spec("textbox2_logistic_regressions")
    return COMPUTE[spec.compute](ctx, spec)


def _mini_report(
    ds: Dataset,
    frame: pd.DataFrame | None,
    figure_id: str,
    lang: str = "nl",
    approved: frozenset[str] = frozenset(),
) -> Report:
    ctx = make_context(ds, frame=frame, lang=lang, approved_quotes=approved)
    fig = _figure(ctx, get_spec(figure_id), "Barometer", {}, [])
    return Report(lang=lang, title="Barometer", study="Barometer", wave="2021", n=len(ds.data),
                  n_innovators=0, min_n=5, sections=(Section("x", "X", (fig,)),), caveats=())  # fmt: skip


def _csv_matches_html(report: Report) -> int:
    files = report_files(report)
    tables = html_tables(files["index.html"])
    checked = 0
    for path, content in files.items():
        if not path.startswith("tables/") or "__" not in path or "benchmarks" in path:
            continue
        rows = list(csv.reader(io.StringIO(content)))
        html = tables[path.removeprefix("tables/").removesuffix(".csv")]
        assert len(rows) == len(html), path
        for c, h in zip(rows[1:], html[1:], strict=True):
            assert c == ["" if x == "–" else x.replace(",", ".") if NUMBER.match(x) else x
                         for x in h], path  # fmt: skip
        checked += 1
    return checked


# --------------------------------------------------------------------------- Tekstvak 2
def test_textbox_prints_every_model_statistic(textbox: FigureData) -> None:
    assert textbox.ok and isinstance(textbox.detail, ModelsResult)
    res: ModelsResult = textbox.detail
    assert [b.key for b in textbox.blocks] == ["quality", "efficiency", "employee_satisfaction"]
    for block, run in zip(textbox.blocks, res.runs, strict=True):
        assert run.result is not None and block.message is None
        tables = {t.key.removeprefix(f"{run.spec.key}_"): t for t in block.tables}
        assert set(tables) == {"final", "fit", "classification", "2021", "steps"}
        fit = run.result.final
        final = tables["final"].frame().set_index("variable")
        for c in fit.coefficients:
            row = final[final["b"] == f"{c.b:.3f}"]
            assert len(row) == 1 and row["exp_b"].iloc[0] == f"{c.exp_b:.3f}"
            assert row["ci_low"].iloc[0] == f"{c.ci_low:.3f}" and row["p"].iloc[0] == f"{c.p:.3f}"
        measures = dict(
            zip(tables["fit"].frame()["measure"], tables["fit"].frame()["value"], strict=True)
        )
        assert f"{fit.nagelkerke_r2:.3f}" in measures.values()
        assert f"{fit.cox_snell_r2:.3f}" in measures.values()
        assert f"{fit.minus2ll:.3f}" in measures.values()
        assert f"{run.spec.published_adj_r2:.3f}" in measures.values()
        assert len(tables["steps"].rows) == len(run.result.steps)
        counts = [int(x) for r in tables["classification"].rows[:2] for x in r[1:3]]
        assert sum(counts) == fit.n
    text = " ".join(textbox.paragraphs)
    assert ",275" in text and ",323" in text and ",213" in text
    assert "geen (aangepaste) R²" in text and "Nagelkerke" in text


def test_textbox_shows_the_error_in_place_of_a_model(hand: Dataset) -> None:
    spec = get_spec("textbox2_logistic_regressions")
    data = COMPUTE[spec.compute](make_context(hand), spec)
    assert data.ok
    assert all(
        b.message and b.message.startswith("Dit model kon niet worden geschat") for b in data.blocks
    )
    html = render_html(_mini_report(hand, None, "textbox2_logistic_regressions"))
    assert html.count("Dit model kon niet worden geschat") == 3


def test_textbox_csv_equals_html(wave: DemoWave) -> None:
    report = _mini_report(wave.dataset, wave.frame, "textbox2_logistic_regressions")
    assert _csv_matches_html(report) == 15


# --------------------------------------------------------------------------- Afbeelding 2
def test_clusters_on_the_demo_wave(wave: DemoWave) -> None:
    ctx = make_context(wave.dataset, frame=wave.frame)
    spec = get_spec("img02_text_clusters")
    data = COMPUTE[spec.compute](ctx, spec)
    assert data.ok and len(data.images) == 2
    result = data.detail
    tops = [{t.term for t in c.top_terms(15)} for c in result.clusters]
    digital = {"data", "digitaal", "dashboard", "gegevens", "datagedreven"}
    homework = {"thuis", "thuiswerken", "overleg", "vergaderen", "zoom", "teams", "online"}
    assert any(len(top & digital) >= 3 for top in tops)
    assert any(len(top & homework) >= 3 for top in tops)
    labels = label_2021(result)
    assert sorted(labels.values()) == ["Digitaal & Data", "Thuiswerken & Overleg"]
    for c in result.clusters:  # titles come from the terms shown, not from 2021
        shown = [
            kt.term.term for kt in key_terms(result, [t for t in c.terms if t.doc_frequency >= 5])
        ]
        assert cluster_title(shown) in data.table["category"].iloc[c.index]  # type: ignore[index]
    for img in data.images:
        root = ET.fromstring(img.svg)
        assert root.get("role") == "img"
        assert root[0].tag.endswith("title") and root[1].tag.endswith("desc")
        assert root[0].text and root[0].text.startswith("Afbeelding 2")


def test_scrub_answers_removes_names_and_keeps_alignment() -> None:
    texts = ["Met Gemeente Nieuwstad gestart", "", "Bel Jan de Vries: 06-12345678", "jan@x.nl <b>"]
    out = scrub_answers(texts, org_names=["Gemeente Nieuwstad"], person_names=["Jan de Vries"])
    assert out == ["Met [organisatie] gestart", "", "Bel [naam]: [telefoon]", "[e-mail] <b>"]


def test_open_answers_are_scrubbed_and_escaped(wave: DemoWave) -> None:
    data = wave.dataset.data.copy()
    frame = wave.frame
    respondents = set(data["org_id"])
    other = frame[~frame["org_id"].isin(respondents)].iloc[0]
    innovator = data.index[data["c1_innovated"] == 1][0]
    planted = (f"Met {other['name']} en {other['contact_name']} ({other['contact_email']}, "
               "06-12345678) een digitaal dashboard met data, gegevens, privacy en een chatbot "
               "voor datagedreven werken zonder papier <script>alert('x')</script>")  # fmt: skip
    data.loc[innovator, "d1_description"] = planted
    ds = Dataset.from_frame(data, wave.dataset.questionnaire)
    unapproved = render_html(_mini_report(ds, frame, "img02_text_clusters"))
    assert "digitaal dashboard met data" not in unapproved  # nobody approved a quote
    assert "data-quote-id" not in unapproved
    approved = frozenset(q.id for q in candidate_quotes(data, frame))
    html = render_html(_mini_report(ds, frame, "img02_text_clusters", approved=approved))
    assert "digitaal dashboard met data" in html  # the planted answer is the example shown
    assert "&lt;script&gt;alert(" in html
    assert "<script>" not in html
    for secret in (other["name"], other["contact_name"], other["contact_email"], "06-12345678"):
        assert secret not in html
    assert "[organisatie]" in html and "[naam]" in html and "[telefoon]" in html


def test_clusters_csv_equals_html(wave: DemoWave) -> None:
    report = _mini_report(wave.dataset, wave.frame, "img02_text_clusters", lang="en")
    assert _csv_matches_html(report) == 2
    files = report_files(report)
    assert {
        "figures/img02_text_clusters__cluster1.svg",
        "figures/img02_text_clusters__cluster2.svg",
    } <= set(files)


def test_models_state_events_per_parameter_and_stepwise_caveat(textbox: FigureData) -> None:
    """Issue 9, point 5: each model states its starting df and events per parameter first,
    and the text that lists significant predictors says stepwise p-values are optimistic."""
    blocks = {b.key: b for b in textbox.blocks}
    first = blocks["efficiency"].paragraphs[0]
    assert "31 vrijheidsgraden" in first and "3,5 gevallen" in first
    assert first.index("vrijheidsgraden") < first.index("Significant")
    assert "minder dan 10" in first
    for block in blocks.values():
        lead = block.paragraphs[0]
        assert "vrijheidsgraden" in lead
        if "Significant" in lead:
            assert "te optimistisch" in lead
    # the rest score is named where the climate score is described
    assert any("restscore" in p and "e06_time" in p for p in textbox.paragraphs)


GENERIC = ("werken", "samen", "eerder", "kort", "team", "probleem")
"""Common Dutch work words that topped the demo's clusters before keyness (issue 12)."""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_generic_words_are_not_shown_and_english_titles_are_english(
    wave: DemoWave, lang: str
) -> None:
    ctx = make_context(wave.dataset, frame=wave.frame, lang=lang)
    spec = get_spec("img02_text_clusters")
    data = COMPUTE[spec.compute](ctx, spec)
    result = data.detail
    # the generic words are in the clusters (so the filter has work to do) ...
    in_clusters = {t.term for c in result.clusters for t in c.terms if t.doc_frequency >= 5}
    assert {"werken", "samen", "eerder"} <= in_clusters
    shown = set()
    for block in data.blocks:  # ... but in no terms table, cloud or title
        for table in block.tables:
            shown |= {row[1] for row in table.rows}
    for img in data.images:
        shown |= {
            t.text for t in ET.fromstring(img.svg).iter() if t.tag.endswith("text") and t.text
        }
    assert shown and not shown & set(GENERIC)
    titles = " ".join(data.table["category"])
    assert not set(re.findall(r"[\w-]+", titles.lower())) & set(GENERIC)
    if lang == "en":
        assert "Digital" in titles and "Digitaal" not in titles
        assert "Working from home & Meetings" in titles  # the 2021 label, in English
        table = data.blocks[0].tables[0]
        assert table.columns[2] == "term_en" and all(row[2] for row in table.rows)
    else:
        assert "Digitaal" in titles
