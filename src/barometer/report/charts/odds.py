"""The odds-ratio chart of Tekstvak 2 (chart kind ``odds_ratios``): a forest plot.

One panel per model (its outcome as the panel title), one row per predictor of the final
model: a point at Exp(B) and a line over its 95% interval, on a log axis shared by the
panels, with a dashed reference line at 1 (no association). Each model has its own colour;
the labels wrap (never cut) and take the same width in every panel, so the axes line up.
Numbers on the axis follow the report's locale (a decimal comma in Dutch).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from barometer.report.charts.layout import label_axis, plot_width, step_for, wrap_labels
from barometer.report.charts.spec import channel, layer, mark, values
from barometer.report.figures.core import FigureData
from barometer.report.figures.models_wording import mt
from barometer.report.text import fmt_pct

__all__ = ["MODEL_COLOURS", "TICKS", "alt_odds", "domain", "odds_chart"]

MODEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")
"""One colour per model, in model order (Okabe-Ito; each at least 3:1 against white)."""

TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0)
"""The axis values a log axis may show."""

REFERENCE = "#4d4d4d"


def domain(table: pd.DataFrame) -> tuple[float, float]:
    """The x range: every interval and 1, widened to the next axis value on each side."""
    finite = [v for v in (*table["or_low"], *table["or_high"], *table["exp_b"], 1.0)
              if isinstance(v, int | float) and math.isfinite(v) and v > 0]  # fmt: skip
    lo, hi = min(finite), max(finite)
    low = max((x for x in TICKS if x <= lo), default=TICKS[0])
    high = min((x for x in TICKS if x >= hi), default=TICKS[-1])
    return low, high


def odds_chart(data: FigureData) -> dict[str, Any]:
    """The forest plot of ``data.table`` (rows of :func:`.figures.odds_ratios.odds_table`)."""
    assert data.table is not None
    table = data.table.copy()
    lo, hi = domain(table)
    # an interval beyond the axis is drawn to its edge (the table gives the value)
    table["x1"] = table["or_low"].clip(lower=lo, upper=hi)
    table["x2"] = table["or_high"].clip(lower=lo, upper=hi)
    wrapped, label_px, lines = wrap_labels(table["category"], max_px=300)
    table["label"] = table["category"].map(wrapped)
    x_scale = {"type": "log", "domain": [lo, hi]}
    ticks = [v for v in TICKS if lo <= v <= hi]
    extent = label_px + 16  # the same label room in every panel (estimates may be short)
    width = plot_width(extent, right=16)
    panels = []
    models = list(dict.fromkeys(table["series_key"]))
    for k, model in enumerate(models):
        rows = table[table["series_key"] == model]
        colour = MODEL_COLOURS[k % len(MODEL_COLOURS)]
        order = list(dict.fromkeys(rows["label"]))
        y = channel("label:N", sort=order, title=None,
                    axis=label_axis(minExtent=extent, maxExtent=extent))  # fmt: skip
        last = k == len(models) - 1
        axis = {"values": ticks, "format": "~g", "grid": True, "gridColor": "#e6e6e6",
                "title": mt(data.lang, "or_axis") if last else None, "labels": last}  # fmt: skip
        interval = {
            "mark": mark("rule", color=colour, strokeWidth=2),
            "encoding": {"y": y, "x": channel("x1:Q", scale=x_scale, axis=axis),
                         "x2": channel("x2:Q")},
        }  # fmt: skip
        point = {
            "mark": mark("point", filled=True, size=70, color=colour, opacity=1),
            "encoding": {"y": y, "x": channel("exp_b:Q", scale=x_scale, axis=axis)},
        }
        one = {
            "data": values(pd.DataFrame({"x": [1.0]})),
            "mark": mark("rule", color=REFERENCE, strokeDash=[4, 3], strokeWidth=1.5),
            "encoding": {"x": channel("x:Q", scale=x_scale, axis=axis)},
        }
        frame = rows[["label", "category", "exp_b", "x1", "x2"]]
        title = {
            "text": str(rows["series"].iloc[0]),
            "anchor": "start",
            "fontSize": 12,
            "color": "#222222",
            "offset": 6,
        }  # text: dark, whatever the model's colour
        panels.append(layer(one, interval, point, data=frame, width=width, title=title,
                            height={"step": step_for(lines, 18)}))  # fmt: skip
    return {"vconcat": panels, "spacing": 18, "resolve": {"scale": {"x": "shared"}}}


def alt_odds(data: FigureData) -> str:
    """What the forest plot shows: per model, its predictors with their odds ratios."""
    lang = data.lang
    if data.table is None:
        return ""
    parts = []
    for _, rows in data.table.groupby("series", sort=False):
        items = ", ".join(f"{r.category} {fmt_pct(r.exp_b, lang, 2)}" for r in rows.itertuples())
        parts.append(f"{rows['series'].iloc[0]}: {items}")
    outcomes = ", ".join(str(s).lower() for s in dict.fromkeys(data.table["series"]))
    return f"{mt(lang, 'or_alt', outcomes=outcomes)} {'; '.join(parts)}."
