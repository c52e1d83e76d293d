"""The Jinja2 environment of the respondent pages (fast to render, autoescaped)."""

from __future__ import annotations

import functools
from typing import Any

from django.templatetags.static import static
from jinja2 import Environment
from markupsafe import Markup, escape

from barometer.fieldwork.survey import FieldView
from barometer.web.i18n import texts

CACHED_KINDS = ("radio", "checkbox", "note")


def linebreaksbr(value: Any) -> Markup:
    """Escape ``value`` and turn its line breaks into <br>."""
    return Markup("<br>").join(escape(str(value)).split("\n"))


def json_safe(text: str) -> Markup:
    """JSON text made safe inside a <script> element (no "</script>", no "<!--")."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def environment(**options: Any) -> Environment:
    env = Environment(**options)

    def render_field(field: FieldView, lang: str) -> Markup:
        html = env.get_template("field.html").render(f=field, t=texts(lang))
        return Markup(html)  # autoescaped by the template

    # A question with choices looks the same whenever the same choices are checked: its
    # markup depends on the questionnaire, the language and the checked choices only (no
    # respondent's text), so it is rendered once per process and variant.
    cached_field = functools.lru_cache(maxsize=4096)(render_field)

    def field_html(field: FieldView, lang: str) -> Markup:
        return (cached_field if field.kind in CACHED_KINDS else render_field)(field, lang)

    env.globals["static"] = functools.cache(static)  # the same URL for the process's life
    env.globals["field_html"] = field_html
    env.filters["linebreaksbr"] = linebreaksbr
    env.filters["json_safe"] = json_safe
    return env
