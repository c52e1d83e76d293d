"""The publication classification: one grouping of small categories for a whole report.

A report publishes sectors, thematic clusters and size classes. A sector or cluster with
fewer than ``min_n`` responses is never shown on its own: it joins a remainder group. The
grouping is made **once** per report, from the responses (and the frame, when there is
one), by :func:`build_publication`; Tabel 1, Tabel 2, the weighting cells and every other
output read it from there, so a small sector sits in the same group everywhere
(docs/statistics.md).

Data shapes
-----------
:class:`Grouping` is the grouping of one variable (``sector`` or ``cluster``): a tuple of
:class:`PublishedGroup` in publication order, each with its ``code`` (the stable key of
the published group: a category code, or the remainder code), its ``members`` (category
codes, in classification order), ``n`` (responses), ``N`` (frame organisations; None
without a frame) and a label per language that names what the group really contains
("Overige sectoren (Hoge Colleges van Staat, Provincies)").

:class:`PublicationClassification` holds the ``sector`` and ``cluster`` groupings, the
ordered ``size_classes`` (the questionnaire's choice order, never file order) and
``min_n``. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from barometer.classification import classification
from barometer.errors import ErrorCode, StatsError
from barometer.stats.derive import SIZE_CLASSES
from barometer.stats.disclosure import merge_small_groups
from barometer.stats.overlap import overlaps

__all__ = [
    "OTHER_CLUSTERS",
    "SIZE_ORDER",
    "Grouping",
    "PublicationClassification",
    "PublishedGroup",
    "build_publication",
    "codes",
    "group_counts",
]

SIZE_ORDER: tuple[str, ...] = tuple(SIZE_CLASSES.values())
"""Size-class keys in the questionnaire's choice order (smallest first)."""
OTHER_CLUSTERS = "__other_clusters__"
"""Code of the remainder group of the thematic clusters."""

_REMAINDER_WORDS = {
    "sector": {"nl": "Overige sectoren", "en": "Other sectors"},
    "cluster": {"nl": "Overige clusters", "en": "Other clusters"},
}
_NONE = {
    "sector": {"nl": "(geen sector)", "en": "(no sector)"},
    "cluster": {"nl": "(geen cluster)", "en": "(no cluster)"},
}


@dataclass(frozen=True)
class PublishedGroup:
    """One group as the report publishes it."""

    code: str
    """Stable key: the category's own code, or the remainder's code."""
    members: tuple[str, ...]
    """Category codes it holds (one for a group that stands on its own)."""
    n: int
    """Responses in the group."""
    N: int | None
    """Organisations of the frame in the group (None without a frame)."""
    labels: Mapping[str, str]
    """Label per language ("nl", "en"); a remainder names its members."""

    @property
    def merged(self) -> bool:
        """Whether the group is a remainder of merged categories."""
        return self.members != (self.code,)

    def label(self, lang: str = "nl") -> str:
        return self.labels.get(lang, self.labels["nl"])


@dataclass(frozen=True, eq=False)
class Grouping:
    """The published groups of one variable (``sector`` or ``cluster``)."""

    variable: str
    groups: tuple[PublishedGroup, ...]
    min_n: int
    differencing: tuple[str, ...] = ()
    """Category codes merged into the remainder by the differencing rule (not for size)."""

    @cached_property
    def mapping(self) -> dict[str, str]:
        """Category code -> code of its published group."""
        return {m: g.code for g in self.groups for m in g.members}

    @property
    def codes(self) -> list[str]:
        """Codes of the published groups, in publication order."""
        return [g.code for g in self.groups]

    def group(self, code: str) -> PublishedGroup:
        """The published group with this code (KeyError if none)."""
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(f"no published {self.variable} group '{code}'")

    def group_of(self, member: str) -> PublishedGroup:
        """The published group a category code belongs to (KeyError if unknown)."""
        return self.group(self.mapping[member])

    def merged_members(self) -> list[str]:
        """Category codes that do not stand on their own, in publication order."""
        return [m for g in self.groups if g.merged for m in g.members]

    def apply(self, values: pd.Series) -> pd.Series:
        """Each value's published group code (categorical, publication order); values
        that are not a known category become missing."""
        out = codes(values).map(self.mapping)
        return out.astype(pd.CategoricalDtype(self.codes))


@dataclass(frozen=True, eq=False)
class PublicationClassification:
    """The one grouping of small categories used throughout a report."""

    sector: Grouping
    cluster: Grouping
    size_classes: tuple[str, ...]
    min_n: int

    def size_rank(self, code: str) -> int:
        """Position of a size class in the choice order (ValueError if unknown)."""
        return self.size_classes.index(code)


def codes(values: pd.Series) -> pd.Series:
    """Category codes as stripped strings; missing -> ``""``."""
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


def group_counts(values: pd.Series, order: Iterable[str]) -> pd.Series:
    """Counts per code in ``order`` first (zero included), then other codes seen."""
    counts = codes(values).value_counts()
    known = list(order)
    index = known + [c for c in counts.index if c not in known]
    return pd.Series([int(counts.get(c, 0)) for c in index], index=index, dtype="int64")


def _label(variable: str, code: str, lang: str) -> str:
    if code == "":
        return _NONE[variable][lang]
    cls = classification()
    if variable == "sector":
        return cls.sector_label(code, lang) if code in cls.sector_codes() else code
    return cls.cluster_label(code, lang)


