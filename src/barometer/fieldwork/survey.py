"""The web survey's page flow, form parsing and page contents, from the questionnaire model.

Pure logic: the web layer passes the posted form as a mapping of field name to the list of
posted values and renders the :class:`PageView` it gets back. Skip logic and validation are
the model's (:meth:`Questionnaire.is_relevant`, :meth:`~Questionnaire.check_answer`,
:meth:`~Questionnaire.clear_hidden`), so the browser decides nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from barometer.questionnaire import Group, Item, Questionnaire
from barometer.questionnaire.model import is_empty
from barometer.textrule import MAX_LENGTH, clean

FormData = Mapping[str, Sequence[str]]
MAX_TEXT = MAX_LENGTH  # characters kept of any posted value; constraints say what is allowed


@dataclass(frozen=True)
class ChoiceView:
    value: str
    label: str
    checked: bool
    id: str


@dataclass(frozen=True)
class FieldView:
    """One question (or note) on a page, ready to render."""

    name: str
    kind: str  # radio, checkbox, text, number, note
    label: str
    hint: str
    required: bool
    value: str = ""
    choices: tuple[ChoiceView, ...] = ()
    error: str | None = None

    @property
    def id(self) -> str:
        return f"q-{self.name}"

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    @property
    def describedby(self) -> str:
        ids = [self.hint_id] if self.hint else []
        return " ".join([*ids, self.error_id] if self.error else ids)

    @property
    def first_input_id(self) -> str:
        return self.choices[0].id if self.choices else self.id


@dataclass(frozen=True)
class PageView:
    name: str
    title: str
    number: int
    total: int
    fields: tuple[FieldView, ...]
    previous: str | None = None  # the relevant page before this one (None: the first)

    @property
    def errors(self) -> list[FieldView]:
        return [f for f in self.fields if f.error]

    @property
    def shown(self) -> str:
        """The names of the questions on the page, posted back to detect new questions."""
        return " ".join(f.name for f in self.fields if f.kind != "note")


@dataclass(frozen=True)
class SaveOutcome:
    """The result of posting one page."""

    answers: dict[str, Any]  # all answers to store (invalid values left out, hidden cleared)
    errors: dict[str, str]  # item name -> message, for questions the respondent saw
    missing: frozenset[str]  # names of the errors that are only "required"
    revealed: tuple[str, ...]  # questions the answers just made appear on this page
    raw: dict[str, str] = field(default_factory=dict)  # rejected input, shown back
    cleaned: tuple[str, ...] = ()  # questions whose text lost characters (barometer.textrule)

    @property
    def complete(self) -> bool:
        """Nothing to show the respondent again: no errors, no new questions, nothing removed."""
        return not self.errors and not self.revealed and not self.cleaned

    @property
    def blocking_backwards(self) -> bool:
        """Errors that stop even a step back: invalid input, not missing answers."""
        return any(name not in self.missing for name in self.errors)


# --------------------------------------------------------------------------- pages
def relevant_pages(q: Questionnaire, answers: Mapping[str, Any]) -> list[Group]:
    """The pages to show given ``answers``: relevant groups with at least one visible item."""
    return [
        g
        for g in q.groups
        if q.group_is_relevant(g, answers) and any(q.is_relevant(i, answers) for i in g.items)
    ]


def page_names(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    return [g.name for g in relevant_pages(q, answers)]


def next_page(q: Questionnaire, answers: Mapping[str, Any], current: str) -> str | None:
    """The relevant page after ``current`` in questionnaire order; None means the review."""
    order = [g.name for g in q.groups]
    pages = set(page_names(q, answers))
    after = order[order.index(current) + 1 :] if current in order else order
    return next((name for name in after if name in pages), None)


def previous_page(q: Questionnaire, answers: Mapping[str, Any], current: str) -> str | None:
    order = [g.name for g in q.groups]
    pages = set(page_names(q, answers))
    before = order[: order.index(current)] if current in order else []
    return next((name for name in reversed(before) if name in pages), None)


def page_errors(
    q: Questionnaire, group: Group, answers: Mapping[str, Any], lang: str
) -> dict[str, str]:
    errors = {}
    for item in group.items:
        message = q.check_answer(item, answers, lang)
        if message:
            errors[item.name] = message
    return errors


def first_problem(q: Questionnaire, answers: Mapping[str, Any], lang: str) -> str | None:
    """The first relevant page with a missing or invalid answer (None: ready to submit)."""
    for group in relevant_pages(q, answers):
        if page_errors(q, group, answers, lang):
            return group.name
    return None


# --------------------------------------------------------------------------- posting
def parse_form(
    group: Group, form: FormData, cleaned: list[str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers posted for ``group``'s questions, and the raw text of unparsable numbers.

    Every value is cleaned by :func:`barometer.textrule.clean`; the names of questions that
    lost characters that way are appended to ``cleaned``.
    """
    answers: dict[str, Any] = {}
    raw: dict[str, str] = {}
    for item in group.items:
        if not item.answerable:
            continue
        values = []
        for posted in form.get(item.name, ()):
            text = clean(str(posted))
            if text.changed and cleaned is not None and item.name not in cleaned:
                cleaned.append(item.name)
            values.append(text.text.strip())
        values = [v for v in values if v]
        if not values:
            continue
        if item.type == "select_multiple":
            answers[item.name] = list(dict.fromkeys(values))
        elif item.type in ("integer", "decimal"):
            number = _parse_number(values[0], item.type)
            answers[item.name] = values[0] if number is None else number
            if number is None:
                raw[item.name] = values[0]
        else:
            answers[item.name] = values[0]
    return answers, raw


