"""The listwise sample and design matrix of a logistic regression (internal).

:func:`prepare_design` checks the input, drops incomplete cases listwise, codes the
categorical predictors as indicator dummies (SPSS ``INDICATOR``, last category as the
reference by default) and builds the design matrix once: float64, one block of columns
per term in the order given and the constant as the last column, kept as its distinct rows
(:class:`~barometer.stats.logistic_newton.Patterns`). A model is a subset of its columns
(:meth:`Design.cols`); shared by :mod:`barometer.stats.logistic_fit` and
:mod:`barometer.stats.logistic_stepwise`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from barometer.errors import ErrorCode, StatsError
from barometer.stats.logistic_newton import CHUNK, Patterns

__all__ = ["CONSTANT", "Design", "prepare_design"]

CONSTANT = "Constant"
_RANK_MARGIN = 1e-6  # smallest/largest eigenvalue of X'X above which X has full rank for sure


@dataclass(frozen=True, eq=False)
class Design:
    """The listwise sample and its design matrix, fixed once (internal)."""

    outcome: str
    event: Any
    y: np.ndarray
    terms: tuple[str, ...]  # every predictor, in the order given
    patterns: Patterns  # the n × K design matrix (terms in order, then the constant), grouped
    spans: Mapping[str, tuple[int, int]]  # term -> its columns x[:, start:stop]
    names: Mapping[str, tuple[str, ...]]  # term -> coefficient names
    categorical: tuple[str, ...]
    reference_levels: tuple[tuple[str, Any], ...]
    n_excluded: int

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def x(self) -> np.ndarray:
        """The distinct rows of the design matrix (g × K)."""
        return self.patterns.x

    @property
    def constant(self) -> int:
        """Index of the constant's column."""
        return int(self.x.shape[1] - 1)

    def ordered(self, terms: Iterable[str]) -> tuple[str, ...]:
        """``terms`` in design order (unknown names left out)."""
        wanted = set(terms)
        return tuple(t for t in self.terms if t in wanted)

    def term_cols(self, term: str) -> np.ndarray:
        """Column indices of one term."""
        return np.arange(*self.spans[term])

    def cols(self, terms: Iterable[str]) -> np.ndarray:
        """Column indices of the model with ``terms``: theirs in design order, then the constant."""
        parts = [self.term_cols(t) for t in self.ordered(terms)]
        return np.concatenate([*parts, np.array([self.constant])]).astype(np.intp)

    def labels(self, terms: Iterable[str]) -> tuple[list[str], list[str]]:
        """Coefficient names and their terms for the model with ``terms`` (Constant last)."""
        ordered = self.ordered(terms)
        names = [nm for t in ordered for nm in self.names[t]] + [CONSTANT]
        owners = [t for t in ordered for _ in self.names[t]] + [CONSTANT]
        return names, owners

    def matrix(self, terms: Sequence[str]) -> tuple[np.ndarray, list[str], list[str]]:
        """Design matrix for ``terms`` (in design order) plus the constant as last column."""
        names, owners = self.labels(terms)
        return self.x[:, self.cols(terms)][self.patterns.inverse], names, owners


def _fail(code: ErrorCode, detail: str, column: str | None = None) -> StatsError:
    return StatsError(code, detail=detail, column=column)


def _sorted_levels(values: Iterable[Any]) -> list[Any]:
    levels = [v.item() if isinstance(v, np.generic) else v for v in pd.unique(pd.Series(values))]
    try:
        return sorted(levels)
    except TypeError:
        return sorted(levels, key=str)


