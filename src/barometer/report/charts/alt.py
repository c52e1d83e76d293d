"""Alt texts of the charts: one or two sentences that say what a chart shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from barometer.report.charts.odds import alt_odds
from barometer.report.figures.climate import tc
from barometer.report.figures.core import FigureData
from barometer.report.text import fmt_pct, t

__all__ = ["ALT_TEXTS", "alt_text", "chart_data", "pct_label", "records"]


def pct_label(v: float, lang: str) -> str:
    return f"{fmt_pct(v, lang, 0)}%"


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    return (
        []
        if frame is None
        else [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    )


def chart_data(data: FigureData, name: str) -> pd.DataFrame:
    extra = getattr(data, "chart_data", {}) or {}
    return extra.get(name, pd.DataFrame())


def _name(row: dict[str, Any]) -> str:
    return f"{row['category']} ({row['series']})" if row.get("series") else str(row["category"])


def _by_category(data: FigureData, limit: int = 4) -> str:
    """``category: series x%, series y%; ...`` for the first ``limit`` categories."""
    lang = data.lang
    rows = [r for r in records(data.table) if not pd.isna(r["pct"])]
    cats = list(dict.fromkeys(r["category"] for r in rows))
    parts = [
        f"{c}: " + ", ".join(f"{r['series']} {pct_label(r['pct'], lang)}"
                             for r in rows if r["category"] == c)
        for c in cats[:limit]
    ]  # fmt: skip
    if len(cats) > limit:
        parts.append(tc(lang, "alt_more", k=len(cats) - limit))
    return "; ".join(parts)


def _alt_grouped(data: FigureData) -> str:
    lang = data.lang
    return tc(lang, "alt_grouped", title=data.spec.title_in(lang), base=data.spec.base_in(lang),
              items=_by_category(data))  # fmt: skip


def _alt_stacked_groups(data: FigureData) -> str:
    lang = data.lang
    return tc(lang, "alt_stacked", title=data.spec.title_in(lang), base=data.spec.base_in(lang),
              items=_by_category(data))  # fmt: skip


def _alt_box(data: FigureData) -> str:
    lang = data.lang
    rows = [r for r in records(data.table) if not pd.isna(r["mean"])]
    items = [f"{r['category']} {fmt_pct(r['mean'], lang, 2)} (n = {int(r['n'])})" for r in rows[:8]]
    if len(rows) > 8:
        items.append(tc(lang, "alt_more", k=len(rows) - 8))
    return tc(lang, "alt_box", title=data.spec.title_in(lang), base=data.spec.base_in(lang),
              items="; ".join(items))  # fmt: skip


def _alt_annex(data: FigureData) -> str:
    lang = data.lang
    scree = chart_data(data, "scree")
    summary = chart_data(data, "summary")
    eigen = "; ".join(fmt_pct(v, lang, 2) for v in scree.get("eigenvalue", pd.Series()).iloc[:4])
    s = summary.iloc[0] if len(summary) else pd.Series(dtype=float)
    return tc(lang, "alt_annex", eigen=eigen, mean=fmt_pct(s.get("mean"), lang, 2),
              sd=fmt_pct(s.get("sd"), lang, 2), skew=fmt_pct(s.get("skewness"), lang, 2),
              n=int(s.get("n", 0)))  # fmt: skip


def _alt_werk(data: FigureData) -> str:
    lang = data.lang
    scores = chart_data(data, "scores")
    text = "; ".join(
        f"{r['category']} {fmt_pct(r['mean'], lang, 2)}" for r in records(scores)
        if not pd.isna(r["mean"])
    )  # fmt: skip
    return tc(lang, "alt_werk", title=data.spec.title_in(lang), scores=text,
              items=_by_category(data))  # fmt: skip


ALT_TEXTS: dict[str, Callable[[FigureData], str]] = {
    "grouped_bar": _alt_grouped,
    "stacked_groups": _alt_stacked_groups,
    "boxplot": _alt_box,
    "scale_annex": _alt_annex,
    "werk_zones": _alt_werk,
    "odds_ratios": alt_odds,
}
"""Chart kind -> alt-text function, for kinds whose table is not one share per category."""


def alt_text(data: FigureData) -> str:
    """One or two sentences that say what the chart shows (its largest values)."""
    custom = ALT_TEXTS.get(data.spec.chart)
    if custom is not None:
        return custom(data)
    lang = data.lang
    title, base = data.spec.title_in(lang), data.spec.base_in(lang)
    rows = [r for r in records(data.table) if not pd.isna(r["pct"])]
    if data.spec.chart == "stacked_bar":
        top = t(lang, "promoting")
        part = [r for r in rows if r.get("series_key") == "promoting"] or rows
        items = [f"{r['category']} {pct_label(r['pct'], lang)}" for r in part[:3]]
        return t(
            lang, "alt_stacked", title=title, base=base, top=top.lower(), items="; ".join(items)
        )
    ranked = sorted(rows, key=lambda r: -float(r["pct"]))
    items = [f"{_name(r)} {pct_label(r['pct'], lang)}" for r in ranked[:5]]
    if len(ranked) > 5:
        items.append(t(lang, "alt_more", k=len(ranked) - 5))
    text = t(lang, "alt_bar", title=title, base=base, items="; ".join(items))
    comp = [
        f"{b['country']}: {b['category']} {b['wording']}%"
        for b in records(data.benchmarks)
        if b["comparable"]
    ]
    if comp:
        text += " " + "; ".join(comp[:6]) + "."
    return text
