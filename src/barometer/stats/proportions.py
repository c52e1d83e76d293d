"""Proportions with 95% intervals, two-proportion tests and chi-square tables.

Pure functions: no I/O. Weighted estimates follow R's ``survey`` package for a
post-stratified design (``svydesign(ids=~1)`` + ``postStratify``), so the
numbers can be checked against it (DESIGN.md section 7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from barometer.errors import ErrorCode, StatsError
from barometer.stats._design import (
    Weights,
    binary_values,
    design,
    domain_estimate,
    fail,
    minus_cell_means,
)

__all__ = [
    "ChiSquareResult",
    "ProportionResult",
    "TestResult",
    "chi_square_table",
    "proportion",
    "proportions_table",
    "two_proportion_test",
    "weighted_share",
]


@dataclass(frozen=True)
class ProportionResult:
    """A proportion (0-1) with its base and interval."""

    estimate: float
    n: int
    """Unweighted base: cases with an answer."""
    base: float
    """Weighted base (Σw over the base); equals ``n`` when unweighted."""
    count: int
    """Unweighted number of 1s."""
    se: float
    ci_low: float
    ci_high: float
    method: str
    level: float
    weighted: bool


@dataclass(frozen=True)
class TestResult:
    """Pooled z test of two independent proportions, with a CI for p1 - p2."""

    __test__ = False  # not a pytest test class

    statistic: float
    """z; its square is R ``prop.test(correct=FALSE)``'s X-squared."""
    pvalue: float
    difference: float
    ci_low: float
    ci_high: float
    method: str
    level: float
    pooled: float


@dataclass(frozen=True, eq=False)
class ChiSquareResult:
    """Pearson chi-square test of independence for a contingency table."""

    statistic: float
    df: int
    pvalue: float
    cramers_v: float
    n: float
    observed: pd.DataFrame
    expected: pd.DataFrame
    low_expected_share: float
    """Share of cells with an expected count below 5."""
    warning: str | None
    """Set when more than 20% of expected counts are below 5."""


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise fail(f"level must be between 0 and 1, not {level}")
    return _normal_quantile(0.5 + level / 2)


@lru_cache(maxsize=64)
def _normal_quantile(q: float) -> float:
    return float(stats.norm.ppf(q))


@lru_cache(maxsize=4096)
def _t_quantile(q: float, df: int) -> float:
    return float(stats.t.ppf(q, df))


def _wilson(count: float, n: float, z: float) -> tuple[float, float]:
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def proportion(
    x: Any,
    *,
    weights: Weights = None,
    ci: str | None = None,
    level: float = 0.95,
) -> ProportionResult:
    """Proportion of 1s in a 0/1 series, with its base and a confidence interval.

    Parameters
    ----------
    x : array-like of 0/1
        NaN means "not in the base" (e.g. did not innovate): such cases are left
        out of the base but, when weighted, kept in the design (domain estimate).
    weights : WeightResult, Series or array, optional
        A :class:`WeightResult` gives the post-stratified design (weights and
        cells); a plain series gives a design with those weights only.
    ci : {"wilson", "wald", "logit"}, optional
        Default ``"wilson"`` unweighted and ``"logit"`` weighted. ``"wilson"`` is
        unweighted only, ``"logit"`` weighted only.
    level : float, default 0.95

    Returns
    -------
    ProportionResult

    Notes
    -----
    Unweighted: Wilson score interval (R ``prop.test(x, n, correct=FALSE)``),
    ``se`` = sqrt(p(1-p)/n); ``"wald"`` is p ± z·se clipped to [0, 1].

    Weighted: the estimate is Σw·y/Σw over the base. Its Taylor-linearised SE is
    that of R ``svymean(~y, design, na.rm=TRUE)``: with z_i = w_i·d_i·(y_i − p)/Σw·d
    (d_i = 1 in the base, else 0) over *all* sample rows, residualised on the
    post-strata (z minus its cell mean) when post-stratified, and
    Var = n/(n−1)·Σz² (with-replacement, no finite population correction).
    ``"logit"`` is R ``svyciprop(~y, subset(design, !is.na(y)), method="logit")``:
    expit(logit p ± t·se/(p(1−p))) with t on n_base − 1 degrees of freedom.
    ``"wald"`` is ``confint(svymean(...))``: p ± z·se. A weighted p of 0 or 1
    gives the degenerate interval [p, p].

    References
    ----------
    Wilson, E. B. (1927). Probable inference ... *JASA* 22, 209-212.
    Lumley, T. (2004). Analysis of complex survey samples. *J. Stat. Softw.* 9(8).

    Examples
    --------
    >>> r = proportion([1, 1, 1, 0, None])
    >>> r.n, r.estimate, round(r.ci_low, 4), round(r.ci_high, 4)
    (4, 0.75, 0.3006, 0.9544)
    """
    values, index, d, n, count = binary_values(x)
    weighted = weights is not None
    method = ci or ("logit" if weighted else "wilson")
    allowed = ("logit", "wald") if weighted else ("wilson", "wald")
    if method not in allowed:
        raise fail(
            f"ci={method!r}: use one of {allowed} {'with' if weighted else 'without'} weights"
        )
    z = _z(level)
    if n == 0:
        raise StatsError(ErrorCode.STATS_ALL_MISSING, detail="the base is empty (n=0)")
    if not weighted:
        p = count / n
        se = float(np.sqrt(p * (1 - p) / n))
        low, high = _wilson(count, n, z) if method == "wilson" else (p - z * se, p + z * se)
        return ProportionResult(
            p, n, float(n), count, se, max(0.0, low), min(1.0, high), method, level, False
        )
    w, strata, sizes = design(index, weights)
    dom = domain_estimate(values, np.flatnonzero(d), w)
    p, base = dom.estimate, dom.base
    infl = np.zeros(len(values))
    infl[dom.rows] = dom.weights * (dom.values - p) / base
    if strata is not None and sizes is not None:
        minus_cell_means(infl, strata, sizes)
    rows = len(infl)
    np.subtract(infl, infl.mean(), out=infl)
    se = float(np.sqrt(rows / (rows - 1) * np.square(infl, out=infl).sum())) if rows > 1 else 0.0
    if method == "wald":
        low, high = p - z * se, p + z * se
    elif 0 < p < 1:
        df = int(np.count_nonzero(dom.weights > 0)) - 1
        t = _t_quantile(0.5 + level / 2, df) if df > 0 else np.nan
        logit = np.log(p / (1 - p))
        half = t * se / (p * (1 - p))
        low, high = (float(1 / (1 + np.exp(-(logit + s * half)))) for s in (-1, 1))
    else:
        low, high = p, p
    return ProportionResult(p, n, base, count, se, low, high, method, level, True)


