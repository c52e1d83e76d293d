"""Figures 15-22, 27 and Tabel 3 (the climate chapter): hand-computed shares on a small
dataset, the message in place of the figures when the scale cannot be computed, and the
published 2021 shapes on the synthetic demo wave."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from barometer.dataset import Dataset
from barometer.report import Report, get_spec
from barometer.report.charts import make_chart
from barometer.report.figures import COMPUTE, Context, FigureData, make_context
from barometer.report.figures_climate import ClimateFigureData
from barometer.stats.proportions import proportion

Build = Callable[..., Dataset]
Answers = Callable[..., dict[str, Any]]

CLIMATE = (
    "fig15_climate_statements", "fig16_climate_by_sector", "fig17_climate_groups",
    "fig18_frequency_by_climate", "fig19_spectrum_by_climate",
    "fig20_success_factors_by_climate", "fig21_results_by_climate", "fig22_werk_zones",
    "fig27_climate_by_cluster", "tab03_climate_scale",
)  # fmt: skip
STATEMENTS = (
    "e01_collab_other", "e02_apply_elsewhere", "e03_ideas_valued", "e04_citizen_perspective",
    "e05_learn_mistakes", "e06_time", "e07_management_support", "e08_experiment",
    "e09_evaluate", "e10_employees_involved", "e11_vision", "e12_resources",
    "e13_share_knowledge", "e14_werk_safety", "e15_werk_improve",
)  # fmt: skip


def compute(ctx: Context, figure_id: str) -> FigureData:
    spec = get_spec(figure_id)
    assert spec.compute is not None
    return COMPUTE[spec.compute](ctx, spec)


# --------------------------------------------------------------------------- small data
@pytest.fixture(scope="module")
def twelve(build: Build, answers: Answers) -> Dataset:
    """Twelve organisations answering all 15 statements (too few for the scale: it needs
    16 complete cases). e01: 6 strongly agree, 3 agree, 2 disagree, 1 don't know."""
    e01 = ["strongly_agree"] * 6 + ["agree"] * 3 + ["disagree"] * 2 + ["dont_know"]
    levels = ["neutral", "agree", "strongly_agree", "disagree"]
    rows = []
    for i in range(12):
        a = {s: levels[(i + j) % 4] for j, s in enumerate(STATEMENTS)}
        a["e01_collab_other"] = e01[i]
        rows.append(answers(**a))
    return build(rows)


def test_fig15_shares_by_hand_without_dont_know(twelve: Dataset) -> None:
    data = compute(make_context(twelve), "fig15_climate_statements")
    assert data.ok and data.table is not None
    row = data.table.set_index("key").loc["e01_collab_other"]
    assert (row["n"], row["base"], row["dont_know"]) == (9, 11, 1)
    expected = proportion([1] * 9 + [0] * 2)
    assert row["pct"] == pytest.approx(100 * 9 / 11)
    assert row["ci_low"] == pytest.approx(100 * expected.ci_low)
    # e02: levels cycle neutral, agree, strongly agree, disagree -> 6 of 12 agree
    assert data.table.set_index("key").loc["e02_apply_elsewhere", "pct"] == pytest.approx(50.0)
    assert data.base_range == (11, 12)
    assert any("'Weet niet' telt niet mee" in n for n in data.notes)
    # the scale cannot be computed: no item is marked, the reason is said
    assert not data.table["category"].str.endswith("*").any()
    assert any("ten minste 16 organisaties" in n and "11 van de 12" in n for n in data.notes)


def test_too_few_cases_give_the_message_instead_of_the_figure(twelve: Dataset) -> None:
    ctx = make_context(twelve, lang="en")
    for figure_id in CLIMATE[1:]:
        data = compute(ctx, figure_id)
        assert not data.ok, figure_id
        assert data.message is not None and "needs at least 16 organisations" in data.message


def test_the_report_prints_the_message(hand_report: Report) -> None:
    """``hand`` (conftest) has no climate answers at all: the report still renders."""
    from barometer.report import render_html

    mine = [p for p in hand_report.problems if any(k in p for k in ("15", "16", "27", "Tabel 3"))]
    assert mine == []
    fig16 = hand_report.figure("fig16_climate_by_sector")
    assert fig16.chart is None and fig16.message is not None
    assert "meetschaal innovatieklimaat" in fig16.message
    html = render_html(hand_report)
    assert fig16.message in html and "Figuur 16" in html


