"""Fieldwork operations on the database, one function per CLI command.

Decisions (validation, who to mail, counts) are :mod:`barometer.fieldwork`'s; these
functions read and write the store around them. Call :func:`barometer.web.setup` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from barometer.classification import classification
from barometer.fieldwork import FieldworkError
from barometer.fieldwork.frame import read_frame
from barometer.fieldwork.reminders import (
    INVITE,
    NONE,
    MailState,
    ReminderPolicy,
    plan_invitations,
    plan_reminders,
)
from barometer.fieldwork.status import OrgStatus, StatusTable, tabulate
from barometer.questionnaire import Questionnaire, default
from barometer.questionnaire.parameters import ParameterError, resolve
from barometer.web.mailing import MailResult, issue_link, send
from barometer.web.models import AccessToken, MessageLog, Organisation, Response, Wave

_SLUG = re.compile(r"^[A-Za-z0-9_-]{1,50}$")


def get_wave(name: str) -> Wave:
    wave = Wave.objects.filter(name=name).first()
    if wave is None:
        known = ", ".join(Wave.objects.values_list("name", flat=True)) or "none yet"
        raise FieldworkError(f"there is no wave '{name}' (waves: {known})")
    return wave


def create_wave(
    name: str,
    *,
    title: str = "",
    closes_at: datetime | None = None,
    max_reminders: int = 2,
    min_days: int = 7,
    parameters: Mapping[str, str] | None = None,
    leave_out: Iterable[str] = (),
    expected_minutes: int = 20,
    contact_name: str = "",
    contact_email: str = "",
    privacy_nl: str = "",
    privacy_en: str = "",
) -> Wave:
    """Create a wave. ``parameters`` fill the questionnaire's ``{placeholders}`` (checked
    here; None: the values it was fielded with); ``leave_out`` names item tags to omit."""
    if not _SLUG.fullmatch(name):
        raise FieldworkError(f"wave name '{name}': use letters, digits, '-' or '_' (at most 50)")
    if max_reminders < 0 or min_days < 0:
        raise FieldworkError("max reminders and minimum days cannot be negative")
    if not 1 <= expected_minutes <= 240:
        raise FieldworkError(f"expected time {expected_minutes} minutes: give 1 to 240")
    q = default()
    values = q.values if parameters is None else wave_parameters(q, parameters, closes_at)
    tags = sorted(set(leave_out))
    known = {t for item in q.items() for t in item.tags}
    for tag in tags:
        if tag not in known:
            raise FieldworkError(
                f"--leave-out {tag}: no item has that tag (tags: {', '.join(sorted(known))})"
            )
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise FieldworkError(f"contact e-mail '{contact_email}' is not an address") from None
    try:
        with transaction.atomic():
            return Wave.objects.create(
                name=name,
                title=title,
                closes_at=closes_at,
                max_reminders=max_reminders,
                min_days_between=min_days,
                questionnaire_version=q.version,
                parameters=dict(values),
                leave_out=" ".join(tags),
                expected_minutes=expected_minutes,
                contact_name=contact_name,
                contact_email=contact_email,
                privacy_nl=privacy_nl,
                privacy_en=privacy_en,
            )
    except IntegrityError:
        raise FieldworkError(f"wave '{name}' exists already") from None


def wave_parameters(
    q: Questionnaire, given: Mapping[str, str], closes_at: datetime | None
) -> dict[str, str]:
    """The wave's parameter values (see :func:`barometer.questionnaire.parameters.resolve`)."""
    year = timezone.localtime(closes_at).year if closes_at else None
    try:
        return resolve(q.parameters, given, year)
    except ParameterError as exc:
        raise FieldworkError(str(exc)) from None


def list_waves() -> list[Wave]:
    return list(Wave.objects.all())


def close_wave(name: str, when: datetime | None = None) -> Wave:
    wave = get_wave(name)
    wave.closes_at = when or timezone.now()
    wave.save(update_fields=["closes_at"])
    return wave


