"""Wave-to-wave comparison: each figure's percentages per wave, the changes and their tests.

``compare_waves(datasets, frames=None, lang="nl", min_n=5) -> WaveComparison`` computes (no
I/O): it runs the report's own figure functions on every wave (so every percentage, base and
interval is the one that wave's report prints), aligns the rows by figure id, category and
series, and for every pair of consecutive waves (and first-to-last with three or more waves)
gives the change in percentage points with a two-proportion test.
``write_comparison(comparison, out_dir) -> Path`` writes ``index.html`` and
``tables/<figure_id>.csv`` (see :mod:`barometer.report.compare.write`).

A question is comparable between two waves only if it exists in both and its definition
(type, wording in every language, answer codes and labels, filter conditions) is the same;
otherwise the change reads "niet vergelijkbaar: vraag gewijzigd" (values are still shown).
Years in the wording are masked, since the reference period moves with every wave ("in 2019
of 2020"). The items a figure rests on include those that define its base (the study's
``innovated`` item for innovators, its ``technology_share`` for those using technology) and, in the climate chapter,
the climate statements. Different ``questionnaire_version`` values are reported in
``warnings`` and next to every figure whose questions stayed the same.

Only catalogue entries labelled "figure" whose tables hold percentages of organisations are
compared (not Tabel 1-3, text boxes, images or box plots); ``notes`` names the others.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from barometer.dataset import Dataset
from barometer.errors import ErrorCode, StatsError
from barometer.report.catalogue import CATALOGUE
from barometer.report.compare.countries import CountryComparison, compare_countries
from barometer.report.compare.figure import (
    ALPHA,
    Change,
    ComparisonRow,
    FigureComparison,
    WaveValue,
    compare_figure,
    compute_figure,
    is_percentages,
)
from barometer.report.compare.text import ct
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.registry import COMPUTE
from barometer.report.text import LANGS
from barometer.stats.disclosure import check_min_n

__all__ = [
    "ALPHA",
    "Change",
    "ComparisonRow",
    "CountryComparison",
    "FigureComparison",
    "WaveComparison",
    "WaveInfo",
    "WaveValue",
    "compare_waves",
    "write_comparison",
]


@dataclass(frozen=True)
class WaveInfo:
    wave: str
    n: int
    n_innovators: int
    questionnaire_version: str


@dataclass(frozen=True, eq=False)
class WaveComparison:
    lang: str
    title: str
    study: str
    waves: tuple[WaveInfo, ...]
    pairs: tuple[tuple[str, str], ...]
    min_n: int
    figures: tuple[FigureComparison, ...]
    countries: CountryComparison
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(w.wave for w in self.waves)

    def figure(self, figure_id: str) -> FigureComparison:
        for fig in self.figures:
            if fig.id == figure_id:
                return fig
        raise KeyError(figure_id)


# --------------------------------------------------------------------------- waves
def _fail(detail: str) -> StatsError:
    return StatsError(ErrorCode.STATS_INPUT, detail=detail)


def _natural(label: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key: numbers compare as numbers ("2021" < "2025", "w2" < "w10")."""
    parts = re.split(r"(\d+)", label)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def _split(
    datasets: Sequence[Dataset],
    frames: Sequence[pd.DataFrame | None] | Mapping[str, pd.DataFrame] | None,
) -> list[tuple[str, Dataset, pd.DataFrame | None]]:
    """One (wave, dataset, frame) per wave, ordered by wave; a dataset holding several waves
    is split by its ``wave`` column."""
    if frames is not None and not isinstance(frames, Mapping) and len(frames) != len(datasets):
        raise _fail(f"{len(datasets)} datasets but {len(frames)} frames")
    out: dict[str, tuple[Dataset, pd.DataFrame | None]] = {}
    for i, ds in enumerate(datasets):
        if "wave" not in ds.data.columns:
            raise _fail(f"dataset {i + 1} has no column 'wave'")
        labels = ds.data["wave"].astype(object).where(ds.data["wave"].notna(), "")
        labels = labels.astype(str).str.strip()
        if (labels == "").any():
            raise _fail(f"dataset {i + 1}: {int((labels == '').sum())} rows have no wave label")
        for label in dict.fromkeys(labels):
            if label in out:
                raise _fail(f"wave '{label}' occurs in more than one dataset")
            part = ds if labels.nunique() == 1 else replace(ds, data=ds.data[labels == label])
            if isinstance(frames, Mapping):
                frame = frames.get(label)
            else:
                frame = frames[i] if frames is not None else None
            out[label] = (part, frame)
    if len(out) < 2:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="a comparison needs at least two waves")
    return [(w, *out[w]) for w in sorted(out, key=_natural)]


def _pairs(labels: Sequence[str]) -> tuple[tuple[str, str], ...]:
    pairs = list(itertools.pairwise(labels))
    if len(labels) > 2:
        pairs.append((labels[0], labels[-1]))
    return tuple(pairs)


