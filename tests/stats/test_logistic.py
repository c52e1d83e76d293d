"""Tests of barometer.stats.logistic*: one model (ENTER) and SPSS BSTEP(LR) selection.

Reference values are literals copied from independent tools; R and PSPP are not needed
at test time. The scripts and their recorded outputs are in tests/stats/reference/:

- R 4.2.2 (``glm``, ``drop1(test="LRT")``, ``add1(test="Rao")``), car 3.1.1 (joint Wald)
  and performance 0.10.2 (``performance_hosmer``): ``logistic_reference.R`` →
  ``logistic_reference.R.out.txt``.
- GNU PSPP 1.6.2 ``LOGISTIC REGRESSION``: ``logistic_reference.sps`` →
  ``logistic_reference.sps.out.txt`` and ``logistic_reference.sps.cells.out.txt``
  (6 significant digits). PSPP has no /METHOD=BSTEP and no Hosmer–Lemeshow test.

Data (tests/stats/data/), generated once with numpy and committed:

- ``logit_main.csv``: ``rng = np.random.default_rng(20240611)``, n = 200; x1, x2 ~ N(0, 1),
  x3 ~ Bernoulli(.5), grp uniform on {1, 2, 3}, noise1, noise2 ~ N(0, 1) (pure noise),
  logit = −0.3 + x1 + 0.6 x2 + 0.8 x3 + (0, 0.9, −0.5)[grp]; continuous values rounded
  to 3 decimals.
- ``logit_stepwise.csv``: ``default_rng(7)``, same layout, logit = 0.2 + 1.2 x1 − 0.7 x2
  + 0.9 x3 (grp and noise1/2 pure noise), plus ``sparse`` (noise, 28 of 200 missing).
- ``logit_reentry.csv``: ``default_rng(937)``, n = 120, four correlated normal
  predictors a–d; found by a seed search as a data set on which BSTEP removes every
  term and then enters ``a`` again.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats import logistic_stepwise
from barometer.stats.logistic import classification_table, hosmer_lemeshow
from barometer.stats.logistic_fit import fit_logistic
from barometer.stats.logistic_stepwise import TermStatistic, backward_stepwise

DATA = Path(__file__).parent / "data"
R_REL = 1e-7  # R printed 12 significant digits; both sides iterate to convergence
PSPP_REL = 2e-5  # PSPP values have 6 significant digits

MAIN_TERMS = ["x1", "x2", "x3", "grp", "noise1", "noise2"]


@pytest.fixture(scope="module")
def main() -> pd.DataFrame:
    return pd.read_csv(DATA / "logit_main.csv")


@pytest.fixture(scope="module")
def stepdata() -> pd.DataFrame:
    return pd.read_csv(DATA / "logit_stepwise.csv")


@pytest.fixture(scope="module")
def main_fit(main):
    return fit_logistic(main, outcome="y", predictors=MAIN_TERMS, categorical=["grp"])


def approx(x, rel=R_REL):
    return pytest.approx(x, rel=rel, abs=1e-12)


# --------------------------------------------------------------------------- one model

# R 4.2.2 glm(y ~ x1 + x2 + x3 + grp + noise1 + noise2, binomial), grp reference "3":
# name: (B, SE, Wald = z^2, p, Exp(B), exp(confint.default) lower, upper)
R_MAIN = {
    "x1": (1.03222354397, 0.222542144482, 21.5140901385, 3.51238420449e-06, 2.80730105731,
           1.81493373197, 4.34227381835),
    "x2": (0.826889416172, 0.2005562155, 16.9989702801, 3.74000961621e-05, 2.28619626335,
           1.54312017897, 3.3870941653),
    "x3": (0.980046361049, 0.356885888233, 7.54109634817, 0.0060307335783, 2.66457977178,
           1.32387477671, 5.36303394026),
    "grp[1]": (0.795211537727, 0.399213637084, 3.96784417854, 0.0463771122207, 2.21490948417,
               1.01284903539, 4.84358858195),
    "grp[2]": (2.1960262747, 0.497929547119, 19.4508805975, 1.03220238838e-05, 8.98922173534,
               3.38753424542, 23.8539603006),
    "noise1": (0.344885130923, 0.18373217369, 3.52353439937, 0.0605032947866, 1.411827735,
               0.984891976541, 2.02383368004),
    "noise2": (-0.124328897943, 0.159044371569, 0.611093352168, 0.434376440498,
               0.883089346845, 0.646585306524, 1.20610039641),
    "Constant": (-0.895513012089, 0.336152826483, 7.09692583498, 0.00772162773321,
                 0.408398031763, 0.211324493005, 0.789255187491),
}  # fmt: skip


def test_coefficients_match_r_glm(main_fit):
    assert [c.name for c in main_fit.coefficients] == list(R_MAIN)
    for c in main_fit.coefficients:
        b, se, wald, p, exp_b, lo, hi = R_MAIN[c.name]
        got = (c.b, c.se, c.wald, c.p, c.exp_b, c.ci_low, c.ci_high)
        assert got == approx((b, se, wald, p, exp_b, lo, hi)), c.name
        assert c.df == 1
    assert main_fit.coefficient("grp[2]").term == "grp"
    assert main_fit.reference_levels == (("grp", 3),)


def test_model_summary_matches_r(main_fit):
    # R 4.2.2: -2*logLik of the fit and of glm(y ~ 1); R^2 computed from them in the script
    assert main_fit.n == 200 and main_fit.n_events == 116 and main_fit.n_excluded == 0
    assert main_fit.minus2ll == approx(198.580833257)
    assert main_fit.minus2ll_null == approx(272.116800077)
    assert main_fit.model_chi2 == approx(73.5359668198)
    assert main_fit.model_df == 7
    assert main_fit.model_p == approx(2.84234265968e-13)
    assert main_fit.cox_snell_r2 == approx(0.307661190513)
    assert main_fit.nagelkerke_r2 == approx(0.413807281406)
    assert main_fit.mcfadden_r2 == approx(0.270236776263)


def test_joint_wald_of_categorical_matches_car_and_pspp(main_fit):
    (test,) = main_fit.term_tests
    assert test.term == "grp" and test.df == 2
    # car 3.1.1 Anova(type = "III", test.statistic = "Wald")
    assert test.wald == approx(19.4650764711)
    assert test.p == approx(5.9321530782e-05)
    # GNU PSPP 1.6.2, "Variables in the Equation", row grp
    assert test.wald == approx(19.4651, PSPP_REL)
    assert test.p == approx(5.93215e-05, PSPP_REL)


def test_spss_conventions_match_pspp(main_fit):
    # GNU PSPP 1.6.2 (logistic_reference.sps.cells.out.txt, tables 1-3): indicator coding
    # with the last category as reference, R^2 definitions, classification at cut .5
    assert main_fit.minus2ll == approx(198.581, PSPP_REL)
    assert main_fit.cox_snell_r2 == approx(0.307661, PSPP_REL)
    assert main_fit.nagelkerke_r2 == approx(0.413807, PSPP_REL)
    assert main_fit.coefficient("grp[1]").b == approx(0.795212, PSPP_REL)  # PSPP grp(1)
    assert main_fit.coefficient("grp[2]").b == approx(2.19603, PSPP_REL)  # PSPP grp(2)
    assert main_fit.coefficient("Constant").b == approx(-0.895513, PSPP_REL)
    table = main_fit.classification
    assert table.cut == 0.5
    assert table.counts == ((57, 27), (19, 97))  # also R: table(y, fitted > .5)
    assert table.percent_correct_nonevents == approx(67.8571, PSPP_REL)
    assert table.percent_correct_events == approx(83.6207, PSPP_REL)
    assert table.percent_correct_overall == approx(77.0, PSPP_REL)


def test_hosmer_lemeshow_without_ties_matches_performance(main_fit):
    # performance 0.10.2 performance_hosmer(fit, n_bins = 10): quantile groups, which
    # equal SPSS's deciles of risk when no two fitted values are equal (200 distinct)
    hl = main_fit.hosmer_lemeshow
    assert hl is not None
    assert hl.chi2 == approx(13.7064113869)
    assert hl.df == 8
    assert hl.p == approx(0.0897459940847)
    assert [g.n for g in hl.groups] == [20] * 10
    assert [g.observed_events for g in hl.groups] == [1, 5, 4, 12, 11, 14, 17, 18, 17, 17]
    assert hl.groups[0].expected_events == approx(1.83137025342)
    assert hl.groups[-1].expected_events == approx(19.2823305176)


def test_model_with_ties_matches_r_and_pspp(main):
    fit = fit_logistic(main, outcome="y", predictors=["x3", "grp"], categorical=["grp"])
    # R 4.2.2 glm(y ~ x3 + grp)
    assert fit.coefficient("x3").b == approx(0.651290825486)
    assert fit.coefficient("grp[2]").se == approx(0.426952118098)
    assert fit.minus2ll == approx(244.901288127)
    assert fit.nagelkerke_r2 == approx(0.171118941218)
    # GNU PSPP 1.6.2 (tables 4-6)
    assert fit.term_tests[0].wald == approx(18.5179, PSPP_REL)
    assert fit.classification.counts == ((57, 27), (49, 67))
    assert fit.classification.percent_correct_events == approx(57.7586, PSPP_REL)
    # Hosmer-Lemeshow with 6 covariate patterns: blocks of equal fitted p are not split.
    # R: hl_blocks() in logistic_reference.R, an implementation of the rule documented in
    # hosmer_lemeshow() written separately (no tool implements SPSS's grouping).
    hl = fit.hosmer_lemeshow
    assert hl is not None
    assert [g.n for g in hl.groups] == [37, 33, 36, 39, 22, 33]
    assert [g.observed_events for g in hl.groups] == [9, 19, 21, 22, 17, 28]
    assert hl.chi2 == approx(4.82647050191)
    assert hl.df == 4
    assert hl.p == approx(0.305570531249)


def test_hosmer_lemeshow_block_starting_a_decile_keeps_its_ties():
    # 20 cases, deciles of 2; the first 5 share p = .1: they stay together in decile 1,
    # decile 2 stays empty, case 6 starts decile ceil(10 * 6 / 20) = 3
    p = np.r_[[0.1] * 5, np.linspace(0.2, 0.9, 15)]
    y = np.r_[[0, 0, 0, 1, 0], [0, 1] * 7, [1]].astype(float)
    hl = hosmer_lemeshow(y, p)
    assert hl is not None
    assert [g.n for g in hl.groups] == [5, 1, 2, 2, 2, 2, 2, 2, 2]
    assert hl.df == 7
    assert hl.groups[0].observed_events == 1
    assert hl.groups[0].expected_events == pytest.approx(0.5)
    assert hosmer_lemeshow(y, np.r_[[0.2] * 10, [0.7] * 10]) is None  # 2 groups only


def test_classification_uses_strictly_greater_than_cut():
    table = classification_table(np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.5, 0.5, 0.9, 0.1]))
    assert table.counts == ((2, 0), (1, 1))
    assert table.percent_correct_events == 50.0
    assert table.percent_correct_overall == 75.0


def test_reference_level_can_be_chosen(main):
    fit = fit_logistic(
        main, outcome="y", predictors=["x1", "grp"], categorical=["grp"], reference={"grp": 1}
    )
    # R 4.2.2 glm(y ~ x1 + grp) with relevel(grp, ref = "1")
    assert [c.name for c in fit.coefficients] == ["x1", "grp[2]", "grp[3]", "Constant"]
    assert fit.coefficient("grp[2]").b == approx(1.26609068573)
    assert fit.coefficient("grp[3]").ci_high == approx(1.09903465987)
    assert fit.coefficient("Constant").se == approx(0.254400923549)
    assert fit.minus2ll == approx(230.157939467)
    assert fit.classification.counts == ((54, 30), (27, 89))


def test_outcome_labels_and_constant_only_model(main):
    labelled = main.assign(y=main["y"].map({0: "no", 1: "yes"}))
    fit = fit_logistic(labelled, outcome="y", predictors=[])
    assert fit.event == "yes"
    assert fit.model_df == 0 and fit.model_chi2 == 0.0 and fit.model_p == 1.0
    assert fit.coefficient("Constant").b == approx(np.log(116 / 84))
    assert fit.minus2ll == approx(272.116800077)  # R: -2 * logLik(glm(y ~ 1))


def test_listwise_deletion_and_frozen_results(stepdata):
    fit = fit_logistic(stepdata, outcome="y", predictors=["x1", "x2", "sparse"])
    assert fit.n == 172 and fit.n_excluded == 28
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.n = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- stepwise

# R 4.2.2 replay of BSTEP (logistic_reference.R, bstep()): per step the term removed or
# entered, its LR (drop1) or Rao (add1) statistic, df, p, and -2LL after the step
R_PATH = [
    ("remove", "grp", 0.284223260845, 2, 0.867524408964, 228.941317421),
    ("remove", "noise2", 0.0387885552404, 1, 0.843868150122, 228.980105976),
    ("remove", "x3", 1.02493233873, 1, 0.311351894767, 230.005038315),
    ("remove", "noise1", 2.19674105978, 1, 0.138302860762, 232.201779374),
]


def _path(result):
    return [(s.action, s.term, s.statistic, s.df, s.p, s.minus2ll) for s in result.steps[1:]]


def test_bstep_path_matches_r_drop1_add1(stepdata):
    result = backward_stepwise(stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"])
    start = result.steps[0]
    assert start.action == "start" and start.terms == tuple(MAIN_TERMS)
    assert start.minus2ll == approx(228.65709416)
    got = _path(result)
    assert [g[:2] for g in got] == [r[:2] for r in R_PATH]
    for g, r in zip(got, R_PATH, strict=True):
        assert g[2:] == approx(r[2:]), g[1]
    assert result.steps[-1].terms == ("x1", "x2")
    assert result.stop_reason == "no term meets the removal or entry criterion"
    # step_chi2 is SPSS's "Step" chi-square: minus the removal LR
    assert result.steps[1].step_chi2 == approx(-0.284223260845)


def test_bstep_removal_and_score_tests_match_r(stepdata):
    result = backward_stepwise(stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"])
    step0 = {t.term: t for t in result.steps[0].removal_tests}
    # R drop1(test = "LRT") on the full model
    assert step0["x1"].statistic == approx(33.8491926313)
    assert step0["x2"].p == approx(0.013176798834)
    assert step0["noise1"].statistic == approx(1.89942528479)
    last = {t.term: t for t in result.steps[-1].entry_tests}
    # R add1(test = "Rao") on y ~ x1 + x2
    assert last["x3"].statistic == approx(0.894213443671)
    assert last["grp"] == TermStatistic("grp", approx(0.679248692493), 2, approx(0.712037752183))
    assert last["noise1"].p == approx(0.140232775483)
    assert last["noise2"].statistic == approx(0.17690718556)
    step3 = {t.term: t for t in result.steps[3].entry_tests}
    assert step3["x3"].statistic == approx(1.02301168604)
    assert step3["grp"].statistic == approx(0.374387966988)


def test_bstep_categorical_dummies_move_together(stepdata):
    result = backward_stepwise(stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"])
    removal = result.steps[1]
    assert (removal.term, removal.df) == ("grp", 2)
    assert removal.model_df == 5  # 7 parameters before, both dummies gone
    names = [c.name for c in result.final.coefficients]
    assert not any(n.startswith("grp") for n in names)
    # R add1(y ~ x1 + x2 + x3 + noise1 + noise2, ~ . + grp, test = "Rao"): one 2-df test
    (grp_entry,) = [t for t in result.steps[1].entry_tests if t.term == "grp"]
    assert grp_entry.df == 2 and grp_entry.statistic == approx(0.284969691816)


def test_bstep_final_model_matches_r_and_pspp(stepdata):
    result = backward_stepwise(stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"])
    final = result.final
    assert final.terms == ("x1", "x2") and final.n == 200
    # R 4.2.2 glm(y ~ x1 + x2)
    assert final.coefficient("x1").b == approx(1.11678064612)
    assert final.coefficient("x2").ci_low == approx(0.484169383494)
    assert final.coefficient("Constant").wald == approx(11.6268223603)
    assert final.model_chi2 == approx(38.5416393195)
    assert final.model_chi2 == approx(result.steps[-1].model_chi2)
    # GNU PSPP 1.6.2 (tables 7-9)
    assert final.nagelkerke_r2 == approx(0.236312, PSPP_REL)
    assert final.classification.counts == ((42, 40), (27, 91))
    assert final.classification.percent_correct_nonevents == approx(51.2195, PSPP_REL)


def test_bstep_keeps_one_sample_when_a_candidate_has_missings(stepdata):
    candidates = [*MAIN_TERMS, "sparse"]
    result = backward_stepwise(stepdata, outcome="y", candidates=candidates, categorical=["grp"])
    assert result.n == 172 and result.n_excluded == 28
    # 'sparse' leaves at step 1, yet n stays 172: R replay on complete.cases(), same path
    assert [(s.action, s.term) for s in result.steps[1:]] == [
        ("remove", "sparse"),
        ("remove", "noise2"),
        ("remove", "noise1"),
        ("remove", "grp"),
        ("remove", "x3"),
    ]
    m2ll = [s.minus2ll for s in result.steps]
    assert m2ll == approx(
        [192.710046729, 192.75808954, 192.927904738, 193.299251047, 196.14793069, 197.967567319]
    )
    assert result.steps[4].p == approx(0.240667294154)  # grp, LR 2 df
    final = result.final
    assert final.n == 172
    # R glm(y ~ x1 + x2) on the 172 cases; PSPP 1.6.2 after SELECT IF NOT MISSING(sparse)
    assert final.coefficient("x2").b == approx(-0.47192860922)
    assert final.minus2ll == approx(197.967567319)
    assert final.cox_snell_r2 == approx(0.191344, PSPP_REL)
    assert final.classification.counts == ((43, 30), (25, 74))
    # fitting the final terms on all cases would use 200: the sample is fixed, not refit
    assert fit_logistic(stepdata, outcome="y", predictors=["x1", "x2"]).n == 200


def test_bstep_enters_a_removed_term_again():
    data = pd.read_csv(DATA / "logit_reentry.csv")
    result = backward_stepwise(data, outcome="y", candidates=["a", "b", "c", "d"])
    # R 4.2.2 replay: drop1 LR for removals, add1 Rao for the entry
    expected = [
        ("remove", "a", 1.66449051421, 1, 0.196998112712, 155.980872156),
        ("remove", "b", 2.20359537481, 1, 0.137689259473, 158.184467531),
        ("remove", "c", 1.90885202314, 1, 0.167090833551, 160.093319554),
        ("remove", "d", 2.20576695933, 1, 0.137495495278, 162.299086513),
        ("enter", "a", 4.17954961141, 1, 0.0409145723618, 158.039286403),
    ]
    got = _path(result)
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[2:] == approx(e[2:]), g[:2]
    empty = result.steps[4]
    assert empty.terms == () and empty.removal_tests == () and empty.model_df == 0
    assert result.final.terms == ("a",)
    assert result.final.coefficient("a").b == approx(-0.417461241497)


def test_bstep_stops_instead_of_cycling(stepdata, monkeypatch):
    real = logistic_stepwise.score_statistic

    def always_enter_noise2(design, raw, term):
        stat = real(design, raw, term)
        return TermStatistic(term, stat.statistic, stat.df, 0.0) if term == "noise2" else stat

    monkeypatch.setattr(logistic_stepwise, "score_statistic", always_enter_noise2)
    result = backward_stepwise(stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"])
    actions = [(s.action, s.term) for s in result.steps[1:]]
    assert actions[-1] == ("enter", "noise2")
    assert "already fitted" in result.stop_reason and "noise2" in result.stop_reason
    assert result.stop_reason in result.notes
    assert result.final.terms == ("x1", "x2", "noise2")


def test_bstep_max_steps(stepdata):
    result = backward_stepwise(
        stepdata, outcome="y", candidates=MAIN_TERMS, categorical=["grp"], max_steps=1
    )
    assert len(result.steps) == 2
    assert "max_steps=1" in result.stop_reason


# --------------------------------------------------------------------------- bad input


def _raises(code: ErrorCode, fn, *args, **kwargs) -> StatsError:
    with pytest.raises(StatsError) as info:
        fn(*args, **kwargs)
    assert info.value.problem.code is code, str(info.value)
    return info.value


def _frame(n: int = 40, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.permutation(np.r_[[0, 1] * (n // 2)]),
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": np.array(["a", "b", "c", "d"] * (n // 4)),
        }
    )


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"predictors": ["x", "nope"]}, "'nope' is not in the data"),
        ({"predictors": ["x", "x"]}, "listed twice"),
        ({"predictors": ["x", "y"]}, "also a predictor"),
        ({"predictors": ["x"], "categorical": ["g"]}, "not a predictor"),
        ({"predictors": ["x", "g"]}, "'g' is not numeric"),
        ({"predictors": "x"}, "lists of names"),
        ({"predictors": ["g"], "categorical": ["g"], "reference": {"g": "q"}}, "'q'"),
        ({"predictors": ["x"], "reference": {"x": 1}}, "not categorical"),
    ],
)
def test_invalid_arguments(kwargs, text):
    err = _raises(ErrorCode.STATS_INPUT, fit_logistic, _frame(), outcome="y", **kwargs)
    assert text in str(err)


def test_data_must_be_a_dataframe():
    _raises(ErrorCode.STATS_INPUT, fit_logistic, {"y": [0, 1]}, outcome="y", predictors=[])


def test_outcome_with_three_classes():
    data = _frame().assign(y=[0, 1, 2, 1] * 10)
    err = _raises(ErrorCode.STATS_INPUT, fit_logistic, data, outcome="y", predictors=["x"])
    assert "two values" in str(err)


def test_outcome_with_one_class():
    data = _frame().assign(y=1)
    err = _raises(ErrorCode.STATS_TOO_FEW, fit_logistic, data, outcome="y", predictors=["x"])
    assert "only one class" in str(err)


def test_fewer_cases_than_parameters():
    data = _frame().head(4)
    err = _raises(
        ErrorCode.STATS_TOO_FEW, fit_logistic, data, outcome="y", predictors=["x", "g"],
        categorical=["g"],
    )  # fmt: skip
    assert "4 complete cases for 5 parameters" in str(err)


def test_constant_predictor_is_named():
    data = _frame().assign(z=2.5)
    err = _raises(ErrorCode.STATS_CONSTANT, fit_logistic, data, outcome="y", predictors=["x", "z"])
    assert err.problem.column == "z" and "'z'" in str(err)


def test_predictor_constant_after_listwise_deletion():
    data = _frame().assign(z=[1.0, np.nan] * 20)
    err = _raises(ErrorCode.STATS_CONSTANT, fit_logistic, data, outcome="y", predictors=["x", "z"])
    assert "20 cases used" in str(err)


def test_categorical_with_one_level():
    data = _frame().assign(g="a")
    _raises(ErrorCode.STATS_CONSTANT, fit_logistic, data, outcome="y", predictors=["g"],
            categorical=["g"])  # fmt: skip


def test_redundant_predictor():
    data = _frame()
    data["w"] = 2 * data["x"] - data["z"]
    err = _raises(
        ErrorCode.STATS_INPUT, fit_logistic, data, outcome="y", predictors=["x", "z", "w"]
    )
    assert "'w'" in str(err)


def test_all_values_missing():
    data = _frame().assign(z=np.nan)
    err = _raises(
        ErrorCode.STATS_ALL_MISSING, fit_logistic, data, outcome="y", predictors=["x", "z"]
    )
    assert err.problem.column == "z"


def test_no_complete_case():
    data = _frame().assign(x=[1.0, np.nan] * 20, z=[np.nan, 1.0] * 20)
    _raises(ErrorCode.STATS_ALL_MISSING, fit_logistic, data, outcome="y", predictors=["x", "z"])


def test_complete_separation():
    data = _frame()
    data["y"] = (data["x"] > 0).astype(int)
    err = _raises(ErrorCode.STATS_SEPARATION, fit_logistic, data, outcome="y", predictors=["x"])
    assert "fitted probability of 0 or 1" in str(err)


def test_quasi_complete_separation_by_a_category():
    data = _frame()
    data.loc[data["g"] == "a", "y"] = 1  # level a: events only; other levels mixed
    err = _raises(
        ErrorCode.STATS_SEPARATION, fit_logistic, data, outcome="y", predictors=["g", "z"],
        categorical=["g"],
    )  # fmt: skip
    assert "g[a]" in str(err)


def test_separation_during_stepwise_is_reported(stepdata):
    data = stepdata.copy()
    data["leak"] = np.where(data["y"] == 1, 1.0, -1.0) + data["x1"] / 100
    _raises(ErrorCode.STATS_SEPARATION, backward_stepwise, data, outcome="y",
            candidates=["x1", "leak"])  # fmt: skip


@pytest.mark.parametrize(
    "kwargs",
    [
        {"candidates": []},
        {"candidates": "x"},
        {"candidates": ["x"], "pin": 0.10, "pout": 0.05},
        {"candidates": ["x"], "pin": 0.10, "pout": 0.10},
        {"candidates": ["x"], "max_steps": -1},
    ],
)
def test_stepwise_invalid_arguments(kwargs):
    _raises(ErrorCode.STATS_INPUT, backward_stepwise, _frame(), outcome="y", **kwargs)
