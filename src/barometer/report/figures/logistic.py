"""Tekstvak 2: the logistic regressions, computed for the report, and their full output.

:func:`models_for` runs :func:`barometer.stats.models.run_models` once per report context. The
body of the report reads them for a reader (:mod:`barometer.report.figures.odds_ratios`); the
annex entry ``tab04_logistic_output`` (:func:`logistic_output`) prints, per model, the selection steps, the final "Variables in the Equation" table (B, SE, Wald,
df, p, Exp(B) with its 95% interval), the model fit (−2LL, omnibus test, Cox & Snell and
Nagelkerke R², Hosmer-Lemeshow), the classification table and the 2021 directions next to
ours. A model that cannot be fitted shows its error message in its place. The models are
unweighted (explanatory models, as in 2021). The wording is in
:mod:`barometer.report.figures.models_wording`.
"""

from __future__ import annotations

import math
import re
from weakref import WeakKeyDictionary

from barometer.report.catalogue import FigureSpec
from barometer.report.figures.core import Block, Context, ExtraTable, FigureData
from barometer.report.figures.models_wording import LETTERS, fmt_csv, fmt_dec, mt
from barometer.report.text import fmt_int, t
from barometer.report.wording import section
from barometer.stats.disclosure import check_min_n
from barometer.stats.models import ModelRun, ModelsResult, run_models, significant_effects
from barometer.stats.models_frame import (
    ClimateScore,
    climate_score,
    coefficient_label,
    default_climate,
    model_frame,
)
from barometer.stats.models_spec import CANDIDATES, CODING_NOTES

__all__ = ["logistic_output", "models_for"]

_MODELS: WeakKeyDictionary[Context, ModelsResult] = WeakKeyDictionary()
_COLUMNS = section("models_columns")


def _climate(ctx: Context) -> ClimateScore:
    """The climate scale of the report (:func:`~barometer.report.figures.climate.analysis_for`,
    computed once per context); the provisional mean when it cannot be computed."""
    try:
        from barometer.report.figures.climate import analysis_for
    except ImportError:
        return climate_score(ctx.data)
    return default_climate(ctx.data, analysis=lambda _data: analysis_for(ctx))


def models_for(ctx: Context) -> ModelsResult:
    """The Tekstvak 2 models of the context's data (computed once per context)."""
    result = _MODELS.get(ctx)
    if result is None:
        frame = model_frame(
            ctx.data, climate=_climate(ctx), questionnaire=ctx.dataset.questionnaire
        )
        result = run_models(frame)
        _MODELS[ctx] = result
    return result


def _heads(lang: str, table: str) -> tuple[str, ...]:
    """The column headers of one of Tekstvak 2's annex tables (wording ``models_columns``)."""
    return tuple(_COLUMNS.get(lang, _COLUMNS["nl"])[table])


def _climate_note(lang: str, score: ClimateScore) -> str:
    if score.rest_of:
        left = ", ".join(score.rest_of)
        note = mt(lang, "climate_rest", left=left, k=len(score.items))
    elif score.source == "climate_analysis":
        note = mt(lang, "climate_scale", k=len(score.items))
    else:
        note = mt(lang, "climate_provisional", k=len(score.items))
    return mt(lang, "climate_source", note=note)


def _effects_text(run: ModelRun, res: ModelsResult, lang: str, alpha: float) -> str:
    effects = significant_effects(run, alpha=alpha)
    if not effects:
        return mt(lang, "found_none", alpha=fmt_dec(alpha, lang, 2))
    parts = []
    for sign, key in (("+", "positive"), ("-", "negative")):
        names = [
            coefficient_label(e.coefficient, lang, res.frame) for e in effects if e.sign == sign
        ]
        if names:
            parts.append(mt(lang, key, names=", ".join(names)))
    return mt(lang, "found", alpha=fmt_dec(alpha, lang, 2), effects="; ".join(parts))


