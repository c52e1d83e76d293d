"""Preparing Dutch open answers: scrubbing, tokenising, lemmatising, stop words.

Everything here runs locally on the strings given: no network, no model download. The
lemmas come from ``simplemma`` (its Dutch dictionary ships with the package) and the
general stop words from the ``stop-words`` package. :mod:`barometer.stats.text` builds the
concept clusters on top of these steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import simplemma
from stop_words import get_stop_words

__all__ = [
    "DOMAIN_STOP_WORDS",
    "EXTRA_STOP_WORDS",
    "LEMMA_OVERRIDES",
    "PLACEHOLDERS",
    "lemmatize",
    "preprocess",
    "scrub_text",
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


# --- scrubbing (DESIGN section 8) ------------------------------------------------------

_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_URL = r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
# Dutch numbers have ten digits nationally (0 + 9); internationally +31 or 0031, an
# optional "(0)", then 9 digits. Digits may be separated by a space, dot or hyphen, and
# an area code may stand in brackets: 06-12345678, 020 123 45 67, (020) 1234567,
# +31 6 1234 5678, +31 (0)20-1234567. Service numbers: 0800-1234, 0900-1234567.
_PHONE = (
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.\-]*(?:\(0\)[\s.\-]*)?\d(?:[\s.\-]?\d){8}"
    r"|0(?:[\s.\-]?\d){9}"
    + "".join(rf"|\(0\d{{{n - 1}}}\)[\s.\-]?\d(?:[\s.\-]?\d){{{9 - n}}}" for n in (2, 3, 4))
    + r"|0[89]00[\s.\-]?\d{4}(?:\d{3})?"
    r")(?!\d)"
)

#: Placeholders :func:`scrub_text` puts in place of what it removes.
PLACEHOLDERS: dict[str, str] = {
    "email": "[e-mail]",
    "url": "[url]",
    "phone": "[telefoon]",
    "org": "[organisatie]",
    "person": "[naam]",
}

_PLACEHOLDER = "|".join(re.escape(p) for p in PLACEHOLDERS.values())


def _names_pattern(names: Iterable[str]) -> str | None:
    cleaned = {" ".join(n.split()) for n in names if n and n.strip()}
    if not cleaned:
        return None
    # Longest first, so "Gemeente Nieuwstad" wins over "Nieuwstad"; any run of white
    # space inside a name matches.
    parts = [
        r"\s+".join(re.escape(w) for w in n.split())
        for n in sorted(cleaned, key=lambda n: (-len(n), n))
    ]
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


def scrub_text(
    text: str, *, org_names: Iterable[str] = (), person_names: Iterable[str] = ()
) -> str:
    """Remove identifying details from an open answer before it is shown anywhere.

    Replaces e-mail addresses with ``[e-mail]``, URLs (``http(s)://`` or ``www.``) with
    ``[url]``, Dutch phone numbers with ``[telefoon]``, and the given organisation and
    person names (case-insensitive, whole words, any white space inside a name) with
    ``[organisatie]`` and ``[naam]``.

    Parameters
    ----------
    text : str
        One open answer.
    org_names : iterable of str
        Organisation names, e.g. every name in the frame.
    person_names : iterable of str
        Person names, e.g. the contact persons of the fieldwork.

    Returns
    -------
    str
        The scrubbed text.

    Notes
    -----
    One pass over the text with one combined pattern, so an e-mail address or URL that
    contains a name is replaced as a whole. At one position the order of preference is
    e-mail, URL, phone, organisation, person, and a longer name before a shorter one.
    Placeholders already in the text are left alone, so scrubbing twice changes nothing.

    Examples
    --------
    >>> scrub_text("Bel Jan de Vries (06-12345678) van Gemeente Nieuwstad",
    ...            org_names=["Gemeente Nieuwstad"], person_names=["Jan de Vries"])
    'Bel [naam] ([telefoon]) van [organisatie]'
    """
    alternatives = [
        f"(?P<keep>{_PLACEHOLDER})",
        f"(?P<email>{_EMAIL})",
        f"(?P<url>{_URL})",
        f"(?P<phone>{_PHONE})",
    ]
    org = _names_pattern(org_names)
    if org is not None:
        alternatives.append(f"(?P<org>{org})")
    person = _names_pattern(person_names)
    if person is not None:
        alternatives.append(f"(?P<person>{person})")
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        if match.lastgroup == "keep":
            return match.group(0)
        return PLACEHOLDERS[str(match.lastgroup)]

    return pattern.sub(replace, text)