# --------------------------------------------------------------------------- demo wave
@pytest.fixture(scope="module")
def demo() -> Dataset:
    wave = pytest.importorskip("barometer.dataset.synthetic.wave")
    return wave.make_wave(seed=2021).dataset  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def ctx(demo: Dataset) -> Context:
    return make_context(demo)


@pytest.fixture(scope="module")
def ctx_en(demo: Dataset) -> Context:
    return make_context(demo, lang="en")


@pytest.fixture(scope="module")
def figures(ctx: Context) -> dict[str, FigureData]:
    return {fid: compute(ctx, fid) for fid in CLIMATE}


def test_demo_all_climate_figures_compute(figures: dict[str, FigureData]) -> None:
    for fid, data in figures.items():
        assert data.ok, (fid, data.message)


def test_demo_fig15_marks_the_dropped_statements(figures: dict[str, FigureData]) -> None:
    data = figures["fig15_climate_statements"]
    assert data.table is not None
    marked = set(data.table.loc[data.table["category"].str.endswith(" *"), "key"])
    assert marked == {"e01_collab_other", "e02_apply_elsewhere"}
    assert data.notes[0] == (
        "* De gemarkeerde items zijn om statistische redenen niet opgenomen in de meetschaal."
    )
    pct = data.table.set_index("key")["pct"]
    assert 75 <= pct["e03_ideas_valued"] <= 78 and 64 <= pct["e05_learn_mistakes"] <= 70


def test_demo_boxplots_merge_small_groups(figures: dict[str, FigureData]) -> None:
    for fid, remainder, members in (
        ("fig16_climate_by_sector", "overig", ("Hoge Colleges van Staat", "Provincies")),
        ("fig27_climate_by_cluster", "__other_clusters__", ("Hoge Colleges van Staat",)),
    ):
        data = figures[fid]
        assert isinstance(data, ClimateFigureData) and data.table is not None
        table = data.table.set_index("key")
        assert (table["n"] >= 5).all() and int(table["n"].sum()) == 366
        assert all(m in table.loc[remainder, "category"] for m in members)
        assert {"hoge_colleges", "provincies"}.isdisjoint(table.index)
        outliers = data.chart_data["outliers"]
        assert set(outliers["key"]) <= set(table.index)
        assert (table["n_outliers"] == outliers.groupby("key").size().reindex(table.index,
                fill_value=0)).all()  # fmt: skip
        assert (table["q1"] <= table["median"]).all() and (table["median"] <= table["q3"]).all()
    gr = figures["fig16_climate_by_sector"].table
    assert gr is not None
    row = gr.set_index("key").loc["gemeenschappelijke_regelingen"]
    assert row["min"] == pytest.approx(2.25) and 4.7 <= row["max"] < 5


def test_demo_fig17_groups_and_kmeans(figures: dict[str, FigureData]) -> None:
    data = figures["fig17_climate_groups"]
    assert data.table is not None and data.base_n == 366
    table = data.table.set_index("key")
    assert 22 <= table.loc["fixed:strong", "pct"] <= 28
    assert 32.5 <= table.loc["fixed:medium", "pct"] < 33.5
    assert 42.5 <= table.loc["fixed:limited", "pct"] < 43.5
    km = table.loc[["kmeans:limited", "kmeans:medium", "kmeans:strong"]]
    assert km["centre"].is_monotonic_increasing and int(km["n"].sum()) == 366
    assert any("k-means" in n and "kappa" in n for n in data.notes)


def test_demo_fig18_and_19(figures: dict[str, FigureData]) -> None:
    f18, f19 = figures["fig18_frequency_by_climate"], figures["fig19_spectrum_by_climate"]
    assert f18.base_n == 366 and f19.base_n == 313
    assert f18.table is not None and f19.table is not None
    none = f18.table.set_index("key")["pct"]
    assert none["strong:0"] < none["medium:0"] < none["limited:0"]
    assert any(n.startswith("Chi-kwadraattoets") for n in f18.notes)
    assert any(n.startswith("Innoveerde: krachtig") for n in f18.notes)
    four = f19.table.set_index("key")["pct"]
    assert four["strong:4.0"] > 55 > four["medium:4.0"]
    assert any("n = 366" in n for n in f19.notes)


