"""Invitations and reminders through Django's SMTP backend, from Dutch and English templates.

Each message carries a newly issued token (see :mod:`barometer.fieldwork.tokens` for why) in
the personal link and in the opt-out link. A recipient the server refuses permanently (5xx)
marks the organisation as bounced; it is never mailed again.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from barometer.fieldwork import FieldworkError
from barometer.fieldwork.tokens import hash_token, new_token
from barometer.web.models import AccessToken, MessageLog, Organisation, Wave

SUBJECTS = {
    "invite": {
        "nl": "Uitnodiging: Innovatie Barometer Overheid {wave}",
        "en": "Invitation: Public Sector Innovation Barometer {wave}",
    },
    "remind_not_started": {
        "nl": "Herinnering: Innovatie Barometer Overheid {wave}",
        "en": "Reminder: Public Sector Innovation Barometer {wave}",
    },
    "remind_partial": {
        "nl": "Herinnering: maak uw vragenlijst af (Innovatie Barometer {wave})",
        "en": "Reminder: please complete your questionnaire (Innovation Barometer {wave})",
    },
}


@dataclass
class MailResult:
    """What a mailing did (or, with ``dry_run``, would do)."""

    planned: list[tuple[str, str]] = field(default_factory=list)  # (org_id, kind)
    sent: list[str] = field(default_factory=list)
    bounced: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # temporary refusal: try again later
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            return f"{len(self.planned)} message(s) would be sent (dry run)"
        parts = [f"{len(self.sent)} sent", f"{len(self.bounced)} bounced"]
        if self.deferred:
            parts.append(f"{len(self.deferred)} deferred (temporary refusal; run again later)")
        return ", ".join(parts)


def issue_link(org: Organisation, purpose: str, base_url: str) -> tuple[str, str]:
    """A new token for ``org``: (personal link, opt-out link). Only the digest is stored."""
    token = new_token()
    AccessToken.objects.create(organisation=org, token_hash=hash_token(token), purpose=purpose)
    base = base_url.rstrip("/")
    return f"{base}/s/{token}/", f"{base}/s/{token}/optout/"


def compose(org: Organisation, wave: Wave, kind: str, link: str, optout: str) -> EmailMessage:
    lang = org.language if org.language in ("nl", "en") else "nl"
    context = {
        "org": org,
        "wave": wave,
        "link": link,
        "optout": optout,
        "closes": timezone.localtime(wave.closes_at).strftime("%d-%m-%Y") if wave.closes_at else "",
    }
    body = render_to_string(f"mail/{kind}.{lang}.txt", context)
    subject = SUBJECTS[kind][lang].format(wave=wave.title or wave.name)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((org.contact_name, org.contact_email))],
        headers={
            "List-Unsubscribe": f"<{optout}>",
            "Auto-Submitted": "auto-generated",
        },
    )


def send(
    wave: Wave,
    plan: list[tuple[Organisation, str]],
    base_url: str,
    now: datetime | None = None,
) -> MailResult:
    """Send one message per ``(organisation, kind)`` over one SMTP connection.

    Each message is logged as soon as the server accepted it, so a run that stops halfway
    (server down) can simply be repeated: nobody gets the same message twice. ``now`` fixes
    the time logged (for simulating a fieldwork calendar); by default the clock's.
    """
    result = MailResult(planned=[(o.org_id, k) for o, k in plan])
    if not plan:
        return result
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        raise FieldworkError(f"cannot reach the mail server: {exc}") from None
    try:
        for org, kind in plan:
            link, optout = issue_link(org, kind, base_url)
            message = compose(org, wave, kind, link, optout)
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as exc:
                codes = [code for code, _ in exc.recipients.values()]
                if codes and min(codes) >= 500:
                    when = now or timezone.now()
                    Organisation.objects.filter(pk=org.pk).update(bounced_at=when)
                    MessageLog.objects.create(
                        organisation=org, kind=kind, outcome=MessageLog.BOUNCED, sent_at=when
                    )
                    result.bounced.append(org.org_id)
                else:
                    result.deferred.append(org.org_id)
                continue
            except (smtplib.SMTPException, OSError) as exc:
                raise FieldworkError(
                    f"the mail server failed after {len(result.sent)} message(s): {exc}. "
                    "Those were logged; run the command again to send the rest."
                ) from None
            MessageLog.objects.create(organisation=org, kind=kind, sent_at=now or timezone.now())
            result.sent.append(org.org_id)
    finally:
        connection.close()
    return result
