"""The questionnaire model: items, choices, groups, conditions, labels per language and tags.

The model is read from an XLSForm by :func:`barometer.questionnaire.xlsform.load`. Answers are
held as a mapping of item name to answer: a choice name for ``select_one``, a list of choice
names for ``select_multiple``, a string for ``text`` and a number for ``integer``/``decimal``;
an unanswered item is absent or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from barometer.questionnaire import logic
from barometer.questionnaire.parameters import Parameter

ANSWERABLE = ("select_one", "select_multiple", "text", "integer", "decimal")

#: The dataset's missing codes (DESIGN.md section 5).
NOT_APPLICABLE = -1
DONT_KNOW = -8
NO_ANSWER = -9
MISSING_CODES = {NOT_APPLICABLE: "not applicable", DONT_KNOW: "don't know", NO_ANSWER: "no answer"}


@dataclass(frozen=True)
class Choice:
    name: str
    code: int
    labels: Mapping[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.name)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    def names(self) -> list[str]:
        return [c.name for c in self.choices]

    def by_name(self, name: str) -> Choice | None:
        return next((c for c in self.choices if c.name == name), None)

    def by_code(self, code: int) -> Choice | None:
        return next((c for c in self.choices if c.code == code), None)


@dataclass(frozen=True)
class Item:
    """One row of the survey sheet that holds an answer or a note."""

    name: str
    type: str  # select_one, select_multiple, text, integer, decimal, note
    group: str
    row: int  # spreadsheet row, for messages
    labels: Mapping[str, str]
    hints: Mapping[str, str] = field(default_factory=dict)
    choice_list: ChoiceList | None = None
    required: bool = False
    required_messages: Mapping[str, str] = field(default_factory=dict)
    relevant: str | None = None  # the item's own condition
    group_relevant: tuple[str, ...] = ()  # conditions of the enclosing groups, outermost first
    constraint: str | None = None
    constraint_messages: Mapping[str, str] = field(default_factory=dict)
    appearance: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.type in ANSWERABLE

    @property
    def conditions(self) -> tuple[str, ...]:
        """All conditions that must hold for the item to be shown."""
        own = (self.relevant,) if self.relevant else ()
        return (*self.group_relevant, *own)

    def label(self, lang: str) -> str:
        return _pick(self.labels, lang, self.name)

    def hint(self, lang: str) -> str:
        return _pick(self.hints, lang, "")

    def required_message(self, lang: str) -> str:
        return _pick(self.required_messages, lang, "")

    def constraint_message(self, lang: str) -> str:
        return _pick(self.constraint_messages, lang, "")


@dataclass(frozen=True)
class Group:
    """A page of the questionnaire (a top-level ``begin_group``)."""

    name: str
    labels: Mapping[str, str]
    relevant: str | None
    appearance: str | None
    items: tuple[Item, ...]

    def label(self, lang: str) -> str:
        return _pick(self.labels, lang, self.name)


@dataclass(frozen=True)
class Questionnaire:
    form_id: str
    title: str
    version: str
    languages: tuple[str, ...]  # short codes, e.g. ("nl", "en"); the first is the default
    groups: tuple[Group, ...]
    choice_lists: Mapping[str, ChoiceList]
    source: str = ""
    parameters: tuple[Parameter, ...] = ()  # declared on the parameters sheet
    values: Mapping[str, str] = field(default_factory=dict)  # used in the labels
    left_out: tuple[str, ...] = ()  # tags whose items this version leaves out

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def items(self) -> Iterator[Item]:
        for group in self.groups:
            yield from group.items

    def answerable(self) -> list[Item]:
        return [i for i in self.items() if i.answerable]

    def item(self, name: str) -> Item:
        for it in self.items():
            if it.name == name:
                return it
        raise KeyError(name)

    def group(self, name: str) -> Group:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(name)

    def tagged(self, tag: str) -> list[Item]:
        return [i for i in self.items() if tag in i.tags]

    # -- logic ---------------------------------------------------------------------------
    def is_relevant(self, item: Item, answers: Mapping[str, Any]) -> bool:
        return all(logic.check(c, answers) for c in item.conditions)

    def group_is_relevant(self, group: Group, answers: Mapping[str, Any]) -> bool:
        return logic.check(group.relevant, answers)

    def clear_hidden(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Return ``answers`` without the answers to questions that skip logic now hides.

        Items are visited in questionnaire order, so a cleared answer also hides what
        depends on it further on.
        """
        result = {k: v for k, v in answers.items() if not is_empty(v)}
        for item in self.items():
            if item.name in result and not self.is_relevant(item, result):
                del result[item.name]
        return result

    def check_answer(self, item: Item, answers: Mapping[str, Any], lang: str) -> str | None:
        """Validate one item given all answers; return a message for the respondent or None.

        Hidden items are not checked (their answers are cleared by :meth:`clear_hidden`).
        """
        if not item.answerable or not self.is_relevant(item, answers):
            return None
        value = answers.get(item.name)
        if is_empty(value):
            if item.required:
                return item.required_message(lang) or _REQUIRED.get(lang, _REQUIRED["en"])
            return None
        problem = check_type(item, value)
        if problem:
            return _TYPE_MESSAGES[problem].get(lang, _TYPE_MESSAGES[problem]["en"])
        if item.constraint and not logic.check(item.constraint, answers, value):
            return item.constraint_message(lang) or _INVALID.get(lang, _INVALID["en"])
        return None


_REQUIRED = {"nl": "Deze vraag is verplicht.", "en": "This question is required."}
_INVALID = {"nl": "Dit antwoord is niet toegestaan.", "en": "This answer is not allowed."}
_TYPE_MESSAGES = {
    "choice": {"nl": "Kies een van de antwoorden.", "en": "Choose one of the answers."},
    "integer": {"nl": "Vul een geheel getal in.", "en": "Enter a whole number."},
    "decimal": {"nl": "Vul een getal in.", "en": "Enter a number."},
    "text": {"nl": "Vul tekst in.", "en": "Enter text."},
}


def is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and len(value) == 0)


def check_type(item: Item, value: Any) -> str | None:
    """Return a problem key if ``value`` does not fit the item's type."""
    if item.type == "select_one":
        assert item.choice_list is not None
        return None if isinstance(value, str) and item.choice_list.by_name(value) else "choice"
    if item.type == "select_multiple":
        assert item.choice_list is not None
        if not isinstance(value, list | tuple) or len(set(value)) != len(value):
            return "choice"
        return None if all(item.choice_list.by_name(str(v)) for v in value) else "choice"
    if item.type == "integer":
        return None if isinstance(value, int) and not isinstance(value, bool) else "integer"
    if item.type == "decimal":
        return None if isinstance(value, int | float) and not isinstance(value, bool) else "decimal"
    if item.type == "text":
        return None if isinstance(value, str) else "text"
    return None


def _pick(mapping: Mapping[str, str], lang: str, fallback: str) -> str:
    if mapping.get(lang):
        return mapping[lang]
    return next((v for v in mapping.values() if v), fallback)
