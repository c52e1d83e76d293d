"""Tests of barometer.stats.logistic_newton and logistic_design: the Newton–Raphson on the
design matrix built once gives statsmodels' fit step for step, the shared refits of a
backward step give the models fitted on their own, and the grouping rules that were
rewritten without Python loops give what the loops gave.

statsmodels ``Logit`` (the fitter used before) is the reference here; the values against
R and PSPP are in test_logistic.py.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from barometer.stats import logistic_stepwise
from barometer.stats.logistic import hosmer_lemeshow
from barometer.stats.logistic_design import _surely_full_rank, prepare_design
from barometer.stats.logistic_fit import fit_terms
from barometer.stats.logistic_newton import (
    CHUNK,
    Patterns,
    _group_rows,
    evaluate,
    loglik,
    newton,
    refit_without,
)
from barometer.stats.logistic_stepwise import backward_stepwise

DATA = Path(__file__).parent / "data"
TERMS = ["x1", "x2", "x3", "grp", "noise1", "noise2"]


@pytest.fixture(scope="module")
def design():
    data = pd.read_csv(DATA / "logit_main.csv")
    return prepare_design(data, outcome="y", predictors=TERMS, categorical=["grp"])


def _statsmodels(design, terms):
    x, _, _ = design.matrix(terms)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.Logit(design.y, x).fit(method="newton", maxiter=100, tol=1e-10, disp=False)


def test_design_matrix_is_built_once_with_the_constant_last(design):
    x = design.x  # all 200 rows differ: the patterns are the rows, in order
    assert x.dtype == np.float64 and x.flags.c_contiguous
    assert x.shape == (200, 8) and np.all(x[:, -1] == 1.0)
    assert np.all(design.patterns.counts == 1.0)
    assert np.array_equal(design.patterns.events, design.y)
    assert np.array_equal(design.patterns.inverse, np.arange(200))
    assert design.spans["grp"] == (3, 5) and design.names["grp"] == ("grp[1]", "grp[2]")
    assert design.cols(["noise2", "x1"]).tolist() == [0, 6, 7]
    sub, names, owners = design.matrix(["grp", "x2"])
    assert names == ["x2", "grp[1]", "grp[2]", "Constant"]
    assert owners == ["x2", "grp", "grp", "Constant"]
    assert np.array_equal(sub, x[:, [1, 3, 4, 7]])


def test_newton_follows_statsmodels_step_for_step(design):
    for terms in (TERMS, ["x1", "grp"], []):
        cols = design.cols(terms)
        res = newton(design.patterns, cols, cols, maxiter=100, tol=1e-10)
        ref = _statsmodels(design, terms)
        assert res.converged and not res.separated
        assert res.iterations == ref.mle_retvals["iterations"]
        assert res.params == pytest.approx(ref.params, rel=1e-12, abs=1e-14)
        n = design.n
        cov = np.linalg.inv(res.evaluation.info / n) / n
        assert cov == pytest.approx(ref.cov_params(), rel=1e-10)
        assert loglik(design.y, res.evaluation.fitted) == pytest.approx(ref.llf, rel=1e-13)


def test_grouped_cases_give_the_fit_of_the_cases():
    rng = np.random.default_rng(8)
    n = 3000
    data = pd.DataFrame(
        {
            "a": rng.integers(0, 2, n),
            "b": rng.integers(0, 3, n) / 2,
            "g": rng.choice(["p", "q", "r"], n),
        }
    )
    logit = -0.4 + 0.9 * data["a"] - 0.7 * data["b"] + (data["g"] == "q") * 0.5
    data["y"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    grouped = prepare_design(data, outcome="y", predictors=["a", "b", "g"], categorical=["g"])
    pat = grouped.patterns
    assert len(pat.x) == 18 and pat.counts.sum() == n and pat.events.sum() == data["y"].sum()
    assert np.array_equal(pat.rows(), grouped.matrix(["a", "b", "g"])[0])
    raw = fit_terms(grouped, ["a", "b", "g"])
    ref = _statsmodels(grouped, ["a", "b", "g"])
    assert raw.iterations == ref.mle_retvals["iterations"]
    assert raw.params == pytest.approx(ref.params, rel=1e-11)
    assert raw.cov == pytest.approx(ref.cov_params(), rel=1e-10)
    assert raw.loglik == pytest.approx(ref.llf, rel=1e-13)
    assert raw.fitted == pytest.approx(ref.predict(), rel=1e-12)
    refits = refit_without(pat, raw.cols, raw.params, raw.info, [grouped.term_cols("g")], tol=1e-10)
    assert refits[0] is not None
    assert refits[0].loglik == pytest.approx(_statsmodels(grouped, ["a", "b"]).llf, rel=1e-13)


def test_rows_whose_hashes_collide_are_still_told_apart():
    x = np.array([[0.5, 1.0], [1.0, 0.5], [0.5, 1.0], [1.0, 0.5], [-0.0, 2.0], [0.0, 2.0]])
    by_hash = _group_rows(x)
    everything_collides = _group_rows(x, keys=np.zeros(6, dtype=np.uint64))
    for codes, first in (by_hash, everything_collides):
        assert codes.tolist() == [0, 1, 0, 1, 2, 3]  # -0.0 and 0.0 differ in their bits
        assert first.tolist() == [0, 1, 4, 5]
    pat = Patterns.of(x, np.array([1.0, 0.0, 0.0, 0.0, 1.0, 1.0]))
    assert pat.counts.tolist() == [2.0, 2.0, 1.0, 1.0]
    assert pat.events.tolist() == [1.0, 0.0, 1.0, 1.0]
    assert np.array_equal(pat.rows(), x)


def test_evaluate_is_the_same_in_blocks_as_in_one_product():
    rng = np.random.default_rng(5)
    n = 2 * CHUNK + 17  # three blocks, the last one short
    x = np.column_stack([rng.normal(size=(n, 3)), np.ones(n)])
    y = (rng.random(n) < 0.4).astype(float)
    beta = np.array([0.3, -0.2, 0.1, -0.5])
    cols = np.array([0, 2, 3])
    ev = evaluate(Patterns.of(x, y), cols, beta[[0, 2, 3]], np.arange(4))
    p = 1 / (1 + np.exp(-(x[:, cols] @ beta[[0, 2, 3]])))
    assert ev.fitted == pytest.approx(p, rel=1e-13)
    assert ev.score == pytest.approx(x.T @ (y - p), rel=1e-10)
    assert ev.info == pytest.approx(x.T @ (x * (p * (1 - p))[:, None]), rel=1e-10)


def test_refits_without_each_term_are_the_separate_fits(design):
    full = fit_terms(design, TERMS)
    drops = [design.term_cols(t) for t in TERMS]
    refits = refit_without(design.patterns, full.cols, full.params, full.info, drops, tol=1e-10)
    for term, refit in zip(TERMS, refits, strict=True):
        assert refit is not None and not refit.extreme
        ref = _statsmodels(design, [t for t in TERMS if t != term])
        assert refit.loglik == pytest.approx(ref.llf, rel=1e-13, abs=1e-10), term
        assert refit.params == pytest.approx(ref.params, rel=1e-8, abs=1e-10), term
        assert refit.iterations <= 15


def test_a_refit_that_does_not_settle_is_left_to_the_caller(design):
    full = fit_terms(design, TERMS)
    drops = [design.term_cols("x1")]
    out = refit_without(
        design.patterns, full.cols, full.params, full.info, drops, tol=1e-10, maxiter=1
    )
    assert out == [None]


def test_stepwise_gives_the_same_path_when_every_refit_falls_back(monkeypatch):
    data = pd.read_csv(DATA / "logit_stepwise.csv")
    kwargs = {"outcome": "y", "candidates": TERMS, "categorical": ["grp"]}
    shared = backward_stepwise(data, **kwargs)
    monkeypatch.setattr(logistic_stepwise, "_REFIT_MAXITER", 1)
    alone = backward_stepwise(data, **kwargs)
    assert [(s.action, s.term, s.terms) for s in alone.steps] == [
        (s.action, s.term, s.terms) for s in shared.steps
    ]
    for a, b in zip(alone.steps, shared.steps, strict=True):
        assert [t.term for t in a.removal_tests] == [t.term for t in b.removal_tests]
        got = [t.statistic for t in a.removal_tests]
        assert got == pytest.approx([t.statistic for t in b.removal_tests], rel=1e-8, abs=1e-9)
    assert alone.final.minus2ll == pytest.approx(shared.final.minus2ll, rel=1e-13)
    # the final model is fitted from zeros, as statsmodels fits it
    sample = prepare_design(data, outcome="y", predictors=TERMS, categorical=["grp"])
    ref = _statsmodels(sample, list(shared.final.terms))
    assert alone.final.iterations == shared.final.iterations == ref.mle_retvals["iterations"]
    assert shared.final.minus2ll == pytest.approx(-2 * ref.llf, rel=1e-13)


def test_full_rank_shortcut_only_decides_clear_cases():
    rng = np.random.default_rng(11)
    x = np.column_stack([rng.normal(size=(500, 2)), np.ones(500)])
    assert _surely_full_rank(x)
    nearly = np.column_stack([x, x[:, 0] + 1e-5 * rng.normal(size=500)])
    assert not _surely_full_rank(nearly)  # left to matrix_rank, which finds it full
    assert np.linalg.matrix_rank(nearly) == 4
    y = (rng.random(500) < 0.5).astype(int)
    data = pd.DataFrame({"y": y, "a": x[:, 0], "b": x[:, 1], "c": nearly[:, 3]})
    prepared = prepare_design(data, outcome="y", predictors=["a", "b", "c"])
    assert prepared.x.shape == (500, 4)


def _hl_groups_by_loop(fitted: np.ndarray, groups: int = 10) -> np.ndarray:
    """The grouping of hosmer_lemeshow as a loop over the sorted cases (the old code)."""
    n = len(fitted)
    keys = np.round(np.sort(fitted, kind="stable"), 12)
    group_of = np.empty(n, dtype=int)
    start = 0
    while start < n:
        end = start
        while end + 1 < n and keys[end + 1] == keys[start]:
            end += 1
        group_of[start : end + 1] = -(-groups * (start + 1) // n)
        start = end + 1
    return group_of


def test_hosmer_lemeshow_blocks_as_the_loop_over_cases():
    rng = np.random.default_rng(2)
    fitted = rng.choice(np.linspace(0.05, 0.95, 23), size=997)  # many ties
    fitted[:50] = rng.random(50)
    y = (rng.random(997) < fitted).astype(float)
    hl = hosmer_lemeshow(y, fitted)
    assert hl is not None
    group_of = _hl_groups_by_loop(fitted)
    order = np.argsort(fitted, kind="stable")
    for row, g in zip(hl.groups, np.unique(group_of), strict=True):
        mask = group_of == g
        assert row.n == int(mask.sum())
        assert row.observed_events == int(y[order][mask].sum())
        assert row.expected_events == float(fitted[order][mask].sum())
