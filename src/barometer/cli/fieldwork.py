"""Fieldwork commands: serve, migrate, wave, frame, invite, remind, status, export, purge.

Each command sets up Django (``barometer.web.setup``) and calls one library function of
:mod:`barometer.web.operations` or :mod:`barometer.web.server`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import ModuleType

import click

from barometer.cli.errors import RAW_CSV, user_errors


def _ops() -> ModuleType:
    from barometer.web import setup

    setup()
    from barometer.web import operations

    return operations


def _server() -> ModuleType:
    from barometer.web import setup

    setup()
    from barometer.web import server

    return server


BASE_URL = click.option(
    "--base-url",
    default=None,
    help="Public address of the site for the links (default: $BAROMETER_BASE_URL).",
)
DRY_RUN = click.option("--dry-run", is_flag=True, help="Show how many would be sent; send none.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, help="Number of gunicorn workers.")
@user_errors
def serve(host: str, port: int, workers: int) -> None:
    """Serve the survey, the monitor and the admin (SQLite here unless DATABASE_URL is set)."""
    _server().serve(host, port, workers)


@click.command("migrate")
@user_errors
def migrate() -> None:
    """Create or update the database tables (run after installing or upgrading)."""
    applied = _server().migrate(verbosity=0)
    click.echo(f"{len(applied)} migration(s) applied; the database is up to date.")


@click.group("wave")
def wave() -> None:
    """Create, list and close fieldwork waves."""


@wave.command("create")
@click.argument("name")
@click.option("--title", default="", help="Title used in e-mails (default: the name).")
@click.option(
    "--closes",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
    default=None,
    help="When the links stop working (local time), e.g. 2025-06-30.",
)
@click.option("--max-reminders", default=2, show_default=True, help="Reminders at most.")
@click.option("--min-days", default=7, show_default=True, help="Minimum days between two e-mails.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A questionnaire parameter, e.g. first_year=2023 (repeat). Years of the reference "
    "period default to the two years before the closing year.",
)
@click.option(
    "--leave-out", multiple=True, metavar="TAG", help="Leave out items with this tag, e.g. covid."
)
@click.option(
    "--minutes", default=20, show_default=True, help="Expected time to complete, in minutes."
)
@click.option("--contact-name", default="", help="Contact for respondents (welcome page).")
@click.option("--contact-email", default="", help="Contact e-mail address for respondents.")
@click.option(
    "--privacy-nl",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Text file with the Dutch privacy statement (default: the standard statement).",
)
@click.option(
    "--privacy-en",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Text file with the English privacy statement (default: the standard statement).",
)
@user_errors
def wave_create(
    name: str,
    title: str,
    closes: datetime | None,
    max_reminders: int,
    min_days: int,
    params: tuple[str, ...],
    leave_out: tuple[str, ...],
    minutes: int,
    contact_name: str,
    contact_email: str,
    privacy_nl: Path | None,
    privacy_en: Path | None,
) -> None:
    """Create a wave NAME (for example 2025)."""
    from barometer.questionnaire.parameters import parse_assignments

    ops = _ops()  # sets Django up: the time zone below is a Django setting
    from django.utils import timezone

    when = timezone.make_aware(closes) if closes else None
    w = ops.create_wave(
        name,
        title=title,
        closes_at=when,
        max_reminders=max_reminders,
        min_days=min_days,
        parameters=parse_assignments(params),
        leave_out=leave_out,
        expected_minutes=minutes,
        contact_name=contact_name,
        contact_email=contact_email,
        privacy_nl=privacy_nl.read_text(encoding="utf-8").strip() if privacy_nl else "",
        privacy_en=privacy_en.read_text(encoding="utf-8").strip() if privacy_en else "",
    )
    values = ", ".join(f"{k}={v}" for k, v in w.parameters.items())
    left = f"; leaves out: {w.leave_out}" if w.leave_out else ""
    click.echo(f"wave {w.name} created (questionnaire {w.questionnaire_version}: {values}{left})")


@wave.command("list")
@user_errors
def wave_list() -> None:
    """List the waves with their closing dates."""
    ops = _ops()
    from django.utils import timezone

    for w in ops.list_waves():
        closes = (
            timezone.localtime(w.closes_at).strftime("%Y-%m-%d %H:%M") if w.closes_at else "open"
        )
        click.echo(f"{w.name}\t{closes}\t{w.title}")


@wave.command("close")
@click.argument("name")
@user_errors
def wave_close(name: str) -> None:
    """Close wave NAME now: its links stop working."""
    _ops().close_wave(name)
    click.echo(f"wave {name} closed")


@click.group("frame")
def frame() -> None:
    """The sampling frame of a wave."""


@frame.command("import")
@click.argument("wave_name", metavar="WAVE")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@user_errors
def frame_import(wave_name: str, csv_file: Path) -> None:
    """Validate CSV_FILE and add its organisations to WAVE (all or nothing).

    Columns: org_id, name, sector, cluster, size_class, contact_name, contact_email, language.
    """
    n = _ops().import_frame(wave_name, csv_file)
    click.echo(f"{n} organisation(s) imported into wave {wave_name}")


@click.command("invite")
@click.argument("wave_name", metavar="WAVE")
@BASE_URL
@DRY_RUN
@user_errors
def invite(wave_name: str, base_url: str | None, dry_run: bool) -> None:
    """E-mail the personal link to every organisation of WAVE not yet invited."""
    click.echo(_ops().invite(wave_name, base_url=base_url, dry_run=dry_run).summary())


@click.command("remind")
@click.argument("wave_name", metavar="WAVE")
@BASE_URL
@DRY_RUN
@user_errors
def remind(wave_name: str, base_url: str | None, dry_run: bool) -> None:
    """Remind organisations of WAVE that have not completed (within the wave's limits)."""
    click.echo(_ops().remind(wave_name, base_url=base_url, dry_run=dry_run).summary())


@click.command("bounce")
@click.argument("wave_name", metavar="WAVE")
@click.argument("org_ids", nargs=-1, required=True)
@user_errors
def bounce(wave_name: str, org_ids: tuple[str, ...]) -> None:
    """Record bounce reports for ORG_IDS of WAVE: they are never mailed again."""
    n = _ops().record_bounces(wave_name, org_ids)
    click.echo(f"{n} organisation(s) recorded as bounced")


@click.command("link")
@click.argument("wave_name", metavar="WAVE")
@click.argument("org_id")
@BASE_URL
@user_errors
def link(wave_name: str, org_id: str, base_url: str | None) -> None:
    """Print a new personal link for ORG_ID (earlier links keep working)."""
    click.echo(_ops().new_link(wave_name, org_id, base_url))


@click.command("status")
@click.argument("wave_name", metavar="WAVE")
@click.option(
    "--by",
    type=click.Choice(["sector", "cluster"]),
    multiple=True,
    help="Break down by sector and/or cluster (default: both).",
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", help="Language of labels.")
@user_errors
def status(wave_name: str, by: tuple[str, ...], lang: str) -> None:
    """Print the response monitor of WAVE: invited, started, partial, completed, ..."""
    from barometer.fieldwork.status import render_text

    ops = _ops()
    for n, key in enumerate(by or ("sector", "cluster")):
        if n:
            click.echo()
        click.echo(render_text(ops.wave_status(wave_name, by=key, lang=lang), lang))


@click.command("export")
@click.argument("wave_name", metavar="WAVE")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--include-partial", is_flag=True, help="Also export responses that were not submitted."
)
@RAW_CSV
@user_errors
def export(wave_name: str, out: Path, include_partial: bool, raw_csv: bool) -> None:
    """Write the responses of WAVE to OUT (.csv, .parquet, .xlsx or .sav)."""
    result = _ops().export(wave_name, out, include_partial=include_partial, raw_csv=raw_csv)
    click.echo(f"{result.rows} response(s) written to {result.path}")


@click.command("purge-contacts")
@click.argument("wave_name", metavar="WAVE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_errors
def purge_contacts(wave_name: str, yes: bool) -> None:
    """Remove contact names and e-mail addresses of closed WAVE; the answers stay."""
    if not yes:
        click.confirm(f"Remove all contact names and e-mail addresses of {wave_name}?", abort=True)
    n = _ops().purge_contacts(wave_name)
    click.echo(f"contacts removed from {n} organisation(s)")


@click.command("create-staff")
@click.argument("username")
@click.option("--email", default="", help="E-mail address of the staff member.")
@click.password_option(help="Password (asked for when not given).")
@user_errors
def create_staff(username: str, email: str, password: str) -> None:
    """Create a staff account USERNAME for the monitor and the admin."""
    _ops().create_staff(username, password, email)
    click.echo(f"staff account {username} created")


COMMANDS: list[click.Command] = [
    serve,
    migrate,
    wave,
    frame,
    invite,
    remind,
    bounce,
    link,
    status,
    export,
    purge_contacts,
    create_staff,
]
