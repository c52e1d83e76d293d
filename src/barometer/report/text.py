"""The report's fixed wording in Dutch and English, and number formatting per language."""

from __future__ import annotations

import math
from typing import Any

from pandas import NA as _NA

from barometer.report.wording import Wording, per_lang, section

__all__ = ["LANGS", "caveats", "fmt_int", "fmt_p", "fmt_pct", "t"]

LANGS = ("nl", "en")

TEXT: dict[str, dict[str, str]] = section("report")

COLUMNS: dict[str, dict[str, str]] = section("columns")
"""Column key -> header, for the HTML tables (the CSV files use the keys)."""

CAVEATS: dict[str, tuple[str, ...]] = per_lang("caveats")


WEIGHTED_CAVEAT: dict[str, str] = per_lang("weighted_caveat")


def caveats(lang: str, *, weighted: bool = False) -> tuple[str, ...]:
    """The caveats on international comparisons; the one on weighting says whether the Dutch
    figures are weighted."""
    items = CAVEATS.get(lang, CAVEATS["nl"])
    if not weighted:
        return items
    return tuple(WEIGHTED_CAVEAT.get(lang, WEIGHTED_CAVEAT["nl"]) if i == 2 else c
                 for i, c in enumerate(items))  # fmt: skip


t = Wording("report")
"""The text ``key`` in ``lang`` (falling back to Dutch), with ``fields`` filled in."""


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def fmt_int(n: Any, lang: str) -> str:
    """A whole number with a thousands separator (2.271 in Dutch, 2,271 in English)."""
    if n is None or (isinstance(n, float) and math.isnan(n)) or n is _NA:
        return "–"
    value = int(n)
    sign = "-" if value < 0 else ""
    return sign + _group(str(abs(value)), "." if lang == "nl" else ",")


def fmt_pct(x: Any, lang: str, decimals: int = 1) -> str:
    """A percentage number (no % sign) with the language's decimal mark; '–' if missing."""
    if x is None or x is _NA or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{float(x):.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


def fmt_p(p: Any, lang: str) -> str:
    """A p-value: ``< 0,001`` or three decimals."""
    if p is None or p is _NA or (isinstance(p, float) and math.isnan(p)):
        return "–"
    text = "< 0.001" if p < 0.001 else f"{p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text
