"""Who gets an invitation, who gets a reminder, and which text.

Pure decisions over a snapshot of each organisation's mail state; the web layer reads the
snapshot from the database and sends what :func:`plan_invitations` and
:func:`plan_reminders` return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

INVITE = "invite"
REMIND_NOT_STARTED = "remind_not_started"
REMIND_PARTIAL = "remind_partial"
KINDS = (INVITE, REMIND_NOT_STARTED, REMIND_PARTIAL)

#: Response stages, in order.
NONE, STARTED, PARTIAL, COMPLETED = "none", "started", "partial", "completed"
STAGES = (NONE, STARTED, PARTIAL, COMPLETED)


@dataclass(frozen=True)
class ReminderPolicy:
    """How often to remind: at most ``max_reminders``, ``min_days`` after the last mail."""

    max_reminders: int = 2
    min_days: int = 7


@dataclass(frozen=True)
class MailState:
    """What is known about one organisation when deciding whom to mail."""

    org_id: str
    stage: str = NONE
    has_email: bool = True
    opted_out: bool = False
    bounced: bool = False
    invited_at: datetime | None = None
    reminders_at: tuple[datetime, ...] = field(default_factory=tuple)

    @property
    def reachable(self) -> bool:
        """Mail may be sent: an address, no bounce, no opt-out."""
        return self.has_email and not self.opted_out and not self.bounced

    @property
    def last_mail(self) -> datetime | None:
        times = [t for t in (self.invited_at, *self.reminders_at) if t is not None]
        return max(times) if times else None


def plan_invitations(states: Iterable[MailState]) -> list[str]:
    """Organisations to invite: reachable and not invited before."""
    return [s.org_id for s in states if s.reachable and s.invited_at is None]


def reminder_kind(state: MailState, policy: ReminderPolicy, now: datetime) -> str | None:
    """The reminder ``state`` should get now, or None.

    Only invited, reachable organisations that have not completed; at most
    ``policy.max_reminders``; not before ``policy.min_days`` after the last mail.
    Organisations that saved at least one page get the text for partial responses.
    """
    if not state.reachable or state.invited_at is None or state.stage == COMPLETED:
        return None
    if len(state.reminders_at) >= policy.max_reminders:
        return None
    last = state.last_mail
    if last is not None and now - last < timedelta(days=policy.min_days):
        return None
    return REMIND_PARTIAL if state.stage == PARTIAL else REMIND_NOT_STARTED


def plan_reminders(
    states: Iterable[MailState], policy: ReminderPolicy, now: datetime
) -> list[tuple[str, str]]:
    """``(org_id, kind)`` for every organisation that should be reminded now."""
    plan = []
    for s in states:
        kind = reminder_kind(s, policy, now)
        if kind is not None:
            plan.append((s.org_id, kind))
    return plan
