"""``barometer trends`` and ``barometer panel``: more than one wave."""

from __future__ import annotations

from pathlib import Path

import click

from barometer.cli.errors import user_errors

LANGS = click.Choice(["nl", "en"])
WAVES = click.argument(
    "datasets", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
LINKS = click.option(
    "--links",
    "links_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Links file (CSV) of organisations that merged or split between frames (docs/panel.md).",
)


@click.command("trends")
@WAVES
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the trend report into.",
)
@click.option(
    "--frame",
    "frames",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The frame of each wave, once per wave in the same order: each wave is weighted "
    "to its own frame.",
)
@LINKS
@click.option(
    "--weighting",
    type=click.Choice(["frame", "none"]),
    default=None,
    help="frame: each wave post-stratified to its own frame (default with --frame); none: "
    "unweighted.",
)
@click.option("--lang", type=LANGS, default="nl", show_default=True, help="Language of the report.")
@user_errors
def trends(
    datasets: tuple[Path, ...],
    out_dir: Path,
    frames: tuple[Path, ...],
    links_path: Path | None,
    weighting: str | None,
    lang: str,
) -> None:
    """Trends of indicators across questionnaire versions: cross-section and panel tests.

    DATASETS are two or more waves (any order; consecutive waves are compared). Indicators
    are matched through the item mapping (docs/questionnaire-versions.md); see docs/trends.md.
    """
    from barometer.pipeline_waves import run_trends

    if len(datasets) < 2:
        raise click.UsageError("give two or more waves")
    if frames and len(frames) != len(datasets):
        raise click.UsageError(
            f"{len(datasets)} waves but {len(frames)} --frame: give one per wave"
        )
    if weighting == "frame" and not frames:
        raise click.UsageError("--weighting frame needs the frame of every wave (--frame)")
    index = run_trends(list(datasets), out_dir, frames=list(frames) or None, links=links_path,
                       lang=lang, weighting=weighting)  # fmt: skip
    click.echo(f"trend report written: {index}")


@click.command("panel")
@WAVES
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The long table to write: .sav, .parquet or .csv.",
)
@LINKS
@user_errors
def panel(datasets: tuple[Path, ...], out_path: Path, links_path: Path | None) -> None:
    """Stack waves into one long table (organisation x wave) with the questionnaire version."""
    from barometer.pipeline_waves import run_panel

    written = run_panel(list(datasets), out_path, links=links_path)
    click.echo(f"panel table written: {written}")


COMMANDS = [trends, panel]
