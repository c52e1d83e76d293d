"""Model-based pieces of the calibration check: a one-factor loading rule and the Tekstvak 2
logistic regressions.

These are deliberately small and self-contained (numpy and statsmodels only), so the
calibration of the demo wave does not depend on the statistics package it exists to
exercise. The statistics package has the full, pinned implementations.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats


def one_factor_loadings(items: pd.DataFrame, max_iter: int = 200) -> pd.Series:
    """First-factor loadings by iterated principal axis factoring (pairwise correlations).

    Values below 1 (the missing codes) are missing. Loadings are oriented to sum positive.
    """
    x = items.where(items >= 1)
    r = x.corr(min_periods=10).to_numpy()
    h = 1 - 1 / np.diag(np.linalg.inv(r))
    load = np.zeros(len(r))
    for _ in range(max_iter):
        rh = r.copy()
        np.fill_diagonal(rh, h)
        vals, vecs = np.linalg.eigh(rh)
        load = vecs[:, -1] * np.sqrt(max(vals[-1], 0.0))
        new_h = np.clip(load**2, 0.005, 1.0)
        if np.max(np.abs(new_h - h)) < 1e-6:
            break
        h = new_h
    if load.sum() < 0:
        load = -load
    return pd.Series(load, index=items.columns)


def loading_rule(items: pd.DataFrame, min_loading: float = 0.40) -> tuple[list[str], list[str]]:
    """Drop the item with the lowest loading below ``min_loading`` and refit, until none is.

    Returns (kept, dropped) in column order and order of dropping.
    """
    kept = list(items.columns)
    dropped: list[str] = []
    while len(kept) > 3:
        load = one_factor_loadings(items[kept])
        low = load[load.round(3) < min_loading]
        if low.empty:
            break
        worst = str(low.idxmin())
        kept.remove(worst)
        dropped.append(worst)
    return kept, dropped


@dataclass(frozen=True)
class LogitSummary:
    n: int
    coef: pd.Series
    pvalues: pd.Series
    nagelkerke: float
    block_p: dict[str, float]  # likelihood-ratio p of each extra block (sector, size)
    warnings: tuple[str, ...]


def fit_logit(
    y: pd.Series, x: pd.DataFrame, blocks: dict[str, pd.DataFrame] | None = None
) -> LogitSummary:
    """Logistic regression of ``y`` on ``x``; Nagelkerke R2; LR tests for added ``blocks``."""
    caught: list[str] = []
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        base = _fit(y, x)
        block_p = {}
        for name, extra in (blocks or {}).items():
            full = _fit(y, pd.concat([x, extra], axis=1))
            lr = 2 * (full.llf - base.llf)
            block_p[name] = float(stats.chi2.sf(lr, extra.shape[1]))
        caught = [str(w.message) for w in record]
    n = len(y)
    cox_snell = 1 - np.exp(2 * (base.llnull - base.llf) / n)
    nagelkerke = cox_snell / (1 - np.exp(2 * base.llnull / n))
    return LogitSummary(
        n=n,
        coef=base.params.drop("const"),
        pvalues=base.pvalues.drop("const"),
        nagelkerke=float(nagelkerke),
        block_p=block_p,
        warnings=tuple(caught),
    )


def _fit(y: pd.Series, x: pd.DataFrame) -> sm.discrete.discrete_model.BinaryResultsWrapper:
    design = sm.add_constant(x.astype(float), has_constant="add")
    return sm.Logit(y.astype(float), design).fit(disp=0, method="newton", maxiter=100)


def dummies(values: pd.Series, drop: str | None = None, prefix: str = "") -> pd.DataFrame:
    """0/1 columns per level of ``values``, without the ``drop`` level (default: the first)."""
    levels: Sequence[str] = sorted(values.astype(str).unique())
    ref = drop if drop is not None else levels[0]
    return pd.DataFrame(
        {f"{prefix}{lv}": (values.astype(str) == lv).astype(float) for lv in levels if lv != ref},
        index=values.index,
    )
