"""Backward stepwise logistic regression as SPSS ``/METHOD=BSTEP(LR)`` does it.

All models are fitted on one design matrix (:class:`~barometer.stats.logistic_design.Design`,
grouped by covariate pattern). The removal tests of a step refit the model without each of
its terms together (:func:`~barometer.stats.logistic_newton.refit_without`, warm from the
step's estimates and information, to the same convergence criterion as a fit from zeros);
the model chosen by a removal continues from its refit, a model with an entered term from
the step's estimates; the score tests for entry use the step's information matrix, without
refitting. The final model is fitted again from zeros, so that it is, iteration count
included, the fit :func:`~barometer.stats.logistic_fit.fit_logistic` gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats as sps

from barometer.errors import ErrorCode, StatsError
from barometer.stats.logistic import LogisticFit
from barometer.stats.logistic_design import Design, prepare_design
from barometer.stats.logistic_fit import RawFit, build_fit, fit_terms, null_loglik, raw_at
from barometer.stats.logistic_newton import refit_without

_TOL = 1e-10  # as the fits of logistic_fit: no estimate moves by more than this
_REFIT_MAXITER = 60  # quasi-Newton iterations of a removal refit before Newton takes over

__all__ = ["Step", "StepwiseResult", "TermStatistic", "backward_stepwise"]


@dataclass(frozen=True)
class TermStatistic:
    """A test of one term: LR for removal ("Model if Term Removed") or score for entry."""

    term: str
    statistic: float
    df: int
    p: float


@dataclass(frozen=True)
class Step:
    """One step of the selection; step 0 is the model with all candidates."""

    number: int
    action: Literal["start", "remove", "enter"]
    term: str | None  # the term removed or entered (None at the start)
    statistic: float | None  # LR (removal) or score (entry) statistic that decided
    df: int | None
    p: float | None
    terms: tuple[str, ...]  # terms in the model after this step
    minus2ll: float
    step_chi2: float  # change in −2LL from the previous step (SPSS "Step"; < 0 on removal)
    model_chi2: float  # against the constant-only model
    model_df: int
    model_p: float
    removal_tests: tuple[TermStatistic, ...]  # LR test of each term of this step's model
    entry_tests: tuple[TermStatistic, ...]  # score test of each candidate not in it


@dataclass(frozen=True)
class StepwiseResult:
    """The selection path and the final model, all on one listwise sample."""

    candidates: tuple[str, ...]
    pin: float
    pout: float
    steps: tuple[Step, ...]
    final: LogisticFit
    n: int
    n_excluded: int
    stop_reason: str
    notes: tuple[str, ...]


def _lr_removal(
    design: Design, raw: RawFit
) -> tuple[tuple[TermStatistic, ...], dict[frozenset[str], RawFit | np.ndarray]]:
    """LR test of removing each term; also the reduced models' estimates, by term set."""
    refits = refit_without(
        design.patterns, raw.cols, raw.params, raw.info,
        [design.term_cols(t) for t in raw.terms], tol=_TOL, maxiter=_REFIT_MAXITER,
    )  # fmt: skip
    out = []
    reduced: dict[frozenset[str], RawFit | np.ndarray] = {}
    for term, refit in zip(raw.terms, refits, strict=True):
        terms = [t for t in raw.terms if t != term]
        if refit is not None and not refit.extreme and np.isfinite(refit.loglik):
            ll = refit.loglik
            reduced[frozenset(terms)] = refit.params
        else:  # not settled by the shared iteration: Newton, or statsmodels' verdict
            start = raw.params[np.isin(raw.cols, design.cols(terms))]
            fit = fit_terms(design, terms, start=start)
            ll = fit.loglik
            reduced[frozenset(terms)] = fit
        lr = max(2.0 * (raw.loglik - ll), 0.0)
        df = design.spans[term][1] - design.spans[term][0]
        out.append(TermStatistic(term, lr, df, float(sps.chi2.sf(lr, df))))
    return tuple(out), reduced


