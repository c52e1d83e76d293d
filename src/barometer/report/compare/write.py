"""Write a wave comparison: ``DIR/index.html`` (tables and dot charts) and ``DIR/tables/*.csv``.

One wide table per figure feeds both the CSV (machine values, column keys as headers) and
the HTML (the same cells formatted in the comparison's language). Charts are Vega-Lite dot
charts, built as the report's are (:mod:`.charts.spec`, :mod:`.charts.layout`: wrapped
labels, the language's decimal mark) and rendered to SVG with vl-convert: one dot per wave with its 95% interval, colour and
shape per wave (Okabe-Ito, safe for colour-blind readers), ``<title>`` and ``<desc>`` as alt
text. Jinja2 autoescapes every label; writing is atomic (:mod:`barometer.report.output`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import vl_convert as vlc
from markupsafe import Markup

from barometer import csvsafe
from barometer.report.charts.layout import (
    label_axis,
    legend,
    locale_config,
    plot_width,
    step_for,
    wrap_labels,
)
from barometer.report.charts.spec import channel, layer, mark
from barometer.report.compare.text import COMPARE_COLUMNS, ct
from barometer.report.output import accessible_svg, write_tree
from barometer.report.render.templating import css as _css
from barometer.report.render.templating import env as _env
from barometer.report.text import fmt_int, fmt_p, fmt_pct

if TYPE_CHECKING:
    from barometer.report.compare.build import FigureComparison, WaveComparison

__all__ = ["comparison_files", "comparison_table", "render_comparison", "write_comparison_files"]

WAVE_COLOURS = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
WAVE_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "circle")
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
WAVE_FIELDS = ("n", "base", "pct", "ci_low", "ci_high")
CHANGE_FIELDS = ("change", "p", "significant")
OUTPUTS = ("tables", "index.html")
"""What ``write_comparison_files`` owns inside ``out_dir``; nothing else there is touched."""


def _nan(x: float) -> float:
    return math.nan if math.isnan(x) else x


def _pair(a: str, b: str) -> str:
    return f"{a}_{b}"


def comparison_table(fig: FigureComparison) -> pd.DataFrame:
    """The figure's wide table: category, [series], per wave n/base/pct/ci_low/ci_high, per
    change change/p/significant/note. Percentages and changes are rounded to 1 decimal,
    p-values to 4 (as the report's CSV files); the result object keeps full precision."""
    records = []
    for r in fig.rows:
        rec: dict[str, Any] = {"category": r.category}
        if fig.has_series:
            rec["series"] = r.series
        for v in r.values:
            rec[f"n_{v.wave}"] = v.count
            rec[f"base_{v.wave}"] = v.base
            for name in ("pct", "ci_low", "ci_high"):
                rec[f"{name}_{v.wave}"] = round(_nan(getattr(v, name)), 1)
        for c in r.changes:
            key = _pair(c.start, c.end)
            rec[f"change_{key}"] = round(c.diff, 1)
            rec[f"p_{key}"] = round(c.p_value, 4)
            rec[f"significant_{key}"] = c.significant
            rec[f"note_{key}"] = c.note
        records.append(rec)
    table = pd.DataFrame(records)
    for w in fig.waves:
        for name in ("n", "base"):
            col = f"{name}_{w}"
            if col in table:
                table[col] = table[col].astype("Int64")
    return table


# --------------------------------------------------------------------------- HTML cells
def _signed(x: float, lang: str) -> str:
    return ("+" if x > 0 else "") + fmt_pct(x, lang)


def _wave_cells(v: Any, lang: str) -> list[str]:
    return [fmt_int(v.count, lang), fmt_int(v.base, lang), fmt_pct(v.pct, lang),
            fmt_pct(v.ci_low, lang), fmt_pct(v.ci_high, lang)]  # fmt: skip


def _change_cells(c: Any, lang: str) -> list[str]:
    if math.isnan(c.diff):
        return [c.note if not c.comparable else "–", "–", "–"]
    p = fmt_p(c.p_value, lang) if not math.isnan(c.p_value) else (c.note or "–")
    sig = "–" if c.significant is None else ct(lang, f"significant_{'yes' if c.significant else 'no'}")  # fmt: skip
    return [_signed(c.diff, lang), p, sig]


def _styled_rows(fig: FigureComparison, lang: str) -> list[list[tuple[str, str]]]:
    """Cells with a CSS class: ``nc`` (not comparable), ``sig`` (significant) or ``""``."""
    out = []
    for r in fig.rows:
        cells = [(r.category, "")] + ([(r.series or "", "")] if fig.has_series else [])
        for v in r.values:
            cells += [(x, "") for x in _wave_cells(v, lang)]
        for c in r.changes:
            change, p, sig = _change_cells(c, lang)
            cells += [(change, "" if c.comparable else "nc"), (p, ""),
                      (sig, "sig" if c.significant else "")]  # fmt: skip
        out.append(cells)
    return out


def figure_rows(fig: FigureComparison, lang: str) -> list[list[str]]:
    """The HTML body rows: the CSV's cells, formatted (the ``note`` column is folded into the
    change cell when there is no change, and into ``p`` when there is no test)."""
    return [[text for text, _ in row] for row in _styled_rows(fig, lang)]


# --------------------------------------------------------------------------- charts
@dataclass(frozen=True)
class CompareChart:
    svg: str
    alt: str
    series: str | None


MAX_CHART_ROWS = 16
"""A figure with series and more rows than this charts one series (e.g. 'promoting')."""


def _chart_series(fig: FigureComparison, lang: str) -> str | None:
    """The one series to chart, or None to chart every row."""
    if not fig.has_series or len(fig.rows) <= MAX_CHART_ROWS:
        return None
    by_key = {r.series_key: r.series for r in fig.rows if r.series_key is not None}
    for key in ("promoting", "yes"):
        if key in by_key:
            return by_key[key]
    return fig.rows[0].series


def _chart_rows(fig: FigureComparison, series: str | None) -> list[tuple[str, Any]]:
    """(label, row) pairs to draw; with every series drawn the label names the series."""
    if series is not None:
        return [(r.category, r) for r in fig.rows if r.series == series]
    return [(f"{r.category} – {r.series}" if r.series else r.category, r) for r in fig.rows]


def _alt_text(fig: FigureComparison, lang: str, series: str | None) -> str:
    a, b = fig.pairs[len(fig.waves) - 2]  # the last consecutive pair
    ranked = sorted(
        (
            (label, r)
            for label, r in _chart_rows(fig, series)
            if not math.isnan(r.change(a, b).diff)
        ),
        key=lambda lr: -abs(lr[1].change(a, b).diff),
    )
    items = []
    for label, r in ranked[:3]:
        c = r.change(a, b)
        sig = ct(lang, "alt_sig" if c.significant else "alt_not_sig")
        items.append(f"{label} {_signed(c.diff, lang)} pp ({sig})")
    changes = ct(lang, "alt_changes", start=a, end=b, items="; ".join(items)) if items else ct(lang, "alt_none")  # fmt: skip
    text = ct(lang, "alt", title=fig.title, waves=", ".join(fig.waves), changes=changes)
    return text + (" " + ct(lang, "chart_series", series=series) if series else "")


def _spec(fig: FigureComparison, series: str | None) -> dict[str, Any] | None:
    rows = [
        {"category": label, "wave": v.wave, "pct": v.pct, "ci_low": v.ci_low,
         "ci_high": v.ci_high}
        for label, r in _chart_rows(fig, series) for v in r.values if v.shown
    ]  # fmt: skip
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    waves = list(fig.waves)
    k = len(waves)
    colours = [WAVE_COLOURS[i % len(WAVE_COLOURS)] for i in range(k)]
    shapes = [WAVE_SHAPES[i % len(WAVE_SHAPES)] for i in range(k)]
    wrapped, label_px, lines = wrap_labels(frame["category"])
    frame["category"] = frame["category"].map(wrapped)
    order = list(dict.fromkeys(frame["category"]))
    enc: dict[str, Any] = {
        "y": channel("category:N", sort=order, title=None, axis=label_axis()),
        "yOffset": channel("wave:N", sort=waves),
        "color": channel("wave:N", sort=waves, scale={"domain": waves, "range": colours},
                         legend=legend(waves, label_px)),
    }  # fmt: skip
    rule = {"mark": mark("rule", strokeWidth=1.5),
            "encoding": {**enc, "x": channel("ci_low:Q"), "x2": channel("ci_high:Q")}}  # fmt: skip
    shape = channel("wave:N", sort=waves, scale={"domain": waves, "range": shapes})
    x = channel("pct:Q", scale={"domain": [0, 100]}, title="%")
    dots = {"mark": mark("point", filled=True, size=55, opacity=1),
            "encoding": {**enc, "x": x, "shape": shape}}  # fmt: skip
    step = step_for(lines, 7 * k + 6)
    return layer(rule, dots, data=frame, width=plot_width(label_px, right=12),
                 height={"step": step})  # fmt: skip


def make_chart(fig: FigureComparison, lang: str) -> CompareChart | None:
    """The figure's dot chart as accessible SVG, or None when no wave has a value."""
    series = _chart_series(fig, lang)
    spec = _spec(fig, series)
    if spec is None:
        return None
    desc = _alt_text(fig, lang, series)
    spec["description"] = desc
    spec["config"] = {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11},
                      "locale": locale_config(lang)}  # fmt: skip
    svg = vlc.vegalite_to_svg(spec)
    ident = f"chart-{fig.id}"
    return CompareChart(
        accessible_svg(svg, ident, f"{fig.number}. {fig.title}", desc), desc, series
    )


