"""The wording of the climate chapter (Figures 15-22, 27 and Tabel 3) in Dutch and English."""

from __future__ import annotations

from barometer.report.text import fmt_pct
from barometer.report.wording import Wording, section
from barometer.stats.groups import CUTS_2021

__all__ = ["TEXT", "groups_basis", "tc"]

TEXT: dict[str, dict[str, str]] = section("climate")
"""Wording of this chapter in Dutch and English (see :func:`tc`)."""


tc = Wording("climate")
"""The chapter's text ``key`` in ``lang`` (falling back to Dutch), fields filled in."""


def groups_basis(lang: str) -> str:
    """The note on the fixed cut-offs of the climate groups (the study's ``scale.cuts``)."""
    low, high = (fmt_pct(c, lang, 1) for c in CUTS_2021)
    return tc(lang, "groups_basis", low=low, high=high)
