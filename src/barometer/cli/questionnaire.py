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
@click.option(
    "--study",
    "study_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A study definition (YAML, docs/study.md) to check against XLSFORM: every item, tag "
    "and answer it names must exist. Prints each concept and its items.",
)
@user_errors
def check(xlsform: Path, lang: str | None, strict: bool, study_path: Path | None) -> None:
    """Validate XLSFORM and print an outline: sections, items, types, conditions, labels."""
    from barometer.questionnaire import read
    from barometer.questionnaire.outline import outline

    result = read(xlsform)
    if study_path is not None:
        from barometer.study import load_study

        study = load_study(study_path, result.questionnaire)
    click.echo(outline(result.questionnaire, lang=lang))
    if study_path is not None:
        click.echo(f"\nStudy {study.study} {study.version} ({study_path.name}):")
        for concept in study.concepts.values():
            click.echo(f"  {concept.name:<20} {', '.join(concept.items.values())}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if strict and result.warnings:
        raise click.ClickException(f"{len(result.warnings)} pyxform warning(s)")
    click.echo(f"OK: {xlsform} is a valid questionnaire.", err=True)


@group.command("diff")
@click.argument("form_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("form_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "map_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Item mapping (YAML, docs/questionnaire-versions.md). Default: the packaged mapping "
    "between the two versions, if any.",
)
@user_errors
def diff(form_a: Path, form_b: Path, map_path: Path | None) -> None:
    """Print how the items of FORM_A map to FORM_B: same, changed, new, retired, renamed.

    Exits with 1, naming the items, when the forms differ in ways no mapping explains.
    """
    from barometer.questionnaire import load
    from barometer.questionnaire.diff import diff_questionnaires
    from barometer.questionnaire.mapping import read_mapping

    mapping = read_mapping(map_path) if map_path is not None else None
    result = diff_questionnaires(load(form_a), load(form_b), mapping)
    click.echo(result.as_text())


COMMANDS = [group]
