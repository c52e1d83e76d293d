"""Input checks shared by the climate-scale statistics (private).

Every public function in :mod:`barometer.stats.scale` takes the raw item columns
as exported (Likert 1..5, with the SPSS-style missing codes -1, -8 and -9 of
DESIGN.md section 5) and passes them through :func:`prepare_items` first, so that
bad input raises :class:`~barometer.errors.StatsError` naming the column instead of
giving a NaN or a numpy warning.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from barometer.errors import ErrorCode, StatsError

SCALE_MIN = 1.0
"""Lowest valid answer; any smaller value (the codes -1, -8, -9, and 0) is missing."""
SCALE_MAX = 5.0
"""Highest valid answer."""
MIN_ITEMS = 3
"""A scale (and a one-factor model) needs at least three items."""
MIN_CASES = 10
"""No scale statistic is computed from fewer than ten cases."""
MISSING_RULES = ("listwise",)


def to_scale(items: object, *, what: str) -> pd.DataFrame:
    """Check item columns and return them as floats with missing codes as NaN.

    Values below :data:`SCALE_MIN` become NaN. Raises ``StatsError`` for a
    non-DataFrame, duplicate or non-numeric columns, values above
    :data:`SCALE_MAX`, and a column without any valid answer.
    """
    if not isinstance(items, pd.DataFrame):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"{what} needs a pandas DataFrame of item columns, got {type(items).__name__}",
        )
    if items.shape[1] == 0:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"{what}: no item columns given")
    dupes = items.columns[items.columns.duplicated()].tolist()
    if dupes:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"{what}: column '{dupes[0]}' occurs more than once"
        )
    fast = _to_scale_fast(items)
    if fast is not None:
        return fast
    out = {}
    for name in items.columns:
        col = items[name]
        if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
            raise StatsError(
                ErrorCode.STATS_INPUT,
                column=str(name),
                detail=f"{what}: column '{name}' is not numeric (dtype {col.dtype})",
            )
        values = col.astype("float64")
        if np.isinf(values).any():
            raise StatsError(
                ErrorCode.STATS_INPUT,
                column=str(name),
                detail=f"{what}: column '{name}' contains an infinite value",
            )
        too_big = values[values > SCALE_MAX]
        if len(too_big):
            raise StatsError(
                ErrorCode.STATS_INPUT,
                column=str(name),
                value=too_big.iloc[0],
                detail=(
                    f"{what}: column '{name}' has value {too_big.iloc[0]:g} at row "
                    f"{too_big.index[0]!r}; answers run from {SCALE_MIN:g} to {SCALE_MAX:g}"
                ),
            )
        values = values.where(values >= SCALE_MIN)
        if values.isna().all():
            raise StatsError(
                ErrorCode.STATS_ALL_MISSING,
                column=str(name),
                detail=f"{what}: column '{name}' has no valid answer (1..5)",
            )
        out[name] = values
    return pd.DataFrame(out, index=items.index)


def _to_scale_fast(items: pd.DataFrame) -> pd.DataFrame | None:
    """:func:`to_scale` of valid input in one pass over the whole frame (None when any
    column needs the column-by-column checks, which then name the problem)."""
    for dtype in items.dtypes:
        if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
            return None
    values = items.astype("float64")
    arr = values.to_numpy()
    with np.errstate(invalid="ignore"):
        if np.isinf(arr).any() or (arr > SCALE_MAX).any():
            return None
        valid = arr >= SCALE_MIN
    if not valid.any(axis=0).all():
        return None
    return values.where(valid)


def complete_cases(
    items: object, *, what: str, missing: str = "listwise", min_items: int = MIN_ITEMS
) -> tuple[pd.DataFrame, int]:
    """Return the complete cases of the converted items and how many rows were dropped.

    Checks the ``missing`` rule, the number of items, the number of cases
    (at least :data:`MIN_CASES` and more than the number of items) and that no
    item is constant in the analysed sample.
    """
    if missing not in MISSING_RULES:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"{what}: missing={missing!r} is not supported; use one of {MISSING_RULES}",
        )
    data = to_scale(items, what=what)
    if data.shape[1] < min_items:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"{what} needs at least {min_items} items, got {data.shape[1]}",
        )
    complete = data.dropna(axis=0, how="any")
    n, k = complete.shape
    need = max(MIN_CASES, k + 1)
    if n < need:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=(
                f"{what} needs at least {need} complete cases for {k} items "
                f"(at least {MIN_CASES}, and more than the number of items); "
                f"{n} of {len(data)} rows answer every item"
            ),
        )
    for name in complete.columns:
        if complete[name].nunique() < 2:
            raise StatsError(
                ErrorCode.STATS_CONSTANT,
                column=str(name),
                detail=(
                    f"{what}: every complete case answers {complete[name].iloc[0]:g}, "
                    "so the item carries no information; leave it out"
                ),
            )
    return complete, len(data) - n


def check_score(score: object, *, what: str, min_cases: int = MIN_CASES) -> pd.Series:
    """Check a numeric score Series and return its non-missing values as floats."""
    if not isinstance(score, pd.Series):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"{what} needs a pandas Series, got {type(score).__name__}",
        )
    if pd.api.types.is_bool_dtype(score) or not pd.api.types.is_numeric_dtype(score):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            column=str(score.name),
            detail=f"{what}: score '{score.name}' is not numeric (dtype {score.dtype})",
        )
    values = score.astype("float64")
    if np.isinf(values).any():
        raise StatsError(
            ErrorCode.STATS_INPUT,
            column=str(score.name),
            detail=f"{what}: score '{score.name}' contains an infinite value",
        )
    present = values.dropna()
    if present.empty:
        raise StatsError(
            ErrorCode.STATS_ALL_MISSING,
            column=str(score.name),
            detail=f"{what}: score '{score.name}' has no value",
        )
    if len(present) < min_cases:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"{what} needs at least {min_cases} scores, got {len(present)}",
        )
    if present.nunique() < 2:
        raise StatsError(
            ErrorCode.STATS_CONSTANT,
            column=str(score.name),
            detail=f"{what}: every score is {present.iloc[0]:g}",
        )
    return present