def score_statistic(design: Design, raw: RawFit, term: str) -> TermStatistic:
    """Rao score statistic for adding ``term`` to the fitted model ``raw``.

    U = Z'(y − p̂); statistic = U' [Z'WZ − Z'WX (X'WX)⁻¹ X'WZ]⁻¹ U with W = p̂(1 − p̂),
    all at the current estimates, df = number of columns of ``term``.
    """
    x = raw.cols
    z = design.term_cols(term)
    u = raw.score[z]
    xwx = raw.info[np.ix_(x, x)]
    xwz = raw.info[np.ix_(x, z)]
    zwz = raw.info[np.ix_(z, z)]
    info = zwz - xwz.T @ np.linalg.solve(xwx, xwz)
    stat = float(u @ np.linalg.solve(info, u))
    df = len(z)
    return TermStatistic(term, stat, df, float(sps.chi2.sf(stat, df)))


def _step(
    design: Design,
    raw: RawFit,
    number: int,
    action: Literal["start", "remove", "enter"],
    decided: TermStatistic | None,
    previous_m2ll: float | None,
) -> tuple[Step, dict[frozenset[str], RawFit | np.ndarray]]:
    """The step with its tests, and the estimates of the models one removal away."""
    m2ll = -2.0 * raw.loglik
    df = len(raw.names) - 1
    chi2 = max(-2.0 * null_loglik(design.y) - m2ll, 0.0) if df else 0.0
    outside = [t for t in design.terms if t not in raw.terms]
    removal, reduced = _lr_removal(design, raw)
    step = Step(
        number=number,
        action=action,
        term=decided.term if decided else None,
        statistic=decided.statistic if decided else None,
        df=decided.df if decided else None,
        p=decided.p if decided else None,
        terms=raw.terms,
        minus2ll=m2ll,
        step_chi2=chi2 if previous_m2ll is None else previous_m2ll - m2ll,
        model_chi2=chi2,
        model_df=df,
        model_p=float(sps.chi2.sf(chi2, df)) if df else 1.0,
        removal_tests=removal,
        entry_tests=tuple(score_statistic(design, raw, t) for t in outside),
    )
    return step, reduced


def _next_model(
    design: Design,
    raw: RawFit,
    terms: Sequence[str],
    reduced: Mapping[frozenset[str], RawFit | np.ndarray],
) -> RawFit:
    """The model with ``terms``, one removal or entry away from ``raw``, warm."""
    known = reduced.get(frozenset(terms))
    if isinstance(known, RawFit):
        return known
    if known is not None:  # converged estimates from the removal tests
        return raw_at(design, terms, known, 0)
    cols = design.cols(terms)
    start = np.zeros(len(cols))
    start[np.isin(cols, raw.cols)] = raw.params  # the entered term starts at 0
    # the entered columns start at 0: the evaluation at the start is raw's
    return fit_terms(design, terms, start=start, first=raw.evaluation)


