"""Climate groups and box-plot statistics.

Pinned literals come from R 4.2.2, psych 2.2.9 via
``tests/stats/reference/scale_reference.R`` (``kmeans``, ``boxplot.stats``,
``quantile(type = 6 / 7)``); output recorded in ``scale_reference.out.txt``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats import groups
from barometer.stats.groups import (
    boxplot_stats,
    climate_groups_fixed,
    climate_groups_kmeans,
)
from barometer.stats.scale import scale_score

DATA = Path(__file__).parent / "data" / "scale_items.csv"


@pytest.fixture(scope="module")
def score() -> pd.Series:
    items = pd.read_csv(DATA)
    return scale_score(items, keep=[f"clim_{i}" for i in range(1, 6)])


# --- fixed 2021 cut-offs -------------------------------------------------------------
def test_fixed_boundaries() -> None:
    s = pd.Series([1.0, 3.5999, 3.6, 3.8, 4.0, 4.0001, 5.0, np.nan], name="climate_score")
    g = climate_groups_fixed(s)
    assert g.name == "climate_score"
    assert g.iloc[:7].tolist() == [
        "limited",
        "limited",
        "medium",
        "medium",
        "medium",
        "strong",
        "strong",
    ]
    assert pd.isna(g.iloc[7])
    assert list(g.cat.categories) == ["limited", "medium", "strong"]
    assert g.cat.ordered


def test_fixed_boundaries_ignore_float_noise() -> None:
    noisy = pd.Series([np.nextafter(3.6, 0), np.nextafter(4.0, 5), sum([0.1] * 36)])
    assert climate_groups_fixed(noisy).tolist() == ["medium", "medium", "medium"]
    means = scale_score(pd.DataFrame({"a": [4, 4], "b": [4, 4], "c": [3, 4], "d": [4, 4], "e": [3, 4]}), keep=list("abcde"))  # fmt: skip
    assert climate_groups_fixed(means).tolist() == ["medium", "medium"]  # 3.6 and 4.0


def test_fixed_counts_match_r(score: pd.Series) -> None:
    counts = climate_groups_fixed(score).value_counts(sort=False)
    assert counts.to_dict() == {"limited": 24, "medium": 14, "strong": 22}


def test_fixed_custom_cuts_and_bad_cuts() -> None:
    s = pd.Series([2.0, 3.0, 3.5])
    assert climate_groups_fixed(s, cuts=(3.0, 3.4)).tolist() == ["limited", "medium", "strong"]
    for bad in [(4.0, 3.6), (3.6,), (3.6, math.inf), ("a", 4.0)]:
        with pytest.raises(StatsError, match="two increasing numbers"):
            climate_groups_fixed(s, cuts=bad)  # type: ignore[arg-type]
    with pytest.raises(StatsError, match="not numeric"):
        climate_groups_fixed(pd.Series(["3.6"]))
    with pytest.raises(StatsError, match="pandas Series"):
        climate_groups_fixed([3.6])  # type: ignore[arg-type]


# --- k-means -------------------------------------------------------------------------
def test_kmeans_matches_r(score: pd.Series) -> None:
    # R: set.seed(1); kmeans(score, centers = 3, nstart = 50), centres sorted
    res = climate_groups_kmeans(score)
    np.testing.assert_allclose(res.centres, [2.54090909091, 3.6, 4.55909090909], atol=1e-9)
    assert res.sizes == (11, 27, 22)
    assert res.inertia == pytest.approx(4.72727272727, abs=1e-9)
    # the cuts follow from the assignment (issue 9, point 2): the lowest score of the upper
    # group, on the upper side of R's midpoint between the centres
    lows = [float(score[res.labels == g].min()) for g in ("medium", "strong")]
    highs = [float(score[res.labels == g].max()) for g in ("limited", "medium")]
    np.testing.assert_allclose(res.cuts, lows)
    mids = [(2.54090909091 + 3.6) / 2, (3.6 + 4.55909090909) / 2]
    assert all(h < m <= c for h, m, c in zip(highs, mids, res.cuts, strict=True))
    assert res.n == 60
    assert res.labels.value_counts(sort=False).to_dict() == {
        "limited": 11,
        "medium": 27,
        "strong": 22,
    }


def test_kmeans_labels_follow_centres() -> None:
    rng = np.random.default_rng(3)
    parts = [rng.normal(4.6, 0.1, 15), rng.normal(2.5, 0.1, 15), rng.normal(3.6, 0.1, 15)]
    s = pd.Series(np.concatenate([*parts, [np.nan]]), index=np.arange(46)[::-1])
    seen = set()
    for seed in range(6):
        res = climate_groups_kmeans(s, random_state=seed)
        assert res.labels.iloc[:15].eq("strong").all()
        assert res.labels.iloc[15:30].eq("limited").all()
        assert res.labels.iloc[30:45].eq("medium").all()
        assert pd.isna(res.labels.iloc[45])
        assert list(res.centres) == sorted(res.centres)
        assert res.sizes == (15, 15, 15)
        seen.add(res.centres)
    assert len(seen) == 1
    named = climate_groups_kmeans(s, k=2, labels=["low", "high"])
    assert list(named.labels.cat.categories) == ["low", "high"]
    assert list(climate_groups_kmeans(s, k=4).labels.cat.categories) == [
        "group_1",
        "group_2",
        "group_3",
        "group_4",
    ]


def test_kmeans_bad_input() -> None:
    two = pd.Series([3.0, 4.0] * 10)
    with pytest.raises(StatsError, match="2 distinct scores cannot form 3 groups"):
        climate_groups_kmeans(two)
    with pytest.raises(StatsError, match="at least 10 scores"):
        climate_groups_kmeans(pd.Series([1.0, 2.0, 3.0, 4.0]))
    with pytest.raises(StatsError, match="k=1"):
        climate_groups_kmeans(two, k=1)
    with pytest.raises(StatsError, match="n_init=0"):
        climate_groups_kmeans(two, n_init=0)
    with pytest.raises(StatsError, match="give 3 different names"):
        climate_groups_kmeans(two, labels=["a", "b"])
    with pytest.raises(StatsError, match="every score is 3") as info:
        climate_groups_kmeans(pd.Series([3.0] * 12))
    assert info.value.problem.code is ErrorCode.STATS_CONSTANT


# --- box plots -----------------------------------------------------------------------
A = [1.0, 3.0, 3.2, 3.3, 3.5, 3.6, 3.7, 3.75, 3.9, 4.1, 5.0]
B = [2.2, 3.4, 3.6, 3.8, 3.8, 4.0, 4.2, 4.25, 4.4, 4.6, 4.8, 4.9]


@pytest.fixture
def two_groups() -> tuple[pd.Series, pd.Series]:
    return pd.Series(A + B + [np.nan, 2.0]), pd.Series(["a"] * 11 + ["b"] * 12 + ["a", None])


@pytest.mark.parametrize(
    ("method", "quartiles_a", "quartiles_b"),
    [
        ("tukey", [3.25, 3.6, 3.825], [3.7, 4.1, 4.5]),  # boxplot.stats / fivenum
        ("type7", [3.25, 3.6, 3.825], [3.75, 4.1, 4.45]),  # quantile(type = 7)
        ("type6", [3.2, 3.6, 3.9], [3.65, 4.1, 4.55]),  # quantile(type = 6)
    ],
)
def test_boxplot_quartiles_match_r(two_groups, method, quartiles_a, quartiles_b) -> None:
    s, by = two_groups
    t = boxplot_stats(s, by, method=method)
    assert list(t.index) == ["a", "b"]
    np.testing.assert_allclose(t.loc["a", ["q1", "median", "q3"]].astype(float), quartiles_a)
    np.testing.assert_allclose(t.loc["b", ["q1", "median", "q3"]].astype(float), quartiles_b)


def test_boxplot_whiskers_and_outliers_match_r(two_groups) -> None:
    s, by = two_groups
    t = boxplot_stats(s, by)  # Tukey hinges, 1.5 IQR, as R boxplot.stats
    assert t.loc["a", "n"] == 11 and t.loc["b", "n"] == 12
    assert (t.loc["a", "whisker_low"], t.loc["a", "whisker_high"]) == (3.0, 4.1)
    assert (t.loc["b", "whisker_low"], t.loc["b", "whisker_high"]) == (3.4, 4.9)
    assert t.loc["a", "outliers"] == [1.0, 5.0]
    assert t.loc["b", "outliers"] == [2.2]
    assert t.loc["a", "mean"] == pytest.approx(np.mean(A))
    assert (t.loc["a", "min"], t.loc["a", "max"]) == (1.0, 5.0)
    assert t.loc["b", "iqr"] == pytest.approx(0.8)


def test_boxplot_keeps_category_order(score: pd.Series) -> None:
    g = climate_groups_fixed(score).cat.add_categories(["unused"])
    t = boxplot_stats(score, g)
    assert list(t.index) == ["limited", "medium", "strong"]
    assert t["n"].tolist() == [24, 14, 22]
    # R boxplot.stats per group: (whisker_low, q1, median, q3, whisker_high)
    assert t.loc["limited", ["whisker_low", "q1", "median", "q3", "whisker_high"]].tolist() == pytest.approx([1.8, 2.6, 3.2, 3.4, 3.5])  # fmt: skip
    assert t.loc["strong", ["whisker_low", "q1", "median", "q3", "whisker_high"]].tolist() == pytest.approx([4.2, 4.4, 4.6, 4.8, 5.0])  # fmt: skip


def test_boxplot_bad_input(two_groups) -> None:
    s, by = two_groups
    with pytest.raises(StatsError, match="method='spss'"):
        boxplot_stats(s, by, method="spss")
    with pytest.raises(StatsError, match="whisker"):
        boxplot_stats(s, by, whisker=-1)
    with pytest.raises(StatsError, match="same index"):
        boxplot_stats(s, by.iloc[:-1])
    with pytest.raises(StatsError, match="no row has both") as info:
        boxplot_stats(s, pd.Series([None] * len(s), dtype=object))
    assert info.value.problem.code is ErrorCode.STATS_ALL_MISSING


def test_public_surface_is_sorted() -> None:
    assert groups.__all__ == sorted(groups.__all__)


def test_docstring_examples_run() -> None:
    import doctest

    assert doctest.testmod(groups).failed == 0
