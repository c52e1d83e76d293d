"""Binary logistic regression reported as SPSS ``LOGISTIC REGRESSION`` reports it.

:func:`fit_logistic` fits one model (method ENTER) and returns a :class:`LogisticFit`:
B, SE, Wald, p and Exp(B) with its 95% interval for every coefficient, a joint Wald test
for each categorical variable, −2LL, the omnibus chi-square, Cox & Snell, Nagelkerke and
McFadden R², the Hosmer–Lemeshow test and the classification table.

The data preparation (:func:`prepare_design`) and the fitting of a subset of terms on a
fixed sample (:func:`fit_terms`) are shared with the backward stepwise selection in
:mod:`barometer.stats.logistic_stepwise`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps
from scipy.special import expit
from statsmodels.tools.sm_exceptions import PerfectSeparationError, PerfectSeparationWarning

from barometer.errors import ErrorCode, StatsError
from barometer.stats.logistic import (
    Coefficient,
    LogisticFit,
    TermWald,
    classification_table,
    hosmer_lemeshow,
)

__all__ = ["fit_logistic"]

CONSTANT = "Constant"
_Z95 = float(sps.norm.ppf(0.975))
_MAXITER = 100
_TOL = 1e-10
_EXTREME = 1e-10  # a fitted probability this close to 0 or 1 signals separation


# --------------------------------------------------------------------------- design


@dataclass(frozen=True)
class Design:
    """The listwise sample and its design columns, fixed once (internal)."""

    outcome: str
    event: Any
    y: np.ndarray
    terms: tuple[str, ...]  # every predictor, in the order given
    columns: Mapping[str, np.ndarray]  # term -> n × k block (k = 1, or number of dummies)
    names: Mapping[str, tuple[str, ...]]  # term -> coefficient names
    categorical: tuple[str, ...]
    reference_levels: tuple[tuple[str, Any], ...]
    n_excluded: int

    @property
    def n(self) -> int:
        return len(self.y)

    def matrix(self, terms: Sequence[str]) -> tuple[np.ndarray, list[str], list[str]]:
        """Design matrix for ``terms`` (in design order) plus the constant as last column."""
        ordered = [t for t in self.terms if t in terms]
        blocks = [self.columns[t] for t in ordered] + [np.ones((self.n, 1))]
        names = [nm for t in ordered for nm in self.names[t]] + [CONSTANT]
        owners = [t for t in ordered for _ in self.names[t]] + [CONSTANT]
        return np.hstack(blocks), names, owners


def _fail(code: ErrorCode, detail: str, column: str | None = None) -> StatsError:
    return StatsError(code, detail=detail, column=column)


def _sorted_levels(values: Iterable[Any]) -> list[Any]:
    levels = [v.item() if isinstance(v, np.generic) else v for v in pd.unique(pd.Series(values))]
    try:
        return sorted(levels)
    except TypeError:
        return sorted(levels, key=str)


def prepare_design(
    data: pd.DataFrame,
    *,
    outcome: str,
    predictors: Sequence[str],
    categorical: Sequence[str] = (),
    reference: Mapping[str, Any] | None = None,
) -> Design:
    """Check the input, drop incomplete cases listwise and build the design columns."""
    if not isinstance(data, pd.DataFrame):
        raise _fail(ErrorCode.STATS_INPUT, f"data must be a pandas DataFrame, not {type(data)}")
    if isinstance(predictors, str) or isinstance(categorical, str):
        raise _fail(ErrorCode.STATS_INPUT, "predictors and categorical must be lists of names")
    predictors = list(predictors)
    categorical = list(categorical)
    reference = dict(reference or {})
    if len(set(predictors)) != len(predictors):
        raise _fail(ErrorCode.STATS_INPUT, f"a predictor is listed twice: {predictors}")
    if outcome in predictors:
        raise _fail(ErrorCode.STATS_INPUT, f"the outcome '{outcome}' is also a predictor")
    for name in (outcome, *predictors):
        if name not in data.columns:
            raise _fail(ErrorCode.STATS_INPUT, f"column '{name}' is not in the data", name)
    for name in categorical:
        if name not in predictors:
            raise _fail(ErrorCode.STATS_INPUT, f"categorical '{name}' is not a predictor", name)
    for name in reference:
        if name not in categorical:
            raise _fail(ErrorCode.STATS_INPUT, f"reference given for '{name}', not categorical")
    for name in (outcome, *predictors):
        if data[name].isna().all():
            raise _fail(ErrorCode.STATS_ALL_MISSING, f"column '{name}' has no values", name)
        numeric = pd.api.types.is_numeric_dtype(data[name])
        if name != outcome and name not in categorical and not numeric:
            raise _fail(
                ErrorCode.STATS_INPUT,
                f"predictor '{name}' is not numeric; list it in categorical=",
                name,
            )

    used = data[[outcome, *predictors]]
    complete = used.notna().all(axis=1).to_numpy()
    frame = used.loc[complete]
    if frame.empty:
        raise _fail(
            ErrorCode.STATS_ALL_MISSING,
            f"no case has values on all of {[outcome, *predictors]}",
        )

    classes = _sorted_levels(frame[outcome])
    if len(classes) > 2:
        raise _fail(
            ErrorCode.STATS_INPUT,
            f"the outcome '{outcome}' must have two values, it has {len(classes)}: {classes[:5]}",
            outcome,
        )
    if len(classes) < 2:
        raise _fail(
            ErrorCode.STATS_TOO_FEW,
            f"the outcome '{outcome}' has only one class ({classes[0]!r}) "
            f"in the {len(frame)} complete cases",
            outcome,
        )
    y = (frame[outcome] == classes[1]).to_numpy(dtype=float)

    columns: dict[str, np.ndarray] = {}
    names: dict[str, tuple[str, ...]] = {}
    refs: list[tuple[str, Any]] = []
    for name in predictors:
        values = frame[name]
        levels = _sorted_levels(values)
        if len(levels) < 2:
            raise _fail(
                ErrorCode.STATS_CONSTANT,
                f"it has the single value {levels[0]!r} in all {len(frame)} cases used",
                name,
            )
        if name in categorical:
            ref = reference.get(name, levels[-1])  # SPSS INDICATOR: last category
            if ref not in levels:
                raise _fail(
                    ErrorCode.STATS_INPUT,
                    f"reference level {ref!r} of '{name}' is not among {levels}",
                    name,
                )
            kept = [lv for lv in levels if lv != ref]
            columns[name] = np.column_stack([(values == lv).to_numpy(dtype=float) for lv in kept])
            names[name] = tuple(f"{name}[{lv}]" for lv in kept)
            refs.append((name, ref))
        else:
            columns[name] = values.to_numpy(dtype=float).reshape(-1, 1)
            names[name] = (name,)

    design = Design(
        outcome=outcome,
        event=classes[1],
        y=y,
        terms=tuple(predictors),
        columns=columns,
        names=names,
        categorical=tuple(categorical),
        reference_levels=tuple(refs),
        n_excluded=int((~complete).sum()),
    )
    _check_rank(design)
    return design


def _check_rank(design: Design) -> None:
    x, names, _ = design.matrix(design.terms)
    if design.n < x.shape[1] + 1:
        raise _fail(
            ErrorCode.STATS_TOO_FEW,
            f"{design.n} complete cases for {x.shape[1]} parameters; at least "
            f"{x.shape[1] + 1} are needed",
        )
    if np.linalg.matrix_rank(x) == x.shape[1]:
        return
    # name the first column that adds nothing to the ones before it (constant first)
    order = [x.shape[1] - 1, *range(x.shape[1] - 1)]
    rank = 0
    for k in range(1, len(order) + 1):
        r = np.linalg.matrix_rank(x[:, order[:k]])
        if r == rank:
            bad = names[order[k - 1]]
            raise _fail(
                ErrorCode.STATS_INPUT,
                f"'{bad}' is a linear combination of the predictors before it (redundant)",
            )
        rank = r


# --------------------------------------------------------------------------- fitting


@dataclass(frozen=True)
class RawFit:
    """Maximum-likelihood estimates for one set of terms on a design (internal)."""

    terms: tuple[str, ...]
    names: tuple[str, ...]
    owners: tuple[str, ...]
    x: np.ndarray
    params: np.ndarray
    cov: np.ndarray
    fitted: np.ndarray
    loglik: float
    iterations: int


def null_loglik(y: np.ndarray) -> float:
    """Log likelihood of the constant-only model."""
    n1 = float(y.sum())
    n0 = len(y) - n1
    return n1 * math.log(n1 / len(y)) + n0 * math.log(n0 / len(y))


def fit_terms(design: Design, terms: Sequence[str]) -> RawFit:
    """Fit the model with ``terms`` on the design's sample; raise on separation."""
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
    fitted = expit(x @ params)
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
    loglik = float(np.sum(design.y * np.log(fitted) + (1 - design.y) * np.log1p(-fitted)))
    return RawFit(
        terms=tuple(t for t in design.terms if t in terms),
        names=tuple(names),
        owners=tuple(owners),
        x=x,
        params=params,
        cov=cov,
        fitted=fitted,
        loglik=loglik,
        iterations=iterations,
    )


def _separation(design: Design, terms: Sequence[str], detail: str) -> StatsError:
    model = ", ".join(t for t in design.terms if t in terms) or "constant only"
    return _fail(
        ErrorCode.STATS_SEPARATION,
        f"the outcome '{design.outcome}' is (quasi-)completely separated by the "
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
