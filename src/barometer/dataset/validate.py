"""Validate a responses table against the questionnaire, reporting every problem at once.

The item rules (required, type, constraint, skip logic) are the questionnaire model's own
(:meth:`Questionnaire.check_answer`, :meth:`Questionnaire.is_relevant`), so an imported file
and the web survey accept exactly the same answers. This module adds what only a table can
get wrong: columns, cell types, codes, multi-select dummies, and organisation ids.

Row numbers
-----------
A problem's ``row`` is the row as the user sees it in the file. ``first_row`` says which
number the frame's first data row has; :data:`FIRST_ROW` gives it per format:

- ``csv``: the header is row 1, so the first data row is row 2 (a record, as a spreadsheet
  program shows it; it equals the line number unless a quoted value spans lines);
- ``xlsx``: the spreadsheet row number (header in row 1, first data row 2);
- ``sav``: the case number PSPP/SPSS shows in Data View (first case 1);
- ``parquet``: the 1-based record number (first record 1).

Problems about whole columns have no row.
"""

from __future__ import annotations

import math
import numbers
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from barometer import textrule
from barometer.dataset.codebook import Codebook, Variable, build_codebook
from barometer.dataset.convert import coerce_types, row_to_answers
from barometer.dataset.core import Dataset
from barometer.errors import DataError, ErrorCode, Problem
from barometer.questionnaire import NO_ANSWER, NOT_APPLICABLE, Item, Questionnaire, logic

#: Number of the first data row, per file format (see the module docstring).
FIRST_ROW: Mapping[str, int] = {"csv": 2, "xlsx": 2, "parquet": 1, "sav": 1}

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")


class _Flag:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


EMPTY = _Flag("EMPTY")
BAD = _Flag("BAD")


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def parse_number(value: Any) -> int | float | _Flag:
    """A cell as a number: ``int`` for whole-number text and integers, ``float`` for decimals.

    Returns :data:`EMPTY` for an empty cell and :data:`BAD` for anything that is not a finite
    number (text, booleans, ``inf``; Python-only spellings such as ``1_000`` are refused).
    """
    if is_missing(value):
        return EMPTY
    if isinstance(value, bool):
        return BAD
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return f if math.isfinite(f) else BAD
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return EMPTY
        if _INTEGER.match(text):
            return int(text)
        if _NUMBER.match(text):
            f = float(text)
            return f if math.isfinite(f) else BAD
    return BAD


