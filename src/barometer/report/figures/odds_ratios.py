"""Tekstvak 2 in the body of the report: the three logistic regressions, read for a reader.

For each outcome one or two plain sentences name the characteristics that go with it and in
which direction (the final model's coefficients with p < 0.05, as the findings chapter names
them), and a forest plot shows the odds ratio (Exp(B)) of every predictor in each final
model with its 95% interval on a log axis (chart kind ``odds_ratios``,
:mod:`barometer.report.charts.odds`). The table behind the chart (and its CSV) holds those
odds ratios and intervals. The full output of the models (every step, B, SE, Wald, df, p,
−2LL, pseudo-R², Hosmer-Lemeshow, the classification table) is the annex entry
``tab04_logistic_output`` (:func:`barometer.report.figures.logistic.logistic_output`).
"""

from __future__ import annotations

import pandas as pd

from barometer.report.catalogue import FigureSpec, get_spec
from barometer.report.figures.core import Context, FigureData
from barometer.report.figures.logistic import models_for
from barometer.report.figures.models_wording import mt
from barometer.report.findings.wording import join_words, phrase
from barometer.report.text import fmt_int, t
from barometer.stats.disclosure import check_min_n
from barometer.stats.models import ModelRun, ModelsResult, significant_effects
from barometer.stats.models_frame import coefficient_label

__all__ = ["ALPHA", "ANNEX", "logistic_models", "odds_table"]

ANNEX = "tab04_logistic_output"
"""The catalogue entry holding the full output of the models."""

ALPHA = 0.05
"""A characteristic is named in the text when its coefficient has p < ALPHA (as the
findings chapter names them)."""


def _model_text(run: ModelRun, res: ModelsResult, lang: str) -> str:
    outcome = run.spec.label_in(lang)
    if run.result is None:
        return mt(lang, "or_failed", outcome=outcome, reason=run.error or "")
    effects = significant_effects(run, alpha=ALPHA)
    pos = [phrase(e.coefficient, lang, res) for e in effects if e.sign == "+"]
    neg = [phrase(e.coefficient, lang, res) for e in effects if e.sign == "-"]
    key = "or_both" if pos and neg else "or_pos" if pos else "or_neg" if neg else "or_none"
    text = mt(lang, key, outcome=outcome, pos=join_words(pos, lang) if pos else "",
              neg=join_words(neg, lang) if neg else "")  # fmt: skip
    return text[:1].upper() + text[1:]


def odds_table(res: ModelsResult, lang: str) -> pd.DataFrame:
    """One row per coefficient (the constant left out) of each final model: the model
    (``series``), the predictor (``category``), Exp(B) and its 95% interval."""
    out = []
    for run in res.runs:
        if run.result is None:
            continue
        fit = run.result.final
        for c in fit.coefficients:
            if c.name == "Constant":
                continue
            out.append({
                "key": f"{run.spec.key}:{c.name}", "series_key": run.spec.key,
                "category": coefficient_label(c.name, lang, res.frame),
                "series": run.spec.label_in(lang), "n": fit.n, "exp_b": c.exp_b,
                "or_low": c.ci_low, "or_high": c.ci_high, "significant": c.p < ALPHA,
            })  # fmt: skip
    return pd.DataFrame(out, columns=["key", "series_key", "category", "series", "n", "exp_b",
                                      "or_low", "or_high", "significant"])  # fmt: skip


def logistic_models(ctx: Context, spec: FigureSpec) -> FigureData:
    """Tekstvak 2: what goes with each of the three results, in words and as odds ratios."""
    lang = ctx.lang
    n = int(ctx.population(spec.base).sum())
    if not check_min_n(n, ctx.min_n):
        return FigureData(spec, lang, base_n=n, message=t(lang, "too_few", n=n, min_n=ctx.min_n))
    res = models_for(ctx)
    outcomes = join_words([r.spec.label_in(lang).lower() for r in res.runs], lang)
    annex = get_spec(ANNEX).number_label(lang)
    paragraphs = [
        mt(lang, "or_intro", outcomes=outcomes, n=fmt_int(res.frame.n_innovators, lang)),
        *(_model_text(r, res, lang) for r in res.runs),
        mt(lang, "or_reading", annex=annex),
    ]
    table = odds_table(res, lang)
    excluded = {}
    sample = next((r.result.n_excluded for r in res.runs if r.result is not None), None)
    if sample:
        excluded["no_answer"] = int(sample)
    return FigureData(spec, lang, table=table if len(table) else None,
                      base_n=res.frame.n_innovators, excluded=excluded,
                      paragraphs=tuple(paragraphs), detail=res)  # fmt: skip
