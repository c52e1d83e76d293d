"""The distribution of the climate score: Figures 16 and 27 (box plots per sector and per
cluster) and Figuur 17 (the three climate groups, fixed cut-offs and k-means).

Weighting: the box plots (quartiles, whiskers, means, eta²) have no standard weighted
form here and stay unweighted, and say so when the report is weighted. Figuur 17's
percentages per group and their intervals are weighted (as the other figures,
:func:`~barometer.report.figures.core._row`); the k-means solution itself (centres, cut points,
sizes, kappa) stays unweighted and the note says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.common import (
    GROUP_ORDER,
    TIDY,
    ClimateFigureData,
    group_label,
    needs_scale,
    no_score_note,
    num,
    tidy_frame,
    unweighted_note,
)
from barometer.report.figures.climate.text import tc
from barometer.report.figures.core import (
    Context,
    FigureData,
    share_row,
    too_few_figure,
    weighting_fields,
)
from barometer.report.text import fmt_int
from barometer.stats.analysis import ClimateAnalysis
from barometer.stats.disclosure import check_min_n
from barometer.stats.groups import boxplot_stats

__all__ = ["climate_boxplot", "climate_groups_figure"]


# --------------------------------------------------------------------------- 16 and 27
def _unit_codes(ctx: Context, column: str) -> pd.Series:
    if column not in ctx.data.columns:
        return pd.Series("", index=ctx.data.index)
    values = ctx.data[column]
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


@needs_scale
def climate_boxplot(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figures 16 and 27: box-plot statistics of the climate score per sector or cluster,
    in the report's publication classification (``ctx.publication``: the groups and labels
    of Tabel 1 and Tabel 2). A group with fewer than ``min_n`` scored organisations shows
    its n only; outliers are counted and drawn only where there are at least ``cell_min``
    of them in a group (an outlier count crosses sector or cluster)."""
    lang = ctx.lang
    by = spec.params["by"]
    score = res.score.where(ctx.population(spec.base))
    scored = score.notna()
    n_total = int(scored.sum())
    if not check_min_n(n_total, ctx.min_n):
        return too_few_figure(ctx, spec, n_total)
    grouping = ctx.publication.sector if by == "sector" else ctx.publication.cluster
    codes = _unit_codes(ctx, by)
    published = grouping.codes
    groups = pd.Series(
        pd.Categorical(grouping.apply(codes).astype(object).where(scored), categories=published),
        index=codes.index,
    )
    box: dict[Hashable, dict[Hashable, Any]] = boxplot_stats(score, groups).to_dict("index")
    rows, outliers = [], []
    hidden_outliers = False
    for group in grouping.groups:
        code = group.code
        if code not in box:
            continue
        s = box[code]
        n = int(s["n"])
        name = group.label(lang)
        row: dict[str, Any] = {"key": code, "category": name, "n": n}
        if not check_min_n(n, ctx.min_n):  # a small group of scored organisations: n only
            rows.append(row)
            continue
        row |= {k: float(s[k]) for k in ("mean", "min", "q1", "median", "q3", "max",
                                         "whisker_low", "whisker_high")}  # fmt: skip
        if len(s["outliers"]) >= ctx.cell_min or not s["outliers"]:
            row["n_outliers"] = len(s["outliers"])
            outliers += [{"key": code, "category": name, "value": v} for v in s["outliers"]]
        else:  # a few outliers would single organisations out: neither counted nor drawn
            row["min"], row["max"] = row["whisker_low"], row["whisker_high"]
            hidden_outliers = True
        rows.append(row)
    columns = ["key", "category", "n", "mean", "min", "q1", "median", "q3", "max",
               "whisker_low", "whisker_high", "n_outliers"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    table["n"] = table["n"].astype("int64")
    table["n_outliers"] = table["n_outliers"].astype("Int64")
    published_groups = groups.where(groups.isin(table.loc[table["mean"].notna(), "key"]))
    notes = [tc(lang, "box_legend", min_n=ctx.min_n)]
    if hidden_outliers:
        notes.append(tc(lang, "outliers_hidden", cell_min=ctx.cell_min))
    notes.append(tc(lang, "overall_mean", mean=num(float(score.mean()), lang, 2),
                    n=fmt_int(n_total, lang),
                    eta=num(100 * _eta_squared(score, published_groups), lang, 1)))  # fmt: skip
    merged = [g for g in grouping.groups if g.merged]
    if merged:
        notes.append(tc(lang, "merged_publication", min_n=ctx.min_n,
                        names="; ".join(g.label(lang) for g in merged)))  # fmt: skip
    notes += no_score_note(lang, res, ctx.population(spec.base))
    notes += unweighted_note(ctx, "unweighted_box")
    return ClimateFigureData(
        spec, lang, table, n_total, notes=tuple(notes),
        chart_data={"outliers": pd.DataFrame(outliers, columns=["key", "category", "value"])},
    )  # fmt: skip


def _eta_squared(score: pd.Series, groups: pd.Series) -> float:
    ok = score.notna() & groups.notna()
    s, g = score[ok].astype(float), groups[ok].astype(str)
    total = float(((s - s.mean()) ** 2).sum())
    between = float(s.groupby(g).agg(lambda v: len(v) * (v.mean() - s.mean()) ** 2).sum())
    return between / total if total > 0 else 0.0


# --------------------------------------------------------------------------- Figuur 17
def _rule(lang: str, group: str, cuts: Sequence[float], decimals: int) -> str:
    """The fixed 2021 rule: limited < lo, medium lo to hi inclusive, strong > hi."""
    lo, hi = (num(c, lang, decimals) for c in cuts)
    word = tc(lang, "rule_through")
    return {"strong": f"> {hi}", "medium": f"{lo} {word} {hi}", "limited": f"< {lo}"}[group]


def _kmeans_rule(lang: str, group: str, cuts: Sequence[float], decimals: int) -> str:
    """The k-means rule as assigned: limited < lo, medium lo up to (not incl.) hi, strong
    from hi; the cuts are rounded down so that no case is on the wrong side."""
    lo, hi = (num(c, lang, decimals) for c in cuts)
    word = tc(lang, "rule_up_to")
    return {"strong": f"≥ {hi}", "medium": f"{lo} {word} {hi}", "limited": f"< {lo}"}[group]


@needs_scale
def climate_groups_figure(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 17: shares of the three groups by the fixed 2021 cut-offs, with the k-means
    solution (centres, sizes, cut points) next to them."""
    lang = ctx.lang
    population = ctx.population(spec.base)
    scored = population & res.score.notna()
    n = int(scored.sum())
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n)
    fixed = res.groups.astype(object)
    kmeans = res.kmeans.labels.astype(object)
    centres = dict(zip(("limited", "medium", "strong"), res.kmeans.centres, strict=True))
    rows = []
    km_cuts, km_decimals = res.kmeans.printed_cuts(2)
    for series, labels, cuts, decimals in (
        (tc(lang, "fixed"), fixed, res.cuts, 1),
        (tc(lang, "kmeans"), kmeans, km_cuts, km_decimals),
    ):
        is_km = labels is kmeans
        for g in GROUP_ORDER:
            x = (labels == g).astype(float).where(scored)
            row = share_row(f"{'kmeans' if is_km else 'fixed'}:{g}", group_label(lang, g), x,
                       ctx.min_n, series, weights=ctx.weights)  # fmt: skip
            row["rule"] = (_kmeans_rule if is_km else _rule)(lang, g, cuts, decimals)
            row["centre"] = centres[g] if is_km else np.nan
            rows.append(row)
    table = tidy_frame(rows, [*TIDY, "rule", "centre"])
    km = res.kmeans
    notes = [
        tc(lang, "groups_basis"),
        tc(lang, "kmeans_note",
           centres=" / ".join(num(c, lang, 2) for c in km.centres),
           cuts=" / ".join(num(c, lang, km_decimals) for c in km_cuts),
           sizes=" / ".join(fmt_int(s, lang) for s in km.sizes),
           share=num(100 * res.agreement_share, lang, 0), kappa=num(res.kappa, lang, 2)),
        *no_score_note(lang, res, population),
    ]  # fmt: skip
    notes[2:2] = unweighted_note(ctx, "unweighted_kmeans")
    return FigureData(spec, lang, table, n, notes=tuple(notes), **weighting_fields(ctx, scored))
