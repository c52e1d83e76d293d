"""Charts: Vega-Altair specs rendered to SVG with vl-convert (no browser).

Horizontal bars with the percentage printed and an error bar for the 95% interval; the
Okabe-Ito palette (safe for colour-blind readers). Every SVG carries a ``<title>`` and a
``<desc>`` (the alt text) and ``role="img"`` with ``aria-labelledby``. Add a chart kind by
adding a builder to :data:`BUILDERS`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import altair as alt
import numpy as np
import pandas as pd
import vl_convert as vlc

from barometer.report.climate import tc  # also registers the climate figures
from barometer.report.figures import FigureData
from barometer.report.text import fmt_pct, t

__all__ = ["ALT_TEXTS", "BUILDERS", "OKABE_ITO", "Chart", "alt_text", "chart_frame", "make_chart"]

OKABE_ITO = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
STUDY_COLOURS = {"dk_2018_2019": "#D55E00", "dk_2021_2023": "#E69F00", "no_2019": "#009E73",
                 "se_2019": "#56B4E9", "is_2019": "#CC79A7", "fi_2019": "#000000"}  # fmt: skip
LEVEL_COLOURS = {"hindering": "#D55E00", "neutral": "#D9D9D9", "promoting": "#0072B2",
                 "dont_know": "#888888", "yes": "#0072B2"}  # fmt: skip
NL_COLOUR = "#0072B2"
WIDTH = 380
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str


def _pct_label(v: float, lang: str) -> str:
    return f"{fmt_pct(v, lang, 0)}%"


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    return (
        []
        if frame is None
        else [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    )


def chart_frame(data: FigureData) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The rows to draw: Dutch rows with intervals, then comparable benchmark rows.

    Returns the frame (key, category, series, pct, ci_low, ci_high, label) and the colour
    domain and range, in drawing order.
    """
    lang = data.lang
    nl_name = f"{t(lang, 'netherlands')} {data.wave}".strip()
    table = _records(data.table)
    multi = data.table is not None and "series" in data.table.columns
    rows = [
        {"key": r["key"], "category": r["category"], "series": r["series"] if multi else nl_name,
         "pct": r["pct"], "ci_low": r["ci_low"], "ci_high": r["ci_high"],
         "label": _pct_label(r["pct"], lang)}
        for r in table if not pd.isna(r["pct"])
    ]  # fmt: skip
    domain = [str(s) for s in dict.fromkeys(r["series"] for r in rows)]
    colours = [NL_COLOUR] if not multi else [_level_colour(data, s) for s in domain]
    keys = {r["key"] for r in rows}
    for b in _records(data.benchmarks) if not multi else []:
        if not b["comparable"]:
            continue
        if b["key"] not in keys and not pd.isna(b["nl_pct"]):
            rows.append({"key": b["key"], "category": b["category"], "series": nl_name,
                         "pct": b["nl_pct"], "ci_low": b["nl_ci_low"], "ci_high": b["nl_ci_high"],
                         "label": _pct_label(b["nl_pct"], lang)})  # fmt: skip
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
    for key in ("yes", "dont_know", "hindering", "neutral", "promoting"):
        if series == t(data.lang, key):
            return LEVEL_COLOURS[key]
    return OKABE_ITO[0]


def _bar(data: FigureData) -> dict[str, Any]:
    frame, domain, colours = chart_frame(data)
    focus = data.spec.params.get("focus")
    if focus is not None:  # one category, one bar per country (Figuur 1, 10)
        frame = frame[frame["key"] == focus].assign(category=lambda f: f["series"])
    frame = frame.assign(label_x=frame[["pct", "ci_high"]].max(axis=1))
    order = list(dict.fromkeys(frame["category"]))
    grouped = focus is None and len(domain) > 1
    y = alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=280))
    enc: dict[str, Any] = {"y": y}
    if grouped:
        enc["yOffset"] = alt.YOffset("series:N", sort=domain)
    colour = alt.Color("series:N", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                       legend=alt.Legend(orient="bottom", title=None, labelLimit=300) if grouped else None)  # fmt: skip
    base = alt.Chart(frame)
    x = alt.X("pct:Q", scale=alt.Scale(domain=[0, 100]), title="%")
    bars = base.mark_bar().encode(x=x, color=colour, **enc)
    errors = base.mark_rule(color="#222222", strokeWidth=1.2).encode(
        x="ci_low:Q", x2="ci_high:Q", **enc
    )
    text = base.mark_text(align="left", dx=4, fontSize=11, font=FONT, color="#222222").encode(
        x="label_x:Q", text="label:N", **enc
    )
    step = 15 if grouped else 20
    return (
        alt.layer(bars, errors, text)
        .properties(width=WIDTH, height=alt.Step(step))
        .to_dict(validate=False)
    )


