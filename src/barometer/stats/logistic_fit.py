"""Binary logistic regression reported as SPSS ``LOGISTIC REGRESSION`` reports it.

:func:`fit_logistic` fits one model (method ENTER) and returns a :class:`LogisticFit`:
B, SE, Wald, p and Exp(B) with its 95% interval for every coefficient, a joint Wald test
for each categorical variable, −2LL, the omnibus chi-square, Cox & Snell, Nagelkerke and
McFadden R², the Hosmer–Lemeshow test and the classification table.

The data preparation (:func:`~barometer.stats.logistic_design.prepare_design`) and the
fitting of a subset of terms on a fixed sample (:func:`fit_terms`) are shared with the
backward stepwise selection in :mod:`barometer.stats.logistic_stepwise`. The estimates
come from the Newton–Raphson of :mod:`barometer.stats.logistic_newton` (the iteration of
statsmodels' ``Logit``, step for step, on the design matrix built once and grouped by
covariate pattern); a fit that does not end cleanly there (no convergence, a fitted
probability of 0 or 1, a singular information matrix) is redone with statsmodels on the
cases, whose outcome (the estimates, or the separation message) is then used.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.tools.sm_exceptions import PerfectSeparationError, PerfectSeparationWarning

from barometer.errors import ErrorCode, StatsError
from barometer.stats.logistic import (
    Coefficient,
    LogisticFit,
    TermWald,
    classification_table,
    hosmer_lemeshow,
)
from barometer.stats.logistic_design import Design, prepare_design
from barometer.stats.logistic_newton import Evaluation, evaluate, loglik, newton

__all__ = ["fit_logistic"]

_Z95 = float(sps.norm.ppf(0.975))
_MAXITER = 100
_TOL = 1e-10
_EXTREME = 1e-10  # a fitted probability this close to 0 or 1 signals separation


# --------------------------------------------------------------------------- fitting


@dataclass(frozen=True, eq=False)
class RawFit:
    """Maximum-likelihood estimates for one set of terms on a design (internal)."""

    terms: tuple[str, ...]
    names: tuple[str, ...]
    owners: tuple[str, ...]
    cols: np.ndarray  # the model's columns of design.x (constant last)
    params: np.ndarray
    cov: np.ndarray
    fitted: np.ndarray  # per case
    loglik: float
    iterations: int
    evaluation: Evaluation  # per pattern, over all columns of design.x, at params

    @property
    def info(self) -> np.ndarray:
        """X'WX over all columns of the design, at the estimates."""
        return self.evaluation.info

    @property
    def score(self) -> np.ndarray:
        """X'(y − p̂) over all columns of the design, at the estimates."""
        return self.evaluation.score


def null_loglik(y: np.ndarray) -> float:
    """Log likelihood of the constant-only model."""
    n1 = float(y.sum())
    n0 = len(y) - n1
    return n1 * math.log(n1 / len(y)) + n0 * math.log(n0 / len(y))


def _all(design: Design) -> np.ndarray:
    return np.arange(design.x.shape[1])


def fit_terms(
    design: Design,
    terms: Sequence[str],
    *,
    start: np.ndarray | None = None,
    first: Evaluation | None = None,
) -> RawFit:
    """Fit the model with ``terms`` on the design's sample; raise on separation.

    From zeros (statsmodels' Newton–Raphson, step for step) or, warm, from ``start``
    (estimates for the model's columns, with step-halving); ``first`` is the evaluation
    at ``start`` over all columns when the caller has it.
    """
    cols = design.cols(terms)
    try:
        res = newton(
            design.patterns, cols, _all(design), start=start, first=first,
            maxiter=_MAXITER, tol=_TOL, halving=start is not None,
        )  # fmt: skip
    except np.linalg.LinAlgError:
        return _fit_statsmodels(design, terms)
    if not res.converged or res.separated:
        return _fit_statsmodels(design, terms)
    raw = _checked(design, terms, res.params, res.evaluation, res.iterations)
    return raw if raw is not None else _fit_statsmodels(design, terms)


def raw_at(design: Design, terms: Sequence[str], params: np.ndarray, iterations: int) -> RawFit:
    """The model with ``terms`` at converged estimates ``params`` (from another fit)."""
    cols = design.cols(terms)
    ev = evaluate(design.patterns, cols, params, _all(design))
    raw = _checked(design, terms, params, ev, iterations)
    return raw if raw is not None else _fit_statsmodels(design, terms)


