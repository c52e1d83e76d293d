"""The web layer: a Django project serving the respondent survey, the staff monitor and the
admin. It stores and serves; the decisions live in :mod:`barometer.fieldwork`.
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "barometer.web.settings"


def setup() -> None:
    """Configure Django with barometer's settings (unless another module is set) once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
