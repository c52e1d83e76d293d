"""The climate analysis (item selection, score, groups) and the group comparisons, on
hand-made data with hand-computed expectations and on the synthetic demo wave."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats.analysis import (
    STATEMENTS,
    WERK_STATEMENTS,
    ClimateAnalysis,
    climate_analysis,
    climate_statements,
)
from barometer.stats.analysis_compare import group_means, group_table
from barometer.stats.reliability import cronbach_alpha

# three climate statements and a WERK statement, named as the study names them
E01, E02, E03 = STATEMENTS[:3]
E04 = WERK_STATEMENTS[0]


@pytest.fixture(scope="module")
def hand() -> pd.DataFrame:
    """Twelve organisations, four statements that hang together (-8 don't know, -9 none)."""
    return pd.DataFrame(
        {
            "innovated": [1] * 12,
            E01: [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5],
            E02: [1, 1, 2, 3, 2, 3, 4, 5, 4, 5, 4, 5],
            E03: [2, 2, 1, 3, 3, 4, 4, 4, -8, 5, 5, -9],
            E04: [1, 2, 3, 2, 3, 3, 4, 4, 5, 5, 5, -8],
        }
    )


@pytest.fixture(scope="module")
def hand_result(hand: pd.DataFrame) -> ClimateAnalysis:
    return climate_analysis(hand)


def test_candidates_are_the_studys_statements_including_werk(hand: pd.DataFrame) -> None:
    assert climate_statements(hand) == (E01, E02, E03, E04)


def test_hand_scores_by_hand(hand_result: ClimateAnalysis) -> None:
    res = hand_result
    assert res.kept == res.statements and res.dropped == ()
    assert res.min_answered == 3  # two-thirds of 4, rounded up
    assert res.n_selection == 10 and res.n_excluded == 2  # rows 9 and 12 are incomplete
    expected = [5 / 4, 7 / 4, 8 / 4, 11 / 4, 11 / 4, 13 / 4, 16 / 4, 17 / 4, 13 / 3, 20 / 4, 19 / 4]
    assert res.score.iloc[:11].tolist() == pytest.approx(expected)
    assert math.isnan(res.score.iloc[11])  # 2 of 4 answered (-9 and -8)
    assert res.n_scored == 11
    assert res.mean == pytest.approx(np.mean(expected))
    groups = res.groups.astype(object).tolist()
    assert groups[:11] == ["limited"] * 6 + ["medium"] + ["strong"] * 4


def test_hand_item_table(hand_result: ClimateAnalysis, hand: pd.DataFrame) -> None:
    items = hand_result.items
    assert items["answered"].tolist() == [12, 12, 10, 11]
    assert items["dont_know"].tolist() == [0, 0, 1, 1]
    assert items["kept"].all() and items["reason"].eq("").all()
    complete = hand.drop(columns="innovated").drop(index=[8, 11])
    ref = cronbach_alpha(complete)
    assert hand_result.reliability.alpha == pytest.approx(ref.alpha)
    assert items["r_drop"].to_numpy() == pytest.approx(ref.items["r_drop"].to_numpy())
    assert items["alpha_if_deleted"].to_numpy() == pytest.approx(
        ref.items["alpha_if_deleted"].to_numpy()
    )
    assert hand_result.initial.eigenvalues.sum() == pytest.approx(4.0)


def test_hand_agreement_and_kappa(hand_result: ClimateAnalysis) -> None:
    res = hand_result
    # k-means centres 1.67 / 2.92 / 4.47: fixed limited splits into k-means limited/medium
    assert res.kmeans.sizes == (3, 3, 5)
    assert res.agreement.to_numpy().tolist() == [[3, 3, 0], [0, 0, 1], [0, 0, 4]]
    assert res.agreement_share == pytest.approx(7 / 11)
    # po = 77/121, pe = (6*3 + 1*3 + 4*5)/121 = 41/121 -> kappa = 36/80
    assert res.kappa == pytest.approx(36 / 80)


def test_a_noise_statement_is_dropped_by_the_loading_rule() -> None:
    rng = np.random.default_rng(3)
    f = rng.normal(size=150)
    data = pd.DataFrame(
        {f"e{i:02d}_s{i}": np.clip(np.round(3.6 + f + rng.normal(size=150)), 1, 5).astype(int)
         for i in range(1, 6)}
    )  # fmt: skip
    data["e06_noise"] = rng.integers(1, 6, size=150)
    res = climate_analysis(data, statements=list(data.columns))
    assert res.dropped == ("e06_noise",)
    assert res.steps[0].rule == "loading"
    assert res.items.loc["e06_noise", "reason"].startswith("loading")
    assert int(res.items.loc["e06_noise", "step"]) == 1
    assert math.isnan(res.items.loc["e06_noise", "loading"])
    assert res.items.loc["e01_s1", "loading"] > 0.5


def test_too_few_cases_raise_a_clear_error(hand: pd.DataFrame) -> None:
    with pytest.raises(StatsError) as info:
        climate_analysis(hand.iloc[:8])
    assert info.value.problem.code is ErrorCode.STATS_TOO_FEW
    assert "complete cases" in str(info.value)


def test_bad_input() -> None:
    with pytest.raises(StatsError) as info:
        climate_analysis(pd.DataFrame({"e01_a": [1, 2]}), statements=["e01_a", "e02_b", "e03"])
    assert info.value.problem.code is ErrorCode.STATS_INPUT
    with pytest.raises(StatsError) as info:
        climate_analysis(pd.DataFrame({"e01_a": [1, 2], "x": [1, 2]}))
    assert info.value.problem.code is ErrorCode.STATS_TOO_FEW


# --------------------------------------------------------------------------- comparisons
def test_group_table_by_hand() -> None:
    # strong: 8 of 10 yes; medium: 5 of 10; limited: 2 of 10; tiny: 1 of 2 (suppressed)
    values = pd.Series([1] * 8 + [0] * 2 + [1] * 5 + [0] * 5 + [1] * 2 + [0] * 8 + [1, 0])
    groups = pd.Series(["strong"] * 10 + ["medium"] * 10 + ["limited"] * 10 + ["tiny"] * 2)
    res = group_table(values, groups, categories=[1, 0],
                      group_order=["strong", "medium", "limited", "tiny"], high="strong",
                      low="limited")  # fmt: skip
    assert res.suppressed == ("tiny",)
    yes = res.table[res.table["category"] == 1].set_index("group")
    assert yes["pct"].iloc[:3].tolist() == pytest.approx([80.0, 50.0, 20.0])
    assert math.isnan(yes.loc["tiny", "pct"]) and yes.loc["tiny", "count"] is pd.NA
    # chi-square of [[8,2],[5,5],[2,8]]: expected 5 everywhere -> sum (d^2/5) = 7.2
    assert res.chi2 is not None
    assert res.chi2.statistic == pytest.approx(7.2) and res.chi2.df == 2
    assert res.chi2.cramers_v == pytest.approx(math.sqrt(7.2 / 30))
    assert res.gaps.loc[1, "gap"] == pytest.approx(60.0)
    assert res.gaps.loc[1, "gap_p"] < 0.01


def test_group_table_without_a_test() -> None:
    res = group_table(pd.Series([1, 1, 1, 1, 1]), pd.Series(["a"] * 5), categories=[1, 0])
    assert res.chi2 is None and "fewer than two groups" in res.test_note
    with pytest.raises(StatsError):
        group_table(pd.Series([np.nan, np.nan]), pd.Series(["a", "b"]))


def test_group_means_by_hand() -> None:
    score = pd.Series([3.0, 3.5, 4.0, 4.5, 5.0, 2.0, 2.5, 3.0, 3.5, 4.0, 1.0, 1.0])
    groups = pd.Series(["a"] * 5 + ["b"] * 5 + ["c"] * 2)
    res = group_means(score, groups, min_n=5)
    assert res.suppressed == ("c",)
    a = res.table.loc["a"]
    sd = math.sqrt(0.625)  # deviations -1, -.5, 0, .5, 1 -> 2.5 / 4
    half = 2.7764451051977987 * sd / math.sqrt(5)  # t(0.975, 4)
    assert (a["mean"], a["sd"]) == pytest.approx((4.0, sd))
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((4.0 - half, 4.0 + half))
    # two groups of 5 with equal variance: F = 5 * (1 - 0)^2 / 2 / 0.625 = 4.0 on (1, 8)
    assert res.anova_df == (1, 8) and res.anova_f == pytest.approx(4.0)


# --------------------------------------------------------------------------- demo wave
@pytest.fixture(scope="module")
def wave_result() -> ClimateAnalysis:
    wave = pytest.importorskip("barometer.dataset.synthetic.wave")
    return climate_analysis(wave.make_wave(seed=2021).dataset.data)


def test_demo_wave_keeps_13_statements(wave_result: ClimateAnalysis) -> None:
    res = wave_result
    assert len(res.statements) == 15 and len(res.kept) == 13
    # the synthetic design's weak items (demo.yaml climate.weak_items): the ceiling statements
    assert set(res.dropped) == {"e01_collab_other", "e02_apply_elsewhere"}
    assert all(s.rule == "loading" for s in res.steps)
    assert {"e14_werk_safety", "e15_werk_improve"} <= set(res.kept)
    assert res.initial.kmo > 0.8 and res.initial.bartlett_p < 0.001
    assert res.reliability.alpha > 0.85
    assert (res.items.loc[list(res.kept), "loading"] >= 0.40).all()


def test_demo_wave_score_and_groups(wave_result: ClimateAnalysis) -> None:
    res = wave_result
    assert round(res.mean, 1) == 3.7  # climate_scale.mean: 3.7
    assert abs(res.normality.skewness) < 0.5 and abs(res.normality.kurtosis) < 1
    share = res.groups.value_counts(normalize=True) * 100
    assert 22 <= share["strong"] <= 28  # circa 25
    assert 32.5 <= share["medium"] < 33.5  # 33
    assert 42.5 <= share["limited"] < 43.5  # 43
    assert res.kmeans.centres[0] < res.kmeans.cuts[0] < res.kmeans.centres[1]
    assert int(res.agreement.to_numpy().sum()) == res.n_scored
