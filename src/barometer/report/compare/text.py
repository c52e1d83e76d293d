"""The wording of the wave comparison in Dutch and English.

Keys not found here fall back to the report's own wording (:func:`barometer.report.text.t`),
so shared phrases (bases, "too few", the country caveats) are written once.
"""

from __future__ import annotations

from barometer.report.text import t
from barometer.report.wording import Wording, section

__all__ = ["COMPARE_COLUMNS", "COMPARE_TEXT", "ct"]

COMPARE_TEXT: dict[str, dict[str, str]] = section("compare")

COMPARE_COLUMNS: dict[str, dict[str, str]] = section("compare_columns")
"""Column key -> header of the comparison tables (the CSV files use the keys)."""


ct = Wording("compare", fallback=t)
"""The comparison text ``key`` in ``lang``; falls back to the report's wording."""
