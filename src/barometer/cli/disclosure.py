"""``barometer disclosure check``, ``barometer quotes`` and ``barometer release``."""

from __future__ import annotations

from pathlib import Path

import click

from barometer.cli.errors import CommandError, user_errors


class NotOutputFolder(click.ClickException):
    """The folder given is not an output folder: exit code 2."""

    exit_code = 2


POLICY = click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Disclosure settings (YAML; see docs/disclosure.md). Default: the documented defaults.",
)


@click.group("disclosure")
def disclosure() -> None:
    """Check outputs against the disclosure policy (docs/disclosure.md)."""


@disclosure.command("check")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@POLICY
@click.option(
    "--approvals",
    "approvals_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Approvals file (YAML): quotes it does not approve are violations.",
)
def check(folder: Path, policy_path: Path | None, approvals_path: Path | None) -> None:
    """Audit FOLDER (report, feedback reports, comparison or release) against the policy.

    Exit 0 when nothing is found, 1 listing every violation (file, table, row, column, rule),
    2 when FOLDER is not an output folder.
    """
    from barometer.disclosure.policy import load_policy
    from barometer.disclosure.quotes import read_approvals
    from barometer.disclosure.scan import check_output
    from barometer.errors import BarometerError, DisclosureError, ErrorCode

    try:
        result = check_output(folder, load_policy(policy_path), read_approvals(approvals_path))
    except DisclosureError as exc:
        if exc.problem.code is ErrorCode.DISCLOSURE_NOT_OUTPUT:
            raise NotOutputFolder(str(exc)) from None
        raise CommandError(str(exc)) from None
    except BarometerError as exc:
        raise CommandError(str(exc)) from None
    if result.violations:
        n = len(result.violations)
        lines = [f"{folder}: {n} violation{'s' if n != 1 else ''} of the disclosure policy"]
        lines += [f"  - {v}" for v in result.violations]
        raise CommandError("\n".join(lines))
    click.echo(f"OK: {len(result.files)} files in {folder} keep the disclosure policy.")


@click.command("quotes")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="CSV to write the candidate quotes into (id, org_id, item, text).",
)
@click.option(
    "--frame",
    "frame_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The frame (frame.csv): lets the answers be scrubbed of organisation and contact names.",
)
@user_errors
def quotes(dataset: Path, out_path: Path, frame_path: Path | None) -> None:
    """Write the candidate quotes of DATASET, scrubbed, each with the id an approval names."""
    from barometer.pipeline import run_quote_candidates

    n = run_quote_candidates(dataset, out_path, frame=frame_path)
    click.echo(f"{n} candidate quote(s) written to {out_path}")


@click.command("release")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the public-use file into.",
)
@click.option(
    "--frame",
    "frame_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The frame (frame.csv): size classes from the frame instead of the answers.",
)
@POLICY
@user_errors
def release(
    dataset: Path, out_dir: Path, frame_path: Path | None, policy_path: Path | None
) -> None:
    """Write a public-use file of DATASET: k-anonymous, with .sav, CSV, DDI and Data Package."""
    from barometer.disclosure.release import run_release

    done = run_release(dataset, out_dir, frame=frame_path, policy=policy_path)
    click.echo(done.summary())


COMMANDS = [disclosure, quotes, release]
