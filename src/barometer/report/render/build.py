"""Build the report (no I/O) and write it: ``DIR/index.html``, ``DIR/figures/*.svg``,
``DIR/tables/*.csv``, and optionally a tagged PDF.

``build_report`` computes every figure of the catalogue that is ready, charts it and returns
a :class:`Report`; the charts are drawn by a helper process while the next figures are
computed (:mod:`.charts_pool`). A figure that cannot be computed shows a message in its
place; the rest of the report still renders. ``write_report`` renders the HTML with Jinja2
(autoescape on: every label, name and answer from the data is escaped) and writes the files
atomically. ``write_pdf`` prints the same page with WeasyPrint, charts as images of lean
SVG copies and the data tables with their column widths set in advance
(:mod:`.render_pdf`, :mod:`.render_tables`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from threadpoolctl import threadpool_limits

from barometer import csvsafe
from barometer.dataset import Dataset
from barometer.disclosure.manifest import build_manifest
from barometer.disclosure.policy import DisclosurePolicy, describe_policy
from barometer.disclosure.quotes import Approvals
from barometer.errors import BarometerError
from barometer.report.catalogue import CATALOGUE, SECTIONS, FigureSpec
from barometer.report.charts.draw import Chart, PendingChart, make_chart
from barometer.report.charts.pool import chart_pool
from barometer.report.figures.benchmarks import attach_benchmarks
from barometer.report.figures.core import (
    Context,
    ExtraTable,
    FigureData,
    Image,
    make_context,
    make_weights,
)
from barometer.report.figures.registry import COMPUTE
from barometer.report.findings.chapter import Findings, build_findings
from barometer.report.output import write_tree
from barometer.report.render.colophon import Colophon, load_colophon
from barometer.report.render.members import report_members, size_labels
from barometer.report.render.page import render_html
from barometer.report.render.pdf import prefetch as prefetch_pdf
from barometer.report.render.pdf import write_html_pdf
from barometer.report.render.tables import fix_tables
from barometer.report.render.wave_context import absent, published_lines, trend_html
from barometer.report.render.weighting import Weighting, report_weighting
from barometer.report.tables import published_table
from barometer.report.text import LANGS, caveats, fmt_int, t
from barometer.stats.publication import build_publication
from barometer.stats.weights import WeightResult

if TYPE_CHECKING:
    from barometer.report.compare.trends import Trends

__all__ = [
    "Report",
    "ReportFigure",
    "Section",
    "Weighting",
    "build_report",
    "render_html",
    "write_pdf",
    "write_report",
]


@dataclass(frozen=True, eq=False)
class ReportFigure:
    """One figure as printed: its numbers, chart and the lines around it."""

    spec: FigureSpec
    data: FigureData
    chart: Chart | None
    number: str
    title: str
    base_line: str
    excluded_line: str
    source_line: str
    notes: tuple[str, ...]
    message: str | None
    chart_message: str | None = None

    @property
    def id(self) -> str:
        return self.spec.id

    def table(self) -> pd.DataFrame | None:
        """The data table as published (also written as ``tables/<id>.csv``)."""
        return published_table(self.data)

    def benchmark_table(self) -> pd.DataFrame | None:
        return published_table(self.data, benchmarks=True)

    def extra_tables(self) -> Iterator[ExtraTable]:
        """The tables of the figure's blocks (Tekstvak 2, Afbeelding 2), in print order."""
        for block in self.data.blocks:
            yield from block.tables

    @property
    def images(self) -> tuple[Image, ...]:
        return self.data.images


@dataclass(frozen=True, eq=False)
class Section:
    key: str
    title: str
    figures: tuple[ReportFigure, ...]
    notes: tuple[str, ...] = ()  # e.g. why a figure of the catalogue is absent


@dataclass(frozen=True, eq=False)
class Report:
    lang: str
    title: str
    study: str
    wave: str
    n: int
    n_innovators: int
    min_n: int
    sections: tuple[Section, ...]
    caveats: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    timings: Mapping[str, float] = field(default_factory=dict)
    weighting: Weighting | None = None
    findings: Findings | None = None
    disclosure: tuple[str, ...] = ()
    members: pd.DataFrame | None = None  # org_id, sector, cluster, size: for disclosure.json
    size_labels: Mapping[str, str] = field(default_factory=dict)
    colophon: Colophon = field(default_factory=lambda: load_colophon().dated())
    facts: tuple[str, ...] = ()  # published facts of the wave, notes (e.g. synthetic data)
    trends_html: str = ""  # the trend section since the previous wave (trends_write)

    @property
    def weighted(self) -> bool:
        return self.weighting is not None

    def figures(self) -> Iterator[ReportFigure]:
        for section in self.sections:
            yield from section.figures

    def figure(self, figure_id: str) -> ReportFigure:
        for fig in self.figures():
            if fig.id == figure_id:
                return fig
        raise KeyError(figure_id)


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if isinstance(exc, KeyError) else text