def save_page(
    q: Questionnaire,
    group: Group,
    saved: Mapping[str, Any],
    form: FormData,
    lang: str,
    shown: Collection[str] | None = None,
) -> SaveOutcome:
    """Merge the posted page into ``saved`` and validate it.

    Valid answers are kept even when other questions on the page have errors, so every
    submit saves what it can. Values that fail their type or constraint are left out of
    the stored answers and returned in ``raw`` to be shown back with the message.
    ``shown`` names the questions the respondent saw; questions that the new answers make
    appear are reported in ``revealed`` rather than as errors.
    """
    cleaned: list[str] = []
    posted, raw = parse_form(group, form, cleaned)
    names = {i.name for i in group.items}
    merged = {k: v for k, v in saved.items() if k not in names}
    merged.update(posted)
    errors = page_errors(q, group, merged, lang)
    missing = frozenset(n for n in errors if is_empty(merged.get(n)))
    invalid = set(errors) - missing
    for name in invalid:
        raw.setdefault(name, _as_text(merged.get(name)))
    stored = q.clear_hidden({k: v for k, v in merged.items() if k not in invalid})
    visible = [i.name for i in group.items if i.answerable and q.is_relevant(i, merged)]
    seen = set(visible) if shown is None else set(shown)
    revealed = tuple(n for n in visible if n not in seen)
    return SaveOutcome(
        answers=stored,
        errors={n: m for n, m in errors.items() if n in seen},
        missing=frozenset(n for n in missing if n in seen),
        revealed=revealed,
        raw={n: v for n, v in raw.items() if n in invalid},
        cleaned=tuple(n for n in cleaned if n in seen),
    )


def _parse_number(text: str, kind: str) -> int | float | None:
    text = text.replace(" ", "")
    try:
        return int(text) if kind == "integer" else float(text.replace(",", "."))
    except ValueError:
        return None


def _as_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- views
def page_view(
    q: Questionnaire,
    group: Group,
    answers: Mapping[str, Any],
    lang: str,
    *,
    errors: Mapping[str, str] | None = None,
    raw: Mapping[str, str] | None = None,
) -> PageView:
    """What to render for ``group`` given ``answers`` (only the questions that apply)."""
    errors = errors or {}
    raw = raw or {}
    pages = page_names(q, answers)
    number = pages.index(group.name) + 1 if group.name in pages else len(pages)
    fields = tuple(
        _field(item, answers, lang, errors.get(item.name), raw.get(item.name))
        for item in group.items
        if q.is_relevant(item, answers)
    )
    order = [g.name for g in q.groups]
    before = set(order[: order.index(group.name)])
    previous = next((name for name in reversed(pages) if name in before), None)
    total = max(len(pages), number)
    return PageView(group.name, group.label(lang), number, total, fields, previous)


def _field(
    item: Item, answers: Mapping[str, Any], lang: str, error: str | None, raw: str | None
) -> FieldView:
    value = answers.get(item.name)
    common: dict[str, Any] = {
        "name": item.name,
        "label": item.label(lang),
        "hint": item.hint(lang),
        "required": item.required,
        "error": error,
    }
    if item.type in ("select_one", "select_multiple"):
        assert item.choice_list is not None
        chosen = set(value) if isinstance(value, list | tuple) else {value}
        choices = tuple(
            ChoiceView(c.name, c.label(lang), c.name in chosen, f"q-{item.name}-{n}")
            for n, c in enumerate(item.choice_list.choices, start=1)
        )
        kind = "radio" if item.type == "select_one" else "checkbox"
        return FieldView(kind=kind, choices=choices, **common)
    if item.type == "text":
        return FieldView(kind="text", value=raw if raw is not None else _as_text(value), **common)
    if item.type in ("integer", "decimal"):
        return FieldView(kind="number", value=raw if raw is not None else _as_text(value), **common)
    return FieldView(kind="note", **common)


@dataclass(frozen=True)
class ReviewSection:
    name: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (question, answer as text)


def review(
    q: Questionnaire, answers: Mapping[str, Any], lang: str, empty: str
) -> list[ReviewSection]:
    """The answers per page, as text, for the review page and the read-only copy."""
    sections = []
    for group in relevant_pages(q, answers):
        rows = tuple(
            (item.label(lang), answer_text(item, answers.get(item.name), lang) or empty)
            for item in group.items
            if item.answerable and q.is_relevant(item, answers)
        )
        sections.append(ReviewSection(group.name, group.label(lang), rows))
    return sections


def answer_text(item: Item, value: Any, lang: str) -> str:
    if is_empty(value):
        return ""
    if item.choice_list is not None:
        values = value if isinstance(value, list | tuple) else [value]
        labels = []
        for v in values:
            choice = item.choice_list.by_name(str(v))
            labels.append(choice.label(lang) if choice else str(v))
        return "; ".join(labels)
    return _as_text(value)
