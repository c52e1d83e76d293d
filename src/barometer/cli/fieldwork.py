"""Fieldwork commands: serve, migrate, wave, frame, invite, remind, status, export, purge."""

from __future__ import annotations

COMMANDS: list = []
