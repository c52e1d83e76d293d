"""Preparing Dutch open answers: scrubbing, tokenising, lemmatising, stop words.

Everything here runs locally on the strings given: no network, no model download. The
lemmas come from ``simplemma`` (its Dutch dictionary ships with the package) and the
general stop words from the ``stop-words`` package. :mod:`barometer.stats.text` builds the
concept clusters on top of these steps. Scrubbing names and contact data lives in
:mod:`barometer.stats.text_scrub` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import simplemma
from stop_words import get_stop_words

from barometer.stats.text_scrub import PLACEHOLDERS, scrub_text, scrub_texts

__all__ = [
    "DOMAIN_STOP_WORDS",
    "EXTRA_STOP_WORDS",
    "LEMMA_OVERRIDES",
    "PLACEHOLDERS",
    "encode_lemmas",
    "lemmatize",
    "preprocess",
    "scrub_text",
    "scrub_texts",
    "stop_words",
    "tokenize",
]

#: Function words the ``stop-words`` Dutch list (about 100 words) lacks but that carry no
#: concept in an answer: possessives, conjunctions, auxiliaries and very general verbs and
#: quantifiers. Matched against both the token and its lemma.
EXTRA_STOP_WORDS: frozenset[str] = frozenset(
    {
        "alle", "allemaal", "daarbij", "daarmee", "daarnaast", "deels", "dus", "één", "elk",
        "elke", "enkele", "erg", "even", "gaan", "gaat", "geen", "hele", "heel", "hierbij",
        "hierdoor", "iedereen", "komen", "kunnen", "meest", "meer", "minder", "moeten",
        "mogen", "onze", "per", "sinds", "steeds", "tussen", "twee", "via", "vanaf",
        "vanuit", "waar", "waarbij", "waardoor", "waarin", "waarmee", "wanneer", "weer",
        "willen", "worden", "zeer", "zodat", "zijn", "zullen",
    }
)  # fmt: skip

#: Words every answer to "describe your most recent innovation" may use, whatever the
#: innovation is; they would tie every concept to every other one.
DOMAIN_STOP_WORDS: frozenset[str] = frozenset(
    {
        "gemeente", "innovatie", "innovatief", "innoveren", "nieuw", "organisatie",
        "overheid", "overheidsorganisatie", "project",
    }
)  # fmt: skip

#: Tokens whose ``simplemma`` lemma would change their meaning in these answers: "data"
#: would become "datum", "gegevens" (data) "gegeven" (a fact), the meeting tools "Zoom"
#: and "Teams" the verb "zoomen" and the noun "team".
LEMMA_OVERRIDES: dict[str, str] = {
    "data": "data",
    "gegevens": "gegevens",
    "zoom": "zoom",
    "teams": "teams",
    "skype": "skype",
    "webex": "webex",
    "media": "media",
}

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case word tokens.

    A token is a run of letters, hyphenated compounds kept whole ("e-formulier",
    "mt-overleg"); digits and punctuation separate tokens and are dropped.

    Examples
    --------
    >>> tokenize("Thuiswerken via MS Teams, sinds 2020 (e-formulieren)!")
    ['thuiswerken', 'via', 'ms', 'teams', 'sinds', 'e-formulieren']
    """
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=65536)
def lemmatize(token: str) -> str:
    """The Dutch lemma of one lower-case token (``simplemma``, ``lang="nl"``).

    :data:`LEMMA_OVERRIDES` come first. ``simplemma`` writes a separable verb with an
    underscore ("ingevoerd" -> "in_voeren"); the underscore is dropped ("invoeren").

    Examples
    --------
    >>> lemmatize("vergaderingen"), lemmatize("digitale"), lemmatize("ingevoerd")
    ('vergadering', 'digitaal', 'invoeren')
    """
    if token in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[token]
    return str(simplemma.lemmatize(token, lang="nl")).replace("_", "").lower()


@lru_cache(maxsize=1)
def _general_stop_words() -> frozenset[str]:
    return frozenset(get_stop_words("dutch")) | EXTRA_STOP_WORDS


def stop_words(*, domain: bool = True, extra: Iterable[str] = ()) -> frozenset[str]:
    """The stop-word set: the ``stop-words`` Dutch list plus :data:`EXTRA_STOP_WORDS`.

    Parameters
    ----------
    domain : bool
        Also drop :data:`DOMAIN_STOP_WORDS`.
    extra : iterable of str
        More words to drop (lower-cased).
    """
    words = _general_stop_words()
    if domain:
        words = words | DOMAIN_STOP_WORDS
    return words | {w.lower() for w in extra}


def preprocess(text: str, *, stop: frozenset[str] | None = None, min_length: int = 2) -> list[str]:
    """Tokenise, lower-case, lemmatise and remove stop words from one answer.

    Parameters
    ----------
    text : str
        One open answer.
    stop : frozenset of str, optional
        Stop words, checked against the token and against its lemma; default
        :func:`stop_words` ``()``.
    min_length : int
        Lemmas shorter than this are dropped.

    Returns
    -------
    list of str
        The remaining lemmas in text order (repeats kept).

    Examples
    --------
    >>> preprocess("Wij hebben digitale formulieren ingevoerd voor de burgers.")
    ['digitaal', 'formulier', 'invoeren', 'burger']
    """
    stop = stop_words() if stop is None else stop
    lemmas = []
    for token in tokenize(text):
        if token in stop:
            continue
        lemma = lemmatize(token)
        if lemma in stop or len(lemma) < min_length:
            continue
        lemmas.append(lemma)
    return lemmas


def encode_lemmas(
    texts: Sequence[str], *, stop: frozenset[str] | None = None, min_length: int = 2
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The lemmas :func:`preprocess` keeps from every text, as integer codes.

    Each distinct token is decided once (dropped, or its lemma); the kept tokens of all
    texts come back as two aligned arrays, so that no list per text is built.

    Returns
    -------
    lemmas : list of str
        The distinct lemmas kept, numbered in order of first occurrence.
    text : numpy.ndarray
        For each kept token (texts in order, tokens in text order), its text's position.
    code : numpy.ndarray
        For each kept token, its lemma's number in ``lemmas``.

    Examples
    --------
    >>> lemmas, text, code = encode_lemmas(["Digitale formulieren", "", "formulieren en data"])
    >>> lemmas, text.tolist(), code.tolist()
    (['digitaal', 'formulier', 'data'], [0, 0, 2, 2], [0, 1, 1, 2])
    """
    drop = stop_words() if stop is None else stop
    lemmas: list[str] = []
    number: dict[str, int] = {}

    class Codes(dict[str, int]):
        def __missing__(self, token: str) -> int:
            code = -1
            if token not in drop:
                lemma = lemmatize(token)
                if lemma not in drop and len(lemma) >= min_length:
                    code = number.setdefault(lemma, len(number))
                    if code == len(lemmas):
                        lemmas.append(lemma)
            self[token] = code
            return code

    codes = Codes()
    flat: list[int] = []
    lengths = np.empty(len(texts), dtype=np.intp)
    for i, text in enumerate(texts):
        found = [codes[token] for token in _TOKEN.findall(text.lower())]
        flat.extend(found)
        lengths[i] = len(found)
    code = np.array(flat, dtype=np.intp)
    text_of = np.repeat(np.arange(len(texts), dtype=np.intp), lengths)
    kept = code >= 0
    return lemmas, text_of[kept], code[kept]