def _compute(ctx: Context, spec: FigureSpec) -> tuple[FigureData, str | None]:
    assert spec.compute is not None
    try:
        data = COMPUTE[spec.compute](ctx, spec)
        return attach_benchmarks(replace(data, wave=ctx.wave), ctx), None
    except Exception as exc:  # one broken figure must not break the report
        message = t(ctx.lang, "failed", reason=_reason(exc))
        return FigureData(spec, ctx.lang, message=message, wave=ctx.wave), message


def _lines(ctx: Context, data: FigureData, study: str) -> tuple[str, str, str]:
    lang, spec = ctx.lang, data.spec
    base_text = spec.base_in(lang)
    if data.base_n is not None and data.weighted and data.effective_n is not None:
        base = t(lang, "base_weighted", base=base_text, n=fmt_int(data.base_n, lang),
                 eff=fmt_int(round(data.effective_n), lang))  # fmt: skip
    elif data.base_n is not None:
        base = t(lang, "base", base=base_text, n=fmt_int(data.base_n, lang))
    elif data.base_range is not None:
        lo, hi = data.base_range
        base = t(lang, "base_range", base=base_text, lo=fmt_int(lo, lang), hi=fmt_int(hi, lang))
        if data.weighted and data.effective_n_range is not None:
            elo, ehi = data.effective_n_range
            base = t(lang, "base_range_weighted", base=base_text, lo=fmt_int(lo, lang),
                     hi=fmt_int(hi, lang), elo=fmt_int(round(elo), lang),
                     ehi=fmt_int(round(ehi), lang))  # fmt: skip
    else:
        base = ""
    parts = [t(lang, f"ex_{k}", n=fmt_int(v, lang)) for k, v in data.excluded.items() if v]
    key = "excluded_answers" if data.excluded_unit == "answers" else "excluded"
    excluded = t(lang, key, parts=", ".join(parts)) if parts else ""
    own = f"{study} {ctx.wave}".strip() + t(
        lang, "basis_weighted" if ctx.weighted and not data.spec.params.get("unweighted")
        else "basis_unweighted"
    )  # fmt: skip
    if spec.params.get("no_data"):  # an explanation: only what it cites is its source
        source = "; ".join(data.sources)
    elif data.sources:
        source = t(lang, "source_with", own=own, others="; ".join(data.sources))
    else:
        source = own
    return base, excluded, t(lang, "source", source=source)


def _figure(
    ctx: Context, spec: FigureSpec, study: str, timings: dict[str, float], problems: list[str]
) -> ReportFigure:
    """The figure with its chart. What went wrong is appended to ``problems``."""
    fig, pending = _start_figure(ctx, spec, study, timings, problems)
    return fig if pending is None else _finish(fig, pending, timings, problems)


def _start_figure(
    ctx: Context, spec: FigureSpec, study: str, timings: dict[str, float], problems: list[str]
) -> tuple[ReportFigure, PendingChart | None]:
    """The figure, and its chart if a helper process is still drawing it (``_finish`` adds
    it). What went wrong is appended to ``problems``."""
    lang = ctx.lang
    start = time.perf_counter()
    data, error = _compute(ctx, spec)
    if error:
        problems.append(f"{spec.number_label(lang)}: {error}")
    timings[f"{spec.id}:compute"] = time.perf_counter() - start
    number, title = spec.number_label(lang), spec.title_in(lang)
    chart: Chart | PendingChart | None = None
    chart_message = None
    if data.ok:
        start = time.perf_counter()
        try:
            chart = make_chart(data, f"{number}. {title}")
        except Exception as exc:  # the table still shows the numbers
            chart_message = t(lang, "chart_failed", reason=_reason(exc))
            problems.append(f"{number}: {chart_message}")
        timings[f"{spec.id}:chart"] = time.perf_counter() - start
    base, excluded, source = _lines(ctx, data, study)
    notes = list(data.notes)
    if (
        data.ok
        and data.table is not None
        and "pct" in data.table
        and data.table["pct"].isna().any()
    ):
        notes.append(t(lang, "suppressed_rows", min_n=ctx.min_n))
    fig = ReportFigure(spec, data, None, number, title, base, excluded, source, tuple(notes),
                       data.message, chart_message)  # fmt: skip
    if isinstance(chart, PendingChart):
        return fig, chart
    return _with_chart(fig, chart), None


def _with_chart(fig: ReportFigure, chart: Chart | None) -> ReportFigure:
    notes = list(fig.notes)
    if fig.spec.chart == "stacked_bar" and chart is not None:
        notes.append(t(fig.data.lang, "stacked_note"))
    if fig.data.ok and fig.data.weighted:
        notes.append(t(fig.data.lang, "weighted_note"))
    return replace(fig, chart=chart, notes=tuple(notes))


