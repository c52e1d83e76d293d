"""Secondary suppression on small cases worked out by hand."""

from __future__ import annotations

from typing import Any

import numpy as np

from barometer.disclosure.policy import DisclosurePolicy
from barometer.explorer.closure import close

POLICY = DisclosurePolicy()  # min_n 5, cell_min 5, group_min 10


def cell(n: int, base: int, hidden: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "pct", "n": n, "base": base, "pct": 100 * n / base}
    if hidden:
        out["hidden"] = hidden
    return out


def groups(*codes: str) -> list[tuple[tuple[str, str], ...]]:
    return [(("sector", c),) for c in codes]


def test_a_hidden_group_takes_the_next_smallest_with_it() -> None:
    # total 20 = 12 + 6 + 2; the group of 2 is below min_n. Total minus the two shown groups
    # would give it back (base 2), so the next smallest (6) is hidden too: together a base
    # of 8 with 4 + 1 = 5 answering yes, which the policy allows.
    a, b, c = groups("a", "b", "c")
    cells = {(): [cell(11, 20)], a: [cell(6, 12)], b: [cell(4, 6)], c: [cell(1, 2, "min_n")]}
    masks = {p: np.ones(20, dtype=bool) for p in cells}
    masks[a] = np.arange(20) < 12
    masks[b] = (np.arange(20) >= 12) & (np.arange(20) < 18)
    masks[c] = np.arange(20) >= 18
    close(cells, [((), "sector", (), [a, b, c])], masks, POLICY)
    assert "hidden" not in cells[a][0]
    assert cells[b][0]["hidden"] == "complementary"
    assert cells[c][0]["hidden"] == "min_n"


def test_a_hidden_union_with_a_small_count_hides_more() -> None:
    # total 30 = 10 + 10 + 10; group c hidden for its count (n = 2). Hiding b as well
    # leaves 20 organisations hidden, but with 2 + 1 = 3 answering yes (below cell_min):
    # a goes too, and what is hidden is then the total, which is shown anyway.
    a, b, c = groups("a", "b", "c")
    cells = {(): [cell(13, 30)], a: [cell(10, 10)], b: [cell(1, 10, "cell_min")],
             c: [cell(2, 10, "cell_min")]}  # fmt: skip
    masks = {p: np.ones(30, dtype=bool) for p in cells}
    close(cells, [((), "sector", (), [a, b, c])], masks, POLICY)
    assert cells[a][0]["hidden"] == "complementary"


def test_a_crossing_is_hidden_in_every_part_and_spreads() -> None:
    # sector s x size k: one small crossing hides the row of its sector in every size, and
    # through the size tables every crossing of those sizes.
    s1, s2 = ("sector", "s1"), ("sector", "s2")
    k1, k2 = ("size", "k1"), ("size", "k2")
    pops: dict[Any, list[dict[str, Any]]] = {
        (): [cell(20, 40)], (s1,): [cell(10, 20)], (s2,): [cell(10, 20)],
        (k1,): [cell(10, 20)], (k2,): [cell(10, 20)],
        (s1, k1): [cell(1, 3, "min_n")], (s1, k2): [cell(9, 17)],
        (s2, k1): [cell(9, 17)], (s2, k2): [cell(1, 3, "min_n")],
    }  # fmt: skip
    tables = [
        ((s1,), "size", (s1,), [(s1, k1), (s1, k2)]),
        ((s2,), "size", (s2,), [(s2, k1), (s2, k2)]),
        ((k1,), "sector", (k1,), [(s1, k1), (s2, k1)]),
        ((k2,), "sector", (k2,), [(s1, k2), (s2, k2)]),
    ]
    masks = {p: np.ones(40, dtype=bool) for p in pops}
    close(pops, tables, masks, POLICY)
    assert all(pops[p][0].get("hidden") for p in [(s1, k2), (s2, k1)])
    assert not any(pops[p][0].get("hidden") for p in [(), (s1,), (s2,), (k1,), (k2,)])


def test_nested_groups_that_differ_by_too_few_are_not_both_shown() -> None:
    # a cluster inside a sector group, 3 organisations apart in the base
    c, s = ("cluster", "c"), ("sector", "s")
    cells = {(): [cell(30, 60)], (c,): [cell(10, 20)], (s,): [cell(12, 23)]}
    masks = {(): np.ones(60, dtype=bool), (c,): np.arange(60) < 20, (s,): np.arange(60) < 23}
    close(cells, [], masks, POLICY)
    assert cells[(c,)][0]["hidden"] == "differencing"
    assert "hidden" not in cells[(s,)][0]