def backward_stepwise(
    data: pd.DataFrame,
    *,
    outcome: str,
    candidates: Sequence[str],
    categorical: Sequence[str] = (),
    reference: Mapping[str, Any] | None = None,
    pout: float = 0.10,
    pin: float = 0.05,
    max_steps: int | None = None,
) -> StepwiseResult:
    """Backward stepwise selection by likelihood ratio (SPSS ``/METHOD=BSTEP(LR)``).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case.
    outcome : str
        Binary outcome; see :func:`~barometer.stats.logistic_fit.fit_logistic`.
    candidates : sequence of str
        Terms to select from; all enter at step 0.
    categorical : sequence of str
        Candidates coded as indicator dummies; a variable's dummies are removed and
        entered together as one term with df = number of dummies.
    reference : mapping, optional
        Reference level per categorical candidate (default: the last level).
    pout, pin : float
        Removal and entry probabilities (SPSS ``/CRITERIA=POUT(.10) PIN(.05)``);
        ``pin`` must be smaller than ``pout``.
    max_steps : int, optional
        Safety limit on the number of steps (default 4 × number of candidates).

    Returns
    -------
    StepwiseResult
        ``steps`` (step 0 = all candidates) and ``final``, the last step's model as a
        :class:`~barometer.stats.logistic.LogisticFit`.

    Notes
    -----
    The sample is fixed at the start: cases complete on the outcome and on every
    candidate, so n does not change between steps. The procedure follows the BSTEP
    algorithm in the IBM SPSS LOGISTIC REGRESSION documentation:

    1. For every term in the model compute the likelihood-ratio statistic for its
       removal (−2LL of the model refitted without the term minus −2LL of the model).
       If the largest p exceeds ``pout``, remove that term and repeat this step.
    2. When nothing can be removed, compute the score (Rao) statistic of every candidate
       not in the model. If the smallest p is below ``pin``, enter that term and go
       back to 1; otherwise stop.
    3. A removal or entry that would give a model already fitted earlier stops the
       procedure (SPSS's guard against cycling); the note says so.

    Ties in p are broken by the smaller statistic per df for removal and the larger for
    entry, then by candidate order.

    References
    ----------
    IBM SPSS Statistics Command Syntax Reference, LOGISTIC REGRESSION, METHOD subcommand
    (FSTEP/BSTEP), and IBM SPSS Statistics Algorithms, LOGISTIC REGRESSION: stepwise
    variable selection.
    """
    if not 0 < pin < pout < 1:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"need 0 < pin < pout < 1, got pin={pin} pout={pout}"
        )
    if isinstance(candidates, str) or not list(candidates):
        raise StatsError(ErrorCode.STATS_INPUT, detail="candidates must be a non-empty list")
    design = prepare_design(
        data, outcome=outcome, predictors=candidates, categorical=categorical, reference=reference
    )
    limit = 4 * len(design.terms) if max_steps is None else max_steps
    if limit < 0:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"max_steps must be >= 0, got {limit}")

    raw = fit_terms(design, design.terms)
    cold = True  # raw was fitted from zeros
    first, reduced = _step(design, raw, 0, "start", None, None)
    steps = [first]
    visited = {frozenset(raw.terms)}
    notes: list[str] = []
    stop_reason = "no term meets the removal or entry criterion"
    while True:
        current = steps[-1]
        if current.number >= limit:
            stop_reason = f"stopped after max_steps={limit} steps"
            notes.append(stop_reason)
            break
        action: Literal["remove", "enter"] | None = None
        chosen: TermStatistic | None = None
        if current.removal_tests:
            worst = max(current.removal_tests, key=lambda t: (t.p, -t.statistic / t.df))
            if worst.p > pout:
                action, chosen = "remove", worst
        if chosen is None and current.entry_tests:
            best = min(current.entry_tests, key=lambda t: (t.p, -t.statistic / t.df))
            if best.p < pin:
                action, chosen = "enter", best
        if chosen is None or action is None:
            break
        if action == "remove":
            new_terms = [t for t in current.terms if t != chosen.term]
        else:
            new_terms = [t for t in design.terms if t in current.terms or t == chosen.term]
        if frozenset(new_terms) in visited:
            verb = "removing" if action == "remove" else "entering"
            stop_reason = (
                f"{verb} '{chosen.term}' would give a model already fitted "
                f"(p = {chosen.p:.4g}); stopped to avoid a cycle"
            )
            notes.append(stop_reason)
            break
        visited.add(frozenset(new_terms))
        raw = _next_model(design, raw, new_terms, reduced)
        cold = False
        step, reduced = _step(design, raw, current.number + 1, action, chosen, current.minus2ll)
        steps.append(step)

    final = build_fit(design, raw if cold else fit_terms(design, raw.terms))
    return StepwiseResult(
        candidates=design.terms,
        pin=pin,
        pout=pout,
        steps=tuple(steps),
        final=final,
        n=design.n,
        n_excluded=design.n_excluded,
        stop_reason=stop_reason,
        notes=tuple(notes) + final.notes,
    )
