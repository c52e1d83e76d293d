"""Charts: Vega-Lite specs rendered to SVG with vl-convert (no browser).

Horizontal bars with the percentage printed and an error bar for the 95% interval; the
Okabe-Ito palette (safe for colour-blind readers). Every SVG carries a ``<title>`` and a
``<desc>`` (the alt text) and ``role="img"`` with ``aria-labelledby``. Add a chart kind by
adding a builder to :data:`BUILDERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from barometer.report.charts.alt import ALT_TEXTS, alt_text, chart_data, pct_label, records
from barometer.report.charts.layout import (
    TARGET_WIDTH,
    ink,
    label_axis,
    locale_config,
    plot_width,
    step_for,
    wrap_labels,
)
from barometer.report.charts.layout import legend as layout_legend
from barometer.report.charts.odds import odds_chart
from barometer.report.charts.pool import Pending, convert
from barometer.report.charts.spec import channel, layer, mark, values
from barometer.report.figures.climate import tc
from barometer.report.figures.core import FigureData
from barometer.report.output import accessible_svg
from barometer.report.text import t

__all__ = [
    "ALT_TEXTS", "BUILDERS", "OKABE_ITO", "Chart", "PendingChart", "alt_text", "chart_frame",
    "make_chart",
]  # fmt: skip

OKABE_ITO = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
STUDY_COLOURS = {"dk_2018_2019": "#D55E00", "dk_2021_2023": "#E69F00", "no_2019": "#009E73",
                 "se_2019": "#56B4E9", "is_2019": "#CC79A7", "fi_2019": "#000000"}  # fmt: skip
LEVEL_COLOURS = {"hindering": "#D55E00", "neutral": "#D9D9D9", "promoting": "#0072B2",
                 "dont_know": "#888888", "yes": "#0072B2"}  # fmt: skip
NL_COLOUR = "#0072B2"
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str


@dataclass(frozen=True, eq=False)
class PendingChart:
    """A chart whose SVG a helper process is drawing (see :mod:`.charts_pool`)."""

    pending: Pending
    ident: str
    title: str
    alt: str

    def result(self) -> Chart:
        """The finished chart; raises what drawing it raised."""
        return Chart(
            accessible_svg(self.pending.result(), self.ident, self.title, self.alt), self.alt
        )

    @property
    def seconds(self) -> float:
        """Seconds the helper spent drawing it."""
        return self.pending.seconds


def chart_frame(data: FigureData) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The rows to draw: Dutch rows with intervals, then comparable benchmark rows.

    Returns the frame (key, category, series, pct, ci_low, ci_high, label) and the colour
    domain and range, in drawing order.
    """
    lang = data.lang
    nl_name = f"{t(lang, 'netherlands')} {data.wave}".strip()
    table = records(data.table)
    multi = data.table is not None and "series" in data.table.columns
    rows = [
        {"key": r["key"], "category": r["category"], "series": r["series"] if multi else nl_name,
         "pct": r["pct"], "ci_low": r["ci_low"], "ci_high": r["ci_high"],
         "label": pct_label(r["pct"], lang)}
        for r in table if not pd.isna(r["pct"])
    ]  # fmt: skip
    domain = [str(s) for s in dict.fromkeys(r["series"] for r in rows)]
    colours = [NL_COLOUR] if not multi else [_level_colour(data, s) for s in domain]
    keys = {r["key"] for r in rows}
    for b in records(data.benchmarks) if not multi else []:
        if not b["comparable"]:
            continue
        if b["key"] not in keys and not pd.isna(b["nl_pct"]):
            rows.append({"key": b["key"], "category": b["category"], "series": nl_name,
                         "pct": b["nl_pct"], "ci_low": b["nl_ci_low"], "ci_high": b["nl_ci_high"],
                         "label": pct_label(b["nl_pct"], lang)})  # fmt: skip
            keys.add(b["key"])
        rows.append({"key": b["key"], "category": b["category"], "series": b["country"],
                     "pct": b["value"], "ci_low": np.nan, "ci_high": np.nan,
                     "label": f"{b['wording']}%"})  # fmt: skip
        if b["country"] not in domain:
            domain.append(str(b["country"]))
            colours.append(STUDY_COLOURS.get(str(b["study"]), OKABE_ITO[len(colours) % 8]))
    columns = ["key", "category", "series", "pct", "ci_low", "ci_high", "label"]
    return pd.DataFrame(rows, columns=columns), domain, colours


