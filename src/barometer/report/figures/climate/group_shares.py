"""Shares per climate group (or WERK zone): the cross tables of Figures 18-22, weighted
when the report is.

:func:`group_shares` is :func:`~barometer.stats.analysis_compare.group_table` (counts,
bases, suppression below ``min_n``, chi-square, the gap strong − limited) with, when
``ctx.weights`` is set, the weighted numbers put in:

- every ``pct`` with its interval is the weighted domain estimate of
  :func:`~barometer.stats.proportions.proportion` (``weights=ctx.weights``: Taylor-
  linearised SE, logit interval), the same as the other figures of the report (a
  category the figure does not print, ``shown``, gets only its weighted ``pct``);
- the gap is the difference of the two weighted percentages; its SE is design-based
  (Taylor-linearised, the covariance of the two domains included:
  :func:`~barometer.stats.differences.weighted_difference`, R ``svycontrast`` on
  ``svyby(covmat = TRUE)``), with a normal interval and p-value. Unweighted, the gap keeps
  Newcombe's interval and the two-proportion z test;
- ``count`` and ``base`` stay the unweighted numbers of organisations, and the chi-square
  (with Cramér's V) stays the unweighted Pearson test of those counts: a design-based
  (Rao-Scott) test is not available here, and the figures say so
  (``tc(lang, "unweighted_chi")``).

Speed: the groups are read as a categorical (:func:`as_groups`) and the categories as
integer positions, once per table, and ``group_table`` is given only the organisations
with a value and a group; the numbers are the same.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from barometer.errors import StatsError
from barometer.report.figures.climate.common import num, pval
from barometer.report.figures.climate.text import tc
from barometer.report.figures.core import Context
from barometer.stats.analysis_compare import GroupTable, group_table
from barometer.stats.differences import weighted_difference
from barometer.stats.proportions import proportion, weighted_share

__all__ = ["as_groups", "chi_notes", "gap_note", "gap_of", "group_shares", "test_columns"]


def group_shares(
    ctx: Context,
    values: pd.Series,
    groups: pd.Series,
    *,
    categories: Sequence[Hashable],
    group_order: Sequence[Hashable],
    high: Hashable | None = None,
    low: Hashable | None = None,
    shown: Sequence[Hashable] | None = None,
) -> GroupTable:
    """The distribution of ``values`` (NaN outside the base) per group, weighted when the
    context is (see the module docstring); unweighted it is ``group_table`` itself.

    ``shown``: the categories whose intervals the caller prints (default: all). Weighted,
    the other categories get their weighted percentage (which the gaps need) but no
    interval. Unweighted it changes nothing."""
    groups = as_groups(groups, group_order)
    # group_table reads only the organisations with a value and a group: pass just those
    present = np.flatnonzero(values.notna().to_numpy() & groups.notna().to_numpy())
    gt = group_table(values.take(present), groups.take(present), categories=categories,
                     group_order=group_order, high=high, low=low, min_n=ctx.min_n)  # fmt: skip
    if ctx.weights is None:
        return gt
    cats = list(categories)
    wanted = cats if shown is None else [c for c in cats if c in list(shown)]
    group_code, cat_code = _positions(groups, group_order), _positions(values, cats)
    ok = np.zeros(len(values), dtype=bool)
    ok[present] = (group_code[present] >= 0) & (cat_code[present] >= 0)
    in_group = {g: ok & (group_code == i) for i, g in enumerate(group_order)}
    table = gt.table.copy()
    numbers = table[["pct", "ci_low", "ci_high"]].to_numpy(dtype=float, copy=True)
    missing = table["count"].isna().tolist()
    rows = zip(table["group"].tolist(), table["category"].tolist(), missing, strict=True)
    for i, (group, category, suppressed) in enumerate(rows):
        if suppressed:  # (or an empty group): stays empty
            continue
        y = (cat_code == cats.index(category)).astype(float)
        x = pd.Series(np.where(in_group[group], y, np.nan), index=values.index)
        if category in wanted:
            p = proportion(x, weights=ctx.weights)
            numbers[i] = [100 * p.estimate, 100 * p.ci_low, 100 * p.ci_high]
        else:
            numbers[i] = [100 * weighted_share(x, weights=ctx.weights), np.nan, np.nan]
    table[["pct", "ci_low", "ci_high"]] = numbers
    gaps = _weighted_gaps(ctx, gt, values, cat_code, in_group)
    return replace(gt, table=table, gaps=gaps)


def as_groups(groups: pd.Series, group_order: Sequence[Hashable]) -> pd.Series:
    """``groups`` as a categorical of ``group_order`` (other values: NaN), which every step
    of :func:`group_shares` reads without comparing strings; as given when it is one
    already. The tables do not change: a group outside ``group_order`` is left out of
    them either way."""
    if isinstance(groups.dtype, pd.CategoricalDtype):
        return groups
    return pd.Series(pd.Categorical(groups, categories=list(group_order)), index=groups.index)


def _positions(series: pd.Series, order: Sequence[Hashable]) -> np.ndarray:
    """Position in ``order`` (distinct values) of each value of ``series``; -1: not there."""
    index = pd.Index(list(order))
    if isinstance(series.dtype, pd.CategoricalDtype):
        of_category = np.append(index.get_indexer(series.cat.categories), -1)
        return of_category[series.cat.codes.to_numpy()]  # code -1 (NaN) -> the last: -1
    numbers = all(isinstance(c, int | float) and not isinstance(c, bool) and c == c for c in order)
    if numbers and series.dtype.kind in "iuf":  # a few comparisons beat a hash table
        values = series.to_numpy(dtype=float, na_value=np.nan)
        out = np.full(len(values), -1, dtype=np.intp)
        for i, c in enumerate(order):
            out = np.where(values == c, i, out)
        return out
    return np.asarray(index.get_indexer(pd.Index(series)), dtype=np.intp)


def _weighted_gaps(
    ctx: Context,
    gt: GroupTable,
    values: pd.Series,
    cat_code: np.ndarray,
    in_group: Mapping[Hashable, np.ndarray],
) -> pd.DataFrame:
    """The gaps high − low of the weighted percentages, each with its design-based
    (linearised) SE: :func:`~barometer.stats.differences.weighted_difference`, as R
    ``svycontrast`` of ``svyby(..., covmat = TRUE)``; normal interval and p-value."""
    if gt.gaps.empty or gt.high is None or gt.low is None:
        return gt.gaps
    assert ctx.weights is not None
    cats = list(gt.gaps.index)  # the categories of ``cat_code``, in its order
    inside = in_group[gt.high] | in_group[gt.low]
    rows = []
    for position in range(len(cats)):
        y = (cat_code == position).astype(float)
        x = pd.Series(np.where(inside, y, np.nan), index=values.index)
        try:
            r = weighted_difference(x, in_group[gt.high], in_group[gt.low], weights=ctx.weights)
            rows.append([100 * r.estimate, 100 * r.ci_low, 100 * r.ci_high, r.pvalue])
        except StatsError:
            rows.append([np.nan] * 4)
    return pd.DataFrame(rows, index=gt.gaps.index, columns=gt.gaps.columns)


def chi_notes(lang: str, gt: GroupTable) -> list[str]:
    """The chi-square of the table (or why there is none), and Cochran's warning."""
    if gt.chi2 is None:
        return [tc(lang, "no_test", reason=gt.test_note)]
    c = gt.chi2
    notes = [tc(lang, "chi_note", chi2=num(c.statistic, lang, 2), df=c.df, p=pval(c.pvalue, lang),
                v=num(c.cramers_v, lang, 3))]  # fmt: skip
    if c.warning:
        notes.append(tc(lang, "chi_low", share=num(100 * c.low_expected_share, lang, 0)))
    return notes


