"""``barometer demo``, ``report``, ``validate`` and ``convert``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from barometer.cli.errors import RAW_CSV, user_errors

if TYPE_CHECKING:
    from barometer.questionnaire import Questionnaire

LANGS = click.Choice(["nl", "en"])


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo"),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--seed", type=int, default=2021, show_default=True, help="Seed of the synthetic wave."
)
@click.option("--lang", type=LANGS, default="nl", show_default=True, help="Language of the report.")
@click.option(
    "--pdf/--no-pdf", default=False, show_default=True, help="Also write the report as PDF."
)
@click.option(
    "--wave",
    "wave_label",
    default=None,
    help="Label of the wave (default 2021), e.g. to compare two demo waves.",
)
@click.option(
    "--weighting",
    type=click.Choice(["none", "frame"]),
    default="none",
    show_default=True,
    help="none: unweighted, the 2021 report's own method, so the demo reproduces its "
    "published numbers; frame: post-stratified to the frame.",
)
@click.option(
    "--second-wave/--one-wave",
    default=True,
    show_default=True,
    help="Also write the synthetic 2025 wave, its report, the panel table and the trend report.",
)
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@user_errors
def demo(
    out_dir: Path,
    seed: int,
    lang: str,
    pdf: bool,
    wave_label: str | None,
    weighting: str,
    second_wave: bool,
    quiet: bool,
) -> None:
    """Generate the synthetic demo waves (2021, 2025) and write frames, data and reports."""
    from rich.console import Console

    from barometer.pipeline import run_demo

    console = Console(stderr=True, quiet=quiet, log_path=False)
    with console.status("working") as status:

        def progress(message: str) -> None:
            status.update(message)
            console.log(message)

        result = run_demo(
            out_dir,
            seed=seed,
            lang=lang,
            pdf=pdf,
            wave_label=wave_label,
            progress=progress,
            weighting=weighting,
            second_wave=second_wave,
        )
    click.echo(
        f"Demo wave (seed {seed}): {result.counts['organisations']} organisations, {result.counts['responses']} responses."
    )
    click.echo(f"  frame     {result.frame}")
    for fmt, path in result.datasets.items():
        click.echo(f"  {fmt:<9} {path}")
    click.echo(f"  codebook  {result.codebook}")
    click.echo(f"  report    {result.report}")
    if result.pdf:
        click.echo(f"  pdf       {result.pdf}")
    w25 = result.wave_2025
    if w25 is not None:
        click.echo(f"Demo wave 2025 (synthetic, panel with 2021): {w25.responses} responses.")
        click.echo(f"  folder    {w25.folder}")
        click.echo(f"  report    {w25.report}")
        click.echo(f"  links     {w25.links}")
        for path in w25.panel.values():
            click.echo(f"  panel     {path}")
        click.echo(f"  trends    {w25.trends}")


@click.command("report")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the report into.",
)
@click.option("--lang", type=LANGS, default="nl", show_default=True, help="Language of the report.")
@click.option(
    "--frame",
    "frame_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The frame (frame.csv), for response rates in Tabel 1 and the weights.",
)
@click.option(
    "--weighting",
    type=click.Choice(["frame", "none"]),
    default=None,
    help="frame: percentages post-stratified to the frame (default with --frame); "
    "none: unweighted, every organisation counts the same (as the 2021 report).",
)
@click.option(
    "--pdf/--no-pdf", default=False, show_default=True, help="Also write the report as PDF."
)
@click.option(
    "--approvals",
    "approvals_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Approvals file (YAML) naming the quotes a person approved; without it nothing is quoted.",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Disclosure settings (YAML; see docs/disclosure.md). Default: the documented defaults.",
)
@click.option(
    "--previous",
    "previous_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The dataset of the previous wave: adds the trend section (docs/trends.md).",
)
@click.option(
    "--previous-frame",
    "previous_frame",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The previous wave's frame: with --frame, each wave is weighted to its own frame.",
)
@click.option(
    "--links",
    "links_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Links file of organisations that merged or split between the frames (docs/panel.md).",
)
@user_errors
def report(
    dataset: Path,
    out_dir: Path,
    lang: str,
    frame_path: Path | None,
    weighting: str | None,
    pdf: bool,
    approvals_path: Path | None,
    policy_path: Path | None,
    previous_path: Path | None,
    previous_frame: Path | None,
    links_path: Path | None,
) -> None:
    """Build the report from DATASET (CSV, Parquet, Excel or .sav) into --out."""
    from barometer.pipeline import run_report

    if weighting == "frame" and frame_path is None:
        raise click.UsageError("--weighting frame needs the sampling frame (--frame)")
    index = run_report(dataset, out_dir, lang=lang, frame=frame_path, pdf=pdf, weighting=weighting,
                       approvals=approvals_path, policy=policy_path, previous=previous_path,
                       previous_frame=previous_frame, links=links_path)  # fmt: skip
    click.echo(f"report written: {index}")


@click.command("validate")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--questionnaire",
    "xlsform",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="XLSForm the data follow (default: the shipped questionnaire).",
)
@user_errors
def validate(dataset: Path, xlsform: Path | None) -> None:
    """Check DATASET against the questionnaire; list every problem with row, column and value."""
    from barometer.dataset.io import read_dataset

    ds = read_dataset(dataset, _questionnaire(xlsform))
    click.echo(f"OK: {dataset} has {len(ds)} valid responses.")


@click.command("convert")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--questionnaire",
    "xlsform",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="XLSForm the data follow (default: the shipped questionnaire).",
)
@RAW_CSV
@user_errors
def convert(source: Path, target: Path, xlsform: Path | None, raw_csv: bool) -> None:
    """Convert a dataset between CSV, Parquet, Excel and .sav (validated on the way)."""
    from barometer.dataset.io import read_dataset, write_dataset

    write_dataset(read_dataset(source, _questionnaire(xlsform)), target, raw_csv=raw_csv)
    click.echo(f"written: {target}")


@click.command("feedback")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the feedback reports into.",
)
@click.option(
    "--frame",
    "frame_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The frame (frame.csv): lets open answers be scrubbed of organisation and contact names.",
)
@click.option(
    "--lang", type=LANGS, default="nl", show_default=True, help="Language of the reports."
)
@click.option("--org", "org_id", default=None, help="Write the report of this organisation only.")
@click.option(
    "--all",
    "all_orgs",
    is_flag=True,
    help="Write a report for every organisation, not only those that asked for one.",
)
@click.option(
    "--pdf/--no-pdf", default=False, show_default=True, help="Also write each report as PDF."
)
@click.option(
    "--min-n",
    type=click.IntRange(2, None),
    default=5,
    show_default=True,
    help="Fewest other organisations a comparison may rest on.",
)
@user_errors
def feedback(
    dataset: Path,
    out_dir: Path,
    frame_path: Path | None,
    lang: str,
    org_id: str | None,
    all_orgs: bool,
    pdf: bool,
    min_n: int,
) -> None:
    """Write per-organisation feedback reports: own scores next to the sector's."""
    from barometer.pipeline import run_feedback

    written = run_feedback(dataset, out_dir, frame=frame_path, lang=lang, org_id=org_id,
                           only_requested=not all_orgs, pdf=pdf, min_n=min_n)  # fmt: skip
    reports = len({p.with_suffix("") for p in written})  # an HTML file and its PDF: one report
    noun = "report" if reports == 1 else "reports"
    formats = "HTML and PDF" if pdf else "HTML"
    click.echo(f"{reports} feedback {noun} written to {out_dir} ({formats})")


@click.command("compare")
@click.argument(
    "datasets",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the comparison into.",
)
@click.option(
    "--lang", type=LANGS, default="nl", show_default=True, help="Language of the comparison."
)
@click.option(
    "--min-n",
    type=click.IntRange(2, None),
    default=5,
    show_default=True,
    help="Smallest base a published percentage may rest on.",
)
@user_errors
def compare(datasets: tuple[Path, ...], out_dir: Path, lang: str, min_n: int) -> None:
    """Compare the report's figures of waves on one questionnaire, with a test on every change.

    For indicators across questionnaire versions and the panel, use ``barometer trends``.
    """
    from barometer.pipeline import run_compare

    index, warnings = run_compare(list(datasets), out_dir, lang=lang, min_n=min_n)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"comparison written: {index}")


def _questionnaire(xlsform: Path | None) -> Questionnaire | None:
    if xlsform is None:
        return None
    from barometer.questionnaire import load

    return load(xlsform)


COMMANDS = [demo, report, feedback, compare, validate, convert]
