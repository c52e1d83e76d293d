"""The lookup of the wording of Tekstvak 2 (:mod:`barometer.report.figures.logistic`) and
Afbeelding 2 (:mod:`barometer.report.figures.text_clusters`), section ``models`` of the
catalogues, and how their numbers are written (in the CSV and in the text)."""

from __future__ import annotations

import math

from barometer.report.wording import Wording

__all__ = ["LETTERS", "fmt_csv", "fmt_dec", "mt"]

LETTERS = "abcdefghijklmnopqrstuvwxyz"
"""Letters of the parts of a figure (models, clusters): 4a, 4b, ..."""

mt = Wording("models")
"""Wording of Tekstvak 2 and Afbeelding 2 (Dutch fallback)."""


def fmt_csv(x: float | None, decimals: int = 3) -> str:
    """A number as the CSV publishes it: fixed decimals, a point, "" when missing."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    return f"{x:.{decimals}f}"


def fmt_dec(x: float, lang: str, decimals: int = 3) -> str:
    """A number in the text: fixed decimals, a decimal comma in Dutch."""
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text
