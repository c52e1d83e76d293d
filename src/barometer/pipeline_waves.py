"""More than one wave: the trend report, the panel table, and the demo's 2025 wave.

``run_trends`` reads two or more waves (with their frames and the links file, if given)
and writes the trend report; ``run_panel`` writes the long panel table; ``write_demo_2025``
writes the synthetic 2025 wave next to the 2021 demo wave, with its report (trend section
included), the links file, the panel table and the trend report.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from barometer.dataset import Dataset
    from barometer.dataset.synthetic.wave import DemoWave
    from barometer.report.compare.trends import Trends

__all__ = ["Demo2025", "read_wave", "run_panel", "run_trends", "trend_pairs", "write_demo_2025"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Demo2025:
    folder: Path
    report: Path
    links: Path
    panel: dict[str, Path]
    trends: Path
    responses: int


def _wave_of(ds: Dataset) -> str:
    return str(ds.data["wave"].astype(str).iloc[0]) if len(ds.data) else ""


def _frames(paths: Sequence[Path | None] | None, n: int) -> list[pd.DataFrame | None]:
    from barometer.pipeline import _frame_table

    if not paths:
        return [None] * n
    if len(paths) != n:
        from barometer.errors import ErrorCode, StatsError

        raise StatsError(
            ErrorCode.TRENDS_INPUT, detail=f"{n} waves but {len(paths)} frames: give one per wave"
        )
    return [_frame_table(p) for p in paths]


def trend_pairs(
    datasets: Sequence[Dataset],
    frames: Sequence[pd.DataFrame | None],
    *,
    links: pd.DataFrame | None = None,
    lang: str = "nl",
    weighted: bool | None = None,
) -> list[Trends]:
    """Trends between consecutive waves (ordered by wave label)."""
    from barometer.report.compare.trends import compare_trends

    order = sorted(range(len(datasets)), key=lambda i: _wave_of(datasets[i]))
    out = []
    for i, j in itertools.pairwise(order):
        out.append(
            compare_trends([datasets[i], datasets[j]], frames=[frames[i], frames[j]],
                           links=links, lang=lang, weighted=weighted)
        )  # fmt: skip
    return out


def run_trends(
    datasets: Sequence[str | Path],
    out_dir: str | Path,
    *,
    frames: Sequence[Path | None] | None = None,
    links: str | Path | None = None,
    lang: str = "nl",
    weighting: str | None = None,
) -> Path:
    """Read two or more waves and write their trend report; return its ``index.html``."""
    from barometer.dataset.links import read_links
    from barometer.errors import ErrorCode, StatsError
    from barometer.report.compare.trends_write import write_trends

    if len(datasets) < 2:
        raise StatsError(ErrorCode.TRENDS_INPUT, detail="give two or more waves")
    if weighting not in (None, "frame", "none"):
        raise ValueError(f"weighting must be 'frame' or 'none', not {weighting!r}")
    waves = [read_wave(p) for p in datasets]
    frame_tables = _frames(frames, len(waves))
    by_wave = {_wave_of(w): f for w, f in zip(waves, frame_tables, strict=True) if f is not None}
    link_table = read_links(links, frames=by_wave) if links else None
    weighted = None if weighting is None else weighting == "frame"
    pairs = trend_pairs(waves, frame_tables, links=link_table, lang=lang, weighted=weighted)
    return write_trends(pairs, Path(out_dir))


def read_wave(path: str | Path, questionnaire: str | Path | None = None) -> Dataset:
    """Read a wave: on ``questionnaire`` when given, else on the shipped questionnaire it
    validates against (2021.2.0 first, then 2025.1.0); when neither fits, the problems found
    against the first are raised. The study definition of the wave's questionnaire version
    is loaded and checked against it (docs/study.md): a wave whose study definition is
    missing, or names an item its questionnaire lacks, is refused
    (:class:`~barometer.errors.StudyError`)."""
    from barometer.dataset.io import read_dataset
    from barometer.dataset.synthetic.wave2025 import questionnaire_2025
    from barometer.errors import DataError
    from barometer.questionnaire import default, load
    from barometer.study import check_shared_items, for_questionnaire

    if questionnaire is not None:
        ds = read_dataset(path, load(questionnaire))
        check_shared_items(for_questionnaire(ds.questionnaire))
        return ds
    first: DataError | None = None
    for q in (default(), questionnaire_2025()):
        try:
            ds = read_dataset(path, q)
        except DataError as exc:
            first = first or exc
            continue
        check_shared_items(for_questionnaire(q))
        return ds
    assert first is not None
    raise first


def run_panel(
    datasets: Sequence[str | Path], out: str | Path, *, links: str | Path | None = None
) -> Path:
    """Write the long panel table of the waves (.sav, .parquet or .csv by the suffix)."""
    from barometer.dataset.links import read_links
    from barometer.dataset.panel import panel_table, write_panel

    waves = [read_wave(p) for p in datasets]
    table = panel_table(waves, read_links(links) if links else None)
    return write_panel(table, waves, Path(out))


def write_demo_2025(
    out: Path,
    w21: DemoWave,
    *,
    seed: int,
    lang: str = "nl",
    weighting: str = "none",
    progress: Progress = lambda _: None,
) -> Demo2025:
    """The 2025 demo wave in ``out/2025``; links, panel and trend report in ``out``."""
    from barometer.dataset.io import write_codebook, write_dataset
    from barometer.dataset.links import write_links
    from barometer.dataset.panel import panel_table, write_panel
    from barometer.dataset.synthetic.wave2025 import SYNTHETIC_NOTE, SYNTHETIC_NOTES, panel_from
    from barometer.pipeline import _write_csv_atomic
    from barometer.report import build_report, write_report
    from barometer.report.compare.trends_write import write_trends

    progress("generating the synthetic 2025 wave (panel with 2021)")
    panel = panel_from(seed, w21)
    w25 = panel.wave_2025
    folder = out / "2025"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "SYNTHETIC.txt").write_text(SYNTHETIC_NOTE + "\n", encoding="utf-8")
    _write_csv_atomic(w25.frame, folder / "frame.csv")
    for fmt in ("csv", "parquet", "sav"):
        progress(f"writing {folder / f'responses.{fmt}'}")
        write_dataset(w25.dataset, folder / f"responses.{fmt}")
    write_codebook(w25.dataset.codebook, folder / "codebook.csv")
    links = write_links(panel.links, out / "links.csv")
    weighted = weighting == "frame"
    frames = [w21.frame, w25.frame] if weighted else [None, None]
    pairs = trend_pairs([w21.dataset, w25.dataset], frames, links=panel.links, lang=lang,
                        weighted=weighted)  # fmt: skip
    progress("building the 2025 report")
    report = build_report(w25.dataset, frame=w25.frame, lang=lang, weighted=weighted,
                          trends=pairs[0], notes=(SYNTHETIC_NOTES.get(lang, SYNTHETIC_NOTES["nl"]),))  # fmt: skip
    index = write_report(report, folder / "report")
    progress("writing the panel table and the trend report")
    table = panel_table([w21.dataset, w25.dataset], panel.links)
    panel_paths = {
        fmt: write_panel(table, [w21.dataset, w25.dataset], out / f"panel.{fmt}")
        for fmt in ("parquet", "sav")
    }
    trends = write_trends(
        pairs, out / "trends", notes=(SYNTHETIC_NOTES.get(lang, SYNTHETIC_NOTES["nl"]),)
    )
    return Demo2025(folder, index, links, panel_paths, trends, len(w25.dataset))
