"""Convert between a respondent's answers (item name -> answer) and a dataset row.

The web survey, the synthetic wave and the import all meet here, so one mapping of answers
to codes serves them all. See :mod:`barometer.dataset.codebook` for the conventions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from barometer.dataset.codebook import Codebook, build_codebook, dummy_name
from barometer.questionnaire import NO_ANSWER, NOT_APPLICABLE, Questionnaire
from barometer.questionnaire.model import is_empty


@dataclass(frozen=True)
class Record:
    """One organisation's answers, with what the frame says about it."""

    org_id: str
    answers: Mapping[str, Any]
    sector: str = ""
    cluster: str = ""
    wave: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


def answers_to_row(
    q: Questionnaire, answers: Mapping[str, Any], not_asked: Collection[str] = ()
) -> dict[str, Any]:
    """The dataset columns for one respondent's answers.

    Answers to questions that skip logic hides are dropped first (as the web survey does at
    final submission), so a hidden question is always coded -1; so is a question in
    ``not_asked`` (left out of the wave's questionnaire).
    """
    answers = q.clear_hidden(answers)
    row: dict[str, Any] = {}
    for item in q.answerable():
        shown = item.name not in not_asked and q.is_relevant(item, answers)
        value = answers.get(item.name)
        missing = NOT_APPLICABLE if not shown else NO_ANSWER
        if item.type == "select_one":
            assert item.choice_list is not None
            choice = item.choice_list.by_name(str(value)) if not is_empty(value) else None
            row[item.name] = choice.code if choice else missing
        elif item.type == "select_multiple":
            assert item.choice_list is not None
            chosen = [] if value is None or is_empty(value) else [str(v) for v in value]
            row[item.name] = " ".join(chosen)
            for c in item.choice_list.choices:
                col = dummy_name(item.name, c.name)
                row[col] = (1 if c.name in chosen else 0) if chosen else missing
        elif item.type in ("integer", "decimal"):
            row[item.name] = missing if is_empty(value) else value
        elif item.type == "text":
            row[item.name] = "" if is_empty(value) else str(value)
    return row


def row_to_answers(q: Questionnaire, row: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a dataset row encodes; the inverse of :func:`answers_to_row`.

    Codes -1 and -9 become "no answer". A code that is not a choice of the item is kept as
    the raw value under the item's name so that validation can report it.
    """
    answers: dict[str, Any] = {}
    for item in q.answerable():
        if item.type == "select_one":
            assert item.choice_list is not None
            code = _as_int(row.get(item.name))
            if code is None or code in (NOT_APPLICABLE, NO_ANSWER):
                continue
            choice = item.choice_list.by_code(code)
            answers[item.name] = choice.name if choice else row.get(item.name)
        elif item.type == "select_multiple":
            assert item.choice_list is not None
            chosen = [
                c.name
                for c in item.choice_list.choices
                if _as_int(row.get(dummy_name(item.name, c.name))) == 1
            ]
            if chosen:
                answers[item.name] = chosen
        elif item.type in ("integer", "decimal"):
            value = row.get(item.name)
            num = _as_number(value)
            if num is None or num in (NOT_APPLICABLE, NO_ANSWER):
                continue
            answers[item.name] = int(num) if item.type == "integer" and num.is_integer() else num
        elif item.type == "text":
            value = row.get(item.name)
            if isinstance(value, str) and value != "":
                answers[item.name] = value
    return answers


def records_to_frame(
    q: Questionnaire,
    records: Iterable[Record],
    codebook: Codebook | None = None,
    not_asked: Collection[str] = (),
) -> pd.DataFrame:
    """The responses table for ``records``, with columns in codebook order and exact dtypes."""
    codebook = codebook or build_codebook(q)
    rows = []
    for rec in records:
        row = {"org_id": rec.org_id, "wave": rec.wave, "sector": rec.sector, "cluster": rec.cluster}
        row.update(answers_to_row(q, rec.answers, not_asked))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=codebook.names())
    return coerce_types(frame, codebook)


def coerce_types(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Give every codebook column its canonical dtype (int64, float64 or object strings)."""
    out = {}
    for var in codebook:
        col = frame[var.name]
        if var.kind == "string":
            out[var.name] = col.astype(object).where(col.notna(), "").astype(str).astype(object)
        elif var.role == "number" and var.item and _is_decimal(col):
            out[var.name] = col.astype("float64")
        else:
            out[var.name] = col.astype("int64")
    return pd.DataFrame(out, index=frame.index)


def _is_decimal(col: pd.Series) -> bool:
    values = pd.to_numeric(col, errors="coerce")
    return bool((values.dropna() % 1 != 0).any()) or col.dtype.kind == "f"


def _as_int(value: Any) -> int | None:
    num = _as_number(value)
    return int(num) if num is not None and num.is_integer() else None


def _as_number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if value != value else float(value)  # NaN check
    try:
        return float(str(value).strip())
    except ValueError:
        return None
