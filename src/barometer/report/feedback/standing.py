"""Page 1 of a feedback report: where the organisation stands (no I/O).

- **Percentile.** The organisation's climate score against the scores of the organisations of
  its comparison group, and of all organisations (itself included, as every comparison
  figure): the share with a lower score plus half the share with the same score, times 100
  (:func:`percentile`; scores equal to 10 decimals are ties). A percentile of 62 means that
  62% of the group scores lower (ties counted half).
- **Disclosure.** A percentile says something about the other members' scores, so it is
  shown only where the group's scores meet the report's group size (``group_min``, the same
  setting that hides 0% and 100%) and the overall base outside the group is 0 or at least
  ``min_n`` (rule 3 of :mod:`.compute`); otherwise the reason is given instead.
- **Strongest and weakest statements.** The own answer (1 to 5) minus the group's mean answer
  (1 to 5, "don't know" left out) per climate statement; the 3 largest and the 3 smallest.
  A group mean follows the rules of :func:`.compute.cell`: base and outside base at least
  ``min_n``, and a mean of exactly 1 or 5 (everyone answered the same) only on a base of at
  least ``group_min``. Without a comparison group the organisation is set against all
  organisations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from barometer.report.feedback.compute import Cell, FeedbackContext, Group, allowed, codes
from barometer.report.feedback.sections import Block
from barometer.report.feedback.text import ft
from barometer.report.text import fmt_int, fmt_pct

__all__ = [
    "Gap", "Rank", "Standing", "Table", "build_standing", "extremes", "gaps", "group_mean",
    "percentile", "rank",
]  # fmt: skip

SCALE = (1, 2, 3, 4, 5)
TIE_DECIMALS = 10
TOP = 3


def percentile(values: ArrayLike, own: float) -> float:
    """100 x (share of ``values`` below ``own`` + half the share equal to it); NaN ignored.

    Examples
    --------
    >>> percentile([1.0, 2.0, 2.0, 3.0], 2.0)
    50.0
    >>> percentile([1.0, 2.0, 3.0, 4.0], 4.0)
    87.5
    """
    x = np.round(np.asarray(values, dtype=float), TIE_DECIMALS)
    x = x[~np.isnan(x)]
    if x.size == 0:
        raise ValueError("no values to rank against")
    o = round(float(own), TIE_DECIMALS)
    return float(100.0 * ((x < o).mean() + 0.5 * (x == o).mean()))


@dataclass(frozen=True)
class Rank:
    """A percentile, or why it is not shown."""

    pct: float | None
    n: int
    """Organisations with a score in the base."""
    reason: str | None
    """``no_score``, ``no_group``, ``small_group`` or ``outside``; None when shown."""


def rank(
    score: pd.Series, own: float | None, mask: ArrayLike, others: ArrayLike, ctx: FeedbackContext
) -> Rank:
    """The percentile of ``own`` among ``score[mask]`` under the disclosure rules above."""
    m = np.asarray(mask, dtype=bool)
    values = score.to_numpy(dtype=float)
    n = int((~np.isnan(values[m])).sum())
    n_all = int((~np.isnan(values[np.asarray(others, dtype=bool)])).sum())
    if own is None:
        return Rank(None, n, "no_score")
    if n == 0:
        return Rank(None, n, "no_group")
    if n < ctx.group_min:
        return Rank(None, n, "small_group")
    if not allowed(n, n_all, ctx.min_n):
        return Rank(None, n, "outside")
    return Rank(percentile(values[m], own), n, None)


def group_mean(
    values: pd.Series, mask: ArrayLike, others: ArrayLike, ctx: FeedbackContext
) -> tuple[float | None, int | None]:
    """The mean of the answers 1 to 5 in ``mask`` and its base, or (None, None) if hidden."""
    v = values.to_numpy(dtype=float)
    rated = np.isin(v, SCALE)
    m = np.asarray(mask, dtype=bool)
    n = int((rated & m).sum())
    n_all = int((rated & np.asarray(others, dtype=bool)).sum())
    if n == 0 or not allowed(n, n_all, ctx.min_n):
        return None, None
    mean = float(v[rated & m].mean())
    if mean in (1.0, 5.0) and n < ctx.group_min:
        return None, None
    return mean, n


@dataclass(frozen=True)
class Gap:
    """One statement: the own answer against the group's mean answer."""

    key: str
    own: int
    mean: float
    n: int

    @property
    def gap(self) -> float:
        return self.own - self.mean


def gaps(ctx: FeedbackContext, row: int, group: Group, statements: Sequence[str]) -> list[Gap]:
    """Every statement the organisation rated 1 to 5 whose comparison mean is shown; the
    comparison is the group, or all organisations when there is no group."""
    has_group = group.kind in ("sector", "remainder")
    mask = group.members if has_group else group.others
    out = []
    for name in statements:
        values = codes(ctx.data, name)
        own = values.iloc[row]
        if pd.isna(own) or int(own) not in SCALE:
            continue
        mean, n = group_mean(values, mask, group.others, ctx)
        if mean is not None and n is not None:
            out.append(Gap(name, int(own), mean, n))
    return out


def extremes(found: Sequence[Gap], top: int = TOP) -> tuple[list[Gap], list[Gap]]:
    """The ``top`` statements furthest above the comparison mean and the ``top`` furthest
    below it (never the same statement twice; ties in questionnaire order)."""
    order = {g.key: i for i, g in enumerate(found)}
    high = sorted(found, key=lambda g: (-g.gap, order[g.key]))[:top]
    taken = {g.key for g in high}
    low = [g for g in sorted(found, key=lambda g: (g.gap, order[g.key])) if g.key not in taken]
    return high, low[:top]


