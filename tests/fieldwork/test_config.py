"""DATABASE_URL parsing and settings as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometer.fieldwork.config import SETTINGS, ConfigError, parse_database_url, redact, setting


def test_sqlite_default_is_relative_to_the_working_folder(tmp_path: Path) -> None:
    db = parse_database_url("sqlite:///barometer.sqlite3", tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "barometer.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_absolute_path(tmp_path: Path) -> None:
    db = parse_database_url(f"sqlite:///{tmp_path}/x.sqlite3")
    assert db["NAME"] == f"{tmp_path}/x.sqlite3"


def test_postgresql_url() -> None:
    db = parse_database_url("postgresql://bar%40o:p%2Fw@db.local:6543/baro?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "bar@o",
        "p/w",
        "db.local",
        "6543",
        "baro",
    )
    assert db["OPTIONS"] == {"sslmode": "require", "prepare_threshold": 5}
    assert db["CONN_MAX_AGE"] > 0 and db["CONN_HEALTH_CHECKS"]
    assert parse_database_url("postgres://u@h/n")["PORT"] == ""


def test_prepared_statements_can_be_turned_off_or_tuned() -> None:
    off = parse_database_url("postgresql://u@h/n?prepare_threshold=none")
    assert off["OPTIONS"]["prepare_threshold"] is None
    assert parse_database_url("postgresql://u@h/n?prepare_threshold=0")["OPTIONS"] == {
        "prepare_threshold": 0
    }
    with pytest.raises(ConfigError, match="prepare_threshold"):
        parse_database_url("postgresql://u@h/n?prepare_threshold=x")


@pytest.mark.parametrize("url", ["mysql://u@h/n", "postgresql://u@h/", "sqlite://", "nonsense"])
def test_unusable_urls_are_reported(url: str) -> None:
    with pytest.raises(ConfigError):
        parse_database_url(url)


def test_redact_hides_the_password() -> None:
    assert redact("postgresql://u:secret@h/n") == "postgresql://u:***@h/n"
    assert redact("sqlite:///x") == "sqlite:///x"


def test_every_setting_has_help_and_a_default_reader() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for s in SETTINGS:
        assert s.help.strip()
        assert setting(s.name, {}) == s.default
    assert setting("EMAIL_PORT", {"EMAIL_PORT": "2525"}) == "2525"


def test_deployment_doc_lists_every_setting() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text("utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in doc, s.name