def _finish(
    fig: ReportFigure, pending: PendingChart, timings: dict[str, float], problems: list[str]
) -> ReportFigure:
    """``fig`` with the chart the helper process drew (or the message why it could not)."""
    try:
        chart = pending.result()
    except Exception as exc:  # the table still shows the numbers
        message = t(fig.data.lang, "chart_failed", reason=_reason(exc))
        problems.append(f"{fig.number}: {message}")
        return _with_chart(replace(fig, chart_message=message), None)
    finally:
        timings[f"{fig.id}:svg"] = pending.seconds
    return _with_chart(fig, chart)


def build_report(
    dataset: Dataset,
    *,
    frame: pd.DataFrame | None = None,
    lang: str = "nl",
    min_n: int = 5,
    weighted: bool | None = None,
    min_cell: int = 5,
    policy: DisclosurePolicy | None = None,
    approvals: Approvals | None = None,
    colophon: Colophon | None = None,
    trends: Trends | None = None,
    notes: tuple[str, ...] = (),
) -> Report:
    """Compute, chart and assemble the report. No I/O.

    Parameters
    ----------
    dataset : Dataset
        The responses with their codebook and questionnaire.
    frame : pandas.DataFrame, optional
        The sampling frame (one row per invited organisation, with a ``sector`` column and,
        for weighting by size, ``size_class`` and ``org_id``; ``name`` and ``contact_name``
        are scrubbed from open answers). Without it Tabel 1 shows completed questionnaires
        only and the report is unweighted.
    lang : {"nl", "en"}, default "nl"
    min_n : int, default 5
        No published number rests on fewer organisations (DESIGN.md section 8).
    weighted : bool, optional
        Weight the descriptive figures by post-stratification to the frame (sector × size
        class, cells under ``min_cell`` collapsed). Default (None): weighted when a frame
        is given, since the frame is what the estimates describe; if the weights cannot be
        made from it, the report is unweighted and says why. ``True`` without a frame is an
        error; ``False`` gives the unweighted numbers (as the 2021 report printed). Every
        weighted figure shows the unweighted n and Kish's effective n side by side; the
        regressions of Tekstvak 2 are never weighted.
    min_cell : int, default 5
        Weighting cells with fewer responses are collapsed.
    policy : DisclosurePolicy, optional
        The confidentiality rules (default: ``DisclosurePolicy(min_n=min_n)``); its
        ``min_n`` replaces ``min_n`` and it is stated in the methods section.
    approvals : Approvals, optional
        The quotes a person approved; without it nothing is quoted.
    colophon : Colophon, optional
        Publisher, version, contact and licence for the cover and colophon (default: the
        shipped ``data/publication.yaml``); dated today unless it has a date.
    trends : Trends, optional
        The trends since the previous wave (:func:`barometer.report.compare.trends.compare_trends`):
        printed as the report's trend section.
    notes : tuple of str
        Printed at the top with the wave's published facts (e.g. that the data are synthetic).

    Returns
    -------
    Report
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if weighted and frame is None:
        raise ValueError("weighted=True needs the sampling frame (frame=...)")
    if policy is None:
        policy = DisclosurePolicy(min_n=min_n, cell_min=max(5, min_n), group_min=max(10, min_n),
                                  term_min=max(5, min_n))  # fmt: skip
    with chart_pool():  # the charts are drawn in a helper process meanwhile
        report = _build(dataset, frame, lang, policy, weighted, min_cell, approvals or Approvals())
    facts = published_lines(report.wave, report.n, report.n_innovators, lang)
    return replace(report, colophon=(colophon or load_colophon()).dated(),
                   facts=(*facts, *notes), trends_html=trend_html(trends))  # fmt: skip


def _build(
    dataset: Dataset,
    frame: pd.DataFrame | None,
    lang: str,
    policy: DisclosurePolicy,
    weighted: bool | None,
    min_cell: int,
    approvals: Approvals,
) -> Report:
    min_n = policy.min_n
    start = time.perf_counter()
    warnings: list[str] = []
    weights: WeightResult | None = None
    weight_notes: tuple[str, ...] = ()
    if frame is not None and weighted is not False:
        try:
            publication = build_publication(
                dataset.data, frame, min_n=max(min_n, policy.cell_min)
            )  # the same as ctx.publication
            weights, weight_notes = make_weights(
                dataset.data, frame, min_cell=min_cell, publication=publication
            )
        except BarometerError as exc:
            if weighted:
                raise
            warnings.append(t(lang, "weighting_failed", reason=str(exc)))
    ctx = make_context(dataset, lang=lang, min_n=min_n, frame=frame, weights=weights,
                       term_min=policy.term_min, approved_quotes=approvals.approved,
                       cell_min=policy.cell_min)  # fmt: skip
    study = dataset.questionnaire.title or "Innovatie Barometer Overheid"
    timings: dict[str, float] = {"weights": time.perf_counter() - start}
    started: list[tuple[str, list[tuple[ReportFigure, PendingChart | None, list[str]]]]] = []
    absent_notes: dict[str, list[str]] = {}
    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: threads only cost
        for key in SECTIONS:
            ready = [s for s in CATALOGUE if s.section == key and s.ready]
            specs, absent_notes[key] = absent(ready, dataset.questionnaire, lang)
            if specs:
                figs = []
                for spec in specs:
                    own: list[str] = []
                    figs.append((*_start_figure(ctx, spec, study, timings, own), own))
                started.append((key, figs))
        start = time.perf_counter()
        computed = {f.id: f.data for _, figs in started for f, _, _ in figs}
        findings = build_findings(computed, ctx)
        timings["findings"] = time.perf_counter() - start
    start = time.perf_counter()
    prefetch_pdf()  # while the helper finishes the charts
    problems: list[str] = []
    sections = []
    for key, figs in started:
        done = []
        for fig, pending, own in figs:
            done.append(fig if pending is None else _finish(fig, pending, timings, own))
            problems.extend(own)
        sections.append(Section(key, SECTIONS[key][lang], tuple(done), tuple(absent_notes[key])))
    timings["charts_wait"] = time.perf_counter() - start
    if "," in ctx.wave:
        warnings.append(t(lang, "wave_mixed", waves=ctx.wave))
    weighting = (
        report_weighting(ctx, weights, weight_notes, min_cell) if weights is not None else None
    )
    return Report(
        lang=lang, title=t(lang, "report_title", study=study, wave=ctx.wave).strip(), study=study,
        wave=ctx.wave, n=len(ctx.data), n_innovators=int(ctx.population("innovators").sum()),
        min_n=min_n, sections=tuple(sections), caveats=caveats(lang, weighted=weights is not None),
        warnings=tuple(warnings), problems=tuple(problems), timings=timings, weighting=weighting,
        findings=findings, disclosure=describe_policy(policy, lang),
        members=report_members(ctx), size_labels=size_labels(ctx),
    )  # fmt: skip


def _csv(table: pd.DataFrame) -> str:
    text = csvsafe.to_csv(table)  # formulas neutralised (barometer.csvsafe)
    assert text is not None
    return text


def report_files(report: Report) -> dict[str, str]:
    """Relative path -> content of every file ``write_report`` writes."""
    files = {"index.html": render_html(report)}
    for fig in report.figures():
        if fig.chart is not None:
            files[f"figures/{fig.id}.svg"] = fig.chart.svg
        table = fig.table()
        if table is not None:
            files[f"tables/{fig.id}.csv"] = _csv(table)
        bench = fig.benchmark_table()
        if bench is not None:
            files[f"tables/{fig.id}__benchmarks.csv"] = _csv(bench)
        for extra in fig.extra_tables():
            files[f"tables/{fig.id}__{extra.key}.csv"] = _csv(extra.frame())
        for img in fig.images:
            files[f"figures/{fig.id}__{img.key}.svg"] = img.svg
    if report.weighting is not None:
        files["tables/weighting_cells.csv"] = _csv(report.weighting.cells.frame())
    if report.members is not None:
        tables = {k: v for k, v in files.items() if k.endswith(".csv")}
        files["disclosure.json"] = build_manifest(tables, report.members, report.size_labels)
    return files


OUTPUTS = ("figures", "tables", "index.html", "disclosure.json")
"""What ``write_report`` owns inside ``out_dir``; nothing else there is touched."""


def write_report(report: Report, out_dir: str | Path) -> Path:
    """Write the report into ``out_dir`` and return the path of ``index.html``.

    Everything is rendered in memory, then written into a temporary folder inside
    ``out_dir``; only then are ``figures/``, ``tables/`` and ``index.html`` moved into
    place, and put back as they were if a move fails. A failure leaves the previous report
    (or nothing) and no temporary files. Other files in ``out_dir`` are left alone.
    """
    out = write_tree(report_files(report), out_dir, OUTPUTS, prefix=".report-",
                     empty={"disclosure.json": "{}"})  # a report without members  # fmt: skip
    return out / "index.html"


def write_pdf(report: Report, path: str | Path) -> Path:
    """Write the report as a tagged PDF (PDF/UA-1) with WeasyPrint; return its path.

    The page is :func:`render_html` with ``pdf=True``; tables too wide for A4 are printed
    compact or in parts (:func:`.render_tables.fix_tables`), so that no column runs off the
    paper."""
    html = fix_tables(render_html(report, pdf=True), report.lang)
    return write_html_pdf(html, Path(path))
