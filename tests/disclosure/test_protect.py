"""Secondary suppression of linked tables: every hidden count keeps an interval at least
``min_n`` wide under the linear-programming audit, checked against brute force, and the
audit finds the leak when one complementary count is published after all."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from barometer.disclosure.audit import audit_linked, audit_table
from barometer.disclosure.protect import protect_linked
from barometer.stats.disclosure import suppress_table


def linked(seed: int) -> tuple[dict, list, list]:
    """Tabel 1 (groups + total) and a weighting table (2 or 3 cells per group): the cells of
    a group add up to the group's count in Tabel 1, the groups to the total."""
    rng = np.random.default_rng(seed)
    values: dict = {}
    relations: list = []
    groups = []
    for g in range(3):
        cells = [("cell", g, c) for c in range(int(rng.integers(2, 4)))]
        for c in cells:
            values[c] = int(rng.integers(1, 12))
        values[("tab1", g)] = sum(values[c] for c in cells)
        relations.append((("tab1", g), cells))
        groups.append(("tab1", g))
    values[("tab1", "total")] = sum(values[g] for g in groups)
    relations.append((("tab1", "total"), groups))
    primary = [k for k, v in values.items() if k[0] == "cell" and 0 < v < 5]
    return values, relations, primary


def brute_force(values: dict, relations: list, hidden: set) -> dict:
    keys = sorted(hidden, key=str)
    top = max(values.values())  # a part never exceeds a published sum it is part of
    bounds = [min([values[t] for t, parts in relations if k in parts and t not in hidden] + [top])
              for k in keys]  # fmt: skip
    found: dict = {k: [] for k in keys}
    for guess in itertools.product(*(range(b + 1) for b in bounds)):
        v = {**values, **dict(zip(keys, guess, strict=True))}
        if all(sum(v[p] for p in parts) == v[t] for t, parts in relations):
            for k, x in zip(keys, guess, strict=True):
                found[k].append(x)
    return {k: (min(x), max(x)) for k, x in found.items()}


@pytest.mark.parametrize("seed", range(8))
def test_linked_tables_are_protected_and_brute_force_agrees(seed: int) -> None:
    values, relations, primary = linked(seed)
    done = protect_linked(values, relations, primary=primary, protection=5)
    assert done.protected
    assert set(primary) <= done.hidden
    for total, parts in relations:  # a lone hidden count in a published sum leaks
        assert len(done.hidden & {total, *parts}) != 1
    if len(done.hidden) <= 5:  # brute force is independent of the LP
        expected = brute_force(values, relations, done.hidden)
        got = audit_linked({k: None if k in done.hidden else v for k, v in values.items()},
                           relations)  # fmt: skip
        assert {k: (i.low, i.high) for k, i in got.items()} == {
            k: (float(lo), float(hi)) for k, (lo, hi) in expected.items()
        }
    for i in done.intervals.values():
        assert i.width >= 5


def test_a_sum_published_in_another_table_is_a_margin() -> None:
    # Tabel 1 publishes the group's 9; its weighting cells are 3 and 6: hiding only the 3
    # leaks it (9 - 6), so the 6 goes too, and then the audit leaves [0, 9] for both.
    values = {"t1": 9, "t2": 20, "total": 29, "c1": 3, "c2": 6, "c3": 12, "c4": 8}
    relations = [("t1", ["c1", "c2"]), ("t2", ["c3", "c4"]), ("total", ["t1", "t2"])]
    done = protect_linked(values, relations, primary=["c1"], protection=5, fixed=["total"])
    assert done.hidden == {"c1", "c2"}
    assert (done.intervals["c1"].low, done.intervals["c1"].high) == (0.0, 9.0)
    # a doctored copy that publishes the complementary cell: the audit recovers the 3
    leak = audit_linked({**values, "c1": None}, relations)
    assert (leak["c1"].low, leak["c1"].high) == (3.0, 3.0)


def test_a_small_margin_is_hidden_too() -> None:
    # group of 4 (parts 1 and 3): no pair of parts can be wider than 4, so the group's own
    # count goes, and with it a second group so that the total does not give it away
    values = {"g1": 4, "g2": 12, "g3": 9, "total": 25, "a": 1, "b": 3}
    relations = [("g1", ["a", "b"]), ("total", ["g1", "g2", "g3"])]
    done = protect_linked(values, relations, primary=["a", "b"], protection=5, fixed=["total"])
    assert done.protected
    assert "g1" in done.hidden and {"g2", "g3"} & done.hidden


def test_nothing_left_to_hide_is_reported_not_hidden() -> None:
    values = {"a": 2, "t": 2}
    done = protect_linked(values, [("t", ["a"])], primary=["a"], protection=5, fixed=["t"])
    assert not done.protected and done.intervals["a"].width == 0


@pytest.mark.parametrize("seed", range(20))
def test_suppress_table_leaves_every_hidden_cell_min_n_wide(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    counts = pd.DataFrame(rng.integers(0, 15, size=(5, 4)))
    result = suppress_table(counts, min_n=5)
    published = [[None if pd.isna(v) else float(v) for v in row]
                 for row in result.table.to_numpy(dtype=object)]  # fmt: skip
    found = audit_table(published)
    assert found or not result.mask.to_numpy().any()
    for cell in found:
        assert cell.width >= 5, (seed, cell)