def _level_colour(data: FigureData, series: str) -> str:
    """The colour of a series by its stable key (``series_key``: yes, hindering, ...)."""
    table = data.table
    if table is None or "series_key" not in table.columns:
        return OKABE_ITO[0]
    keys = dict(zip(table["series"].astype(str), table["series_key"], strict=True))
    return LEVEL_COLOURS.get(str(keys.get(series)), OKABE_ITO[0])


def _bar(data: FigureData) -> dict[str, Any]:
    frame, domain, colours = chart_frame(data)
    focus = data.spec.params.get("focus")
    if focus is not None:  # one category, one bar per country (Figuur 1, 10)
        frame = frame[frame["key"] == focus].assign(category=lambda f: f["series"])
    wrapped, label_px, lines = wrap_labels(frame["category"])
    frame = frame.assign(category=frame["category"].map(wrapped),
                         label_x=frame[["pct", "ci_high"]].max(axis=1))  # fmt: skip
    order = list(dict.fromkeys(frame["category"]))
    grouped = focus is None and len(domain) > 1
    axis = label_axis()
    if focus is not None:  # one series: one colour, the Netherlands in bold
        own = _quoted(wrapped.get(domain[0], domain[0]))
        axis["labelFontWeight"] = {"expr": f"datum.value == '{own}' ? 'bold' : 'normal'"}
    enc: dict[str, Any] = {"y": channel("category:N", sort=order, title=None, axis=axis)}
    if grouped:
        enc["yOffset"] = channel("series:N", sort=domain)
    legend = layout_legend(domain, label_px) if grouped else None
    scale = {"domain": domain, "range": colours}
    colour: dict[str, Any] = (
        {"value": NL_COLOUR}
        if focus is not None
        else channel("series:N", sort=domain, scale=scale, legend=legend)
    )
    step = step_for(lines, 15, len(domain)) if grouped else step_for(lines, 20)
    layers = _bars_with_intervals(enc, colour, rule_width=1.2, font_size=11)
    if not grouped:  # bars as thick as in a one-line band, however tall the labels make it
        layers[0]["mark"]["size"] = 16
    return layer(*layers, data=frame, width=plot_width(label_px), height={"step": step})


