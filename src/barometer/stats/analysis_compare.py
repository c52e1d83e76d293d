"""Comparisons between groups (climate groups, WERK zones): cross tables with a chi-square
test, the percentage-point gap between two groups, and means with a t interval.

Pure functions: no I/O. Used by the report's Figures 18-22; every percentage keeps its base
and interval (DESIGN.md section 7), and a group whose base is below ``min_n`` is suppressed
and left out of the tests (section 8).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from barometer.errors import ErrorCode, StatsError
from barometer.stats.disclosure import check_min_n
from barometer.stats.proportions import (
    ChiSquareResult,
    chi_square_table,
    proportion,
    two_proportion_test,
)

__all__ = ["GroupTable", "MeansResult", "group_means", "group_table"]


@dataclass(frozen=True, eq=False)
class GroupTable:
    """Result of :func:`group_table`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per group x category (groups outer, in group order): ``group``,
        ``category``, ``count``, ``base`` (the group's base), ``pct``, ``ci_low``,
        ``ci_high`` (percentages, Wilson); NaN/<NA> for a suppressed group.
    bases : pandas.Series
        Base per group (organisations in the base with a value).
    suppressed : tuple
        Groups whose base is below ``min_n``.
    chi2 : ChiSquareResult or None
        Pearson chi-square of the published groups x categories (empty categories left
        out); None when fewer than two groups or categories remain, see ``test_note``.
    test_note : str
        Why there is no test (empty when there is one).
    gaps : pandas.DataFrame
        Per category (index): ``gap`` = pct(high) - pct(low) in percentage points, its 95%
        interval ``gap_ci_low``/``gap_ci_high`` (Newcombe) and ``gap_p`` (two-proportion
        z test); empty when ``high``/``low`` are not given or suppressed.
    """

    table: pd.DataFrame
    bases: pd.Series
    suppressed: tuple[Hashable, ...]
    chi2: ChiSquareResult | None
    test_note: str
    gaps: pd.DataFrame
    high: Hashable | None
    low: Hashable | None


def _order(values: pd.Series, given: Sequence[Hashable] | None) -> list[Hashable]:
    if given is not None:
        return list(given)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return list(values.cat.categories)
    return sorted(values.dropna().unique().tolist())


def group_table(
    values: pd.Series,
    groups: pd.Series,
    *,
    categories: Sequence[Hashable] | None = None,
    group_order: Sequence[Hashable] | None = None,
    high: Hashable | None = None,
    low: Hashable | None = None,
    min_n: int = 5,
) -> GroupTable:
    """Distribution of ``values`` within each group, with a chi-square test and a gap.

    Parameters
    ----------
    values : pandas.Series
        One value per organisation (a category, or 0/1), NaN outside the base.
    groups : pandas.Series
        Group per organisation (same index), NaN where none.
    categories : sequence, optional
        Categories of ``values`` in print order (default: categorical order or sorted).
        Values not listed are left out of the base.
    group_order : sequence, optional
        Groups in print order (default: categorical order or sorted).
    high, low : optional
        Two groups whose difference (high - low, percentage points) is reported per
        category, e.g. ``"strong"`` and ``"limited"``.
    min_n : int, default 5
        A group with a smaller base is suppressed and left out of the tests.

    Returns
    -------
    GroupTable

    Raises
    ------
    barometer.errors.StatsError
        The two series differ in index, or no organisation has both a value and a group.

    Notes
    -----
    The chi-square is :func:`~barometer.stats.proportions.chi_square_table` (Pearson, no
    continuity correction, Cramér's V, Cochran's warning when more than 20% of expected
    counts are below 5). The gap's test is
    :func:`~barometer.stats.proportions.two_proportion_test` with Newcombe's interval.

    Examples
    --------
    >>> v = pd.Series([1, 1, 1, 0, 1, 0, 0, 0, 1, 0] * 2)
    >>> g = pd.Series(["strong"] * 10 + ["limited"] * 10)
    >>> r = group_table(v, g, categories=[1, 0], high="strong", low="limited")
    >>> float(r.gaps.loc[1, "gap"]), r.chi2.df
    (0.0, 1)
    """
    if not isinstance(values, pd.Series) or not isinstance(groups, pd.Series):
        raise StatsError(ErrorCode.STATS_INPUT, detail="group_table needs two pandas Series")
    if not values.index.equals(groups.index):
        raise StatsError(
            ErrorCode.STATS_INPUT, detail="group_table: values and groups have different indexes"
        )
    cats = _order(values, categories)
    order = _order(groups, group_order)
    ok = values.notna() & groups.notna() & values.isin(cats) & groups.isin(order)
    if not ok.any():
        raise StatsError(
            ErrorCode.STATS_ALL_MISSING, detail="no organisation has both a value and a group"
        )
    v, g = values[ok], groups[ok]
    row_code = pd.Categorical(g, categories=order).codes.astype(np.int64)
    col_code = pd.Categorical(v, categories=cats).codes.astype(np.int64)
    cells = np.bincount(row_code * len(cats) + col_code, minlength=len(order) * len(cats))
    cells = cells.reshape(len(order), len(cats))
    counts = pd.DataFrame(cells, index=pd.Index(order), columns=pd.Index(cats))
    n_of = {grp: int(cells[i].sum()) for i, grp in enumerate(order)}
    bases = pd.Series(n_of, dtype="int64")
    suppressed = tuple(grp for grp in order if not check_min_n(n_of[grp], min_n))
    rows = []
    for i, grp in enumerate(order):
        base = n_of[grp]
        for j, cat in enumerate(cats):
            row: dict[str, object] = {"group": grp, "category": cat, "base": base}
            if grp in suppressed or base == 0:
                row |= {"count": pd.NA, "pct": np.nan, "ci_low": np.nan, "ci_high": np.nan}
            else:
                count = int(cells[i, j])
                r = proportion(np.repeat([1.0, 0.0], [count, base - count]))
                row |= {"count": count, "pct": 100 * r.estimate, "ci_low": 100 * r.ci_low,
                        "ci_high": 100 * r.ci_high}  # fmt: skip
            rows.append(row)
    table = pd.DataFrame(rows, columns=["group", "category", "count", "base", "pct", "ci_low",
                                        "ci_high"])  # fmt: skip
    table["count"] = table["count"].astype("Int64")
    keep = [i for i, grp in enumerate(order) if grp not in suppressed and n_of[grp] > 0]
    published = counts.iloc[keep]
    published = published.loc[:, published.sum(axis=0) > 0]
    chi2: ChiSquareResult | None = None
    note = ""
    if published.shape[0] < 2:
        note = "fewer than two groups with enough organisations"
    elif published.shape[1] < 2:
        note = "every organisation in the same category"
    else:
        chi2 = chi_square_table(published)
    gaps = _gaps(cells, order, cats, high, low, suppressed)
    return GroupTable(table, bases, suppressed, chi2, note, gaps, high, low)


def _gaps(
    cells: np.ndarray,
    order: list[Hashable],
    cats: list[Hashable],
    high: Hashable | None,
    low: Hashable | None,
    suppressed: tuple[Hashable, ...],
) -> pd.DataFrame:
    columns = ["gap", "gap_ci_low", "gap_ci_high", "gap_p"]
    if high is None or low is None:
        return pd.DataFrame(columns=columns, dtype=float)
    for grp in (high, low):
        if grp not in order:
            raise StatsError(ErrorCode.STATS_INPUT, detail=f"group_table: no group {grp!r}")
    h, lw = cells[order.index(high)], cells[order.index(low)]
    n1, n2 = float(h.sum()), float(lw.sum())
    if high in suppressed or low in suppressed or n1 == 0 or n2 == 0:
        return pd.DataFrame(columns=columns, dtype=float)
    rows = []
    for j in range(len(cats)):
        p1, p2 = float(h[j]) / n1, float(lw[j]) / n2
        try:
            test = two_proportion_test(p1, n1, p2, n2, ci="newcombe")
            lo, hi, p = 100 * test.ci_low, 100 * test.ci_high, test.pvalue
        except StatsError:  # both 0 % or both 100 %: no test
            lo, hi, p = np.nan, np.nan, np.nan
        rows.append([100 * (p1 - p2), lo, hi, p])
    return pd.DataFrame(rows, index=pd.Index(cats, name="category"), columns=columns)


@dataclass(frozen=True, eq=False)
class MeansResult:
    """Result of :func:`group_means`.

    ``table`` is indexed by group: ``n``, ``mean``, ``sd``, ``ci_low``, ``ci_high`` (t
    interval); NaN for suppressed groups. ``anova_f``, ``anova_df`` (between, within) and
    ``anova_p`` are the one-way ANOVA over the published groups (NaN if fewer than two).
    """

    table: pd.DataFrame
    suppressed: tuple[Hashable, ...]
    anova_f: float
    anova_df: tuple[int, int]
    anova_p: float


def group_means(
    score: pd.Series,
    groups: pd.Series,
    *,
    group_order: Sequence[Hashable] | None = None,
    min_n: int = 5,
    level: float = 0.95,
) -> MeansResult:
    """Mean of a score per group with a t interval, and a one-way ANOVA.

    Parameters
    ----------
    score : pandas.Series
        Numeric; NaN left out.
    groups : pandas.Series
        Group per row (same index); NaN left out.
    group_order : sequence, optional
    min_n : int, default 5
        Groups with fewer scores are suppressed and left out of the ANOVA.
    level : float, default 0.95

    Returns
    -------
    MeansResult

    Examples
    --------
    >>> s = pd.Series([3.0, 3.5, 4.0, 4.5, 5.0, 2.0, 2.5, 3.0, 3.5, 4.0])
    >>> g = pd.Series(["a"] * 5 + ["b"] * 5)
    >>> r = group_means(s, g)
    >>> r.table["mean"].tolist(), r.anova_df
    ([4.0, 3.0], (1, 8))
    """
    if not isinstance(score, pd.Series) or not isinstance(groups, pd.Series):
        raise StatsError(ErrorCode.STATS_INPUT, detail="group_means needs two pandas Series")
    if not score.index.equals(groups.index):
        raise StatsError(
            ErrorCode.STATS_INPUT, detail="group_means: score and groups have different indexes"
        )
    values = pd.to_numeric(score, errors="coerce").astype(float)
    order = _order(groups, group_order)
    rows, samples, suppressed = [], [], []
    for grp in order:
        x = values[(groups == grp) & values.notna()].to_numpy()
        n = int(x.size)
        row = {"n": n, "mean": np.nan, "sd": np.nan, "ci_low": np.nan, "ci_high": np.nan}
        if n == 0 or not check_min_n(n, min_n):
            suppressed.append(grp)
        else:
            mean, sd = float(x.mean()), float(x.std(ddof=1)) if n > 1 else 0.0
            half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n) if n > 1 else 0
            row |= {"mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half}
            samples.append(x)
        rows.append(row)
    table = pd.DataFrame(rows, index=pd.Index(order, name="group"))
    table["n"] = table["n"].astype("int64")
    f, p, dfs = np.nan, np.nan, (0, 0)
    total = sum(s.size for s in samples)
    if len(samples) >= 2 and total > len(samples):
        if any(np.ptp(s) > 0 for s in samples):
            res = stats.f_oneway(*samples)
            f, p = float(res.statistic), float(res.pvalue)
        dfs = (len(samples) - 1, total - len(samples))
    return MeansResult(table, tuple(suppressed), f, dfs, p)
