"""Synthetic open answers: short Dutch descriptions of "the most recent innovation".

A public-sector manager types one to four sentences into the open question about the
organisation's most recent innovation. :func:`description` writes such an answer for one of
three themes, so that tests, demos and benchmarks of the text-mining pipeline have a corpus
with known structure:

``"digital_data"``
    digitalisation and data-driven work: dashboards, e-formulieren, chatbots, a zaaksysteem,
    open data, algorithms, privacy and information security, digital signing.
``"homework_meetings"``
    home working and meetings during the pandemic: thuiswerken, videobellen with Zoom,
    Skype, Webex or Teams, online and hybrid meetings, laptops handed out.
``"practice"``
    the other kinds of innovation: new ways of working with residents and clients, regional
    collaboration, knowledge sharing, pilots, lean or agile teams, participation, the
    social domain, sustainability.

The sentences are built from a small recursive grammar (templates with ``{slot}`` fields
filled from lists of fragments), then roughened the way typed answers are: some are a bare
noun phrase, some lack the final full stop, some are all lower case, a few have a typo. The
templates and fragments live in the package data file ``barometer/data/demo_texts.yaml``.
Every text is invented for this module; none contains a person's name, an e-mail address or
a phone number.

The generator is deterministic: the same :class:`numpy.random.Generator` state gives the
same texts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

__all__ = ["THEMES", "description"]

THEMES: tuple[str, ...] = ("digital_data", "homework_meetings", "practice")

Grammar = dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _grammars() -> dict[str, Grammar]:
    """The grammar of each theme, read once from ``barometer/data/demo_texts.yaml``.

    Each theme's grammar is the shared ``common`` fragments plus the theme's own.
    """
    text = (resources.files("barometer") / "data" / "demo_texts.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    if set(raw["themes"]) != set(THEMES):
        raise ValueError(f"demo_texts.yaml: themes {sorted(raw['themes'])}, expected {THEMES}")

    def grammar(section: dict[str, list[str]]) -> Grammar:
        return {name: tuple(str(f) for f in fragments) for name, fragments in section.items()}

    common = grammar(raw["common"])
    return {theme: {**common, **grammar(raw["themes"][theme])} for theme in THEMES}


_SLOT = re.compile(r"\{(\w+)\}")


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _expand(rng: np.random.Generator, template: str, grammar: Grammar) -> str:
    def fill(match: re.Match[str]) -> str:
        return _expand(rng, _pick(rng, grammar[match.group(1)]), grammar)

    text = _SLOT.sub(fill, template)
    # An empty fragment leaves a double space or a space before punctuation.
    return re.sub(r"\s+([.,:])", r"\1", re.sub(r" {2,}", " ", text)).strip()


def _typo(rng: np.random.Generator, text: str) -> str:
    """Swap two neighbouring letters in one longer word (a typing slip)."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long_words:
        return text
    i = long_words[int(rng.integers(len(long_words)))]
    w = words[i]
    j = int(rng.integers(1, len(w) - 2))
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def description(rng: np.random.Generator, theme: str) -> str:
    """One invented Dutch description of an organisation's most recent innovation.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness; the same state gives the same text.
    theme : {"digital_data", "homework_meetings", "practice"}
        What the innovation is about (see :data:`THEMES` and the module docstring).

    Returns
    -------
    str
        One to four sentences, sometimes only a short phrase, with the casing, missing
        full stops and occasional typos of typed answers.

    Raises
    ------
    ValueError
        ``theme`` is not one of :data:`THEMES`.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
    grammar = _grammars()[theme]
    sentences = [_expand(rng, _pick(rng, grammar["core"]), grammar)]
    n_extra = int(rng.choice(4, p=[0.3, 0.35, 0.25, 0.1]))
    extras = grammar["extra"]
    for k in rng.permutation(len(extras))[:n_extra]:
        sentences.append(_expand(rng, extras[int(k)], grammar))
    if n_extra and rng.random() < 0.25:
        sentences.append(_pick(rng, grammar["slot"]))
    sentences = [s[0].upper() + s[1:] for s in sentences if s]
    # A short phrase followed by more sentences still needs its full stop.
    text = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences[:-1])
    text = f"{text} {sentences[-1]}".strip()

    roll = rng.random()
    if roll < 0.08:
        text = text.lower()
    elif roll < 0.11:
        text = text[0].lower() + text[1:]
    if rng.random() < 0.2 and text.endswith("."):
        text = text[:-1]
    if rng.random() < 0.1:
        text = _typo(rng, text)
    return text
