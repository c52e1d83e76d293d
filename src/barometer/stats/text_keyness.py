"""Keyness: which terms of the open answers are typical of the answers, not of Dutch.

A concept cluster's heaviest terms include words every text uses ("werken", "samen",
"eerder"): they are central in the answers because they are common in the language. For
what a reader sees (word-cloud sizes, the terms table's order, a cluster's title) each term
is weighed against a general Dutch reference, the word frequencies of the ``wordfreq``
package (Zipf scale: log10 of occurrences per billion words, from subtitles, Wikipedia,
news, books and the web).

The keyness of a term is the base-10 log of the ratio between its share of the content
words of the analysed answers and its share of general Dutch::

    keyness = log10(frequency / content_words) - (zipf - 9)

A term unknown to the reference counts as Zipf :data:`ZIPF_FLOOR` (rarer than anything
listed). A term at least a hundred times as common in the answers as in Dutch (keyness >= 2,
:data:`MIN_KEYNESS`) is shown; a more generic one is left out of the display. The
clustering itself does not use keyness: it only changes which of a cluster's terms are
shown and how large.

Examples
--------
>>> k = keyness({"werken": 88, "videobellen": 24}, content_words=5000)
>>> k["videobellen"] > k["werken"]
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from barometer.stats.text import ClusterTerm, ConceptClusters

__all__ = ["MIN_KEYNESS", "ZIPF_FLOOR", "KeyTerm", "key_terms", "keyness"]

MIN_KEYNESS = 2.0
"""A shown term is at least 10**MIN_KEYNESS (100) times as common in the answers as in Dutch."""

ZIPF_FLOOR = 1.0
"""The Zipf value of a term the reference does not list (once per billion words)."""


@dataclass(frozen=True)
class KeyTerm:
    """A cluster term with its keyness and its display score (weight × keyness)."""

    term: ClusterTerm
    keyness: float
    score: float


def keyness(counts: Mapping[str, int], *, content_words: int, lang: str = "nl") -> dict[str, float]:
    """Term -> keyness against general ``lang`` (see the module text)."""
    if content_words <= 0:
        return {term: math.nan for term in counts}
    out = {}
    for term, count in counts.items():
        zipf = max(zipf_frequency(term, lang), ZIPF_FLOOR)
        share = count / content_words
        out[term] = math.log10(share) - (zipf - 9) if share > 0 else math.nan
    return out


def key_terms(
    result: ConceptClusters, terms: Sequence[ClusterTerm], *, min_keyness: float = MIN_KEYNESS
) -> tuple[KeyTerm, ...]:
    """The terms of one cluster worth showing, by display score (highest first).

    ``terms`` are a cluster's terms (already filtered by the disclosure policy's
    ``term_min``); ``result`` gives the number of content words of all analysed answers.
    Terms below ``min_keyness`` are left out; the score is the term's weight in its cluster
    times its keyness, ties by term.
    """
    content_words = int(result.document_terms.sum())
    k = keyness({t.term: t.frequency for t in terms}, content_words=content_words)
    kept = [KeyTerm(t, k[t.term], t.weight * k[t.term]) for t in terms if k[t.term] >= min_keyness]
    return tuple(sorted(kept, key=lambda x: (-x.score, x.term.term)))
