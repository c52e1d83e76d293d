"""Fieldwork: the frame, access tokens, who to invite and remind, response status, the page
flow of the web survey. Pure logic, no web framework: :mod:`barometer.web` stores and serves.
"""

from barometer.errors import BarometerError
from barometer.fieldwork.config import SETTINGS, ConfigError, Setting, parse_database_url
from barometer.fieldwork.frame import FrameRow, parse_frame, read_frame
from barometer.fieldwork.reminders import (
    INVITE,
    REMIND_NOT_STARTED,
    REMIND_PARTIAL,
    MailState,
    ReminderPolicy,
    plan_invitations,
    plan_reminders,
    reminder_kind,
)
from barometer.fieldwork.status import OrgStatus, StatusTable, render_text, tabulate
from barometer.fieldwork.tokens import hash_token, looks_like_token, new_token, verify_token


class FieldworkError(BarometerError):
    """A fieldwork operation cannot be done (unknown wave, wave closed, mail server down)."""


__all__ = [
    "INVITE",
    "REMIND_NOT_STARTED",
    "REMIND_PARTIAL",
    "SETTINGS",
    "ConfigError",
    "FieldworkError",
    "FrameRow",
    "MailState",
    "OrgStatus",
    "ReminderPolicy",
    "Setting",
    "StatusTable",
    "hash_token",
    "looks_like_token",
    "new_token",
    "parse_database_url",
    "parse_frame",
    "plan_invitations",
    "plan_reminders",
    "read_frame",
    "reminder_kind",
    "render_text",
    "tabulate",
    "verify_token",
]
