"""Change between two waves: the cross-section test and the panel's paired test.

Pure functions, no I/O, no item names. Two designs:

* **Cross-section** (every respondent of each wave): the waves are independent samples.
  Unweighted, :func:`cross_section_change` is the pooled two-proportion z test (its square
  is R ``prop.test(correct = FALSE)``'s X-squared) with the unpooled Wald interval.
  Weighted, each wave's share and linearised SE come from its own post-stratified design
  (:func:`~barometer.stats.proportions.proportion` with that wave's
  :class:`~barometer.stats.weights.WeightResult`, i.e. weighted to its own frame), and the
  difference has Var = Var(p_a) + Var(p_b) (independent samples), a normal z test and
  interval (as R ``survey``: ``svymean`` per wave, the two SEs combined).
* **Panel** (organisations that answered both waves): :func:`mcnemar` on the pairs. The
  statistic is McNemar's chi-square *with* continuity correction, (|b - c| - 1)^2 / (b + c)
  on 1 df, as R ``mcnemar.test`` (default ``correct = TRUE``); the exact two-sided binomial
  p-value of b out of b + c at 1/2 (R ``binom.test``) is given beside it, and is the one to
  read when b + c < 25.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from barometer.errors import ErrorCode, StatsError
from barometer.stats._design import Weights
from barometer.stats.proportions import ProportionResult, proportion, two_proportion_test

__all__ = [
    "CrossSectionChange",
    "PairedChange",
    "cross_section_change",
    "mcnemar",
    "wave_share",
]


@dataclass(frozen=True)
class CrossSectionChange:
    """``difference`` = p_later - p_earlier (proportions), its interval and test."""

    difference: float
    se: float
    ci_low: float
    ci_high: float
    statistic: float
    pvalue: float
    method: str


@dataclass(frozen=True)
class PairedChange:
    """McNemar's test on the panel pairs (0/1 in the earlier and in the later wave)."""

    n_pairs: int
    both: int
    """1 in both waves."""
    only_earlier: int
    """b: 1 in the earlier wave, 0 in the later."""
    only_later: int
    """c: 0 in the earlier wave, 1 in the later."""
    earlier: float
    later: float
    difference: float
    """later - earlier share among the pairs (= (c - b) / n)."""
    statistic: float
    """(|b - c| - 1)^2 / (b + c), continuity-corrected (0 when b = c); NaN when b + c = 0."""
    pvalue: float
    """of ``statistic`` on chi-square(1); 1.0 when b + c = 0."""
    pvalue_exact: float
    """two-sided binomial p of b out of b + c at 1/2."""
    method: str = "McNemar, continuity-corrected (exact binomial p beside it)"


def wave_share(x: Any, *, weights: Weights = None, level: float = 0.95) -> ProportionResult:
    """One wave's share of 1s (NaN: not in the base) with its interval: Wilson unweighted,
    logit on the linearised SE weighted (:func:`~barometer.stats.proportions.proportion`)."""
    return proportion(x, weights=weights, level=level)


def cross_section_change(
    earlier: ProportionResult, later: ProportionResult, *, level: float = 0.95
) -> CrossSectionChange:
    """The change from ``earlier`` to ``later``, two independent samples (see the module)."""
    z = float(stats.norm.isf((1 - level) / 2))
    if not earlier.weighted and not later.weighted:
        t = two_proportion_test(later.estimate, later.n, earlier.estimate, earlier.n, level=level)
        se = (t.ci_high - t.difference) / z
        return CrossSectionChange(
            t.difference, se, t.ci_low, t.ci_high, t.statistic, t.pvalue,
            "two-proportion z test (pooled), independent samples; Wald interval",
        )  # fmt: skip
    if earlier.weighted != later.weighted:
        raise StatsError(ErrorCode.STATS_INPUT, detail="one wave is weighted and the other is not")
    diff = later.estimate - earlier.estimate
    se = float(np.hypot(earlier.se, later.se))
    if not se > 0:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="the difference has no variance")
    stat = diff / se
    return CrossSectionChange(
        diff, se, diff - z * se, diff + z * se, stat, float(2 * stats.norm.sf(abs(stat))),
        "design-based z test, independent samples, each wave weighted to its own frame",
    )  # fmt: skip


def mcnemar(earlier: Any, later: Any) -> PairedChange:
    """McNemar's test for paired 0/1 values (pairs with a NaN on either side are left out)."""
    a = np.asarray(earlier, dtype=float)
    b_ = np.asarray(later, dtype=float)
    if a.shape != b_.shape:
        raise StatsError(ErrorCode.STATS_INPUT, detail="the two waves have different lengths")
    keep = ~(np.isnan(a) | np.isnan(b_))
    a, b_ = a[keep], b_[keep]
    n = len(a)
    if n == 0:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="no pairs")
    both = int(((a == 1) & (b_ == 1)).sum())
    b = int(((a == 1) & (b_ == 0)).sum())
    c = int(((a == 0) & (b_ == 1)).sum())
    if b + c == 0:
        statistic, pvalue, exact = float("nan"), 1.0, 1.0
    else:
        correction = 1 if b != c else 0  # as R mcnemar.test: no correction when b = c
        statistic = (abs(b - c) - correction) ** 2 / (b + c)
        pvalue = float(stats.chi2.sf(statistic, 1))
        exact = float(stats.binomtest(b, b + c, 0.5).pvalue)
    return PairedChange(
        n_pairs=n,
        both=both,
        only_earlier=b,
        only_later=c,
        earlier=float(a.mean()),
        later=float(b_.mean()),
        difference=(c - b) / n,
        statistic=float(statistic),
        pvalue=pvalue,
        pvalue_exact=exact,
    )
