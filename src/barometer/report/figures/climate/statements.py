"""Figuur 15: the statements on the innovation climate, % (strongly) agree per statement.

Weighted when the report is: each percentage and its interval (as the other figures,
:func:`~barometer.report.figures.core._row`), with Kish's effective n per statement. The scale
summary in the notes (alpha, mean score) stays unweighted and the note says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from barometer.errors import StatsError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.common import (
    AGREE,
    DONT_KNOW,
    NO_ANSWER,
    NOT_APPLICABLE,
    TIDY,
    VALID,
    analysis_for,
    effective_range,
    num,
    scale_message,
    tidy_frame,
    unweighted_note,
)
from barometer.report.figures.climate.text import tc
from barometer.report.figures.core import (
    Context,
    FigureData,
    answer_codes,
    as_floats,
    indicator_of,
    is_one_of,
    share_row,
    too_few_figure,
)
from barometer.report.text import fmt_int
from barometer.stats.analysis import ClimateAnalysis, climate_statements
from barometer.stats.disclosure import check_min_n

__all__ = ["climate_statements_figure"]


def climate_statements_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 15: % (strongly) agree per statement; base: answered 1-5 (don't know left out
    and counted); statements left out of the scale marked with *."""
    lang = ctx.lang
    names = list(spec.params.get("items") or climate_statements(ctx.data))
    if not names:
        return FigureData(spec, lang, message=tc(lang, "no_statements"))
    population = ctx.population(spec.base)
    notes: list[str] = []
    try:
        res: ClimateAnalysis | None = analysis_for(ctx)
    except StatsError as exc:
        res = None
        notes.append(scale_message(ctx, exc))
    rows, masks = [], []
    excluded = {"not_applicable": 0, "no_answer": 0, "invalid": 0}
    dk_total = 0
    in_population = population.to_numpy(dtype=bool)
    positions = np.flatnonzero(in_population)
    for name in names:
        codes = as_floats(answer_codes(ctx, name))
        inside = codes.take(positions)
        in_base = in_population & is_one_of(codes, VALID)
        dk = int(np.count_nonzero(inside == DONT_KNOW))
        dk_total += dk
        missing = inside != inside
        excluded["not_applicable"] += int(np.count_nonzero(inside == NOT_APPLICABLE))
        excluded["no_answer"] += int(np.count_nonzero(inside == NO_ANSWER) + missing.sum())
        known = is_one_of(inside, [*VALID, DONT_KNOW, NOT_APPLICABLE, NO_ANSWER])
        excluded["invalid"] += int(np.count_nonzero(~known & ~missing))
        masks.append(in_base)
        marked = res is not None and name not in res.kept
        label = ctx.item(name).label(lang) + (" *" if marked else "")
        x = pd.Series(indicator_of(codes, AGREE, in_base), index=ctx.data.index)
        row = share_row(name, label, x, ctx.min_n, weights=ctx.weights)
        rows.append(row | {"dont_know": dk, "in_scale": not marked})
    excluded_ = {k: v for k, v in excluded.items() if v}
    bases = [int(m.sum()) for m in masks]
    lo, hi = min(bases), max(bases)
    if not check_min_n(hi, ctx.min_n):
        return too_few_figure(ctx, spec, hi)
    table = tidy_frame(rows, [*TIDY, "dont_know", "in_scale"]).drop(columns="series")
    table = table.sort_values("pct", ascending=False, kind="stable").reset_index(drop=True)
    if res is not None:
        if res.dropped:
            notes.insert(0, tc(lang, "not_in_scale"))
        notes.append(tc(lang, "scale_summary", k=len(res.kept), m=len(res.statements),
                        alpha=num(res.reliability.alpha, lang, 2), mean=num(res.mean, lang, 2),
                        n=fmt_int(res.n_scored, lang)))  # fmt: skip
        notes += unweighted_note(ctx, "unweighted_scale")
    if dk_total:
        notes.append(tc(lang, "dk_excluded", n=fmt_int(dk_total, lang)))
    return FigureData(spec, lang, table, lo if lo == hi else None, base_range=(lo, hi),
                      excluded=excluded_, excluded_unit="answers", notes=tuple(notes),
                      **effective_range(ctx, masks))  # fmt: skip