def _quoted(text: str) -> str:
    """``text`` inside a single-quoted Vega expression string."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")


PCT_AXIS = {"values": list(range(0, 101, 10))}
"""The x axis of a percentage: a tick every 10 points (every 5 crowds "95" into "100")."""
SCORE_AXIS = {"values": [1 + i / 2 for i in range(9)]}
"""The x axis of a score from 1 to 5: a tick every half point."""


def _stacked(data: FigureData) -> dict[str, Any]:
    assert data.table is not None
    frame = data.table[data.table["pct"].notna()].copy()
    domain = list(dict.fromkeys(frame["series"]))
    colours = [_level_colour(data, s) for s in domain]
    frame["order"] = frame["series"].map({s: i for i, s in enumerate(domain)})
    frame["label"] = [pct_label(v, data.lang) if v >= 8 else "" for v in frame["pct"]]
    frame["ink"] = frame["series"].map({s: ink(c) for s, c in zip(domain, colours, strict=True)})
    wrapped, label_px, lines = wrap_labels(frame["category"])
    frame["category"] = frame["category"].map(wrapped)
    order = list(dict.fromkeys(frame["category"]))
    y = channel("category:N", sort=order, title=None, axis=label_axis())
    x = channel("pct:Q", stack="zero", scale={"domain": [0, 100]}, title="%", axis=PCT_AXIS)
    colour = channel("series:N", sort=domain, scale={"domain": domain, "range": colours},
                     legend=layout_legend(domain, label_px))  # fmt: skip
    bars = {
        "mark": mark("bar", stroke="white", strokeWidth=0.5),
        "encoding": {"y": y, "x": x, "color": colour, "order": channel("order:Q")},
    }
    text = {
        "mark": mark("text", align="right", dx=-3, fontSize=10, font=FONT),
        "encoding": {
            "y": y, "x": channel("pct:Q", stack="zero"), "text": channel("label:N"),
            "order": channel("order:Q"), "color": channel("ink:N", scale=None),
        },
    }  # fmt: skip
    width = plot_width(label_px, right=12)
    return layer(bars, text, data=frame, width=width, height={"step": step_for(lines, 20)})


# --------------------------------------------------------------------------- climate chapter
GROUP_COLOURS = ("#0072B2", "#56B4E9", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#000000")
"""Series colours of grouped bars (Okabe-Ito, the strongest group darkest)."""
SEQUENTIAL = ("#BBBBBB", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
"""Stacked categories from 'none' (grey) to the most (dark blue)."""
BOX_FILL, BOX_LINE = "#C6DBEF", "#08306B"


def _grouped(
    data: FigureData, *, labels: bool = True, total: float = TARGET_WIDTH
) -> dict[str, Any]:
    """Horizontal bars per category, one bar per series (group), with the 95% interval.
    ``labels=False``: no category labels (a chart beside one that has them)."""
    assert data.table is not None
    frame = data.table[data.table["pct"].notna()][
        ["key", "category", "series", "pct", "ci_low", "ci_high"]
    ].copy()
    frame["label"] = [pct_label(v, data.lang) for v in frame["pct"]]
    frame["label_x"] = frame[["pct", "ci_high"]].max(axis=1)
    domain = [str(s) for s in dict.fromkeys(data.table["series"])]
    colours = [GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(domain))]
    wrapped, label_px, lines = wrap_labels(data.table["category"])
    frame["category"] = frame["category"].map(wrapped)
    order = [wrapped[str(c)] for c in dict.fromkeys(data.table["category"])]
    marker = _quoted(f"({tc(data.lang, 'largest_gap')})")
    flat = "join(split(datum.value, '\\n'), ' ')"
    weight = {"expr": f"indexof({flat}, '{marker}') >= 0 ? 'bold' : 'normal'"}
    axis = label_axis(labelFontWeight=weight) if labels else {"labels": False, "ticks": False}
    enc: dict[str, Any] = {
        "y": channel("category:N", sort=order, title=None, axis=axis),
        "yOffset": channel("series:N", sort=domain),
    }
    colour = channel("series:N", sort=domain, scale={"domain": domain, "range": colours},
                     legend=layout_legend(domain, label_px))  # fmt: skip
    layers = _bars_with_intervals(enc, colour, rule_width=1, font_size=10)
    width = plot_width(label_px if labels else 0, total=total)
    step = step_for(lines if labels else 1, 12, len(domain))
    return layer(*layers, data=frame, width=width, height={"step": step})


def _stacked_groups(data: FigureData) -> dict[str, Any]:
    """One 100% bar per group (category), stacked by the series (ordered categories)."""
    assert data.table is not None
    frame = data.table[data.table["pct"].notna()].copy()
    domain = [str(s) for s in dict.fromkeys(data.table["series"])]
    zero_first = str(data.table["key"].iloc[0]).split(":")[-1] in ("0", "0.0")
    blues = list(SEQUENTIAL[1:])
    n_blue = len(domain) - int(zero_first)
    shades = (
        blues[-n_blue:] if n_blue <= len(blues) else [blues[i % len(blues)] for i in range(n_blue)]
    )
    colours = [SEQUENTIAL[0]] * int(zero_first) + shades
    frame["order"] = frame["series"].map({s: i for i, s in enumerate(domain)})
    frame["label"] = [pct_label(v, data.lang) if v >= 7 else "" for v in frame["pct"]]
    frame["ink"] = frame["series"].map({s: ink(c) for s, c in zip(domain, colours, strict=True)})
    wrapped, label_px, lines = wrap_labels(data.table["category"])
    frame["category"] = frame["category"].map(wrapped)
    order = [wrapped[str(c)] for c in dict.fromkeys(data.table["category"])]
    y = channel("category:N", sort=order, title=None, axis=label_axis())
    x = channel("pct:Q", stack="zero", scale={"domain": [0, 100]}, title="%", axis=PCT_AXIS)
    colour = channel("series:N", sort=domain, scale={"domain": domain, "range": colours},
                     legend=layout_legend(domain, label_px))  # fmt: skip
    bars = {
        "mark": mark("bar", stroke="white", strokeWidth=0.5),
        "encoding": {"y": y, "x": x, "color": colour, "order": channel("order:Q")},
    }
    text = {
        "mark": mark("text", align="right", dx=-3, fontSize=10, font=FONT),
        "encoding": {
            "y": y, "x": channel("pct:Q", stack="zero"), "text": channel("label:N"),
            "order": channel("order:Q"), "color": channel("ink:N", scale=None),
        },
    }  # fmt: skip
    width = plot_width(label_px, right=12)
    return layer(bars, text, data=frame, width=width, height={"step": step_for(lines, 26)})


def _box_label(row: dict[str, Any]) -> str:
    return f"{row['category']} (n\u00a0=\u00a0{int(row['n'])})"  # "(n = 26)" stays on one line


def _boxplot(data: FigureData) -> dict[str, Any]:
    """Box plots of the score per group: box Q1-Q3, median line, whiskers, mean as X,
    outliers as open circles (only groups that may be published)."""
    assert data.table is not None
    frame = data.table[data.table["mean"].notna()].copy()
    wrapped, label_px, lines = wrap_labels(_box_label(r) for r in records(frame))
    frame["label"] = [wrapped[_box_label(r)] for r in records(frame)]
    names = dict(zip(frame["key"], frame["label"], strict=True))
    outliers = chart_data(data, "outliers")
    points = pd.DataFrame(
        {"label": [names[k] for k in outliers.get("key", []) if k in names],
         "value": [v for k, v in zip(outliers.get("key", []), outliers.get("value", []),
                                      strict=True) if k in names]},
        columns=["label", "value"],
    )  # fmt: skip
    order = list(frame["label"])
    y = channel("label:N", sort=order, title=None, axis=label_axis())
    title = tc(data.lang, "score")

    def x(field: str) -> dict[str, Any]:
        return channel(f"{field}:Q", scale={"domain": [1, 5]}, title=title)

    whisker = {
        "mark": mark("rule", color=BOX_LINE),
        "encoding": {"y": y, "x": x("whisker_low"), "x2": channel("whisker_high:Q")},
    }
    box = {
        "mark": mark("bar", size=14, color=BOX_FILL, stroke=BOX_LINE, strokeWidth=1),
        "encoding": {"y": y, "x": x("q1"), "x2": channel("q3:Q")},
    }
    median = {
        "mark": mark("tick", color=BOX_LINE, thickness=2, size=14),
        "encoding": {"y": y, "x": x("median")},
    }
    mean = {
        "mark": mark("point", shape="M-1,-1L1,1M1,-1L-1,1", size=50, strokeWidth=2,
                     color="#D55E00", filled=False),
        "encoding": {"y": y, "x": x("mean")},
    }  # fmt: skip
    dots = {
        "data": values(points),
        "mark": mark("point", shape="circle", size=22, color=BOX_LINE, filled=False),
        "encoding": {"y": y, "x": x("value")},
    }
    layers = [whisker, box, median, mean] + ([dots] if len(points) else [])
    width = plot_width(label_px, right=16)
    return layer(*layers, data=frame, width=width, height={"step": step_for(lines, 24)})


def _scale_annex(data: FigureData) -> dict[str, Any]:
    """Scree plot of the eigenvalues next to a histogram of the scores."""
    scree = chart_data(data, "scree")
    hist = chart_data(data, "histogram")
    summary = chart_data(data, "summary")
    lang = data.lang
    line = {
        "mark": mark("line", color=NL_COLOUR, point={"color": NL_COLOUR}),
        "encoding": {
            "x": channel("component:O", title=tc(lang, "component"), axis={"labelAngle": 0}),
            "y": channel("eigenvalue:Q", title=tc(lang, "eigen")),
        },
    }
    kaiser = {
        "data": values(pd.DataFrame({"y": [1.0]})),
        "mark": mark("rule", strokeDash=[4, 3], color="#888888"),
        "encoding": {"y": channel("y:Q")},
    }
    scree_chart = layer(line, kaiser, data=scree, width=240, height=200)
    bars = {
        "data": values(hist),
        "mark": mark("bar", color=NL_COLOUR, stroke="white", strokeWidth=0.5),
        "encoding": {
            "x": channel("bin_start:Q", scale={"domain": [1, 5]}, title=tc(lang, "score")),
            "x2": channel("bin_end:Q"),
            "y": channel("count:Q", title=tc(lang, "organisations_axis")),
            "y2": {"datum": 0},
        },
    }
    layers: list[dict[str, Any]] = [bars]
    if len(summary):
        layers.append({
            "data": values(summary),
            "mark": mark("rule", color="#D55E00", strokeWidth=2),
            "encoding": {"x": channel("mean:Q")},
        })  # fmt: skip
    hist_chart = layer(*layers, width=240, height=200)
    return {"hconcat": [scree_chart, hist_chart], "spacing": 30}


def _werk(data: FigureData) -> dict[str, Any]:
    """Mean climate score per WERK zone (with its 95% interval) above the results by zone,
    each as wide as the page."""
    scores = chart_data(data, "scores")
    scores = scores[scores["mean"].notna()] if len(scores) else scores
    assert data.table is not None
    wrapped, label_px, lines = wrap_labels(data.table["category"])
    scores = scores.assign(category=scores["category"].map(wrapped)) if len(scores) else scores
    order = [wrapped[str(c)] for c in dict.fromkeys(data.table["category"])]
    y = channel("category:N", sort=order, title=None, axis=label_axis())
    interval = {
        "mark": mark("rule", color="#222222"),
        "encoding": {"y": y, "x": channel("ci_low:Q", scale={"domain": [1, 5]}),
                     "x2": channel("ci_high:Q")},
    }  # fmt: skip
    score = {
        "mark": mark("point", filled=True, size=60, color=NL_COLOUR),
        "encoding": {"y": y, "x": channel("mean:Q", scale={"domain": [1, 5]}, axis=SCORE_AXIS,
                                          title=tc(data.lang, "score"))},
    }  # fmt: skip
    top = layer(interval, score, data=scores, width=plot_width(label_px, right=16),
                height={"step": step_for(lines, 24)})  # fmt: skip
    return {"vconcat": [top, _grouped(data)], "spacing": 24}


BUILDERS: dict[str, Callable[[FigureData], dict[str, Any]]] = {
    "bar": _bar,
    "stacked_bar": _stacked,
    "grouped_bar": _grouped,
    "stacked_groups": _stacked_groups,
    "boxplot": _boxplot,
    "scale_annex": _scale_annex,
    "werk_zones": _werk,
    "odds_ratios": odds_chart,
}
"""Chart kind (``FigureSpec.chart``) -> function returning a Vega-Lite spec."""


def make_chart(data: FigureData, title: str) -> Chart | PendingChart | None:
    """The chart of ``data`` as accessible SVG, or None for kinds without a chart.

    Inside :func:`.charts_pool.chart_pool` the SVG is drawn by the helper process and a
    :class:`PendingChart` is returned at once; elsewhere the finished :class:`Chart`.
    """
    builder = BUILDERS.get(data.spec.chart)
    if builder is None or not data.ok or data.table is None or not len(data.table):
        return None  # nothing to draw (e.g. no model of Tekstvak 2 could be fitted)
    spec = builder(data)
    desc = alt_text(data)
    spec["description"] = desc
    spec["config"] = {
        "font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11, "labelLimit": 0},
        "legend": {"labelLimit": 0, "labelFontSize": 11}, "locale": locale_config(data.lang),
    }  # fmt: skip
    ident = f"chart-{data.spec.id}"
    svg = convert(spec)
    if isinstance(svg, Pending):
        return PendingChart(svg, ident, title, desc)
    return Chart(accessible_svg(svg, ident, title, desc), desc)


def _bars_with_intervals(
    enc: dict[str, Any], colour: dict[str, Any], *, rule_width: float, font_size: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Percentage bars (0-100), their 95% interval as a rule and the value label."""
    x = channel("pct:Q", scale={"domain": [0, 100]}, title="%", axis=PCT_AXIS)
    bars = {"mark": mark("bar"), "encoding": {"x": x, "color": colour, **enc}}
    errors = {
        "mark": mark("rule", color="#222222", strokeWidth=rule_width),
        "encoding": {"x": channel("ci_low:Q"), "x2": channel("ci_high:Q"), **enc},
    }
    text = {
        "mark": mark("text", align="left", dx=4, fontSize=font_size, font=FONT, color="#222222"),
        "encoding": {"x": channel("label_x:Q"), "text": channel("label:N"), **enc},
    }
    return bars, errors, text
