"""``barometer demo``, ``barometer report`` and the dataset commands."""

from __future__ import annotations

COMMANDS: list = []