def import_frame(wave_name: str, path: Path) -> int:
    """Validate the frame CSV and add its organisations to the wave: all or nothing."""
    wave = get_wave(wave_name)
    existing = set(Organisation.objects.filter(wave=wave).values_list("org_id", flat=True))
    cls = classification()
    size_list = default().choice_lists.get("size")
    rows = read_frame(
        path,
        sectors=cls.sector_codes(),
        clusters=cls.cluster_codes(),
        size_classes=size_list.names() if size_list else (),
        existing_ids=existing,
    )
    try:
        with transaction.atomic():
            Organisation.objects.bulk_create(
                [Organisation(wave=wave, **row.__dict__) for row in rows], batch_size=500
            )
    except IntegrityError as exc:  # a concurrent import of the same ids
        raise FieldworkError(f"nothing was imported: {exc}") from None
    return len(rows)


def _mail_states(wave: Wave) -> dict[str, tuple[Organisation, MailState]]:
    orgs = list(Organisation.objects.filter(wave=wave).order_by("org_id"))
    stages = dict(
        Response.objects.filter(organisation__wave=wave).values_list("organisation_id", "status")
    )
    invited: dict[int, datetime] = {}
    reminded: dict[int, list[datetime]] = {}
    logs = MessageLog.objects.filter(organisation__wave=wave, outcome=MessageLog.SENT)
    for org_pk, kind, sent_at in logs.values_list("organisation_id", "kind", "sent_at"):
        if kind == INVITE:
            invited[org_pk] = min(sent_at, invited.get(org_pk, sent_at))
        else:
            reminded.setdefault(org_pk, []).append(sent_at)
    return {
        o.org_id: (
            o,
            MailState(
                org_id=o.org_id,
                stage=stages.get(o.pk, NONE),
                has_email=bool(o.contact_email),
                opted_out=o.opted_out,
                bounced=o.bounced,
                invited_at=invited.get(o.pk),
                reminders_at=tuple(sorted(reminded.get(o.pk, []))),
            ),
        )
        for o in orgs
    }


def _open_wave(wave_name: str) -> Wave:
    wave = get_wave(wave_name)
    if not wave.is_open():
        raise FieldworkError(f"wave '{wave.name}' is closed: its links no longer work")
    return wave


def invite(wave_name: str, *, base_url: str | None = None, dry_run: bool = False) -> MailResult:
    """E-mail every reachable organisation of the wave that has not been invited yet."""
    wave = _open_wave(wave_name)
    states = _mail_states(wave)
    plan = [
        (states[org_id][0], INVITE) for org_id in plan_invitations(s for _, s in states.values())
    ]
    if dry_run:
        return MailResult(planned=[(o.org_id, k) for o, k in plan], dry_run=True)
    return send(wave, plan, base_url or settings.BAROMETER["BASE_URL"])


