"""The explanatory models of Tekstvak 2: what goes with better quality, efficiency and
employee satisfaction.

The three models are data (:data:`~barometer.stats.models_spec.MODELS`): an outcome, the candidate predictors (the same
for all three, :data:`~barometer.stats.models_spec.PREDICTORS`), which of them are categorical, labels in Dutch and
English, and what the 2021 report printed (its "Adj R²" and the directions it named).
:func:`~barometer.stats.models_frame.model_frame` turns the answers of the innovators into the predictors;
:func:`run_models` selects each model with :func:`~barometer.stats.logistic_stepwise.backward_stepwise`
(SPSS ``BSTEP(LR)``, POUT .10, PIN .05, one listwise sample) and returns one
:class:`ModelRun` per model, with the error message in place of a model that cannot be
fitted. Pure functions: no I/O.

The module is in three parts:

- :mod:`barometer.stats.models_spec`: the models as data (predictors, their coding and
  labels, the outcomes, what 2021 printed);
- :mod:`barometer.stats.models_frame`: the climate score and the model frame made from the
  answers, and the coefficient labels;
- this module: running the selection (:func:`run_models`) and reading the final models
  (:func:`significant_effects`).

A logistic model has no adjusted R² (the 2021 report printed "Adj R²", see the
``inconsistencies`` of ``ibo2021-published.yaml``); we report −2LL, the omnibus test, Cox &
Snell and Nagelkerke R² and the Hosmer-Lemeshow test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from barometer.errors import BarometerError
from barometer.stats.logistic import Coefficient
from barometer.stats.logistic_stepwise import StepwiseResult, backward_stepwise
from barometer.stats.models_frame import ClimateScore, ModelFrame, model_frame
from barometer.stats.models_spec import MODELS, PREDICTORS_BY_NAME, ModelSpec, Sign

__all__ = ["Effect", "ModelRun", "ModelsResult", "run_models", "significant_effects"]


# --------------------------------------------------------------------------- running
@dataclass(frozen=True, eq=False)
class ModelRun:
    """One model: the stepwise result, or the message why it could not be fitted."""

    spec: ModelSpec
    result: StepwiseResult | None
    error: str | None
    dropped: tuple[tuple[str, str], ...]  # (candidate, reason) left out before selection
    reference: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result is not None


@dataclass(frozen=True, eq=False)
class ModelsResult:
    """The three Tekstvak 2 models on one model frame."""

    frame: ModelFrame
    runs: tuple[ModelRun, ...]
    pin: float
    pout: float
    min_cases: int

    def run(self, key: str) -> ModelRun:
        for r in self.runs:
            if r.spec.key == key:
                return r
        raise KeyError(key)


def _prepare(
    frame: ModelFrame, spec: ModelSpec, min_cases: int
) -> tuple[pd.DataFrame, list[str], list[str], dict[str, str], list[tuple[str, str]]]:
    columns = [spec.outcome, *spec.candidates]
    sample = frame.data[columns].dropna()
    candidates: list[str] = []
    dropped: list[tuple[str, str]] = []
    reference: dict[str, str] = {}
    for name in spec.candidates:
        values = sample[name]
        levels = values.value_counts()
        if len(levels) < 2:
            dropped.append((name, "constant in the sample"))
            continue
        if name in spec.categorical:
            ref = spec.reference.get(name)
            reference[name] = (
                ref if ref is not None and ref in levels.index else str(levels.idxmax())
            )
        elif PREDICTORS_BY_NAME[name].kind == "dummy" and int(levels.min()) < min_cases:
            dropped.append((name, f"only {int(levels.min())} cases in its rarer category"))
            continue
        candidates.append(name)
    categorical = [c for c in spec.categorical if c in candidates]
    return sample, candidates, categorical, reference, dropped


def run_models(
    data: pd.DataFrame | ModelFrame,
    *,
    specs: Sequence[ModelSpec] = MODELS,
    pout: float = 0.10,
    pin: float = 0.05,
    min_cases: int = 10,
    climate: ClimateScore | None = None,
    questionnaire: Any = None,
) -> ModelsResult:
    """Select each model of ``specs`` by backward stepwise logistic regression.

    Parameters
    ----------
    data : pandas.DataFrame or ModelFrame
        The responses (see :func:`model_frame`) or a prepared model frame.
    specs : sequence of ModelSpec, default :data:`MODELS`
    pout, pin : float
        Removal and entry probabilities (SPSS ``/CRITERIA=POUT(.10) PIN(.05)``).
    min_cases : int, default 10
        A dummy with fewer cases in its rarer category is left out; smaller sectors and
        size classes are merged (:func:`model_frame`).
    climate, questionnaire
        Passed to :func:`model_frame`.

    Returns
    -------
    ModelsResult
        One :class:`ModelRun` per spec. A model that cannot be fitted (too few cases,
        separation, a constant outcome) has ``result=None`` and the
        :class:`~barometer.errors.StatsError` message in ``error``.

    Notes
    -----
    Each model uses one listwise sample: innovators with a value on the outcome and on
    every candidate that is kept; n does not change between steps. BLAS runs on one thread
    during the fits: the matrices are small and multi-threaded BLAS only adds overhead.

    Examples
    --------
    >>> from barometer.dataset.synthetic.wave import make_wave  # doctest: +SKIP
    >>> res = run_models(make_wave(2021).dataset.data)  # doctest: +SKIP
    >>> res.run("quality").result.final.terms  # doctest: +SKIP
    """
    frame = (
        data
        if isinstance(data, ModelFrame)
        else model_frame(data, climate=climate, questionnaire=questionnaire, min_cases=min_cases)
    )
    runs = []
    with threadpool_limits(limits=1, user_api="blas"):
        for spec in specs:
            sample, candidates, categorical, reference, dropped = _prepare(frame, spec, min_cases)
            try:
                if not candidates:
                    raise _no_candidates(spec, len(sample))
                result = backward_stepwise(
                    sample, outcome=spec.outcome, candidates=candidates,
                    categorical=categorical, reference=reference, pout=pout, pin=pin,
                )  # fmt: skip
                runs.append(ModelRun(spec, result, None, tuple(dropped), reference))
            except BarometerError as exc:
                runs.append(ModelRun(spec, None, str(exc), tuple(dropped), reference))
    return ModelsResult(frame, tuple(runs), pin, pout, min_cases)


def _no_candidates(spec: ModelSpec, n: int) -> BarometerError:
    from barometer.errors import ErrorCode, StatsError

    return StatsError(
        ErrorCode.STATS_TOO_FEW,
        detail=f"no candidate predictor varies in the {n} complete cases for '{spec.outcome}'",
    )


# --------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Effect:
    """A predictor of the final model that is significant, with its direction."""

    term: str
    coefficient: str
    sign: Sign
    b: float
    exp_b: float
    p: float


def significant_effects(run: ModelRun, *, alpha: float = 0.05) -> tuple[Effect, ...]:
    """The final model's coefficients with p < ``alpha`` (Wald), strongest first.

    A categorical predictor counts when its joint Wald test is significant; then each of its
    levels with p < ``alpha`` is an effect (direction relative to the reference level).
    """
    if run.result is None:
        return ()
    fit = run.result.final
    joint = {t.term: t.p for t in fit.term_tests}
    out: list[Effect] = []
    for c in fit.coefficients:
        if c.name == "Constant" or c.p >= alpha:
            continue
        if c.term in joint and joint[c.term] >= alpha:
            continue
        out.append(_effect(c))
    return tuple(sorted(out, key=lambda e: (e.p, e.coefficient)))


def _effect(c: Coefficient) -> Effect:
    sign: Sign = "+" if c.b > 0 else "-"
    return Effect(c.term, c.name, sign, c.b, c.exp_b, c.p)
