"""The fixed wording of the per-organisation feedback report, in Dutch and English."""

from __future__ import annotations

from barometer.report.wording import Wording, section

__all__ = ["FEEDBACK_TEXT", "ft"]

FEEDBACK_TEXT: dict[str, dict[str, str]] = section("feedback")


ft = Wording("feedback")
"""The feedback text ``key`` in ``lang`` (falling back to Dutch), with ``fields`` filled in."""
