"""Tests for barometer.stats.proportions, pinned against R.

Reference values: tests/stats/reference/weights_reference.R, run with R 4.2.2
(2022-11-10 r83330) and survey 4.1.1 (output: weights_reference.out.txt). Designs:
A = svydesign(ids=~1) + postStratify on sector x size_class (collapsed cells),
B = postStratify on sector with Provincies and Waterschappen recoded to Overig,
C = the weights of A as plain sampling weights, no post-stratification.
R is not needed to run these tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats.proportions import (
    chi_square_table,
    proportion,
    proportions_table,
    two_proportion_test,
    weighted_share,
)
from barometer.stats.weights import WeightResult, poststratify

DATA = Path(__file__).parent / "data"
TOL = 1e-9


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(DATA / "weights_sample.csv")


@pytest.fixture(scope="module")
def designs(sample: pd.DataFrame) -> dict[str, WeightResult | pd.Series]:
    frame = pd.read_csv(DATA / "weights_frame.csv")
    a = poststratify(sample, frame, by=("sector", "size_class"), count="N")
    overig = {"Provincies": "Overig", "Waterschappen": "Overig"}
    b = poststratify(sample, frame, count="N", collapse=overig)
    return {"A": a, "B": b, "C": a.weights}


# (design, column): estimate, SE, confint(svymean) Wald, svyciprop logit, weighted base
R_SURVEY = {
    ("A", "innovated"): (0.8257526340, 0.0373086041, (0.7526291137, 0.8988761543),
                         (0.7393195369, 0.8878737211), 803.0),
    ("A", "quality"): (0.6584508307, 0.0499419201, (0.5605664659, 0.7563351954),
                       (0.5537594709, 0.7496833285), 663.0793650794),
    ("B", "innovated"): (0.8320880033, 0.0359194244, (0.7616872252, 0.9024887814),
                         (0.7486614156, 0.8918241213), 803.0),
    ("B", "quality"): (0.6545629477, 0.0496728259, (0.5572059979, 0.7519198974),
                       (0.5506663193, 0.7455373921), 668.1666666667),
    ("C", "innovated"): (0.8257526340, 0.0378526437, (0.7515628156, 0.8999424524),
                         (0.7378741581, 0.8886168457), 803.0),
    ("C", "quality"): (0.6584508307, 0.0503345570, (0.5597969118, 0.7571047495),
                       (0.5529034825, 0.7503326938), 663.0793650794),
}  # fmt: skip


@pytest.mark.parametrize(("design", "column"), list(R_SURVEY))
def test_weighted_matches_r_survey(sample, designs, design, column) -> None:
    est, se, wald, logit, base = R_SURVEY[design, column]
    r = proportion(sample[column], weights=designs[design])
    assert r.weighted and r.method == "logit"
    assert r.estimate == pytest.approx(est, abs=TOL)
    assert r.se == pytest.approx(se, abs=TOL)
    assert (r.ci_low, r.ci_high) == pytest.approx(logit, abs=TOL)
    assert r.base == pytest.approx(base, abs=1e-8)
    assert r.n == sample[column].notna().sum()
    w = proportion(sample[column], weights=designs[design], ci="wald")
    assert (w.ci_low, w.ci_high) == pytest.approx(wald, abs=TOL)


def test_unweighted_wilson_matches_prop_test(sample) -> None:
    # R: prop.test(x, n, correct=FALSE)$conf.int
    r = proportion(sample["innovated"])
    assert (r.count, r.n, r.base) == (102, 121, 121.0)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.7677344176, 0.8971088226), abs=TOL)
    r = proportion(sample["quality"])
    assert (r.count, r.n) == (65, 102)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.5405417237, 0.7240048946), abs=TOL)
    r = proportion([1, 1, 1, 0])
    assert (r.ci_low, r.ci_high) == pytest.approx((0.3006418426, 0.9544127392), abs=TOL)


def test_unweighted_wald_is_clipped() -> None:
    r = proportion([1] * 9 + [0], ci="wald")
    assert r.ci_high == 1.0
    assert r.ci_low == pytest.approx(0.9 - 1.959963985 * np.sqrt(0.09 / 10))


def test_weighted_degenerate_proportion() -> None:
    r = proportion(pd.Series([1.0, 1.0, 1.0]), weights=pd.Series([1.0, 2.0, 3.0]))
    assert (r.estimate, r.se, r.ci_low, r.ci_high) == (1.0, 0.0, 1.0, 1.0)


def test_table_with_base_mask_is_a_domain_estimate(sample, designs) -> None:
    df = sample.assign(quality0=sample["quality"].fillna(0))
    table = proportions_table(
        df,
        {"quality0": "Kwaliteit", "innovated": "Innovatie"},
        weights=designs["A"],
        base_mask=df["innovated"] == 1,
    )
    assert list(table.columns) == ["label", "n", "base", "pct", "ci_low", "ci_high"]
    row = table.loc["quality0"]
    assert row["label"] == "Kwaliteit" and row["n"] == 102
    # same numbers as R svyciprop(~quality, subset(A, !is.na(quality)), method="logit")
    assert row[["pct", "ci_low", "ci_high"]].tolist() == pytest.approx(
        [65.84508307, 55.37594709, 74.96833285], abs=1e-7
    )
    assert table.loc["innovated", "pct"] == 100.0  # all of the base innovated


def test_unweighted_table(sample) -> None:
    table = proportions_table(sample, ["innovated"])
    assert table.loc["innovated", ["n", "base"]].tolist() == [121, 121.0]
    assert table.loc["innovated", "ci_low"] == pytest.approx(76.77344176, abs=1e-7)


def test_two_proportions_match_prop_test() -> None:
    # NL 313 of 366 versus DK 1817 of 2271 (80%)
    # R: prop.test(c(313, 1817), c(366, 2271), correct=FALSE)
    r = two_proportion_test(313 / 366, 366, 1817 / 2271, 2271)
    assert r.statistic**2 == pytest.approx(6.1627459936, abs=TOL)
    assert r.pvalue == pytest.approx(0.0130468512, abs=TOL)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.0154756134, 0.0947307664), abs=TOL)
    assert r.difference == pytest.approx(313 / 366 - 1817 / 2271)


def test_newcombe_interval() -> None:
    # Newcombe (1998) Table II, example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339;
    # to more digits from R prop.test Wilson limits (weights_reference.R)
    r = two_proportion_test(56 / 70, 70, 48 / 80, 80, ci="newcombe")
    assert (r.ci_low, r.ci_high) == pytest.approx((0.0524314724, 0.3338726540), abs=TOL)


def test_chi_square_matches_chisq_test(sample) -> None:
    # R: chisq.test(table(sector, innovated), correct=FALSE)
    r = chi_square_table((sample["sector"], sample["innovated"]))
    assert r.statistic == pytest.approx(3.2995384986, abs=TOL)
    assert r.df == 3
    assert r.pvalue == pytest.approx(0.3477068823, abs=TOL)
    assert r.cramers_v == pytest.approx(0.1651330167, abs=TOL)
    assert r.expected.loc["Provincies", 0] == pytest.approx(1.4132231405, abs=TOL)
    assert r.low_expected_share == 0.25
    assert r.warning is not None and "25%" in r.warning


def test_chi_square_two_by_two() -> None:
    r = chi_square_table(np.array([[20, 10], [10, 20]]))
    assert (r.statistic, r.df) == (pytest.approx(6.6666666667), 1)
    assert r.pvalue == pytest.approx(0.0098232745, abs=TOL)
    assert r.cramers_v == pytest.approx(1 / 3)
    assert r.warning is None and r.low_expected_share == 0.0


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: proportion([1, 0], weights=[1.0, -1.0]), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 0], weights=[1.0, np.nan]), ErrorCode.STATS_INPUT),
        (lambda: proportion([np.nan, np.nan]), ErrorCode.STATS_ALL_MISSING),
        (lambda: proportion([]), ErrorCode.STATS_ALL_MISSING),
        (lambda: proportion([1, 0, 1], weights=[1.0, 2.0]), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 2]), ErrorCode.STATS_INPUT),
        (lambda: proportion(["ja", "nee"]), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 0], ci="logit"), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 0], weights=[1.0, 1.0], ci="wilson"), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 0], weights=[0.0, 0.0]), ErrorCode.STATS_INPUT),
        (lambda: proportion([1, 0], level=95), ErrorCode.STATS_INPUT),
        (
            lambda: proportion(
                pd.Series([1, 0], index=[1, 2]), weights=pd.Series([1.0, 2], [3, 4])
            ),
            ErrorCode.STATS_INPUT,
        ),
        (lambda: two_proportion_test(0.5, 0, 0.4, 10), ErrorCode.STATS_TOO_FEW),
        (lambda: two_proportion_test(86, 366, 80, 2271), ErrorCode.STATS_INPUT),
        (lambda: two_proportion_test(0.0, 10, 0.0, 10), ErrorCode.STATS_INPUT),
        (lambda: two_proportion_test(0.5, 10, 0.4, 10, ci="exact"), ErrorCode.STATS_INPUT),
        (lambda: chi_square_table([[1, 2], [0, 0]]), ErrorCode.STATS_TOO_FEW),
        (lambda: chi_square_table([[1, 2, 3]]), ErrorCode.STATS_TOO_FEW),
        (lambda: chi_square_table([[1, -2], [3, 4]]), ErrorCode.STATS_INPUT),
        (lambda: chi_square_table(([1, 2, 3], [1, 2])), ErrorCode.STATS_INPUT),
        (lambda: proportions_table(pd.DataFrame({"a": [1]}), ["b"]), ErrorCode.STATS_INPUT),
        (
            lambda: proportions_table(pd.DataFrame({"a": [1, 0]}), ["a"], base_mask=[True]),
            ErrorCode.STATS_INPUT,
        ),
    ],
)
def test_bad_input_raises(call, code) -> None:
    with pytest.raises(StatsError) as info:
        call()
    assert info.value.problem.code == code


def test_weights_realigned_by_index(sample, designs) -> None:
    a = designs["A"]
    shuffled = sample["quality"].sample(frac=1, random_state=1)
    r = proportion(shuffled, weights=a)
    assert r.se == pytest.approx(0.0499419201, abs=TOL)


def test_weighted_share_is_the_estimate_of_proportion(sample, designs) -> None:
    for design in ("A", "C"):
        r = proportion(sample["quality"], weights=designs[design])
        assert weighted_share(sample["quality"], weights=designs[design]) == r.estimate
    assert weighted_share([1, 0, None], weights=[3.0, 1.0, 2.0]) == 0.75
    with pytest.raises(StatsError) as info:
        weighted_share([np.nan, np.nan], weights=[1.0, 1.0])
    assert info.value.problem.code == ErrorCode.STATS_ALL_MISSING


def test_numbers_and_objects_read_alike(sample, designs) -> None:
    """The numeric fast path (float, int, nullable, numpy array) and the object path give
    one and the same result."""
    x = sample["quality"]
    expected = proportion(x.astype(object), weights=designs["A"])
    for same in (x, x.astype("Float64"), pd.Series(x.to_numpy(), index=x.index)):
        assert proportion(same, weights=designs["A"]) == expected
    ints = pd.Series([1, 0, 1, 1, 0])
    assert proportion(ints) == proportion(ints.astype(object)) == proportion([1, 0, 1, 1, 0])
    assert proportion(np.array([True, False, True])).count == 2
    with pytest.raises(StatsError, match=r"found np.float64\(2.0\)"):
        proportion(np.array([0, 2, 1]))


def test_cell_with_no_label_leaves_the_se_undefined(sample, designs) -> None:
    """A respondent without a cell cannot be residualised on it: the SE is NaN, as when
    the cell means came from a pandas groupby (which drops a missing key)."""
    a = designs["A"]
    cell = a.cell.astype(object)
    cell.iloc[0] = None
    broken = WeightResult(a.weights, cell, a.cells, a.collapsed, a.by, a.n, a.population,
                          a.effective_n, a.design_effect)  # fmt: skip
    assert int((broken.cell_codes < 0).sum()) == 1
    r = proportion(sample["quality"], weights=broken)
    assert r.estimate == proportion(sample["quality"], weights=a).estimate
    assert np.isnan(r.se)
