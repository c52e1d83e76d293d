"""Logistic regression: one model (:func:`fit_logistic`) and SPSS BSTEP(LR) selection.

The code lives in :mod:`barometer.stats.logistic_fit` and
:mod:`barometer.stats.logistic_stepwise`; this module is the public entry point.
"""

from __future__ import annotations

from barometer.stats.logistic_fit import (
    ClassificationTable,
    Coefficient,
    HosmerLemeshow,
    HosmerLemeshowGroup,
    LogisticFit,
    TermWald,
    fit_logistic,
    hosmer_lemeshow,
)
from barometer.stats.logistic_stepwise import (
    Step,
    StepwiseResult,
    TermStatistic,
    backward_stepwise,
)

__all__ = [
    "ClassificationTable",
    "Coefficient",
    "HosmerLemeshow",
    "HosmerLemeshowGroup",
    "LogisticFit",
    "Step",
    "StepwiseResult",
    "TermStatistic",
    "TermWald",
    "backward_stepwise",
    "fit_logistic",
    "hosmer_lemeshow",
]
