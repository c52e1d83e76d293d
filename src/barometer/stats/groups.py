"""Climate groups from the scale score: the fixed 2021 cut-offs and k-means, and the
box-plot statistics per group (report Figures 16 and 27).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from barometer import study
from barometer.errors import ErrorCode, StatsError
from barometer.stats._items import MIN_CASES, check_score

__all__ = [
    "GROUP_LABELS",
    "KMeansGroups",
    "boxplot_stats",
    "climate_groups_fixed",
    "climate_groups_kmeans",
]

GROUP_LABELS = ("limited", "medium", "strong")
"""The three climate groups, weakest first."""
CUTS_2021: tuple[float, float] = study.default().scale.cuts
"""The 2021 report's cut-offs, from the study's scale (``scale.cuts``): limited < 3.6 <=
medium <= 4.0 < strong. Defined there once; everything else imports this."""
ROUND = 9
"""Scores are rounded to this many decimals before they are compared with a cut-off."""
QUANTILE_METHODS = ("tukey", "type7", "type6")


def _series(score: object, what: str) -> pd.Series:
    if not isinstance(score, pd.Series):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"{what} needs a pandas Series, got {type(score).__name__}",
        )
    if pd.api.types.is_bool_dtype(score) or not pd.api.types.is_numeric_dtype(score):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            column=str(score.name),
            detail=f"{what}: score '{score.name}' is not numeric (dtype {score.dtype})",
        )
    values = score.astype("float64")
    if np.isinf(values).any():
        raise StatsError(
            ErrorCode.STATS_INPUT,
            column=str(score.name),
            detail=f"{what}: score '{score.name}' contains an infinite value",
        )
    return values


def _categorical(
    codes: np.ndarray, index: pd.Index, labels: Sequence[str], name: object
) -> pd.Series:
    cat = pd.Categorical.from_codes(
        codes.astype(np.int64), categories=pd.Index(list(labels)), ordered=True
    )
    return pd.Series(cat, index=index, name=name)


def climate_groups_fixed(score: pd.Series, *, cuts: tuple[float, float] = CUTS_2021) -> pd.Series:
    """Climate group by the fixed 2021 cut-offs, so that waves can be compared.

    Parameters
    ----------
    score : pandas.Series
        Scale scores (1..5), NaN where no score.
    cuts : (float, float), default (3.6, 4.0)
        Lower and upper cut-off.

    Returns
    -------
    pandas.Series
        Ordered categorical ``limited`` < ``medium`` < ``strong`` with the index and
        name of ``score``; NaN where the score is NaN.

    Notes
    -----
    Boundaries, as in the 2021 report ("> 4.0", "3.6-4.0", "< 3.6"): *limited* is
    ``score < 3.6``; *medium* is ``3.6 <= score <= 4.0`` (both cut-offs included);
    *strong* is ``score > 4.0``. Scores are rounded to 9 decimals first, so that a
    mean such as 3.5999999999999996 (floating-point noise) counts as 3.6, while a real
    difference such as 4.0001 does not.

    Examples
    --------
    >>> import pandas as pd
    >>> climate_groups_fixed(pd.Series([3.59, 3.6, 4.0, 4.0001])).tolist()
    ['limited', 'medium', 'medium', 'strong']
    """
    values = _series(score, "climate_groups_fixed")
    if (
        len(cuts) != 2
        or not all(isinstance(c, int | float) and math.isfinite(c) for c in cuts)
        or not cuts[0] < cuts[1]
    ):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"cuts={cuts!r}: give two increasing numbers (lower, upper)",
        )
    low, high = float(cuts[0]), float(cuts[1])
    v = values.round(ROUND).to_numpy()
    codes = np.select([np.isnan(v), v < low, v <= high], [-1, 0, 1], default=2)
    return _categorical(codes, score.index, GROUP_LABELS, score.name)


@dataclass(frozen=True, eq=False)
class KMeansGroups:
    """Result of :func:`climate_groups_kmeans`.

    ``labels`` is an ordered categorical Series (index of the score, NaN where the
    score is NaN); ``centres``, ``sizes`` and ``ranges`` follow the label order.
    ``centres`` are the means of the groups as assigned (reported), not the fitted
    centres of an iteration that stopped on tolerance. ``ranges`` are each group's lowest
    and highest score. ``cuts`` follow from the assignment: ``cuts[i]`` is the lowest
    score of group ``i + 1``, so a score belongs to group ``i + 1`` or higher exactly when
    it is at least ``cuts[i]``. :meth:`printed_cuts` rounds them for a label without
    putting any case on the wrong side.
    """

    labels: pd.Series
    centres: tuple[float, ...]
    sizes: tuple[int, ...]
    cuts: tuple[float, ...]
    inertia: float
    n: int
    ranges: tuple[tuple[float, float], ...] = ()

    def printed_cuts(self, decimals: int = 2) -> tuple[tuple[float, ...], int]:
        """The cuts rounded down to the fewest decimals (at least ``decimals``) at which
        each still lies above every score of the group below it; and those decimals.

        A label "< c" / "c tot d" / ">= d" with these values puts every case on the side of
        its own group: the lowest score of the upper group is >= the rounded-down cut, the
        highest of the lower group is below it.
        """
        d = decimals
        while d < 12:
            scale = 10.0**d
            shown = tuple(math.floor(c * scale + 1e-9) / scale for c in self.cuts)
            if all(
                lo_hi[1] < c <= cut + 1e-12
                for lo_hi, c, cut in zip(self.ranges, shown, self.cuts, strict=False)
            ):
                return shown, d
            d += 1
        return self.cuts, 12


def climate_groups_kmeans(
    score: pd.Series,
    *,
    k: int = 3,
    random_state: int = 0,
    n_init: int = 10,
    labels: Sequence[str] | None = None,
) -> KMeansGroups:
    """Climate groups by k-means clustering of the scale score.

    Parameters
    ----------
    score : pandas.Series
        Scale scores; NaN scores are left out and get no group.
    k : int, default 3
        Number of groups.
    random_state : int, default 0
        Seed for the k-means++ starts, so that a wave's groups are reproducible.
    n_init : int, default 10
        Number of k-means++ starts; the solution with the smallest within-cluster sum
        of squares is kept.
    labels : sequence of str, optional
        Names of the groups, lowest centre first. Default for k=3: limited, medium,
        strong; otherwise group_1..group_k.

    Returns
    -------
    KMeansGroups

    Raises
    ------
    barometer.errors.StatsError
        Not a numeric Series, fewer than 10 scores, fewer distinct scores than k,
        or bad ``k``, ``n_init`` or ``labels``.

    Notes
    -----
    ``sklearn.cluster.KMeans`` (Lloyd's algorithm, k-means++ initialisation) on the
    one-dimensional score. Cluster numbers from scikit-learn are arbitrary; they are
    relabelled in order of their centre, so the lowest centre is always *limited*. The
    printed centres are the means of the groups as assigned (scikit-learn's
    ``cluster_centers_`` can differ slightly when the iterations stop on tolerance), the
    inertia is the within-group sum of squares of that assignment, and the cut points are
    the lowest score of each upper group (in one dimension the groups are intervals).

    References
    ----------
    Arthur, D., & Vassilvitskii, S. (2007). k-means++: the advantages of careful
    seeding. *SODA '07*, 1027-1035.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([2.0, 2.2, 2.4, 3.4, 3.6, 3.8, 3.6, 4.6, 4.8, 5.0, None])
    >>> res = climate_groups_kmeans(s)
    >>> res.sizes, [round(c, 2) for c in res.centres], res.labels.iloc[3]
    ((3, 4, 3), [2.2, 3.6, 4.8], 'medium')
    """
    from sklearn.cluster import KMeans

    for pname, pval, least in (("k", k, 2), ("n_init", n_init, 1)):
        if isinstance(pval, bool) or not isinstance(pval, int) or pval < least:
            raise StatsError(
                ErrorCode.STATS_INPUT, detail=f"{pname}={pval!r}: use a whole number >= {least}"
            )
    names = (
        list(labels)
        if labels is not None
        else (list(GROUP_LABELS) if k == 3 else [f"group_{i}" for i in range(1, k + 1)])
    )
    if len(names) != k or len(set(names)) != k:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"labels={labels!r}: give {k} different names"
        )
    values = _series(score, "climate_groups_kmeans")
    present = check_score(values, what="climate_groups_kmeans", min_cases=max(MIN_CASES, k))
    if present.nunique() < k:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=(
                f"climate_groups_kmeans: {present.nunique()} distinct scores cannot form {k} groups"
            ),
        )
    model = KMeans(
        n_clusters=k,
        init="k-means++",
        n_init=n_init,
        max_iter=300,
        tol=1e-4,
        algorithm="lloyd",
        random_state=random_state,
    )
    mask = values.notna().to_numpy()
    raw = model.fit_predict(values.to_numpy()[mask].reshape(-1, 1))
    order = np.argsort(model.cluster_centers_.ravel(), kind="stable")
    rank = np.empty(k, dtype=int)
    rank[order] = np.arange(k)
    codes = np.full(len(values), -1)
    codes[mask] = rank[raw]
    x = values.to_numpy()[mask]
    group = rank[raw]
    centres = [float(x[group == i].mean()) for i in range(k)]  # the reported groups' means
    ranges = tuple((float(x[group == i].min()), float(x[group == i].max())) for i in range(k))
    return KMeansGroups(
        labels=_categorical(codes, score.index, names, score.name),
        centres=tuple(centres),
        sizes=tuple(int(s) for s in np.bincount(group, minlength=k)),
        cuts=tuple(lo for lo, _ in ranges[1:]),
        inertia=float(sum(((x[group == i] - centres[i]) ** 2).sum() for i in range(k))),
        n=len(present),
        ranges=ranges,
    )


def _tukey_hinges(x: np.ndarray) -> tuple[float, float, float]:
    """Lower hinge, median, upper hinge as R ``fivenum`` (x sorted)."""
    n = x.size
    n4 = math.floor((n + 3) / 2) / 2
    d = [n4, (n + 1) / 2, n + 1 - n4]
    lo, med, hi = (0.5 * (x[math.floor(p) - 1] + x[math.ceil(p) - 1]) for p in d)
    return float(lo), float(med), float(hi)


def boxplot_stats(
    score: pd.Series, by: pd.Series, *, method: str = "tukey", whisker: float = 1.5
) -> pd.DataFrame:
    """Box-plot statistics of a score per group (Figures 16 and 27).

    Parameters
    ----------
    score : pandas.Series
        Numeric values, e.g. the climate score.
    by : pandas.Series
        Group of each row, same index as ``score``. Rows where either is missing are
        left out. A categorical ``by`` keeps its category order (unused categories
        are left out); otherwise groups are sorted.
    method : {"tukey", "type7", "type6"}, default "tukey"
        How the quartiles are computed. ``"tukey"``: Tukey's hinges, as R
        ``boxplot.stats``/``fivenum`` and the SPSS EXAMINE box plot. ``"type7"``:
        linear interpolation, R ``quantile`` default and numpy's. ``"type6"``: SPSS
        EXAMINE's weighted-average percentiles (HAVERAGE).
    whisker : float, default 1.5
        Whisker reach in IQRs.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``n``, ``mean``, ``min``, ``q1``, ``median``, ``q3``,
        ``iqr``, ``whisker_low``, ``whisker_high`` (the most extreme values within
        ``q1 - whisker*IQR`` and ``q3 + whisker*IQR``), ``outliers`` (sorted list of
        the values beyond them), ``max``.

    Notes
    -----
    This function does no disclosure control: the report layer hides groups below
    ``min_n``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 3.0, 3.2, 3.3, 3.5, 3.6, 3.7, 3.75, 3.9, 4.1, 5.0])
    >>> t = boxplot_stats(s, pd.Series(["all"] * 11))
    >>> t.loc["all", ["q1", "median", "q3", "whisker_low", "whisker_high"]].tolist()
    [3.25, 3.6, 3.825, 3.0, 4.1]
    >>> t.loc["all", "outliers"]
    [1.0, 5.0]
    """
    if method not in QUANTILE_METHODS:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"method={method!r}: use one of {QUANTILE_METHODS}",
        )
    if not (isinstance(whisker, int | float) and whisker >= 0 and math.isfinite(whisker)):
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"whisker={whisker!r}: use a number >= 0")
    values = _series(score, "boxplot_stats")
    if not isinstance(by, pd.Series) or not by.index.equals(score.index):
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail="boxplot_stats: by must be a pandas Series with the same index as score",
        )
    ok = values.notna() & by.notna()
    if not ok.any():
        raise StatsError(
            ErrorCode.STATS_ALL_MISSING, detail="boxplot_stats: no row has both a score and a group"
        )
    if isinstance(by.dtype, pd.CategoricalDtype):
        groups = [g for g in by.cat.categories if (by[ok] == g).any()]
    else:
        groups = sorted(by[ok].unique())
    rows = []
    for g in groups:
        x = np.sort(values[ok & (by == g)].to_numpy())
        if method == "tukey":
            q1, med, q3 = _tukey_hinges(x)
        else:
            how: Literal["linear", "weibull"] = "linear" if method == "type7" else "weibull"
            q1, med, q3 = (float(q) for q in np.quantile(x, [0.25, 0.5, 0.75], method=how))
        iqr = q3 - q1
        lo, hi = q1 - whisker * iqr, q3 + whisker * iqr
        inside = x[(x >= lo) & (x <= hi)]
        rows.append(
            {
                "n": int(x.size),
                "mean": float(x.mean()),
                "min": float(x[0]),
                "q1": q1,
                "median": med,
                "q3": q3,
                "iqr": iqr,
                "whisker_low": float(inside.min()),
                "whisker_high": float(inside.max()),
                "max": float(x[-1]),
                "outliers": [float(v) for v in x[(x < lo) | (x > hi)]],
            }
        )
    return pd.DataFrame(rows, index=pd.Index(groups, name=by.name or "group"))
