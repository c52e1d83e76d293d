"""Per-organisation feedback reports: the organisation's own answers next to its sector's
and all other organisations' figures, without showing any other organisation.

``build_feedback(dataset, org_id, ...) -> FeedbackReport`` computes (no I/O);
``write_feedback(report, out_dir)`` writes ``<out_dir>/<org_id>.html``;
``write_feedback_pdf(report, out_dir)`` writes ``<out_dir>/<org_id>.pdf`` (tagged, PDF/UA-1);
``write_all_feedback(dataset, out_dir, ...)`` writes one report per organisation that asked
for one (the study's ``feedback_report`` item = yes) and ``index.csv`` (org_id, file), never an HTML index.

The disclosure rules are in :mod:`barometer.report.feedback.compute`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from barometer import csvsafe, study
from barometer.classification import classification
from barometer.dataset import Dataset
from barometer.errors import BarometerError
from barometer.report.feedback.chart import SCALE_COLOURS
from barometer.report.feedback.compute import (
    Cell,
    FeedbackContext,
    Group,
    ScoreSummary,
    comparison_group,
    feedback_context,
)
from barometer.report.feedback.sections import Block, Row, build_sections
from barometer.report.feedback.standing import Standing, build_standing
from barometer.report.feedback.text import ft
from barometer.report.output import atomic_write
from barometer.report.render.pdf import write_html_pdf
from barometer.report.render.templating import css as _css
from barometer.report.render.templating import env as _env
from barometer.report.text import LANGS, fmt_int, fmt_pct

__all__ = [
    "Block",
    "Cell",
    "FeedbackBatch",
    "FeedbackContext",
    "FeedbackError",
    "FeedbackReport",
    "Row",
    "ScoreSummary",
    "Standing",
    "build_feedback",
    "feedback_context",
    "render_feedback",
    "requested_org_ids",
    "write_all_feedback",
    "write_feedback",
    "write_feedback_pdf",
]

_REQUEST = study.default().concept("feedback_report")
REQUEST_ITEM = _REQUEST.item


class FeedbackError(BarometerError, ValueError):
    """A feedback report cannot be made as asked (unknown organisation, bad language)."""


@dataclass(frozen=True, eq=False)
class FeedbackReport:
    """One organisation's feedback report, ready to render."""

    org_id: str
    org_name: str | None
    lang: str
    min_n: int
    group_min: int
    title: str
    study: str
    wave: str
    sector: str
    sector_label: str
    group_kind: str
    """``sector``, ``remainder``, ``all`` or ``none`` (see :class:`Group`)."""
    group_label: str | None
    group_n: int
    others_n: int
    group_line: str
    blocks: tuple[Block, ...]
    """Innovation, spectrum, climate groups, statements, factors, results, WERK zone."""
    own_score: float | None
    own_group: str | None
    score_lines: tuple[str, ...]
    score_table: tuple[tuple[str, str, str, str], ...]
    """Rows (statistic, own, group, all others) of the climate-score summary."""
    chart_svg: str
    chart_alt: str
    open_answers: tuple[tuple[str, str], ...]
    """(question, scrubbed answer) for the organisation's own open answers."""
    missing: tuple[str, ...]
    standing: Standing
    """Page 1: where the organisation stands."""

    @property
    def filename(self) -> str:
        return safe_filename(self.org_id)

    def block(self, key: str) -> Block:
        for b in self.blocks:
            if b.key == key:
                return b
        raise KeyError(key)