def compare_waves(
    datasets: Sequence[Dataset],
    *,
    frames: Sequence[pd.DataFrame | None] | Mapping[str, pd.DataFrame] | None = None,
    lang: str = "nl",
    min_n: int = 5,
    figures: Sequence[str] | None = None,
) -> WaveComparison:
    """Compare every percentage of the report across waves. No I/O.

    Parameters
    ----------
    datasets : sequence of Dataset
        One dataset per wave (a dataset holding several waves is split by its ``wave``
        column). Waves are ordered by their ``wave`` value, numbers compared as numbers.
    frames : sequence of DataFrame (aligned with ``datasets``) or mapping wave -> DataFrame
        The sampling frames, as for :func:`barometer.report.build_report`.
    lang : {"nl", "en"}, default "nl"
    min_n : int, default 5
        No value or change rests on a base below ``min_n`` (DESIGN.md section 8).
    figures : sequence of str, optional
        Figure ids of the catalogue to compare (default: every figure that is built).

    Returns
    -------
    WaveComparison
        Per figure the aligned rows with each wave's :class:`WaveValue` and a
        :class:`Change` per pair of consecutive waves (plus first-to-last with three or more
        waves), and the country comparison.

    Notes
    -----
    The change is ``pct(end) − pct(start)`` in percentage points; its p-value is
    :func:`barometer.stats.proportions.two_proportion_test` on the two waves' counts and
    bases (pooled two-sided z test; the waves are treated as independent samples).
    A change is significant only if p < 0.05. Tables, text boxes, images and figures whose
    tables are not percentages of organisations (box plots) are left out and named in
    ``notes``. The country table covers the benchmarks of the figures compared.

    Raises
    ------
    StatsError
        Fewer than two waves, a wave label in more than one dataset, rows without a wave
        label, or an invalid ``min_n``.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    check_min_n(0, min_n)  # validates min_n
    waves = _split(datasets, frames)
    labels = [w for w, _, _ in waves]
    pairs = _pairs(labels)
    ready = [s for s in CATALOGUE if s.ready and s.compute in COMPUTE]
    skipped: list[str] = []
    if figures is None:  # tables, text boxes and images hold no percentages to compare
        specs = [s for s in ready if s.label == "figure"]
        skipped += [s.number_label(lang) for s in ready if s.label != "figure"]
    else:
        unknown = set(figures) - {s.id for s in ready}
        if unknown:
            raise _fail(f"no figure {', '.join(sorted(unknown))} to compare")
        specs = [s for s in ready if s.id in set(figures)]
    per_wave: dict[str, dict[str, FigureData]] = {}
    infos = []
    for w, ds, frame in waves:
        ctx = replace(make_context(ds, lang=lang, min_n=min_n, frame=frame), wave=w)
        per_wave[w] = {s.id: compute_figure(ctx, ds, s) for s in specs}
        infos.append(WaveInfo(w, len(ds.data), int(ctx.population("innovators").sum()),
                              ds.codebook.questionnaire_version))  # fmt: skip
    compared: list[FigureComparison] = []
    problems: list[str] = []
    for spec in specs:
        per = {w: per_wave[w][spec.id] for w in labels}
        if any(d.ok for d in per.values()) and not any(is_percentages(d) for d in per.values()):
            skipped.append(spec.number_label(lang))
            continue
        problems += [f"{w}, {spec.number_label(lang)}: {d.message}" for w, d in per.items()
                     if d.message]  # fmt: skip
        compared.append(compare_figure(spec, [(w, ds) for w, ds, _ in waves], per, pairs, lang, min_n))  # fmt: skip
    study = waves[-1][1].questionnaire.title or "Innovatie Barometer Overheid"
    versions = list(dict.fromkeys(i.questionnaire_version for i in infos))
    warnings = []
    if len(versions) > 1:
        shown = ", ".join(f"{i.wave}: {i.questionnaire_version or '?'}" for i in infos)
        warnings.append(ct(lang, "version_differs", versions=shown))
    notes = [ct(lang, "not_compared", figures=", ".join(skipped))] if skipped else []
    return WaveComparison(
        lang=lang, title=ct(lang, "title", study=study, waves=", ".join(labels)), study=study,
        waves=tuple(infos), pairs=pairs, min_n=min_n, figures=tuple(compared),
        countries=compare_countries(per_wave, labels, lang, min_n), warnings=tuple(warnings),
        notes=tuple(notes), problems=tuple(problems),
    )  # fmt: skip


def write_comparison(comparison: WaveComparison, out_dir: str | Path) -> Path:
    """Write ``index.html`` and ``tables/*.csv`` into ``out_dir`` atomically; return the path
    of ``index.html``. See :func:`barometer.report.compare.write.write_comparison_files`."""
    from barometer.report.compare.write import write_comparison_files

    return write_comparison_files(comparison, out_dir)