# --------------------------------------------------------------------------- page


def _country_rows(comparison: WaveComparison) -> list[list[str]]:
    lang = comparison.lang
    out = []
    for r in comparison.countries.rows:
        cells = [r.figure, r.category, r.country, r.wording, fmt_int(r.study_n, lang)]
        for v in r.nl:
            p = fmt_p(v.p_value, lang) if not math.isnan(v.p_value) else (v.test or "–")
            cells += [fmt_pct(v.pct, lang), fmt_int(v.base, lang), p]
        out.append([*cells, r.source, r.note])
    return out


def render_comparison(comparison: WaveComparison) -> str:
    """The comparison as one self-contained HTML page (charts and CSS inline)."""
    lang = comparison.lang
    charts: dict[str, CompareChart | None] = {}
    chart_messages: dict[str, str] = {}
    for fig in comparison.figures:
        try:
            charts[fig.id] = make_chart(fig, lang)
        except Exception as exc:  # the table still shows the numbers
            charts[fig.id] = None
            chart_messages[fig.id] = ct(lang, "chart_failed", reason=str(exc) or type(exc).__name__)  # fmt: skip
    return _env().get_template("compare.html.j2").render(
        c=comparison, lang=lang, ct=lambda key, **kw: ct(lang, key, **kw), fmt_int=fmt_int,
        css=Markup(_css()), cols=COMPARE_COLUMNS[lang], rows=lambda f: _styled_rows(f, lang),
        charts=charts, chart_messages=chart_messages, wave_fields=WAVE_FIELDS,
        change_fields=CHANGE_FIELDS, country_rows=_country_rows(comparison),
        svg=lambda ch: Markup(ch.svg),
    )  # fmt: skip


def _csv(table: pd.DataFrame) -> str:
    text = csvsafe.to_csv(table)  # formulas neutralised (barometer.csvsafe)
    assert text is not None
    return text


def comparison_files(comparison: WaveComparison) -> dict[str, str]:
    """Relative path -> content of every file ``write_comparison_files`` writes."""
    files = {"index.html": render_comparison(comparison)}
    for fig in comparison.figures:
        if fig.rows:
            files[f"tables/{fig.id}.csv"] = _csv(comparison_table(fig))
    if comparison.countries.rows:
        files["tables/countries.csv"] = _csv(comparison.countries.table())
    return files


def write_comparison_files(comparison: WaveComparison, out_dir: str | Path) -> Path:
    """Write ``index.html`` and ``tables/*.csv`` into ``out_dir``; return ``index.html``.

    Everything is rendered in memory and written into a temporary folder inside
    ``out_dir``; only then are ``tables/`` and ``index.html`` moved into place (and the old
    ones put back if a move fails). Other files in ``out_dir`` are left alone.
    """
    out = write_tree(comparison_files(comparison), out_dir, OUTPUTS, prefix=".compare-")
    return out / "index.html"
