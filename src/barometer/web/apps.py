from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "barometer.web"
    label = "web"
    verbose_name = "Fieldwork"
    default_auto_field = "django.db.models.BigAutoField"
