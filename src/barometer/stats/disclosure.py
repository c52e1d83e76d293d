"""Disclosure control: minimum cell sizes, cell suppression, merging small groups.

Pure functions: no I/O. Implements DESIGN.md section 8: no published cell rests on
fewer than ``min_n`` organisations, and no hidden cell can be recovered from the
totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import null_space

from barometer.disclosure.protect import protect_linked
from barometer.errors import ErrorCode, StatsError

__all__ = ["SuppressionResult", "check_min_n", "merge_small_groups", "suppress_table"]

PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True, eq=False)
class SuppressionResult:
    """A table ready to publish and why each hidden cell is hidden.

    ``table`` has the counts (nullable ``Int64``) with hidden cells as ``<NA>``;
    with ``margins`` it has a total row and column. ``reasons`` has the same shape
    and holds ``"primary"``, ``"secondary"`` or ``""`` (published).
    """

    table: pd.DataFrame
    reasons: pd.DataFrame
    min_n: int

    @property
    def mask(self) -> pd.DataFrame:
        """True where a cell is hidden."""
        return self.reasons != ""


def _check_min(min_n: int) -> None:
    if min_n < 1:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"min_n must be at least 1, not {min_n}")


def check_min_n(n: float, min_n: int = 5) -> bool:
    """Whether a figure resting on ``n`` organisations may be published.

    Parameters
    ----------
    n : number
        The number of organisations the figure rests on.
    min_n : int, default 5

    Returns
    -------
    bool
        ``n >= min_n``.

    Examples
    --------
    >>> check_min_n(4), check_min_n(5)
    (False, True)
    """
    _check_min(min_n)
    if not n >= 0:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"n must be a count, not {n}")
    return bool(n >= min_n)


def _recoverable(values: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """Hidden cells of the extended table (with totals) that the totals pin down.

    The extended table satisfies one equation per row and per column (cells sum to
    the total). A hidden cell is determined iff every solution of the homogeneous
    system restricted to the hidden cells has a zero in its place.
    """
    r, c = values.shape
    idx = np.flatnonzero(hidden.ravel())
    if idx.size == 0:
        return np.zeros_like(hidden)
    eqs = []
    for i in range(r):
        e = np.zeros((r, c))
        e[i, :-1], e[i, -1] = 1, -1
        eqs.append(e.ravel())
    for j in range(c):
        e = np.zeros((r, c))
        e[:-1, j], e[-1, j] = 1, -1
        eqs.append(e.ravel())
    a = np.array(eqs)[:, idx]
    basis = null_space(a)
    free = np.abs(basis).max(axis=1) > 1e-9 if basis.size else np.zeros(idx.size, dtype=bool)
    out = np.zeros(r * c, dtype=bool)
    out[idx[~free]] = True
    return out.reshape(r, c)


def _complement(values: np.ndarray, hidden: np.ndarray, cells: list[tuple[int, int]]) -> None:
    """Hide one visible cell of the line ``cells`` (see the Notes of suppress_table)."""
    r, c = values.shape
    is_row = len({i for i, _ in cells}) == 1
    visible = [(i, j) for i, j in cells if not hidden[i, j]]
    inner = [(i, j) for i, j in visible if i < r - 1 and j < c - 1]
    pool = inner or visible

    def key(ij: tuple[int, int]) -> tuple[bool, bool, float, tuple[int, int]]:
        crossing = hidden[:, ij[1]] if is_row else hidden[ij[0], :]
        return (int(crossing.sum()) != 1, values[ij] == 0, float(values[ij]), ij)

    if pool:
        hidden[min(pool, key=key)] = True


def suppress_table(
    counts: pd.DataFrame, *, min_n: int = 5, margins: bool = True, total: str = "Totaal"
) -> SuppressionResult:
    """Primary and secondary cell suppression of a table of counts.

    Parameters
    ----------
    counts : pandas.DataFrame
        Non-negative whole counts of organisations, without totals.
    min_n : int, default 5
        Cells with 0 < n < min_n are hidden (primary suppression).
    margins : bool, default True
        Whether row and column totals are published (here or elsewhere). If so,
        totals are added to the table, checked like cells, and secondary
        suppression makes sure no hidden cell can be recovered from them.
    total : str, default "Totaal"
        Label of the total row and column.

    Returns
    -------
    SuppressionResult

    Notes
    -----
    A cell of 0 is published: it discloses no organisation's answer by itself, and
    hiding zeros would make every sparse table unreadable. (It can disclose a
    group's answer when the rest of its row is one cell; that cell is then a full
    row total and is checked as such.)

    Secondary suppression works on the table with its totals, where each row and
    each column is an equation. Until nothing changes: every row or column with
    exactly one hidden entry gets one more visible inner cell hidden (the total
    if no inner cell is left), chosen by, in turn: a cell whose crossing line also
    has exactly one hidden entry (so one cell protects two lines), a non-zero
    cell, the smallest count, the first in table order. Then a linear-algebra check finds hidden cells that could still be
    computed from the published values by combining several equations (a
    "bridge" between two groups of hidden cells); for each, the smallest
    visible cell of its row is hidden and the loop repeats. Last, the
    linear-programming audit (:func:`barometer.disclosure.audit.audit_linked`)
    computes the interval an intruder can derive for each hidden cell; while one
    is narrower than ``min_n``, one more cell sharing a row or column with it is
    hidden (:func:`barometer.disclosure.protect.protect_linked`).

    References
    ----------
    Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 4.
    Statistics Netherlands (2019). *Handbook on Statistical Disclosure Control
    for Outputs*, sections on frequency tables.

    Examples
    --------
    >>> t = pd.DataFrame({"ja": [10, 3, 12], "nee": [8, 9, 7]}, index=["A", "B", "C"])
    >>> r = suppress_table(t)
    >>> r.reasons.loc[["A", "B"], "ja"].tolist()
    ['secondary', 'primary']
    """
    _check_min(min_n)
    if counts.empty:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="the table is empty")
    values = counts.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any() or (values != np.round(values)).any():
        raise StatsError(ErrorCode.STATS_INPUT, detail="counts must be whole numbers >= 0")
    table = counts.copy()
    if margins:
        values = np.vstack([values, values.sum(axis=0)])
        values = np.column_stack([values, values.sum(axis=1)])
        table = pd.DataFrame(
            values,
            index=[*counts.index, total],
            columns=[*counts.columns, total],
        )
    primary = (values > 0) & (values < min_n)
    hidden = primary.copy()
    if margins:
        r, c = values.shape
        lines = [[(i, j) for j in range(c)] for i in range(r)]
        lines += [[(i, j) for i in range(r)] for j in range(c)]
        while True:
            before = hidden.copy()
            for line in lines:
                if sum(hidden[ij] for ij in line) == 1:
                    _complement(values, hidden, line)
            if (hidden == before).all():
                exposed = np.argwhere(_recoverable(values, hidden))
                if exposed.size == 0:
                    break
                i, j = exposed[0]
                _complement(values, hidden, lines[i])
                if (hidden == before).all():
                    _complement(values, hidden, lines[r + j])
                if (hidden == before).all():
                    break
        hidden = _lp_protect(values, primary, hidden, min_n)
    reasons = np.where(primary, PRIMARY, np.where(hidden, SECONDARY, ""))
    shown = pd.DataFrame(values, index=table.index, columns=table.columns).astype("Int64")
    shown = shown.mask(hidden)
    return SuppressionResult(
        table=shown,
        reasons=pd.DataFrame(reasons, index=table.index, columns=table.columns),
        min_n=min_n,
    )


def _lp_protect(
    values: np.ndarray, primary: np.ndarray, hidden: np.ndarray, min_n: int
) -> np.ndarray:
    """Hide further cells until the linear-programming audit leaves every hidden cell an
    interval at least ``min_n`` wide (:func:`barometer.disclosure.protect.protect_linked`)."""
    r, c = values.shape
    keys = [(i, j) for i in range(r) for j in range(c)]
    relations = [((i, c - 1), [(i, j) for j in range(c - 1)]) for i in range(r)]
    relations += [((r - 1, j), [(i, j) for i in range(r - 1)]) for j in range(c)]
    done = protect_linked(
        {k: int(values[k]) for k in keys},
        relations,
        primary=[k for k in keys if primary[k]],
        hidden=[k for k in keys if hidden[k]],
        protection=min_n,
    )
    out = np.zeros_like(hidden)
    for k in done.hidden:
        out[k] = True
    return out


def merge_small_groups(
    counts: pd.Series, *, min_n: int = 5, into: str = "Overig", force: Iterable[str] = ()
) -> dict[str, str]:
    """Map each group to itself or to a named remainder group.

    Parameters
    ----------
    counts : pandas.Series
        Number of organisations per group, indexed by group name.
    min_n : int, default 5
    into : str, default "Overig"
        Name of the remainder group. If a group of that name already exists,
        small groups join it.
    force : iterable of str, optional
        Groups that join the remainder whatever their size (the publication
        classification's differencing rule, :mod:`barometer.stats.publication`).

    Returns
    -------
    dict
        Group name to published group name, in the order of ``counts``; pass it
        as ``collapse=`` to :func:`barometer.stats.weights.poststratify`.

    Notes
    -----
    Every group with fewer than ``min_n`` organisations goes into the remainder.
    If the remainder then has 0 < n < min_n, the smallest other group (ties: the
    first in order) joins it too, until it reaches ``min_n``. If no group is left
    to join and the total is still below ``min_n``, a StatsError is raised. Groups
    with 0 organisations join the remainder but do not make it publishable.

    Examples
    --------
    >>> c = pd.Series({"Gemeenten": 85, "Hoge Colleges van Staat": 4, "Provincies": 3})
    >>> merge_small_groups(c)["Provincies"]
    'Overig'
    """
    _check_min(min_n)
    values = pd.to_numeric(counts, errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise StatsError(ErrorCode.STATS_INPUT, detail="group counts must be numbers >= 0")
    if not counts.index.is_unique:
        raise StatsError(ErrorCode.STATS_INPUT, detail="group names must be unique")
    names = [str(k) for k in counts.index]
    n = dict(zip(names, values.to_numpy(dtype=float), strict=True))
    forced = {str(k) for k in force}
    merged = {k for k in names if (n[k] < min_n or k in forced) and k != into}
    if not merged:
        return {k: k for k in names}

    def remainder() -> float:
        return sum(n[k] for k in merged) + n.get(into, 0.0)

    while remainder() < min_n:
        rest = [k for k in names if k not in merged and k != into]
        if not rest:
            raise StatsError(
                ErrorCode.STATS_TOO_FEW,
                detail=f"all groups together have {remainder():g} organisations (< {min_n})",
            )
        merged.add(min(rest, key=lambda k: (n[k], names.index(k))))
    return {k: (into if k in merged else k) for k in names}