def weighted_share(x: Any, *, weights: Weights) -> float:
    """The weighted estimate of :func:`proportion` alone (the same number, no interval):
    Σw·y/Σw over the base (the values that are not NaN).

    Examples
    --------
    >>> weighted_share([1, 0, None], weights=[3.0, 1.0, 2.0])
    0.75
    """
    values, index, present, n, _ = binary_values(x)
    if n == 0:
        raise StatsError(ErrorCode.STATS_ALL_MISSING, detail="the base is empty (n=0)")
    w = design(index, weights).weights
    return domain_estimate(values, np.flatnonzero(present), w).estimate


def proportions_table(
    df: pd.DataFrame,
    columns: Sequence[str] | Mapping[str, str],
    *,
    weights: Weights = None,
    base_mask: Any = None,
    ci: str | None = None,
) -> pd.DataFrame:
    """One row per 0/1 column: label, n, base, pct, ci_low, ci_high (0-100).

    Parameters
    ----------
    df : pandas.DataFrame
    columns : sequence of str or mapping of column to label
    weights : as in :func:`proportion`
    base_mask : boolean array-like, optional
        Rows outside the base (False) count as not answered (domain estimate).
    ci : str, optional
        As in :func:`proportion`.

    Returns
    -------
    pandas.DataFrame
        Indexed by column name; ``n`` is the unweighted base, ``base`` the
        weighted base, ``pct``/``ci_low``/``ci_high`` are percentages.

    Examples
    --------
    >>> t = proportions_table(pd.DataFrame({"a": [1, 0, 1, 1]}), {"a": "Proces"})
    >>> t.loc["a", "label"], int(t.loc["a", "n"]), float(t.loc["a", "pct"])
    ('Proces', 4, 75.0)
    """
    labels = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    missing = [c for c in labels if c not in df.columns]
    if missing:
        raise fail(f"no column {', '.join(map(repr, missing))}")
    mask = None
    if base_mask is not None:
        mask = np.asarray(base_mask, dtype=bool)
        if mask.shape != (len(df),):
            raise fail(f"base_mask has {mask.size} values for {len(df)} rows")
    rows = []
    for column, label in labels.items():
        values = binary_values(df[column]).values
        if mask is not None:
            values = np.where(mask, values, np.nan)
        r = proportion(pd.Series(values, index=df.index), weights=weights, ci=ci)
        pct = [100 * v for v in (r.estimate, r.ci_low, r.ci_high)]
        rows.append({"label": label, "n": r.n, "base": r.base, "pct": pct[0],
                     "ci_low": pct[1], "ci_high": pct[2]})  # fmt: skip
    return pd.DataFrame(rows, index=pd.Index(list(labels), name="column"))


