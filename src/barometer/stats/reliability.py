"""Cronbach's alpha with item statistics, as SPSS RELIABILITY and R ``psych::alpha``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from barometer.errors import ErrorCode, StatsError
from barometer.stats._items import complete_cases

__all__ = ["ReliabilityResult", "cronbach_alpha"]


@dataclass(frozen=True, eq=False)
class ReliabilityResult:
    """Result of :func:`cronbach_alpha`.

    Attributes
    ----------
    alpha : float
        Cronbach's alpha from the item covariances (psych ``raw_alpha``; SPSS
        "Cronbach's Alpha").
    std_alpha : float
        Alpha from the item correlations (psych ``std.alpha``; SPSS "Cronbach's
        Alpha Based on Standardized Items").
    average_r : float
        Mean inter-item correlation (psych ``average_r``).
    n : int
        Number of cases analysed (complete on every item).
    n_items : int
        Number of items.
    n_excluded : int
        Rows left out because at least one item was missing.
    items : pandas.DataFrame
        One row per item, columns ``mean``, ``sd`` (n - 1 denominator), ``r_drop``
        (corrected item-total correlation: the item against the sum of the *other*
        items), ``alpha_if_deleted`` and ``std_alpha_if_deleted``.
    """

    alpha: float
    std_alpha: float
    average_r: float
    n: int
    n_items: int
    n_excluded: int
    items: pd.DataFrame


def _alpha(cov: np.ndarray) -> float:
    k = cov.shape[0]
    return float(k / (k - 1) * (1.0 - np.trace(cov) / cov.sum()))


def cronbach_alpha(items: pd.DataFrame, *, missing: str = "listwise") -> ReliabilityResult:
    """Cronbach's alpha of a scale, with alpha-if-item-deleted and item-total correlations.

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item, answers 1..5. Values below 1 (the missing codes -1, -8
        and -9, and 0) are treated as missing.
    missing : {"listwise"}
        How missing answers are handled. ``"listwise"`` (the only rule, as in SPSS
        RELIABILITY) analyses the rows that answer every item.

    Returns
    -------
    ReliabilityResult
        Alpha, standardized alpha, mean inter-item correlation, n, number of items,
        rows excluded, and the per-item table.

    Raises
    ------
    barometer.errors.StatsError
        Fewer than 3 items; fewer than 10 complete cases or not more cases than items;
        an item constant in the analysed rows; an item without valid answers; a
        non-numeric column; a value above 5; a total score without variance.

    Notes
    -----
    With :math:`C` the item covariance matrix (n - 1 denominator) of :math:`k` items,

    .. math:: \\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\operatorname{tr} C}{\\sum_{ij} C_{ij}}\\right)

    and the standardized alpha is the same formula on the correlation matrix. The
    corrected item-total correlation of item :math:`i` is the Pearson correlation of
    the item with the sum of the other items (psych ``r.drop``, SPSS "Corrected
    Item-Total Correlation"); alpha-if-item-deleted recomputes alpha without item
    :math:`i`. Item means and SDs are over the analysed (complete) rows, as in SPSS
    "Item Statistics".

    Pinned against R 4.2.2, psych 2.2.9 ``alpha()`` on complete cases (see
    ``tests/stats/reference/scale_reference.R``).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16(3), 297-334.

    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality
    Research. ``alpha``. https://CRAN.R-project.org/package=psych

    Examples
    --------
    >>> import pandas as pd
    >>> from barometer.stats.reliability import cronbach_alpha
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2],
    ...                    "b": [2, 2, 3, 5, 5, 1, 3, 4, 4, 4, 3, 1],
    ...                    "c": [1, 3, 3, 4, 4, 2, 2, 5, 5, 3, 4, -9]})
    >>> res = cronbach_alpha(df)
    >>> round(res.alpha, 3), res.n, res.n_excluded
    (0.92, 11, 1)
    """
    data, n_excluded = complete_cases(items, what="cronbach_alpha", missing=missing)
    x = data.to_numpy(dtype="float64")
    n, k = x.shape
    cov = np.cov(x, rowvar=False, ddof=1)
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    if cov.sum() <= 0:
        raise StatsError(
            ErrorCode.STATS_CONSTANT,
            column="total",
            detail="the items cancel out: the sum of the items has no variance",
        )
    alpha_drop, std_drop, r_drop = [], [], []
    for i in range(k):
        keep = [j for j in range(k) if j != i]
        rest = cov[np.ix_(keep, keep)]
        rest_var = rest.sum()
        if rest_var <= 0:
            raise StatsError(
                ErrorCode.STATS_CONSTANT,
                column=str(data.columns[i]),
                detail=f"without item '{data.columns[i]}' the other items sum to a constant",
            )
        alpha_drop.append(_alpha(rest))  # k >= 3, so two or more items remain
        std_drop.append(_alpha(corr[np.ix_(keep, keep)]))
        r_drop.append(float(cov[i, keep].sum() / np.sqrt(cov[i, i] * rest_var)))
    table = pd.DataFrame(
        {
            "mean": x.mean(axis=0),
            "sd": sd,
            "r_drop": r_drop,
            "alpha_if_deleted": alpha_drop,
            "std_alpha_if_deleted": std_drop,
        },
        index=pd.Index(data.columns, name="item"),
    )
    off = corr[~np.eye(k, dtype=bool)]
    return ReliabilityResult(
        alpha=_alpha(cov),
        std_alpha=_alpha(corr),
        average_r=float(off.mean()),
        n=n,
        n_items=k,
        n_excluded=n_excluded,
        items=table,
    )