def _checked(
    design: Design, terms: Sequence[str], params: np.ndarray, ev: Evaluation, iterations: int
) -> RawFit | None:
    """A RawFit when the estimates are clean (as statsmodels would accept them), else None."""
    cols = design.cols(terms)
    if not np.all(np.isfinite(params)) or np.any(
        (ev.fitted < _EXTREME) | (ev.fitted > 1 - _EXTREME)
    ):
        return None
    n = design.n
    try:
        cov = np.linalg.inv(ev.info[np.ix_(cols, cols)] / n) / n  # as statsmodels: inv(H/n)/n
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(cov)):
        return None
    names, owners = design.labels(terms)
    fitted = design.patterns.per_case(ev.fitted)
    return RawFit(
        terms=design.ordered(terms),
        names=tuple(names),
        owners=tuple(owners),
        cols=cols,
        params=np.asarray(params, dtype=float),
        cov=cov,
        fitted=fitted,
        loglik=loglik(design.y, fitted),
        iterations=iterations,
        evaluation=ev,
    )


def _fit_statsmodels(design: Design, terms: Sequence[str]) -> RawFit:
    """The fit by statsmodels, for the cases the Newton–Raphson above does not settle:
    it raises the separation error, or gives the estimates."""
    x, names, owners = design.matrix(terms)
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = sm.Logit(design.y, x)
            res = model.fit(method="newton", maxiter=_MAXITER, tol=_TOL, disp=False)
            params = np.asarray(res.params, dtype=float)
            cov = np.asarray(res.cov_params(), dtype=float)
            converged = bool(res.mle_retvals.get("converged", False))
            iterations = int(res.mle_retvals.get("iterations", 0))
    except (PerfectSeparationError, np.linalg.LinAlgError) as exc:
        raise _separation(design, terms, f"the fit failed ({exc})") from exc
    ev = evaluate(design.patterns, design.cols(terms), params, _all(design))
    fitted = design.patterns.per_case(ev.fitted)
    separated = any(issubclass(w.category, PerfectSeparationWarning) for w in caught)
    extreme = int(np.sum((fitted < _EXTREME) | (fitted > 1 - _EXTREME)))
    if separated or extreme or not converged or not np.all(np.isfinite(cov)):
        biggest = max(range(len(names) - 1), key=lambda i: abs(params[i]), default=None)
        detail = (
            f"{extreme} of {design.n} cases get a fitted probability of 0 or 1"
            if extreme
            else f"the estimates did not converge in {_MAXITER} iterations"
        )
        if biggest is not None:
            detail += f"; largest coefficient {names[biggest]} B={params[biggest]:.3g}"
        raise _separation(design, terms, detail)
    return RawFit(
        terms=design.ordered(terms),
        names=tuple(names),
        owners=tuple(owners),
        cols=design.cols(terms),
        params=params,
        cov=cov,
        fitted=fitted,
        loglik=loglik(design.y, fitted),
        iterations=iterations,
        evaluation=ev,
    )


def _separation(design: Design, terms: Sequence[str], detail: str) -> StatsError:
    model = ", ".join(t for t in design.terms if t in terms) or "constant only"
    return StatsError(
        ErrorCode.STATS_SEPARATION,
        detail=f"the outcome '{design.outcome}' is (quasi-)completely separated by the "
        f"predictors ({model}): {detail}. Maximum-likelihood estimates do not exist; "
        "merge sparse categories or drop the predictor",
    )


