"""The linear-programming audit against brute force, and applied to ``suppress_table``.

Brute force (every whole-number filling of the hidden cells that keeps every published row
and column sum) is an independent way to find what an intruder can learn. Row and column
sums form a totally unimodular system, so the LP's interval ends are whole numbers and equal
the brute-force ones.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from barometer.disclosure.audit import audit_table
from barometer.stats.disclosure import suppress_table


def with_totals(inner: np.ndarray) -> np.ndarray:
    t = np.vstack([inner, inner.sum(axis=0)])
    return np.column_stack([t, t.sum(axis=1)])


def brute_force(table: np.ndarray, hidden: list[tuple[int, int]]) -> dict:
    bound = int(table[:-1, :-1].sum(axis=1).max())  # no inner cell exceeds its row total
    found: dict[tuple[int, int], list[int]] = {ij: [] for ij in hidden}
    for values in itertools.product(range(bound + 1), repeat=len(hidden)):
        t = table.astype(float).copy()
        for ij, v in zip(hidden, values, strict=True):
            t[ij] = v
        rows_ok = np.allclose(t[:, :-1].sum(axis=1), t[:, -1])
        cols_ok = np.allclose(t[:-1, :].sum(axis=0), t[-1, :])
        if rows_ok and cols_ok:
            for ij, v in zip(hidden, values, strict=True):
                found[ij].append(v)
    return {ij: (min(v), max(v)) for ij, v in found.items()}


@pytest.mark.parametrize("seed", range(12))
def test_intervals_equal_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = with_totals(rng.integers(0, 6, size=(3, 3)))
    cells = [(i, j) for i in range(3) for j in range(3)]  # inner cells; totals published
    hidden = [cells[k] for k in sorted(rng.choice(len(cells), size=4, replace=False))]
    published = [[None if (i, j) in hidden else float(table[i, j]) for j in range(4)]
                 for i in range(4)]  # fmt: skip
    expected = brute_force(table, hidden)
    got = {(c.row, c.column): (c.low, c.high) for c in audit_table(published)}
    assert got == {ij: (float(lo), float(hi)) for ij, (lo, hi) in expected.items()}


def test_a_single_hidden_cell_in_a_line_is_recovered_exactly() -> None:
    published = [[10, None, 13], [8, 9, 17], [18, None, 30]]
    got = audit_table(published)
    assert [(c.low, c.high) for c in got] == [(3.0, 3.0), (12.0, 12.0)]
    assert all(c.width == 0 for c in got)


@pytest.mark.parametrize("seed", range(20))
def test_suppress_table_never_allows_exact_recovery(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    counts = pd.DataFrame(rng.integers(0, 15, size=(5, 4)))
    result = suppress_table(counts, min_n=5)
    published = [[None if pd.isna(v) else float(v) for v in row]
                 for row in result.table.to_numpy(dtype=object)]  # fmt: skip
    for cell in audit_table(published):
        assert cell.width > 0, (seed, cell)
