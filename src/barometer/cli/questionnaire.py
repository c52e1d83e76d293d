"""``barometer questionnaire ...``"""

from __future__ import annotations

from pathlib import Path

import click

from barometer.cli.errors import user_errors


@click.group("questionnaire")
def group() -> None:
    """Check and inspect XLSForm questionnaires."""


@group.command("check")
@click.argument("xlsform", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lang", default=None, help="Language of the labels in the outline (default: the form's)."
)
@click.option("--strict", is_flag=True, help="Treat pyxform warnings as errors.")
@user_errors
def check(xlsform: Path, lang: str | None, strict: bool) -> None:
    """Validate XLSFORM and print an outline: sections, items, types, conditions, labels."""
    from barometer.questionnaire import read
    from barometer.questionnaire.outline import outline

    result = read(xlsform)
    click.echo(outline(result.questionnaire, lang=lang))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if strict and result.warnings:
        raise click.ClickException(f"{len(result.warnings)} pyxform warning(s)")
    click.echo(f"OK: {xlsform} is a valid questionnaire.", err=True)


COMMANDS = [group]
