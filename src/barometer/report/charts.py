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

from barometer.report.figures import FigureData
from barometer.report.text import fmt_pct, t

__all__ = ["BUILDERS", "OKABE_ITO", "Chart", "alt_text", "chart_frame", "make_chart"]

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


BUILDERS: dict[str, Callable[[FigureData], dict[str, Any]]] = {"bar": _bar, "stacked_bar": _stacked}
"""Chart kind (``FigureSpec.chart``) -> function returning a Vega-Lite spec."""


def _name(row: dict[str, Any]) -> str:
    return f"{row['category']} ({row['series']})" if row.get("series") else str(row["category"])


def alt_text(data: FigureData) -> str:
    """One or two sentences that say what the chart shows (its largest values)."""
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
