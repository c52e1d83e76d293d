"""Benchmarks: placed next to the Dutch numbers, tested where the other study's n is known,
and "not published" said explicitly; the shipped YAML is consistent with the questionnaire."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.questionnaire import Questionnaire
from barometer.report import CATALOGUE, Report, build_report, get_spec, render_html
from barometer.report.charts.draw import chart_frame
from barometer.report.figures.benchmarks import _parse, attach_benchmarks, load_benchmarks
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.registry import COMPUTE
from barometer.stats.proportions import two_proportion_test


def with_benchmarks(ds: Dataset, figure_id: str, lang: str = "nl") -> FigureData:
    spec = get_spec(figure_id)
    assert spec.compute is not None
    ctx = make_context(ds, lang=lang)
    return attach_benchmarks(COMPUTE[spec.compute](ctx, spec), ctx)


def test_every_value_has_a_source_and_known_categories(q: Questionnaire) -> None:
    bench = load_benchmarks()
    ids = {s.id for s in CATALOGUE}
    for v in bench.values:
        assert v.source.strip(), v
        assert v.figure in ids, v
        assert v.wording in {"exact", "circa", "bijna", "ruim", "meer_dan", "minder_dan"}, v
        item = q.item(get_spec(v.figure).params["item"])
        assert item.choice_list is not None
        for key in v.category:
            assert item.choice_list.by_name(key) is not None, (v.figure, key)
    for study in bench.studies.values():
        assert study.source.strip() and study.cite.strip()
    for fid in bench.statements:
        assert fid in ids


def test_denmark_wave3_n_and_innovated_share_as_published() -> None:
    bench = load_benchmarks()
    assert bench.studies["dk_2018_2019"].responses == 2271
    assert bench.studies["dk_2021_2023"].responses == 1611
    fig1 = {v.study: v.value for v in bench.for_figure("fig01_innovated_share")}
    assert fig1 == {"dk_2018_2019": 80, "dk_2021_2023": 83, "no_2019": 77, "se_2019": 81,
                    "is_2019": 78, "fi_2019": 95}  # fmt: skip


def test_fig01_places_nordic_values_and_tests_where_n_is_known(hand: Dataset) -> None:
    data = with_benchmarks(hand, "fig01_innovated_share")
    assert data.benchmarks is not None
    b = data.benchmarks.set_index("study")
    assert b.loc["dk_2018_2019", "value"] == 80
    assert b.loc["dk_2018_2019", "nl_pct"] == pytest.approx(70.0)
    assert b.loc["dk_2018_2019", "study_n"] == 2271
    expected = two_proportion_test(0.7, 10, 0.80, 2271).pvalue
    assert b.loc["dk_2018_2019", "p_value"] == pytest.approx(expected)
    assert b.loc["dk_2021_2023", "p_value"] == pytest.approx(
        two_proportion_test(0.7, 10, 0.83, 1611).pvalue
    )
    # n of the Norwegian study is not published: no test
    assert b.loc["no_2019", "p_value"] != b.loc["no_2019", "p_value"]  # NaN
    assert "n" in b.loc["no_2019", "test"]
    # Finland (municipalities only) is listed but neither tested nor charted
    assert not b.loc["fi_2019", "comparable"]
    frame, domain, _ = chart_frame(data)
    assert "Finland" not in domain and "Denemarken 2018-2019" in domain
    assert set(frame[frame["series"] == "Noorwegen"]["pct"]) == {77}
    assert "Geen Deense vergelijkingscijfers gepubliceerd." not in data.benchmark_notes


def test_innovator_base_values_are_not_tested(hand: Dataset) -> None:
    data = with_benchmarks(hand, "fig07_initiative")
    assert data.benchmarks is not None
    assert data.benchmarks["p_value"].isna().all()
    circa = data.benchmarks[data.benchmarks["key"] == "political"].set_index("study")
    assert circa.loc["dk_2018_2019", "wording"] == "ca. 11"
    emp = data.benchmarks[data.benchmarks["key"] == "employees"].iloc[0]
    assert (emp["value"], round(emp["nl_pct"], 1), emp["nl_base"]) == (34, 66.7, 6)


def test_combined_category_uses_the_union_of_choices(hand: Dataset) -> None:
    data = with_benchmarks(hand, "fig05_technology_share", lang="en")
    assert data.benchmarks is not None
    row = data.benchmarks[data.benchmarks["key"] == "small+none"].iloc[0]
    assert row["value"] == 60 and row["nl_pct"] == pytest.approx(200 / 7)  # small 0 + none 2 of 7
    assert row["category"] == "Small part or no part (combined)"
    frame, _, _ = chart_frame(data)
    nl = frame[(frame["key"] == "small+none") & frame["series"].str.startswith("Netherlands")]
    assert len(nl) == 1


@pytest.mark.parametrize(
    ("figure_id", "lang", "text"),
    [
        ("fig03_innovation_spectrum", "nl", "Geen Deense vergelijkingscijfers gepubliceerd."),
        ("fig12_strategy", "nl", "Geen Deense vergelijkingscijfers gepubliceerd."),
        ("fig23_pandemic_production", "en", "No Danish figure published."),
        ("fig02_innovation_types", "en", "No Danish figure published."),
    ],
)
def test_not_published_is_said(hand: Dataset, figure_id: str, lang: str, text: str) -> None:
    data = with_benchmarks(hand, figure_id, lang)
    assert data.benchmarks is None
    assert text in data.benchmark_notes


def test_published_statement_is_quoted_without_numbers(hand: Dataset) -> None:
    data = with_benchmarks(hand, "fig02_innovation_types")
    assert any("procesinnovaties" in n for n in data.benchmark_notes)


def test_not_published_and_caveats_in_the_html(hand_report: Report) -> None:
    html = render_html(hand_report)
    assert html.count("Geen Deense vergelijkingscijfers gepubliceerd.") >= 5
    assert 'id="caveats"' in html and "ranglijst" in html
    fig1 = html.split('id="fig01_innovated_share"')[1].split("</article>")[0]
    assert "Denemarken 2018-2019" in fig1 and 'href="#caveats"' in fig1
    assert "COI (2019, 2020)" in fig1  # source line names the comparison study


def test_yaml_bare_yes_is_rejected() -> None:
    raw = {"studies": {"s": {"country": "DK", "name": {"nl": "x"}, "study": "x", "source": "x"}},
           "values": [{"figure": "f", "study": "s", "category": [True], "value": 1,
                       "wording": "exact", "base": "all", "source": "x"}]}  # fmt: skip
    with pytest.raises(ValueError, match="quote"):
        _parse(raw)


@pytest.fixture(scope="module")
def weighted_report(
    build: Callable[..., Dataset], answers: Callable[..., dict[str, Any]]
) -> Report:
    """Two sectors that answer differently, weighted to a frame of 12 gemeenten and 30
    waterschappen, so that every weighted percentage differs from the unweighted one."""
    gemeenten = [answers()] * 5 + [answers("no")]
    waterschappen = [
        answers(d3_origin="adapted", d4_tech_share="none", d6_initiative=["managers"],
                d8_collab=["none"], d11_financing=["partners"]),
        answers(d3_origin="copy", d4_tech_share="entirely", d6_initiative=["technology"],
                d8_collab=["none"], d11_financing=["own_budget"]),
        answers(d3_origin="own", d4_tech_share="small", d6_initiative=["employees"]),
        answers(d3_origin="adapted", d4_tech_share="none", d6_initiative=["reorganisation"],
                d8_collab=["none"], d11_financing=["partners"]),
        answers(d3_origin="adapted", d4_tech_share="small", d6_initiative=["managers"]),
    ] + [answers("no")] * 3  # fmt: skip
    ds = build(gemeenten + waterschappen, sectors=["gemeenten"] * 6 + ["waterschappen"] * 8)
    frame = pd.DataFrame({"org_id": [f"f{i}" for i in range(42)],
                          "sector": ["gemeenten"] * 12 + ["waterschappen"] * 30})  # fmt: skip
    return build_report(ds, frame=frame)


def test_weighted_report_benchmarks_print_the_figures_percentages(weighted_report: Report) -> None:
    assert weighted_report.weighted
    bench = load_benchmarks()
    checked = tested = 0
    for fig in weighted_report.figures():
        data = fig.data
        if data.benchmarks is None or not bench.for_figure(fig.id):
            continue
        assert data.weighted and data.table is not None
        pct = data.table.set_index("key")["pct"]
        for row in data.benchmarks.itertuples():
            if pd.isna(row.nl_pct):
                continue
            # the figure's own (weighted) percentage; a combined category is the sum of its
            # parts (same base, same weights)
            assert row.nl_pct == pytest.approx(sum(pct[k] for k in row.key.split("+"))), (
                fig.id, row.key, row.study,
            )  # fmt: skip
            checked += 1
            if row.test == "z":  # the test's n is the effective n of the base
                expected = two_proportion_test(
                    row.nl_pct / 100, data.effective_n, row.value / 100, row.study_n
                ).pvalue
                assert row.p_value == pytest.approx(expected)
                tested += 1
        assert (
            "De Nederlandse percentages zijn gewogen, zoals in de figuur." in data.benchmark_notes
        )
    assert checked >= 20 and tested >= 2
    fig1 = weighted_report.figure("fig01_innovated_share").data
    assert fig1.benchmarks is not None and fig1.effective_n is not None
    yes = fig1.benchmarks[fig1.benchmarks["key"] == "yes"]
    assert (yes["nl_pct"] != pytest.approx(100 * 10 / 14)).all()  # weighted, not 10 of 14
    assert (yes["nl_base"] == 14).all()  # the unweighted n stays in the table
    eff = round(fig1.effective_n)
    assert any(f"effectieve steekproefomvang (Kish) als n voor Nederland: {eff}" in n
               for n in fig1.benchmark_notes)  # fmt: skip


def test_unweighted_report_has_no_weighting_note(hand_report: Report) -> None:
    data = hand_report.figure("fig01_innovated_share").data
    assert not any("gewogen" in n for n in data.benchmark_notes)
