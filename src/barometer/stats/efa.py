"""Exploratory factor analysis of the climate statements (``factor_analyzer``), with KMO
and Bartlett's test, as R ``psych::fa``, ``psych::KMO`` and ``psych::cortest.bartlett``.
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from barometer.errors import ErrorCode, StatsError
from barometer.stats._items import complete_cases

__all__ = ["FactorResult", "factor_analysis"]

METHODS = ("minres", "uls", "ml")
"""factor_analyzer's "principal" (principal components, not psych's principal axis) is left out."""
ROTATIONS = (None, "varimax", "promax", "oblimin", "oblimax", "quartimin", "quartimax", "equamax")
UNIQUENESS_BOUNDS = (0.005, 1.0)
"""Bounds on the uniquenesses during fitting; psych::fa uses the same (lower=.005, upper=1)."""


@dataclass(frozen=True, eq=False)
class FactorResult:
    """Result of :func:`factor_analysis`.

    Attributes
    ----------
    n, n_excluded : int
        Cases analysed (complete on every item) and rows left out.
    n_factors : int
    method : str
    rotation : str or None
        The rotation applied (always ``None`` for one factor).
    kmo : float
        Kaiser-Meyer-Olkin measure of sampling adequacy, overall (psych ``MSA``).
    kmo_items : pandas.Series
        KMO per item (psych ``MSAi``).
    bartlett_chi2, bartlett_df, bartlett_p : float, int, float
        Bartlett's test that the correlation matrix is an identity matrix.
    eigenvalues : pandas.Series
        Eigenvalues of the correlation matrix, largest first, indexed 1..k (psych
        ``e.values``); for a scree plot.
    loadings : pandas.DataFrame
        Items by factors ``F1``..``Fk``; each factor oriented so its loadings sum to a
        positive number.
    communalities, uniquenesses : pandas.Series
        Sum of squared loadings per item, and one minus it.
    variance : pandas.DataFrame
        Per factor: ``ss_loadings``, ``proportion`` (of the number of items) and
        ``cumulative``.
    """

    n: int
    n_excluded: int
    n_factors: int
    method: str
    rotation: str | None
    kmo: float
    kmo_items: pd.Series
    bartlett_chi2: float
    bartlett_df: int
    bartlett_p: float
    eigenvalues: pd.Series
    loadings: pd.DataFrame
    communalities: pd.Series
    uniquenesses: pd.Series
    variance: pd.DataFrame


def _sklearn_compat() -> None:
    """Let factor_analyzer 0.5.1 run on scikit-learn >= 1.8.

    ``FactorAnalyzer.fit`` calls ``check_array(force_all_finite=...)``; scikit-learn
    renamed that argument ``ensure_all_finite`` in 1.6 and removed the old name in
    1.8. Where the installed scikit-learn no longer knows it, route factor_analyzer's
    module-level ``check_array`` through a wrapper that renames the argument. The
    wrapper changes nothing else, and is installed once.
    """
    import factor_analyzer.factor_analyzer as fa_module

    original = fa_module.check_array
    if getattr(original, "_barometer_compat", False):
        return
    if "force_all_finite" in inspect.signature(original).parameters:
        return

    def check_array(*args: Any, force_all_finite: Any = True, **kwargs: Any) -> Any:
        kwargs.setdefault("ensure_all_finite", force_all_finite)
        return original(*args, **kwargs)

    check_array._barometer_compat = True  # type: ignore[attr-defined]
    fa_module.check_array = check_array


def _check_not_singular(data: pd.DataFrame, corr: np.ndarray) -> None:
    if np.linalg.eigvalsh(corr).min() > 1e-10:
        return
    x = data.to_numpy(dtype="float64")
    x = x - x.mean(axis=0)
    named = []
    for j, name in enumerate(data.columns):
        others = np.delete(x, j, axis=1)
        coef = np.linalg.lstsq(others, x[:, j], rcond=None)[0]
        if np.sum((x[:, j] - others @ coef) ** 2) <= 1e-10 * np.sum(x[:, j] ** 2):
            named.append(str(name))
    raise StatsError(
        ErrorCode.STATS_INPUT,
        column=named[0] if named else None,
        detail=(
            "the correlation matrix is singular: item(s) "
            f"{', '.join(repr(c) for c in named) or '(several)'} are an exact linear "
            "combination of the other items; leave one of them out"
        ),
    )


def _kmo(corr: np.ndarray) -> tuple[float, np.ndarray]:
    inv = np.linalg.inv(corr)
    d = np.sqrt(np.diag(inv))
    partial = -inv / np.outer(d, d)
    off = ~np.eye(corr.shape[0], dtype=bool)
    r2 = np.where(off, corr**2, 0.0)
    p2 = np.where(off, partial**2, 0.0)
    per_item = r2.sum(axis=0) / (r2.sum(axis=0) + p2.sum(axis=0))
    return float(r2.sum() / (r2.sum() + p2.sum())), per_item


def factor_analysis(
    items: pd.DataFrame,
    *,
    n_factors: int = 1,
    method: str = "minres",
    rotation: str | None = None,
    missing: str = "listwise",
    use_smc: bool = True,
) -> FactorResult:
    """Exploratory factor analysis of the scale items, with KMO and Bartlett's test.

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item, answers 1..5; values below 1 (missing codes) are missing.
    n_factors : int, default 1
        Number of factors, at least 1 and fewer than the number of items.
    method : {"minres", "uls", "ml"}, default "minres"
        Fitting method of ``factor_analyzer.FactorAnalyzer``: minimum residual
        (psych ``fm="minres"``), unweighted least squares (the same objective in
        factor_analyzer), or maximum likelihood.
    rotation : str or None, default None
        ``None`` or a rotation known to factor_analyzer ("varimax", "promax",
        "oblimin", ...). With one factor nothing is rotated (as psych::fa), and the
        result reports ``rotation=None``.
    missing : {"listwise"}
        Rows with any missing item are dropped before fitting and counted in
        ``n_excluded``; nothing is imputed.
    use_smc : bool, default True
        Start from squared multiple correlations, as psych::fa (``SMC=TRUE``).

    Returns
    -------
    FactorResult

    Raises
    ------
    barometer.errors.StatsError
        The input problems of :func:`~barometer.stats.reliability.cronbach_alpha`, an
        unknown method or rotation, a bad ``n_factors``, a singular correlation
        matrix (naming the dependent items), or an optimiser that does not converge.

    Notes
    -----
    ``FactorAnalyzer`` is called with every argument explicit: ``is_corr_matrix=False``,
    ``impute="drop"`` (never used: incomplete rows are removed beforehand),
    ``bounds=(0.005, 1)``, ``svd_method="lapack"`` (only used by the "principal"
    method, which is not offered). MINRES minimises the squared
    off-diagonal residuals of the correlation matrix; it agrees with psych 2.2.9
    ``fa(fm="minres")`` to about 1e-5 in the loadings.

    KMO and Bartlett's test are computed from the Pearson correlation matrix
    :math:`R` of the analysed rows: with partial correlations
    :math:`q_{ij} = -R^{-1}_{ij}/\\sqrt{R^{-1}_{ii}R^{-1}_{jj}}`,
    :math:`\\mathrm{KMO}_i = \\sum_{j\\ne i} r_{ij}^2 / (\\sum_{j\\ne i} r_{ij}^2 +
    \\sum_{j\\ne i} q_{ij}^2)`; Bartlett's
    :math:`\\chi^2 = -(n - 1 - (2k + 5)/6)\\ln|R|` on :math:`k(k-1)/2` df.

    The sign of a factor is arbitrary; each factor is oriented so that the sum of its
    loadings is positive.

    References
    ----------
    Kaiser, H. F. (1974). An index of factorial simplicity. *Psychometrika*, 39, 31-36.

    Bartlett, M. S. (1951). The effect of standardization on a chi-square
    approximation in factor analysis. *Biometrika*, 38, 337-344.

    Revelle, W. psych: ``fa``, ``KMO``, ``cortest.bartlett``.
    https://CRAN.R-project.org/package=psych

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from barometer.stats.efa import factor_analysis
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=200)
    >>> df = pd.DataFrame({f"q{i}": np.clip(np.round(3 + f + rng.normal(size=200)), 1, 5)
    ...                    for i in range(1, 6)})
    >>> res = factor_analysis(df)
    >>> res.n, res.loadings.shape, bool((res.loadings["F1"] > 0.5).all())
    (200, (5, 1), True)
    """
    from factor_analyzer import FactorAnalyzer

    data, n_excluded = complete_cases(items, what="factor_analysis", missing=missing)
    n, k = data.shape
    if method not in METHODS:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"method={method!r} is unknown; use one of {METHODS}"
        )
    if rotation not in ROTATIONS:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"rotation={rotation!r} is unknown; use one of {ROTATIONS}",
        )
    if isinstance(n_factors, bool) or not isinstance(n_factors, int) or not 1 <= n_factors < k:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"n_factors={n_factors!r}: use a whole number from 1 to {k - 1} for {k} items",
        )
    applied = rotation if n_factors > 1 else None
    x = data.to_numpy(dtype="float64")
    corr = np.corrcoef(x, rowvar=False)
    _check_not_singular(data, corr)

    _sklearn_compat()
    model = FactorAnalyzer(
        n_factors=n_factors,
        rotation=applied,
        method=method,
        use_smc=use_smc,
        is_corr_matrix=False,
        bounds=UNIQUENESS_BOUNDS,
        impute="drop",
        svd_method="lapack",
        rotation_kwargs={},
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x)
    for w in caught:
        if "converge" in str(w.message).lower():
            raise StatsError(
                ErrorCode.STATS_INPUT,
                detail=f"factor_analysis ({method}, {n_factors} factors): {w.message}",
            )
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)

    loadings = np.asarray(model.loadings_, dtype="float64")
    signs = np.where(loadings.sum(axis=0) < 0, -1.0, 1.0)
    loadings = loadings * signs
    names = [f"F{i}" for i in range(1, n_factors + 1)]
    index = pd.Index(data.columns, name="item")
    ss, prop, cum = (np.asarray(v, dtype="float64") for v in model.get_factor_variance())
    communalities = (loadings**2).sum(axis=1)
    kmo, kmo_items = _kmo(corr)
    _, logdet = np.linalg.slogdet(corr)
    chi2 = float(-(n - 1 - (2 * k + 5) / 6) * logdet)
    df = k * (k - 1) // 2
    return FactorResult(
        n=n,
        n_excluded=n_excluded,
        n_factors=n_factors,
        method=method,
        rotation=applied,
        kmo=kmo,
        kmo_items=pd.Series(kmo_items, index=index, name="kmo"),
        bartlett_chi2=chi2,
        bartlett_df=df,
        bartlett_p=float(stats.chi2.sf(chi2, df)),
        eigenvalues=pd.Series(
            np.linalg.eigvalsh(corr)[::-1],
            index=pd.RangeIndex(1, k + 1, name="component"),
            name="eigenvalue",
        ),
        loadings=pd.DataFrame(loadings, index=index, columns=names),
        communalities=pd.Series(communalities, index=index, name="communality"),
        uniquenesses=pd.Series(1.0 - communalities, index=index, name="uniqueness"),
        variance=pd.DataFrame(
            {"ss_loadings": ss, "proportion": prop, "cumulative": cum},
            index=pd.Index(names, name="factor"),
        ),
    )
