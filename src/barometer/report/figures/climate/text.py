"""The wording of the climate chapter (Figures 15-22, 27 and Tabel 3) in Dutch and English."""

from __future__ import annotations

from barometer.report.wording import Wording, section

__all__ = ["TEXT", "tc"]

TEXT: dict[str, dict[str, str]] = section("climate")
"""Wording of this chapter in Dutch and English (see :func:`tc`)."""


tc = Wording("climate")
"""The chapter's text ``key`` in ``lang`` (falling back to Dutch), fields filled in."""
