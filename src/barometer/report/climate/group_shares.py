"""Shares per climate group (or WERK zone): the cross tables of Figures 18-22, weighted
when the report is.

:func:`group_shares` is :func:`~barometer.stats.analysis_compare.group_table` (counts,
bases, suppression below ``min_n``, chi-square, the gap strong − limited) with, when
``ctx.weights`` is set, the weighted numbers put in:

- every ``pct`` with its interval is the weighted domain estimate of
  :func:`~barometer.stats.proportions.proportion` (``weights=ctx.weights``: Taylor-
  linearised SE, logit interval), the same as the other figures of the report;
- the gap is the difference of the two weighted percentages; its interval (Newcombe) and
  test are :func:`~barometer.stats.proportions.two_proportion_test` with Kish's effective n
  of each group as its n (``group_table``'s own gap function on the weighted shares), as
  the findings compare weighted shares;
- ``count`` and ``base`` stay the unweighted numbers of organisations, and the chi-square
  (with Cramér's V) stays the unweighted Pearson test of those counts: a design-based
  (Rao-Scott) test is not available here, and the figures say so
  (``tc(lang, "unweighted_chi")``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from barometer.report.climate.common import num, pval
from barometer.report.climate.text import tc
from barometer.report.figures import Context
from barometer.stats.analysis_compare import GroupTable, _gaps, group_table
from barometer.stats.proportions import proportion

__all__ = ["chi_notes", "gap_note", "gap_of", "group_shares", "test_columns"]


def group_shares(
    ctx: Context,
    values: pd.Series,
    groups: pd.Series,
    *,
    categories: Sequence[Hashable],
    group_order: Sequence[Hashable],
    high: Hashable | None = None,
    low: Hashable | None = None,
) -> GroupTable:
    """The distribution of ``values`` (NaN outside the base) per group, weighted when the
    context is (see the module docstring); unweighted it is ``group_table`` itself."""
    gt = group_table(values, groups, categories=categories, group_order=group_order,
                     high=high, low=low, min_n=ctx.min_n)  # fmt: skip
    if ctx.weights is None:
        return gt
    ok = values.notna() & groups.notna() & values.isin(categories) & groups.isin(group_order)
    table = gt.table.copy()
    for i, r in gt.table.iterrows():
        if pd.isna(r["count"]):  # suppressed (or an empty group): stays empty
            continue
        x = (values == r["category"]).astype(float).where(ok & (groups == r["group"]))
        p = proportion(x, weights=ctx.weights)
        table.loc[i, ["pct", "ci_low", "ci_high"]] = [100 * p.estimate, 100 * p.ci_low,
                                                      100 * p.ci_high]  # fmt: skip
    return replace(gt, table=table, gaps=_weighted_gaps(ctx, gt, table, ok, groups))


def _weighted_gaps(
    ctx: Context, gt: GroupTable, table: pd.DataFrame, ok: pd.Series, groups: pd.Series
) -> pd.DataFrame:
    """The gaps high − low of the weighted percentages: ``group_table``'s own gap function
    on "cells" that are each group's weighted share times its Kish effective n."""
    if gt.gaps.empty or gt.high is None or gt.low is None:
        return gt.gaps
    order, cats = list(gt.bases.index), list(gt.gaps.index)
    pct = {(r["group"], r["category"]): r["pct"] for r in table.to_dict("records")}
    cells = np.zeros((len(order), len(cats)))
    for i, g in enumerate(order):
        if g in (gt.high, gt.low):
            eff = ctx.effective_n(ok & (groups == g)) or 0.0
            cells[i] = [float(pct[(g, c)]) / 100 * eff for c in cats]
    return _gaps(cells, order, cats, gt.high, gt.low, gt.suppressed)


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
    gaps: dict[Hashable, dict[Hashable, Any]] = gt.gaps.to_dict("index")
    g = gaps.get(category)
    return None if g is None else {str(k): float(v) for k, v in g.items()}


def _pct(gt: GroupTable, group: Hashable, category: Hashable) -> float:
    for r in gt.table.to_dict("records"):
        if r["group"] == group and r["category"] == category:
            return float(r["pct"])
    return math.nan


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
