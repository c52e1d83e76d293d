"""Post-stratification weights with documented collapsing of small cells.

Pure functions: no I/O. The weighted sample reproduces the frame count of every
(collapsed) cell, so the weights sum to the frame total N (DESIGN.md section 7).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import product

import numpy as np
import pandas as pd

from barometer.errors import ErrorCode, StatsError

__all__ = ["CollapseStep", "WeightResult", "poststratify"]

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class CollapseStep:
    """One merge of a cell into another, in the order it was made."""

    cell: str
    """Label of the cell that was merged away."""
    into: str
    """Label of the cell it was merged into."""
    result: str
    """Label of the merged cell."""
    reason: str
    """``"mapping"`` (caller's ``collapse``), ``"no respondents"`` or ``"n=3 < 5"``."""


@dataclass(frozen=True, eq=False)
class WeightResult:
    """Post-stratification weights and how they were made.

    ``weights`` and ``cell`` are aligned to the sample's index. ``cells`` has one
    row per final (collapsed) cell, indexed by its label, with columns ``N`` (frame
    count), ``n`` (responses) and ``weight`` (= N / n).
    """

    weights: pd.Series
    cell: pd.Series
    cells: pd.DataFrame
    collapsed: tuple[CollapseStep, ...]
    by: tuple[str, ...]
    n: int
    population: float
    effective_n: float
    design_effect: float

    @cached_property
    def cell_codes(self) -> np.ndarray:
        """Integer code (0, 1, ...) of each respondent's cell, aligned to ``cell``; -1 where
        the cell is missing. Computed once, for sums per cell (``np.bincount``)."""
        codes, _ = pd.factorize(self.cell, use_na_sentinel=True)
        return np.asarray(codes, dtype=np.intp)

    @cached_property
    def cell_sizes(self) -> np.ndarray:
        """Number of respondents per code of :attr:`cell_codes` (computed once)."""
        codes = self.cell_codes
        return np.bincount(codes[codes >= 0], minlength=int(codes.max(initial=-1)) + 1)

    @cached_property
    def weight_values(self) -> np.ndarray:
        """``weights`` as a float array (non-numbers as NaN), computed once."""
        return pd.to_numeric(self.weights, errors="coerce").to_numpy(dtype=float)

    @cached_property
    def weights_valid(self) -> tuple[bool, bool]:
        """Whether every weight is a finite number, and whether none is negative."""
        w = self.weight_values
        return bool(np.isfinite(w).all()), bool(not (w < 0).any())


@dataclass
class _Group:
    members: list[Key]
    N: float
    n: int
    outer: int
    inner: list[int]


def _fail(detail: str) -> StatsError:
    return StatsError(ErrorCode.STATS_INPUT, detail=detail)


def _label(key: Key) -> str:
    return " / ".join(str(v) for v in key)


def _group_label(group: _Group) -> str:
    return " + ".join(_label(k) for k in group.members)


def _order(frame: pd.DataFrame, column: str) -> list[Hashable]:
    """Categories order for a categorical column, else order of first appearance."""
    series = frame[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        present = set(series.dropna())
        return [c for c in series.cat.categories if c in present]
    return list(pd.unique(series.dropna()))


def _check_columns(sample: pd.DataFrame, frame: pd.DataFrame, by: tuple[str, ...]) -> None:
    if not by:
        raise _fail("'by' names no column")
    for name, df in (("sample", sample), ("frame", frame)):
        missing = [c for c in by if c not in df.columns]
        if missing:
            raise _fail(f"the {name} has no column {', '.join(map(repr, missing))}")
        if df[list(by)].isna().to_numpy().any():
            raise _fail(f"the {name} has missing values in {', '.join(by)}")
    if len(sample) == 0:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="the sample is empty")


def _apply_mapping(
    sample: pd.DataFrame, frame: pd.DataFrame, column: str, collapse: Mapping[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame, list[CollapseStep]]:
    known = set(frame[column]) | set(sample[column])
    unknown = [k for k in collapse if k not in known]
    if unknown:
        raise _fail(f"collapse names {unknown!r}, not a value of '{column}' in the frame")
    sample, frame = sample.copy(), frame.copy()
    dtype = frame[column].dtype
    for df in (sample, frame):
        df[column] = df[column].astype(object).map(lambda v: collapse.get(v, v))
    if isinstance(dtype, pd.CategoricalDtype):
        order = list(dict.fromkeys(collapse.get(c, c) for c in dtype.categories))
        frame[column] = pd.Categorical(frame[column], categories=order)
    steps = [CollapseStep(str(k), str(v), str(v), "mapping") for k, v in collapse.items() if k != v]
    return sample, frame, steps


def _frame_counts(frame: pd.DataFrame, by: tuple[str, ...], count: str | None) -> pd.Series:
    if count is None:
        return frame.groupby(list(by), sort=False).size().astype(float)
    if count not in frame.columns:
        raise _fail(f"the frame has no column '{count}'")
    values = pd.to_numeric(frame[count], errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise _fail(f"frame column '{count}' must hold non-negative numbers")
    return values.groupby([frame[c] for c in by], sort=False).sum().astype(float)


def _respondent_cells(sample: pd.DataFrame, by: tuple[str, ...]) -> tuple[list[Key], np.ndarray]:
    """The distinct cells (``by`` values) of the respondents in order of first appearance,
    and each respondent's position in that list (vectorised; no NaN, see _check_columns)."""
    combined = np.zeros(len(sample), dtype=np.int64)
    values: list[list[Hashable]] = []
    radix = 1
    for column in by:
        codes, uniques = pd.factorize(sample[column])
        radix *= max(len(uniques), 1)
        if radix >= 2**62:  # too many combinations for one integer code: per row
            position: dict[Key, int] = {}
            rows = sample[list(by)].itertuples(index=False)
            per_row = [position.setdefault(tuple(r), len(position)) for r in rows]
            return list(position), np.asarray(per_row, dtype=np.intp)
        combined = combined * max(len(uniques), 1) + codes
        values.append(pd.Index(uniques).tolist())
    code, first = pd.factorize(combined)
    parts = []
    rest = np.asarray(first, dtype=np.int64)
    for column_values in reversed(values):
        rest, part = np.divmod(rest, max(len(column_values), 1))
        parts.append([column_values[i] for i in part])
    keys = [tuple(k) for k in zip(*reversed(parts), strict=True)]
    return keys, np.asarray(code, dtype=np.intp)


def _partner(groups: list[_Group], small: _Group, nested: bool) -> _Group:
    others = [g for g in groups if g is not small]
    if not others:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"all cells together have {small.n} responses, fewer than the minimum",
        )
    same = [g for g in others if g.outer == small.outer] if nested else []
    if same:

        def distance(g: _Group) -> int:
            return min(abs(a - b) for a in g.inner for b in small.inner)

        return min(same, key=lambda g: (distance(g), g.n, min(g.inner)))
    return min(others, key=lambda g: (g.n, g.outer, min(g.inner)))


def _collapse(
    groups: list[_Group], rank: dict[Key, int], min_cell: int, nested: bool
) -> list[CollapseStep]:
    steps: list[CollapseStep] = []
    while True:
        small = [g for g in groups if g.n < min_cell]
        if not small:
            return steps
        cell = min(small, key=lambda g: (g.n, g.outer, min(g.inner)))
        partner = _partner(groups, cell, nested)
        reason = "no respondents" if cell.n == 0 else f"n={cell.n} < {min_cell}"
        before = (_group_label(cell), _group_label(partner))
        partner.members = sorted(partner.members + cell.members, key=rank.__getitem__)
        partner.N += cell.N
        partner.n += cell.n
        partner.inner = sorted(partner.inner + cell.inner)
        groups.remove(cell)
        steps.append(CollapseStep(before[0], before[1], _group_label(partner), reason))


def poststratify(
    sample: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = ("sector",),
    min_cell: int = 5,
    collapse: Mapping[str, str] | None = None,
    count: str | None = None,
) -> WeightResult:
    """Post-stratification weights that reproduce the frame counts per cell.

    Parameters
    ----------
    sample : pandas.DataFrame
        One row per responding organisation, with the ``by`` columns.
    frame : pandas.DataFrame
        The sampling frame: one row per organisation, or one row per cell when
        ``count`` names the column with the cell's population count.
    by : sequence of str, default ``("sector",)``
        The cell variables, outer first, e.g. ``("sector", "size_class")``.
    min_cell : int, default 5
        Cells with fewer responses than this are collapsed.
    collapse : mapping, optional
        Values of the outer variable ``by[0]`` to recode before anything else,
        e.g. ``{"Provincies": "Overig", "Hoge Colleges van Staat": "Overig"}``
        (see :func:`barometer.stats.disclosure.merge_small_groups`).
    count : str, optional
        Column of ``frame`` that holds population counts.

    Returns
    -------
    WeightResult
        ``weights`` (sums to the frame total N), ``cell`` (cell label of each
        respondent), ``cells`` (N, n and weight per final cell), ``collapsed``
        (the merges, in order), Kish's ``effective_n`` = (Σw)²/Σw² and the
        weighting ``design_effect`` = n / effective_n = 1 + CV²(w).

    Notes
    -----
    Collapsing is deterministic. After the ``collapse`` mapping, cells are put in
    the order of the frame (category order for categorical columns, else order of
    first appearance). Frame cells with N = 0 and no respondents are dropped. Then,
    as long as some cell has fewer than ``min_cell`` responses (a frame cell without
    respondents has 0), the cell with the fewest responses (ties: the first in
    order) is merged:

    1. with ``by`` of two or more variables, into the cell of the same outer
       stratum that is nearest in the order of the inner variable(s); ties go to
       the one with fewer responses, then to the first;
    2. if its outer stratum has no other cell (or ``by`` is one variable), into
       the cell with the fewest responses overall (ties: the first in order).

    Merged cells are labelled by joining member labels with ``" + "``. A weight is
    N / n of the respondent's final cell, as R ``survey::postStratify`` gives for
    an equal-probability design.

    References
    ----------
    Kish, L. (1965). *Survey Sampling*. Wiley, section 11.7.
    Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*, ch. 7.

    Examples
    --------
    >>> import pandas as pd
    >>> sample = pd.DataFrame({"sector": ["A"] * 6 + ["B"] * 5})
    >>> frame = pd.DataFrame({"sector": ["A", "B"], "N": [60, 20]})
    >>> result = poststratify(sample, frame, count="N")
    >>> result.cells["weight"].tolist()
    [10.0, 4.0]
    >>> round(result.effective_n, 2)
    9.41
    """
    by = tuple(by)
    if min_cell < 1:
        raise _fail(f"min_cell must be at least 1, not {min_cell}")
    _check_columns(sample, frame, by)
    steps: list[CollapseStep] = []
    if collapse:
        sample, frame, steps = _apply_mapping(sample, frame, by[0], collapse)
    pop = _frame_counts(frame, by, count)
    keys: list[Key] = [k if isinstance(k, tuple) else (k,) for k in pop.index]
    pop_n = dict(zip(keys, pop.to_numpy(), strict=True))
    resp_unique, resp_code = _respondent_cells(sample, by)
    counts = np.bincount(resp_code, minlength=len(resp_unique))
    resp_n: dict[Key, int] = {k: int(c) for k, c in zip(resp_unique, counts, strict=True)}
    absent = [k for k in resp_n if k not in pop_n or pop_n[k] == 0]
    if absent:
        raise _fail(f"cell '{_label(absent[0])}' has respondents but no organisations in the frame")

    outer_pos = {v: i for i, v in enumerate(_order(frame, by[0]))}
    combos = {t: i for i, t in enumerate(product(*(_order(frame, c) for c in by[1:])))}
    inner_pos = {k: combos[k[1:]] for k in keys}
    ordered = sorted(keys, key=lambda k: (outer_pos[k[0]], inner_pos[k]))
    groups = [
        _Group([k], float(pop_n[k]), resp_n.get(k, 0), outer_pos[k[0]], [inner_pos[k]])
        for k in ordered
        if pop_n[k] > 0 or resp_n.get(k, 0) > 0
    ]
    rank = {k: i for i, k in enumerate(ordered)}
    steps += _collapse(groups, rank, min_cell, nested=len(by) > 1)

    label_of = {m: _group_label(g) for g in groups for m in g.members}
    cells = pd.DataFrame(
        {
            "N": [g.N for g in groups],
            "n": [g.n for g in groups],
            "weight": [g.N / g.n for g in groups],
        },
        index=pd.Index([_group_label(g) for g in groups], name="cell"),
    )
    labels = pd.Series([label_of[k] for k in resp_unique])  # dtype as for one label per row
    cell = pd.Series(labels.array.take(resp_code), index=sample.index, name="cell")
    weight_of = {m: g.N / g.n for g in groups for m in g.members}  # as in ``cells``
    per_cell = np.array([weight_of[k] for k in resp_unique], dtype=float)
    weights = pd.Series(per_cell[resp_code], index=sample.index, name="weight")
    w = weights.to_numpy()
    effective_n = float(w.sum() ** 2 / np.square(w).sum())
    return WeightResult(
        weights=weights,
        cell=cell,
        cells=cells,
        collapsed=tuple(steps),
        by=by,
        n=len(sample),
        population=float(cells["N"].sum()),
        effective_n=effective_n,
        design_effect=len(sample) / effective_n,
    )
