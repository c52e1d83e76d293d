"""WSGI entry point: ``gunicorn barometer.web.wsgi:application`` (see docs/deployment.md)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometer.web.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Read the questionnaire now, so that no respondent waits for it on a first request."""
    from barometer.web.views_survey import questionnaire

    questionnaire()


_warm_up()