def _stacked(data: FigureData) -> dict[str, Any]:
    assert data.table is not None
    frame = data.table[data.table["pct"].notna()].copy()
    domain = list(dict.fromkeys(frame["series"]))
    colours = [_level_colour(data, s) for s in domain]
    frame["order"] = frame["series"].map({s: i for i, s in enumerate(domain)})
    frame["label"] = [_pct_label(v, data.lang) if v >= 8 else "" for v in frame["pct"]]
    order = list(dict.fromkeys(frame["category"]))
    y = alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=280))
    x = alt.X("pct:Q", stack="zero", scale=alt.Scale(domain=[0, 100]), title="%")
    colour = alt.Color("series:N", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                       legend=alt.Legend(orient="bottom", title=None))  # fmt: skip
    base = alt.Chart(frame)
    bars = base.mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=y, x=x, color=colour, order=alt.Order("order:Q")
    )
    text = base.mark_text(align="right", dx=-3, fontSize=10, font=FONT).encode(
        y=y, x=alt.X("pct:Q", stack="zero"), text="label:N", order=alt.Order("order:Q"),
        color=alt.condition("datum.series == '" + t(data.lang, "neutral").replace("'", "\\'") + "'",
                            alt.value("#222222"), alt.value("white")),
    )  # fmt: skip
    return (
        alt.layer(bars, text).properties(width=WIDTH, height=alt.Step(20)).to_dict(validate=False)
    )


