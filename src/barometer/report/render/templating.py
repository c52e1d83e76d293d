"""The one Jinja2 environment and stylesheet the report, feedback and comparison pages share.

Autoescaping is on: every user-supplied text (open answers, names, labels from an imported
questionnaire) is escaped wherever a template shows it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader


@lru_cache(maxsize=1)
def env() -> Environment:
    return Environment(
        loader=PackageLoader("barometer.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def css() -> str:
    return (resources.files("barometer.report") / "static" / "report.css").read_text("utf-8")
