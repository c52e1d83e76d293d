"""Fixtures for the web tests: Django on an in-process test database, a real SMTP server.

The in-process tests use SQLite (in memory) unless BAROMETER_TEST_INPROCESS_DB names another
database: ``test_postgres.py`` runs them once more against TEST_DATABASE_URL that way.
Tests that need a server process (browser, crash, load) use ``serverutil``.
"""

from __future__ import annotations

import email
import email.policy
import os
import socket
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for surveyhelp and serverutil

from surveyhelp import issue, write_frame

os.environ["DJANGO_SETTINGS_MODULE"] = "barometer.web.settings"
os.environ.setdefault("BAROMETER_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ["DATABASE_URL"] = os.environ.get(
    "BAROMETER_TEST_INPROCESS_DB", "sqlite:///unused-test-database.sqlite3"
)


def pytest_configure(config: pytest.Config) -> None:
    # This conftest is not an initial one, so pytest-django found no settings at start-up;
    # finish its set-up now (django.setup() and blocking database access outside tests).
    from django.conf import settings
    from pytest_django.plugin import _setup_django

    assert settings.DATABASES  # load the settings
    _setup_django(config)


@pytest.fixture
def wave(db: Any, tmp_path: Path) -> Any:
    from barometer.web import operations

    w = operations.create_wave("w1", title="2025")
    operations.import_frame("w1", write_frame(tmp_path / "frame.csv"))
    return w


@pytest.fixture
def link(wave: Any) -> str:
    return issue("G1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpHandler:
    """Accepts every message; refuses recipients whose address starts with 'bounce@'."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refused: list[str] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address.startswith("bounce@"):
            self.refused.append(address)
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpHandler]:
    """A real SMTP server (aiosmtpd) on a free loopback port, used by Django's SMTP backend."""
    from aiosmtpd.controller import Controller

    handler = SmtpHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield handler
    finally:
        controller.stop()