# --------------------------------------------------------------------------- climate chapter
GROUP_COLOURS = ("#0072B2", "#56B4E9", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#000000")
"""Series colours of grouped bars (Okabe-Ito, the strongest group darkest)."""
SEQUENTIAL = ("#BBBBBB", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
"""Stacked categories from 'none' (grey) to the most (dark blue)."""
BOX_FILL, BOX_LINE = "#C6DBEF", "#08306B"


def _chart_data(data: FigureData, name: str) -> pd.DataFrame:
    extra = getattr(data, "chart_data", {}) or {}
    return extra.get(name, pd.DataFrame())


def _grouped_chart(data: FigureData) -> alt.LayerChart:
    """Horizontal bars per category, one bar per series (group), with the 95% interval."""
    assert data.table is not None
    frame = data.table[data.table["pct"].notna()][
        ["key", "category", "series", "pct", "ci_low", "ci_high"]
    ].copy()
    frame["label"] = [_pct_label(v, data.lang) for v in frame["pct"]]
    frame["label_x"] = frame[["pct", "ci_high"]].max(axis=1)
    domain = [str(s) for s in dict.fromkeys(data.table["series"])]
    colours = [GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(domain))]
    order = list(dict.fromkeys(data.table["category"]))
    marker = f"({tc(data.lang, 'largest_gap')})".replace("\\", "\\\\").replace("'", "\\'")
    weight = alt.expr(f"indexof(datum.value, '{marker}') >= 0 ? 'bold' : 'normal'")
    axis = alt.Axis(labelLimit=420, labelFontWeight=weight)
    enc: dict[str, Any] = {
        "y": alt.Y("category:N", sort=order, title=None, axis=axis),
        "yOffset": alt.YOffset("series:N", sort=domain),
    }
    colour = alt.Color("series:N", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                       legend=alt.Legend(orient="bottom", title=None, labelLimit=300))  # fmt: skip
    base = alt.Chart(frame)
    x = alt.X("pct:Q", scale=alt.Scale(domain=[0, 100]), title="%")
    bars = base.mark_bar().encode(x=x, color=colour, **enc)
    errors = base.mark_rule(color="#222222", strokeWidth=1).encode(
        x="ci_low:Q", x2="ci_high:Q", **enc
    )
    text = base.mark_text(align="left", dx=4, fontSize=10, font=FONT, color="#222222").encode(
        x="label_x:Q", text="label:N", **enc
    )
    return alt.LayerChart(layer=[bars, errors, text]).properties(width=WIDTH, height=alt.Step(12))


def _grouped(data: FigureData) -> dict[str, Any]:
    return _grouped_chart(data).to_dict(validate=False)


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
    dark = {s for s, c in zip(domain, colours, strict=True) if c in SEQUENTIAL[4:]}
    frame["order"] = frame["series"].map({s: i for i, s in enumerate(domain)})
    frame["label"] = [_pct_label(v, data.lang) if v >= 7 else "" for v in frame["pct"]]
    frame["dark"] = frame["series"].isin(dark)
    order = list(dict.fromkeys(data.table["category"]))
    y = alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=280))
    x = alt.X("pct:Q", stack="zero", scale=alt.Scale(domain=[0, 100]), title="%")
    colour = alt.Color("series:N", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                       legend=alt.Legend(orient="bottom", title=None, labelLimit=300))  # fmt: skip
    base = alt.Chart(frame)
    bars = base.mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=y, x=x, color=colour, order=alt.Order("order:Q")
    )
    text = base.mark_text(align="right", dx=-3, fontSize=10, font=FONT).encode(
        y=y, x=alt.X("pct:Q", stack="zero"), text="label:N", order=alt.Order("order:Q"),
        color=alt.condition("datum.dark", alt.value("white"), alt.value("#222222")),
    )  # fmt: skip
    return (
        alt.layer(bars, text).properties(width=WIDTH, height=alt.Step(26)).to_dict(validate=False)
    )


def _box_label(row: dict[str, Any]) -> str:
    return f"{row['category']} (n = {int(row['n'])})"


