"""Build the report (no I/O) and write it: ``DIR/index.html``, ``DIR/figures/*.svg``,
``DIR/tables/*.csv``, and optionally a tagged PDF.

``build_report`` computes every figure of the catalogue that is ready, charts it and returns
a :class:`Report`. A figure that cannot be computed shows a message in its place; the rest
of the report still renders. ``write_report`` renders the HTML with Jinja2 (autoescape on:
every label, name and answer from the data is escaped) and writes the files atomically.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from barometer.dataset import Dataset
from barometer.report import sample as _sample  # noqa: F401  (registers Tabel 1 and 2)
from barometer.report.benchmarks import attach_benchmarks
from barometer.report.catalogue import CATALOGUE, SECTIONS, FigureSpec
from barometer.report.charts import Chart, make_chart
from barometer.report.figures import COMPUTE, Context, FigureData, make_context
from barometer.report.tables import published_table, render_rows
from barometer.report.text import CAVEATS, LANGS, fmt_int, t

__all__ = [
    "Report",
    "ReportFigure",
    "Section",
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


@dataclass(frozen=True, eq=False)
class Section:
    key: str
    title: str
    figures: tuple[ReportFigure, ...]


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
    if data.base_n is not None:
        base = t(lang, "base", base=spec.base_in(lang), n=fmt_int(data.base_n, lang))
    elif data.base_range is not None:
        lo, hi = data.base_range
        base = t(
            lang, "base_range", base=spec.base_in(lang), lo=fmt_int(lo, lang), hi=fmt_int(hi, lang)
        )
    else:
        base = ""
    parts = [t(lang, f"ex_{k}", n=fmt_int(v, lang)) for k, v in data.excluded.items() if v]
    key = "excluded_answers" if data.excluded_unit == "answers" else "excluded"
    excluded = t(lang, key, parts=", ".join(parts)) if parts else ""
    own = f"{study} {ctx.wave}".strip()
    source = (
        own if not data.sources else t(lang, "source_with", own=own, others="; ".join(data.sources))
    )
    return base, excluded, t(lang, "source", source=source)


def _figure(
    ctx: Context, spec: FigureSpec, study: str, timings: dict[str, float], problems: list[str]
) -> ReportFigure:
    lang = ctx.lang
    start = time.perf_counter()
    data, error = _compute(ctx, spec)
    if error:
        problems.append(f"{spec.number_label(lang)}: {error}")
    timings[f"{spec.id}:compute"] = time.perf_counter() - start
    number, title = spec.number_label(lang), spec.title_in(lang)
    chart, chart_message = None, None
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
    if spec.chart == "stacked_bar" and chart is not None:
        notes.append(t(lang, "stacked_note"))
    return ReportFigure(spec, data, chart, number, title, base, excluded, source, tuple(notes),
                        data.message, chart_message)  # fmt: skip


def build_report(
    dataset: Dataset, *, frame: pd.DataFrame | None = None, lang: str = "nl", min_n: int = 5
) -> Report:
    """Compute, chart and assemble the report. No I/O.

    Parameters
    ----------
    dataset : Dataset
        The responses with their codebook and questionnaire.
    frame : pandas.DataFrame, optional
        The sampling frame (one row per invited organisation, with a ``sector`` column);
        without it Tabel 1 shows completed questionnaires only.
    lang : {"nl", "en"}, default "nl"
    min_n : int, default 5
        No published number rests on fewer organisations (DESIGN.md section 8).

    Returns
    -------
    Report
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    ctx = make_context(dataset, lang=lang, min_n=min_n, frame=frame)
    study = dataset.questionnaire.title or "Innovatie Barometer Overheid"
    timings: dict[str, float] = {}
    problems: list[str] = []
    sections = []
    for key, titles in SECTIONS.items():
        specs = [s for s in CATALOGUE if s.section == key and s.ready]
        if specs:
            figs = tuple(_figure(ctx, s, study, timings, problems) for s in specs)
            sections.append(Section(key, titles[lang], figs))
    warnings = (t(lang, "wave_mixed", waves=ctx.wave),) if "," in ctx.wave else ()
    return Report(
        lang=lang, title=t(lang, "report_title", study=study, wave=ctx.wave).strip(), study=study,
        wave=ctx.wave, n=len(ctx.data), n_innovators=int(ctx.population("innovators").sum()),
        min_n=min_n, sections=tuple(sections), caveats=CAVEATS[lang], warnings=warnings,
        problems=tuple(problems), timings=timings,
    )  # fmt: skip


_ENV: Environment | None = None


def _env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(
            loader=PackageLoader("barometer.report", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _ENV


def _css() -> str:
    return (resources.files("barometer.report") / "static" / "report.css").read_text("utf-8")


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (charts inline, CSS inline)."""
    template = _env().get_template("report.html.j2")
    return template.render(
        report=report, t=lambda key, **kw: t(report.lang, key, **kw), fmt_int=fmt_int,
        css=Markup(_css()), svg=lambda fig: Markup(fig.chart.svg) if fig.chart else "",
        rows=render_rows,
    )  # fmt: skip


def _csv(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n")


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
    return files


OUTPUTS = ("figures", "tables", "index.html")
"""What ``write_report`` owns inside ``out_dir``; nothing else there is touched."""


def _swap(new: Path, out: Path) -> None:
    """Move the outputs in ``new`` into ``out``; on failure put the old ones back."""
    old = new / ".old"
    old.mkdir()
    placed: list[str] = []
    try:
        for name in OUTPUTS:
            if (out / name).exists():
                os.replace(out / name, old / name)
            os.replace(new / name, out / name)
            placed.append(name)
    except BaseException:
        for name in placed:  # remove what was put in place
            shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink()
        for name in OUTPUTS:  # and restore what was there
            if (old / name).exists():
                os.replace(old / name, out / name)
        raise


def write_report(report: Report, out_dir: str | Path) -> Path:
    """Write the report into ``out_dir`` and return the path of ``index.html``.

    Everything is rendered in memory, then written into a temporary folder inside
    ``out_dir``; only then are ``figures/``, ``tables/`` and ``index.html`` moved into
    place, and put back as they were if a move fails. A failure leaves the previous report
    (or nothing) and no temporary files. Other files in ``out_dir`` are left alone.
    """
    files = report_files(report)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".report-", dir=out))
    try:
        for name in ("figures", "tables"):
            (tmp / name).mkdir()
        for rel, content in files.items():
            (tmp / rel).write_text(content, encoding="utf-8")
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / "index.html"


def write_pdf(report: Report, path: str | Path) -> Path:
    """Write the report as a tagged PDF (PDF/UA-1) with WeasyPrint; return its path."""
    from weasyprint import HTML

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    html = render_html(report)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        HTML(string=html, base_url=str(target.parent)).write_pdf(tmp, pdf_variant="pdf/ua-1")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
