"""The main job, end to end: the demo wave from frame to report.

``run_demo`` writes the frame, the dataset in every format, the codebook, and the report.
Progress is reported through a callback so the CLI can show it and tests can stay quiet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from barometer import csvsafe, fileperm

if TYPE_CHECKING:
    import pandas as pd

    from barometer.pipeline_waves import Demo2025

DATASET_FORMATS = ("csv", "parquet", "sav", "xlsx")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoOutputs:
    out_dir: Path
    frame: Path
    datasets: dict[str, Path]
    codebook: Path
    report: Path
    pdf: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    wave_2025: Demo2025 | None = None


def _quiet(_: str) -> None:
    return None


def run_demo(
    out_dir: str | Path,
    *,
    seed: int = 2021,
    lang: str = "nl",
    pdf: bool = False,
    wave_label: str | None = None,
    progress: Progress = _quiet,
    weighting: str = "none",
    second_wave: bool = True,
) -> DemoOutputs:
    """Generate the synthetic wave for ``seed`` and write everything into ``out_dir``.

    With ``second_wave`` (the default) the synthetic 2025 wave follows in ``out_dir/2025``
    (its report has a trend section), with the links file, the panel table
    (``panel.parquet``, ``panel.sav``) and the trend report (``trends/``) in ``out_dir``
    (:func:`barometer.pipeline_waves.write_demo_2025`).

    The demo wave replicates the 2021 report, which published unweighted percentages, so
    its report is unweighted by default (``weighting="none"``) and reproduces the
    published numbers; ``weighting="frame"`` weights it to the frame instead.

    ``wave_label`` renames the wave (default "2021"), e.g. to try ``barometer compare``
    on two demo waves.
    """
    from barometer.dataset.io import write_codebook, write_dataset
    from barometer.dataset.synthetic.wave import make_wave
    from barometer.report import build_report, write_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    progress(f"generating the synthetic wave (seed {seed})")
    wave = make_wave(seed=seed)
    first = wave
    if wave_label is not None:
        from dataclasses import replace

        data = wave.dataset.data.assign(wave=wave_label)
        wave = replace(wave, dataset=replace(wave.dataset, data=data))
    frame_path = out / "frame.csv"
    progress(f"writing {frame_path}")
    _write_csv_atomic(wave.frame, frame_path)
    datasets: dict[str, Path] = {}
    for fmt in DATASET_FORMATS:
        path = out / f"responses.{fmt}"
        progress(f"writing {path}")
        write_dataset(wave.dataset, path)
        datasets[fmt] = path
    codebook = out / "codebook.csv"
    progress(f"writing {codebook}")
    write_codebook(wave.dataset.codebook, codebook)
    progress("building the report")
    if weighting not in ("none", "frame"):
        raise ValueError(f"weighting must be 'frame' or 'none', not {weighting!r}")
    report = build_report(wave.dataset, frame=wave.frame, lang=lang, weighted=weighting == "frame")
    report_dir = out / "report"
    index = write_report(report, report_dir)
    pdf_path = None
    if pdf:
        from barometer.report import write_pdf

        progress("writing the PDF")
        pdf_path = write_pdf(report, report_dir / "report.pdf")
    second = None
    if second_wave:
        from barometer.pipeline_waves import write_demo_2025

        second = write_demo_2025(out, first, seed=seed, lang=lang, weighting=weighting,
                                 progress=progress)  # fmt: skip
    return DemoOutputs(
        out_dir=out,
        frame=frame_path,
        datasets=datasets,
        codebook=codebook,
        report=index,
        pdf=pdf_path,
        counts={"organisations": len(wave.frame), "responses": len(wave.dataset)},
        wave_2025=second,
    )


def _write_csv_atomic(frame: object, path: Path) -> None:
    import os
    import tempfile

    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        csvsafe.to_csv(frame, tmp)  # formulas neutralised
        fileperm.publish(tmp, path)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _frame_table(path: str | Path | None) -> pd.DataFrame | None:
    """The frame file as a table of text (CSV in any encoding we read, or .xlsx)."""
    if path is None:
        return None
    import pandas as pd

    from barometer.fieldwork.frame import read_records

    header, records = read_records(Path(path))
    return pd.DataFrame(records, columns=header, dtype=str)


def run_report(
    dataset: str | Path,
    out_dir: str | Path,
    *,
    lang: str = "nl",
    frame: str | Path | None = None,
    pdf: bool = False,
    weighting: str | None = None,
    approvals: str | Path | None = None,
    policy: str | Path | None = None,
    previous: str | Path | None = None,
    previous_frame: str | Path | None = None,
    links: str | Path | None = None,
) -> Path:
    """Read and validate ``dataset``, build the report and write it into ``out_dir``.

    ``previous`` (the dataset of the wave before, with ``previous_frame`` and the links file
    ``links`` if given) adds the trend section: every comparable indicator between the two
    waves, weighted when both frames are given (:mod:`barometer.report.compare.trends`). The dataset
    is read on the shipped questionnaire it validates against (2021.2.0 or 2025.1.0).

    ``weighting`` is ``"frame"`` (post-stratified to the frame; the default when a frame
    is given) or ``"none"`` (unweighted, as the 2021 report). A dataset without rows is a
    :class:`~barometer.errors.DataError` and nothing is written. ``approvals``: the
    approvals file (only the quotes it approves are printed); ``policy``: a YAML file of
    disclosure settings (default: the documented defaults).
    """
    from barometer.disclosure.policy import load_policy
    from barometer.disclosure.quotes import read_approvals
    from barometer.errors import DataError, ErrorCode, Problem
    from barometer.pipeline_waves import read_wave
    from barometer.report import build_report, write_report

    if weighting not in (None, "frame", "none"):
        raise ValueError(f"weighting must be 'frame' or 'none', not {weighting!r}")
    if weighting == "frame" and frame is None:
        raise ValueError("weighting 'frame' needs the sampling frame (frame=...)")
    rules = load_policy(Path(policy) if policy else None)
    approved = read_approvals(Path(approvals) if approvals else None)
    ds = read_wave(dataset)
    if len(ds.data) == 0:
        raise DataError(
            [Problem.make(ErrorCode.DATA_NO_ROWS, file=str(dataset))], what=str(dataset)
        )
    frame_df = _frame_table(frame)
    weighted = None if weighting is None else weighting == "frame"
    trends = None
    if previous is not None:
        from barometer.dataset.links import read_links
        from barometer.report.compare.trends import compare_trends

        before = read_wave(previous)
        trends = compare_trends(
            [before, ds], frames=[_frame_table(previous_frame), frame_df],
            links=read_links(links) if links else None, lang=lang,
            weighted=bool(weighted is not False and previous_frame is not None and frame_df is not None),
        )  # fmt: skip
    report = build_report(ds, frame=frame_df, lang=lang, weighted=weighted, policy=rules,
                          approvals=approved, trends=trends)  # fmt: skip
    index = write_report(report, Path(out_dir))
    if pdf:
        from barometer.report import write_pdf

        write_pdf(report, Path(out_dir) / "report.pdf")
    return index


def run_publish(
    dataset: str | Path,
    *,
    wave: str,
    frame: str | Path | None = None,
    policy: str | Path | None = None,
) -> tuple[int, int, int]:
    """Compute ``dataset``'s published aggregates and store them as a new version of
    ``wave`` in the database (DATABASE_URL); return (version, tables, fully suppressed)."""
    from barometer.dataset.io import read_dataset
    from barometer.disclosure.policy import load_policy
    from barometer.errors import DataError, ErrorCode, Problem
    from barometer.explorer import build_snapshot
    from barometer.web import setup

    rules = load_policy(Path(policy) if policy else None)
    ds = read_dataset(dataset)
    if len(ds.data) == 0:
        raise DataError(
            [Problem.make(ErrorCode.DATA_NO_ROWS, file=str(dataset))], what=str(dataset)
        )
    snapshot = build_snapshot(ds, frame=_frame_table(frame), policy=rules, wave=wave)
    setup()
    from barometer.web.publishing import store_snapshot
    from barometer.web.server import pending_migrations

    pending = pending_migrations()
    if pending:
        from barometer.fieldwork import FieldworkError

        raise FieldworkError(
            f"the database needs {len(pending)} migration(s): run 'barometer migrate' first"
        )
    stored = store_snapshot(snapshot, wave)
    hidden = sum(1 for t in snapshot.tables.values() if t["status"] == "suppressed")
    return stored.version, len(snapshot.tables), hidden


def run_feedback(
    dataset: str | Path,
    out_dir: str | Path,
    *,
    frame: str | Path | None = None,
    lang: str = "nl",
    org_id: str | None = None,
    only_requested: bool = True,
    pdf: bool = False,
    min_n: int = 5,
) -> list[Path]:
    """Read ``dataset`` and write feedback reports (one organisation, or all that asked)."""

    from barometer.dataset.io import read_dataset
    from barometer.report.feedback import build as fb

    ds = read_dataset(dataset)
    frame_df = _frame_table(frame)
    out = Path(out_dir)
    if org_id is not None:
        one = fb.build_feedback(ds, org_id, frame=frame_df, lang=lang, min_n=min_n)
        paths = [fb.write_feedback(one, out)]
        if pdf:
            paths.append(fb.write_feedback_pdf(one, out))
        return paths
    batch = fb.write_all_feedback(
        ds, out, frame=frame_df, lang=lang, only_requested=only_requested, min_n=min_n, pdf=pdf
    )
    return [*batch.files.values(), *batch.pdfs.values()]


def run_compare(
    datasets: list[Path], out_dir: str | Path, *, lang: str = "nl", min_n: int = 5
) -> tuple[Path, list[str]]:
    """Read two or more waves and write their comparison; return the index and warnings."""
    from barometer.dataset.io import read_dataset
    from barometer.report.compare.build import compare_waves, write_comparison

    comparison = compare_waves([read_dataset(p) for p in datasets], lang=lang, min_n=min_n)
    index = write_comparison(comparison, Path(out_dir))
    return index, [*comparison.warnings, *(str(p) for p in comparison.problems)]


def run_quote_candidates(
    dataset: str | Path, out: str | Path, *, frame: str | Path | None = None
) -> int:
    """Write the candidate quotes of ``dataset`` (scrubbed, with ids) to ``out``; their count."""
    import pandas as pd

    from barometer.dataset.io import read_dataset
    from barometer.disclosure.quotes import candidate_quotes, write_candidates

    ds = read_dataset(dataset)
    frame_df = pd.read_csv(frame, dtype=str, keep_default_na=False) if frame else None
    found = candidate_quotes(ds.data, frame_df)
    write_candidates(found, Path(out))
    return len(found)
