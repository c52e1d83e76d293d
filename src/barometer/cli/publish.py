"""``barometer publish``: freeze a wave's published aggregates for the explorer."""

from __future__ import annotations

from pathlib import Path

import click

from barometer.cli.errors import user_errors


@click.command("publish")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--frame",
    "frame_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The frame (frame.csv): small sectors and clusters are grouped as in the report.",
)
@click.option("--wave", "wave", required=True, help="Label of the published wave, e.g. 2025.")
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Disclosure settings (YAML; see docs/disclosure.md). Default: the documented defaults.",
)
@user_errors
def publish(dataset: Path, frame_path: Path | None, wave: str, policy_path: Path | None) -> None:
    """Store DATASET's published aggregates as a new version of --wave (explorer, self-test)."""
    from barometer.pipeline import run_publish

    version, tables, hidden = run_publish(dataset, wave=wave, frame=frame_path, policy=policy_path)
    click.echo(
        f"published wave {wave} version {version}: {tables} tables "
        f"({hidden} fully suppressed by the disclosure policy)"
    )


COMMANDS = [publish]
