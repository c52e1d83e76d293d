"""The innovation-climate analysis in one call: item selection, scale, score, groups.

:func:`climate_analysis` runs the documented chain of DESIGN.md section 7 on the climate
statements of a responses table and returns every number the report prints about the
scale (Figures 15-17 and the method annex). Pure: no I/O.

Group comparisons (Figures 18-22) are in :mod:`barometer.stats.analysis_compare`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from barometer import study
from barometer.errors import ErrorCode, StatsError
from barometer.questionnaire.model import DONT_KNOW
from barometer.stats.efa import FactorResult, factor_analysis
from barometer.stats.groups import (
    CUTS_2021,
    GROUP_LABELS,
    KMeansGroups,
    climate_groups_fixed,
    climate_groups_kmeans,
)
from barometer.stats.reliability import ReliabilityResult, cronbach_alpha
from barometer.stats.scale import (
    ItemSelection,
    NormalityResult,
    SelectionStep,
    normality,
    scale_score,
    select_scale_items,
)
from barometer.stats.werk import SAFETY, STANDARD

__all__ = [
    "STATEMENTS",
    "WERK_STATEMENTS",
    "ClimateAnalysis",
    "climate_analysis",
    "climate_statements",
]

STATEMENTS: tuple[str, ...] = study.default().scale_candidates()
"""The items the climate factor analysis starts from: the study's scale candidates (the
climate statements, then the WERK statements)."""
WERK_STATEMENTS = (SAFETY, STANDARD)
"""The two WERK statements (psychological safety, performance standard)."""


@dataclass(frozen=True, eq=False)
class ClimateAnalysis:
    """Result of :func:`climate_analysis`.

    Attributes
    ----------
    statements : tuple of str
        The candidate statements, in column order.
    kept : tuple of str
        The statements that make up the scale.
    steps : tuple of SelectionStep
        One per dropped statement, in order of dropping, with the rule and the reason.
    stop_reason : str
        Why the selection stopped.
    min_loading : float
    min_answered : int
        Fewest answered kept statements for a score.
    n_selection, n_excluded : int
        Organisations answering every candidate (1-5; the sample of the selection, the
        factor analyses and alpha) and the organisations left out of it.
    initial : FactorResult
        One-factor model on all candidates: KMO, Bartlett, eigenvalues (scree), initial
        loadings and communalities.
    factor : FactorResult
        One-factor model on the kept statements (same rows).
    reliability : ReliabilityResult
        Cronbach's alpha of the kept statements with alpha-if-deleted and corrected
        item-total correlations, on the organisations that answered every *kept*
        statement (``reliability.n``; as SPSS/PSPP RELIABILITY on those items), which may
        be more than ``n_selection``.
    items : pandas.DataFrame
        One row per candidate (index: statement): ``answered`` (1-5), ``dont_know``,
        ``mean``, ``sd`` (over the answers), ``kept``, ``loading_initial``,
        ``communality_initial``, ``kmo``, ``loading``, ``communality``, ``r_drop``,
        ``alpha_if_deleted`` (the last four for kept statements only), ``step`` and
        ``reason`` (for dropped statements only).
    score : pandas.Series
        The climate score per organisation (index of the data), 1-5; NaN where fewer
        than ``min_answered`` kept statements were answered.
    normality : NormalityResult
        Skewness, excess kurtosis and Shapiro-Wilk of the scores.
    groups : pandas.Series
        Climate group by the fixed cut-offs (``limited`` < ``medium`` < ``strong``).
    cuts : (float, float)
    kmeans : KMeansGroups
        k-means (k=3) on the score: labels, centres, sizes, cut points.
    agreement : pandas.DataFrame
        Crosstab of the fixed groups (rows) by the k-means groups (columns), counts.
    agreement_share : float
        Share of scored organisations in the same group under both rules (0-1).
    kappa : float
        Cohen's kappa of the two groupings.
    """

    statements: tuple[str, ...]
    kept: tuple[str, ...]
    steps: tuple[SelectionStep, ...]
    stop_reason: str
    min_loading: float
    min_answered: int
    n_selection: int
    n_excluded: int
    initial: FactorResult
    factor: FactorResult
    reliability: ReliabilityResult
    items: pd.DataFrame
    score: pd.Series
    normality: NormalityResult
    groups: pd.Series
    cuts: tuple[float, float]
    kmeans: KMeansGroups
    agreement: pd.DataFrame
    agreement_share: float
    kappa: float

    @property
    def dropped(self) -> tuple[str, ...]:
        """The dropped statements, in order of dropping."""
        return tuple(s.item for s in self.steps)

    @property
    def n_scored(self) -> int:
        """Organisations with a score."""
        return int(self.score.notna().sum())

    @property
    def mean(self) -> float:
        return float(self.score.mean())

    @property
    def sd(self) -> float:
        return float(self.score.std(ddof=1))


def climate_statements(data: pd.DataFrame) -> tuple[str, ...]:
    """The columns of ``data`` that are climate statements (the study's scale candidates,
    :data:`STATEMENTS`), in column order.

    Examples
    --------
    >>> first, werk = STATEMENTS[0], WERK_STATEMENTS[0]
    >>> climate_statements(pd.DataFrame(columns=["x", werk, first])) == (werk, first)
    True
    """
    candidates = set(STATEMENTS)
    return tuple(str(c) for c in data.columns if str(c) in candidates)


def _kappa(table: pd.DataFrame) -> float:
    obs = table.to_numpy(dtype=float)
    n = obs.sum()
    po = np.trace(obs) / n
    pe = float((obs.sum(axis=1) * obs.sum(axis=0)).sum() / n**2)
    return float((po - pe) / (1 - pe)) if pe < 1 else 1.0


def climate_analysis(
    data: pd.DataFrame,
    *,
    statements: Sequence[str] | None = None,
    min_loading: float = 0.40,
    min_answered: int | None = None,
    alpha_rule: bool = True,
    cuts: tuple[float, float] = CUTS_2021,
    random_state: int = 0,
) -> ClimateAnalysis:
    """Select the scale items, score every organisation and form the climate groups.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses table (one row per organisation) with the climate statements as
        exported: answers 1-5, -8 don't know, -9 no answer (anything below 1 is missing).
    statements : sequence of str, optional
        The candidate statements. Default: the study's scale candidates present in
        ``data`` (:func:`climate_statements`), i.e. all 15 statements of the
        questionnaire, *including* the two WERK statements: they are statements about the
        organisation's climate like the others, and the selection rule decides whether
        they measure the common factor. (The 2021 scale used 13 of its 15 statements; in
        the demo wave the two ceiling statements, the first two, are the ones dropped.)
    min_loading : float, default 0.40
        The loading rule of :func:`~barometer.stats.scale.select_scale_items`.
    min_answered : int, optional
        Fewest answered kept statements for a score; default two-thirds of the kept
        statements, rounded up (9 of 13), as :func:`~barometer.stats.scale.scale_score`.
    alpha_rule : bool, default True
        Also drop statements whose removal raises alpha (the documented rule).
    cuts : (float, float), default (3.6, 4.0)
        The fixed cut-offs of the 2021 report.
    random_state : int, default 0
        Seed of the k-means starts.

    Returns
    -------
    ClimateAnalysis

    Raises
    ------
    barometer.errors.StatsError
        A candidate is not a column; fewer than 3 candidates; too few organisations
        answering every candidate (at least 10 and more than the number of candidates),
        fewer than 10 scores, a constant statement, and the other input errors of the
        functions it calls. The message says what is missing, so that the report can
        print it in place of a figure.

    Notes
    -----
    The chain, on the rows that answer every candidate (listwise, so every step uses the
    same organisations):

    1. :func:`~barometer.stats.efa.factor_analysis` on all candidates (one factor,
       MINRES): KMO, Bartlett, eigenvalues and the initial loadings;
    2. :func:`~barometer.stats.scale.select_scale_items`: drop the statement with the
       lowest loading below ``min_loading``, refit; then (``alpha_rule``) drop the
       statement whose removal raises alpha most; one at a time until none qualifies;
    3. loadings and communalities of the kept statements (same rows); alpha,
       alpha-if-deleted and corrected item-total correlations of the kept statements on
       *their own* complete cases (the rows that answer every kept statement).

    Then, on all organisations: the score is the mean of the answered kept statements
    (``min_answered``), its normality, the fixed-cut groups and k-means (k=3) groups,
    and their agreement (crosstab, share in the same group, Cohen's kappa).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=120)
    >>> df = pd.DataFrame({f"s{i}": np.clip(np.round(3.6 + f + rng.normal(size=120)),
    ...                    1, 5).astype(int) for i in range(1, 6)})
    >>> df["noise"] = rng.integers(1, 6, size=120)
    >>> res = climate_analysis(df, statements=list(df.columns))
    >>> res.dropped, len(res.kept), res.min_answered
    (('noise',), 5, 4)
    """
    if not isinstance(data, pd.DataFrame):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"climate_analysis needs a pandas DataFrame, got {type(data).__name__}",
        )
    candidates = climate_statements(data) if statements is None else tuple(statements)
    missing = [s for s in candidates if s not in data.columns]
    if missing:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            column=missing[0],
            detail=f"climate_analysis: no column {', '.join(map(repr, missing))}",
        )
    if len(candidates) < 3:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"the climate scale needs at least 3 statements, the data have {len(candidates)}",
        )
    items = data[list(candidates)]
    initial = factor_analysis(items, n_factors=1)
    sel = select_scale_items(items, min_loading=min_loading, alpha_rule=alpha_rule)
    # alpha and the item statistics of the scale on its own complete cases (the organisations
    # that answered every kept statement), as SPSS/PSPP RELIABILITY on the kept items gives
    reliability = cronbach_alpha(items[list(sel.kept)])
    score = scale_score(items, keep=list(sel.kept), min_answered=min_answered)
    k = len(sel.kept)
    min_ans = min_answered if min_answered is not None else math.ceil(2 * k / 3)
    norm = normality(score)
    fixed = climate_groups_fixed(score, cuts=cuts)
    km = climate_groups_kmeans(score, random_state=random_state)
    both = fixed.notna() & km.labels.notna()
    agreement = pd.crosstab(
        pd.Categorical(fixed[both], categories=GROUP_LABELS),
        pd.Categorical(km.labels[both], categories=GROUP_LABELS),
        rownames=["fixed"],
        colnames=["kmeans"],
        dropna=False,
    )
    obs = agreement.to_numpy(dtype=float)
    table = _item_table(data, candidates, initial, sel, reliability)
    return ClimateAnalysis(
        statements=candidates,
        kept=sel.kept,
        steps=sel.steps,
        stop_reason=sel.stop_reason,
        min_loading=min_loading,
        min_answered=min_ans,
        n_selection=sel.n,
        n_excluded=sel.n_excluded,
        initial=initial,
        factor=sel.factor,
        reliability=reliability,
        items=table,
        score=score,
        normality=norm,
        groups=fixed,
        cuts=(float(cuts[0]), float(cuts[1])),
        kmeans=km,
        agreement=agreement,
        agreement_share=float(np.trace(obs) / obs.sum()),
        kappa=_kappa(agreement),
    )


def _item_table(
    data: pd.DataFrame,
    candidates: tuple[str, ...],
    initial: FactorResult,
    sel: ItemSelection,
    reliability: ReliabilityResult,
) -> pd.DataFrame:
    steps = {s.item: s for s in sel.steps}
    rel = reliability.items
    load0 = initial.loadings["F1"].to_dict()
    comm0 = initial.communalities.to_dict()
    kmo = initial.kmo_items.to_dict()
    load = sel.factor.loadings["F1"].to_dict()
    comm = sel.factor.communalities.to_dict()
    r_drop = rel["r_drop"].to_dict()
    drop = rel["alpha_if_deleted"].to_dict()
    rows = []
    for name in candidates:
        raw = pd.to_numeric(data[name], errors="coerce")
        valid = raw.where(raw >= 1)
        kept = name in sel.kept
        step = steps.get(name)
        rows.append(
            {
                "answered": int(valid.notna().sum()),
                "dont_know": int((raw == DONT_KNOW).sum()),
                "mean": float(valid.mean()),
                "sd": float(valid.std(ddof=1)),
                "kept": kept,
                "loading_initial": float(load0[name]),
                "communality_initial": float(comm0[name]),
                "kmo": float(kmo[name]),
                "loading": float(load[name]) if kept else np.nan,
                "communality": float(comm[name]) if kept else np.nan,
                "r_drop": float(r_drop[name]) if kept else np.nan,
                "alpha_if_deleted": float(drop[name]) if kept else np.nan,
                "step": step.step if step else pd.NA,
                "reason": step.reason if step else "",
            }
        )
    table = pd.DataFrame(rows, index=pd.Index(candidates, name="statement"))
    table["step"] = table["step"].astype("Int64")
    return table
