"""The numbers behind a feedback report: shared preparation and comparison cells (no I/O).

:func:`feedback_context` prepares what every organisation's report needs (derived
variables, the official climate score, WERK zones, the published sector groups) once, so
that writing 200 reports does not repeat the scale analysis. :func:`comparison_group`
chooses the group an organisation is compared with, and :func:`cell` computes one
comparison figure under the disclosure rules below.

Disclosure rules (DESIGN.md section 8), for organisation *X*:

1. Every comparison rests on the *other* organisations: *X* itself is never in a base, so
   it cannot subtract its own answer to learn about the rest.
2. The comparison group is *X*'s sector if at least ``min_n`` other organisations of that
   sector responded; else, if the sector is merged into the remainder group of the main
   report (:func:`~barometer.stats.disclosure.merge_small_groups`, the classification's
   ``remainder``), that group, if it has at least ``min_n`` other organisations; else none
   (only all other organisations). A sector that the main report shows on its own is never
   mixed into the remainder here: the published remainder could then be subtracted.
3. A figure is shown only if its base (other organisations answering) is at least
   ``min_n``. A group figure is also hidden when the organisations outside the group that
   are in the overall base number 1 to ``min_n - 1``: the overall figure (public in the main
   report) minus the group figure would describe them.
4. Score summaries show n, mean and the quartiles, never the minimum, maximum or
   outliers (single organisations' values).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from barometer.classification import classification
from barometer.dataset import Dataset, dummy_name
from barometer.errors import StatsError
from barometer.stats.analysis import climate_analysis, climate_statements
from barometer.stats.derive import add_derived
from barometer.stats.disclosure import check_min_n, merge_small_groups
from barometer.stats.groups import boxplot_stats, climate_groups_fixed
from barometer.stats.scale import scale_score
from barometer.stats.text_prep import scrub_text
from barometer.stats.werk import SAFETY, STANDARD, werk_zones

__all__ = [
    "FIXED_SCALE",
    "Cell",
    "FeedbackContext",
    "Group",
    "ScoreSummary",
    "cell",
    "comparison_group",
    "feedback_context",
    "score_summary",
]

FIXED_SCALE = tuple(f"e{i:02d}" for i in range(3, 16))
"""Prefixes of the 13 statements of the 2021 scale (``e03_...`` to ``e15_...``), used only
when the scale analysis cannot run (e.g. fewer than 10 organisations)."""


@dataclass(frozen=True, eq=False)
class FeedbackContext:
    """What every organisation's report needs, computed once per dataset."""

    dataset: Dataset
    data: pd.DataFrame
    """The responses with ``innovated``, ``spectrum``, ``climate_score``,
    ``climate_group`` and ``werk_zone`` added; index 0..n-1."""
    min_n: int
    scale_items: tuple[str, ...]
    min_answered: int
    scale_problem: str | None
    """Why the scale analysis could not run (the fixed 2021 items were used), or None."""
    published: dict[str, str]
    """Sector code -> group the main report publishes it in (itself or the remainder)."""
    names: dict[str, str]
    """org_id -> name, from the frame (empty without a frame)."""
    scrub_orgs: tuple[tuple[str, tuple[str, ...]], ...]
    """Organisation names and ids (frame and dataset) to scrub from open answers, each
    with its lower-case words."""
    scrub_persons: tuple[tuple[str, tuple[str, ...]], ...]
    wave: str
    study: str
    cache: dict[str, np.ndarray] = field(default_factory=dict)
    """Indicator arrays per question (the same for every organisation's report)."""

    def scrub(self, text: str) -> str:
        """``text`` with the frame's organisation and person names, e-mail addresses and
        phone numbers replaced (:func:`~barometer.stats.text_prep.scrub_text`)."""
        low = text.lower()

        def present(names: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
            # a name can only match if every word of it occurs in the text
            return [n for n, words in names if all(w in low for w in words)]

        return scrub_text(
            text, org_names=present(self.scrub_orgs), person_names=present(self.scrub_persons)
        )


def _score(data: pd.DataFrame) -> tuple[pd.Series, tuple[str, ...], int, str | None]:
    try:
        res = climate_analysis(data)
        return res.score, res.kept, res.min_answered, None
    except (StatsError, ValueError, ArithmeticError) as exc:  # too few or degenerate data
        problem = str(exc) or type(exc).__name__
    statements = climate_statements(data)
    items = tuple(s for s in statements if s[:3] in FIXED_SCALE) or statements
    min_answered = math.ceil(2 * len(items) / 3)
    try:
        score = scale_score(data[list(items)], keep=list(items), min_answered=min_answered)
    except StatsError as exc:  # e.g. a statement nobody rated
        problem = f"{problem}; {exc}"
        score = pd.Series(np.nan, index=data.index, name="climate_score")
    return score, items, min_answered, problem


def _published(data: pd.DataFrame, min_n: int) -> dict[str, str]:
    counts = data["sector"].astype(str).value_counts(sort=False)
    try:
        return merge_small_groups(counts, min_n=min_n, into=classification().remainder.code)
    except StatsError:  # fewer than min_n organisations in all: nothing is published
        return {}


def _scrub_list(*columns: pd.Series | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = dict.fromkeys(
        str(v) for col in columns if col is not None for v in col.dropna() if str(v).strip()
    )
    return tuple((n, tuple(w.lower() for w in n.split())) for n in names)


def _column(frame: pd.DataFrame | None, column: str) -> pd.Series | None:
    return None if frame is None or column not in frame.columns else frame[column]


def feedback_context(
    dataset: Dataset, *, frame: pd.DataFrame | None = None, min_n: int = 5
) -> FeedbackContext:
    """Prepare the data for :func:`barometer.report.feedback.build_feedback` (no I/O).

    Parameters
    ----------
    dataset : Dataset
    frame : pandas.DataFrame, optional
        The sampling frame; its ``name`` column gives the organisation's name for the
        title, and its ``name`` and ``contact_name`` columns are scrubbed from open answers.
    min_n : int, default 5
    """
    check_min_n(0, min_n)  # validates min_n
    data = add_derived(dataset.data.reset_index(drop=True))
    for column in ("org_id", "sector", "wave"):
        if column not in data.columns:
            data[column] = ""
    data["org_id"] = data["org_id"].astype(str)
    data["sector"] = data["sector"].fillna("").astype(str)
    score, items, min_answered, problem = _score(data)
    data["climate_score"] = score.astype(float)
    data["climate_group"] = climate_groups_fixed(data["climate_score"])
    if SAFETY in data.columns and STANDARD in data.columns:
        data["werk_zone"] = werk_zones(data[SAFETY], data[STANDARD])
    else:
        data["werk_zone"] = pd.Series(pd.NA, index=data.index, dtype=object)
    names: dict[str, str] = {}
    if frame is not None and {"org_id", "name"} <= set(frame.columns):
        names = {str(k): str(v) for k, v in zip(frame["org_id"], frame["name"], strict=True)}
    waves = [str(w) for w in dict.fromkeys(data["wave"]) if str(w)]
    return FeedbackContext(
        dataset=dataset, data=data, min_n=min_n, scale_items=items, min_answered=min_answered,
        scale_problem=problem, published=_published(data, min_n), names=names,
        scrub_orgs=_scrub_list(_column(frame, "name"), _column(frame, "org_id"), data["org_id"]),
        scrub_persons=_scrub_list(_column(frame, "contact_name")),
        wave=", ".join(waves), study=dataset.questionnaire.title or "Innovatie Barometer Overheid",
    )  # fmt: skip


@dataclass(frozen=True)
class Group:
    """The organisations one organisation is compared with (itself never included)."""

    kind: str
    """``sector``, ``remainder``, ``all`` (no group: all other organisations only) or
    ``none`` (fewer than min_n other organisations: no comparison at all)."""
    code: str
    """Sector or remainder code; empty for ``all`` and ``none``."""
    members: pd.Series
    """Boolean mask of the group's other organisations (all False for ``all``/``none``)."""
    others: pd.Series
    """Boolean mask of all other organisations (all False for ``none``)."""

    @property
    def n(self) -> int:
        return int(self.members.sum())

    @property
    def n_others(self) -> int:
        return int(self.others.sum())


def comparison_group(ctx: FeedbackContext, row: int) -> Group:
    """The comparison group of the organisation in position ``row`` of ``ctx.data``."""
    data = ctx.data
    others = pd.Series(True, index=data.index)
    others.iloc[row] = False
    none = pd.Series(False, index=data.index)
    if not check_min_n(int(others.sum()), ctx.min_n):
        return Group("none", "", none, none)
    sector = data["sector"].iloc[row]
    published = ctx.published.get(sector, "") if sector else ""
    if published:
        groups = data["sector"].map(ctx.published)
        members = (groups == published) & others
        if check_min_n(int(members.sum()), ctx.min_n):
            kind = "sector" if published == sector else "remainder"
            return Group(kind, published, members, others)
    return Group("all", "", none, others)


@dataclass(frozen=True)
class Cell:
    """One comparison figure: a percentage (0-100) and its base, or hidden."""

    pct: float | None
    n: int | None
    """The base; None when hidden (a small base is not shown either)."""

    @property
    def shown(self) -> bool:
        return self.pct is not None


HIDDEN = Cell(None, None)


def _allowed(n_group: int, n_all: int, min_n: int) -> bool:
    outside = n_all - n_group
    return check_min_n(n_group, min_n) and (outside == 0 or check_min_n(outside, min_n))


def cell(x: ArrayLike, mask: ArrayLike, others: ArrayLike, min_n: int) -> Cell:
    """The share of 1s in ``x`` (0/1, NaN outside the base) among ``mask``.

    ``others`` is the overall comparison base (all other organisations). For the overall
    figure pass ``mask=others``. A group figure is hidden when its base, or the part of the
    overall base outside the group, is between 1 and ``min_n - 1`` (rule 3 above).

    Examples
    --------
    >>> x = np.array([1, 0, 1, 1, 0, 1, np.nan, 1, 0, 1, 1, 0])
    >>> others = np.ones(12, dtype=bool)
    >>> cell(x, others, others, 5)
    Cell(pct=63.63636363636363, n=11)
    >>> cell(x, np.arange(12) < 8, others, 5)  # 4 outside the group: hidden
    Cell(pct=None, n=None)
    """
    values = np.asarray(x, dtype=float)
    m = np.asarray(mask, dtype=bool)
    answered = ~np.isnan(values)
    n_group = int((answered & m).sum())
    n_all = int((answered & np.asarray(others, dtype=bool)).sum())
    if n_group == 0 or not _allowed(n_group, n_all, min_n):
        return HIDDEN
    return Cell(100.0 * float(values[answered & m].mean()), n_group)


@dataclass(frozen=True)
class ScoreSummary:
    """Climate score of a group of other organisations: n, mean and Tukey quartiles."""

    n: int
    mean: float
    q1: float
    median: float
    q3: float


def score_summary(
    score: pd.Series, mask: ArrayLike, others: ArrayLike, min_n: int
) -> ScoreSummary | None:
    """Summary of ``score`` over ``mask``, or None when hidden (rule 3 and 4 above)."""
    values = score[np.asarray(mask, dtype=bool)].dropna()
    n_all = int(score[np.asarray(others, dtype=bool)].notna().sum())
    if values.empty or not _allowed(len(values), n_all, min_n):
        return None
    table = boxplot_stats(values, pd.Series("g", index=values.index))

    def get(column: str) -> float:
        value: Any = table.at["g", column]
        return float(value)

    return ScoreSummary(int(get("n")), get("mean"), get("q1"), get("median"), get("q3"))


def codes(data: pd.DataFrame, column: str) -> pd.Series:
    """A column as numbers; NaN where absent or not numeric."""
    if column not in data.columns:
        return pd.Series(np.nan, index=data.index)
    return pd.to_numeric(data[column], errors="coerce")


def indicator(values: pd.Series, wanted: Sequence[int], base: pd.Series) -> pd.Series:
    """1.0 where ``values`` is in ``wanted``, 0.0 elsewhere in ``base``, NaN outside it."""
    return values.isin(list(wanted)).astype(float).where(base)


def multi_dummies(data: pd.DataFrame, item: str, choices: Sequence[str]) -> pd.DataFrame:
    """The 0/1 columns of a select_multiple item, and whether each row answered it."""
    return pd.DataFrame({c: codes(data, dummy_name(item, c)) for c in choices})