def _boxplot(data: FigureData) -> dict[str, Any]:
    """Box plots of the score per group: box Q1-Q3, median line, whiskers, mean as X,
    outliers as open circles (only groups that may be published)."""
    assert data.table is not None
    frame = data.table[data.table["mean"].notna()].copy()
    frame["label"] = [_box_label(r) for r in _records(frame)]
    names = dict(zip(frame["key"], frame["label"], strict=True))
    outliers = _chart_data(data, "outliers")
    points = pd.DataFrame(
        {"label": [names[k] for k in outliers.get("key", []) if k in names],
         "value": [v for k, v in zip(outliers.get("key", []), outliers.get("value", []),
                                      strict=True) if k in names]},
        columns=["label", "value"],
    )  # fmt: skip
    order = list(frame["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=460))
    scale = alt.Scale(domain=[1, 5])
    title = tc(data.lang, "score")

    def x(field: str) -> alt.X:
        return alt.X(f"{field}:Q", scale=scale, title=title)

    base = alt.Chart(frame)
    whisker = base.mark_rule(color=BOX_LINE).encode(y=y, x=x("whisker_low"), x2="whisker_high:Q")
    box = base.mark_bar(size=14, color=BOX_FILL, stroke=BOX_LINE, strokeWidth=1).encode(
        y=y, x=x("q1"), x2="q3:Q"
    )
    median = base.mark_tick(color=BOX_LINE, thickness=2, size=14).encode(y=y, x=x("median"))
    mean = base.mark_point(
        shape="M-1,-1L1,1M1,-1L-1,1", size=50, strokeWidth=2, color="#D55E00", filled=False
    ).encode(y=y, x=x("mean"))
    dots = (
        alt.Chart(points)
        .mark_point(shape="circle", size=22, color=BOX_LINE, filled=False)
        .encode(y=y, x=x("value"))
    )
    layers = [whisker, box, median, mean] + ([dots] if len(points) else [])
    return alt.layer(*layers).properties(width=WIDTH, height=alt.Step(24)).to_dict(validate=False)


def _scale_annex(data: FigureData) -> dict[str, Any]:
    """Scree plot of the eigenvalues next to a histogram of the scores."""
    scree = _chart_data(data, "scree")
    hist = _chart_data(data, "histogram")
    summary = _chart_data(data, "summary")
    lang = data.lang
    left = alt.Chart(scree)
    kaiser = (
        alt.Chart(pd.DataFrame({"y": [1.0]}))
        .mark_rule(strokeDash=[4, 3], color="#888888")
        .encode(y="y:Q")
    )
    scree_chart = alt.layer(
        left.mark_line(color=NL_COLOUR, point=alt.OverlayMarkDef(color=NL_COLOUR)).encode(
            x=alt.X("component:O", title=tc(lang, "component"),
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("eigenvalue:Q", title=tc(lang, "eigen")),
        ),
        kaiser,
    ).properties(width=240, height=200)  # fmt: skip
    bars = alt.Chart(hist).mark_bar(color=NL_COLOUR, stroke="white", strokeWidth=0.5).encode(
        x=alt.X("bin_start:Q", scale=alt.Scale(domain=[1, 5]),
                title=tc(lang, "score")),
        x2="bin_end:Q",
        y=alt.Y("count:Q", title=tc(lang, "organisations_axis")),
        y2=alt.datum(0),
    )  # fmt: skip
    layers: list[Any] = [bars]
    if len(summary):
        layers.append(
            alt.Chart(summary).mark_rule(color="#D55E00", strokeWidth=2).encode(x="mean:Q")
        )
    hist_chart = alt.layer(*layers).properties(width=240, height=200)
    return alt.hconcat(scree_chart, hist_chart, spacing=30).to_dict(validate=False)


def _werk(data: FigureData) -> dict[str, Any]:
    """Mean climate score per WERK zone (with its 95% interval) next to the results by zone."""
    scores = _chart_data(data, "scores")
    scores = scores[scores["mean"].notna()] if len(scores) else scores
    order = list(dict.fromkeys(data.table["category"])) if data.table is not None else []
    y = alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(scores)
    score_x = alt.X("mean:Q", scale=alt.Scale(domain=[1, 5]), title=tc(data.lang, "score"))
    left = alt.layer(
        base.mark_rule(color="#222222").encode(y=y, x=alt.X("ci_low:Q", scale=alt.Scale(domain=[1, 5])),
                                               x2="ci_high:Q"),
        base.mark_point(filled=True, size=60, color=NL_COLOUR).encode(y=y, x=score_x),
    ).properties(width=160, height=alt.Step(36))  # fmt: skip
    right = _grouped_chart(data).properties(width=280)
    return alt.hconcat(left, right, spacing=20).to_dict(validate=False)


BUILDERS: dict[str, Callable[[FigureData], dict[str, Any]]] = {
    "bar": _bar,
    "stacked_bar": _stacked,
    "grouped_bar": _grouped,
    "stacked_groups": _stacked_groups,
    "boxplot": _boxplot,
    "scale_annex": _scale_annex,
    "werk_zones": _werk,
}
"""Chart kind (``FigureSpec.chart``) -> function returning a Vega-Lite spec."""


def _name(row: dict[str, Any]) -> str:
    return f"{row['category']} ({row['series']})" if row.get("series") else str(row["category"])


def _by_category(data: FigureData, limit: int = 4) -> str:
    """``category: series x%, series y%; ...`` for the first ``limit`` categories."""
    lang = data.lang
    rows = [r for r in _records(data.table) if not pd.isna(r["pct"])]
    cats = list(dict.fromkeys(r["category"] for r in rows))
    parts = [
        f"{c}: " + ", ".join(f"{r['series']} {_pct_label(r['pct'], lang)}"
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
    rows = [r for r in _records(data.table) if not pd.isna(r["mean"])]
    items = [f"{r['category']} {fmt_pct(r['mean'], lang, 2)} (n = {int(r['n'])})" for r in rows[:8]]
    if len(rows) > 8:
        items.append(tc(lang, "alt_more", k=len(rows) - 8))
    return tc(lang, "alt_box", title=data.spec.title_in(lang), base=data.spec.base_in(lang),
              items="; ".join(items))  # fmt: skip


def _alt_annex(data: FigureData) -> str:
    lang = data.lang
    scree = _chart_data(data, "scree")
    summary = _chart_data(data, "summary")
    eigen = "; ".join(fmt_pct(v, lang, 2) for v in scree.get("eigenvalue", pd.Series()).iloc[:4])
    s = summary.iloc[0] if len(summary) else pd.Series(dtype=float)
    return tc(lang, "alt_annex", eigen=eigen, mean=fmt_pct(s.get("mean"), lang, 2),
              sd=fmt_pct(s.get("sd"), lang, 2), skew=fmt_pct(s.get("skewness"), lang, 2),
              n=int(s.get("n", 0)))  # fmt: skip


def _alt_werk(data: FigureData) -> str:
    lang = data.lang
    scores = _chart_data(data, "scores")
    text = "; ".join(
        f"{r['category']} {fmt_pct(r['mean'], lang, 2)}" for r in _records(scores)
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
}
"""Chart kind -> alt-text function, for kinds whose table is not one share per category."""


def alt_text(data: FigureData) -> str:
    """One or two sentences that say what the chart shows (its largest values)."""
    custom = ALT_TEXTS.get(data.spec.chart)
    if custom is not None:
        return custom(data)
    lang = data.lang
    title, base = data.spec.title_in(lang), data.spec.base_in(lang)
    rows = [r for r in _records(data.table) if not pd.isna(r["pct"])]
    if data.spec.chart == "stacked_bar":
        top = t(lang, "promoting")
        part = [r for r in rows if r.get("series") == top] or rows
        items = [f"{r['category']} {_pct_label(r['pct'], lang)}" for r in part[:3]]
        return t(
            lang, "alt_stacked", title=title, base=base, top=top.lower(), items="; ".join(items)
        )
    ranked = sorted(rows, key=lambda r: -float(r["pct"]))
    items = [f"{_name(r)} {_pct_label(r['pct'], lang)}" for r in ranked[:5]]
    if len(ranked) > 5:
        items.append(t(lang, "alt_more", k=len(ranked) - 5))
    text = t(lang, "alt_bar", title=title, base=base, items="; ".join(items))
    comp = [
        f"{b['country']}: {b['category']} {b['wording']}%"
        for b in _records(data.benchmarks)
        if b["comparable"]
    ]
    if comp:
        text += " " + "; ".join(comp[:6]) + "."
    return text


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _accessible(svg: str, ident: str, title: str, desc: str) -> str:
    """Add ``<title>``, ``<desc>``, ``role`` and ``aria-labelledby`` to the root element."""
    if re.search(r"<\s*(script|foreignObject)\b", svg, re.IGNORECASE):
        raise ValueError("the chart SVG contains active content")
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    tag = match.group(0)
    attrs = (
        f' role="img" aria-labelledby={quoteattr(f"{ident}-title {ident}-desc")} focusable="false"'
    )
    head = (f"{tag[:-1]}{attrs}><title id={quoteattr(ident + '-title')}>{escape(title)}</title>"
            f"<desc id={quoteattr(ident + '-desc')}>{escape(desc)}</desc>")  # fmt: skip
    out = svg[: match.start()] + head + svg[match.end() :]
    ET.fromstring(out)  # must stay well-formed XML
    return out


def make_chart(data: FigureData, title: str) -> Chart | None:
    """The chart of ``data`` as accessible SVG, or None for kinds without a chart."""
    builder = BUILDERS.get(data.spec.chart)
    if builder is None or not data.ok:
        return None
    spec = builder(data)
    desc = alt_text(data)
    spec["description"] = desc
    spec["config"] = {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11}}
    svg = vlc.vegalite_to_svg(spec)
    return Chart(_accessible(svg, f"chart-{data.spec.id}", title, desc), desc)