def gap_of(gt: GroupTable, category: Hashable = 1.0) -> dict[str, float] | None:
    """``gap``, ``gap_ci_low``, ``gap_ci_high``, ``gap_p`` of a category, if there is one."""
    if category not in gt.gaps.index:
        return None
    row = gt.gaps.iloc[int(gt.gaps.index.get_indexer(pd.Index([category]))[0])]
    return {str(k): float(v) for k, v in row.items()}


def _pcts(table: pd.DataFrame) -> dict[tuple[Hashable, Hashable], float]:
    """``pct`` of a group table by (group, category)."""
    keys = zip(table["group"].tolist(), table["category"].tolist(), strict=True)
    return dict(zip(keys, table["pct"].tolist(), strict=True))


def _pct(gt: GroupTable, group: Hashable, category: Hashable) -> float:
    return float(_pcts(gt.table).get((group, category), math.nan))


def gap_note(lang: str, what: str, gt: GroupTable, category: Hashable) -> str | None:
    """``what: strong x%, limited y%; difference ... (95% CI ...; p)``, if there is a gap."""
    g = gap_of(gt, category)
    if g is None:
        return None
    return tc(lang, "gap", what=what, high=num(_pct(gt, gt.high, category), lang),
              low=num(_pct(gt, gt.low, category), lang), gap=num(g["gap"], lang),
              lo=num(g["gap_ci_low"], lang), hi=num(g["gap_ci_high"], lang),
              p=pval(g["gap_p"], lang))  # fmt: skip


def test_columns(gt: GroupTable, gap: bool = True) -> dict[str, Any]:
    """The table columns of an item's tests: its gap (if ``gap``) and chi-square."""
    out: dict[str, Any] = dict((gap_of(gt) if gap else None) or {})
    if gt.chi2 is not None:
        out |= {"chi2": gt.chi2.statistic, "df": gt.chi2.df, "chi2_p": gt.chi2.pvalue,
                "cramers_v": gt.chi2.cramers_v}  # fmt: skip
        if gap:
            out["low_expected"] = 100 * gt.chi2.low_expected_share
    return out
