"""Secondary suppression for the explorer: no hidden cell can be recovered from shown ones.

A *cell* is one population × one row of an indicator, with its count ``n`` and ``base``;
it is hidden in every table that shows its population, or in none. Three kinds of
relation link the shown numbers (counts add up):

- **a breakdown of everyone** (total: all organisations; parts: the groups of one
  variable). What is hidden, taken together, is the total minus the shown parts, and a
  reader can compute it; so it must itself pass the policy: a base of 0 or at least
  ``min_n``, a count of 0 or at least ``cell_min``, and not 0% or 100% under
  ``group_min``. If it does not, the smallest shown part is hidden too, until it does.
- **a breakdown within a filter** (total: one group; parts: its crossing with the groups
  of another variable). If any part, or the total, is hidden, or the organisations without
  a group number 1 to ``min_n - 1``, the row is hidden in every part. Parts of crossings
  sit in two such relations (sector group × size class both ways), so hiding spreads
  through the whole grid of that row, which leaves nothing to solve for.
- **nested groups** (one group's organisations all inside another's, e.g. a cluster
  inside a sector group): shown counts and bases may not differ by 1 to ``min_n - 1``
  (bases) or 1 to ``cell_min - 1`` (counts); else the smaller group's cell is hidden.

The rules are applied until nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from barometer.disclosure.policy import DisclosurePolicy

__all__ = ["close"]

Pop = tuple[tuple[str, str], ...]
Cell = dict[str, Any]
Table = tuple[Pop, str, Pop, list[Pop]]


def _hide(cell: Cell, reason: str) -> bool:
    if cell.get("hidden"):
        return False
    cell["hidden"] = reason
    return True


def _union_ok(base: int, n: int, kind: str, policy: DisclosurePolicy) -> bool:
    if base == 0:
        return True
    if base < policy.min_n:
        return False
    if kind == "mean":
        return True
    if 0 < n < policy.cell_min:
        return False
    return not (n in (0, base) and base < policy.group_min)


def _one_variable(
    cells: Mapping[Pop, list[Cell]], total: Pop, parts: list[Pop], r: int, policy: DisclosurePolicy
) -> bool:
    t = cells[total][r]
    if t.get("hidden"):
        return any([_hide(cells[p][r], "total") for p in parts])
    changed = False
    while True:
        shown = [p for p in parts if not cells[p][r].get("hidden")]
        base = t["base"] - sum(cells[p][r]["base"] for p in shown)
        n = (t["n"] or 0) - sum(cells[p][r]["n"] or 0 for p in shown)
        if _union_ok(base, n, t.get("kind", "pct"), policy) or not shown:
            return changed
        smallest = min(shown, key=lambda p: (cells[p][r]["base"], parts.index(p)))
        changed |= _hide(cells[smallest][r], "complementary")


def _crossing(
    cells: Mapping[Pop, list[Cell]], total: Pop, parts: list[Pop], r: int, min_n: int
) -> bool:
    if all(cells[p][r].get("hidden") for p in parts):
        return False
    reason = None
    if cells[total][r].get("hidden"):
        reason = "total"
    elif any(cells[p][r].get("hidden") for p in parts):
        reason = "complementary"
    else:
        rest = cells[total][r]["base"] - sum(cells[p][r]["base"] for p in parts)
        if 0 < rest < min_n:
            reason = "remainder"
    if reason is None:
        return False
    return any([_hide(cells[p][r], reason) for p in parts])


def _nested(
    cells: Mapping[Pop, list[Cell]], small: Pop, large: Pop, r: int, policy: DisclosurePolicy
) -> bool:
    a, b = cells[small][r], cells[large][r]
    if a.get("hidden") or b.get("hidden"):
        return False
    gap_base = b["base"] - a["base"]
    gap_n = (b["n"] or 0) - (a["n"] or 0)
    if 1 <= gap_base < policy.min_n or (a.get("kind") != "mean" and 0 < gap_n < policy.cell_min):
        return _hide(a, "differencing")
    return False


def close(
    cells: Mapping[Pop, list[Cell]],
    tables: list[Table],
    masks: Mapping[Pop, np.ndarray],
    policy: DisclosurePolicy,
) -> None:
    """Hide cells (in place) until the three rules of the module docstring hold."""
    relations = [(total, parts) for _, b, total, parts in tables if b != "none"]
    ones = [p for p in cells if len(p) == 1]
    nested = [
        (p, q)
        for p in ones
        for q in ones
        if p != q
        and p[0][0] != q[0][0]
        and masks[p].any()
        and not (masks[p] & ~masks[q]).any()
        and int(masks[p].sum()) < int(masks[q].sum())
    ]
    rows = len(next(iter(cells.values())))
    changed = True
    while changed:
        changed = False
        for r in range(rows):
            for small, large in nested:
                changed |= _nested(cells, small, large, r, policy)
            for total, parts in relations:
                if total == ():
                    changed |= _one_variable(cells, total, parts, r, policy)
                else:
                    changed |= _crossing(cells, total, parts, r, policy.min_n)