def test_demo_fig20_largest_gap_is_mistakes(figures: dict[str, FigureData]) -> None:
    data = figures["fig20_success_factors_by_climate"]
    assert data.table is not None
    first = data.table.iloc[0]
    assert first["key"] == "d13_factor_mistakes:strong"
    assert first["category"].endswith("(grootste verschil)")
    assert 40 <= first["gap"] <= 46  # 2021: 43 points
    assert first["chi2_p"] < 0.001 and first["df"] == 2
    assert data.table["gap"].dropna().is_monotonic_decreasing
    assert data.notes[0].startswith("Grootste verschil tussen krachtig en beperkt")


def test_demo_fig21_results_gaps(figures: dict[str, FigureData]) -> None:
    data = figures["fig21_results_by_climate"]
    assert data.table is not None and data.base_n == 313
    gaps = data.table.dropna(subset=["gap"]).set_index("key")["gap"]
    assert 17 <= gaps["quality:strong"] <= 23 and 17 <= gaps["employee_satisfaction:strong"] <= 23
    assert (gaps > 0).all()
    assert not data.table["key"].str.startswith("other:").any()


def test_demo_fig22_werk_zones(figures: dict[str, FigureData], ctx_en: Context) -> None:
    data = figures["fig22_werk_zones"]
    assert isinstance(data, ClimateFigureData) and data.table is not None
    scores = data.chart_data["scores"].set_index("group")["mean"]
    assert scores["learning"] > scores["apathy"]
    assert "WERKonderzoek 2019" in data.notes[0] and "één leidinggevende" in data.notes[0]
    en = compute(ctx_en, "fig22_werk_zones")
    assert "WERKonderzoek 2019" in en.notes[0] and "one manager" in en.notes[0]


def test_demo_tabel3_method(figures: dict[str, FigureData]) -> None:
    data = figures["tab03_climate_scale"]
    assert isinstance(data, ClimateFigureData) and data.table is not None
    assert len(data.table) == 15 and (data.table["kept"] == "ja").sum() == 13
    dropped = data.table[data.table["kept"] == "nee"]
    assert dropped["reason"].str.startswith("lading").all()
    hist = data.chart_data["histogram"]
    assert ((hist["count"] == 0) | (hist["count"] >= 5)).all()
    assert int(hist["count"].sum()) <= 366
    assert len(data.chart_data["scree"]) == 15
    assert any(n.startswith("Alle 15 stellingen: KMO") for n in data.notes)


def test_demo_charts_are_accessible_svg(figures: dict[str, FigureData], ctx_en: Context) -> None:
    kinds = {"boxplot", "grouped_bar", "stacked_groups", "scale_annex", "werk_zones"}
    for fid in (
        "fig16_climate_by_sector",
        "fig17_climate_groups",
        "fig18_frequency_by_climate",
        "fig20_success_factors_by_climate",
        "fig22_werk_zones",
        "tab03_climate_scale",
    ):
        data = figures[fid]
        kinds.discard(data.spec.chart)
        chart = make_chart(data, f"{data.spec.number_label('nl')}. {data.spec.title_in('nl')}")
        assert chart is not None, fid
        root = ET.fromstring(chart.svg)
        assert root.get("role") == "img"
        assert len(chart.alt) > 40 and "nan" not in chart.alt.lower(), (fid, chart.alt)
    assert kinds == set()
    en = compute(ctx_en, "fig16_climate_by_sector")
    chart = make_chart(en, "Figure 16")
    assert chart is not None and chart.alt.startswith("Box plot.")


def test_catalogue_entries() -> None:
    for fid in CLIMATE:
        spec = get_spec(fid)
        assert spec.ready and set(spec.params.get("columns", ["category"])) >= {"category"}
    assert get_spec("tab03_climate_scale").number_label("nl") == "Tabel 3"
    assert get_spec("fig19_spectrum_by_climate").base == "innovators"
