"""The report as a publication: its colophon (publisher, date, version, contact, licence).

The values come from ``barometer/data/publication.yaml`` (or a file of the same form that a
deployment passes to :func:`load_colophon`); the date is the day the report is built, in
the report's language ("5 december 2026", "5 December 2026"), and the version names the
software that computed it as well. The template prints the colophon on the cover's back
(PDF) and at the foot of the web page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from barometer import __version__
from barometer.report.wording import per_lang

__all__ = ["Colophon", "format_date", "load_colophon"]

MONTHS = per_lang("months")
FIELDS = ("publisher", "contact", "licence", "licence_url", "version")


def format_date(day: dt.date, lang: str) -> str:
    """``day`` written out in ``lang``: "5 december 2026" / "5 December 2026"."""
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Colophon:
    """Who publishes the report, when, which version, whom to ask, and under which licence."""

    publisher: str = ""
    contact: str = ""
    licence: Mapping[str, str] | str = ""
    licence_url: str = ""
    version: str = ""
    date: dt.date | None = None  # None: the day the report is built

    def licence_in(self, lang: str) -> str:
        if isinstance(self.licence, str):
            return self.licence
        return self.licence.get(lang) or self.licence.get("nl", "")

    def dated(self, day: dt.date | None = None) -> Colophon:
        """The colophon with its date set (``day``, default today) if it had none."""
        if self.date is not None:
            return self
        return replace(self, date=day or dt.date.today())

    def lines(self, lang: str) -> list[tuple[str, str]]:
        """(label key, value) of each line to print, in order; empty values left out."""
        version = (
            f"{self.version} (barometer {__version__})"
            if self.version
            else f"barometer {__version__}"
        )
        out = [
            ("colophon_publisher", self.publisher),
            ("colophon_date", format_date(self.date, lang) if self.date else ""),
            ("colophon_version", version),
            ("colophon_contact", self.contact),
            ("colophon_licence", self.licence_in(lang)),
        ]
        return [(k, v) for k, v in out if v]


def _from(values: Mapping[str, Any], what: str) -> Colophon:
    unknown = sorted(set(values) - set(FIELDS) - {"date"})
    if unknown:
        raise ValueError(f"{what}: unknown keys {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    kw: dict[str, Any] = {}
    for key in FIELDS:
        value = values.get(key)
        if value is None:
            continue
        if key == "licence" and isinstance(value, Mapping):
            kw[key] = {str(k): str(v) for k, v in value.items()}
        else:
            kw[key] = str(value)
    if values.get("date") is not None:
        day = values["date"]
        kw["date"] = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return Colophon(**kw)


def load_colophon(path: Path | None = None) -> Colophon:
    """The colophon of ``path`` (YAML, the keys of ``data/publication.yaml``), or the shipped
    defaults. Keys the file leaves out keep their default."""
    shipped = (resources.files("barometer") / "data" / "publication.yaml").read_text("utf-8")
    values: dict[str, Any] = dict(yaml.safe_load(shipped) or {})
    if path is not None:
        own = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(own, Mapping):
            raise ValueError(f"{path}: expected keys {', '.join(FIELDS)}")
        _from(own, str(path))  # unknown keys are an error
        values.update(own)
    return _from(values, str(path or "publication.yaml"))
