"""The codebook: one entry per dataset column, built from the questionnaire.

Conventions (DESIGN.md section 5):

- one row per organisation per wave, keyed by ``org_id`` (from the frame);
- ``select_one`` items are integer columns holding the choice's code;
- ``select_multiple`` items become 0/1 columns ``<item>__<choice>`` and keep a summary string
  column ``<item>`` with the chosen names separated by spaces;
- ``integer``/``decimal`` items are numeric columns; ``text`` items are string columns;
- numeric columns use the missing codes -1 (not applicable: skip logic hid the question),
  -9 (no answer) and -8 (don't know, where the question offers it); string columns are empty
  when missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from barometer.questionnaire import (
    DONT_KNOW,
    MISSING_CODES,
    NO_ANSWER,
    NOT_APPLICABLE,
    Item,
    Questionnaire,
)

#: Columns that come from the frame and the fieldwork, not from the questionnaire.
ID_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("org_id", "string", "Organisatie-id (uit het steekproefkader)", "Organisation id (from the frame)"),
    ("wave", "string", "Meting", "Wave"),
    ("sector", "string", "Sector (uit het steekproefkader)", "Sector (from the frame)"),
    ("cluster", "string", "Thematisch cluster (uit het steekproefkader)", "Thematic cluster (from the frame)"),
)  # fmt: skip

MISSING_LABELS = {
    "nl": {-1: "Niet van toepassing", -8: "Weet niet", -9: "Geen antwoord"},
    "en": {-1: "Not applicable", -8: "Don't know", -9: "No answer"},
}
DUMMY_LABELS = {"nl": {0: "Niet gekozen", 1: "Gekozen"}, "en": {0: "Not selected", 1: "Selected"}}


@dataclass(frozen=True)
class Variable:
    """One column of the dataset."""

    name: str
    kind: str  # "numeric" or "string"
    item: str | None  # the questionnaire item it comes from
    role: str  # id, single, multi_summary, multi_dummy, number, text
    labels: dict[str, str]
    values: dict[int, dict[str, str]] = field(default_factory=dict)  # code -> {lang: label}
    missing: tuple[int, ...] = ()
    choice: str | None = None  # for multi dummies: the choice name
    measure: str = "nominal"  # nominal, ordinal, scale
    tags: tuple[str, ...] = ()
    condition: str = ""

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.name)

    def value_labels(self, lang: str) -> dict[int, str]:
        return {
            code: labs.get(lang) or next(iter(labs.values())) for code, labs in self.values.items()
        }


@dataclass(frozen=True)
class Codebook:
    questionnaire_version: str
    variables: tuple[Variable, ...]

    def __iter__(self) -> Iterator[Variable]:
        return iter(self.variables)

    def __len__(self) -> int:
        return len(self.variables)

    def __contains__(self, name: object) -> bool:
        return any(v.name == name for v in self.variables)

    def names(self) -> list[str]:
        return [v.name for v in self.variables]

    def get(self, name: str) -> Variable:
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(name)

    def for_item(self, item: str) -> list[Variable]:
        return [v for v in self.variables if v.item == item]

    def to_frame(self, langs: tuple[str, ...] = ("nl", "en")) -> pd.DataFrame:
        """The codebook as a table (what ``codebook.csv`` holds)."""
        rows = []
        for v in self.variables:
            row: dict[str, object] = {
                "variable": v.name,
                "item": v.item or "",
                "role": v.role,
                "type": v.kind,
                "measure": v.measure,
            }
            for lang in langs:
                row[f"label_{lang}"] = v.label(lang)
            for lang in langs:
                row[f"values_{lang}"] = "; ".join(
                    f"{c}={lab}" for c, lab in v.value_labels(lang).items()
                )
            row["missing"] = " ".join(str(m) for m in v.missing)
            row["condition"] = v.condition
            row["tags"] = " ".join(v.tags)
            row["questionnaire_version"] = self.questionnaire_version
            rows.append(row)
        return pd.DataFrame(rows)


def dummy_name(item: str, choice: str) -> str:
    return f"{item}__{choice}"


def _missing_values(langs: tuple[str, ...], codes: tuple[int, ...]) -> dict[int, dict[str, str]]:
    return {
        c: {lang: MISSING_LABELS.get(lang, MISSING_LABELS["en"])[c] for lang in langs}
        for c in codes
    }


def _item_variables(item: Item, langs: tuple[str, ...]) -> list[Variable]:
    labels = {lang: item.label(lang) for lang in langs}
    condition = " and ".join(f"({c})" for c in item.conditions)
    common = {"item": item.name, "tags": item.tags, "condition": condition}
    if item.type == "select_one":
        assert item.choice_list is not None
        values = {c.code: {lang: c.label(lang) for lang in langs} for c in item.choice_list.choices}
        offers_dk = any(c.code == DONT_KNOW for c in item.choice_list.choices)
        missing = (
            (NOT_APPLICABLE, DONT_KNOW, NO_ANSWER) if offers_dk else (NOT_APPLICABLE, NO_ANSWER)
        )
        for code, labs in _missing_values(langs, missing).items():
            values.setdefault(code, labs)
        positive = [c.code for c in item.choice_list.choices if c.code > 0]
        measure = (
            "ordinal" if len(positive) >= 3 and item.choice_list.name not in _NOMINAL else "nominal"
        )
        return [
            Variable(item.name, "numeric", role="single", labels=labels, values=values,
                     missing=missing, measure=measure, **common)  # type: ignore[arg-type]
        ]  # fmt: skip
    if item.type == "select_multiple":
        assert item.choice_list is not None
        out = [Variable(item.name, "string", role="multi_summary", labels=labels, **common)]  # type: ignore[arg-type]
        for c in item.choice_list.choices:
            dlabels = {lang: f"{item.label(lang)}: {c.label(lang)}" for lang in langs}
            values = {
                k: {lang: DUMMY_LABELS.get(lang, DUMMY_LABELS["en"])[k] for lang in langs}
                for k in (0, 1)
            }
            values.update(_missing_values(langs, (-1, -9)))
            out.append(
                Variable(dummy_name(item.name, c.name), "numeric", role="multi_dummy",
                         labels=dlabels, values=values, missing=(-1, -9), choice=c.name, **common)  # type: ignore[arg-type]
            )  # fmt: skip
        return out
    if item.type in ("integer", "decimal"):
        return [
            Variable(item.name, "numeric", role="number", labels=labels,
                     values=_missing_values(langs, (-1, -9)), missing=(-1, -9), measure="scale", **common)  # type: ignore[arg-type]
        ]  # fmt: skip
    if item.type == "text":
        return [Variable(item.name, "string", role="text", labels=labels, **common)]  # type: ignore[arg-type]
    return []


# Choice lists whose order carries no meaning even when they have 3+ categories.
_NOMINAL = {
    "facilities", "origin", "techshare", "technew", "strategy", "initiative", "channels",
    "collab", "phases", "financing", "results", "yesnodk", "yesno",
}  # fmt: skip


def build_codebook(q: Questionnaire) -> Codebook:
    """The codebook of the dataset that ``q`` produces."""
    langs = q.languages
    variables = [
        Variable(name, kind, item=None, role="id", labels={"nl": nl, "en": en})
        for name, kind, nl, en in ID_COLUMNS
    ]
    for item in q.answerable():
        variables.extend(_item_variables(item, langs))
    return Codebook(q.version, tuple(variables))


def missing_label(code: int, lang: str = "en") -> str:
    return MISSING_LABELS.get(lang, MISSING_LABELS["en"]).get(code, MISSING_CODES.get(code, ""))
