"""Newton–Raphson for the logistic fits, on one design matrix built once (numpy only).

The design matrix (n × K, float64, the constant as its last column) is made once per
sample by :func:`~barometer.stats.logistic_design.prepare_design` and stored as
:class:`Patterns`: its distinct rows (covariate patterns) with the number of cases and of
events of each. The Bernoulli log likelihood summed over the cases is the same sum
grouped by pattern, so every fit runs on the patterns; when all rows differ the patterns
are the rows in their order, with counts 1, and the arithmetic is the ungrouped one. A
model is a set of columns (``cols``, indices into ``x``). Every pass goes through blocks
of :data:`CHUNK` rows, so that the temporaries stay small and in cache, and no column
subset of ``x`` is ever copied whole.

- :func:`evaluate`: fitted probabilities, score X'(y − p̂) and information X'WX
  (W = p̂(1 − p̂)) at given estimates, in one pass.
- :func:`newton`: Newton–Raphson as statsmodels ``Logit.fit(method="newton")`` iterates
  (the same start, ridge, step, stopping rule and iteration count), optionally with
  step-halving for warm starts.
- :func:`refit_without`: the models without one term each (the likelihood-ratio removal
  tests of a backward step), fitted together from the current model's estimates and
  information: a one-step start, then quasi-Newton iterations (the current information
  matrix, BFGS-updated) that share one pass over the cases per iteration.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import cho_factor, cho_solve
from scipy.special import expit

__all__ = [
    "CHUNK",
    "Evaluation",
    "NewtonResult",
    "Patterns",
    "Refit",
    "evaluate",
    "loglik",
    "newton",
    "pattern_loglik",
    "perfect_prediction",
    "refit_without",
]

CHUNK = 1024  # rows per block: a block of ~40 columns and its temporaries stay in cache
_RIDGE = 1e-10  # statsmodels' ridge_factor on the diagonal of the averaged Hessian
_NOISE = 1e-8  # moves smaller than this carry rounding noise: no BFGS update from them
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the row hash
_ETA_EDGE = 20.0  # |η| beyond this: p̂ within 2e-9 of 0 or 1 (separation is checked at 1e-10)


def _blocks(n: int) -> Iterator[slice]:
    for start in range(0, n, CHUNK):
        yield slice(start, min(start + CHUNK, n))


def _padded(k: int, cols: np.ndarray, beta: np.ndarray) -> np.ndarray:
    full = np.zeros(k)
    full[cols] = beta
    return full


@dataclass(frozen=True, eq=False)
class Patterns:
    """The cases grouped by covariate pattern (identical rows of the design matrix)."""

    x: np.ndarray  # g × K, C-contiguous: the distinct rows, in order of first appearance
    counts: np.ndarray  # g: cases per pattern (float)
    events: np.ndarray  # g: cases with y = 1 per pattern (float)
    inverse: np.ndarray  # n: the pattern of each case
    y: np.ndarray  # n: the outcome of each case (0/1)

    @classmethod
    def of(cls, x: np.ndarray, y: np.ndarray) -> Patterns:
        """Group the rows of ``x`` (n × K float64, best in Fortran order) that are identical
        bit for bit."""
        x = np.asarray(x, dtype=np.float64)
        codes, first = _group_rows(x)
        g = len(first)
        return cls(
            x=np.ascontiguousarray(x[first]),
            counts=np.bincount(codes, minlength=g).astype(np.float64),
            events=np.bincount(codes, weights=y, minlength=g),
            inverse=codes,
            y=y,
        )

    @property
    def n(self) -> int:
        return len(self.y)

    def per_case(self, values: np.ndarray) -> np.ndarray:
        """Per-pattern values spread over the cases."""
        return values[self.inverse]

    def rows(self) -> np.ndarray:
        """The n × K design matrix, case by case."""
        return self.x[self.inverse]


def _group_rows(x: np.ndarray, keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pattern of each row (numbered in order of first appearance) and each pattern's first row.

    Rows are grouped by a hash of their bits (``keys``, default :func:`_row_keys`); a hash
    collision (rows of one group that differ) is caught, and the rows are then grouped by
    sorting instead.
    """
    n, k = x.shape
    if n == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    codes, _ = pd.factorize(_row_keys(x) if keys is None else keys)
    first = _first_rows(codes)
    # equal rows always share a hash: only rows grouped together can differ
    if len(first) < n and not all(np.array_equal(x[sl], x[first[codes[sl]]]) for sl in _blocks(n)):
        rows = np.ascontiguousarray(x).view(np.dtype((np.void, 8 * k))).ravel()
        _, index, inverse = np.unique(rows, return_index=True, return_inverse=True)
        rank = np.empty(len(index), dtype=np.intp)
        rank[np.argsort(index, kind="stable")] = np.arange(len(index))
        codes = rank[inverse.ravel()]
        first = _first_rows(codes)
    return codes.astype(np.intp), first


