"""The lookup of the feedback report's wording (section ``feedback`` of the catalogues)."""

from __future__ import annotations

from barometer.report.wording import Wording

__all__ = ["ft"]

ft = Wording("feedback")
"""The feedback text ``key`` in ``lang`` (falling back to Dutch), with ``fields`` filled in."""