def remind(
    wave_name: str,
    *,
    base_url: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> MailResult:
    """Remind invited organisations that have not completed, as the wave's policy allows."""
    wave = _open_wave(wave_name)
    states = _mail_states(wave)
    policy = ReminderPolicy(wave.max_reminders, wave.min_days_between)
    chosen = plan_reminders((s for _, s in states.values()), policy, now or timezone.now())
    plan = [(states[org_id][0], kind) for org_id, kind in chosen]
    if dry_run:
        return MailResult(planned=chosen, dry_run=True)
    return send(wave, plan, base_url or settings.BAROMETER["BASE_URL"], now)


def _organisations(wave: Wave, org_ids: Iterable[str]) -> list[Organisation]:
    ids = list(dict.fromkeys(org_ids))
    found = {o.org_id: o for o in Organisation.objects.filter(wave=wave, org_id__in=ids)}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise FieldworkError(f"not in wave '{wave.name}': {', '.join(unknown)}")
    return [found[i] for i in ids]


def record_bounces(wave_name: str, org_ids: Iterable[str]) -> int:
    """Record bounce reports that arrived later: these organisations get no more e-mail."""
    wave = get_wave(wave_name)
    orgs = _organisations(wave, org_ids)
    return Organisation.objects.filter(pk__in=[o.pk for o in orgs], bounced_at__isnull=True).update(
        bounced_at=timezone.now()
    )


def new_link(wave_name: str, org_id: str, base_url: str | None = None) -> str:
    """A fresh personal link for one organisation (to pass on by phone, say)."""
    wave = _open_wave(wave_name)
    (org,) = _organisations(wave, [org_id])
    return issue_link(org, "link", base_url or settings.BAROMETER["BASE_URL"])[0]


def wave_status(wave_name: str, by: str = "sector", lang: str = "nl") -> StatusTable:
    """The response monitor's table (Tabel 1, live)."""
    wave = get_wave(wave_name)
    stages = dict(
        Response.objects.filter(organisation__wave=wave).values_list("organisation_id", "status")
    )
    invited = set(
        MessageLog.objects.filter(
            organisation__wave=wave, kind=INVITE, outcome=MessageLog.SENT
        ).values_list("organisation_id", flat=True)
    ) | set(  # a personal link handed out by ``barometer link`` counts as an invitation
        AccessToken.objects.filter(organisation__wave=wave, purpose="link").values_list(
            "organisation_id", flat=True
        )
    )
    orgs = [
        OrgStatus(
            sector=o.sector,
            cluster=o.cluster,
            invited=o.pk in invited,
            stage=stages.get(o.pk, NONE),
            bounced=o.bounced_at is not None,
            opted_out=o.opted_out_at is not None,
        )
        for o in Organisation.objects.filter(wave=wave).only(
            "pk", "sector", "cluster", "bounced_at", "opted_out_at"
        )
    ]
    cls = classification()
    label = (
        (lambda code: cls.sector_label(code, lang))
        if by == "sector"
        else (lambda code: cls.cluster_label(code, lang))
    )
    return tabulate(orgs, by=by, label=label, lang=lang)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def export(
    wave_name: str, path: Path, *, include_partial: bool = False, raw_csv: bool = False
) -> ExportResult:
    """Write the wave's responses as a dataset (CSV, Parquet, Excel or SPSS by suffix)."""
    from barometer.dataset import Dataset, Record, records_to_frame
    from barometer.dataset.io import write_dataset

    wave = get_wave(wave_name)
    statuses = ["completed", "partial", "started"] if include_partial else ["completed"]
    responses = (
        Response.objects.filter(organisation__wave=wave, status__in=statuses)
        .select_related("organisation")
        .order_by("organisation__org_id")
    )
    records = [
        Record(
            org_id=r.organisation.org_id,
            answers=r.answers,
            sector=r.organisation.sector,
            cluster=r.organisation.cluster,
            wave=wave.name,
        )
        for r in responses
    ]
    q = default()
    left_out = set(wave.leave_out.split())
    not_asked = {i.name for i in q.items() if left_out & set(i.tags)}  # coded -1
    dataset = Dataset.from_frame(records_to_frame(q, records, not_asked=not_asked), q)
    return ExportResult(write_dataset(dataset, path, raw_csv=raw_csv), len(records))


def purge_contacts(wave_name: str) -> int:
    """Remove contact names and e-mail addresses of a closed wave; answers stay."""
    wave = get_wave(wave_name)
    if wave.is_open():
        raise FieldworkError(
            f"wave '{wave.name}' is still open: close it first (barometer wave close {wave.name})"
        )
    return (
        Organisation.objects.filter(wave=wave)
        .exclude(contact_name="", contact_email="")
        .update(contact_name="", contact_email="")
    )


def create_staff(username: str, password: str, email: str = "", superuser: bool = True) -> None:
    """A staff account for the monitor and the admin (password checked by Django's rules)."""
    from django.contrib.auth import get_user_model, password_validation
    from django.core.exceptions import ValidationError as DjangoValidationError

    user_model = get_user_model()
    user = user_model(username=username, email=email, is_staff=True, is_superuser=superuser)
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise FieldworkError("password not accepted: " + " ".join(exc.messages)) from None
    if user_model.objects.filter(username=username).exists():
        raise FieldworkError(f"user '{username}' exists already")
    user.set_password(password)
    user.save()
