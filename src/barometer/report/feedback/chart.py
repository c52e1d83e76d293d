"""The feedback report's one chart: the comparison groups' quartile boxes with the
organisation's own climate score marked.

Written as plain SVG rather than as a Vega-Lite spec: the chart is five numbers per row,
and writing 200 reports should not spend 50 ms per chart in vl-convert. Like the main
report's charts it uses the Okabe-Ito colours and carries ``role="img"``, a ``<title>`` and
a ``<desc>`` (the alt text); the same numbers are in the table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from barometer.report.charts.layout import ink, wrap
from barometer.report.feedback.compute import ScoreSummary
from barometer.report.feedback.text import ft
from barometer.report.text import fmt_pct
from barometer.stats.groups import CUTS_2021

__all__ = ["SCALE_COLOURS", "scale_bar", "score_chart"]

BOX = "#56B4E9"
INK = "#1a1a1a"
OWN = "#D55E00"
GRID = "#c8c8c8"
LEFT, RIGHT, ROW, TOP = 190, 20, 34, 28
WIDTH = 560
LOW, HIGH = 1.0, 5.0
CUTS = CUTS_2021


def _x(value: float) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (min(max(value, LOW), HIGH) - LOW) / (HIGH - LOW) * span


def _num(value: float, lang: str) -> str:
    return fmt_pct(value, lang, 2)


def _describe(own: float | None, rows: Sequence[tuple[str, ScoreSummary]], lang: str) -> str:
    parts = [ft(lang, "chart_desc_own", score=_num(own, lang))] if own is not None else []
    for label, s in rows:
        parts.append(
            ft(
                lang,
                "chart_desc_box",
                group=label,
                q1=_num(s.q1, lang),
                median=_num(s.median, lang),
                q3=_num(s.q3, lang),
                mean=_num(s.mean, lang),
                n=s.n,
            )
        )
    if not rows:
        parts.append(ft(lang, "chart_desc_none"))
    return " ".join(parts)


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{INK}">{escape(text)}</text>'
    )


def score_chart(
    own: float | None, rows: Sequence[tuple[str, ScoreSummary]], lang: str, ident: str = "score"
) -> tuple[str, str]:
    """The chart as accessible SVG and its alt text.

    Parameters
    ----------
    own : float or None
        The organisation's climate score (a vertical line), or None.
    rows : sequence of (label, ScoreSummary)
        One box per comparison group (first quartile to third, median line, mean diamond).
    lang : {"nl", "en"}
    ident : str
        Prefix of the ids of the ``<title>`` and ``<desc>`` elements.
    """
    wrapped = [wrap(label, LEFT - 14, 12) for label, _ in rows]  # wrapped, never cut
    row_h = max(ROW, *(14 * len(lines) + 8 for lines in wrapped)) if rows else ROW
    height = TOP + row_h * max(len(rows), 1) + 24
    bottom = TOP + row_h * max(len(rows), 1)
    desc = _describe(own, rows, lang)
    title = ft(lang, "chart_title")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" focusable="false" '
        f"aria-labelledby={quoteattr(f'{ident}-title {ident}-desc')} "
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif">',
        f"<title id={quoteattr(ident + '-title')}>{escape(title)}</title>",
        f"<desc id={quoteattr(ident + '-desc')}>{escape(desc)}</desc>",
    ]
    for tick in (1, 2, 3, 4, 5):
        x = _x(tick)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
        )
        out.append(_text(x, bottom + 16, str(tick), "middle", 11))
    for cut in CUTS:
        x = _x(cut)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{INK}" '
            'stroke-dasharray="2 3"/>'
        )
    for i, ((_, s), lines) in enumerate(zip(rows, wrapped, strict=True)):
        y = TOP + i * row_h
        x1, x3, xm = _x(s.q1), _x(s.q3), _x(s.median)
        first = y + row_h / 2 + 4 - 7 * (len(lines) - 1)
        for k, line in enumerate(lines):
            out.append(_text(LEFT - 8, first + 14 * k, line, "end"))
        top = y + (row_h - 22) / 2
        out.append(
            f'<rect x="{x1:.1f}" y="{top:.1f}" width="{max(x3 - x1, 1):.1f}" height="22" '
            f'fill="{BOX}" stroke="{INK}"/>'
        )
        out.append(f'<line x1="{xm:.1f}" y1="{top:.1f}" x2="{xm:.1f}" y2="{top + 22:.1f}" '
                   f'stroke="{INK}" stroke-width="3"/>')  # fmt: skip
        cx, cy = _x(s.mean), top + 11
        out.append(f'<path d="M{cx:.1f} {cy - 5:.1f} L{cx + 5:.1f} {cy:.1f} L{cx:.1f} '
                   f'{cy + 5:.1f} L{cx - 5:.1f} {cy:.1f} Z" fill="#ffffff" stroke="{INK}"/>')  # fmt: skip
    if own is not None:
        x = _x(own)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{bottom + 2}" '
                   f'stroke="{OWN}" stroke-width="3"/>')  # fmt: skip
        label = f"{ft(lang, 'chart_own')}: {_num(own, lang)}"
        anchor = "end" if x > WIDTH - 120 else "start"
        out.append(_text(x + (-4 if anchor == "end" else 4), TOP - 12, label, anchor, 12))
    # the legend is the figure's caption (HTML text, which wraps)
    out.append("</svg>")
    return "".join(out), desc


# --------------------------------------------------------------------------- own answer on the scale

SCALE_COLOURS = {
    1: "#d6604d",
    2: "#f4a582",
    3: "#e0e0e0",
    4: "#92c5de",
    5: "#4393c3",
    -8: "#ffffff",
}
"""Fill per answer code: a diverging scale (red: disagree / hindering, blue: agree /
promoting), light enough for black text at 4.5:1 or more; "don't know" white."""
BAR_W, BAR_H, BAR_TOP = 360, 22, 12
MIN_LABEL = 26.0
"""Narrowest segment (px) that carries its percentage."""


def scale_bar(
    shares: Sequence[tuple[int, str, float]], own: int | None, desc: str, ident: str
) -> str:
    """One statement's answer distribution as a 100% stacked bar with the own answer marked.

    Parameters
    ----------
    shares : sequence of (code, label, percentage)
        In scale order; the percentages add up to 100.
    own : int or None
        The organisation's answer code: its segment is outlined and has a triangle above.
    desc : str
        The alt text (the distribution in words and the own answer).
    ident : str
        Prefix of the ids of ``<title>`` and ``<desc>``.
    """
    height = BAR_TOP + BAR_H + 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_W}" height="{height}" '
        f'viewBox="0 0 {BAR_W} {height}" role="img" focusable="false" '
        f"aria-labelledby={quoteattr(f'{ident}-title')} "
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif">',
        f"<title id={quoteattr(ident + '-title')}>{escape(desc)}</title>",
    ]
    x = 1.0
    span = BAR_W - 2
    mark: tuple[float, float] | None = None
    for code, _label, pct in shares:
        w = span * pct / 100.0
        fill = SCALE_COLOURS.get(code, "#ffffff")
        out.append(
            f'<rect x="{x:.1f}" y="{BAR_TOP}" width="{w:.1f}" height="{BAR_H}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        if w >= MIN_LABEL:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{BAR_TOP + 15}" font-size="11" '
                f'text-anchor="middle" fill="{ink(fill)}">{round(pct)}%</text>'
            )
        if code == own:
            mark = (x, w)
        x += w
    if mark is not None:
        mx, mw = mark
        out.append(
            f'<rect x="{mx:.1f}" y="{BAR_TOP}" width="{max(mw, 2):.1f}" height="{BAR_H}" '
            f'fill="none" stroke="{INK}" stroke-width="3"/>'
        )
        cx = min(max(mx + mw / 2, 7.0), BAR_W - 7.0)  # the whole triangle stays visible
        out.append(
            f'<path d="M{cx - 6:.1f} 1 L{cx + 6:.1f} 1 L{cx:.1f} {BAR_TOP - 1} Z" fill="{INK}"/>'
        )
    out.append("</svg>")
    return "".join(out)
