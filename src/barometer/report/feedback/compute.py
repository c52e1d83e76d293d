"""The numbers behind a feedback report: shared preparation and comparison cells (no I/O).

:func:`feedback_context` prepares what every organisation's report needs (derived
variables, the official climate score, WERK zones, the published sector groups) once, so
that writing 200 reports does not repeat the scale analysis. :func:`comparison_group`
chooses the group an organisation is compared with, and :func:`cell` computes one
comparison figure under the disclosure rules below.

Disclosure rules (docs/disclosure.md, "Feedback reports"), for organisation *X*:

1. Every comparison figure is a published group aggregate, the same for every member of
   the group: *X*'s own answers are in it, as they are in the main report. Two feedback
   reports of organisations of one group show identical group figures, so subtracting
   one from the other reveals nothing (no leave-one-out base that moves with *X*).
2. The comparison group is *X*'s group in the report's publication classification
   (:func:`~barometer.stats.publication.build_publication` with the same data, frame and
   ``min_n``): the groups and labels of Tabel 1, a remainder named by what it really holds.
   Without a group of at least ``min_n`` organisations: all organisations only.
3. A figure is shown only if its base is at least ``min_n``. A group figure is also hidden
   when the organisations outside the group that are in the overall base number 1 to
   ``min_n - 1``: the overall figure minus the group figure would describe them.
4. Group disclosure: a share of 0% or 100% in a base smaller than ``group_min`` says
   something about every member, and is not shown.
5. Score summaries show n, mean and the quartiles, never the minimum, maximum or
   outliers (single organisations' values).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from barometer import study
from barometer.dataset import Dataset, dummy_name
from barometer.errors import StatsError
from barometer.stats.analysis import climate_analysis, climate_statements
from barometer.stats.derive import add_derived
from barometer.stats.disclosure import check_min_n
from barometer.stats.groups import boxplot_stats, climate_groups_fixed
from barometer.stats.publication import Grouping, build_publication
from barometer.stats.scale import scale_score
from barometer.stats.text_prep import scrub_text
from barometer.stats.werk import SAFETY, STANDARD, werk_zones

__all__ = [
    "FIXED_SCALE",
    "Cell",
    "FeedbackContext",
    "Group",
    "ScoreSummary",
    "allowed",
    "cell",
    "comparison_group",
    "feedback_context",
    "score_summary",
]

FIXED_SCALE: tuple[str, ...] = study.default().scale.fallback
"""The 13 statements of the 2021 scale (the study's ``scale.fallback``), used only when the
scale analysis cannot run (e.g. fewer than 10 organisations)."""


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
    publication: Grouping | None
    """The report's published sector groups (None: fewer than min_n organisations)."""
    names: dict[str, str]
    """org_id -> name, from the frame (empty without a frame)."""
    scrub_orgs: tuple[tuple[str, tuple[str, ...]], ...]
    """Organisation names and ids (frame and dataset) to scrub from open answers, each
    with its lower-case words."""
    scrub_persons: tuple[tuple[str, tuple[str, ...]], ...]
    wave: str
    study: str
    group_min: int = 10
    """Smallest base in which a share of 0% or 100% is shown."""
    cache: dict[str, np.ndarray] = field(default_factory=dict)
    """Indicator arrays per question (the same for every organisation's report)."""
    shared: dict[tuple[str, ...], Any] = field(default_factory=dict)
    """Figures that are the same for every member of a comparison group, by (group kind,
    group code, what): computed for the first member, reused for the others."""

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
    items = tuple(s for s in statements if s in FIXED_SCALE) or statements
    min_answered = math.ceil(2 * len(items) / 3)
    try:
        score = scale_score(data[list(items)], keep=list(items), min_answered=min_answered)
    except StatsError as exc:  # e.g. a statement nobody rated
        problem = f"{problem}; {exc}"
        score = pd.Series(np.nan, index=data.index, name="climate_score")
    return score, items, min_answered, problem


def _published(data: pd.DataFrame, frame: pd.DataFrame | None, min_n: int) -> Grouping | None:
    try:
        return build_publication(data, frame, min_n=min_n).sector
    except StatsError:  # fewer than min_n organisations in all: nothing is published
        return None


def _scrub_list(*columns: pd.Series | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = dict.fromkeys(
        str(v) for col in columns if col is not None for v in col.dropna() if str(v).strip()
    )
    return tuple((n, tuple(w.lower() for w in n.split())) for n in names)


def _column(frame: pd.DataFrame | None, column: str) -> pd.Series | None:
    return None if frame is None or column not in frame.columns else frame[column]


def feedback_context(
    dataset: Dataset, *, frame: pd.DataFrame | None = None, min_n: int = 5, group_min: int = 10
) -> FeedbackContext:
    """Prepare the data for :func:`barometer.report.feedback.build.build_feedback` (no I/O).

    Parameters
    ----------
    dataset : Dataset
    frame : pandas.DataFrame, optional
        The sampling frame; its ``name`` column gives the organisation's name for the
        title, and its ``name`` and ``contact_name`` columns are scrubbed from open answers.
    min_n : int, default 5
    group_min : int, default 10
        Smallest base in which a share of 0% or 100% is shown (group disclosure).
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
        scale_problem=problem, publication=_published(dataset.data, frame, min_n), names=names,
        scrub_orgs=_scrub_list(_column(frame, "name"), _column(frame, "org_id"), data["org_id"]),
        scrub_persons=_scrub_list(_column(frame, "contact_name")),
        wave=", ".join(waves), study=dataset.questionnaire.title or "Innovatie Barometer Overheid",
        group_min=max(group_min, min_n),
    )  # fmt: skip


@dataclass(frozen=True)
class Group:
    """The published group an organisation is compared with (itself included, as in the
    main report)."""

    kind: str
    """``sector``, ``remainder`` (a merged group of the publication classification),
    ``all`` (no group: all organisations only) or ``none`` (fewer than min_n
    organisations: no comparison at all)."""
    code: str
    """Published group code; empty for ``all`` and ``none``."""
    members: pd.Series
    """Boolean mask of the group's organisations (all False for ``all``/``none``)."""
    others: pd.Series
    """Boolean mask of all organisations (all False for ``none``)."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """The published group's label per language (Tabel 1's)."""

    @property
    def n(self) -> int:
        return int(self.members.sum())

    @property
    def n_others(self) -> int:
        return int(self.others.sum())

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels.get("nl", ""))


def comparison_group(ctx: FeedbackContext, row: int) -> Group:
    """The comparison group of the organisation in position ``row`` of ``ctx.data``: its
    published sector group, the same for every member."""
    data = ctx.data
    everyone = pd.Series(True, index=data.index)
    none = pd.Series(False, index=data.index)
    if ctx.publication is None or not check_min_n(len(data), ctx.min_n):
        return Group("none", "", none, none)
    sector = data["sector"].iloc[row]
    grouping = ctx.publication
    if sector and sector in grouping.mapping:
        group = grouping.group_of(sector)
        members = grouping.apply(data["sector"]).astype(object) == group.code
        members = members.fillna(False).astype(bool)
        if check_min_n(int(members.sum()), ctx.min_n):
            kind = "remainder" if group.merged else "sector"
            return Group(kind, group.code, members, everyone, dict(group.labels))
    return Group("all", "", none, everyone)


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


def allowed(n_group: int, n_all: int, min_n: int) -> bool:
    """The base is at least min_n, and so is the part of the overall base outside it."""
    outside = n_all - n_group
    return check_min_n(n_group, min_n) and (outside == 0 or check_min_n(outside, min_n))


def cell(
    x: ArrayLike, mask: ArrayLike, others: ArrayLike, min_n: int, group_min: int | None = None
) -> Cell:
    """The share of 1s in ``x`` (0/1, NaN outside the base) among ``mask``.

    ``others`` is the overall comparison base (all organisations). For the overall
    figure pass ``mask=others``. A group figure is hidden when its base, or the part of the
    overall base outside the group, is between 1 and ``min_n - 1`` (rule 3 above), and a
    share of 0% or 100% when its base is below ``group_min`` (rule 4; default ``min_n``).

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
    if n_group == 0 or not allowed(n_group, n_all, min_n):
        return HIDDEN
    pct = 100.0 * float(values[answered & m].mean())
    if pct in (0.0, 100.0) and n_group < (group_min or min_n):
        return HIDDEN
    return Cell(pct, n_group)


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
    if values.empty or not allowed(len(values), n_all, min_n):
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
