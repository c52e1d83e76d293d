"""Who gets an invitation or a reminder, and which text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from barometer.fieldwork.reminders import (
    COMPLETED,
    PARTIAL,
    REMIND_NOT_STARTED,
    REMIND_PARTIAL,
    STARTED,
    MailState,
    ReminderPolicy,
    plan_invitations,
    plan_reminders,
    reminder_kind,
)

NOW = datetime(2025, 5, 20, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
POLICY = ReminderPolicy(max_reminders=2, min_days=7)


def test_invitations_go_to_reachable_organisations_not_invited_before() -> None:
    states = [
        MailState("a"),
        MailState("b", invited_at=NOW),
        MailState("c", bounced=True),
        MailState("d", opted_out=True),
        MailState("e", has_email=False),
    ]
    assert plan_invitations(states) == ["a"]


def test_reminder_texts_differ_for_never_started_and_partial() -> None:
    base = {"invited_at": NOW - 10 * DAY}
    assert reminder_kind(MailState("a", **base), POLICY, NOW) == REMIND_NOT_STARTED
    assert reminder_kind(MailState("a", stage=STARTED, **base), POLICY, NOW) == REMIND_NOT_STARTED
    assert reminder_kind(MailState("a", stage=PARTIAL, **base), POLICY, NOW) == REMIND_PARTIAL


def test_no_reminder_for_completed_uninvited_bounced_or_opted_out() -> None:
    invited = NOW - 10 * DAY
    assert reminder_kind(MailState("a", stage=COMPLETED, invited_at=invited), POLICY, NOW) is None
    assert reminder_kind(MailState("a"), POLICY, NOW) is None
    assert reminder_kind(MailState("a", bounced=True, invited_at=invited), POLICY, NOW) is None
    assert reminder_kind(MailState("a", opted_out=True, invited_at=invited), POLICY, NOW) is None


def test_min_days_since_the_last_mail_and_max_reminders() -> None:
    invited = NOW - 20 * DAY
    recent = MailState("a", invited_at=invited, reminders_at=(NOW - 6 * DAY,))
    assert reminder_kind(recent, POLICY, NOW) is None
    due = MailState("a", invited_at=invited, reminders_at=(NOW - 7 * DAY,))
    assert reminder_kind(due, POLICY, NOW) == REMIND_NOT_STARTED
    enough = MailState("a", invited_at=invited, reminders_at=(NOW - 14 * DAY, NOW - 7 * DAY))
    assert reminder_kind(enough, POLICY, NOW) is None
    assert reminder_kind(enough, ReminderPolicy(max_reminders=3, min_days=7), NOW) is not None
    just_invited = MailState("a", invited_at=NOW - 3 * DAY)
    assert reminder_kind(just_invited, POLICY, NOW) is None


def test_plan_reminders_lists_kind_per_organisation() -> None:
    invited = NOW - 8 * DAY
    states = [
        MailState("a", invited_at=invited),
        MailState("b", stage=PARTIAL, invited_at=invited),
        MailState("c", stage=COMPLETED, invited_at=invited),
    ]
    assert plan_reminders(states, POLICY, NOW) == [("a", REMIND_NOT_STARTED), ("b", REMIND_PARTIAL)]
