"""The explorer's chart: a server-drawn, accessible SVG of one published table.

One horizontal bar per shown cell with its 95% interval as a whisker and its n; a hidden
cell is a line of text saying so, never a bar. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = ["ChartRow", "draw_chart", "number"]

WIDTH = 800
LABEL_W = 310
BAR_W = 320
ROW_H = 26
HEAD_H = 22
TOP = 34


@dataclass(frozen=True)
class ChartRow:
    """One bar: its heading (a category), its label (a group or series), the value."""

    heading: str
    label: str
    value: float | None
    low: float | None
    high: float | None
    n: int | None
    base: int | None
    hidden: str = ""


def number(x: float, lang: str, decimals: int = 1) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


STYLE = {  # presentation attributes, not CSS: a page's Content-Security-Policy allows them
    "head": 'font-weight="bold"',
    "hidden": 'font-style="italic" fill="#444444"',
    "tick": 'font-size="11"',
    "foot": 'font-size="11"',
    "label": "",
    "value": "",
}


def _text(x: float, y: float, s: str, cls: str = "", anchor: str = "start") -> str:
    c = f" {STYLE[cls]}" if STYLE.get(cls) else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}>{escape(s)}</text>'


def draw_chart(
    rows: Sequence[ChartRow],
    *,
    title: str,
    desc: str,
    lang: str,
    kind: str = "pct",
    footer: str = "",
) -> str:
    """The SVG of ``rows`` (percentages 0-100, or means on 1-5 when ``kind`` is "mean")."""
    lo, hi = (1.0, 5.0) if kind == "mean" else (0.0, 100.0)

    def x(v: float) -> float:
        return LABEL_W + BAR_W * (min(max(v, lo), hi) - lo) / (hi - lo)

    parts: list[str] = []
    y = TOP
    heading = None
    for row in rows:
        if row.heading != heading and row.label:
            heading = row.heading
            parts.append(_text(4, y + 15, row.heading, "head"))
            y += HEAD_H
        label = row.label or row.heading
        parts.append(_text(LABEL_W - 8, y + 17, _short(label), "label", "end"))
        if row.hidden or row.value is None:
            parts.append(_text(LABEL_W + 4, y + 17, row.hidden, "hidden"))
        else:
            decimals = 2 if kind == "mean" else 1
            value = number(row.value, lang, decimals) + ("" if kind == "mean" else "%")
            parts.append(
                f'<rect x="{LABEL_W}" y="{y + 5:.1f}" width="{x(row.value) - LABEL_W:.1f}" '
                f'height="{ROW_H - 10}" fill="#1f5f8b"/>'
            )
            if row.low is not None and row.high is not None:
                a, b, m = x(row.low), x(row.high), y + ROW_H / 2
                parts.append(
                    f'<path d="M{a:.1f},{m:.1f}H{b:.1f}M{a:.1f},{m - 5:.1f}V{m + 5:.1f}'
                    f'M{b:.1f},{m - 5:.1f}V{m + 5:.1f}" stroke="#000000" stroke-width="1.5" fill="none"/>'
                )
            parts.append(_text(LABEL_W + BAR_W + 8, y + 17, f"{value} (n = {row.base})", "value"))
        y += ROW_H
    axis = [
        f'<line x1="{LABEL_W}" y1="{TOP - 4}" x2="{LABEL_W}" y2="{y}" stroke="#555555"/>',
        _text(LABEL_W, TOP - 10, number(lo, lang, 0), "tick", "middle"),
        _text(
            LABEL_W + BAR_W,
            TOP - 10,
            number(hi, lang, 0) + ("" if kind == "mean" else "%"),
            "tick",
            "middle",
        ),
    ]
    height = y + 30
    foot = _text(4, y + 20, footer, "foot") if footer else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="chart-title chart-desc" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12" fill="#1a1a1a">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>'
        f"{''.join(axis)}{''.join(parts)}{foot}</svg>"
    )


def _short(label: str, limit: int = 46) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