def cell_text(value: Any) -> str:
    """A cell of a string column as text: empty for a missing cell, ``7`` for the number 7.0."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        f = float(value)
        if math.isfinite(f) and f.is_integer():
            return str(int(f))
    return str(value)


def _shown(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _codes(codes: list[int]) -> str:
    return ", ".join(str(c) for c in codes)


class _Check:
    """One validation run; collects problems and the parsed cells."""

    def __init__(
        self,
        q: Questionnaire,
        frame: pd.DataFrame,
        file: str,
        codebook: Codebook,
        first_row: int,
        rows: Sequence[int] | None = None,
    ) -> None:
        if rows is not None and len(rows) != len(frame):
            raise ValueError(f"rows has {len(rows)} numbers for {len(frame)} rows")
        self.row_numbers = rows
        self.q = q
        self.frame = frame
        self.file = file
        self.codebook = codebook
        self.first_row = first_row
        self.order = {name: n for n, name in enumerate(codebook.names())}
        self.problems: list[tuple[int, int, int, Problem]] = []
        self.cols: dict[str, list[Any]] = {}  # codebook column -> parsed values (None if bad)
        self.bad: set[tuple[int, str]] = set()  # (position, column) of cells with a problem
        self.items = q.answerable()
        self.decimal = {i.name for i in self.items if i.type == "decimal"}

    # -- reporting ---------------------------------------------------------------------
    def add(self, code: ErrorCode, pos: int | None = None, column: str | None = None,
            value: Any = None, **fields: Any) -> None:  # fmt: skip
        row = None if pos is None else self.row_of(pos)
        problem = Problem.make(code, file=self.file, row=row, column=column, value=value, **fields)
        key = (-1 if row is None else row, self.order.get(column or "", len(self.order)))
        self.problems.append((*key, len(self.problems), problem))

    def row_of(self, pos: int) -> int:
        return self.row_numbers[pos] if self.row_numbers is not None else self.first_row + pos

    def run(self) -> list[Problem]:
        self.columns()
        self.ids()
        self.rows()
        return [p for *_, p in sorted(self.problems, key=lambda t: t[:3])]

    # -- columns -----------------------------------------------------------------------
    def columns(self) -> None:
        names = [str(c) for c in self.frame.columns]
        counts = Counter(names)
        first: dict[str, int] = {}
        for idx, name in enumerate(names):
            if name not in first and counts[name] > 1:
                self.add(ErrorCode.DATA_DUPLICATE_COLUMN, column=name)
            first.setdefault(name, idx)
        for var in self.codebook:
            if var.name not in first:
                self.add(ErrorCode.DATA_MISSING_COLUMN, column=var.name)
        for name in first:
            if name not in self.codebook:
                self.add(ErrorCode.DATA_UNKNOWN_COLUMN, column=name)
        for var in self.codebook:
            if var.name in first:
                raw = self.frame.iloc[:, first[var.name]].tolist()
                self.cols[var.name] = self.parse_column(var, raw)

    def parse_column(self, var: Variable, raw: list[Any]) -> list[Any]:
        if var.kind == "string":
            texts = [textrule.normal(cell_text(v)) for v in raw]
            for pos, text in enumerate(texts):
                trouble = textrule.problem(text)
                if trouble:
                    shown = textrule.visible(text if len(text) <= 60 else text[:60] + "...")
                    self.add(ErrorCode.DATA_BAD_TEXT, pos, var.name, shown, detail=trouble)
                    self.bad.add((pos, var.name))
            return texts
        decimal = var.item in self.decimal
        allowed: list[int] | None = None
        if var.role == "single":
            allowed = sorted({*var.values, *var.missing}, key=lambda c: (c < 0, abs(c)))
        elif var.role == "multi_dummy":
            allowed = [0, 1, *var.missing]
        out: list[Any] = []
        for pos, value in enumerate(raw):
            num = parse_number(value)
            if isinstance(num, _Flag):
                num_ok: int | float | None = None
            elif decimal:
                num_ok = num
            else:
                num_ok = int(num) if float(num).is_integer() else None
            if num is EMPTY:
                codes = _codes(list(var.missing))
                detail = f"a numeric column needs a value or a missing code ({codes})"
                self.add(ErrorCode.DATA_EMPTY, pos, var.name, "", detail=detail)
            elif num_ok is None:
                kind = "a number" if decimal else "a whole number"
                self.add(ErrorCode.DATA_WRONG_TYPE, pos, var.name, _shown(value), detail=kind)
            elif allowed is not None and num_ok not in allowed:
                detail = f"allowed: {_codes(allowed)}"
                self.add(ErrorCode.DATA_UNKNOWN_CODE, pos, var.name, _shown(value), detail=detail)
            else:
                out.append(num_ok)
                continue
            self.bad.add((pos, var.name))
            out.append(None)
        return out

    # -- ids ---------------------------------------------------------------------------
    def ids(self) -> None:
        ids = self.cols.get("org_id")
        if ids is None:
            return
        seen: dict[str, int] = {}
        for pos, org in enumerate(ids):
            if org.strip() == "":
                self.add(ErrorCode.DATA_EMPTY_ID, pos, "org_id", org)
            elif org in seen:
                other = self.row_of(seen[org])
                self.add(ErrorCode.DATA_DUPLICATE_ID, pos, "org_id", org, detail=str(other))
            else:
                seen[org] = pos

    # -- rows --------------------------------------------------------------------------
    def rows(self) -> None:
        item_cols = {i.name: [v.name for v in self.codebook.for_item(i.name)] for i in self.items}
        unusable = {
            name for name, cols in item_cols.items() if any(c not in self.cols for c in cols)
        }
        for pos in range(len(self.frame)):
            row = {name: col[pos] for name, col in self.cols.items()}
            bad = set(unusable)
            bad |= {n for n, cols in item_cols.items() if any((pos, c) in self.bad for c in cols)}
            for item in self.items:
                if item.type == "select_multiple" and item.name not in bad:
                    dummies = [c for c in item_cols[item.name] if c != item.name]
                    if not self.dummies(item, dummies, row, pos):
                        bad.add(item.name)
            answers = {k: v for k, v in row_to_answers(self.q, row).items() if k not in bad}
            answers = self.q.clear_hidden(answers)
            for item in self.items:
                if item.name in bad or any(
                    logic.references(logic.parse(c)) & bad for c in item.conditions
                ):
                    continue
                if not self.item(item, row, answers, pos):
                    bad.add(item.name)  # its answer is unknown: do not judge what depends on it

    def dummies(self, item: Item, cols: list[str], row: dict[str, Any], pos: int) -> bool:
        """Check a multi-select's 0/1 columns against each other and the summary column."""
        codes = [row[c] for c in cols]
        kinds = {NOT_APPLICABLE if c == NOT_APPLICABLE else NO_ANSWER if c == NO_ANSWER else 1
                 for c in codes}  # fmt: skip
        if len(kinds) > 1:
            by_code: dict[int, list[str]] = {}
            for col, code in zip(cols, codes, strict=True):
                by_code.setdefault(code, []).append(str(self.codebook.get(col).choice))
            detail = "; ".join(f"{code} for {', '.join(ch)}" for code, ch in by_code.items())
            self.add(ErrorCode.DATA_MIXED_DUMMIES, pos, item.name, item.name, detail=detail)
            return False
        summary = row.get(item.name)
        if summary is None:  # summary column missing: reported already
            return True
        tokens = summary.split()
        if kinds == {1}:
            chosen = [c for c, v in zip(cols, codes, strict=True) if v == 1]
            names = [str(self.codebook.get(c).choice) for c in chosen]
            ok = sorted(tokens) == sorted(names)
            what = f"the 0/1 columns ({', '.join(chosen) or 'none chosen'})"
        else:
            ok = summary == ""
            what = f"the 0/1 columns (all {codes[0]})" if codes else "the 0/1 columns"
        if not ok:
            self.add(ErrorCode.DATA_INCONSISTENT, pos, item.name, summary, detail=what)
        return True

    def item(self, item: Item, row: dict[str, Any], answers: dict[str, Any], pos: int) -> bool:
        """Check one item of one row; False if its answer is unknown (shown but coded -1)."""
        state, value = self.state(item, row)
        if not self.q.is_relevant(item, answers):
            failing = [c for c in item.conditions if not logic.check(c, answers)]
            detail = "shown only if " + " and ".join(failing)
            if state == "answer":
                self.add(ErrorCode.DATA_NOT_APPLICABLE, pos, item.name, value, detail=detail)
            elif state == "no_answer":
                self.add(ErrorCode.DATA_SHOULD_BE_NA, pos, item.name, value,
                         detail=f"skip logic hides this question ({detail})")  # fmt: skip
            return True
        if state == "not_applicable":
            why = (
                "shown because " + " and ".join(item.conditions)
                if item.conditions
                else "it is always asked"
            )
            self.add(ErrorCode.DATA_MISSING_NA, pos, item.name, value, detail=why)
            return False
        message = self.q.check_answer(item, answers, "en")
        if message is None:
            return True
        if state == "answer":
            detail = f"{item.constraint}: {message}" if item.constraint else message
            self.add(ErrorCode.DATA_CONSTRAINT, pos, item.name, value, detail=detail)
        else:
            self.add(ErrorCode.DATA_REQUIRED, pos, item.name, value)
        return True

    def state(self, item: Item, row: dict[str, Any]) -> tuple[str, Any]:
        """Whether the row answers ``item``: answer, no_answer, not_applicable or empty."""
        if item.type == "text":
            text = row[item.name]
            return ("empty" if text == "" else "answer"), text
        if item.type == "select_multiple":
            assert item.choice_list is not None
            codes = [row[v.name] for v in self.codebook.for_item(item.name) if v.choice]
            if codes and all(c == NOT_APPLICABLE for c in codes):
                return "not_applicable", NOT_APPLICABLE
            if codes and all(c == NO_ANSWER for c in codes):
                return "no_answer", NO_ANSWER
            chosen = [c.name for c, v in zip(item.choice_list.choices, codes, strict=True) if v]
            return ("answer" if chosen else "no_answer"), " ".join(chosen) if chosen else 0
        code = row[item.name]
        if code == NOT_APPLICABLE:
            return "not_applicable", code
        if code == NO_ANSWER:
            return "no_answer", code
        return "answer", code