def safe_filename(org_id: str) -> str:
    """``org_id`` as a file name stem: letters, digits, ``.``, ``_`` and ``-`` only."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", org_id).lstrip(".")
    if not stem:
        raise FeedbackError(f"organisation id {org_id!r} cannot be used as a file name")
    return stem


def _row_of(ctx: FeedbackContext, org_id: str) -> int:
    hits = [int(i) for i in (ctx.data["org_id"] == str(org_id)).to_numpy().nonzero()[0]]
    if not hits:
        raise FeedbackError(
            f"organisation id '{org_id}' is not in the dataset ({len(ctx.data)} organisations)"
        )
    if len(hits) > 1:
        raise FeedbackError(f"organisation id '{org_id}' occurs {len(hits)} times in the dataset")
    return hits[0]


def _group_line(
    ctx: FeedbackContext, group: Group, sector: str, sector_label: str, lang: str
) -> str:
    label = _group_label(group, lang)
    if group.kind == "sector":
        return ft(lang, "group_sector", sector=sector_label, group=label, n=group.n)
    if group.kind == "remainder":
        return ft(
            lang, "group_remainder", sector=sector_label, group=label, n=group.n, min_n=ctx.min_n
        )
    if group.kind == "all" and not sector:
        return ft(lang, "group_unknown")
    if group.kind == "all":
        return ft(lang, "group_all", sector=sector_label, min_n=ctx.min_n)
    return ft(lang, "group_none", min_n=ctx.min_n)


def _group_label(group: Group, lang: str) -> str:
    if group.kind in ("sector", "remainder"):
        return group.label(lang)
    return ""


def _score_table(
    own: float | None, group: tuple[str, ScoreSummary | None] | None,
    overall: ScoreSummary | None, lang: str,
) -> tuple[tuple[str, str, str, str], ...]:  # fmt: skip
    def num(s: ScoreSummary | None, attr: str) -> str:
        if s is None:
            return "–"
        value = getattr(s, attr)
        return fmt_int(value, lang) if attr == "n" else fmt_pct(value, lang, 2)

    g = group[1] if group else None
    rows = [(ft(lang, f"stat_{a}"), "", num(g, a), num(overall, a))
            for a in ("n", "mean", "q1", "median", "q3")]  # fmt: skip
    own_text = fmt_pct(own, lang, 2) if own is not None else "–"
    return ((ft(lang, "stat_own"), own_text, "", ""), *rows)


def build_feedback(
    dataset: Dataset,
    org_id: str,
    *,
    frame: pd.DataFrame | None = None,
    lang: str = "nl",
    min_n: int = 5,
    context: FeedbackContext | None = None,
) -> FeedbackReport:
    """Compute one organisation's feedback report. No I/O.

    Parameters
    ----------
    dataset : Dataset
        The responses of the wave.
    org_id : str
        The organisation the report is for.
    frame : pandas.DataFrame, optional
        The sampling frame: the organisation's ``name`` for the title; all names and
        ``contact_name`` values are scrubbed from the open answers.
    lang : {"nl", "en"}, default "nl"
    min_n : int, default 5
        No comparison figure rests on fewer other organisations (DESIGN.md section 8).
    context : FeedbackContext, optional
        From :func:`feedback_context` for the same dataset, frame and min_n; pass it when
        building many reports so that the scale analysis runs once.

    Returns
    -------
    FeedbackReport

    Raises
    ------
    FeedbackError
        ``org_id`` is not in the dataset (or occurs twice); ``lang`` is not nl or en.
    """
    if lang not in LANGS:
        raise FeedbackError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if context is not None and context.dataset is not dataset:
        raise FeedbackError("the context was prepared for another dataset")
    ctx = context or feedback_context(dataset, frame=frame, min_n=min_n)
    row = _row_of(ctx, org_id)
    group = comparison_group(ctx, row)
    sector = str(ctx.data["sector"].iloc[row])
    sector_label = classification().sector_label(sector, lang) if sector else ft(lang, "no_sector")
    sections = build_sections(ctx, row, group, lang)
    group_label = _group_label(group, lang) or None
    own_score = sections.own_score
    score_table = _score_table(
        own_score, (group_label, sections.group_summary) if group_label else None,
        sections.all_summary, lang,
    )  # fmt: skip
    org_name = ctx.names.get(str(org_id))
    standing = build_standing(
        ctx, row, group, sections.blocks, own_score, lang, group_label or ft(lang, "all_others")
    )
    return FeedbackReport(
        org_id=str(org_id), org_name=org_name, lang=lang, min_n=ctx.min_n,
        group_min=ctx.group_min,
        title=ft(lang, "title", study=ctx.study, wave=ctx.wave).strip(), study=ctx.study,
        wave=ctx.wave, sector=sector, sector_label=sector_label, group_kind=group.kind,
        group_label=group_label, group_n=group.n, others_n=group.n_others,
        group_line=_group_line(ctx, group, sector, sector_label, lang), blocks=sections.blocks,
        own_score=own_score, own_group=sections.own_group, score_lines=sections.score_lines,
        score_table=score_table, chart_svg=sections.chart_svg, chart_alt=sections.chart_alt,
        open_answers=sections.open_answers, missing=sections.missing, standing=standing,
    )  # fmt: skip


# --------------------------------------------------------------------------- rendering


def _fmt_cell(c: Cell | None, lang: str) -> tuple[str, str]:
    if c is None or not c.shown:
        return "–", "–"
    assert c.pct is not None
    return fmt_pct(c.pct, lang), fmt_int(c.n, lang)


def render_feedback(report: FeedbackReport, *, pdf: bool = False) -> str:
    """The report as one self-contained HTML page (CSS and charts inline; autoescaped).
    ``pdf``: the tables behind the charts are shown open (there is nothing to click on paper)."""
    lang = report.lang
    template = _env().get_template("feedback.html.j2")
    return template.render(
        r=report, t=lambda key, **kw: ft(lang, key, **kw), css=Markup(_css()),
        chart=Markup(report.chart_svg), cell=lambda c: _fmt_cell(c, lang),
        all_label=ft(lang, "all_others"), svg=Markup, colours=SCALE_COLOURS, pdf=pdf,
    )  # fmt: skip


def write_feedback(report: FeedbackReport, out_dir: str | Path) -> Path:
    """Write ``<out_dir>/<org_id>.html`` atomically (rendered in memory, written to a
    temporary file in ``out_dir``, then renamed); return its path."""
    target = Path(out_dir) / f"{report.filename}.html"
    atomic_write(target, render_feedback(report))
    return target


def write_feedback_pdf(report: FeedbackReport, out_dir: str | Path) -> Path:
    """Write ``<out_dir>/<org_id>.pdf``, a tagged PDF (PDF/UA-1) made with WeasyPrint."""
    return write_html_pdf(
        render_feedback(report, pdf=True), Path(out_dir) / f"{report.filename}.pdf"
    )


@dataclass(frozen=True)
class FeedbackBatch:
    """What :func:`write_all_feedback` wrote: ``files`` maps org_id to its HTML file."""

    index: Path
    files: dict[str, Path]
    pdfs: dict[str, Path]


def requested_org_ids(dataset: Dataset) -> list[str]:
    """The organisations that asked for a feedback report (yes), in dataset order."""
    data = dataset.data
    if REQUEST_ITEM not in data.columns:
        return []
    wanted = pd.to_numeric(data[REQUEST_ITEM], errors="coerce").isin(_REQUEST.code_set("yes"))
    return [str(v) for v in data.loc[wanted, "org_id"]]


def write_all_feedback(
    dataset: Dataset,
    out_dir: str | Path,
    *,
    frame: pd.DataFrame | None = None,
    lang: str = "nl",
    only_requested: bool = True,
    min_n: int = 5,
    pdf: bool = False,
) -> FeedbackBatch:
    """Write one feedback report per organisation and ``<out_dir>/index.csv``.

    Parameters
    ----------
    dataset : Dataset
    out_dir : str or Path
    frame : pandas.DataFrame, optional
    lang : {"nl", "en"}, default "nl"
    only_requested : bool, default True
        Only organisations that asked for a feedback report; False: all.
    min_n : int, default 5
    pdf : bool, default False
        Also write ``<org_id>.pdf`` next to each HTML file.

    Returns
    -------
    FeedbackBatch

    Notes
    -----
    Every report is built before anything is written, so a failure writes nothing. The
    index is a CSV (``org_id``, ``file``) for the research team that sends the reports; no
    file lists other organisations in a form meant for one organisation. Each file is
    written atomically. Reports of organisations no longer selected are not deleted.
    """
    if lang not in LANGS:
        raise FeedbackError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    ctx = feedback_context(dataset, frame=frame, min_n=min_n)
    ids = requested_org_ids(dataset) if only_requested else [str(v) for v in ctx.data["org_id"]]
    stems: dict[str, str] = {}
    for org_id in ids:
        stem = safe_filename(org_id).lower()
        if stem in stems:
            raise FeedbackError(
                f"organisation ids '{stems[stem]}' and '{org_id}' give the same file name"
            )
        stems[stem] = org_id
    reports = [build_feedback(dataset, i, lang=lang, context=ctx) for i in ids]
    out = Path(out_dir)
    files = {r.org_id: write_feedback(r, out) for r in reports}
    pdfs = {r.org_id: write_feedback_pdf(r, out) for r in reports} if pdf else {}
    buffer = io.StringIO()
    header = ["org_id", "file", *(["pdf"] if pdf else [])]
    rows = [[i, p.name, *([pdfs[i].name] if pdf else [])] for i, p in files.items()]
    csvsafe.write_rows(buffer, [header, *rows])  # formulas neutralised
    index = out / "index.csv"
    atomic_write(index, buffer.getvalue())
    return FeedbackBatch(index, files, pdfs)