def build_fit(design: Design, raw: RawFit) -> LogisticFit:
    """Turn raw estimates into the SPSS-style report."""
    se = np.sqrt(np.diag(raw.cov))
    coefs = []
    for i, (name, owner) in enumerate(zip(raw.names, raw.owners, strict=True)):
        b = float(raw.params[i])
        wald = (b / se[i]) ** 2
        coefs.append(
            Coefficient(
                name=name,
                term=owner,
                b=b,
                se=float(se[i]),
                wald=float(wald),
                df=1,
                p=float(sps.chi2.sf(wald, 1)),
                exp_b=math.exp(b),
                ci_low=math.exp(b - _Z95 * se[i]),
                ci_high=math.exp(b + _Z95 * se[i]),
            )
        )
    tests = []
    for term in raw.terms:
        if term in design.categorical:
            idx = [i for i, o in enumerate(raw.owners) if o == term]
            bs = raw.params[idx]
            wald = float(bs @ np.linalg.solve(raw.cov[np.ix_(idx, idx)], bs))
            tests.append(TermWald(term, wald, len(idx), float(sps.chi2.sf(wald, len(idx)))))

    n = design.n
    ll0 = null_loglik(design.y)
    m2ll, m2ll0 = -2.0 * raw.loglik, -2.0 * ll0
    df = len(raw.names) - 1
    chi2 = max(m2ll0 - m2ll, 0.0) if df else 0.0
    cox_snell = 1.0 - math.exp(-chi2 / n)
    n_events = int(design.y.sum())
    notes = []
    epv = min(n_events, n - n_events) / df if df else math.inf
    if epv < 10:
        notes.append(
            f"only {epv:.1f} cases of the rarer outcome per parameter (fewer than 10): "
            "estimates may be unstable"
        )
    hl = hosmer_lemeshow(design.y, raw.fitted)
    if hl is None:
        notes.append("Hosmer-Lemeshow test not computed: fewer than 3 groups of risk")
    return LogisticFit(
        outcome=design.outcome,
        event=design.event,
        terms=raw.terms,
        categorical=tuple(t for t in raw.terms if t in design.categorical),
        reference_levels=tuple(r for r in design.reference_levels if r[0] in raw.terms),
        coefficients=tuple(coefs),
        term_tests=tuple(tests),
        n=n,
        n_excluded=design.n_excluded,
        n_events=n_events,
        minus2ll=m2ll,
        minus2ll_null=m2ll0,
        model_chi2=chi2,
        model_df=df,
        model_p=float(sps.chi2.sf(chi2, df)) if df else 1.0,
        cox_snell_r2=cox_snell,
        nagelkerke_r2=cox_snell / (1.0 - math.exp(-m2ll0 / n)),
        mcfadden_r2=1.0 - raw.loglik / ll0,
        hosmer_lemeshow=hl,
        classification=classification_table(design.y, raw.fitted),
        iterations=raw.iterations,
        notes=tuple(notes),
    )


def fit_logistic(
    data: pd.DataFrame,
    *,
    outcome: str,
    predictors: Sequence[str],
    categorical: Sequence[str] = (),
    reference: Mapping[str, Any] | None = None,
) -> LogisticFit:
    """Fit a binary logistic regression with all predictors (SPSS ``/METHOD=ENTER``).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case.
    outcome : str
        Column with exactly two values; the higher one (after sorting) is the event, coded
        1, as SPSS codes the dependent variable.
    predictors : sequence of str
        Numeric columns, and the categorical columns listed in ``categorical``. May be empty
        (constant-only model).
    categorical : sequence of str
        Predictors coded as indicator dummies (SPSS ``/CATEGORICAL``, ``INDICATOR``
        contrast). Its dummies are tested jointly in :attr:`LogisticFit.term_tests`.
    reference : mapping, optional
        Reference level per categorical predictor; default the last level in sorted
        order, as SPSS's ``INDICATOR`` contrast.

    Returns
    -------
    LogisticFit

    Notes
    -----
    Cases with a missing value on the outcome or any predictor are dropped (listwise).
    Estimates are iterated to convergence (|ΔB| < 1e-10); SPSS stops earlier by default
    (BCON .001, 20 iterations), which can differ in the fourth decimal. Wald = (B/SE)²;
    the interval for Exp(B) is exp(B ± 1.96 SE). Cox & Snell R² = 1 − (L0/L1)^(2/n);
    Nagelkerke R² divides it by its maximum 1 − L0^(2/n); McFadden R² = 1 − ln L1 / ln L0.
    For the Hosmer–Lemeshow grouping and its tie handling see :func:`hosmer_lemeshow`.
    A case is classified as an event when its fitted probability exceeds 0.5.

    Raises :class:`~barometer.errors.StatsError` for a missing or non-numeric column, an
    outcome without exactly two classes, fewer cases than parameters + 1, a constant or
    redundant predictor, and (quasi-)complete separation.

    References
    ----------
    IBM SPSS Statistics Algorithms, LOGISTIC REGRESSION. Hosmer, D. W., Lemeshow, S. &
    Sturdivant, R. X. (2013). *Applied Logistic Regression*, 3rd ed. Wiley.

    Examples
    --------
    >>> fit = fit_logistic(df, outcome="quality", predictors=["size", "sector"],
    ...                    categorical=["sector"])  # doctest: +SKIP
    >>> fit.coefficient("size").exp_b  # doctest: +SKIP
    """
    design = prepare_design(
        data,
        outcome=outcome,
        predictors=predictors,
        categorical=categorical,
        reference=reference,
    )
    return build_fit(design, fit_terms(design, design.terms))
