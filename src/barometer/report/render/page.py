"""The report page: ``index.html`` for the screen, and the page WeasyPrint prints.

The two differ where a web page and a paper publication differ:

- on the screen each figure's data tables sit behind a ``<details>`` disclosure next to its
  chart, with links to the CSV files; in the PDF they are gathered in a data annex at the
  end (with the table of weighting cells in an annex of its own), and each figure says on
  which page its table is;
- the PDF starts with a cover and the colophon, and its contents list gives page numbers
  (``static/publication.css``: running headers, page numbers, ``target-counter``);
- each chart and word cloud of the PDF is an ``<img>`` of a lean SVG copy
  (:mod:`.render_pdf`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

from barometer.report.figures.core import Image
from barometer.report.render.pdf import print_image
from barometer.report.render.templating import css as _css
from barometer.report.render.templating import env as _env
from barometer.report.tables import render_rows
from barometer.report.text import fmt_int, fmt_pct, t

if TYPE_CHECKING:
    from barometer.report.render.build import Report, ReportFigure

__all__ = ["localize", "publication_css", "render_html"]

_DECIMAL = re.compile(r"-?\d+\.\d+")


def localize(cell: str, lang: str) -> str:
    """An :class:`ExtraTable` cell for the HTML page: "–" when empty, a decimal comma in
    Dutch (the CSV keeps the point)."""
    if cell == "":
        return "–"
    if lang == "nl" and _DECIMAL.fullmatch(cell):
        return cell.replace(".", ",")
    return cell


@cache
def publication_css() -> str:
    """The stylesheet of the report page only (cover, colophon, disclosures, print pages)."""
    return (resources.files("barometer.report") / "static" / "publication.css").read_text("utf-8")


def _csv_files(fig: ReportFigure, has_table: bool, has_benchmarks: bool) -> list[str]:
    out = [f"tables/{fig.id}.csv"] if has_table else []
    return out + ([f"tables/{fig.id}__benchmarks.csv"] if has_benchmarks else [])


def render_html(report: Report, *, pdf: bool = False) -> str:
    """The report as one self-contained HTML page (charts inline, CSS inline).

    With ``pdf=True``, the page WeasyPrint prints (module docstring).
    """
    template = _env().get_template("report.html.j2")
    lang = report.lang

    def svg(fig: ReportFigure) -> Markup | str:
        if fig.chart is None:
            return ""
        if pdf:
            return print_image(fig.chart.svg, f"{fig.number}. {fig.title}", fig.chart.alt)
        return Markup(fig.chart.svg)

    def image(img: Image) -> Markup:
        return print_image(img.svg, img.caption, img.alt) if pdf else Markup(img.svg)

    fig_rows = {f.id: (render_rows(f.data), render_rows(f.data, benchmarks=True))
                for f in report.figures()}  # fmt: skip
    csv_files = {
        f.id: _csv_files(f, bool(fig_rows[f.id][0][1]), bool(fig_rows[f.id][1][1]))
        for f in report.figures()
    }
    annex_figures = [
        f
        for f in report.figures()
        if not f.message
        and not f.spec.params.get("inline_tables")  # an annex of its own prints them in place
        and not f.spec.params.get("table_in")  # its numbers are printed in another annex
        and (fig_rows[f.id][0][1] or fig_rows[f.id][1][1] or any(b.tables for b in f.data.blocks))
    ]
    colophon = report.colophon
    return template.render(
        report=report, pdf=pdf, t=lambda key, **kw: t(lang, key, **kw), fmt_int=fmt_int,
        css=Markup(_css()), publication_css=Markup(publication_css()), svg=svg, image=image,
        localize=lambda c: localize(c, lang), num=lambda x, d=1: fmt_pct(x, lang, d),
        figure_names={f.id: f.number for f in report.figures()}, fig_rows=fig_rows,
        csv_files=csv_files, annex_figures=annex_figures, colophon=colophon,
        colophon_lines=colophon.lines(lang),
        trends=Markup(report.trends_html),  # built by trends_write, every label escaped there
    )  # fmt: skip
