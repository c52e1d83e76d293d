"""The Jinja2 environment of the respondent pages (fast to render, autoescaped)."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from jinja2 import Environment
from markupsafe import Markup, escape


def linebreaksbr(value: Any) -> Markup:
    """Escape ``value`` and turn its line breaks into <br>."""
    return Markup("<br>").join(escape(str(value)).split("\n"))


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals["static"] = static
    env.filters["linebreaksbr"] = linebreaksbr
    return env
