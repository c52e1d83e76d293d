"""Linear-programming audit of a published table with suppressed cells (HiGHS via highspy).

An intruder knows every published cell and total, and that counts are whole numbers of at
least 0. For each hidden cell the audit solves two linear programmes (minimise and maximise
that cell subject to every published row and column sum) and reports the feasible interval.
A hidden cell whose interval is narrower than the protection needed is a breach; an interval
of width 0 is an exact recovery.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import highspy
import numpy as np

__all__ = ["CellInterval", "audit_linked", "audit_table"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class CellInterval:
    """The values a hidden cell can take given what is published."""

    row: int
    column: int
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def audit_table(
    values: list[list[float | None]], *, margins: bool = True, bound: float | None = None
) -> list[CellInterval]:
    """The feasible interval of every hidden cell (``None``) of a published table.

    Parameters
    ----------
    values : list of rows
        The table as published; with ``margins`` its last row and last column are the
        totals. ``None`` marks a hidden cell (a hidden total too).
    margins : bool, default True
        Whether the last row and column are totals (each row and column is then an
        equation: its inner cells add up to its total).
    bound : float, optional
        An upper bound an intruder may assume for every cell (default: the largest published
        number, or without one 10**6).

    Returns
    -------
    list of CellInterval, in table order.

    Examples
    --------
    >>> t = [[10, None, 13], [8, 9, 17], [18, None, 30]]
    >>> [(c.row, c.column, c.low, c.high) for c in audit_table(t)]
    [(0, 1, 3.0, 3.0), (2, 1, 12.0, 12.0)]
    """
    table = [list(r) for r in values]
    r = len(table)
    c = len(table[0]) if r else 0
    hidden = [(i, j) for i in range(r) for j in range(c) if table[i][j] is None]
    if not hidden:
        return []
    known = [float(v) for row in table for v in row if v is not None]
    upper = bound if bound is not None else (max(known) if known else 1e6)
    index = {ij: k for k, ij in enumerate(hidden)}
    lines: list[list[tuple[int, int]]] = []
    if margins:
        lines += [[(i, j) for j in range(c - 1)] + [(i, c - 1)] for i in range(r)]
        lines += [[(i, j) for i in range(r - 1)] + [(r - 1, j)] for j in range(c)]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    n = len(hidden)
    h.addVars(n, np.zeros(n), np.full(n, float(upper)))
    for line in lines:
        *inner, total = line
        coef: dict[int, float] = {}
        rhs = 0.0
        for ij, sign in [*((x, 1.0) for x in inner), (total, -1.0)]:
            v = table[ij[0]][ij[1]]
            if v is None:
                coef[index[ij]] = coef.get(index[ij], 0.0) + sign
            else:
                rhs -= sign * float(v)
        if not coef:
            continue
        cols = np.array(sorted(coef), dtype=np.int32)
        vals = np.array([coef[k] for k in cols], dtype=float)
        h.addRow(rhs, rhs, len(cols), cols, vals)
    out = []
    for k, (i, j) in enumerate(hidden):
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            cost = np.zeros(n)
            cost[k] = 1.0
            h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
            h.changeObjectiveSense(sense)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                ends.append(math.nan)
            else:
                ends.append(float(h.getInfo().objective_function_value))
        low, high = ends
        out.append(CellInterval(i, j, round(low, 6) + 0.0, round(high, 6) + 0.0))
    return out


def audit_linked(
    values: Mapping[K, float | None],
    relations: Sequence[tuple[K, Sequence[K]]],
    *,
    bound: float | None = None,
    targets: Sequence[K] | None = None,
) -> dict[K, CellInterval]:
    """The feasible interval of every hidden count of a set of linked published counts.

    Parameters
    ----------
    values : mapping
        Every published count by a key of your choosing (a (table, row, column) tuple, say);
        ``None`` marks a hidden count.
    relations : sequence of (total, parts)
        What a reader knows adds up: the counts ``parts`` sum to the count ``total``. Totals
        published in another table of the same report are relations between the tables
        (Tabel 1's sector totals and the weighting cells of that sector, for example).
    bound : float, optional
        An upper bound an intruder may assume for every count (default: the largest
        published count, or without one 10**6).
    targets : sequence of keys, optional
        The hidden keys whose interval is wanted (default: every hidden key); other hidden
        keys are unknowns only (the cells of a finer classification, say).

    Returns
    -------
    dict
        Hidden key -> :class:`CellInterval` (``row`` and ``column`` are its position among
        the hidden keys and 0).

    Examples
    --------
    >>> got = audit_linked({"a": 7, "b": None, "c": None, "t": 20}, [("t", ["a", "b", "c"])])
    >>> (got["b"].low, got["b"].high)
    (0.0, 13.0)
    """
    hidden = [k for k, v in values.items() if v is None]
    if not hidden:
        return {}
    known = [float(v) for v in values.values() if v is not None]
    upper = bound if bound is not None else (max(known) if known else 1e6)
    index = {k: i for i, k in enumerate(hidden)}
    n = len(hidden)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.addVars(n, np.zeros(n), np.full(n, float(upper)))
    for total, parts in relations:
        coef: dict[int, float] = {}
        rhs = 0.0
        for key, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            v = values[key]
            if v is None:
                coef[index[key]] = coef.get(index[key], 0.0) + sign
            else:
                rhs -= sign * float(v)
        coef = {k: c for k, c in coef.items() if c != 0.0}
        if not coef:
            continue
        cols = np.array(sorted(coef), dtype=np.int32)
        h.addRow(rhs, rhs, len(cols), cols, np.array([coef[k] for k in cols], dtype=float))
    out: dict[K, CellInterval] = {}
    everything = np.arange(n, dtype=np.int32)
    wanted = set(hidden if targets is None else targets)
    for k, key in enumerate(hidden):
        if key not in wanted:
            continue
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            cost = np.zeros(n)
            cost[k] = 1.0
            h.changeColsCost(n, everything, cost)
            h.changeObjectiveSense(sense)
            h.run()
            ok = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
            ends.append(float(h.getInfo().objective_function_value) if ok else math.nan)
        out[key] = CellInterval(k, 0, round(ends[0], 6) + 0.0, round(ends[1], 6) + 0.0)
    return out
