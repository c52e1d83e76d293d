"""Result types of the logistic regressions, and the report parts that need only y and p̂.

Shared by :mod:`barometer.stats.logistic_fit` (:func:`fit_logistic`, SPSS ``/METHOD=ENTER``)
and :mod:`barometer.stats.logistic_stepwise` (:func:`backward_stepwise`, SPSS
``/METHOD=BSTEP(LR)``): coefficient rows, the joint Wald test of a categorical variable,
the Hosmer–Lemeshow test and the classification table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

__all__ = [
    "ClassificationTable",
    "Coefficient",
    "HosmerLemeshow",
    "HosmerLemeshowGroup",
    "LogisticFit",
    "TermWald",
    "classification_table",
    "hosmer_lemeshow",
]


@dataclass(frozen=True)
class Coefficient:
    """One row of SPSS's "Variables in the Equation" table."""

    name: str  # "x1", "grp[2]" (dummy for level 2 of grp) or "Constant"
    term: str  # the variable the coefficient belongs to ("grp" for "grp[2]")
    b: float
    se: float
    wald: float
    df: int
    p: float
    exp_b: float
    ci_low: float  # 95% interval for Exp(B): exp(B ± 1.96 SE)
    ci_high: float


@dataclass(frozen=True)
class TermWald:
    """Joint Wald test of all dummies of a categorical variable (the unindented SPSS row)."""

    term: str
    wald: float
    df: int
    p: float


@dataclass(frozen=True)
class HosmerLemeshowGroup:
    """One row of the Hosmer–Lemeshow contingency table."""

    n: int
    observed_events: int
    expected_events: float
    observed_nonevents: int
    expected_nonevents: float


@dataclass(frozen=True)
class HosmerLemeshow:
    """Hosmer–Lemeshow goodness-of-fit test; ``df`` is the number of groups minus 2."""

    chi2: float
    df: int
    p: float
    groups: tuple[HosmerLemeshowGroup, ...]


@dataclass(frozen=True)
class ClassificationTable:
    """Observed × predicted counts at ``cut``; a case is predicted an event if p̂ > cut."""

    cut: float
    counts: tuple[tuple[int, int], tuple[int, int]]  # [observed][predicted], 0 = non-event
    percent_correct_nonevents: float
    percent_correct_events: float
    percent_correct_overall: float


@dataclass(frozen=True)
class LogisticFit:
    """A fitted binary logistic regression, as SPSS reports it."""

    outcome: str
    event: Any  # the outcome value modelled as 1 (the higher of the two values)
    terms: tuple[str, ...]
    categorical: tuple[str, ...]
    reference_levels: tuple[tuple[str, Any], ...]  # (variable, level left out)
    coefficients: tuple[Coefficient, ...]  # in term order, Constant last (as SPSS prints)
    term_tests: tuple[TermWald, ...]  # one per categorical term in the model
    n: int  # cases used
    n_excluded: int  # cases dropped because of a missing value
    n_events: int
    minus2ll: float
    minus2ll_null: float  # constant-only model on the same cases
    model_chi2: float
    model_df: int
    model_p: float
    cox_snell_r2: float
    nagelkerke_r2: float
    mcfadden_r2: float
    hosmer_lemeshow: HosmerLemeshow | None  # None when fewer than 3 groups can be formed
    classification: ClassificationTable
    iterations: int
    notes: tuple[str, ...]

    def coefficient(self, name: str) -> Coefficient:
        """The coefficient called ``name`` ("x1", "grp[2]", "Constant")."""
        for c in self.coefficients:
            if c.name == name:
                return c
        raise KeyError(name)


def _pearson(observed: float, expected: float) -> float:
    if expected > 0:
        return (observed - expected) ** 2 / expected
    return 0.0 if observed == 0 else float("inf")


def hosmer_lemeshow(y: np.ndarray, fitted: np.ndarray, groups: int = 10) -> HosmerLemeshow | None:
    """Hosmer–Lemeshow test with SPSS-style "deciles of risk".

    Cases are sorted by predicted probability. Cases with the same predicted probability
    (equal to 12 decimals; in particular cases with the same covariate pattern) form a
    block that is never split. A block whose first case is at sorted position ``a``
    (1-based) of ``n`` goes to decile ``ceil(groups * a / n)``, i.e. the decile where the
    block starts; deciles that receive no block disappear, so there can be fewer than
    ``groups`` groups and df = (number of groups) − 2. Without ties this gives groups of
    n/10 cases. Returns None when fewer than 3 groups remain.

    SPSS documents that blocks are kept whole but not the exact cut rule; this rule is
    our reading of it and has not been checked against SPSS output with ties.
    """
    n = len(y)
    order = np.argsort(fitted, kind="stable")
    p_sorted = fitted[order]
    y_sorted = y[order]
    keys = np.round(p_sorted, 12)
    # a block of equal keys starts where the key changes (sorted, so equal keys are adjacent)
    is_start = np.ones(n, dtype=bool)
    is_start[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(is_start)
    start_group = -(-groups * (starts + 1) // n)  # ceil(groups * a / n), in integers
    group_of = start_group[np.cumsum(is_start) - 1]
    rows = []
    chi2 = 0.0
    for g in np.unique(group_of):
        mask = group_of == g
        m = int(mask.sum())
        obs1 = int(y_sorted[mask].sum())
        exp1 = float(p_sorted[mask].sum())
        rows.append(HosmerLemeshowGroup(m, obs1, exp1, m - obs1, m - exp1))
        chi2 += _pearson(obs1, exp1) + _pearson(m - obs1, m - exp1)
    if len(rows) < 3:
        return None
    df = len(rows) - 2
    return HosmerLemeshow(chi2=chi2, df=df, p=float(sps.chi2.sf(chi2, df)), groups=tuple(rows))


def classification_table(
    y: np.ndarray, fitted: np.ndarray, cut: float = 0.5
) -> ClassificationTable:
    """Observed × predicted table; predicted event when the fitted probability exceeds cut."""
    pred = fitted > cut
    obs = y == 1
    c00 = int(np.sum(~obs & ~pred))
    c01 = int(np.sum(~obs & pred))
    c10 = int(np.sum(obs & ~pred))
    c11 = int(np.sum(obs & pred))
    return ClassificationTable(
        cut=cut,
        counts=((c00, c01), (c10, c11)),
        percent_correct_nonevents=100.0 * c00 / (c00 + c01),
        percent_correct_events=100.0 * c11 / (c10 + c11),
        percent_correct_overall=100.0 * (c00 + c11) / len(y),
    )
