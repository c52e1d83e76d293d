"""What the respondent is told around the questions, per wave: who they answer for, the
expected time, the closing date, the privacy statement, a contact, what happens next; and a
copy of the submitted answers as a PDF (escaped: every text goes through autoescaping Jinja).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from barometer.web.i18n import texts
from barometer.web.models import Organisation, Wave


def contact(wave: Wave | None) -> str:
    """The wave's contact as one line of text ("" when the wave names none)."""
    if wave is None or not wave.contact_email:
        return ""
    name = wave.contact_name.strip()
    return f"{name} ({wave.contact_email})" if name else wave.contact_email


def current_contact() -> str:
    """For a link that matches no wave: the contact of the newest wave that names one."""
    wave = Wave.objects.exclude(contact_email="").order_by("-created_at").first()
    return contact(wave)


def closes_text(wave: Wave) -> str:
    if wave.closes_at is None:
        return ""
    return timezone.localtime(wave.closes_at).strftime("%d-%m-%Y %H:%M").removesuffix(" 00:00")


def privacy(wave: Wave, lang: str) -> str:
    own = wave.privacy_en if lang == "en" else wave.privacy_nl
    return own or texts(lang)["privacy_default"]


def welcome(org: Organisation, lang: str) -> dict[str, Any]:
    """The welcome block of the first page."""
    t, wave = texts(lang), org.wave
    closes = closes_text(wave)
    who = contact(wave)
    return {
        "title": t["welcome_title"],
        "lines": [
            t["welcome_for"].format(org=org.name),
            t["welcome_time"].format(minutes=wave.expected_minutes),
            *([t["welcome_closes"].format(date=closes)] if closes else []),
        ],
        "privacy_title": t["privacy_title"],
        "privacy": privacy(wave, lang),
        "contact": t["contact_line"].format(contact=who) if who else "",
    }


def next_steps(org: Organisation, answers: dict[str, Any], lang: str) -> list[str]:
    """What happens after submission, for the thank-you page."""
    t = texts(lang)
    lines = [t["next_steps"]]
    if answers.get("f2_feedback_report") == "yes":
        lines.append(t["next_feedback"])
    who = contact(org.wave)
    if who:
        lines.append(t["contact_line"].format(contact=who))
    return lines


def answers_pdf(html: str) -> bytes:
    """The copy of the answers (HTML rendered by the autoescaping template) as PDF."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())
