"""What the climate figures share: the analysis of a report context (computed once), the
constants of the chapter, the extra table columns, and small helpers for notes and tables.

Weighting: when ``ctx.weights`` is set, :func:`unweighted_note` adds the figure's note on
what stays unweighted (see the package docstring of :mod:`barometer.report.figures.climate`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
import pandas as pd

from barometer.errors import StatsError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.text import tc
from barometer.report.figures.core import ComputeFn, Context, FigureData
from barometer.report.text import fmt_p, fmt_pct
from barometer.report.wording import section
from barometer.stats.analysis import ClimateAnalysis, climate_analysis, climate_statements

__all__ = [
    "AGREE",
    "COLUMN_DECIMALS",
    "COLUMN_HEADERS",
    "DONT_KNOW",
    "GROUP_ORDER",
    "NOT_APPLICABLE",
    "NO_ANSWER",
    "TIDY",
    "VALID",
    "ClimateFigureData",
    "analysis_for",
    "effective_range",
    "failed",
    "group_label",
    "groups_of",
    "needs_scale",
    "no_score_note",
    "num",
    "pval",
    "scale_message",
    "tidy_frame",
    "unweighted_note",
]

GROUP_ORDER = ("strong", "medium", "limited")
"""Climate groups in print order (as 2021: krachtig, gemiddeld, beperkt)."""
AGREE = (4, 5)
VALID = (1, 2, 3, 4, 5)
DONT_KNOW, NO_ANSWER, NOT_APPLICABLE = -8, -9, -1
MIN_CASES = 10
TIDY = ("key", "category", "series", "n", "base", "pct", "ci_low", "ci_high")

COLUMN_HEADERS: dict[str, dict[str, str]] = section("climate_columns")
"""Headers of the extra table columns of this chapter (the CSV files use the keys)."""

COLUMN_DECIMALS: dict[str, int] = {
    "mean": 2, "min": 2, "q1": 2, "median": 2, "q3": 2, "max": 2, "whisker_low": 2,
    "whisker_high": 2, "centre": 2, "gap": 1, "gap_ci_low": 1, "gap_ci_high": 1, "gap_p": 4,
    "chi2": 2, "chi2_p": 4, "cramers_v": 3, "low_expected": 0, "score_mean": 2,
    "score_ci_low": 2, "score_ci_high": 2, "sd": 2, "loading_initial": 3,
    "communality_initial": 3, "kmo": 3, "loading": 3, "communality": 3, "r_drop": 3,
    "alpha_if_deleted": 3, "eigenvalue": 3,
}  # fmt: skip
"""Decimals to print for the extra columns (percentages keep the report's 1 decimal)."""


@dataclass(frozen=True, eq=False)
class ClimateFigureData(FigureData):
    """A :class:`FigureData` with data that only the chart needs (not published as a table):
    ``outliers`` (box plots), ``scree`` and ``histogram`` (Tabel 3), ``scores`` (WERK)."""

    chart_data: Mapping[str, pd.DataFrame] = field(default_factory=dict)


_CACHE: WeakKeyDictionary[Context, ClimateAnalysis | StatsError] = WeakKeyDictionary()


def analysis_for(ctx: Context) -> ClimateAnalysis:
    """The climate analysis of the context's data (computed once per context).

    Raises the :class:`~barometer.errors.StatsError` of
    :func:`~barometer.stats.analysis.climate_analysis` when the scale cannot be computed.
    """
    result = _CACHE.get(ctx)
    if result is None:
        try:
            result = climate_analysis(ctx.data)
        except StatsError as exc:
            result = exc
        _CACHE[ctx] = result
    if isinstance(result, StatsError):
        raise result
    return result


ScaleFn = Callable[[Context, FigureSpec, ClimateAnalysis], FigureData]


def needs_scale(fn: ScaleFn) -> ComputeFn:
    """A compute function made from one that needs the climate analysis: it is called with the
    context's :func:`analysis_for` as a third argument, and when the scale cannot be
    computed the figure shows :func:`scale_message` instead."""

    @functools.wraps(fn)
    def compute(ctx: Context, spec: FigureSpec) -> FigureData:
        try:
            res = analysis_for(ctx)
        except StatsError as exc:
            return failed(ctx, spec, exc)
        return fn(ctx, spec, res)

    return compute


def scale_message(ctx: Context, exc: StatsError) -> str:
    """The message printed in place of a figure when the scale cannot be computed."""
    names = climate_statements(ctx.data)
    if not names:
        return tc(ctx.lang, "no_statements")
    items = ctx.data[list(names)].apply(pd.to_numeric, errors="coerce")
    complete = int(items.isin(VALID).all(axis=1).sum())
    need = max(MIN_CASES, len(names) + 1)
    if complete < need:
        return tc(ctx.lang, "scale_too_few", need=need, k=len(names), n=complete,
                  total=len(items))  # fmt: skip
    return tc(ctx.lang, "scale_failed", reason=str(exc))


def failed(ctx: Context, spec: FigureSpec, exc: StatsError) -> FigureData:
    """The figure in place of one whose scale cannot be computed: the message only."""
    return FigureData(spec, ctx.lang, message=scale_message(ctx, exc))


def num(x: float, lang: str, decimals: int = 1) -> str:
    """A number with the report's decimal sign."""
    return fmt_pct(x, lang, decimals)


def pval(p: float, lang: str) -> str:
    """``p = 0,012``, ``p < 0,001`` or ``p –`` (no test)."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "p –"
    text = fmt_p(p, lang)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def groups_of(res: ClimateAnalysis) -> pd.Series:
    """Climate group per organisation as plain strings (NaN without a score)."""
    return res.groups.astype(object).where(res.groups.notna())


def group_label(lang: str, group: Hashable) -> str:
    return tc(lang, str(group))


def no_score_note(lang: str, res: ClimateAnalysis, population: pd.Series) -> list[str]:
    n = int((population & res.score.isna()).sum())
    return [tc(lang, "no_score", n=n, k=res.min_answered)] if n else []


def unweighted_note(ctx: Context, key: str) -> list[str]:
    """The note ``key`` on the statistics that stay unweighted, in a weighted report only."""
    return [tc(ctx.lang, key)] if ctx.weighted else []


def effective_range(ctx: Context, masks: Sequence[pd.Series]) -> dict[str, Any]:
    """The FigureData weighting fields of a figure whose items have their own bases
    (``masks``): the range of Kish's effective n over the items, and when every base has
    the same n (the figure prints one n) the smallest effective n as the figure's."""
    effective = [e for m in masks if (e := ctx.effective_n(m)) is not None]
    if not effective:
        return {"weighted": ctx.weighted}
    one_n = len({int(m.sum()) for m in masks}) == 1
    return {"weighted": ctx.weighted, "effective_n": min(effective) if one_n else None,
            "effective_n_range": (min(effective), max(effective))}  # fmt: skip


def tidy_frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """The rows as a table with ``columns`` first (missing ones NaN), counts as integers."""
    table = pd.DataFrame(rows)
    for col in columns:
        if col not in table:
            table[col] = np.nan
    table = table[[*columns, *[c for c in table.columns if c not in columns]]]
    if "n" in table:
        table["n"] = table["n"].astype("Int64")
    if "base" in table:
        table["base"] = table["base"].astype("int64")
    return table
