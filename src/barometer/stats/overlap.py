"""Differencing between overlapping published groups.

Two published groups whose organisations differ by only a few organisations leak those
organisations: from the two published means (or counts) and sizes, the sum over the
difference follows. :func:`overlaps` finds such pairs among any number of groupings; the
publication classification (:mod:`barometer.stats.publication`) uses it to merge a
cluster into the remainder until no pair is left (docs/disclosure.md, "Overlapping
groups").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Overlap", "overlaps"]


@dataclass(frozen=True)
class Overlap:
    """Two groups of different groupings whose memberships nearly coincide."""

    first: tuple[str, str]
    """(grouping, group code) of the first group."""
    second: tuple[str, str]
    only_first: int
    """Organisations in the first group and not in the second."""
    only_second: int


def overlaps(groupings: Mapping[str, Mapping[str, frozenset[str]]], min_n: int) -> list[Overlap]:
    """Pairs of groups (of different groupings) that are not equal but differ on both
    sides by fewer than ``min_n`` organisations.

    A nested pair (one group inside the other, larger by 1 to ``min_n - 1``) is the plain
    case; a pair equal up to a few organisations on each side leaks the difference of two
    small sums and counts too. Equal groups publish the same figures twice and leak
    nothing.

    Examples
    --------
    >>> sector = {"zbo": frozenset("abcdefg")}
    >>> cluster = {"zbo_cluster": frozenset("abcdef"), "other": frozenset("ghijk")}
    >>> [(o.first, o.second, o.only_first) for o in overlaps(
    ...     {"sector": sector, "cluster": cluster}, 5)]
    [(('sector', 'zbo'), ('cluster', 'zbo_cluster'), 1)]
    """
    names = list(groupings)
    out: list[Overlap] = []
    for i, a_name in enumerate(names):
        for b_name in names[i + 1 :]:
            for a_code, a in groupings[a_name].items():
                for b_code, b in groupings[b_name].items():
                    if a == b or not a or not b:
                        continue
                    only_a, only_b = len(a - b), len(b - a)
                    if only_a < min_n and only_b < min_n:
                        out.append(Overlap((a_name, a_code), (b_name, b_code), only_a, only_b))
    return out
