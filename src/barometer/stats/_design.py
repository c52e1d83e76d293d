"""The input of a proportion as arrays: the 0/1 values and the survey design (private).

:func:`~barometer.stats.proportions.proportion` reads its values and weights through
these helpers, so that numeric input is never converted one Python object at a time, and
a :class:`~barometer.stats.weights.WeightResult`'s arrays (weights, integer cell codes,
cell sizes, checks) are computed once per result, not once per estimate. The cell means of
the linearised SE come from one ``np.bincount`` per estimate (plain summation in row
order; pandas' groupby mean, used before, sums with compensation: the two agree to about
1e-16 relative).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from barometer.errors import ErrorCode, StatsError
from barometer.stats.weights import WeightResult

Weights = WeightResult | pd.Series | np.ndarray | Sequence[float] | None

NUMERIC_KINDS = "biuf"
"""numpy dtype kinds read as numbers without a detour through Python objects."""


def fail(detail: str) -> StatsError:
    return StatsError(ErrorCode.STATS_INPUT, detail=detail)


class Binary(NamedTuple):
    """0/1 values as floats, NaN outside the base."""

    values: np.ndarray
    labels: pd.Index
    """The Series' own index, else 0, 1, ..."""
    present: np.ndarray
    """True in the base (not NaN)."""
    n: int
    """Number in the base."""
    ones: int
    """Number of 1s."""


def binary_values(x: Any) -> Binary:
    """The 0/1 values of ``x`` as floats (NaN: not in the base), read without a Python
    object per value when they are numbers. Raises StatsError for any other value."""
    values: np.ndarray | None = None
    index: pd.Index | None = None
    if isinstance(x, pd.Series):
        if x.dtype.kind in NUMERIC_KINDS and not isinstance(x.dtype, pd.BooleanDtype):
            numpy = isinstance(x.dtype, np.dtype)  # NaN is its own missing value: no copy
            values = x.to_numpy(dtype=float) if numpy else x.to_numpy(float, na_value=np.nan)
        index = x.index
    elif isinstance(x, np.ndarray | list):
        arr = np.asarray(x)
        if arr.ndim == 1 and arr.dtype.kind in NUMERIC_KINDS:
            values, index = arr.astype(float, copy=False), pd.RangeIndex(len(arr))
    if values is None or index is None:  # anything else: as pandas reads it (text, NA, ...)
        series = pd.Series(x) if not isinstance(x, pd.Series) else x
        try:
            converted = pd.to_numeric(series.astype(object), errors="raise").astype(float)
        except (TypeError, ValueError) as exc:
            raise fail(f"a proportion needs 0/1 values: {exc}") from None
        values, index = converted.to_numpy(dtype=float, na_value=np.nan), converted.index
    present = values == values  # not NaN
    n, ones = int(np.count_nonzero(present)), int(np.count_nonzero(values == 1.0))
    if ones + int(np.count_nonzero(values == 0.0)) != n:
        bad = present & (values != 0.0) & (values != 1.0)
        raise fail(f"a proportion needs 0/1 values, found {values[bad][0]!r}")
    return Binary(values, index, present, n, ones)


class Design(NamedTuple):
    """The weights of a proportion's rows, and for a post-stratified design (a
    :class:`WeightResult`) each row's cell code and the number of rows per code."""

    weights: np.ndarray
    cells: np.ndarray | None
    cell_sizes: np.ndarray | None


def design(index: pd.Index, weights: Weights) -> Design:
    """The design of values with ``index``: weights aligned to it (by label when they are
    a Series or WeightResult with another order), checked finite and not negative."""
    strata: np.ndarray | None = None
    sizes: np.ndarray | None = None
    valid: tuple[bool, bool] | None = None
    if isinstance(weights, WeightResult | pd.Series):
        w = weights.weights if isinstance(weights, WeightResult) else weights
        if isinstance(weights, WeightResult):  # arrays and checks computed once per result
            warr, strata, sizes = weights.weight_values, weights.cell_codes, weights.cell_sizes
            valid = weights.weights_valid
        else:
            warr = pd.to_numeric(w, errors="coerce").to_numpy(dtype=float)
        if len(w) != len(index):
            raise fail(f"{len(index)} values but {len(w)} weights")
        if not w.index.equals(index):
            if not (w.index.is_unique and set(w.index) == set(index)):
                raise fail("the values and the weights have different indexes")
            order = w.index.get_indexer(index)
            warr, strata = warr[order], (strata[order] if strata is not None else None)
    else:
        try:
            warr = np.asarray(weights, dtype=float).ravel()
        except (TypeError, ValueError):
            raise fail("weights must be numbers") from None
        if warr.size != len(index):
            raise fail(f"{len(index)} values but {warr.size} weights")
    finite, nonnegative = valid or (bool(np.isfinite(warr).all()), bool(not (warr < 0).any()))
    if not finite:
        raise fail("weights must be finite numbers")
    if not nonnegative:
        raise fail("weights must not be negative")
    return Design(warr, strata, sizes)


class Domain(NamedTuple):
    """The weighted estimate over the base (the domain) and what its SE needs."""

    estimate: float
    base: float
    """Σw over the base."""
    rows: np.ndarray
    """Positions of the base's rows."""
    weights: np.ndarray
    """Their weights."""
    values: np.ndarray
    """Their 0/1 values."""


def domain_estimate(values: np.ndarray, in_base: np.ndarray, w: np.ndarray) -> Domain:
    """Σw·y / Σw over the rows ``in_base`` (positions; faster than a boolean mask)."""
    w_base, y_base = w.take(in_base), values.take(in_base)
    base = float(w_base.sum())
    if base <= 0:
        raise fail("the weights of the base sum to 0")
    return Domain(float((w_base * y_base).sum() / base), base, in_base, w_base, y_base)


def minus_cell_means(values: np.ndarray, codes: np.ndarray, sizes: np.ndarray) -> None:
    """Subtract from ``values`` (in place) the mean of their cell (code, one ``np.bincount``);
    NaN where the cell is missing (code -1)."""
    inside = codes >= 0
    if inside.all():
        sums = np.bincount(codes, weights=values, minlength=sizes.size)
        np.subtract(values, (sums / sizes).take(codes), out=values)
        return
    sums = np.bincount(codes[inside], weights=values[inside], minlength=sizes.size)
    means = (sums / np.maximum(sizes, 1)).take(np.maximum(codes, 0))
    values[:] = np.where(inside, values - means, np.nan)
