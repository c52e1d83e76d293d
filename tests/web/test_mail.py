"""Invitations and reminders through a real SMTP server (aiosmtpd on loopback)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from surveyhelp import save

from barometer.fieldwork import FieldworkError
from barometer.web import operations
from barometer.web.models import MessageLog, Organisation

LINK = re.compile(r"http://survey\.example/s/[A-Za-z0-9_-]{43}/(?:optout/)?")
BASE = "http://survey.example"


def links(message: Any) -> list[str]:
    body = message.get_content()
    return [m.group(0).removeprefix(BASE) for m in LINK.finditer(body)]


def test_invitations_in_the_contacts_language_with_link_and_opt_out(smtp: Any, wave: Any) -> None:
    result = operations.invite("w1", base_url=BASE)
    assert sorted(result.sent) == ["G1", "G2", "W1", "Z1", "Z2"]
    assert result.bounced == ["G3"] and smtp.refused == ["bounce@callantsoog.example"]
    assert len(smtp.messages) == 5
    nl = smtp.to("an@aadorp.example")[0]
    assert nl["Subject"] == "Uitnodiging: Innovatie Barometer Overheid 2025"
    assert "Geachte An Jansen" in nl.get_content() and nl["To"] == "An Jansen <an@aadorp.example>"
    en = smtp.to("dana@zbo-een.example")[0]
    assert en["Subject"].startswith("Invitation") and "Dear Dana Smit" in en.get_content()
    assert "Dear Sir or Madam" in smtp.to("info@zbo-twee.example")[0].get_content()
    personal, optout = links(nl)
    assert optout == personal + "optout/"
    assert str(nl["List-Unsubscribe"]).strip() == f"<{BASE}{optout}>"
    assert Client().get(personal).status_code == 302  # the link works
    assert Organisation.objects.get(org_id="G3").bounced_at is not None
    # Running again sends nothing: everybody was invited, the bounced one is never retried.
    again = operations.invite("w1", base_url=BASE)
    assert again.sent == [] and again.bounced == [] and len(smtp.messages) == 5


def test_reminders_only_to_who_has_not_completed_with_separate_texts(smtp: Any, wave: Any) -> None:
    operations.invite("w1", base_url=BASE)
    g1, g2, z1 = (links(smtp.to(a)[0])[0] for a in ["an@aadorp", "bo@bedum", "dana@zbo-een"])
    client = Client()
    save(client, g1, "organisation", {"a1_size": "lt100"})  # partial
    Client().get(g2)  # opened, nothing saved
    Organisation.objects.filter(org_id="W1").update(opted_out_at=timezone.now())
    from barometer.web.models import Response

    Response.objects.create(organisation=Organisation.objects.get(org_id="Z1"), status="completed")
    assert z1
    assert operations.remind("w1", base_url=BASE).sent == []  # too soon after the invitation
    later = timezone.now() + timedelta(days=8)
    dry = operations.remind("w1", base_url=BASE, now=later, dry_run=True)
    assert dry.planned == [
        ("G1", "remind_partial"),
        ("G2", "remind_not_started"),
        ("Z2", "remind_not_started"),
    ]
    smtp.messages.clear()
    first = operations.remind("w1", base_url=BASE, now=later)
    assert first.sent == ["G1", "G2", "Z2"]
    partial = smtp.to("an@aadorp.example")[0]
    assert "maak uw vragenlijst af" in partial["Subject"]
    assert "verder waar u was gebleven" in partial.get_content()
    assert "nog niet ontvangen" in smtp.to("bo@bedum.example")[0].get_content()
    assert smtp.to("info@zbo-twee.example")[0]["Subject"].startswith("Reminder:")
    # The reminder's new link continues the same response; the invitation's link still works.
    reminder_link = links(partial)[0]
    assert Client().get(reminder_link)["Location"].endswith("/page/covid/")
    assert Client().get(g1)["Location"].endswith("/page/covid/")
    # Minimum days between reminders, then at most two.
    assert operations.remind("w1", base_url=BASE, now=later + timedelta(days=3)).sent == []
    second = operations.remind("w1", base_url=BASE, now=later + timedelta(days=7))
    assert second.sent == ["G1", "G2", "Z2"]
    assert operations.remind("w1", base_url=BASE, now=later + timedelta(days=30)).sent == []
    kinds = MessageLog.objects.filter(organisation__org_id="G1").values_list("kind", flat=True)
    assert list(kinds) == ["invite", "remind_partial", "remind_partial"]
    assert (
        not MessageLog.objects.filter(organisation__org_id__in=["W1", "Z1", "G3"])
        .exclude(kind="invite")
        .exists()
    )


def test_opted_out_before_the_invitation_is_never_mailed(smtp: Any, wave: Any) -> None:
    operations.record_bounces("w1", ["Z2"])
    Organisation.objects.filter(org_id="W1").update(opted_out_at=timezone.now())
    result = operations.invite("w1", base_url=BASE)
    assert sorted(result.sent) == ["G1", "G2", "Z1"]
    assert not smtp.to("eva@drie.example") and not smtp.to("info@zbo-twee.example")
    with pytest.raises(FieldworkError, match="not in wave 'w1': NOPE"):
        operations.record_bounces("w1", ["G1", "NOPE"])


def test_mail_server_down_is_one_clear_error(settings: Any, wave: Any) -> None:
    from conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(FieldworkError, match="cannot reach the mail server"):
        operations.invite("w1", base_url=BASE)
    assert not MessageLog.objects.exists()


def test_closed_wave_sends_nothing(smtp: Any, wave: Any) -> None:
    operations.close_wave("w1")
    with pytest.raises(FieldworkError, match="closed"):
        operations.invite("w1")
    assert smtp.messages == []
