"""Climate scale: reliability, factor analysis, item selection, score, normality.

Reference values are pinned literals from R 4.2.2 (2022-11-10 r83330), psych 2.2.9,
produced by ``tests/stats/reference/scale_reference.R`` (output recorded in
``scale_reference.out.txt``) on ``tests/stats/data/scale_items.csv``: negative codes
are NA, complete cases (53 of 60 rows). R is not needed to run these tests.
Cross-check: GNU PSPP 1.6.2 RELIABILITY /SUMMARY=TOTAL prints the same alpha (.73),
corrected item-total correlations and alpha-if-item-deleted at 2 decimals.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats import efa, reliability, scale
from barometer.stats.scale import (
    cronbach_alpha,
    factor_analysis,
    normality,
    scale_score,
    select_scale_items,
)

DATA = Path(__file__).parent / "data" / "scale_items.csv"
ITEMS = [f"clim_{i}" for i in range(1, 9)]


def make_scale_items() -> pd.DataFrame:
    """How scale_items.csv was generated (once): a one-factor model, 60 rows x 8 items.

    clim_8 is the deliberately weak item (population loading 0.05). Six cells are -9
    (no answer) and one is -8 (don't know).
    """
    rng = np.random.default_rng(20210615)
    n = 60
    load = np.array([0.80, 0.75, 0.72, 0.70, 0.65, 0.60, 0.55, 0.05])
    f = rng.standard_normal(n)
    e = rng.standard_normal((n, load.size))
    latent = f[:, None] * load + e * np.sqrt(1 - load**2)
    cuts = np.array([-2.0, -1.2, -0.3, 0.8])
    x = 1 + (latent[:, :, None] > cuts).sum(axis=2)
    cells = rng.choice(n * load.size, size=7, replace=False)
    flat = x.reshape(-1)
    flat[cells[:6]] = -9
    flat[cells[6]] = -8
    return pd.DataFrame(x, columns=ITEMS)


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return pd.read_csv(DATA)


@pytest.fixture(scope="module")
def complete(items: pd.DataFrame) -> pd.DataFrame:
    """The 53 rows that answer all 8 items, as in the R script."""
    return items[(items >= 1).all(axis=1)]


def pinned(values: dict[str, float], names: list[str] | None = None) -> pd.Series:
    return pd.Series(values)[names or list(values)]


def test_dataset_is_reproducible(items: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(items, make_scale_items(), check_dtype=False)
    assert (items < 0).sum().sum() == 7


# --- R psych::alpha, all 8 items ----------------------------------------------------
ALPHA_DROP_8 = dict(zip(ITEMS, [0.669977587612, 0.675194738236, 0.649966178129, 0.646180268041, 0.688997226191, 0.748220640569, 0.742597712787, 0.780682947528], strict=True))  # fmt: skip
R_DROP_8 = dict(zip(ITEMS, [0.59251250379, 0.593117294526, 0.690718906635, 0.695576738009, 0.502320416801, 0.188091841755, 0.259304033926, -0.00571633475977], strict=True))  # fmt: skip
STD_DROP_8 = dict(zip(ITEMS, [0.673991538203, 0.674356851285, 0.654770049189, 0.652507303313, 0.693497054382, 0.751559279335, 0.741077129679, 0.786367129003], strict=True))  # fmt: skip
MEAN_8 = dict(zip(ITEMS, [3.83018867925, 3.69811320755, 3.94339622642, 3.83018867925, 3.75471698113, 3.79245283019, 3.52830188679, 3.71698113208], strict=True))  # fmt: skip
SD_8 = dict(zip(ITEMS, [1.01405221108, 0.889790503874, 0.988687831647, 1.03284240098, 1.01726746308, 0.967917879663, 1.15365262044, 0.968292678468], strict=True))  # fmt: skip


def test_alpha_matches_psych(items: pd.DataFrame) -> None:
    res = cronbach_alpha(items)
    assert (res.n, res.n_items, res.n_excluded) == (53, 8, 7)
    assert res.alpha == pytest.approx(0.732087685744, abs=1e-9)
    assert res.std_alpha == pytest.approx(0.735295510962, abs=1e-9)
    assert res.average_r == pytest.approx(0.257733328241, abs=1e-9)
    t = res.items
    assert list(t.index) == ITEMS
    np.testing.assert_allclose(t["alpha_if_deleted"], pinned(ALPHA_DROP_8), atol=1e-9)
    np.testing.assert_allclose(t["std_alpha_if_deleted"], pinned(STD_DROP_8), atol=1e-9)
    np.testing.assert_allclose(t["r_drop"], pinned(R_DROP_8), atol=1e-9)
    np.testing.assert_allclose(t["mean"], pinned(MEAN_8), atol=1e-9)
    np.testing.assert_allclose(t["sd"], pinned(SD_8), atol=1e-9)


R_DROP_7 = [0.595457771048, 0.630249412211, 0.657349157304, 0.719123791239, 0.508769825137, 0.21198569886, 0.291662996145]  # fmt: skip
R_DROP_5 = [0.579697565212, 0.618589161851, 0.66254076577, 0.748787996526, 0.541904669196]  # fmt: skip


@pytest.mark.parametrize(
    ("drop", "alpha", "std_alpha", "r_drop"),
    [
        (["clim_8"], 0.780682947528, 0.786367129003, R_DROP_7),
        (["clim_8", "clim_6", "clim_7"], 0.830349594709, 0.830935258857, R_DROP_5),
    ],
)
def test_alpha_subsets_match_psych(complete, drop, alpha, std_alpha, r_drop) -> None:
    res = cronbach_alpha(complete.drop(columns=drop))
    assert res.alpha == pytest.approx(alpha, abs=1e-9)
    assert res.std_alpha == pytest.approx(std_alpha, abs=1e-9)
    np.testing.assert_allclose(res.items["r_drop"], r_drop, atol=1e-9)


# --- R psych::fa(nfactors=1, fm="minres", rotate="none"), KMO, cortest.bartlett -----
LOAD_8 = [0.671062509957, 0.700845644907, 0.737901585579, 0.842687488821, 0.588162738235, 0.26771879793, 0.35354266085, 0.0216937298073]  # fmt: skip
COMM_8 = [0.45032489227, 0.491184617986, 0.544498749999, 0.710122203815, 0.345935406648, 0.0716733547652, 0.124992413041, 0.000470617912951]  # fmt: skip
EIGEN_8 = [3.24318373914, 1.21126298717, 1.08149746904, 0.827140820963, 0.626274584609, 0.413869905536, 0.350605388619, 0.246165104926]  # fmt: skip
KMO_8 = [0.744906077015, 0.778019288227, 0.691033651925, 0.825723420907, 0.761485659105, 0.714262798112, 0.63442821546, 0.201413886208]  # fmt: skip


def test_factor_analysis_matches_psych(items: pd.DataFrame) -> None:
    res = factor_analysis(items)
    assert (res.n, res.n_excluded, res.n_factors, res.method, res.rotation) == (
        53,
        7,
        1,
        "minres",
        None,
    )
    assert list(res.loadings.columns) == ["F1"]
    np.testing.assert_allclose(res.loadings["F1"], LOAD_8, atol=1e-3)
    np.testing.assert_allclose(res.communalities, COMM_8, atol=1e-3)
    np.testing.assert_allclose(res.uniquenesses, 1 - np.array(COMM_8), atol=1e-3)
    np.testing.assert_allclose(res.eigenvalues, EIGEN_8, atol=1e-9)
    assert list(res.eigenvalues.index) == list(range(1, 9))
    assert res.kmo == pytest.approx(0.730010444724, abs=1e-9)
    np.testing.assert_allclose(res.kmo_items, KMO_8, atol=1e-9)
    assert res.bartlett_chi2 == pytest.approx(123.346718707, abs=1e-7)
    assert res.bartlett_df == 28
    assert res.bartlett_p == pytest.approx(6.21058067864e-14, rel=1e-8)
    assert res.variance.loc["F1", "ss_loadings"] == pytest.approx(2.73920225644, abs=1e-3)
    assert res.variance.loc["F1", "proportion"] == pytest.approx(0.342400282055, abs=1e-4)
    assert res.variance.loc["F1", "cumulative"] == res.variance.loc["F1", "proportion"]


def test_factor_analysis_final_items_match_psych(complete: pd.DataFrame) -> None:
    res = factor_analysis(complete[ITEMS[:5]])
    load = [0.655254173823, 0.687673866072, 0.730123740959, 0.855317774929, 0.599326699411]
    np.testing.assert_allclose(res.loadings["F1"], load, atol=1e-3)
    assert res.kmo == pytest.approx(0.785189656081, abs=1e-9)
    assert res.bartlett_chi2 == pytest.approx(100.733663649, abs=1e-7)
    assert res.bartlett_df == 10
    assert res.bartlett_p == pytest.approx(3.88593325481e-17, rel=1e-8)


def test_one_factor_sign_is_oriented_positive(complete: pd.DataFrame) -> None:
    reversed_items = 6 - complete[ITEMS[:5]]
    res = factor_analysis(reversed_items)
    assert res.loadings["F1"].sum() > 0
    assert (res.loadings["F1"] > 0).all()


def test_rotation_ignored_for_one_factor_and_applied_for_two(complete: pd.DataFrame) -> None:
    assert factor_analysis(complete, rotation="varimax").rotation is None
    two = factor_analysis(complete, n_factors=2, rotation="varimax")
    assert two.rotation == "varimax"
    assert list(two.loadings.columns) == ["F1", "F2"]
    assert (two.loadings.sum() > 0).all()
    assert two.variance["cumulative"].iloc[-1] == pytest.approx(two.communalities.sum() / 8)


def test_factor_analyzer_gets_every_argument(
    monkeypatch: pytest.MonkeyPatch, complete: pd.DataFrame
) -> None:
    import factor_analyzer

    seen: dict[str, object] = {}
    real = factor_analyzer.FactorAnalyzer

    def spy(**kwargs: object) -> object:
        seen.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(factor_analyzer, "FactorAnalyzer", spy)
    factor_analysis(complete)
    assert seen == {
        "n_factors": 1,
        "rotation": None,
        "method": "minres",
        "use_smc": True,
        "is_corr_matrix": False,
        "bounds": (0.005, 1.0),
        "impute": "drop",
        "svd_method": "lapack",
        "rotation_kwargs": {},
    }


# --- item selection ----------------------------------------------------------------
def test_select_drops_weak_items_by_loading(items: pd.DataFrame) -> None:
    sel = select_scale_items(items)
    assert sel.dropped == ("clim_8", "clim_6", "clim_7")
    assert sel.kept == ("clim_1", "clim_2", "clim_3", "clim_4", "clim_5")
    assert [s.rule for s in sel.steps] == ["loading"] * 3
    assert [s.step for s in sel.steps] == [1, 2, 3]
    assert sel.steps[0].reason == "loading 0.022 on the first factor is below 0.40"
    assert sel.steps[0].alpha_before == pytest.approx(0.732087685744, abs=1e-9)
    assert sel.steps[0].alpha_after == pytest.approx(0.780682947528, abs=1e-9)
    # step 2 is decided on the 7 remaining items, pinned against psych::fa
    assert sel.steps[1].loading == pytest.approx(0.268560181469, abs=1e-3)
    assert sel.steps[2].loading == pytest.approx(0.375926109251, abs=1e-3)
    assert sel.stop_reason == "every remaining item meets the rule"
    assert (sel.n, sel.n_excluded) == (53, 7)
    assert sel.reliability.alpha == pytest.approx(0.830349594709, abs=1e-9)
    assert sel.factor.loadings["F1"].min() >= 0.40


def test_select_alpha_rule_alone(items: pd.DataFrame) -> None:
    sel = select_scale_items(items, min_loading=0.0)
    assert sel.dropped == ("clim_8", "clim_6", "clim_7")
    assert [s.rule for s in sel.steps] == ["alpha"] * 3
    assert sel.steps[0].reason == "alpha rises from 0.732 to 0.781 without it"


def test_select_respects_min_items_and_switches(items: pd.DataFrame) -> None:
    sel = select_scale_items(items, min_items=7)
    assert sel.dropped == ("clim_8",)
    assert sel.stop_reason == "7 items left, the minimum (min_items=7)"
    none = select_scale_items(items, min_loading=0.0, alpha_rule=False)
    assert none.dropped == () and len(none.kept) == 8
    big_gain = select_scale_items(items, min_loading=0.0, min_alpha_gain=0.1)
    assert big_gain.dropped == ()


# --- scale score and normality -------------------------------------------------------
def test_scale_score_min_answered_and_missing_codes() -> None:
    df = pd.DataFrame(
        {"a": [4, 5, -9, 1, 0], "b": [4, -8, -9, 2, 3], "c": [5, 4, 2, -1, 3]},
        index=[10, 11, 12, 13, 14],
    )
    s = scale_score(df, keep=["a", "b", "c"])
    assert s.name == "climate_score"
    assert list(s.index) == [10, 11, 12, 13, 14]
    assert s.iloc[:2].tolist() == pytest.approx([13 / 3, 4.5])
    assert math.isnan(s.iloc[2])  # 1 of 3 answered, 2 needed
    assert s.iloc[3] == 1.5
    assert s.iloc[4] == 3.0  # 0 counts as missing too
    assert scale_score(df, keep=["a", "b", "c"], min_answered=1).iloc[2] == 2.0
    assert scale_score(df, keep=["a", "b", "c"], min_answered=3).isna().sum() == 4


def test_scale_score_and_normality_match_r(items: pd.DataFrame) -> None:
    score = scale_score(items, keep=ITEMS[:5])  # min_answered = ceil(10/3) = 4
    assert score.notna().sum() == 60
    assert score.sum() == pytest.approx(225.45, abs=1e-9)
    res = normality(score)
    assert res.n == 60
    assert res.skewness == pytest.approx(-0.505278385748, abs=1e-9)  # psych::skew type 2
    assert res.kurtosis == pytest.approx(-0.398892912403, abs=1e-9)  # psych::kurtosi type 2
    assert res.shapiro_w == pytest.approx(0.956183921655, abs=1e-6)  # shapiro.test
    assert res.shapiro_p == pytest.approx(0.0307025495907, abs=1e-6)
    assert res.notes == ()


def test_normality_large_sample_note() -> None:
    rng = np.random.default_rng(1)
    res = normality(pd.Series(rng.normal(size=5001)))
    assert res.n == 5001
    assert any("5000" in n for n in res.notes)


# --- bad input -----------------------------------------------------------------------
def _raises(code: ErrorCode, match: str, fn, *args, **kwargs) -> StatsError:
    with pytest.raises(StatsError, match=match) as info:
        fn(*args, **kwargs)
    assert info.value.problem.code is code
    return info.value


@pytest.mark.parametrize("fn", [cronbach_alpha, factor_analysis, select_scale_items])
def test_bad_items_raise(fn, complete: pd.DataFrame) -> None:
    _raises(ErrorCode.STATS_TOO_FEW, "at least 10 complete cases", fn, complete.iloc[:9])
    wide = pd.concat([complete.iloc[:11, :6].add_suffix(s) for s in "ab"], axis=1)
    _raises(ErrorCode.STATS_TOO_FEW, "at least 13 complete cases for 12 items", fn, wide)
    _raises(ErrorCode.STATS_TOO_FEW, "at least 3 items", fn, complete[ITEMS[:2]])
    const = complete.assign(clim_3=4)
    err = _raises(ErrorCode.STATS_CONSTANT, "column 'clim_3' is constant", fn, const)
    assert err.problem.column == "clim_3"
    _raises(
        ErrorCode.STATS_ALL_MISSING, "'clim_2' has no valid answer", fn, complete.assign(clim_2=-9)
    )
    _raises(ErrorCode.STATS_INPUT, "'clim_5' is not numeric", fn, complete.assign(clim_5="4"))
    _raises(ErrorCode.STATS_INPUT, "'clim_4' has value 7", fn, complete.assign(clim_4=7))
    _raises(ErrorCode.STATS_INPUT, "pandas DataFrame", fn, complete.to_numpy())
    _raises(ErrorCode.STATS_INPUT, "missing='pairwise'", fn, complete, missing="pairwise")
    _raises(
        ErrorCode.STATS_INPUT, "more than once", fn, complete.rename(columns={"clim_2": "clim_1"})
    )


def test_all_rows_incomplete_raises(complete: pd.DataFrame) -> None:
    sparse = complete.copy()
    for i in range(len(sparse)):
        sparse.iloc[i, i % 8] = -9
    _raises(ErrorCode.STATS_TOO_FEW, "0 of 53 rows answer every item", cronbach_alpha, sparse)


def test_factor_analysis_bad_arguments(complete: pd.DataFrame) -> None:
    _raises(ErrorCode.STATS_INPUT, "n_factors=8", factor_analysis, complete, n_factors=8)
    _raises(ErrorCode.STATS_INPUT, "n_factors=0", factor_analysis, complete, n_factors=0)
    _raises(
        ErrorCode.STATS_INPUT, "method=.principal.", factor_analysis, complete, method="principal"
    )
    _raises(ErrorCode.STATS_INPUT, "rotation='spin'", factor_analysis, complete, rotation="spin")
    dup = complete.assign(clim_9=complete["clim_1"])
    err = _raises(ErrorCode.STATS_INPUT, "singular.*'clim_1'.*'clim_9'", factor_analysis, dup)
    assert err.problem.column == "clim_1"


def test_select_bad_arguments(complete: pd.DataFrame) -> None:
    _raises(ErrorCode.STATS_INPUT, "min_loading", select_scale_items, complete, min_loading=1.5)
    _raises(ErrorCode.STATS_INPUT, "min_items", select_scale_items, complete, min_items=2)
    _raises(
        ErrorCode.STATS_INPUT, "min_alpha_gain", select_scale_items, complete, min_alpha_gain=-1
    )


def test_scale_score_bad_input(items: pd.DataFrame) -> None:
    _raises(ErrorCode.STATS_INPUT, "'clim_9' is not a column", scale_score, items, keep=["clim_9"])
    _raises(ErrorCode.STATS_INPUT, "keep must list", scale_score, items, keep=[])
    _raises(ErrorCode.STATS_INPUT, "keep must list", scale_score, items, keep="clim_1")
    _raises(ErrorCode.STATS_INPUT, "twice", scale_score, items, keep=["clim_1", "clim_1"])
    _raises(
        ErrorCode.STATS_INPUT, "between 1 and 2", scale_score, items, keep=ITEMS[:2], min_answered=3
    )
    _raises(
        ErrorCode.STATS_INPUT,
        "'clim_1' has value 6",
        scale_score,
        items.assign(clim_1=6),
        keep=ITEMS,
    )
    _raises(
        ErrorCode.STATS_ALL_MISSING, "'clim_1'", scale_score, items.assign(clim_1=-9), keep=ITEMS
    )


def test_normality_bad_input() -> None:
    _raises(ErrorCode.STATS_TOO_FEW, "at least 10", normality, pd.Series([1.0, 2.0, np.nan] * 4))
    _raises(ErrorCode.STATS_CONSTANT, "every score is 3", normality, pd.Series([3.0] * 12))
    _raises(ErrorCode.STATS_ALL_MISSING, "no value", normality, pd.Series([np.nan] * 12))
    _raises(ErrorCode.STATS_INPUT, "not numeric", normality, pd.Series(["a"] * 12))
    _raises(ErrorCode.STATS_INPUT, "pandas Series", normality, [1.0] * 12)


def test_public_surface_is_sorted() -> None:
    for module in (scale, reliability, efa):
        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert getattr(module, name).__doc__


@pytest.mark.parametrize("method", ["minres", "uls", "ml"])
@pytest.mark.parametrize("rotation", [None, "varimax", "promax", "oblimin"])
def test_factor_methods_and_rotations_run_cleanly(complete, method, rotation) -> None:
    res = factor_analysis(complete, n_factors=2, method=method, rotation=rotation)
    assert res.loadings.shape == (8, 2)
    assert res.variance.shape == (2, 3)


def test_docstring_examples_run() -> None:
    import doctest

    for module in (scale, reliability, efa):
        assert doctest.testmod(module).failed == 0