def prepare_design(
    data: pd.DataFrame,
    *,
    outcome: str,
    predictors: Sequence[str],
    categorical: Sequence[str] = (),
    reference: Mapping[str, Any] | None = None,
) -> Design:
    """Check the input, drop incomplete cases listwise and build the design columns."""
    if not isinstance(data, pd.DataFrame):
        raise _fail(ErrorCode.STATS_INPUT, f"data must be a pandas DataFrame, not {type(data)}")
    if isinstance(predictors, str) or isinstance(categorical, str):
        raise _fail(ErrorCode.STATS_INPUT, "predictors and categorical must be lists of names")
    predictors = list(predictors)
    categorical = list(categorical)
    reference = dict(reference or {})
    if len(set(predictors)) != len(predictors):
        raise _fail(ErrorCode.STATS_INPUT, f"a predictor is listed twice: {predictors}")
    if outcome in predictors:
        raise _fail(ErrorCode.STATS_INPUT, f"the outcome '{outcome}' is also a predictor")
    for name in (outcome, *predictors):
        if name not in data.columns:
            raise _fail(ErrorCode.STATS_INPUT, f"column '{name}' is not in the data", name)
    for name in categorical:
        if name not in predictors:
            raise _fail(ErrorCode.STATS_INPUT, f"categorical '{name}' is not a predictor", name)
    for name in reference:
        if name not in categorical:
            raise _fail(ErrorCode.STATS_INPUT, f"reference given for '{name}', not categorical")
    for name in (outcome, *predictors):
        if data[name].isna().all():
            raise _fail(ErrorCode.STATS_ALL_MISSING, f"column '{name}' has no values", name)
        numeric = pd.api.types.is_numeric_dtype(data[name])
        if name != outcome and name not in categorical and not numeric:
            raise _fail(
                ErrorCode.STATS_INPUT,
                f"predictor '{name}' is not numeric; list it in categorical=",
                name,
            )

    used = data[[outcome, *predictors]]
    complete = used.notna().all(axis=1).to_numpy()
    frame = used.loc[complete]
    if frame.empty:
        raise _fail(
            ErrorCode.STATS_ALL_MISSING,
            f"no case has values on all of {[outcome, *predictors]}",
        )

    classes = _sorted_levels(frame[outcome])
    if len(classes) > 2:
        raise _fail(
            ErrorCode.STATS_INPUT,
            f"the outcome '{outcome}' must have two values, it has {len(classes)}: {classes[:5]}",
            outcome,
        )
    if len(classes) < 2:
        raise _fail(
            ErrorCode.STATS_TOO_FEW,
            f"the outcome '{outcome}' has only one class ({classes[0]!r}) "
            f"in the {len(frame)} complete cases",
            outcome,
        )
    y = (frame[outcome] == classes[1]).to_numpy(dtype=float)

    blocks: dict[str, np.ndarray | list[np.ndarray]] = {}
    names: dict[str, tuple[str, ...]] = {}
    refs: list[tuple[str, Any]] = []
    for name in predictors:
        values = frame[name]
        # a numeric predictor's values are only counted (no sorted list of them)
        if name in categorical or len(pd.unique(values)) < 2:
            levels = _sorted_levels(values)
            if len(levels) < 2:
                raise _fail(
                    ErrorCode.STATS_CONSTANT,
                    f"it has the single value {levels[0]!r} in all {len(frame)} cases used",
                    name,
                )
        if name in categorical:
            ref = reference.get(name, levels[-1])  # SPSS INDICATOR: last category
            if ref not in levels:
                raise _fail(
                    ErrorCode.STATS_INPUT,
                    f"reference level {ref!r} of '{name}' is not among {levels}",
                    name,
                )
            kept = [lv for lv in levels if lv != ref]
            blocks[name] = [(values == lv).to_numpy() for lv in kept]
            names[name] = tuple(f"{name}[{lv}]" for lv in kept)
            refs.append((name, ref))
        else:
            blocks[name] = values.to_numpy(dtype=float)
            names[name] = (name,)

    spans: dict[str, tuple[int, int]] = {}
    width = 0
    for name in predictors:
        spans[name] = (width, width + len(names[name]))
        width += len(names[name])
    x = np.empty((len(y), width + 1), order="F")  # filled column by column
    for name in predictors:
        block = blocks[name]
        start = spans[name][0]
        for i, column in enumerate(block if isinstance(block, list) else [block]):
            x[:, start + i] = column
    x[:, width] = 1.0

    design = Design(
        outcome=outcome,
        event=classes[1],
        y=y,
        terms=tuple(predictors),
        patterns=Patterns.of(x, y),
        spans=spans,
        names=names,
        categorical=tuple(categorical),
        reference_levels=tuple(refs),
        n_excluded=int((~complete).sum()),
    )
    _check_rank(design)
    return design


def _check_rank(design: Design) -> None:
    pat = design.patterns
    k = pat.x.shape[1]
    if design.n < k + 1:
        raise _fail(
            ErrorCode.STATS_TOO_FEW,
            f"{design.n} complete cases for {k} parameters; at least {k + 1} are needed",
        )
    if _surely_full_rank(pat.x, pat.counts):
        return
    x = pat.rows()
    if np.linalg.matrix_rank(x) == k:
        return
    # name the first column that adds nothing to the ones before it (constant first)
    names, _ = design.labels(design.terms)
    order = [k - 1, *range(k - 1)]
    rank = 0
    for j in range(1, len(order) + 1):
        r = np.linalg.matrix_rank(x[:, order[:j]])
        if r == rank:
            bad = names[order[j - 1]]
            raise _fail(
                ErrorCode.STATS_INPUT,
                f"'{bad}' is a linear combination of the predictors before it (redundant)",
            )
        rank = r


def _surely_full_rank(x: np.ndarray, counts: np.ndarray | None = None) -> bool:
    """True when X'X is so far from singular that ``matrix_rank`` of the n × K design
    matrix must be full; ``x`` holds its distinct rows, each ``counts`` times.

    ``matrix_rank`` counts singular values above σ_max · max(n, K) · eps (about 1e-10 σ_max
    here). The eigenvalues of the computed X'X are the squared singular values up to an
    error of about n · eps · λ_max; a ratio λ_min/λ_max above 1e-6 (σ_min/σ_max above 1e-3)
    therefore decides without the SVD of the n × K matrix. Anything closer is left to
    ``matrix_rank``.
    """
    weights = np.ones(len(x)) if counts is None else counts
    gram = np.zeros((x.shape[1], x.shape[1]))
    for start in range(0, x.shape[0], CHUNK):
        block = x[start : start + CHUNK]
        gram += (block.T * weights[start : start + CHUNK]) @ block
    eig = np.linalg.eigvalsh(gram)
    return bool(np.all(np.isfinite(eig)) and eig[-1] > 0 and eig[0] > _RANK_MARGIN * eig[-1])