def validate_frame(
    q: Questionnaire,
    frame: pd.DataFrame,
    *,
    file: str,
    codebook: Codebook | None = None,
    first_row: int = FIRST_ROW["csv"],
    rows: Sequence[int] | None = None,
) -> list[Problem]:
    """Check a responses table against ``q`` and return every problem found (never stops early).

    Parameters
    ----------
    q:
        The questionnaire the data answers.
    frame:
        The table as read (cells may be text, as from a CSV, or numbers).
    file:
        The file name to put in each problem.
    codebook:
        The codebook of ``q`` (built when not given).
    first_row:
        The row number of the frame's first data row as the user sees it in the file; see
        :data:`FIRST_ROW` and the module docstring.
    rows:
        The row number of every frame row, when they are not consecutive (a reader that
        skipped blank or broken lines); overrides ``first_row``.

    Returns
    -------
    list[Problem]
        Column problems first (missing, unknown, duplicated columns), then per row in row
        order and codebook column order: cell types, codes, empty or duplicate ``org_id``,
        multi-select dummies, skip logic, required answers and constraints. Problems about a
        multi-select question are reported on its summary column.

    Examples
    --------
    >>> from barometer.questionnaire import default
    >>> from barometer.dataset import Record, records_to_frame
    >>> q = default()
    >>> frame = records_to_frame(q, [Record("001", {"a1_size": "lt100"})])
    >>> problems = validate_frame(q, frame, file="x.csv")
    >>> str(problems[0])
    'x.csv, row 2, column b1_production: a required answer is missing'
    """
    return _Check(q, frame, file, codebook or build_codebook(q), first_row, rows).run()


