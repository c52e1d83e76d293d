"""The innovation-climate scale: item selection, scale score and its distribution.

Reliability and factor analysis live in :mod:`barometer.stats.reliability` and
:mod:`barometer.stats.efa`; they are re-exported here so that callers need one import::

    from barometer.stats.scale import (
        cronbach_alpha, factor_analysis, normality, scale_score, select_scale_items,
    )

Every function takes the raw item columns: answers 1..5, with any value below 1 (the
missing codes -1, -8, -9 of DESIGN.md section 5) treated as missing.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from scipy import stats

from barometer.errors import ErrorCode, StatsError
from barometer.stats._items import MIN_ITEMS, check_score, complete_cases, to_scale
from barometer.stats.efa import FactorResult, factor_analysis
from barometer.stats.reliability import ReliabilityResult, cronbach_alpha

__all__ = [
    "FactorResult",
    "ItemSelection",
    "NormalityResult",
    "ReliabilityResult",
    "SelectionStep",
    "cronbach_alpha",
    "factor_analysis",
    "normality",
    "scale_score",
    "select_scale_items",
]

DECIMALS = 3
"""Loadings and alphas are compared at the precision the report prints them."""


@dataclass(frozen=True)
class SelectionStep:
    """One item dropped by :func:`select_scale_items`."""

    step: int
    item: str
    rule: Literal["loading", "alpha"]
    loading: float
    alpha_before: float
    alpha_after: float
    reason: str


@dataclass(frozen=True, eq=False)
class ItemSelection:
    """Result of :func:`select_scale_items`.

    ``kept`` and ``dropped`` are item names in column order and in order of dropping;
    ``steps`` explains each drop; ``stop_reason`` says why the procedure ended;
    ``reliability`` and ``factor`` describe the kept items on the same ``n`` rows.
    """

    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    steps: tuple[SelectionStep, ...]
    stop_reason: str
    n: int
    n_excluded: int
    reliability: ReliabilityResult
    factor: FactorResult


def select_scale_items(
    items: pd.DataFrame,
    *,
    min_loading: float = 0.40,
    alpha_rule: bool = True,
    min_alpha_gain: float = 0.0,
    min_items: int = MIN_ITEMS,
    method: str = "minres",
    missing: str = "listwise",
) -> ItemSelection:
    """Drop weak items from a scale, one at a time, by a fixed and documented rule.

    Parameters
    ----------
    items : pandas.DataFrame
        The candidate items, answers 1..5; values below 1 are missing.
    min_loading : float, default 0.40
        An item whose loading on the first factor is below this is dropped.
    alpha_rule : bool, default True
        Also drop items whose removal raises Cronbach's alpha.
    min_alpha_gain : float, default 0.0
        Under the alpha rule, drop an item only if alpha without it exceeds the
        scale's alpha by more than this.
    min_items : int, default 3
        Never go below this many items.
    method : str, default "minres"
        Factoring method passed to :func:`factor_analysis` (one factor, no rotation).
    missing : {"listwise"}
        The rows answering every candidate item are used at every step.

    Returns
    -------
    ItemSelection

    Raises
    ------
    barometer.errors.StatsError
        As :func:`cronbach_alpha` and :func:`factor_analysis`; or bad parameters.

    Notes
    -----
    The rule, applied until it drops nothing:

    1. Sample: the rows that answer every candidate item (listwise). The same rows
       are used at every step, so that the steps are comparable; ``n`` reports them.
    2. While more than ``min_items`` items remain, fit a one-factor model
       (``method``, no rotation) and compute alpha on the remaining items.
    3. **Loading rule.** If any loading, rounded to 3 decimals, is below
       ``min_loading``, drop the item with the lowest loading and go to 2.
    4. **Alpha rule** (if ``alpha_rule``). Otherwise, if any alpha-if-item-deleted,
       rounded to 3 decimals, exceeds alpha (rounded to 3 decimals) by more than
       ``min_alpha_gain``, drop the item with the highest alpha-if-item-deleted and
       go to 2.
    5. Otherwise stop.

    One item is dropped per step, because every loading and alpha changes when an
    item leaves. The loading rule comes first: an item that does not measure the
    common factor goes before items that merely lower alpha. Comparisons use the 3
    decimals the report prints, so a reader can check each step from the tables, and
    tiny numerical differences between tools cannot change the outcome. Ties go to
    the unrounded value, then to the item that comes first in ``items``.

    References
    ----------
    Hair, J. F., Black, W. C., Babin, B. J., & Anderson, R. E. (2019). *Multivariate
    Data Analysis* (8th ed.), ch. 3: loadings of at least .40 for interpretation.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=200)
    >>> df = pd.DataFrame({f"q{i}": np.clip(np.round(3 + f + rng.normal(size=200)), 1, 5)
    ...                    for i in range(1, 6)})
    >>> df["noise"] = rng.integers(1, 6, size=200)
    >>> sel = select_scale_items(df)
    >>> sel.dropped, sel.steps[0].rule
    (('noise',), 'loading')
    """
    if not 0.0 <= min_loading < 1.0:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"min_loading={min_loading!r}: use 0..1")
    if not min_alpha_gain >= 0.0:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"min_alpha_gain={min_alpha_gain!r}: use 0 or more"
        )
    if isinstance(min_items, bool) or not isinstance(min_items, int) or min_items < MIN_ITEMS:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"min_items={min_items!r}: use a whole number of at least {MIN_ITEMS}",
        )
    data, n_excluded = complete_cases(items, what="select_scale_items", missing=missing)
    current = [str(c) for c in data.columns]
    data.columns = pd.Index(current)
    steps: list[SelectionStep] = []
    while True:
        fa = factor_analysis(data[current], n_factors=1, method=method)
        rel = cronbach_alpha(data[current])
        if len(current) <= min_items:
            stop = f"{len(current)} items left, the minimum (min_items={min_items})"
            break
        load = fa.loadings["F1"]
        drop = rel.items["alpha_if_deleted"]
        alpha = rel.alpha
        weak = [c for c in current if round(float(load[c]), DECIMALS) < min_loading]
        raise_ = [
            c
            for c in current
            if round(float(drop[c]), DECIMALS) - round(alpha, DECIMALS) > min_alpha_gain + 1e-9
        ]
        if weak:
            item = min(weak, key=lambda c: (float(load[c]), current.index(c)))
            rule: Literal["loading", "alpha"] = "loading"
            reason = f"loading {load[item]:.3f} on the first factor is below {min_loading:.2f}"
        elif alpha_rule and raise_:
            item = min(raise_, key=lambda c: (-float(drop[c]), current.index(c)))
            rule = "alpha"
            reason = f"alpha rises from {alpha:.3f} to {drop[item]:.3f} without it"
        else:
            stop = "every remaining item meets the rule"
            break
        steps.append(
            SelectionStep(
                step=len(steps) + 1,
                item=item,
                rule=rule,
                loading=float(load[item]),
                alpha_before=float(alpha),
                alpha_after=float(drop[item]),
                reason=reason,
            )
        )
        current.remove(item)
    return ItemSelection(
        kept=tuple(current),
        dropped=tuple(s.item for s in steps),
        steps=tuple(steps),
        stop_reason=stop,
        n=len(data),
        n_excluded=n_excluded,
        reliability=rel,
        factor=fa,
    )


def scale_score(
    items: pd.DataFrame,
    *,
    keep: Sequence[str],
    min_answered: int | None = None,
    name: str = "climate_score",
) -> pd.Series:
    """The scale score: the mean of the kept items over the items answered.

    Parameters
    ----------
    items : pandas.DataFrame
        Item columns as exported: answers 1..5, and missing codes (-1, -8, -9; any
        value below 1) which count as not answered.
    keep : sequence of str
        The items that make up the scale, e.g. ``select_scale_items(...).kept``.
    min_answered : int, optional
        Fewest answered kept items for a score. Default: two-thirds of the kept
        items, rounded up (9 of 13, 4 of 6, 2 of 3).
    name : str, default "climate_score"
        Name of the returned Series.

    Returns
    -------
    pandas.Series
        One score per row of ``items`` (same index), between 1 and 5, NaN where fewer
        than ``min_answered`` kept items were answered.

    Raises
    ------
    barometer.errors.StatsError
        ``keep`` empty, repeated or naming a column not in ``items``; ``min_answered``
        outside 1..len(keep); a kept column non-numeric, above 5, or never answered.

    Notes
    -----
    The mean over answered items (SPSS ``MEAN.n(...)``) keeps the 1-5 metric, so
    scores are comparable across organisations that skipped an item.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [4, 5, -9], "b": [4, -9, -9], "c": [5, 4, 2]})
    >>> scale_score(df, keep=["a", "b", "c"]).tolist()
    [4.333333333333333, 4.5, nan]
    """
    if isinstance(keep, str) or not isinstance(keep, Sequence) or len(keep) == 0:
        raise StatsError(ErrorCode.STATS_INPUT, detail="scale_score: keep must list item names")
    if len(set(keep)) != len(keep):
        raise StatsError(ErrorCode.STATS_INPUT, detail="scale_score: keep names an item twice")
    if not isinstance(items, pd.DataFrame):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"scale_score needs a pandas DataFrame, got {type(items).__name__}",
        )
    for col in keep:
        if col not in items.columns:
            raise StatsError(
                ErrorCode.STATS_INPUT,
                column=str(col),
                detail=f"scale_score: kept item '{col}' is not a column of items",
            )
    k = len(keep)
    if min_answered is None:
        min_answered = math.ceil(2 * k / 3)
    if isinstance(min_answered, bool) or not isinstance(min_answered, int):
        raise StatsError(ErrorCode.STATS_INPUT, detail="min_answered must be a whole number")
    if not 1 <= min_answered <= k:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"scale_score: min_answered={min_answered} must be between 1 and {k}",
        )
    data = to_scale(items[list(keep)], what="scale_score")
    answered = data.notna().sum(axis=1)
    score = data.mean(axis=1, skipna=True).where(answered >= min_answered)
    return score.rename(name)


@dataclass(frozen=True)
class NormalityResult:
    """Result of :func:`normality`."""

    n: int
    skewness: float
    kurtosis: float
    shapiro_w: float
    shapiro_p: float
    notes: tuple[str, ...] = ()


def normality(score: pd.Series) -> NormalityResult:
    """Shape of a score's distribution: skewness, excess kurtosis and Shapiro-Wilk.

    Parameters
    ----------
    score : pandas.Series
        Numeric scores; NaN values are left out (``n`` counts the rest).

    Returns
    -------
    NormalityResult
        ``n``, ``skewness`` (G1), ``kurtosis`` (excess, G2), ``shapiro_w``,
        ``shapiro_p``, and ``notes`` (e.g. the p-value caveat above 5000 cases).

    Raises
    ------
    barometer.errors.StatsError
        Not a numeric Series, fewer than 10 scores, or all scores equal.

    Notes
    -----
    Skewness and kurtosis are the bias-adjusted sample estimators that SPSS
    DESCRIPTIVES/EXAMINE print (``scipy.stats.skew(bias=False)``,
    ``scipy.stats.kurtosis(fisher=True, bias=False)``; type 2 in R ``e1071`` and
    ``psych``). Kurtosis is excess kurtosis: 0 for a normal distribution. The
    Shapiro-Wilk test is ``scipy.stats.shapiro`` (Royston's algorithm, as R
    ``shapiro.test``).

    References
    ----------
    Joanes, D. N., & Gill, C. A. (1998). Comparing measures of sample skewness and
    kurtosis. *The Statistician*, 47(1), 183-189.

    Royston, P. (1995). Remark AS R94. *Applied Statistics*, 44(4), 547-551.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> res = normality(pd.Series(np.linspace(1, 5, 41)))
    >>> res.n, round(res.skewness, 6), bool(res.shapiro_p > 0.05)
    (41, 0.0, True)
    """
    values = check_score(score, what="normality").to_numpy(dtype="float64")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w, p = stats.shapiro(values)
    return NormalityResult(
        n=int(values.size),
        skewness=float(stats.skew(values, bias=False)),
        kurtosis=float(stats.kurtosis(values, fisher=True, bias=False)),
        shapiro_w=float(w),
        shapiro_p=float(p),
        notes=tuple(str(c.message) for c in caught),
    )
