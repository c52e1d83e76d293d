"""Write a trend report: ``DIR/index.html`` and ``DIR/tables/trends.csv``.

``trend_section(trends)`` is the HTML of the trends themselves (also placed in a wave's
own report, see :func:`barometer.pipeline.run_report`); ``render_trends`` wraps it in a
self-contained page. Every label is escaped; writing is atomic (a temporary folder inside
``DIR``, then moved into place).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from pathlib import Path

import pandas as pd

from barometer import csvsafe
from barometer.report.compare.trends import TrendRow, Trends, WaveSide
from barometer.report.output import atomic_write
from barometer.report.render.templating import css as _css
from barometer.report.text import fmt_int, fmt_p, fmt_pct
from barometer.report.wording import Wording, section

__all__ = ["render_trends", "trend_section", "trends_table", "write_trends"]

TEXT = section("trends")


_t = Wording("trends")


def _pct(x: float, lang: str) -> str:
    return fmt_pct(100 * x, lang)


def _share(r: object, lang: str) -> str:
    est, lo, hi, n = (getattr(r, k) for k in ("estimate", "ci_low", "ci_high", "n"))
    return f"{_pct(est, lang)}% ({_pct(lo, lang)}–{_pct(hi, lang)}), n = {fmt_int(n, lang)}"


def _signed(x: float, lang: str) -> str:
    if math.isnan(x):
        return "–"
    pp = round(100 * x, 1) + 0.0  # + 0.0: no "-0,0" for a change that rounds to nothing
    return ("+" if pp > 0 else "") + fmt_pct(pp, lang)


def _row(r: TrendRow, lang: str, alpha: float) -> str:
    c, p = r.change, r.paired
    change = "–"
    if c is not None:
        change = f"{_signed(c.difference, lang)} ({_signed(c.ci_low, lang)} – {_signed(c.ci_high, lang)})"
    sig = c is not None and c.pvalue < alpha
    panel = "–" if p is None else f"{fmt_int(p.n_pairs, lang)}, {_signed(p.difference, lang)}"
    note = _t(lang, "wording", note=r.note) if r.status == "changed" else (r.problem or "")
    cells = [
        escape(r.indicator.label(lang)),
        escape(_share(r.earlier, lang)),
        escape(_share(r.later, lang)),
        escape(change),
        escape(fmt_p(c.pvalue, lang) if c else "–") + (" *" if sig else ""),
        escape(panel),
        escape(fmt_p(p.pvalue, lang) if p else "–"),
        escape(note),
    ]
    cls = ' class="significant"' if sig else ""
    label, values = cells[0], cells[1:]
    tds = "".join(f"<td>{x}</td>" for x in values)
    return f'<tr{cls}><th scope="row">{label}</th>{tds}</tr>'


def _published(side: WaveSide, lang: str) -> list[str]:
    out = []
    if side.published is not None:
        pub = side.published
        out.append(_t(lang, "published", label=side.label, n=fmt_int(pub.completed, lang),
                      pct=pub.innovated_pct, src=pub.source_text()))  # fmt: skip
    return out


def trend_section(
    trends: Trends, *, notes: tuple[str, ...] = (), heading: str | None = "h2"
) -> str:
    """The trends as an HTML section (table, method, what is not compared).

    ``heading`` is the section title's element, or ``None`` for no title (a page whose own
    ``h1`` already says it).
    """
    lang = trends.lang
    a, b = trends.earlier, trends.later
    paras = [_t(lang, "intro"), _t(lang, "weighted" if b.weighted else "unweighted"),
             _t(lang, "mcnemar"), _t(lang, "panel", n=fmt_int(trends.panel_n, lang))]  # fmt: skip
    if trends.linked:
        paras.append(_t(lang, "linked", n=fmt_int(trends.linked, lang), b=b.label))
    for side in (a, b):
        paras += _published(side, lang)
    paras += list(notes)
    head = [_t(lang, "indicator"), a.label, b.label, _t(lang, "change"), _t(lang, "p_cross"),
            _t(lang, "panel_col"), _t(lang, "p_panel"), _t(lang, "note")]  # fmt: skip
    rows = "\n".join(_row(r, lang, trends.alpha) for r in trends.rows)
    skipped = []
    if trends.new_items:
        skipped.append(_t(lang, "new", b=b.label, items=", ".join(trends.new_items)))
    if trends.retired_items:
        skipped.append(_t(lang, "retired", b=b.label, items=", ".join(trends.retired_items)))
    if trends.suppressed:
        skipped.append(_t(lang, "suppressed", n=trends.min_n, items=", ".join(trends.suppressed)))
    title = escape(_t(lang, "title", a=a.label, b=b.label))
    return (
        '<section class="trends" id="trends">'
        + (f"<{heading}>{title}</{heading}>\n" if heading else "\n")
        + "".join(f"<p>{escape(p)}</p>\n" for p in paras)
        + '<table class="data trends"><thead><tr>'
        + "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        + f"</tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n"
        + f"<p>* {escape(_t(lang, 'significant'))}</p>\n"
        + f"<h3>{escape(_t(lang, 'not_compared'))}</h3>\n"
        + "".join(f"<p>{escape(s)}</p>\n" for s in skipped)
        + "</section>\n"
    )


def render_trends(pairs: Sequence[Trends], *, notes: tuple[str, ...] = ()) -> str:
    """The trend report (one section per pair of consecutive waves) as one HTML page."""
    first, last = pairs[0], pairs[-1]
    title = escape(_t(first.lang, "title", a=first.earlier.label, b=last.later.label))
    heading = "h2" if len(pairs) > 1 else None  # one pair: the page's h1 is its title
    sections = "".join(trend_section(tr, notes=notes, heading=heading) for tr in pairs)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(first.lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_css()}</style></head><body><main>\n"
        f"<h1>{title}</h1>\n{sections}</main></body></html>\n"
    )


def trends_table(pairs: Sequence[Trends]) -> pd.DataFrame:
    """Every pair's table, with the two waves in the first columns (long: one row per
    indicator and pair; the wave columns are named p_earlier, p_later ...)."""
    frames = []
    for tr in pairs:
        t = tr.table()
        a, b = tr.earlier.label, tr.later.label
        names = {c: c.replace(f"_{a}", "_earlier").replace(f"_{b}", "_later") for c in t.columns}
        t = t.rename(columns=names)
        t.insert(0, "later", b)
        t.insert(0, "earlier", a)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def write_trends(
    pairs: Trends | Sequence[Trends], out_dir: str | Path, *, notes: tuple[str, ...] = ()
) -> Path:
    """Write ``index.html`` and ``tables/trends.csv`` into ``out_dir``; return ``index.html``.

    Rendered in memory first; each file is then written atomically (the CSV before the page
    that links it), so a reader never sees a half-written file. Other files in ``out_dir``
    (a report's own ``tables/``) are left alone.
    """
    pairs = [pairs] if isinstance(pairs, Trends) else list(pairs)
    html = render_trends(pairs, notes=notes)
    csv = csvsafe.to_csv(trends_table(pairs))
    assert csv is not None
    out = Path(out_dir)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    atomic_write(out / "tables" / "trends.csv", csv)
    atomic_write(out / "index.html", html)
    return out / "index.html"