def two_proportion_test(
    p1: float, n1: float, p2: float, n2: float, *, ci: str = "wald", level: float = 0.95
) -> TestResult:
    """Pooled two-sided z test of p1 = p2, with a CI for the difference p1 - p2.

    Parameters
    ----------
    p1, p2 : float
        Proportions (0-1), e.g. NL 0.86 and DK 0.80.
    n1, n2 : float
        Their bases, e.g. 366 and 2271.
    ci : {"wald", "newcombe"}, default "wald"
        ``"wald"``: unpooled p1−p2 ± z·sqrt(p1q1/n1 + p2q2/n2), as R
        ``prop.test(correct=FALSE)``. ``"newcombe"``: hybrid score interval from
        the two Wilson intervals (Newcombe 1998, method 10), better near 0 or 1.
    level : float, default 0.95

    Returns
    -------
    TestResult

    Notes
    -----
    z = (p1 − p2)/sqrt(p(1−p)(1/n1 + 1/n2)) with pooled p = (n1p1 + n2p2)/(n1 + n2);
    z² equals R ``prop.test(c(x1, x2), c(n1, n2), correct=FALSE)$statistic``.

    References
    ----------
    Newcombe, R. G. (1998). Interval estimation for the difference between
    independent proportions. *Statistics in Medicine* 17, 873-890.

    Examples
    --------
    >>> r = two_proportion_test(56 / 70, 70, 48 / 80, 80, ci="newcombe")
    >>> round(r.ci_low, 4), round(r.ci_high, 4)
    (0.0524, 0.3339)
    """
    for name, p in (("p1", p1), ("p2", p2)):
        if not 0 <= p <= 1:
            raise fail(f"{name}={p} is not a proportion between 0 and 1")
    for name, n in (("n1", n1), ("n2", n2)):
        if not n > 0:
            raise StatsError(ErrorCode.STATS_TOO_FEW, detail=f"{name}={n}")
    z = _z(level)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        raise fail("both proportions are 0 (or both 1): the test is undefined")
    diff = p1 - p2
    stat = diff / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    pvalue = float(2 * stats.norm.sf(abs(stat)))
    if ci == "wald":
        half = z * np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        low, high = diff - half, diff + half
    elif ci == "newcombe":
        l1, u1 = _wilson(p1 * n1, n1, z)
        l2, u2 = _wilson(p2 * n2, n2, z)
        low = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        high = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    else:
        raise fail(f"ci={ci!r}: use 'wald' or 'newcombe'")
    return TestResult(
        float(stat), pvalue, float(diff), float(low), float(high), ci, level, float(pooled)
    )


def chi_square_table(data: Any, *, min_expected: float = 5.0) -> ChiSquareResult:
    """Pearson chi-square test of independence, with Cramér's V.

    Parameters
    ----------
    data : DataFrame, 2-D array, or tuple (x, y)
        A contingency table of counts, or two series to cross-tabulate (pairs
        with a missing value are left out).
    min_expected : float, default 5
        The expected count below which a cell counts as small.

    Returns
    -------
    ChiSquareResult
        ``warning`` is set (no Python warning is emitted) when more than 20% of
        the expected counts are below ``min_expected`` (Cochran's rule).

    Notes
    -----
    No continuity correction, as R ``chisq.test(correct=FALSE)``. Cramér's V is
    sqrt(X² / (n·(min(r, c) − 1))).

    References
    ----------
    Cochran, W. G. (1954). Some methods for strengthening the common χ² tests.
    *Biometrics* 10, 417-451.

    Examples
    --------
    >>> r = chi_square_table(pd.DataFrame([[20, 10], [10, 20]]))
    >>> round(r.statistic, 4), r.df, round(r.cramers_v, 4)
    (6.6667, 1, 0.3333)
    """
    if isinstance(data, tuple):
        if len(data) != 2:
            raise fail("give a table or a pair (x, y)")
        x, y = (v if isinstance(v, pd.Series) else pd.Series(np.asarray(v)) for v in data)
        if len(x) != len(y):
            raise fail(f"x has {len(x)} values and y {len(y)}")
        table = pd.crosstab(x.to_numpy(), y.to_numpy(), rownames=[x.name], colnames=[y.name])
    else:
        table = pd.DataFrame(data)
    observed = table.apply(pd.to_numeric, errors="coerce").astype(float)
    obs = observed.to_numpy()
    if obs.ndim != 2 or min(obs.shape) < 2:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="the table needs at least 2x2 cells")
    if np.isnan(obs).any() or (obs < 0).any():
        raise fail("counts must be non-negative numbers")
    rows, cols = obs.sum(axis=1), obs.sum(axis=0)
    if (rows == 0).any() or (cols == 0).any():
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="a row or column of the table is empty")
    n = float(obs.sum())
    exp = np.outer(rows, cols) / n
    stat = float(((obs - exp) ** 2 / exp).sum())
    df = (obs.shape[0] - 1) * (obs.shape[1] - 1)
    share = float((exp < min_expected).mean())
    warning = None
    if share > 0.2:
        warning = (
            f"{share:.0%} of expected counts are below {min_expected:g} (more than 20%): "
            "the chi-square approximation may be poor"
        )
    return ChiSquareResult(
        statistic=stat,
        df=df,
        pvalue=float(stats.chi2.sf(stat, df)),
        cramers_v=float(np.sqrt(stat / (n * (min(obs.shape) - 1)))),
        n=n,
        observed=observed,
        expected=pd.DataFrame(exp, index=observed.index, columns=observed.columns),
        low_expected_share=share,
        warning=warning,
    )