def dataset_from_frame(
    q: Questionnaire,
    frame: pd.DataFrame,
    *,
    file: str,
    codebook: Codebook | None = None,
    first_row: int = FIRST_ROW["csv"],
    rows: Sequence[int] | None = None,
    known: Sequence[Problem] = (),
    what: str | None = None,
) -> Dataset:
    """Validate ``frame`` and return it as a :class:`Dataset` with canonical dtypes.

    Raises :class:`DataError` (titled ``what``, by default ``file``) listing ``known``
    problems (found while reading the file) and every problem :func:`validate_frame` finds;
    nothing is returned partially. Columns come out in codebook order. A ``decimal`` item's
    column is float64 when any of its cells holds a decimal (``3.0`` counts); otherwise int64.
    """
    codebook = codebook or build_codebook(q)
    check = _Check(q, frame, file, codebook, first_row, rows)
    problems = [*known, *check.run()]
    if problems:
        raise DataError(problems, what or file)
    data: dict[str, Any] = {}
    for var in codebook:
        values = check.cols[var.name]
        if var.kind == "string":
            data[var.name] = pd.Series(values, dtype=object)
        elif any(isinstance(v, float) for v in values):
            data[var.name] = pd.Series(values, dtype="float64")
        else:
            data[var.name] = pd.Series(values, dtype="int64")
    out = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    return Dataset(coerce_types(out, codebook), codebook, q)
