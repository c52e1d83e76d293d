"""Secondary suppression of linked published counts, checked by linear programming.

A report publishes counts of organisations in several tables that are linked: a column sums
to its total row, the weighting cells of a sector sum to that sector's count in Tabel 1,
Tabel 2's total is Tabel 1's. :func:`protect_linked` takes every such count and every such
sum, hides the counts a rule hides (primary suppression) and then hides as few further
counts as it can (secondary suppression) until the linear-programming audit
(:func:`~barometer.disclosure.audit.audit_linked`) leaves every hidden count an interval at
least ``protection`` wide: no reader can compute it, or narrow it to fewer values, from
what is published.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from barometer.disclosure.audit import CellInterval, audit_linked

__all__ = ["PRIMARY", "SECONDARY", "Protection", "protect_linked"]

K = TypeVar("K", bound=Hashable)
PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class Protection(Generic[K]):
    """What :func:`protect_linked` hides and what the audit found afterwards."""

    reasons: dict[K, str]
    """Every key -> ``"primary"``, ``"secondary"`` or ``""`` (published)."""
    intervals: dict[K, CellInterval]
    """Hidden key -> its feasible interval given everything published."""
    protection: int

    @property
    def hidden(self) -> set[K]:
        return {k for k, r in self.reasons.items() if r}

    @property
    def protected(self) -> bool:
        """Whether every hidden count's interval is at least ``protection`` wide."""
        return all(i.width >= self.protection for i in self.intervals.values())


def protect_linked(
    values: Mapping[K, int],
    relations: Sequence[tuple[K, Sequence[K]]],
    *,
    primary: Iterable[K],
    protection: int,
    fixed: Iterable[K] = (),
    hidden: Iterable[K] = (),
) -> Protection[K]:
    """Hide ``primary`` and enough other counts that none of them can be recovered.

    Parameters
    ----------
    values : mapping
        Every published count (whole numbers >= 0) by key.
    relations : sequence of (total, parts)
        The sums a reader knows: ``sum(values[p] for p in parts) == values[total]``.
    primary : iterable of keys
        Counts a rule hides (for example ``0 < n < cell_min``).
    protection : int
        Width each hidden count's feasible interval must at least have (``min_n``).
    fixed : iterable of keys
        Counts that are published whatever happens (the report's n, stated in the text);
        never chosen to hide.
    hidden : iterable of keys
        Counts already hidden for another reason (secondary suppression by a first pass).

    Returns
    -------
    Protection
        ``protected`` is False only when even hiding every count that may be hidden does not
        protect a primary count (the caller should then leave the table out).

    Notes
    -----
    Until the audit finds nothing: take the first hidden count whose interval is too narrow,
    and among the published counts sharing a sum with it hide, in turn, an inner count
    before a total, a non-zero count before a zero, the smallest, the first in order. Each
    step hides one more count, so the loop ends.

    Examples
    --------
    >>> v = {"a": 10, "b": 3, "c": 12, "t": 25}
    >>> p = protect_linked(v, [("t", ["a", "b", "c"])], primary=["b"], protection=5)
    >>> sorted((k, r) for k, r in p.reasons.items() if r), p.protected
    ([('a', 'secondary'), ('b', 'primary')], True)
    """
    first = set(primary)
    reasons: dict[K, str] = {k: PRIMARY if k in first else "" for k in values}
    for k in hidden:
        if not reasons[k]:
            reasons[k] = SECONDARY
    fixed_keys = set(fixed)
    totals = {t for t, _ in relations}
    order = {k: i for i, k in enumerate(values)}
    while True:
        published = {k: (None if reasons[k] else float(v)) for k, v in values.items()}
        intervals = audit_linked(published, relations)
        weak = [k for k, i in intervals.items() if not i.width >= protection]
        if not weak:
            break
        candidates: set[K] = set()
        for key in weak:
            for total, parts in relations:
                if key == total or key in parts:
                    candidates |= {x for x in (total, *parts)
                                   if not reasons[x] and x not in fixed_keys}  # fmt: skip
            if candidates:
                break
        if not candidates:
            break
        pick = min(candidates, key=lambda x: (x in totals, values[x] == 0, values[x], order[x]))
        reasons[pick] = SECONDARY
    return Protection(reasons, intervals, protection)
