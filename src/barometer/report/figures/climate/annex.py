"""Tabel 3 (method annex): the climate scale's factor analysis, reliability, item
selection and the score's distribution, with a scree plot and a histogram.

Unweighted, also in a weighted report (the note says so): the scale describes how the
answers of the responding organisations hang together, and factor analysis, Cronbach's
alpha and the normality checks have no standard weighted form here.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.common import (
    ClimateFigureData,
    needs_scale,
    num,
    pval,
    unweighted_note,
)
from barometer.report.figures.climate.text import groups_basis, tc
from barometer.report.figures.core import Context, FigureData, too_few_figure
from barometer.report.text import fmt_int
from barometer.stats.analysis import ClimateAnalysis
from barometer.stats.disclosure import check_min_n

__all__ = ["climate_scale_method"]


def _histogram(score: pd.Series, min_n: int, width: float = 0.25) -> tuple[pd.DataFrame, bool]:
    """Counts per score bin [a, a + width) (the last bin includes 5). Empty bins at the ends
    are dropped; end bins are merged inwards until they hold ``min_n`` organisations; an
    inner bin with 1 to ``min_n`` - 1 organisations is left out (DESIGN.md section 8)."""
    values = score.dropna().to_numpy(dtype=float)
    edges = np.round(np.arange(1.0, 5.0 + width / 2, width), 6)
    counts, _ = np.histogram(values, bins=edges)
    bins = [[float(edges[i]), float(edges[i + 1]), int(counts[i])] for i in range(len(counts))]
    while bins and bins[0][2] == 0:
        bins.pop(0)
    while bins and bins[-1][2] == 0:
        bins.pop()
    changed = False
    while len(bins) > 1 and bins[0][2] < min_n:
        bins[1] = [bins[0][0], bins[1][1], bins[0][2] + bins[1][2]]
        bins.pop(0)
        changed = True
    while len(bins) > 1 and bins[-1][2] < min_n:
        bins[-2] = [bins[-2][0], bins[-1][1], bins[-2][2] + bins[-1][2]]
        bins.pop()
        changed = True
    out = [b for b in bins if b[2] == 0 or b[2] >= min_n]
    changed = changed or len(out) != len(bins)
    frame = pd.DataFrame(out, columns=["bin_start", "bin_end", "count"])
    return frame, changed


def _reason(lang: str, res: ClimateAnalysis, name: str) -> str:
    for s in res.steps:
        if s.item == name:
            if s.rule == "loading":
                return tc(lang, "reason_loading", loading=num(s.loading, lang, 3),
                          min=num(res.min_loading, lang, 2))  # fmt: skip
            return tc(lang, "reason_alpha", before=num(s.alpha_before, lang, 3),
                      after=num(s.alpha_after, lang, 3))  # fmt: skip
    return ""


@needs_scale
def climate_scale_method(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Tabel 3 (method annex): factor analysis, reliability, item selection and the score's
    distribution, with a scree plot and a histogram."""
    lang = ctx.lang
    if not check_min_n(res.n_scored, ctx.min_n):
        return too_few_figure(ctx, spec, res.n_scored)
    items: dict[Hashable, dict[Hashable, Any]] = res.items.to_dict("index")
    eigen = res.initial.eigenvalues
    rows = []
    for i, name in enumerate(res.statements):
        r = items[name]
        rows.append({
            "key": name, "category": ctx.item(name).label(lang),
            "kept": tc(lang, "yes" if r["kept"] else "no"), "answered": int(r["answered"]),
            "dont_know": int(r["dont_know"]), "mean": r["mean"], "sd": r["sd"],
            "loading_initial": r["loading_initial"],
            "communality_initial": r["communality_initial"], "kmo": r["kmo"],
            "loading": r["loading"], "communality": r["communality"], "r_drop": r["r_drop"],
            "alpha_if_deleted": r["alpha_if_deleted"], "step": r["step"],
            "reason": _reason(lang, res, name), "component": i + 1,
            "eigenvalue": float(eigen.iloc[i]),
        })  # fmt: skip
    table = pd.DataFrame(rows)
    table["step"] = table["step"].astype("Int64")
    rel, ini, fac, norm = res.reliability, res.initial, res.factor, res.normality
    stop = tc(lang, "stop_min" if len(res.kept) <= 3 else "stop_ok")
    notes = [
        tc(lang, "annex_rule", m=len(res.statements), n=fmt_int(res.n_selection, lang),
           min_loading=num(res.min_loading, lang, 2), stop=stop),
        tc(lang, "annex_fit", m=len(res.statements), kmo=num(ini.kmo, lang, 3),
           chi2=num(ini.bartlett_chi2, lang, 1), df=ini.bartlett_df,
           p=pval(ini.bartlett_p, lang),
           eigen="; ".join(num(float(v), lang, 2) for v in eigen.iloc[:5]) + " …",
           above=int((eigen > 1).sum())),
        tc(lang, "annex_scale", k=len(res.kept), alpha=num(rel.alpha, lang, 3),
           n_alpha=fmt_int(rel.n, lang),
           std=num(rel.std_alpha, lang, 3), r=num(rel.average_r, lang, 3),
           var=num(100 * float(fac.variance["proportion"].iloc[0]), lang, 1)),
        tc(lang, "annex_score", min_answered=res.min_answered, k=len(res.kept),
           n=fmt_int(res.n_scored, lang), mean=num(res.mean, lang, 2), sd=num(res.sd, lang, 2)),
        tc(lang, "annex_normal", skew=num(norm.skewness, lang, 2),
           kurt=num(norm.kurtosis, lang, 2), w=num(norm.shapiro_w, lang, 3),
           p=pval(norm.shapiro_p, lang),
           verdict=tc(lang, "normal_yes" if abs(norm.skewness) < 0.5 and abs(norm.kurtosis) < 1
                      else "normal_no")),
        groups_basis(lang),
    ]  # fmt: skip
    hist, changed = _histogram(res.score, ctx.min_n)
    if changed:
        notes.append(tc(lang, "hist_merged", min_n=ctx.min_n))
    notes += unweighted_note(ctx, "unweighted_annex")
    scree = pd.DataFrame({"component": eigen.index.astype(int), "eigenvalue": eigen.to_numpy()})
    return ClimateFigureData(
        spec, lang, table, base_range=(res.n_selection, res.n_scored), notes=tuple(notes),
        chart_data={"scree": scree, "histogram": hist,
                    "summary": pd.DataFrame([{"mean": res.mean, "sd": res.sd,
                                              "skewness": norm.skewness, "n": res.n_scored}])},
    )  # fmt: skip
