"""Figuur 22 (analogue): the WERK zones (psychological safety × performance standard)
compared on the climate score and on the results of the innovation.

Weighting: the percentages per result and zone and their intervals are weighted when the
report is (:func:`~barometer.report.figures.climate.group_shares.group_shares`), with Kish's
effective n of the organisations with a zone. The mean score per zone (t interval), the
one-way ANOVA and the chi-square per result stay unweighted, and the note says so.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import pandas as pd

from barometer import study
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.common import (
    TIDY,
    ClimateFigureData,
    needs_scale,
    num,
    pval,
    tidy_frame,
    unweighted_note,
)
from barometer.report.figures.climate.crosstabs import result_dummies
from barometer.report.figures.climate.group_shares import group_shares, test_columns
from barometer.report.figures.climate.text import tc
from barometer.report.figures.core import Context, FigureData, too_few_figure, weighting_fields
from barometer.stats.analysis import ClimateAnalysis
from barometer.stats.analysis_compare import group_means
from barometer.stats.disclosure import check_min_n
from barometer.stats.werk import SAFETY, STANDARD, ZONE_LABELS, werk_zones

__all__ = ["ZONE_ORDER", "werk_zones_figure"]

ZONE_ORDER = ("learning", "comfort", "anxiety", "apathy")


@needs_scale
def werk_zones_figure(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 22 analogue: WERK zones compared on the climate score (mean, 95% CI) and on
    the results of the innovation (% per result, base innovators in the zone)."""
    lang = ctx.lang
    population = ctx.population(spec.base)
    zones = werk_zones(ctx.data[SAFETY], ctx.data[STANDARD])  # categorical: no string compares
    zones = zones.where(population & zones.notna())
    n = int(zones.notna().sum())
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n)
    means = group_means(res.score, zones, group_order=ZONE_ORDER, min_n=ctx.min_n)
    wanted = spec.params.get("results", ("efficiency", "quality", "employee_satisfaction"))
    items, in_base, _ = result_dummies(
        ctx, spec.params.get("item", study.default().concept("results").item), ()
    )
    items = [it for it in items if it[0] in wanted]
    zone_labels = ZONE_LABELS.get(lang, ZONE_LABELS["nl"])
    tests = {
        key: group_shares(ctx, x, zones, categories=[1.0, 0.0], group_order=ZONE_ORDER, shown=[1.0])
        for key, _, x in items
        if x.where(zones.notna()).notna().any()
    }
    rows = []
    zone_means: dict[Hashable, dict[Hashable, Any]] = means.table.to_dict("index")
    for z in ZONE_ORDER:
        m = zone_means[z]
        zone_row: dict[str, Any] = {
            "organisations": int(m["n"]) if check_min_n(int(m["n"]), ctx.min_n) else pd.NA,
            "score_mean": m["mean"], "score_ci_low": m["ci_low"], "score_ci_high": m["ci_high"],
        }  # fmt: skip
        for key, label, _ in items:
            if key not in tests:
                continue
            gt = tests[key]
            r = gt.table[(gt.table["group"] == z) & (gt.table["category"] == 1.0)].iloc[0]
            row: dict[str, Any] = {
                "key": f"{z}:{key}", "category": zone_labels[z], "series": label,
                "n": r["count"], "base": r["base"], "pct": r["pct"], "ci_low": r["ci_low"],
                "ci_high": r["ci_high"],
            }  # fmt: skip
            if z == ZONE_ORDER[0]:
                row |= test_columns(gt, gap=False)
            rows.append(row | zone_row)
            zone_row = {}
    if not rows:
        return too_few_figure(ctx, spec, 0)
    columns = [*TIDY, "organisations", "score_mean", "score_ci_low", "score_ci_high", "chi2",
               "df", "chi2_p", "cramers_v"]  # fmt: skip
    table = tidy_frame(rows, columns)
    for col in ("organisations", "df"):
        table[col] = table[col].astype("Int64")
    zone_n = [int(zones[in_base].eq(z).sum()) for z in ZONE_ORDER]
    notes = [tc(lang, "werk_source"), tc(lang, "werk_rule")]
    if SAFETY in res.kept or STANDARD in res.kept:
        notes.append(tc(lang, "werk_circular"))
    if not math.isnan(means.anova_f):
        notes.append(tc(lang, "werk_anova", df1=means.anova_df[0], df2=means.anova_df[1],
                        f=num(means.anova_f, lang, 2), p=pval(means.anova_p, lang)))  # fmt: skip
    notes.append(tc(lang, "werk_results_base", lo=min(zone_n), hi=max(zone_n)))
    notes += unweighted_note(ctx, "unweighted_werk")
    scores = means.table.reset_index()
    scores["category"] = scores["group"].map(zone_labels)
    scores = scores[["group", "category", "n", "mean", "ci_low", "ci_high"]]
    return ClimateFigureData(spec, lang, table, n, notes=tuple(notes),
                             chart_data={"scores": scores},
                             **weighting_fields(ctx, zones.notna()))  # fmt: skip
