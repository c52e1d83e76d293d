"""Hidden counts that other published numbers give away: across tables, and through rates.

The report's ``disclosure.json`` says which organisations each published group holds, as
codes of the identifying variables (sector, cluster, size class). Every published count of
such a group is then a sum over the *atoms*, the crossings of those codes, whose sizes a
reader does not know. :func:`linked_violations` solves, for every hidden count, the smallest
and largest value it can take given every published count and total of every table (the
linear-programming audit, :func:`~barometer.disclosure.audit.audit_linked`): a count hidden
in the weighting cells but pinned down by Tabel 1's sector totals is found here, although no
single table shows it. :func:`rate_violations` finds a hidden count that a published rate
gives back (a response rate beside its invited count, a weight beside its frame count).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from pathlib import Path
from typing import Any

from barometer.disclosure.audit import audit_linked
from barometer.disclosure.manifest import TOTALS, VARIABLES
from barometer.disclosure.policy import DisclosurePolicy
from barometer.disclosure.scan_read import Table, parse_number
from barometer.disclosure.scan_rules import HIDDEN, Violation

__all__ = ["RATES", "linked_violations", "rate_violations"]

OTHER = "*"
"""An atom code for "any category that no published group names"."""

RATES = (("completed", "invited", "response"), ("responses", "frame_n", "weight"))
"""(count, base, rate) columns: a published rate and base give the count back."""


def linked_violations(
    doc: dict[str, Any], here: Path, root: Path, csvs: dict[str, Table], policy: DisclosurePolicy
) -> list[Violation]:
    """Every hidden group count of the manifest's tables whose feasible interval, given all
    published counts and totals, is narrower than ``min_n``."""
    groupings = doc.get("groupings", [])
    codes: dict[str, set[str]] = {v: set() for v in VARIABLES}
    for g in groupings:
        for group in g["groups"]:
            for v, cs in group.get("members", {}).items():
                codes.setdefault(v, set()).update(cs)
    used = [v for v in VARIABLES if codes.get(v)]
    atoms = list(product(*([*sorted(codes[v]), OTHER] for v in used)))
    values: dict[Any, float | None] = {("atom", a): None for a in atoms}
    relations: list[tuple[Any, list[Any]]] = []
    where: dict[Any, tuple[str, str, str, str]] = {}
    for g in groupings:
        key = str((here / g["file"]).relative_to(root))
        table = csvs.get(key)
        if table is None or g["key"] not in table.columns or g["n_column"] not in table.columns:
            continue  # reported by the manifest check
        k, j = table.columns.index(g["key"]), table.columns.index(g["n_column"])
        rows = {r[k]: r[j] for r in table.rows if len(r) > max(k, j)}
        named: set[Any] = set()
        for group in g["groups"]:
            cell = rows.get(group["label"])
            if cell is None:
                continue
            n = parse_number(cell)
            if n is None and cell.strip() not in HIDDEN:
                continue
            gkey = ("group", key, group["label"])
            values[gkey] = n
            members = group.get("members", {})
            inside = [("atom", a) for a in atoms
                      if all(a[i] in members[v] for i, v in enumerate(used) if v in members)]  # fmt: skip
            relations.append((gkey, inside))
            named |= set(inside)
            where[gkey] = (key, table.name, group["label"], g["n_column"])
        if g.get("partition"):  # its groups hold every organisation: nothing outside them
            outside = [("atom", a) for a in atoms if ("atom", a) not in named]
            if outside:
                values[("outside", key)] = 0.0
                relations.append((("outside", key), outside))
        total = next((rows[t] for t in TOTALS if t in rows), None)
        n_total = parse_number(total) if total is not None else None
        if n_total is not None:
            tkey = ("total", key)
            values[tkey] = n_total
            relations.append((tkey, [("atom", a) for a in atoms]))
    targets = [k for k, v in values.items() if v is None and k[0] == "group"]
    if not targets:
        return []
    out = []
    for key, found in audit_linked(values, relations, targets=targets).items():
        if found.width < policy.min_n:
            file, name, row, column = where[key]
            what = "recovered exactly" if found.width == 0 else (
                f"narrowed to {found.low:g} to {found.high:g}")  # fmt: skip
            out.append(Violation(file, name, row, column, "suppression",
                                 f"the hidden count can be {what} from the counts and totals "
                                 f"published in the report's tables (protection needed: an "
                                 f"interval at least min_n = {policy.min_n} wide)"))  # fmt: skip
    return out


def rate_violations(table: Table, policy: DisclosurePolicy) -> Iterator[Violation]:
    """A hidden count whose rate and base are published in the same row."""
    low = [c.strip().lower() for c in table.columns]
    for count, base, rate in RATES:
        if not {count, base, rate} <= set(low):
            continue
        c, b, r = low.index(count), low.index(base), low.index(rate)
        for row in table.rows:
            if len(row) <= max(c, b, r) or row[c].strip() not in HIDDEN:
                continue
            if parse_number(row[b]) is not None and parse_number(row[r]) is not None:
                yield Violation(table.file, table.name, row[0], table.columns[c], "suppression",
                                f"the hidden count follows from the published {rate} and "
                                f"{base} of the same row")  # fmt: skip
