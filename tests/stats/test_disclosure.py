"""Tests for barometer.stats.disclosure.

Recoverability is checked independently of the implementation: an intruder's
linear program (scipy ``linprog``) bounds every hidden cell given the published
cells and totals; a hidden cell is protected when its lower and upper bound differ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from barometer.errors import ErrorCode, StatsError
from barometer.stats.disclosure import check_min_n, merge_small_groups, suppress_table

SECTORS_2021 = pd.Series(
    {
        "Gemeenten": 85,
        "Gemeenschappelijke regelingen": 110,
        "Hoge Colleges van Staat": 4,
        "Privaatrechtelijke publieke organisaties": 26,
        "Provincies": 3,
        "Rechtswezen (rechterlijke macht en OM)": 14,
        "Rijksoverheid (departementen)": 76,
        "Waterschappen": 12,
        "Zbo's": 36,
    }
)  # Innovatie Barometer Overheid 2021, Tabel 1 (completed questionnaires)


def intruder_bounds(published: pd.DataFrame) -> dict[tuple[int, int], tuple[float, float]]:
    """Min and max of each hidden cell of a table whose last row and column are totals."""
    values = published.to_numpy(dtype=float, na_value=np.nan)
    r, c = values.shape
    hidden = [tuple(ij) for ij in np.argwhere(np.isnan(values))]
    pos = {ij: k for k, ij in enumerate(hidden)}
    a_eq, b_eq = [], []
    lines = [[(i, j) for j in range(c - 1)] + [(i, c - 1)] for i in range(r)]
    lines += [[(i, j) for i in range(r - 1)] + [(r - 1, j)] for j in range(c)]
    for line in lines:
        row, rhs = np.zeros(len(hidden)), 0.0
        for k, ij in enumerate(line):
            sign = -1.0 if k == len(line) - 1 else 1.0
            if ij in pos:
                row[pos[ij]] += sign
            else:
                rhs -= sign * values[ij]
        a_eq.append(row)
        b_eq.append(rhs)
    bounds = {}
    for ij, k in pos.items():
        ends = []
        for sign in (1.0, -1.0):
            cost = np.zeros(len(hidden))
            cost[k] = sign
            res = linprog(cost, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None), method="highs")
            ends.append(sign * res.fun if res.status == 0 else np.inf)
        bounds[ij] = (ends[0], ends[1])
    return bounds


TABLE = pd.DataFrame(
    {"ja": [12, 15, 6], "nee": [3, 9, 11], "weet niet": [10, 8, 20]},
    index=["A", "B", "C"],
)


def test_primary_alone_is_recoverable_and_secondary_fixes_it() -> None:
    result = suppress_table(TABLE)
    assert list(result.table.index) == ["A", "B", "C", "Totaal"]
    assert list(result.table.columns) == ["ja", "nee", "weet niet", "Totaal"]
    # primary suppression only: A/nee = row total 25 - 12 - 10 = 3
    primary_only = TABLE.assign(Totaal=TABLE.sum(axis=1)).astype(float)
    primary_only.loc["Totaal"] = primary_only.sum()
    primary_only.loc["A", "nee"] = np.nan
    assert intruder_bounds(primary_only)[(0, 1)] == (3.0, 3.0)
    # with secondary suppression the smallest protecting rectangle is hidden
    expected = pd.DataFrame("", index=result.reasons.index, columns=result.reasons.columns)
    expected.loc["A", "nee"] = "primary"
    expected.loc[["A", "B"], "weet niet"] = "secondary"
    expected.loc["B", "nee"] = "secondary"
    pd.testing.assert_frame_equal(result.reasons, expected)
    assert result.table.loc["Totaal", "Totaal"] == 94
    for low, high in intruder_bounds(result.table).values():
        assert low < high
    assert intruder_bounds(result.table)[(0, 1)] == (0.0, 12.0)  # A/nee + B/nee = 23 - 11


def test_small_totals_are_suppressed_and_protected() -> None:
    counts = pd.DataFrame([[1, 0, 7], [6, 8, 9], [3, 0, 0]], columns=["x", "y", "z"])
    result = suppress_table(counts)
    assert result.reasons.loc[2, "Totaal"] == "primary"  # row total 3
    assert result.reasons.loc[0, "y"] == "" and result.table.loc[0, "y"] == 0  # 0 is published
    published = result.table.to_numpy(dtype=float, na_value=np.nan)
    assert not ((published > 0) & (published < 5)).any()
    for low, high in intruder_bounds(result.table).values():
        assert low < high


def test_random_tables_leave_nothing_recoverable() -> None:
    rng = np.random.default_rng(8)
    for _ in range(40):
        shape = (int(rng.integers(2, 6)), int(rng.integers(2, 5)))
        counts = pd.DataFrame(rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 30], size=shape))
        result = suppress_table(counts)
        published = result.table.to_numpy(dtype=float, na_value=np.nan)
        assert not ((published > 0) & (published < 5)).any()
        for low, high in intruder_bounds(result.table).values():
            assert low < high, counts


def test_without_margins_only_primary() -> None:
    result = suppress_table(TABLE, margins=False, min_n=10)
    assert list(result.table.columns) == list(TABLE.columns)
    assert result.mask.to_numpy().sum() == 4  # 3, 9, 6 and 8
    assert set(result.reasons.to_numpy().ravel()) == {"", "primary"}
    assert result.table.loc["C", "nee"] == 11


@pytest.mark.parametrize(
    ("counts", "kwargs"),
    [
        (pd.DataFrame([[1, -2]]), {}),
        (pd.DataFrame([[1.5, 2]]), {}),
        (pd.DataFrame([["a", 2]]), {}),
        (TABLE, {"min_n": 0}),
    ],
)
def test_suppress_bad_input(counts, kwargs) -> None:
    with pytest.raises(StatsError) as info:
        suppress_table(counts, **kwargs)
    assert info.value.problem.code == ErrorCode.STATS_INPUT


def test_suppress_empty_table() -> None:
    with pytest.raises(StatsError) as info:
        suppress_table(pd.DataFrame())
    assert info.value.problem.code == ErrorCode.STATS_TOO_FEW


def test_check_min_n() -> None:
    assert check_min_n(5) and check_min_n(366)
    assert not check_min_n(4) and not check_min_n(0)
    assert check_min_n(3, min_n=3)
    for bad in ({"n": -1}, {"n": float("nan")}, {"n": 5, "min_n": 0}):
        with pytest.raises(StatsError):
            check_min_n(**bad)


def test_merge_2021_sectors() -> None:
    mapping = merge_small_groups(SECTORS_2021)
    merged = [k for k, v in mapping.items() if v == "Overig"]
    assert merged == ["Hoge Colleges van Staat", "Provincies"]
    assert all(mapping[k] == k for k in SECTORS_2021.index if k not in merged)
    assert SECTORS_2021.groupby(mapping).sum()["Overig"] == 7


def test_small_remainder_takes_the_smallest_other_group() -> None:
    counts = pd.Series({"A": 50, "B": 3, "C": 6, "D": 8})
    assert merge_small_groups(counts, into="Rest") == {"A": "A", "B": "Rest", "C": "Rest", "D": "D"}


def test_existing_remainder_group_is_joined() -> None:
    counts = pd.Series({"A": 50, "Overig": 4, "B": 2})
    assert merge_small_groups(counts) == {"A": "A", "Overig": "Overig", "B": "Overig"}


def test_nothing_to_merge() -> None:
    assert merge_small_groups(pd.Series({"A": 5, "B": 9})) == {"A": "A", "B": "B"}


@pytest.mark.parametrize(
    ("counts", "code"),
    [
        (pd.Series({"A": 2, "B": 1}), ErrorCode.STATS_TOO_FEW),
        (pd.Series({"A": -2, "B": 10}), ErrorCode.STATS_INPUT),
        (pd.Series([3, 10], index=["A", "A"]), ErrorCode.STATS_INPUT),
    ],
)
def test_merge_bad_input(counts, code) -> None:
    with pytest.raises(StatsError) as info:
        merge_small_groups(counts)
    assert info.value.problem.code == code
