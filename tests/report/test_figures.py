"""Percentages, bases, exclusions and suppression of the computed figures, checked against
values computed by hand from the ``hand`` dataset (see conftest.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.report import build_report, get_spec
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.registry import COMPUTE
from barometer.stats.proportions import proportion

Build = Callable[..., Dataset]
Answers = Callable[..., dict[str, Any]]


def compute(ds: Dataset, figure_id: str, lang: str = "nl", min_n: int = 5) -> FigureData:
    spec = get_spec(figure_id)
    assert spec.compute is not None
    return COMPUTE[spec.compute](make_context(ds, lang=lang, min_n=min_n), spec)


def pcts(data: FigureData, series: str | None = None) -> dict[str, float]:
    assert data.table is not None
    table = data.table if series is None else data.table[data.table["series"] == series]
    return {str(k): round(float(v), 1) for k, v in zip(table["key"], table["pct"], strict=True)}


def test_fig01_share_of_all_with_dont_know_as_category(hand: Dataset) -> None:
    data = compute(hand, "fig01_innovated_share")
    assert data.base_n == 10
    assert pcts(data) == {"yes": 70.0, "no": 20.0, "dont_know": 10.0}
    assert data.table is not None
    row = data.table.set_index("key").loc["yes"]
    assert (row["n"], row["base"]) == (7, 10)
    expected = proportion([1] * 7 + [0] * 3)
    assert row["ci_low"] == pytest.approx(100 * expected.ci_low)
    assert row["ci_high"] == pytest.approx(100 * expected.ci_high)
    assert data.excluded == {}


def test_fig04_no_answer_is_excluded_and_counted(hand: Dataset) -> None:
    data = compute(hand, "fig04_origin")
    assert data.base_n == 6  # 7 innovators, one without an answer
    assert data.excluded == {"no_answer": 1}
    assert pcts(data) == {"own": 50.0, "adapted": 33.3, "copy": 16.7, "dont_know": 0.0}


def test_fig05_and_fig06_bases(hand: Dataset) -> None:
    five = compute(hand, "fig05_technology_share")
    assert five.base_n == 7
    assert pcts(five) == {"entirely": 14.3, "important": 57.1, "small": 0.0, "none": 28.6}
    six = compute(hand, "fig06_technology_new")  # base: innovators using technology
    assert six.base_n == 5
    assert six.excluded == {}
    assert pcts(six) == {"entirely_new": 0.0, "new_way": 40.0, "not_new": 40.0, "dont_know": 20.0}


def test_fig07_multi_select_base_is_shown_and_answered(hand: Dataset) -> None:
    data = compute(hand, "fig07_initiative")
    assert data.base_n == 6
    assert data.excluded == {"no_answer": 1}
    got = pcts(data)
    assert got["employees"] == 66.7
    assert got["managers"] == 50.0
    assert got["citizens"] == 16.7
    assert got["abroad"] == 0.0
    assert data.table is not None
    assert list(data.table["pct"]) == sorted(data.table["pct"], reverse=True)


def test_fig02_yes_share_per_type_with_dont_know_series(hand: Dataset) -> None:
    data = compute(hand, "fig02_innovation_types")
    assert data.base_range == (7, 7)
    assert pcts(data, "Ja") == {
        "d2_type_product": 28.6, "d2_type_service": 100.0,
        "d2_type_process": 71.4, "d2_type_interaction": 14.3,
    }  # fmt: skip
    assert pcts(data, "Weet niet")["d2_type_product"] == 14.3
    assert data.table is not None
    assert data.table["category"].iloc[0] == "Producten"


def test_fig02_drops_dont_know_series_when_nobody_said_it(build: Build, answers: Answers) -> None:
    ds = build([answers() for _ in range(6)])
    data = compute(ds, "fig02_innovation_types")
    assert data.table is not None
    assert set(data.table["series"]) == {"Ja"}


def test_fig03_spectrum_counts_types(hand: Dataset) -> None:
    data = compute(hand, "fig03_innovation_spectrum")
    assert data.base_n == 7
    assert pcts(data) == {"1": 14.3, "2": 71.4, "3": 0.0, "4": 14.3}
    assert data.notes  # the 2021 n=366 remark


def test_fig13_factor_levels_grouped(hand: Dataset) -> None:
    data = compute(hand, "fig13_factors")
    assert data.table is not None
    finance = data.table[data.table["key"] == "d13_factor_finance"].set_index("series")["pct"]
    assert finance.round(1).to_dict() == {
        "(Sterk) belemmerend": 42.9, "Neutraal": 14.3, "(Sterk) bevorderend": 28.6,
        "Weet niet": 14.3,
    }  # fmt: skip
    # sorted by the share promoting: finance (28.6%) comes after the factors at 100%
    keys = list(dict.fromkeys(data.table["key"]))
    assert keys[-1] == "d13_factor_finance"


def test_english_labels(hand: Dataset) -> None:
    data = compute(hand, "fig01_innovated_share", lang="en")
    assert data.table is not None
    assert list(data.table["category"]) == ["Yes", "No", "Don't know"]


def test_base_below_min_n_shows_a_message(build: Build, answers: Answers) -> None:
    ds = build([answers() for _ in range(4)] + [answers("no") for _ in range(6)])
    data = compute(ds, "fig04_origin")
    assert data.table is None
    assert data.message is not None and "4" in data.message and "5" in data.message
    assert compute(ds, "fig01_innovated_share").ok  # base: all 10


def test_row_with_small_base_is_suppressed(build: Build, answers: Answers) -> None:
    # factor "finance" answered by 6; "mistakes" by only 3 (others: no answer)
    rows = [answers() for _ in range(6)]
    for a in rows[3:]:
        del a["d13_factor_mistakes"]
    data = compute(build(rows), "fig13_factors")
    assert data.table is not None
    mistakes = data.table[data.table["key"] == "d13_factor_mistakes"]
    assert mistakes["pct"].isna().all()
    assert mistakes["n"].isna().all()
    assert (mistakes["base"] == 3).all()
    assert data.excluded == {"no_answer": 3}


def test_no_innovators_gives_messages_and_the_report_still_renders(
    build: Build, answers: Answers
) -> None:
    ds = build([answers("no") for _ in range(8)])
    report = build_report(ds)
    fig1 = report.figure("fig01_innovated_share")
    assert fig1.message is None and fig1.chart is not None
    for fid in ("fig02_innovation_types", "fig04_origin", "fig07_initiative", "fig13_factors"):
        fig = report.figure(fid)
        assert fig.message is not None and "0" in fig.message, fid
        assert fig.chart is None
    assert report.problems == ()


def test_all_missing_gives_a_message(build: Build, answers: Answers) -> None:
    ds = build([answers(b1_production=None) for _ in range(6)])
    data = compute(ds, "fig23_pandemic_production")
    assert data.message is not None
    assert data.excluded == {"no_answer": 6}


def test_percentages_add_up(hand: Dataset) -> None:
    for fid in (
        "fig01_innovated_share",
        "fig04_origin",
        "fig05_technology_share",
        "fig12_strategy",
    ):
        data = compute(hand, fid)
        assert data.table is not None
        assert math.isclose(float(pd.Series(data.table["pct"]).sum()), 100.0), fid
