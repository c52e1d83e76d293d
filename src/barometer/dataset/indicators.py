"""Indicators of a wave, read off its questionnaire: one 0/1 series per share we track.

No item is named here; the rules follow the questionnaire's structure (docs/trends.md):

* a single-choice question whose list has ``yes``: the share answering *yes*;
* a single-choice question on the agree scale (``agree``, ``strongly_agree``): the share
  that (strongly) agrees;
* any other single-choice question: the share of each choice (not "don't know");
* a multiple-choice question: the share choosing each option.

The base is every organisation the question applied to that gave an answer, "don't know"
included (so the share that innovated is of all respondents, as the 2021 report printed
it); not applicable (-1) and no answer (-9) are outside the base (NaN).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from barometer.questionnaire import NO_ANSWER, NOT_APPLICABLE, Item, Questionnaire

__all__ = ["Indicator", "indicator_values", "indicators"]

_AGREE = ("agree", "strongly_agree")
_DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Indicator:
    """One share: ``item`` (a question), ``option`` (a choice, "" for yes / agree), the
    ``kind`` of rule, and the labels of the question and the option per language."""

    key: str
    item: str
    option: str
    kind: str  # yes, agree, choice, option
    item_labels: tuple[tuple[str, str], ...]
    option_labels: tuple[tuple[str, str], ...]

    def label(self, lang: str) -> str:
        item = dict(self.item_labels).get(lang) or dict(self.item_labels).get("nl", self.item)
        opt = dict(self.option_labels).get(lang) or dict(self.option_labels).get("nl", "")
        return f"{item}: {opt}" if opt else item


def _labels(item: Item, langs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((lang, item.label(lang)) for lang in langs)


def indicators(q: Questionnaire) -> Iterator[Indicator]:
    """Every indicator of ``q``, in questionnaire order."""
    langs = q.languages
    for item in q.items():
        cl = item.choice_list
        if cl is None or item.type not in ("select_one", "select_multiple"):
            continue
        names = cl.names()
        labels = _labels(item, langs)
        if item.type == "select_one" and "yes" in names:
            yes = cl.by_name("yes")
            assert yes is not None
            opt = tuple((lang, yes.label(lang)) for lang in langs)
            yield Indicator(f"{item.name}=yes", item.name, "yes", "yes", labels, opt)
        elif item.type == "select_one" and all(a in names for a in _AGREE):
            opt = tuple(
                (lang, "(zeer) eens" if lang == "nl" else "(strongly) agree") for lang in langs
            )
            yield Indicator(f"{item.name}=agree", item.name, "agree", "agree", labels, opt)
        else:
            kind = "choice" if item.type == "select_one" else "option"
            for c in cl.choices:
                if c.name == _DONT_KNOW:
                    continue
                opt = tuple((lang, c.label(lang)) for lang in langs)
                yield Indicator(f"{item.name}={c.name}", item.name, c.name, kind, labels, opt)


def indicator_values(data: pd.DataFrame, q: Questionnaire, ind: Indicator) -> pd.Series:
    """The 0/1 values of ``ind`` per row of ``data`` (NaN: outside the base)."""
    item = q.item(ind.item)
    assert item.choice_list is not None
    if ind.kind == "option":
        col = pd.to_numeric(data[f"{ind.item}__{ind.option}"], errors="coerce")
        return col.where(col.isin((0, 1))).astype(float)
    col = pd.to_numeric(data[ind.item], errors="coerce")
    valid = col.notna() & ~col.isin((NOT_APPLICABLE, NO_ANSWER))
    if ind.kind == "agree":
        wanted = [c.code for c in item.choice_list.choices if c.name in _AGREE]
    else:
        wanted = [c.code for c in item.choice_list.choices if c.name == ind.option]
    out = pd.Series(np.where(col.isin(wanted), 1.0, 0.0), index=data.index)
    return out.where(valid)