def _grouping(
    variable: str,
    responses: pd.Series,
    frame: pd.Series | None,
    order: list[str],
    into: str,
    min_n: int,
    force: tuple[str, ...] = (),
) -> Grouping:
    n = group_counts(responses, order)
    big_n = group_counts(frame, order) if frame is not None else None
    seen = [c for c in n.index if n[c] > 0 or (big_n is not None and big_n.get(c, 0) > 0)]
    if big_n is not None:
        seen += [c for c in big_n.index if c not in seen and big_n[c] > 0]
    counts = pd.Series([int(n.get(c, 0)) for c in seen], index=seen, dtype="int64")
    if int(counts.sum()) < min_n:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"{int(counts.sum())} responses, fewer than the minimum of {min_n}",
        )
    mapping = merge_small_groups(counts, min_n=min_n, into=into, force=force)
    groups: list[PublishedGroup] = []
    published = [c for c in seen if mapping[c] == c and c != into]
    if into in mapping.values():
        published.append(into)
    for code in published:
        members = tuple(c for c in seen if mapping[c] == code)
        labels = {lang: _label(variable, code, lang) for lang in ("nl", "en")}
        if code == into:
            labels = {
                lang: f"{_REMAINDER_WORDS[variable][lang]} "
                f"({', '.join(_label(variable, m, lang) for m in members if m != into)})"
                for lang in ("nl", "en")
            }
        total_n = int(sum(int(n.get(m, 0)) for m in members))
        total_big = int(sum(int(big_n.get(m, 0)) for m in members)) if big_n is not None else None
        groups.append(PublishedGroup(code, members, total_n, total_big, labels))
    return Grouping(variable, tuple(groups), min_n, force)


def _members(grouping: Grouping, values: pd.Series) -> dict[str, frozenset[str]]:
    """Published group code -> the responding organisations (row labels) it holds."""
    published = grouping.apply(values)
    return {
        code: frozenset(str(i) for i in published.index[published == code])
        for code in grouping.codes
    }


def _cluster_to_merge(cluster: Grouping, code: str) -> str | None:
    """The cluster category to merge for a conflict of the published cluster ``code``:
    the category itself, or, when the conflict is the remainder, the smallest cluster
    that still stands on its own (None when none is left)."""
    group = cluster.group(code)
    if not group.merged:
        return code
    alone = [g for g in cluster.groups if not g.merged]
    return min(alone, key=lambda g: (g.n, cluster.codes.index(g.code))).code if alone else None


def build_publication(
    data: pd.DataFrame, frame: pd.DataFrame | None = None, *, min_n: int = 5
) -> PublicationClassification:
    """The publication classification of one report.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses, one row per organisation, with ``sector`` (and ``cluster``).
    frame : pandas.DataFrame, optional
        The sampling frame, one row per organisation, with ``sector`` (and ``cluster``):
        frame categories without responses join the remainder too, and each group gets
        its frame count ``N``.
    min_n : int, default 5
        A category with fewer responses joins the remainder group
        (:func:`~barometer.stats.disclosure.merge_small_groups`: if the remainder is
        then still below ``min_n``, the smallest other category joins it as well).
        Then the differencing rule: a published cluster whose organisations differ from
        a published sector group's by fewer than ``min_n`` on both sides (but are not
        equal) joins the cluster remainder too
        (:func:`~barometer.stats.overlap.overlaps`); when the remainder itself conflicts,
        the smallest cluster that stands alone joins it; repeated until no pair is left.

    Returns
    -------
    PublicationClassification

    Notes
    -----
    Groups are ordered as the classification (``classification.yaml``) orders the
    categories, never by the order of rows in a file; sectors merge into the
    classification's ``remainder`` (``overig``), clusters into :data:`OTHER_CLUSTERS`,
    and the remainder comes last.

    Examples
    --------
    >>> data = pd.DataFrame({"sector": ["gemeenten"] * 6 + ["provincies"] * 2
    ...                      + ["hoge_colleges"] * 3})
    >>> pub = build_publication(data)
    >>> pub.sector.codes
    ['gemeenten', 'overig']
    >>> pub.sector.group("overig").label("en")
    'Other sectors (High Councils of State, Provinces)'
    >>> pub.sector.mapping["provincies"]
    'overig'
    """
    cls = classification()
    if "sector" not in data.columns:
        raise StatsError(ErrorCode.STATS_INPUT, column="sector", detail="no column 'sector'")
    if frame is not None and "sector" not in frame.columns:
        raise StatsError(
            ErrorCode.STATS_INPUT, column="sector", detail="the frame has no column 'sector'"
        )
    sector = _grouping(
        "sector",
        data["sector"],
        frame["sector"] if frame is not None else None,
        cls.sector_codes(),
        cls.remainder.code,
        min_n,
    )
    cluster_data = data["cluster"] if "cluster" in data.columns else pd.Series("", index=data.index)
    cluster_frame = frame["cluster"] if frame is not None and "cluster" in frame.columns else None
    force: tuple[str, ...] = ()
    while True:  # the differencing rule: merge clusters until no pair nearly coincides
        cluster = _grouping(
            "cluster", cluster_data, cluster_frame, cls.cluster_codes(), OTHER_CLUSTERS, min_n,
            force,
        )  # fmt: skip
        found = overlaps(
            {
                "sector": _members(sector, data["sector"]),
                "cluster": _members(cluster, cluster_data),
            },
            min_n,
        )
        todo = [_cluster_to_merge(cluster, o.second[1]) for o in found]
        new = tuple(dict.fromkeys(c for c in todo if c is not None and c not in force))
        if not new:
            break
        force += new
    return PublicationClassification(sector, cluster, SIZE_ORDER, min_n)
