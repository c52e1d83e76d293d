"""The rules the scanner applies to one published table or text.

Each rule reads cells as published (text) and yields :class:`Violation` records naming the
file, the table, the row, the column and the rule broken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from barometer.disclosure.audit import audit_linked, audit_table
from barometer.disclosure.manifest import TOTALS, VARIABLES, _parse, group_labels
from barometer.disclosure.policy import DisclosurePolicy
from barometer.disclosure.scan_read import Table, parse_number

__all__ = ["Violation", "check_table", "check_text", "is_identifying"]

BASE_COLUMNS = ("base", "nl_base", "answered", "organisations", "completed", "responses")
"""Columns holding the number of organisations a figure rests on."""

COUNT_COLUMNS = ("n", "completed", "organisations", "responses", "n_outliers", "dont_know")
"""Columns holding counts of organisations (cells), checked in identifying tables."""

PUBLIC_COLUMNS = ("invited", "frame_n", "study_n")
"""Counts of the frame or of other studies: public, not checked."""

MICRODATA_COLUMNS = ("org_id", "contact_email", "contact_name")

HIDDEN = ("", "–", "-", "x", "X", ".")
"""How a suppressed cell is published."""


@dataclass(frozen=True)
class Violation:
    file: str
    table: str
    row: str
    column: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.file}, table {self.table}" if self.table else self.file
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: [{self.rule}] {self.detail}"


Make = Callable[[int | str, str, str, str], Violation]


def is_identifying(keys: list[str]) -> bool:
    """Whether row keys are groups of an identifying variable (totals aside)."""
    labels = group_labels()
    rows = [k for k in keys if k not in TOTALS]
    if not rows:
        return False
    for allowed in (*((v,) for v in VARIABLES), VARIABLES):
        if all(_parse(k, labels, allowed) is not None for k in rows):
            return True
    return False


def _label_prefix(header: str) -> bool:
    """A column header such as "Gemeenten: % ja": a statistic of one identifying group."""
    if ":" not in header:
        return False
    return is_identifying([header.split(":", 1)[0].strip()])


def check_table(table: Table, policy: DisclosurePolicy) -> Iterator[Violation]:
    """Every rule that applies to one table (CSV columns or HTML headers)."""
    cols = [c.strip() for c in table.columns]
    low = [c.lower() for c in cols]

    def v(row: int | str, col: str, rule: str, detail: str) -> Violation:
        label = table.rows[row][0] if isinstance(row, int) and table.rows[row] else str(row)
        return Violation(table.file, table.name, label, col, rule, detail)

    if low == ["org_id", "file"]:
        return  # the distribution list of feedback reports: for staff, never published
    if any(c in low for c in MICRODATA_COLUMNS):
        yield v("", cols[low.index(next(c for c in MICRODATA_COLUMNS if c in low))], "microdata",
                "a published table names organisations or contacts")  # fmt: skip
    if "term" in low:
        yield from _terms(table, low, policy, v)
        return
    keys = [r[0] for r in table.rows if r]
    identifying = bool(keys) and is_identifying(keys)
    has_base = "base" in low
    bases = [j for j, c in enumerate(low) if c in BASE_COLUMNS or (c == "n" and not has_base)]
    counts = [j for j, c in enumerate(low) if c in COUNT_COLUMNS] if identifying else []
    bases = [j for j in bases if j not in counts]  # a count of a group: the cell rule applies
    for i, row in enumerate(table.rows):
        if identifying and row and row[0] in TOTALS:
            continue
        for j in bases:
            x = parse_number(row[j]) if j < len(row) else None
            if x is not None and x < policy.min_n:
                yield v(i, cols[j], "min_n", f"base {row[j]} is below min_n = {policy.min_n}")
        for j in counts:
            x = parse_number(row[j]) if j < len(row) else None
            if x is not None and 0 < x < policy.cell_min:
                yield v(i, cols[j], "cell_min",
                        f"count {row[j]} crosses an identifying variable and is below "
                        f"cell_min = {policy.cell_min}")  # fmt: skip
        if identifying and "pct" in low:
            j = low.index("pct")
            base_j = low.index("base") if has_base else (low.index("n") if "n" in low else None)
            pct = parse_number(row[j]) if j < len(row) else None
            base = parse_number(row[base_j]) if base_j is not None and base_j < len(row) else None
            if pct in (0.0, 100.0) and base is not None and base < policy.group_min:
                yield v(i, cols[j], "group_disclosure",
                        f"{row[j]}% in a group of {row[base_j]} organisations "  # type: ignore[index]
                        f"(fewer than group_min = {policy.group_min})")  # fmt: skip
    yield from _group_columns(table, cols, low, policy, v)
    yield from _suppressed(table, cols, policy, v)


def _group_columns(
    table: Table, cols: list[str], low: list[str], policy: DisclosurePolicy, v: Make
) -> Iterator[Violation]:
    """Columns "Group: %" followed by an "n" column (feedback reports, comparisons)."""
    for j, header in enumerate(cols):
        if not _label_prefix(header) or j + 1 >= len(cols) or low[j + 1] != "n":
            continue
        for i, row in enumerate(table.rows):
            if j + 1 >= len(row):
                continue
            pct, base = parse_number(row[j]), parse_number(row[j + 1])
            if pct in (0.0, 100.0) and base is not None and base < policy.group_min:
                yield v(i, header, "group_disclosure",
                        f"{row[j]}% in the group {header.split(':')[0]!r} of {row[j + 1]} "
                        f"organisations (fewer than group_min = {policy.group_min})")  # fmt: skip


def _terms(table: Table, low: list[str], policy: DisclosurePolicy, v: Make) -> Iterator[Violation]:
    if "organisations" not in low:
        yield v("", "organisations", "term_min",
                "a term table must publish the number of organisations per term")  # fmt: skip
        return
    t, o = low.index("term"), low.index("organisations")
    for i, row in enumerate(table.rows):
        x = parse_number(row[o]) if o < len(row) else None
        if x is None or x < policy.term_min:
            yield Violation(table.file, table.name, row[t] if t < len(row) else str(i),
                            table.columns[o], "term_min",
                            f"term used by {row[o] if o < len(row) else '?'} organisations, "
                            f"fewer than term_min = {policy.term_min}")  # fmt: skip


def _suppressed(
    table: Table, cols: list[str], policy: DisclosurePolicy, v: Make
) -> Iterator[Violation]:
    """A table with totals (a last row and column named Totaal/Total) and hidden cells: the
    linear-programming audit (:func:`audit_table`) must leave every hidden cell an interval
    at least ``min_n`` wide."""
    rows = table.rows
    keep = [j for j, c in enumerate(cols) if c.lower() != "note"]
    cols = [cols[j] for j in keep]
    rows = [[r[j] for j in keep if j < len(r)] for r in rows]
    if len(rows) < 2 or rows[-1][0] not in TOTALS:
        return
    if len(cols) < 3 or cols[-1] not in TOTALS:
        yield from _column_totals(rows, cols, policy, v)
        return
    grid: list[list[float | None]] = []
    for row in rows:
        cells = []
        for cell in row[1:]:
            x = parse_number(cell)
            if x is None and cell.strip() not in HIDDEN:
                return  # not a table of counts
            cells.append(x)
        grid.append(cells)
    for found in audit_table(grid):
        if found.width < policy.min_n:
            what = "recovered exactly" if found.width == 0 else (
                f"narrowed to {found.low:g} to {found.high:g}")  # fmt: skip
            yield v(found.row, cols[found.column + 1], "suppression",
                    f"the hidden cell can be {what} from the published totals "
                    f"(protection needed: an interval at least min_n = {policy.min_n} wide)")  # fmt: skip


def _column_totals(
    rows: list[list[str]], cols: list[str], policy: DisclosurePolicy, v: Make
) -> Iterator[Violation]:
    """A table with a total row only: each column of counts with hidden cells is a sum."""
    for j in range(1, len(cols)):
        cells = [r[j] if j < len(r) else "" for r in rows]
        numbers = [parse_number(c) for c in cells]
        if numbers[-1] is None or any(x is None and c.strip() not in HIDDEN
                                      for x, c in zip(numbers, cells, strict=True)):  # fmt: skip
            continue
        values = {i: x for i, x in enumerate(numbers)}
        if all(x is not None for x in values.values()):
            continue
        total = len(rows) - 1
        found = audit_linked(values, [(total, list(range(total)))])
        for i, interval in found.items():
            if interval.width < policy.min_n:
                yield v(i, cols[j], "suppression",
                        f"the hidden cell can be narrowed to {interval.low:g} to "
                        f"{interval.high:g} from the column's total (protection needed: an "
                        f"interval at least min_n = {policy.min_n} wide)")  # fmt: skip


_N_EQ = re.compile(r"\bn\s*=\s*(\d[\d.\u202f]*)(?:\s*(?:tot|to|–)\s*(\d[\d.\u202f]*))?")
_OTHERS = re.compile(r"\((\d+) (?:andere organisaties|other organisations)\)")


def check_text(file: str, text: str, policy: DisclosurePolicy) -> Iterator[Violation]:
    """Bases stated in running text: "n = 4", "n = 3 tot 40", "(3 andere organisaties)"."""
    for m in [*_N_EQ.finditer(text), *_OTHERS.finditer(text)]:
        for g in m.groups():
            x = parse_number(g) if g else None
            if x is not None and x < policy.min_n:
                snippet = " ".join(text[max(0, m.start() - 60) : m.end() + 10].split())
                yield Violation(file, "text", "", "", "min_n",
                                f"base {g} is below min_n = {policy.min_n}: …{snippet}…")  # fmt: skip