# --------------------------------------------------------------------------- page 1


@dataclass(frozen=True)
class Table:
    """A page-1 table, formatted: the own column is always the second."""

    key: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Standing:
    """Page 1: the score and its percentiles, the extreme statements, innovation and results."""

    keys: tuple[tuple[str, str], ...]
    """(label, value): the score, the percentile in the group and among all organisations."""
    lines: tuple[str, ...]
    """Why a percentile is not shown, and what a percentile is."""
    tables: tuple[Table, ...]
    notes: tuple[str, ...]
    group_rank: Rank | None
    all_rank: Rank
    strongest: tuple[Gap, ...]
    weakest: tuple[Gap, ...]


def _rank_line(r: Rank, where: str, lang: str, ctx: FeedbackContext) -> str:
    key = {"small_group": "pctl_small", "outside": "pctl_outside"}.get(r.reason or "")
    if key is None:
        return ""
    return ft(lang, key, where=where, n=r.n, group_min=ctx.group_min, min_n=ctx.min_n)


def _gap_table(key: str, caption: str, found: Sequence[Gap], labels: dict[str, str],
               answer: dict[int, str], head: str, lang: str) -> Table:  # fmt: skip
    rows = tuple(
        (labels[g.key], ft(lang, "own_answer", code=g.own, label=answer.get(g.own, "")).lower(),
         fmt_pct(g.mean, lang, 2), fmt_int(g.n, lang))
        for g in found
    )  # fmt: skip
    cols = (ft(lang, "col_statement"), ft(lang, "col_own"), head, ft(lang, "col_n"))
    return Table(key, caption, cols, rows)


def _pct(c: Cell | None, lang: str) -> tuple[str, str]:
    if c is None or not c.shown:
        return "–", "–"
    return fmt_pct(c.pct, lang), fmt_int(c.n, lang)


def build_standing(
    ctx: FeedbackContext, row: int, group: Group, blocks: Sequence[Block],
    own_score: float | None, lang: str, group_name: str,
) -> Standing:  # fmt: skip
    """Page 1 of the report of the organisation at position ``row``; ``group_name`` is the
    comparison group's label (all organisations' label without a group)."""
    has_group = group.kind in ("sector", "remainder")
    score = ctx.data["climate_score"]
    group_rank = rank(score, own_score, group.members, group.others, ctx) if has_group else None
    all_rank = rank(score, own_score, group.others, group.others, ctx)
    keys: list[tuple[str, str]] = []
    lines: list[str] = []
    if own_score is None:
        lines.append(ft(lang, "no_score"))
    else:
        keys.append((ft(lang, "key_score"), fmt_pct(own_score, lang, 2)))
        ranks = [(group_rank, group_name)] if group_rank is not None else []
        if group.kind != "none":
            ranks.append((all_rank, ft(lang, "all_lower")))
        for r, where in ranks:
            value = (
                ft(lang, "key_pctl_n", p=fmt_int(round(r.pct), lang), n=fmt_int(r.n, lang))
                if r.pct is not None
                else ft(lang, "key_none")
            )
            keys.append((ft(lang, "key_pctl", where=where), value))
            lines.append(_rank_line(r, where, lang, ctx))
        if any(r.pct is not None for r, _ in ranks):
            lines.append(ft(lang, "pctl_def"))
    lines = [x for x in lines if x]
    tables: list[Table] = []
    notes: list[str] = []
    by_key = {b.key: b for b in blocks}
    statements = by_key.get("statements")
    high: list[Gap] = []
    low: list[Gap] = []
    if statements is not None and group.kind != "none":
        labels = {r.key: r.label.removesuffix(" *") for r in statements.rows}
        high, low = extremes(gaps(ctx, row, group, list(labels)))
        try:
            answer = ctx.dataset.codebook.get(statements.rows[0].key).value_labels(lang)
        except (KeyError, IndexError):
            answer = {}
        head = ft(lang, "col_mean")
        if high:
            tables.append(_gap_table("strongest", ft(lang, "strongest"), high, labels, answer,
                                     head, lang))  # fmt: skip
            tables.append(_gap_table("weakest", ft(lang, "weakest"), low, labels, answer,
                                     head, lang))  # fmt: skip
            notes.append(ft(lang, "gap_note"))
        else:
            notes.append(ft(lang, "no_gaps"))
    achieved = _achieved(by_key, group_name, lang, has_group)
    if achieved is not None and group.kind != "none":
        tables.append(achieved)
    return Standing(tuple(keys), tuple(lines), tuple(tables), tuple(notes), group_rank, all_rank,
                    tuple(high), tuple(low))  # fmt: skip


def _achieved(by_key: dict[str, Block], group_name: str, lang: str, has_group: bool
              ) -> Table | None:  # fmt: skip
    rows: list[tuple[str, ...]] = []
    innovated = by_key.get("innovated")
    if innovated is not None and innovated.rows:
        r = innovated.rows[0]
        rows.append((ft(lang, "row_innovated"), r.own, *_pct(r.group if has_group else r.overall,
                                                               lang)))  # fmt: skip
    results = by_key.get("results")
    if results is not None:
        for r in results.rows:
            rows.append((ft(lang, "row_result", result=r.label), r.own,
                         *_pct(r.group if has_group else r.overall, lang)))  # fmt: skip
    if not rows:
        return None
    share = (ft(lang, "col_group_pct") if has_group  # the group is named above the tables
             else ft(lang, "col_pct", group=group_name, measure=ft(lang, "measure_orgs")))  # fmt: skip
    cols = (ft(lang, "col_item"), ft(lang, "col_own"), share, ft(lang, "col_n"))
    return Table("achieved", ft(lang, "achieved"), cols, tuple(rows))
