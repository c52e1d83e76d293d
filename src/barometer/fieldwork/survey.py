"""The web survey's page flow, form parsing and page contents, from the questionnaire model.

Pure logic: the web layer passes the posted form as a mapping of field name to the list of
posted values and renders the :class:`PageView` it gets back. Skip logic and validation are
the model's (:meth:`Questionnaire.is_relevant`, :meth:`~Questionnaire.check_answer`,
:meth:`~Questionnaire.clear_hidden`). A page carries every question of its section, each with
its conditions as parse trees, so the browser can show and hide them as the respondent
answers (``static/web/logic.js``); the server decides again on every save.

Answers to questions that skip logic hides are kept while the respondent works (a change of
mind brings them back) and cleared at final submission (:func:`final_answers`) and in the
export.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from barometer.questionnaire import Group, Item, Questionnaire, logic
from barometer.questionnaire.model import check_type, is_empty
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
    visible: bool = True  # shown now (hidden questions are in the page, for the script)
    conditions: str = ""  # JSON list of parse trees that must all hold ("" when none)
    value_type: str = ""  # integer/decimal for numbers, so the script reads them as numbers
    grid: str = ""  # choice list shared with its neighbours: rendered as one grid

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
    context: str = "{}"  # JSON: answers elsewhere that this page's conditions refer to
    hidden_elsewhere: str = "[]"  # JSON: answered questions on other pages, with conditions

    @property
    def errors(self) -> list[FieldView]:
        return [f for f in self.fields if f.error]

    @property
    def shown(self) -> str:
        """The names of the questions shown, posted back to detect new questions."""
        return " ".join(f.name for f in self.fields if f.kind != "note" and f.visible)

    @property
    def blocks(self) -> list[FieldView | GridView]:
        """The fields in order, neighbours sharing a grid choice list gathered into one grid."""
        out: list[FieldView | GridView] = []
        for f in self.fields:
            last = out[-1] if out else None
            if f.grid and isinstance(last, GridView) and last.choice_list == f.grid:
                out[-1] = GridView(last.choice_list, last.headers, (*last.rows, f))
            elif f.grid:
                out.append(GridView(f.grid, tuple(c.label for c in f.choices), (f,)))
            else:
                out.append(f)
        return out


@dataclass(frozen=True)
class GridView:
    """Single-choice questions sharing a choice list: a table on wide screens."""

    choice_list: str
    headers: tuple[str, ...]
    rows: tuple[FieldView, ...]

    kind = "grid"


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
    answers = q.clear_hidden(answers)
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
    effective = q.clear_hidden(answers)  # kept answers of hidden questions count for nothing
    for item in group.items:
        message = q.check_answer(item, effective, lang)
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
    stored = {k: v for k, v in merged.items() if k not in invalid and not is_empty(v)}
    shown_now = q.clear_hidden(stored)
    for item in group.items:  # hidden now: kept if well-formed, else the earlier answer
        if (
            item.name in stored
            and item.name not in shown_now
            and check_type(item, stored[item.name])
        ):
            if item.name in saved:
                stored[item.name] = saved[item.name]
            else:
                del stored[item.name]
    effective = q.clear_hidden(merged)
    visible = [i.name for i in group.items if i.answerable and q.is_relevant(i, effective)]
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
    """What to render for ``group`` given ``answers``: every question of the section, those
    that do not apply now marked hidden, with their conditions for the browser.

    The position is the section's place among all sections, so it never goes backwards
    when an answer adds or skips sections.
    """
    errors = errors or {}
    raw = raw or {}
    effective = q.clear_hidden(answers)
    pages = page_names(q, answers)
    order = [g.name for g in q.groups]
    number, total = order.index(group.name) + 1, len(order)
    fields = tuple(
        _field(
            item,
            answers,
            lang,
            errors.get(item.name),
            raw.get(item.name),
            visible=q.is_relevant(item, effective),
        )
        for item in group.items
    )
    before = set(order[: order.index(group.name)])
    previous = next((name for name in reversed(pages) if name in before), None)
    on_page = {i.name for i in group.items}
    elsewhere = [
        i
        for i in q.answerable()
        if i.name not in on_page and i.conditions and not is_empty(answers.get(i.name))
    ]
    refs: set[str] = set()
    for item in (*group.items, *elsewhere):
        for condition in item.conditions:
            refs |= logic.references(logic.parse(condition))
    context = {k: effective[k] for k in sorted(refs - on_page) if k in effective}
    hidden_elsewhere = [
        {"name": i.name, "conditions": logic.conditions_json(i.conditions)} for i in elsewhere
    ]
    return PageView(
        group.name,
        group.label(lang),
        number,
        total,
        fields,
        previous,
        context=json.dumps(context, ensure_ascii=False),
        hidden_elsewhere=json.dumps(hidden_elsewhere, ensure_ascii=False),
    )


def _field(
    item: Item,
    answers: Mapping[str, Any],
    lang: str,
    error: str | None,
    raw: str | None,
    *,
    visible: bool = True,
) -> FieldView:
    value = answers.get(item.name)
    conditions = logic.conditions_json(item.conditions) if item.conditions else None
    common: dict[str, Any] = {
        "name": item.name,
        "label": item.label(lang),
        "hint": item.hint(lang),
        "required": item.required,
        "error": error,
        "visible": visible,
        "conditions": json.dumps(conditions) if conditions else "",
        "value_type": item.type if item.type in ("integer", "decimal") else "",
    }
    if item.type in ("select_one", "select_multiple"):
        assert item.choice_list is not None
        chosen = set(value) if isinstance(value, list | tuple) else {value}
        choices = tuple(
            ChoiceView(c.name, c.label(lang), c.name in chosen, f"q-{item.name}-{n}")
            for n, c in enumerate(item.choice_list.choices, start=1)
        )
        kind = "radio" if item.type == "select_one" else "checkbox"
        grid = item.choice_list.name if kind == "radio" and is_grid(item) else ""
        return FieldView(kind=kind, choices=choices, grid=grid, **common)
    if item.type == "text":
        return FieldView(kind="text", value=raw if raw is not None else _as_text(value), **common)
    if item.type in ("integer", "decimal"):
        return FieldView(kind="number", value=raw if raw is not None else _as_text(value), **common)
    return FieldView(kind="note", **common)


GRID_APPEARANCES = ("likert", "table-list")


def is_grid(item: Item) -> bool:
    """A single-choice question that joins its neighbours with the same choices in a grid."""
    words = (item.appearance or "").split()
    return item.type == "select_one" and any(w in GRID_APPEARANCES for w in words)


def final_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as submitted: those of questions skip logic hides are cleared."""
    return q.clear_hidden(answers)


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
    answers = q.clear_hidden(answers)
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
