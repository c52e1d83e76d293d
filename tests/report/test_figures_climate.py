"""Figures 15-22, 27 and Tabel 3 (the climate chapter): hand-computed shares on a small
dataset, the message in place of the figures when the scale cannot be computed, the
published 2021 shapes on the synthetic demo wave, and the weighted figures (hand-computed
with known weights; the notes say which statistics stay unweighted)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from barometer.dataset import Dataset, dummy_name
from barometer.report import Report, build_report, get_spec
from barometer.report.charts.draw import make_chart
from barometer.report.figures.climate import ClimateFigureData, analysis_for, tc
from barometer.report.figures.climate.group_shares import group_shares
from barometer.report.figures.core import Context, FigureData, make_context, make_weights
from barometer.report.figures.registry import COMPUTE
from barometer.stats.differences import weighted_difference
from barometer.stats.proportions import proportion
from barometer.stats.weights import WeightResult

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
        (
            "fig27_climate_by_cluster",
            "__other_clusters__",
            ("Hoge Colleges van Staat", "Zelfstandige bestuursorganen"),
        ),  # differencing rule
    ):
        data = figures[fid]
        assert isinstance(data, ClimateFigureData) and data.table is not None
        table = data.table.set_index("key")
        assert (table["n"] >= 5).all() and int(table["n"].sum()) == 366
        assert all(m in table.loc[remainder, "category"] for m in members)
        assert {"hoge_colleges", "provincies"}.isdisjoint(table.index)
        outliers = data.chart_data["outliers"]
        assert set(outliers["key"]) <= set(table.index)
        drawn = outliers.groupby("key").size().reindex(table.index, fill_value=0)
        shown = table["n_outliers"].notna()
        assert (table.loc[shown, "n_outliers"] == drawn[shown]).all()
        assert (drawn[~shown] == 0).all()  # 1 to 4 outliers: neither counted nor drawn
        assert ((table["n_outliers"] == 0) | (table["n_outliers"] >= 5) | ~shown).all()
        assert (table["q1"] <= table["median"]).all() and (table["median"] <= table["q3"]).all()
    gr = figures["fig16_climate_by_sector"].table
    assert gr is not None
    row = gr.set_index("key").loc["gemeenschappelijke_regelingen"]
    # its one outlier (2.25) is not published: min runs to the lower whisker
    assert pd.isna(row["n_outliers"]) and row["min"] == row["whisker_low"] > 2.25
    assert 4.7 <= row["max"] < 5


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
    assert f18.base_n == 361 and f19.base_n == 313  # 5 "don't know" left out (issue 9)
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


# --------------------------------------------------------------------------- weighting
# Weighted climate figures: hand-computed with known weights (2 and 6), the same as
# proportion(..., weights=...) on the same indicator; the notes say what stays unweighted.
LEVELS = ("strongly_disagree", "disagree", "neutral", "agree", "strongly_agree")
N = 30  # 15 gemeenten (weight 30/15 = 2), 15 waterschappen (weight 90/15 = 6)


@pytest.fixture(scope="module")
def small(build: Build, answers: Answers) -> Dataset:
    """Thirty organisations with a latent climate (seeded), enough for the scale; every
    fourth did not innovate; the results of the innovation follow the climate. The first
    15 are gemeenten, the last 15 waterschappen."""
    rng = np.random.default_rng(7)
    rows = []
    for i, level in enumerate(rng.normal(3.9, 0.6, N)):
        a = {s: LEVELS[int(np.clip(np.rint(level + rng.normal(0, 0.6)), 1, 5)) - 1]
             for s in STATEMENTS}  # fmt: skip
        results = [r for r, cut in (("quality", 3.7), ("efficiency", 4.1)) if level > cut]
        a["d14_results"] = results or ["employee_satisfaction"]
        rows.append(answers("yes" if i % 4 else "no", **a))
    sectors = ["gemeenten"] * (N // 2) + ["waterschappen"] * (N // 2)
    return build(rows, sectors=sectors)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    sectors = ["gemeenten"] * 30 + ["waterschappen"] * 90
    return pd.DataFrame({"org_id": [f"f{i}" for i in range(120)], "sector": sectors})


@pytest.fixture(scope="module")
def weights(small: Dataset, frame: pd.DataFrame) -> WeightResult:
    result, _ = make_weights(small.data, frame)
    assert sorted(set(result.weights.round(9))) == [2.0, 6.0]
    return result


@pytest.fixture(scope="module")
def wctx(small: Dataset, frame: pd.DataFrame, weights: WeightResult) -> Context:
    return make_context(small, min_n=3, frame=frame, weights=weights)


@pytest.fixture(scope="module")
def uctx(small: Dataset) -> Context:
    return make_context(small, min_n=3)


def w_of(ctx: Context) -> pd.Series:
    return pd.Series(np.where(ctx.data["sector"] == "gemeenten", 2.0, 6.0), index=ctx.data.index)


def assert_weighted(row: pd.Series, x: pd.Series, weights: WeightResult) -> None:
    """``row``'s pct is the hand-computed Σw·x / Σw over the base (x not NaN), with the
    known weights 2 and 6; its interval is proportion(x, weights=...)'s; n and base are
    the unweighted counts."""
    w = pd.Series(weights.weights.reindex(x.index).to_numpy(), index=x.index)
    assert sorted(set(w.round(9))) == [2.0, 6.0]
    base = x.notna()
    assert row["pct"] == pytest.approx(100 * (w * x)[base].sum() / w[base].sum())
    r = proportion(x, weights=weights)
    assert row["ci_low"] == pytest.approx(100 * r.ci_low)
    assert row["ci_high"] == pytest.approx(100 * r.ci_high)
    assert (row["n"], row["base"]) == (int(x[base].sum()), int(base.sum()))


def test_fig17_and_fig18_weighted_shares_equal_a_hand_computation(
    wctx: Context, weights: WeightResult
) -> None:
    f17, f18 = compute(wctx, "fig17_climate_groups"), compute(wctx, "fig18_frequency_by_climate")
    assert f17.table is not None and f18.table is not None and f17.weighted and f18.weighted
    groups = analysis_for(wctx).groups.astype(object)
    innovated = wctx.data["innovated"].astype(bool)
    t17, t18 = f17.table.set_index("key"), f18.table.set_index("key")
    for g in ("strong", "medium", "limited"):
        assert_weighted(t17.loc[f"fixed:{g}"], (groups == g).astype(float), weights)  # Σw = 120
        # Figuur 18, key "<group>:0": no innovation, a domain share within the group
        assert_weighted(t18.loc[f"{g}:0"], (~innovated).astype(float).where(groups == g), weights)
    assert f17.base_n == f18.base_n == N
    assert f17.effective_n == f18.effective_n == pytest.approx(120**2 / (15 * 4 + 15 * 36))  # 24


def test_fig15_weighted_share_per_statement(wctx: Context, uctx: Context) -> None:
    data, plain = (
        compute(wctx, "fig15_climate_statements"),
        compute(uctx, "fig15_climate_statements"),
    )
    assert data.table is not None and plain.table is not None
    w = w_of(wctx)  # every statement is answered 1-5: the base is all 30, Σw = 120
    agree = pd.to_numeric(wctx.data["e03_ideas_valued"]).isin([4, 5])
    row = data.table.set_index("key").loc["e03_ideas_valued"]
    assert row["pct"] == pytest.approx(100 * w[agree].sum() / 120)
    assert row["n"] == plain.table.set_index("key").loc["e03_ideas_valued", "n"] == agree.sum()
    assert data.weighted and not plain.weighted
    assert data.effective_n == pytest.approx(24.0) and plain.effective_n is None


def test_fig21_gap_is_the_weighted_difference(wctx: Context) -> None:
    data = compute(wctx, "fig21_results_by_climate")
    assert data.ok and data.table is not None
    table = data.table.set_index("key")
    first = data.table.dropna(subset=["gap"]).iloc[0]
    item = first["key"].split(":")[0]
    strong, limited = table.loc[f"{item}:strong"], table.loc[f"{item}:limited"]
    assert first["gap"] == pytest.approx(strong["pct"] - limited["pct"]) and first["gap"] > 10
    # issue 9, point 6: the gap's interval and p are design-based (linearised), as
    # weighted_difference gives them (pinned to R survey in tests/stats/test_differences.py)
    groups = analysis_for(wctx).groups.astype(object)
    innovators = wctx.data["innovated"].fillna(False).astype(bool)
    column = item if item in wctx.data.columns else dummy_name("d14_results", item)
    picked = (pd.to_numeric(wctx.data[column], errors="coerce") == 1).astype(float)
    x = picked.where(innovators & groups.notna())
    r = weighted_difference(x, groups == "strong", groups == "limited", weights=wctx.weights)
    assert first["gap"] == pytest.approx(100 * r.estimate)
    assert first["gap_ci_low"] == pytest.approx(100 * r.ci_low)
    assert first["gap_ci_high"] == pytest.approx(100 * r.ci_high)
    if r.se > 0:
        assert first["gap_p"] == pytest.approx(r.pvalue)
    assert data.weighted and data.effective_n_range is not None


def test_chi_square_stays_unweighted(wctx: Context, uctx: Context) -> None:
    weighted, plain = (
        compute(wctx, "fig18_frequency_by_climate"),
        compute(uctx, "fig18_frequency_by_climate"),
    )
    chi = [n for n in weighted.notes if n.startswith("Chi-kwadraattoets")]
    assert chi and chi == [n for n in plain.notes if n.startswith("Chi-kwadraattoets")]


UNWEIGHTED = {
    "fig15_climate_statements": "unweighted_scale",
    "fig16_climate_by_sector": "unweighted_box",
    "fig17_climate_groups": "unweighted_kmeans",
    "fig18_frequency_by_climate": "unweighted_chi",
    "fig19_spectrum_by_climate": "unweighted_chi",
    "fig20_success_factors_by_climate": "unweighted_chi",
    "fig21_results_by_climate": "unweighted_chi",
    "fig22_werk_zones": "unweighted_werk",
    "fig27_climate_by_cluster": "unweighted_box",
    "tab03_climate_scale": "unweighted_annex",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_notes_say_which_statistics_are_unweighted(
    small: Dataset, frame: pd.DataFrame, weights: WeightResult, uctx: Context, lang: str
) -> None:
    ctx = make_context(small, lang=lang, min_n=3, frame=frame, weights=weights)
    word = {"nl": "ngewogen", "en": "nweighted"}[lang]
    for fid, key in UNWEIGHTED.items():
        data = compute(ctx, fid)
        assert data.ok, (fid, data.message)
        assert tc(lang, key) in data.notes, fid
        assert word in tc(lang, key)
        assert tc("nl", key) not in compute(uctx, fid).notes, fid  # unweighted: no such note
        # the box plots and the method table are not weighted at all
        assert data.weighted == (key not in ("unweighted_box", "unweighted_annex")), fid
    assert "Cramér's V" in tc("en", "unweighted_chi") and "k-means" in tc("en", "unweighted_kmeans")


def test_report_prints_weighted_and_unweighted_n(small: Dataset, frame: pd.DataFrame) -> None:
    report = build_report(small, frame=frame, min_n=3)
    fig17 = report.figure("fig17_climate_groups")
    assert fig17.base_line == (
        "Basis: alle organisaties, n = 30 (ongewogen), effectief n = 24 (gewogen)"
    )
    assert any("gewogen naar het steekproefkader" in n for n in fig17.notes)
    fig16 = report.figure("fig16_climate_by_sector")
    assert "effectief" not in fig16.base_line
    assert not any("gewogen naar het steekproefkader" in n for n in fig16.notes)


def test_group_shares_shown_and_group_types(wctx: Context, uctx: Context) -> None:
    """Weighted, the categories not ``shown`` keep their weighted percentage (the gaps use
    it) but get no interval; the shown ones and the gaps are as without ``shown``. Groups
    as text or as a categorical give the same table."""
    groups = analysis_for(wctx).groups
    innovators = wctx.data["innovated"].fillna(False).astype(bool)
    x = (wctx.data["d14_results__quality"] == 1).astype(float).where(innovators)
    kw: dict[str, Any] = {"categories": [1.0, 0.0], "group_order": ("strong", "medium", "limited"),
                          "high": "strong", "low": "limited"}  # fmt: skip
    full = group_shares(wctx, x, groups.astype(object), **kw)
    part = group_shares(wctx, x, groups, shown=[1.0], **kw)
    pd.testing.assert_frame_equal(full.gaps, part.gaps)
    pd.testing.assert_series_equal(full.bases, part.bases)
    yes, no = part.table["category"] == 1.0, part.table["category"] == 0.0
    pd.testing.assert_frame_equal(full.table[yes], part.table[yes])
    pd.testing.assert_series_equal(full.table.loc[no, "pct"], part.table.loc[no, "pct"])
    assert part.table.loc[no, ["ci_low", "ci_high"]].isna().all().all()
    assert full.table.loc[no, ["ci_low", "ci_high"]].notna().all().all()
    strong = innovators & (groups == "strong")
    r = proportion(x.where(strong), weights=wctx.weights)
    row = part.table[yes & (part.table["group"] == "strong")].iloc[0]
    assert (row["pct"], row["ci_low"]) == (100 * r.estimate, 100 * r.ci_low)
    plain = group_shares(uctx, x, groups.astype(object), shown=[1.0], **kw)
    pd.testing.assert_frame_equal(plain.table, group_shares(uctx, x, groups, **kw).table)
    assert plain.table["ci_low"].notna().all()