def _row_keys(x: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row's bits (arithmetic modulo 2**64)."""
    key = np.zeros(x.shape[0], dtype=np.uint64)
    shift = np.uint64(31)
    for j in range(x.shape[1]):  # mix in one column at a time
        key ^= np.ascontiguousarray(x[:, j]).view(np.uint64)
        key ^= key >> shift
        key *= _MIX
    key ^= key >> shift
    return key


def _first_rows(codes: np.ndarray) -> np.ndarray:
    """First row of each code, for codes numbered 0, 1, 2, ... in order of first appearance
    (a row starts a new code exactly when its code exceeds all codes before it)."""
    new = np.ones(len(codes), dtype=bool)
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return np.flatnonzero(new)


@dataclass(frozen=True)
class Evaluation:
    """A model at given estimates: p̂, and score and information over ``info_cols``."""

    fitted: np.ndarray  # per pattern
    score: np.ndarray  # X_g'(y − p̂), g = info_cols
    info: np.ndarray  # X_g' W X_g


def evaluate(
    pat: Patterns, cols: np.ndarray, beta: np.ndarray, info_cols: np.ndarray
) -> Evaluation:
    """p̂ = expit(X_cols β) per pattern, and over the columns g = ``info_cols`` the score
    X_g'(y − p̂) and the information X_g' W X_g (W = p̂(1 − p̂)), summed over the cases."""
    x = pat.x
    g, k = x.shape
    full = _padded(k, cols, beta)
    every = len(info_cols) == k and bool(np.all(info_cols == np.arange(k)))
    m = len(info_cols)
    fitted = np.empty(g)
    score = np.zeros(m)
    info = np.zeros((m, m))
    for sl in _blocks(g):
        xc = x[sl]
        p = expit(xc @ full)
        fitted[sl] = p
        xg = xc if every else xc[:, info_cols]
        score += xg.T @ (pat.events[sl] - pat.counts[sl] * p)
        info += (xg.T * (p * (1.0 - p) * pat.counts[sl])) @ xg
    return Evaluation(fitted, score, info)


def loglik(y: np.ndarray, fitted: np.ndarray) -> float:
    """Σ y ln p̂ + (1 − y) ln(1 − p̂) over the cases (−inf or NaN when a p̂ is 0 or 1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(y * np.log(fitted) + (1 - y) * np.log1p(-fitted)))


def pattern_loglik(pat: Patterns, fitted: np.ndarray) -> float:
    """The log likelihood from p̂ per pattern: Σ d ln p̂ + (m − d) ln(1 − p̂)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = pat.events * np.log(fitted) + (pat.counts - pat.events) * np.log1p(-fitted)
        return float(np.sum(terms))


def perfect_prediction(pat: Patterns, fitted: np.ndarray) -> bool:
    """statsmodels' check after each iteration: every case's p̂ within 1e-8 of its y."""
    return bool(np.allclose(pat.per_case(fitted) - pat.y, 0))


@dataclass(frozen=True)
class NewtonResult:
    params: np.ndarray
    iterations: int
    converged: bool  # statsmodels: False when the iteration limit is reached
    separated: bool  # statsmodels' PerfectSeparationWarning would have been issued
    evaluation: Evaluation  # at ``params``, over the caller's ``info_cols``


def newton(
    pat: Patterns,
    cols: np.ndarray,
    info_cols: np.ndarray,
    *,
    start: np.ndarray | None = None,
    first: Evaluation | None = None,
    maxiter: int,
    tol: float,
    halving: bool = False,
) -> NewtonResult:
    """Maximise the log likelihood of the model with columns ``cols`` of ``pat.x``.

    As statsmodels' ``_fit_newton`` with the Logit Hessian: from ``start`` (default zeros)
    step β ← β + (X'WX/n + 1e-10 I)⁻¹ X'(y − p̂)/n until no estimate moves by more than
    ``tol``; not converged when ``maxiter`` steps were taken. ``info_cols`` must contain
    ``cols``; the final :class:`Evaluation` is over ``info_cols``. ``first`` is the
    evaluation at ``start`` when the caller has it. With ``halving`` a step that lowers
    the log likelihood is halved (up to 30 times), a safeguard for warm starts.
    Raises :class:`numpy.linalg.LinAlgError` when the information matrix is singular.
    """
    n = pat.n
    sub = np.searchsorted(info_cols, cols)
    if not np.array_equal(info_cols[sub], cols):
        raise ValueError("info_cols must contain cols")
    beta = np.zeros(len(cols)) if start is None else np.asarray(start, dtype=float).copy()
    ev = first if first is not None else evaluate(pat, cols, beta, info_cols)
    ll = pattern_loglik(pat, ev.fitted) if halving else 0.0
    iterations = 0
    separated = False
    while iterations < maxiter:
        h = ev.info[np.ix_(sub, sub)] / n
        h[np.diag_indices_from(h)] += _RIDGE
        step = np.linalg.solve(h, ev.score[sub] / n)
        trial = beta + step
        ev_trial = evaluate(pat, cols, trial, info_cols)
        if halving:
            ll_trial = pattern_loglik(pat, ev_trial.fitted)
            for _ in range(30):
                if ll_trial >= ll - 1e-12 * abs(ll) or not np.isfinite(ll):
                    break
                step = step / 2.0
                trial = beta + step
                ev_trial = evaluate(pat, cols, trial, info_cols)
                ll_trial = pattern_loglik(pat, ev_trial.fitted)
            ll = ll_trial
        beta, ev = trial, ev_trial
        iterations += 1
        separated = separated or perfect_prediction(pat, ev.fitted)
        if not np.any(np.abs(step) > tol):
            break
    return NewtonResult(beta, iterations, iterations < maxiter, separated, ev)


@dataclass(frozen=True)
class Refit:
    """The model without one term: estimates, log likelihood and whether p̂ hit 0 or 1."""

    cols: np.ndarray
    params: np.ndarray
    loglik: float
    extreme: bool  # some |η| > 20: check this model with a full fit
    iterations: int


@dataclass
class _Refitting:
    cols: np.ndarray
    inverse: np.ndarray  # approximation of (X_r'W X_r)⁻¹ at the maximum
    beta: np.ndarray
    previous: tuple[np.ndarray, np.ndarray] | None = None  # (beta, score) one pass back
    last: float = np.inf  # size of the previous step
    iterations: int = 0
    want_ll: bool = False
    loglik: float = np.nan
    extreme: bool = False
    done: bool = False
    failed: bool = False


def refit_without(
    pat: Patterns,
    cols: np.ndarray,
    beta: np.ndarray,
    info: np.ndarray,
    drops: Sequence[np.ndarray],
    *,
    tol: float,
    maxiter: int = 60,
) -> list[Refit | None]:
    """Fit the model ``cols`` without each column set of ``drops`` (one model per set).

    ``beta`` are the model's maximum-likelihood estimates and ``info`` its information
    X'WX over all columns of ``pat.x`` at ``beta``. Each reduced model r (columns r, dropped
    columns d) starts from the one-step estimate β_r + (X_r'WX_r)⁻¹ X_r'WX_d β_d and
    iterates β ← β + H⁻¹ X_r'(y − p̂), H⁻¹ starting as (X_r'WX_r)⁻¹ of the current model
    and updated by BFGS after each move. The score is exact, so the fixed point is the
    same maximum as Newton's; the iteration stops, as Newton's, when no estimate moves by
    more than ``tol``. All reduced models share each pass over the cases (one matrix
    product for all of them); the log likelihood is computed in the pass that ends a
    model's iteration. A model whose iteration does not contract fast enough (or at all)
    gets ``None``: the caller fits it another way.
    """
    k = pat.x.shape[1]
    where = {c: i for i, c in enumerate(cols.tolist())}
    fits: list[_Refitting] = []
    for drop in drops:
        keep = cols[~np.isin(cols, drop)]
        gone = cols[np.isin(cols, drop)]
        try:
            factor = cho_factor(info[np.ix_(keep, keep)])
        except np.linalg.LinAlgError:
            fits.append(_Refitting(keep, np.eye(1), np.zeros(0), failed=True))
            continue
        b_keep = beta[[where[c] for c in keep.tolist()]]
        b_gone = beta[[where[c] for c in gone.tolist()]]
        start = b_keep + cho_solve(factor, info[np.ix_(keep, gone)] @ b_gone)
        fits.append(_Refitting(keep, cho_solve(factor, np.eye(len(keep))), start))
    while True:
        active = [f for f in fits if not (f.done or f.failed)]
        if not active:
            break
        coef = np.zeros((k, len(active)))
        for j, f in enumerate(active):
            coef[f.cols, j] = f.beta
        score, ll, edge = _pass(pat, coef, any(f.want_ll for f in active))
        for j, f in enumerate(active):
            _advance(f, score[f.cols, j], ll[j], bool(edge[j]), tol, maxiter)
    return [
        None if f.failed else Refit(f.cols, f.beta, f.loglik, f.extreme, f.iterations) for f in fits
    ]


def _advance(f: _Refitting, s: np.ndarray, ll: float, edge: bool, tol: float, maxiter: int) -> None:
    if f.previous is not None:  # BFGS update of the inverse with the last move
        moved = f.beta - f.previous[0]
        change = f.previous[1] - s  # change in the gradient of −ln L
        curvature = float(moved @ change)
        if curvature > 0 and np.max(np.abs(moved)) > _NOISE:
            hy = f.inverse @ change
            f.inverse = (
                f.inverse
                + ((curvature + change @ hy) / curvature**2) * np.outer(moved, moved)
                - (np.outer(hy, moved) + np.outer(moved, hy)) / curvature
            )
    f.previous = (f.beta, s)
    step = f.inverse @ s
    size = float(np.max(np.abs(step), initial=0.0))
    f.iterations += 1
    if not np.isfinite(size):
        f.failed = True
        return
    if f.want_ll:  # this pass was at f.beta: keep its log likelihood
        f.loglik = float(ll)
        f.extreme = edge
    rate = size / f.last if np.isfinite(f.last) and f.last > 0 else 1.0
    converged = size <= tol
    if converged and f.want_ll:
        f.beta = f.beta + step
        f.done = True
        return
    if f.iterations >= maxiter or (f.iterations >= 3 and not converged and rate > 0.5):
        f.failed = True
        return
    f.beta = f.beta + step
    f.last = size
    f.want_ll = converged or rate * size <= tol


def _pass(
    pat: Patterns, coef: np.ndarray, with_ll: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One pass for the models in the columns of ``coef`` (K × m).

    Returns X'(y − p̂) (K × m) and, when ``with_ll``, the log likelihoods
    (ln L = −Σ m ln(1 + e^−η) − Σ (m − d) η over the patterns, m cases and d events each)
    and which models have a linear predictor beyond ±:data:`_ETA_EDGE` (a p̂ near 0 or 1;
    such a model is fitted again by the caller).
    """
    x = pat.x
    g = x.shape[0]
    m = coef.shape[1]
    score = np.zeros((x.shape[1], m))
    ll = np.zeros(m)
    edge = np.zeros(m, dtype=bool)
    nonevents = pat.counts - pat.events
    with np.errstate(over="ignore"):
        for sl in _blocks(g):
            xc = x[sl]
            counts = pat.counts[sl]
            e = xc @ coef
            if with_ll:
                ll -= nonevents[sl] @ e
                if e.max() > _ETA_EDGE or e.min() < -_ETA_EDGE:
                    edge |= (np.abs(e) > _ETA_EDGE).any(axis=0)
            np.negative(e, out=e)
            np.exp(e, out=e)
            e += 1.0
            if with_ll:
                ll -= counts @ np.log(e)
            np.reciprocal(e, out=e)  # p̂
            e *= counts[:, None]
            np.subtract(pat.events[sl, None], e, out=e)
            score += xc.T @ e
    return score, ll, edge
