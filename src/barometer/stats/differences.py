"""The difference of two weighted shares with its design-based (linearised) SE.

Pure functions, no I/O. The weighted counterpart of
:func:`~barometer.stats.proportions.two_proportion_test`: the two groups are domains of
one weighted sample, so the difference's variance comes from the design, not from an
effective-n approximation (DESIGN.md section 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import norm

from barometer.errors import ErrorCode, StatsError
from barometer.stats._design import Weights, binary_values, design, minus_cell_means

__all__ = ["DifferenceResult", "weighted_difference"]


@dataclass(frozen=True)
class DifferenceResult:
    """``estimate`` = p_high − p_low (proportions), its linearised ``se``, the normal
    interval ``ci_low``..``ci_high`` and the two-sided ``pvalue`` of estimate / se."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    pvalue: float
    high: float
    low: float


def _influence(
    values: np.ndarray, rows: np.ndarray, w: np.ndarray, size: int
) -> tuple[float, np.ndarray]:
    w_rows, y_rows = w.take(rows), values.take(rows)
    total = float(w_rows.sum())
    if total <= 0:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="a group's weights sum to 0")
    p = float((w_rows * y_rows).sum() / total)
    z = np.zeros(size)
    z[rows] = w_rows * (y_rows - p) / total
    return p, z


def weighted_difference(
    x: Any,
    high: Any,
    low: Any,
    *,
    weights: Weights,
    level: float = 0.95,
) -> DifferenceResult:
    """Difference of the weighted shares of 1s in two groups, design-based.

    Parameters
    ----------
    x : array-like of 0/1
        One value per sample row; NaN: not in the base (kept in the design).
    high, low : array-like of bool
        The rows of the two groups (disjoint domains of the same sample).
    weights : WeightResult, Series or array
        A :class:`~barometer.stats.weights.WeightResult` gives the post-stratified design.
    level : float, default 0.95

    Returns
    -------
    DifferenceResult

    Notes
    -----
    Each share is the domain estimate p_g = Σw·y/Σw over the rows of group g in the
    base, with influence values z_g,i = w_i·(y_i − p_g)/Σw over group g's base rows and 0
    elsewhere (as :func:`~barometer.stats.proportions.proportion`). The difference's
    influence is z_high − z_low, residualised on the post-strata when post-stratified, and
    Var = n/(n−1)·Σ(z − z̄)² over all n sample rows: the covariance of the two domain
    means is included. This is R ``svycontrast(svyby(~y, ~group, design, svymean,
    na.rm = TRUE, covmat = TRUE), c(1, -1))``; the interval is estimate ± z·se (R
    ``confint``), the p-value 2·Φ(−|estimate/se|).

    Examples
    --------
    >>> r = weighted_difference([1, 1, 0, 1, 0, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1],
    ...                         weights=[1, 1, 1, 2, 1, 1])
    >>> round(r.estimate, 4), round(r.high, 4), round(r.low, 4)
    (0.1667, 0.6667, 0.5)
    """
    values, index, d, _, _ = binary_values(x)
    in_high = np.asarray(high, dtype=bool).ravel() & d
    in_low = np.asarray(low, dtype=bool).ravel() & d
    if in_high.size != values.size or in_low.size != values.size:
        raise StatsError(ErrorCode.STATS_INPUT, detail="x and the groups differ in length")
    if (in_high & in_low).any():
        raise StatsError(ErrorCode.STATS_INPUT, detail="the two groups overlap")
    if not in_high.any() or not in_low.any():
        raise StatsError(ErrorCode.STATS_ALL_MISSING, detail="a group has no case in the base")
    w, strata, sizes = design(index, weights)
    p_high, z = _influence(values, np.flatnonzero(in_high), w, values.size)
    p_low, z_low = _influence(values, np.flatnonzero(in_low), w, values.size)
    z -= z_low
    if strata is not None and sizes is not None:
        minus_cell_means(z, strata, sizes)
    rows = z.size
    z -= z.mean()
    se = float(np.sqrt(rows / (rows - 1) * np.square(z).sum())) if rows > 1 else 0.0
    estimate = p_high - p_low
    q = float(norm.ppf(0.5 + level / 2))
    pvalue = float(2 * norm.sf(abs(estimate) / se)) if se > 0 else float("nan")
    return DifferenceResult(
        estimate, se, estimate - q * se, estimate + q * se, pvalue, p_high, p_low
    )
