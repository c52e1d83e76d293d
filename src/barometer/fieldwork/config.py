"""Fieldwork settings as data, and the ``DATABASE_URL`` parser.

One tuple of :class:`Setting` feeds the web settings, ``barometer serve --help`` and
docs/deployment.md (the model is Datasette's ``SETTINGS``). Every setting is read from an
environment variable of the same name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from barometer.errors import BarometerError


class ConfigError(BarometerError):
    """A setting has a value that cannot be used."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "sqlite:///barometer.sqlite3",
        "Where the data lives: sqlite:///relative.sqlite3, sqlite:////absolute/path or "
        "postgresql://user:password@host:port/name. The default is a SQLite file in the "
        "working folder.",
    ),
    Setting(
        "BAROMETER_SECRET_KEY",
        "",
        "Django's SECRET_KEY. When empty, a random key is generated once into "
        ".barometer-secret-key in the working folder (mode 0600).",
    ),
    Setting(
        "BAROMETER_ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the site answers to (Django's ALLOWED_HOSTS).",
    ),
    Setting(
        "BAROMETER_HTTPS",
        "0",
        "1 when the site is reached over HTTPS: cookies get the Secure flag, HSTS is sent and "
        "plain HTTP is redirected.",
    ),
    Setting(
        "BAROMETER_PROXY_COUNT",
        "0",
        "Number of trusted reverse proxies in front of the app. When > 0 the client address "
        "is taken from X-Forwarded-For and the scheme from X-Forwarded-Proto.",
    ),
    Setting(
        "BAROMETER_BASE_URL",
        "http://127.0.0.1:8000",
        "Public address of the site, used for the links in e-mails.",
    ),
    Setting("BAROMETER_FROM_EMAIL", "barometer@localhost", "Sender address of e-mails."),
    Setting("EMAIL_HOST", "localhost", "SMTP server."),
    Setting("EMAIL_PORT", "25", "SMTP port."),
    Setting("EMAIL_HOST_USER", "", "SMTP user name (empty: no login)."),
    Setting("EMAIL_HOST_PASSWORD", "", "SMTP password."),
    Setting("EMAIL_USE_TLS", "0", "1 to use STARTTLS."),
    Setting("EMAIL_USE_SSL", "0", "1 to use implicit TLS (SMTPS)."),
    Setting(
        "BAROMETER_THROTTLE_LIMIT",
        "20",
        "Failed survey-link look-ups allowed from one client address per window; more are "
        "answered with 429.",
    ),
    Setting("BAROMETER_THROTTLE_WINDOW", "600", "Length of the throttle window in seconds."),
    Setting("BAROMETER_DEBUG", "0", "1 for Django's debug mode (never in production)."),
)


def setting(name: str, environ: Mapping[str, str] | None = None) -> str:
    """The value of setting ``name`` from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    for s in SETTINGS:
        if s.name == name:
            return env.get(name, s.default)
    raise KeyError(name)


def flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    return setting(name, environ).strip().lower() in ("1", "true", "yes", "on")


def integer(name: str, environ: Mapping[str, str] | None = None) -> int:
    value = setting(name, environ)
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a whole number") from None


def parse_database_url(url: str, base: Path | None = None) -> dict[str, Any]:
    """Django's ``DATABASES['default']`` for ``url``.

    ``sqlite:///name.sqlite3`` is relative to ``base`` (default: the working folder);
    ``sqlite:////abs/path`` is absolute. ``postgres://`` and ``postgresql://`` accept user,
    password, host, port, database name and query options (``sslmode=require``).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if path in ("", "/"):
            raise ConfigError(f"DATABASE_URL {url!r} names no SQLite file")
        name = Path(path[1:])  # "/rel.sqlite3" -> relative, "//abs" -> "/abs"
        if not name.is_absolute():
            name = (base or Path.cwd()) / name
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked"; WAL lets
                # readers go on while one worker writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
            },
        }
    if scheme in ("postgres", "postgresql", "pgsql"):
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ConfigError(f"DATABASE_URL {url!r} names no database")
        options: dict[str, Any] = dict(parse_qsl(parts.query))
        # Server-side prepared statements for the survey's two hot statements
        # (barometer.web.store); Django's own queries are never prepared. "none" turns them
        # off, e.g. behind a transaction-mode pooler without prepared-statement support.
        threshold = str(options.get("prepare_threshold", "5")).strip().lower()
        try:
            options["prepare_threshold"] = None if threshold == "none" else int(threshold)
        except ValueError:
            raise ConfigError(
                f"DATABASE_URL: prepare_threshold={threshold!r} is not a number or 'none'"
            ) from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            # Keep connections across requests: one worker, one connection.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(
        f"DATABASE_URL {url!r}: unsupported scheme {scheme!r} (use sqlite or postgresql)"
    )


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages)."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url
