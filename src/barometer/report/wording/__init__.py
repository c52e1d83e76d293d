"""The report's wording: one catalogue per language, ``nl.yaml`` and ``en.yaml``.

Every sentence, heading, column header and label the report layer prints lives in these two
files, one section per part of the report (``report``, ``columns``, ``climate``, ``models``,
``findings``, ``feedback``, ``compare``, ``trends``, ...). Both files have the same sections
and keys, and a key's placeholders (``{n}``) are the same in both languages
(``tests/report/test_wording.py``). To add a language, copy ``en.yaml`` and translate it.

Code reads a section in the shape it needs:

- :func:`section`: ``{lang: {key: text}}``;
- :func:`by_key`: ``{key: {lang: text}}``;
- :func:`pairs`: ``{key: (nl, en)}``;
- :func:`per_lang`: ``{lang: value}`` for a section that is one value (a list of caveats);

and looks texts up with one function, :class:`Wording` (a section bound to a lookup:
``t = Wording("report")``; ``t("en", "title", n=5)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["LANGS", "Wording", "by_key", "catalogue", "pairs", "per_lang", "section"]

LANGS = ("nl", "en")
"""The catalogues shipped; Dutch first (the default and the fallback)."""


def _tuples(x: Any) -> Any:
    """YAML lists as tuples (the wording is read-only), recursively."""
    if isinstance(x, list):
        return tuple(_tuples(v) for v in x)
    if isinstance(x, dict):
        return {k: _tuples(v) for k, v in x.items()}
    return x


@cache
def catalogue(lang: str) -> Mapping[str, Any]:
    """The whole catalogue of ``lang`` (section -> contents)."""
    text = (resources.files("barometer.report.wording") / f"{lang}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {name: _tuples(value) for name, value in data.items()}


def section(name: str) -> dict[str, dict[Any, Any]]:
    """``{lang: {key: text}}`` of one section."""
    return {lang: dict(catalogue(lang)[name]) for lang in LANGS}


def by_key(name: str) -> dict[Any, dict[str, Any]]:
    """``{key: {lang: text}}`` of one section, keys in the Dutch catalogue's order."""
    table = section(name)
    return {key: {lang: table[lang][key] for lang in LANGS} for key in table["nl"]}


def pairs(name: str) -> dict[str, tuple[str, str]]:
    """``{key: (Dutch, English)}`` of one section."""
    table = section(name)
    return {key: (table["nl"][key], table["en"][key]) for key in table["nl"]}


def per_lang(name: str) -> dict[str, Any]:
    """``{lang: value}`` of a section that is one value."""
    return {lang: catalogue(lang)[name] for lang in LANGS}


class Wording:
    """The lookup of one section: ``wording(lang, key, **fields)``.

    The text of ``key`` in ``lang`` (Dutch when the language is not shipped), with
    ``fields`` filled in by :meth:`str.format` when given. A key the section lacks is looked
    up in ``fallback`` if one is given, else it is a :class:`KeyError`. ``capitalise`` makes
    the first letter upper-case (a sentence built from a template).
    """

    def __init__(self, name: str, *, fallback: Wording | None = None, capitalise: bool = False):
        self.name = name
        self.table = section(name)
        self.fallback = fallback
        self.capitalise = capitalise

    def __call__(self, lang: str, key: str, **fields: Any) -> str:
        text = self.table.get(lang, self.table["nl"]).get(key)
        if text is None:
            if self.fallback is not None and key not in self.table["nl"]:
                return self.fallback(lang, key, **fields)
            text = self.table["nl"][key]
        out = str(text).format(**fields) if fields else str(text)
        return out[:1].upper() + out[1:] if self.capitalise else out

    def __repr__(self) -> str:
        return f"Wording({self.name!r})"
