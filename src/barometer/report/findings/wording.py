"""The wording of the management summary and the findings chapter, in Dutch and English.

:data:`TEMPLATES` hold words and ``{placeholders}`` only, never a number (a test scans
them); :func:`share_words` picks the quantifier for a percentage ("meer dan driekwart",
"ongeveer tweederde"), :data:`PHRASES` name the predictors of Tekstvak 2 inside a sentence,
and :func:`tpl` fills a template. The logic that picks the numbers and the template is in
:mod:`barometer.report.findings.chapter`.
"""

from __future__ import annotations

import re

from barometer.report.text import fmt_p, fmt_pct
from barometer.report.wording import Wording, pairs, per_lang, section
from barometer.stats.models import ModelsResult
from barometer.stats.models_frame import coefficient_label

__all__ = [
    "PHRASES",
    "SHARE_BOUNDS",
    "SHARE_WORDS",
    "TEMPLATES",
    "in_text",
    "join_words",
    "p_str",
    "pct_str",
    "phrase",
    "share_words",
    "tpl",
]

TEMPLATES: dict[str, dict[str, str]] = section("findings")
"""Sentence templates: words and placeholders only (no digits; a test checks)."""

SHARE_BOUNDS: tuple[float, ...] = (
    95.0,
    85.0,
    77.0,
    72.5,
    69.0,
    62.0,
    55.0,
    45.0,
    37.0,
    29.0,
    22.0,
    15.0,
    5.0,
    0.0,
)
"""Lower bounds (percent, inclusive) of the quantifiers, highest first; the words are the
wording section ``share_words``, one per bound."""

SHARE_WORDS: tuple[tuple[float, str, str], ...] = tuple(
    zip(SHARE_BOUNDS, per_lang("share_words")["nl"], per_lang("share_words")["en"], strict=True)
)
"""Lower bound (percent, inclusive) -> quantifier in Dutch and English, highest first."""


def share_words(pct: float, lang: str) -> str:
    """The quantifier for a percentage: 78 -> "meer dan driekwart", 66 -> "ongeveer tweederde".

    The words follow the number as printed (:func:`pct_str`, no decimals), so 84.98 printed
    as "85%" is "de grote meerderheid", never "meer dan driekwart (85%)".

    Examples
    --------
    >>> share_words(78, "nl"), share_words(66, "en"), share_words(84.98, "nl")
    ('meer dan driekwart', 'about two thirds', 'de grote meerderheid')
    """
    printed = float(f"{float(pct):.0f}")  # as pct_str prints it
    for low, nl, en in SHARE_WORDS:
        if printed >= low:
            return en if lang == "en" else nl
    return SHARE_WORDS[-1][2] if lang == "en" else SHARE_WORDS[-1][1]


PHRASES: dict[str, tuple[str, str]] = pairs("findings_phrases")
"""Coefficient name -> phrase (Dutch, English) for the findings on Tekstvak 2; other
coefficients (sector and size levels) use their table label."""


def phrase(name: str, lang: str, res: ModelsResult) -> str:
    """A coefficient of Tekstvak 2 inside a sentence (:data:`PHRASES`, else its label)."""
    if name in PHRASES:
        nl, en = PHRASES[name]
        return en if lang == "en" else nl
    return in_text(coefficient_label(name, lang, res.frame))


tpl = Wording("findings", capitalise=True)
"""The template ``key`` filled in, first letter upper-case."""


def join_words(names: list[str], lang: str) -> str:
    """Names in a sentence: "a", "a en b", "a, b en c" (the word ``and`` of the language)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {TEMPLATES.get(lang, TEMPLATES['nl'])['and']} {names[-1]}"


def pct_str(x: float, lang: str) -> str:
    """A percentage in a sentence: no decimals."""
    return fmt_pct(x, lang, 0)


def in_text(label: str) -> str:
    """A category label inside a sentence: without its explanation in brackets, first letter
    lower-case unless an acronym ("Hogere efficiency (zelfde ...)" -> "hogere efficiency")."""
    label = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def p_str(p: float, lang: str) -> str:
    """A p-value after "p" in a sentence: "= 0,03" or "< 0,001"."""
    text = fmt_p(p, lang)
    return text if text.startswith("<") else f"= {text}"