def _steps_table(run: ModelRun, res: ModelsResult, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    rows = []
    for s in run.result.steps:
        term = coefficient_label(s.term, lang, res.frame) if s.term else ""
        rows.append((str(s.number), mt(lang, s.action), term, fmt_csv(s.statistic), str(s.df or ""),
                     fmt_csv(s.p), fmt_csv(s.minus2ll), fmt_csv(s.model_chi2), str(s.model_df),
                     fmt_csv(s.model_p)))  # fmt: skip
    cols = ("step", "action", "variable", "statistic", "df", "p", "minus2ll", "model_chi2",
            "model_df", "model_p")  # fmt: skip
    return ExtraTable(f"{run.spec.key}_steps", cap, cols, _heads(lang, "steps"),
                      tuple(rows), mt(lang, "steps_note"))  # fmt: skip


def _final_table(run: ModelRun, res: ModelsResult, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    fit = run.result.final
    joint = {tt.term: tt for tt in fit.term_tests}
    rows = []
    shown: set[str] = set()
    for c in fit.coefficients:
        if c.term in joint and c.term not in shown:
            tt = joint[c.term]
            rows.append((coefficient_label(c.term, lang, res.frame), "", "", fmt_csv(tt.wald),
                         str(tt.df), fmt_csv(tt.p), "", "", ""))  # fmt: skip
            shown.add(c.term)
        rows.append((coefficient_label(c.name, lang, res.frame), fmt_csv(c.b), fmt_csv(c.se), fmt_csv(c.wald),
                     str(c.df), fmt_csv(c.p), fmt_csv(c.exp_b), fmt_csv(c.ci_low), fmt_csv(c.ci_high)))  # fmt: skip
    cols = ("variable", "b", "se", "wald", "df", "p", "exp_b", "ci_low", "ci_high")
    refs = [f"{coefficient_label(v, lang, res.frame)}: "
            f"{res.frame.level_labels.get(v, {}).get(str(r), {}).get(lang, str(r))}"
            for v, r in fit.reference_levels]  # fmt: skip
    ref_word = mt(lang, "ref_word")
    note = mt(lang, "p_rounding") + (f" {ref_word}: {'; '.join(refs)}." if refs else "")
    return ExtraTable(f"{run.spec.key}_final", cap, cols, _heads(lang, "final"),
                      tuple(rows), note)  # fmt: skip


def _fit_table(run: ModelRun, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    fit = run.result.final
    hl = fit.hosmer_lemeshow
    rows = [
        (mt(lang, "m2ll"), fmt_csv(fit.minus2ll), "", ""),
        (mt(lang, "omnibus"), fmt_csv(fit.model_chi2), str(fit.model_df), fmt_csv(fit.model_p)),
        (mt(lang, "cox_snell"), fmt_csv(fit.cox_snell_r2), "", ""),
        (mt(lang, "nagelkerke"), fmt_csv(fit.nagelkerke_r2), "", ""),
        (mt(lang, "hl"), fmt_csv(hl.chi2), str(hl.df), fmt_csv(hl.p)) if hl else (mt(lang, "hl_none"), "", "", ""),
        (mt(lang, "n_cases"), str(fit.n), "", ""),
        (mt(lang, "n_events"), str(fit.n_events), "", ""),
        (mt(lang, "adj_2021"), fmt_csv(run.spec.published_adj_r2), "", ""),
    ]  # fmt: skip
    return ExtraTable(f"{run.spec.key}_fit", cap, ("measure", "value", "df", "p"),
                      _heads(lang, "fit"), tuple(rows))  # fmt: skip


def _class_table(run: ModelRun, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    ct = run.result.final.classification
    (c00, c01), (c10, c11) = ct.counts
    rows = (
        (mt(lang, "observed_no"), str(c00), str(c01), fmt_csv(ct.percent_correct_nonevents, 1)),
        (mt(lang, "observed_yes"), str(c10), str(c11), fmt_csv(ct.percent_correct_events, 1)),
        (mt(lang, "overall"), "", "", fmt_csv(ct.percent_correct_overall, 1)),
    )
    return ExtraTable(f"{run.spec.key}_classification", cap,
                      ("observed", "predicted_no", "predicted_yes", "pct_correct"),
                      _heads(lang, "classification"), rows)  # fmt: skip


def _published_table(run: ModelRun, res: ModelsResult, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    fit = run.result.final
    dropped = {name for name, _ in run.dropped}
    rows = []
    for pe in run.spec.published:
        names = [f"{pe.predictor}[{lv}]" for lv in pe.levels] or [pe.predictor]
        for name in names:
            direction = mt(lang, "dir_pos" if pe.sign == "+" else "dir_neg")
            label = coefficient_label(name, lang, res.frame)
            try:
                c = fit.coefficient(name)
            except KeyError:
                verdict = mt(lang, "v_dropped" if pe.predictor in dropped else "v_not_selected")
                rows.append((label, direction, "", "", verdict))
                continue
            same = (c.b > 0) == (pe.sign == "+")
            verdict = mt(lang, ("v_same" if c.p < 0.05 else "v_same_ns") if same else "v_opposite")
            rows.append((label, direction, fmt_csv(c.b), fmt_csv(c.p), verdict))
    return ExtraTable(f"{run.spec.key}_2021", cap, ("variable", "direction_2021", "b", "p",
                      "this_wave"), _heads(lang, "published"), tuple(rows))  # fmt: skip


_NOTES_NL = (
    (re.compile(r"only ([\d.]+) cases of the rarer outcome per parameter \(fewer than 10\): "
                r"estimates may be unstable"),
     "slechts {0} gevallen van de zeldzaamste uitkomst per parameter (minder dan 10): de "
     "schattingen kunnen instabiel zijn"),
    (re.compile(r"Hosmer-Lemeshow test not computed: fewer than 3 groups of risk"),
     "Hosmer-Lemeshow-toets niet berekend: minder dan drie risicogroepen"),
)  # fmt: skip


def start_epv(run: ModelRun) -> tuple[int, float]:
    """The starting model's degrees of freedom (parameters besides the constant, all
    candidates in) and its cases of the rarer outcome per parameter."""
    assert run.result is not None
    fit = run.result.final
    df = run.result.steps[0].model_df if run.result.steps else len(fit.terms)
    rarer = min(fit.n_events, fit.n - fit.n_events)
    return df, (rarer / df if df else math.inf)


def _note(text: str, lang: str) -> str:
    """A note of the statistics (English) in the report's language, where known."""
    if lang != "nl":
        return text
    for pattern, nl in _NOTES_NL:
        m = pattern.fullmatch(text)
        if m:
            return nl.format(*(g.replace(".", ",") for g in m.groups()))
    return text


def _model_block(run: ModelRun, res: ModelsResult, lang: str, number: str, k: int) -> Block:
    letter = LETTERS[k]
    model = run.spec.label_in(lang)
    title = mt(lang, "block_title", letter=letter, model=model)
    paragraphs: list[str] = []
    if run.dropped:
        names = ", ".join(coefficient_label(n, lang, res.frame) for n, _ in run.dropped)
        paragraphs.append(mt(lang, "dropped", names=names))
    if run.result is None:
        return Block(run.spec.key, title, tuple(paragraphs),
                     message=mt(lang, "failed", reason=run.error or ""))  # fmt: skip
    fit = run.result.final
    found = _effects_text(run, res, lang, 0.05)
    df, epv = start_epv(run)
    paragraphs.insert(0, mt(lang, "summary", n=fmt_int(fit.n, lang),
                            events=fmt_int(fit.n_events, lang), df=df, epv=fmt_dec(epv, lang, 1),
                            epv_warning=mt(lang, "epv_low") if epv < 10 else "",
                            found=found))  # fmt: skip
    paragraphs.extend(_note(n, lang) + "." for n in run.result.notes)
    kw = {"number": number, "letter": letter, "model": model}
    tables = (
        _final_table(run, res, lang, mt(lang, "cap_final", **kw)),
        _fit_table(run, lang, mt(lang, "cap_fit", **kw)),
        _class_table(run, lang, mt(lang, "cap_class", cut=fmt_dec(fit.classification.cut, lang, 2), **kw)),
        _published_table(run, res, lang, mt(lang, "cap_2021", **kw)),
        _steps_table(run, res, lang, mt(lang, "cap_steps", **kw)),
    )  # fmt: skip
    return Block(run.spec.key, title, tuple(paragraphs), tables)


def _sector_size(res: ModelsResult, lang: str) -> str:
    present = []
    for name in ("sector", "size"):
        if any(r.result is not None and name in r.result.final.terms for r in res.runs):
            present.append(coefficient_label(name, lang, res.frame))
    text = mt(lang, "in_model", names=", ".join(present)) if present else mt(lang, "none_in_model")
    return mt(lang, "sector_size", text=text)


def logistic_output(ctx: Context, spec: FigureSpec) -> FigureData:
    """The annex of Tekstvak 2: the full output of its three backward stepwise logistic
    regressions among the innovators."""
    lang = ctx.lang
    n = int(ctx.population(spec.base).sum())
    if not check_min_n(n, ctx.min_n):
        return FigureData(spec, lang, base_n=n, message=t(lang, "too_few", n=n, min_n=ctx.min_n))
    res = models_for(ctx)
    number = spec.number_label(lang)
    values = "; ".join(
        mt(lang, "adj_r2_item", model=r.spec.label_in(lang).lower(),
           value=fmt_dec(r.spec.published_adj_r2, lang).lstrip("0"))
        for r in res.runs
    )  # fmt: skip
    candidates = ", ".join(coefficient_label(c, lang, res.frame) for c in CANDIDATES)
    from barometer.report.catalogue import get_spec

    textbox = get_spec("textbox2_logistic_regressions").number_label(lang)
    paragraphs = [
        mt(lang, "annex_intro", textbox=textbox),
        mt(lang, "method", pout=fmt_dec(res.pout, lang, 2), pin=fmt_dec(res.pin, lang, 2)),
        mt(lang, "candidates", names=candidates),
        CODING_NOTES.get(lang, CODING_NOTES["nl"]),
        mt(lang, "adj_r2", values=values),
        _climate_note(lang, res.frame.climate),
        _sector_size(res, lang),
    ]
    merged = [lab[lang] for term in ("sector", "size")
              for code, lab in res.frame.level_labels.get(term, {}).items() if "+" in code
              or code == "overig"]  # fmt: skip
    if merged:
        paragraphs.append(mt(lang, "merged", names="; ".join(merged)))
    blocks = tuple(_model_block(r, res, lang, number, k) for k, r in enumerate(res.runs))
    excluded = {}
    sample = next((r.result.n_excluded for r in res.runs if r.result is not None), None)
    if sample:
        excluded["no_answer"] = int(sample)
    return FigureData(spec, lang, base_n=res.frame.n_innovators, excluded=excluded,
                      paragraphs=tuple(paragraphs), blocks=blocks, detail=res)  # fmt: skip
