"""Tekstvak 2 (the logistic regressions) and Afbeelding 2 (concept clusters in the open
answers), computed for the report.

Tekstvak 2 runs :func:`barometer.stats.models.run_models` once per report context and prints,
per model, the selection steps, the final "Variables in the Equation" table (B, SE, Wald,
df, p, Exp(B) with its 95% interval), the model fit (−2LL, omnibus test, Cox & Snell and
Nagelkerke R², Hosmer-Lemeshow), the classification table and the 2021 directions next to
ours. A model that cannot be fitted shows its error message in its place. The models are
unweighted (explanatory models, as in 2021).

Afbeelding 2 scrubs the open descriptions of the frame's organisation and person names,
e-mail addresses, URLs and phone numbers (:func:`scrub_answers`), finds two concept clusters
(:func:`barometer.stats.text.concept_clusters`) and draws a word cloud and a top-terms table
per cluster. Cluster titles come from each cluster's heaviest terms; the 2021 labels are
shown next to them for comparison only. Every text reaches the page through the
autoescaping template.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from barometer.errors import BarometerError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures import (
    Block,
    Context,
    ExtraTable,
    FigureData,
    Image,
    _row,
    register,
)
from barometer.report.text import fmt_int, t
from barometer.stats.disclosure import check_min_n
from barometer.stats.models import (
    CANDIDATES,
    CODING_NOTES,
    ClimateScore,
    ModelRun,
    ModelsResult,
    climate_score,
    coefficient_label,
    model_frame,
    run_models,
    significant_effects,
)
from barometer.stats.text import (
    ConceptClusters,
    concept_clusters,
    render_wordcloud,
    word_frequencies,
)
from barometer.stats.text_prep import PLACEHOLDERS, scrub_text

__all__ = [
    "LABELS_2021",
    "cluster_title",
    "label_2021",
    "models_for",
    "scrub_answers",
    "text_clusters_for",
]

_MODELS: WeakKeyDictionary[Context, ModelsResult] = WeakKeyDictionary()
_TEXTS: WeakKeyDictionary[Context, dict[tuple[str, int], Any]] = WeakKeyDictionary()

MT: dict[str, dict[str, str]] = {
    "nl": {
        "method": (
            "Logistische regressie, achterwaarts stapsgewijs op basis van de likelihood-ratio "
            "(zoals SPSS BSTEP(LR)): een variabele valt af bij p > {pout} en komt terug bij "
            "p < {pin}. Elk model gebruikt één steekproef: de organisaties die innoveerden en een "
            "waarde hebben op de uitkomst en op alle kandidaten. De modellen zijn ongewogen."
        ),
        "climate_source": "Innovatieklimaat: {note}.",
        "candidates": "Kandidaat-voorspellers, gelijk voor de drie modellen: {names}.",
        "adj_r2": (
            "Het rapport van 2021 gaf bij deze modellen een 'Adj R²' ({values}). Een logistisch "
            "model heeft geen (aangepaste) R²: er wordt geen variantie van een kwadratensom "
            "verklaard. Het heeft wel pseudo-R²-maten; hier staan Cox & Snell en Nagelkerke, met "
            "−2LL, de omnibustoets en de Hosmer-Lemeshow-toets. Welke maat 2021 bedoelde, is niet "
            "na te gaan; vergelijk de waarden daarom niet één op één."
        ),
        "adj_r2_item": "{model} {value}",
        "block_title": "{letter}. {model}",
        "failed": "Dit model kon niet worden geschat: {reason}",
        "summary": "n = {n}, waarvan {events} met dit resultaat. {found}",
        "found": "Significant (p < {alpha}): {effects}.",
        "found_none": "Geen enkele voorspeller is significant (p < {alpha}).",
        "positive": "positief samenhangend: {names}",
        "negative": "negatief samenhangend: {names}",
        "dropped": "Vooraf weggelaten (te weinig gevallen): {names}.",
        "stop": "Selectie gestopt: {reason}.",
        "merged": "Samengevoegd in het model: {names}.",
        "cap_steps": "{number}{letter}. {model}: stappen",
        "cap_final": "{number}{letter}. {model}: variabelen in de vergelijking",
        "cap_fit": "{number}{letter}. {model}: modelfit",
        "cap_class": "{number}{letter}. {model}: classificatietabel (afkappunt {cut})",
        "cap_2021": "{number}{letter}. {model}: richtingen volgens 2021 en in deze meting",
        "p_rounding": "p = 0,000 betekent p < 0,0005.",
        "start": "begin (alle kandidaten)",
        "remove": "verwijderd",
        "enter": "opgenomen",
        "m2ll": "−2 log-likelihood",
        "omnibus": "Omnibustoets (chi-kwadraat)",
        "cox_snell": "Cox & Snell R²",
        "nagelkerke": "Nagelkerke R²",
        "hl": "Hosmer-Lemeshow (chi-kwadraat)",
        "hl_none": "Hosmer-Lemeshow: niet berekend (minder dan drie risicogroepen)",
        "n_cases": "n (organisaties in het model)",
        "n_events": "waarvan met dit resultaat",
        "adj_2021": "'Adj R²' volgens het rapport van 2021 (geen maat voor dit model)",
        "observed_no": "Waargenomen: nee",
        "observed_yes": "Waargenomen: ja",
        "overall": "Totaal",
        "dir_pos": "positief",
        "dir_neg": "negatief",
        "v_same": "zelfde richting, significant",
        "v_same_ns": "zelfde richting, niet significant",
        "v_opposite": "tegengestelde richting",
        "v_not_selected": "niet in het eindmodel",
        "v_dropped": "geen kandidaat (te weinig gevallen)",
        "sector_size": "In 2021 hingen sector en omvang met geen van de drie resultaten samen; hier: {text}.",
        "in_model": "{names} in een eindmodel",
        "none_in_model": "geen van beide in een eindmodel",
        # Afbeelding 2
        "clusters_intro": (
            "Met tekstanalyse zijn in {n} beschrijvingen twee groepen van samenhangende "
            "begrippen gevonden. Elke beschrijving is toegewezen aan de groep waarvan de "
            "begrippen er het zwaarst in wegen. De titels zijn de zwaarste begrippen van elke "
            "groep; het label van 2021 staat er ter vergelijking naast."
        ),
        "scrubbed": (
            "Alle antwoorden zijn eerst ontdaan van namen van organisaties en personen uit het "
            "steekproefkader, e-mailadressen, webadressen en telefoonnummers; alles draait lokaal."
        ),
        "not_scrubbed_names": (
            "Zonder steekproefkader konden namen van organisaties en personen niet worden "
            "verwijderd; e-mailadressen, webadressen en telefoonnummers wel."
        ),
        "cluster_title": "Groep {k}: {title}",
        "label_2021": "label 2021: {label}",
        "no_label_2021": "geen overeenkomend label in 2021",
        "cloud_alt": "Woordwolk van groep {k}, {title}. Grootste begrippen: {terms}.",
        "cloud_caption": "{number}{letter}. Groep {k}: {title} ({label}).",
        "cap_terms": "{number}{letter}. Groep {k}: {title}, meest kenmerkende begrippen",
        "example": "Voorbeeld (geanonimiseerd): “{text}”",
        "col_term": "Begrip",
        "col_rank": "Rang",
        "col_frequency": "Aantal keer genoemd",
        "col_answers": "Aantal antwoorden",
        "col_weight": "Gewicht in de groep",
        "text_failed": "De tekstanalyse kon niet worden uitgevoerd: {reason}",
        "ex_empty": "{n} zonder beschrijving",
    },
    "en": {
        "method": (
            "Logistic regression, backward stepwise by likelihood ratio (as SPSS BSTEP(LR)): a "
            "variable is removed at p > {pout} and re-entered at p < {pin}. Each model uses one "
            "sample: the organisations that innovated with a value on the outcome and on every "
            "candidate. The models are unweighted."
        ),
        "climate_source": "Innovation climate: {note}.",
        "candidates": "Candidate predictors, the same for the three models: {names}.",
        "adj_r2": (
            "The 2021 report gave an 'Adj R²' for these models ({values}). A logistic model has "
            "no (adjusted) R²: it does not explain the variance of a sum of squares. It has "
            "pseudo-R² measures; shown here are Cox & Snell and Nagelkerke, with −2LL, the "
            "omnibus test and the Hosmer-Lemeshow test. Which measure 2021 meant cannot be "
            "traced, so do not compare the values one to one."
        ),
        "adj_r2_item": "{model} {value}",
        "block_title": "{letter}. {model}",
        "failed": "This model could not be estimated: {reason}",
        "summary": "n = {n}, of which {events} with this result. {found}",
        "found": "Significant (p < {alpha}): {effects}.",
        "found_none": "No predictor is significant (p < {alpha}).",
        "positive": "positively associated: {names}",
        "negative": "negatively associated: {names}",
        "dropped": "Left out beforehand (too few cases): {names}.",
        "stop": "Selection stopped: {reason}.",
        "merged": "Merged in the model: {names}.",
        "cap_steps": "{number}{letter}. {model}: steps",
        "cap_final": "{number}{letter}. {model}: variables in the equation",
        "cap_fit": "{number}{letter}. {model}: model fit",
        "cap_class": "{number}{letter}. {model}: classification table (cut value {cut})",
        "cap_2021": "{number}{letter}. {model}: directions in 2021 and in this wave",
        "p_rounding": "p = 0.000 means p < 0.0005.",
        "start": "start (all candidates)",
        "remove": "removed",
        "enter": "entered",
        "m2ll": "−2 log likelihood",
        "omnibus": "Omnibus test (chi-square)",
        "cox_snell": "Cox & Snell R²",
        "nagelkerke": "Nagelkerke R²",
        "hl": "Hosmer-Lemeshow (chi-square)",
        "hl_none": "Hosmer-Lemeshow: not computed (fewer than three risk groups)",
        "n_cases": "n (organisations in the model)",
        "n_events": "of which with this result",
        "adj_2021": "'Adj R²' as printed in 2021 (not a measure for this model)",
        "observed_no": "Observed: no",
        "observed_yes": "Observed: yes",
        "overall": "Overall",
        "dir_pos": "positive",
        "dir_neg": "negative",
        "v_same": "same direction, significant",
        "v_same_ns": "same direction, not significant",
        "v_opposite": "opposite direction",
        "v_not_selected": "not in the final model",
        "v_dropped": "not a candidate (too few cases)",
        "sector_size": "In 2021 neither sector nor size went with any of the three results; here: {text}.",
        "in_model": "{names} in a final model",
        "none_in_model": "neither in a final model",
        "clusters_intro": (
            "Text analysis found two groups of related concepts in {n} descriptions. Each "
            "description is assigned to the group whose concepts weigh most in it. The titles "
            "are each group's heaviest concepts; the 2021 label is shown next to them for "
            "comparison."
        ),
        "scrubbed": (
            "All answers were first cleaned of the names of organisations and persons in the "
            "sampling frame, e-mail addresses, web addresses and phone numbers; everything runs "
            "locally."
        ),
        "not_scrubbed_names": (
            "Without the sampling frame, names of organisations and persons could not be "
            "removed; e-mail addresses, web addresses and phone numbers were."
        ),
        "cluster_title": "Group {k}: {title}",
        "label_2021": "2021 label: {label}",
        "no_label_2021": "no matching 2021 label",
        "cloud_alt": "Word cloud of group {k}, {title}. Largest concepts: {terms}.",
        "cloud_caption": "{number}{letter}. Group {k}: {title} ({label}).",
        "cap_terms": "{number}{letter}. Group {k}: {title}, most characteristic concepts",
        "example": "Example (anonymised): “{text}”",
        "col_term": "Concept",
        "col_rank": "Rank",
        "col_frequency": "Times mentioned",
        "col_answers": "Answers",
        "col_weight": "Weight in the group",
        "text_failed": "The text analysis could not be run: {reason}",
        "ex_empty": "{n} without a description",
    },
}


def mt(lang: str, key: str, **fields: Any) -> str:
    """Wording of Tekstvak 2 and Afbeelding 2 (Dutch fallback)."""
    text = MT.get(lang, MT["nl"]).get(key) or MT["nl"][key]
    return text.format(**fields) if fields else text


def _n(x: float | None, decimals: int = 3) -> str:
    """A number as the CSV publishes it: fixed decimals, a point, "" when missing."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    return f"{x:.{decimals}f}"


def _dec(x: float, lang: str, decimals: int = 3) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


# --------------------------------------------------------------------------- Tekstvak 2
def _climate(ctx: Context) -> ClimateScore:
    try:
        from barometer.report.figures_climate import analysis_for

        res = analysis_for(ctx)
    except (ImportError, BarometerError) as exc:
        provisional = climate_score(ctx.data)
        if isinstance(exc, BarometerError):
            return ClimateScore(provisional.score, "provisional", provisional.items,
                                f"{provisional.note} (the scale failed: {exc})")  # fmt: skip
        return provisional
    kept = tuple(res.kept)
    return ClimateScore(res.score, "climate_analysis", kept,
                        f"climate score from climate_analysis ({len(kept)} statements)")  # fmt: skip


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


def _climate_note(lang: str, score: ClimateScore) -> str:
    if score.source == "climate_analysis":
        text = {"nl": f"de schaalscore (gemiddelde van {len(score.items)} stellingen)",
                "en": f"the scale score (mean of {len(score.items)} statements)"}  # fmt: skip
    else:
        text = {"nl": f"voorlopige score (gemiddelde van {len(score.items)} stellingen)",
                "en": f"provisional score (mean of {len(score.items)} statements)"}  # fmt: skip
    return mt(lang, "climate_source", note=text.get(lang, text["nl"]))


def _effects_text(run: ModelRun, res: ModelsResult, lang: str, alpha: float) -> str:
    effects = significant_effects(run, alpha=alpha)
    if not effects:
        return mt(lang, "found_none", alpha=_dec(alpha, lang, 2))
    parts = []
    for sign, key in (("+", "positive"), ("-", "negative")):
        names = [
            coefficient_label(e.coefficient, lang, res.frame) for e in effects if e.sign == sign
        ]
        if names:
            parts.append(mt(lang, key, names=", ".join(names)))
    return mt(lang, "found", alpha=_dec(alpha, lang, 2), effects="; ".join(parts))


def _steps_table(run: ModelRun, res: ModelsResult, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    rows = []
    for s in run.result.steps:
        term = coefficient_label(s.term, lang, res.frame) if s.term else ""
        rows.append((str(s.number), mt(lang, s.action), term, _n(s.statistic), str(s.df or ""),
                     _n(s.p), _n(s.minus2ll), _n(s.model_chi2), str(s.model_df),
                     _n(s.model_p)))  # fmt: skip
    heads = {"nl": ("Stap", "Actie", "Variabele", "Toetsgrootheid", "df", "p", "−2LL",
                    "Chi-kwadraat model", "df model", "p model"),
             "en": ("Step", "Action", "Variable", "Statistic", "df", "p", "−2LL",
                    "Model chi-square", "Model df", "Model p")}  # fmt: skip
    cols = ("step", "action", "variable", "statistic", "df", "p", "minus2ll", "model_chi2",
            "model_df", "model_p")  # fmt: skip
    note = {"nl": "Toetsgrootheid: likelihood-ratio bij verwijderen, scoretoets bij opnemen.",
            "en": "Statistic: likelihood ratio for removal, score test for entry."}  # fmt: skip
    return ExtraTable(f"{run.spec.key}_steps", cap, cols, heads.get(lang, heads["nl"]),
                      tuple(rows), note.get(lang, note["nl"]))  # fmt: skip


def _final_table(run: ModelRun, res: ModelsResult, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    fit = run.result.final
    joint = {tt.term: tt for tt in fit.term_tests}
    rows = []
    shown: set[str] = set()
    for c in fit.coefficients:
        if c.term in joint and c.term not in shown:
            tt = joint[c.term]
            rows.append((coefficient_label(c.term, lang, res.frame), "", "", _n(tt.wald),
                         str(tt.df), _n(tt.p), "", "", ""))  # fmt: skip
            shown.add(c.term)
        rows.append((coefficient_label(c.name, lang, res.frame), _n(c.b), _n(c.se), _n(c.wald),
                     str(c.df), _n(c.p), _n(c.exp_b), _n(c.ci_low), _n(c.ci_high)))  # fmt: skip
    heads = {"nl": ("Variabele", "B", "SE", "Wald", "df", "p", "Exp(B)", "95%-BI ondergrens",
                    "95%-BI bovengrens"),
             "en": ("Variable", "B", "SE", "Wald", "df", "p", "Exp(B)", "95% CI lower",
                    "95% CI upper")}  # fmt: skip
    cols = ("variable", "b", "se", "wald", "df", "p", "exp_b", "ci_low", "ci_high")
    refs = [f"{coefficient_label(v, lang, res.frame)}: "
            f"{res.frame.level_labels.get(v, {}).get(str(r), {}).get(lang, str(r))}"
            for v, r in fit.reference_levels]  # fmt: skip
    ref_word = {"nl": "Referentiecategorie", "en": "Reference category"}.get(lang, "Referentie")
    note = mt(lang, "p_rounding") + (f" {ref_word}: {'; '.join(refs)}." if refs else "")
    return ExtraTable(f"{run.spec.key}_final", cap, cols, heads.get(lang, heads["nl"]),
                      tuple(rows), note)  # fmt: skip


def _fit_table(run: ModelRun, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    fit = run.result.final
    hl = fit.hosmer_lemeshow
    rows = [
        (mt(lang, "m2ll"), _n(fit.minus2ll), "", ""),
        (mt(lang, "omnibus"), _n(fit.model_chi2), str(fit.model_df), _n(fit.model_p)),
        (mt(lang, "cox_snell"), _n(fit.cox_snell_r2), "", ""),
        (mt(lang, "nagelkerke"), _n(fit.nagelkerke_r2), "", ""),
        (mt(lang, "hl"), _n(hl.chi2), str(hl.df), _n(hl.p)) if hl else (mt(lang, "hl_none"), "", "", ""),
        (mt(lang, "n_cases"), str(fit.n), "", ""),
        (mt(lang, "n_events"), str(fit.n_events), "", ""),
        (mt(lang, "adj_2021"), _n(run.spec.published_adj_r2), "", ""),
    ]  # fmt: skip
    heads = {"nl": ("Maat", "Waarde", "df", "p"), "en": ("Measure", "Value", "df", "p")}
    return ExtraTable(f"{run.spec.key}_fit", cap, ("measure", "value", "df", "p"),
                      heads.get(lang, heads["nl"]), tuple(rows))  # fmt: skip


def _class_table(run: ModelRun, lang: str, cap: str) -> ExtraTable:
    assert run.result is not None
    ct = run.result.final.classification
    (c00, c01), (c10, c11) = ct.counts
    rows = (
        (mt(lang, "observed_no"), str(c00), str(c01), _n(ct.percent_correct_nonevents, 1)),
        (mt(lang, "observed_yes"), str(c10), str(c11), _n(ct.percent_correct_events, 1)),
        (mt(lang, "overall"), "", "", _n(ct.percent_correct_overall, 1)),
    )
    heads = {"nl": ("Waargenomen", "Voorspeld: nee", "Voorspeld: ja", "% juist"),
             "en": ("Observed", "Predicted: no", "Predicted: yes", "% correct")}  # fmt: skip
    return ExtraTable(f"{run.spec.key}_classification", cap,
                      ("observed", "predicted_no", "predicted_yes", "pct_correct"),
                      heads.get(lang, heads["nl"]), rows)  # fmt: skip


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
            rows.append((label, direction, _n(c.b), _n(c.p), verdict))
    heads = {"nl": ("Variabele", "Richting 2021", "B", "p", "Deze meting"),
             "en": ("Variable", "Direction 2021", "B", "p", "This wave")}  # fmt: skip
    return ExtraTable(f"{run.spec.key}_2021", cap, ("variable", "direction_2021", "b", "p",
                      "this_wave"), heads.get(lang, heads["nl"]), tuple(rows))  # fmt: skip


LETTERS = "abcdefghijklmnopqrstuvwxyz"


_NOTES_NL = (
    (re.compile(r"only ([\d.]+) cases of the rarer outcome per parameter \(fewer than 10\): "
                r"estimates may be unstable"),
     "slechts {0} gevallen van de zeldzaamste uitkomst per parameter (minder dan 10): de "
     "schattingen kunnen instabiel zijn"),
    (re.compile(r"Hosmer-Lemeshow test not computed: fewer than 3 groups of risk"),
     "Hosmer-Lemeshow-toets niet berekend: minder dan drie risicogroepen"),
)  # fmt: skip


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
    paragraphs.insert(0, mt(lang, "summary", n=fmt_int(fit.n, lang),
                            events=fmt_int(fit.n_events, lang), found=found))  # fmt: skip
    paragraphs.extend(_note(n, lang) + "." for n in run.result.notes)
    kw = {"number": number, "letter": letter, "model": model}
    tables = (
        _final_table(run, res, lang, mt(lang, "cap_final", **kw)),
        _fit_table(run, lang, mt(lang, "cap_fit", **kw)),
        _class_table(run, lang, mt(lang, "cap_class", cut=_dec(fit.classification.cut, lang, 2), **kw)),
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


@register("logistic_models")
def logistic_models(ctx: Context, spec: FigureSpec) -> FigureData:
    """Tekstvak 2: three backward stepwise logistic regressions among the innovators."""
    lang = ctx.lang
    n = int(ctx.population(spec.base).sum())
    if not check_min_n(n, ctx.min_n):
        return FigureData(spec, lang, base_n=n, message=t(lang, "too_few", n=n, min_n=ctx.min_n))
    res = models_for(ctx)
    number = spec.number_label(lang)
    values = "; ".join(
        mt(lang, "adj_r2_item", model=r.spec.label_in(lang).lower(),
           value=_dec(r.spec.published_adj_r2, lang).lstrip("0"))
        for r in res.runs
    )  # fmt: skip
    candidates = ", ".join(coefficient_label(c, lang, res.frame) for c in CANDIDATES)
    paragraphs = [
        mt(lang, "method", pout=_dec(res.pout, lang, 2), pin=_dec(res.pin, lang, 2)),
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


# --------------------------------------------------------------------------- Afbeelding 2
LABELS_2021: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Digitaal & Data", ("digitaal", "data", "digitalisering")),
    ("Thuiswerken & Overleg", ("thuiswerken", "overleg", "zoom", "skype", "webex")),
)
"""The two 2021 labels (Afbeelding 2) and their cue terms: the label words and the example
terms the report names (``ibo2021-published.yaml``, ``text_mining``), as lemmas."""

_SEP = "\n\x00\n"


def scrub_answers(
    texts: Sequence[str], *, org_names: Iterable[str] = (), person_names: Iterable[str] = ()
) -> list[str]:
    """:func:`~barometer.stats.text_prep.scrub_text` on every answer, in one pass.

    The answers are joined with a separator that no pattern can cross (a NUL between line
    breaks; NUL characters in the answers are dropped first), scrubbed once (the name
    pattern is compiled once, not once per answer) and split again.
    """
    cleaned = [str(x).replace("\x00", "") for x in texts]
    if not cleaned:
        return []
    joined = scrub_text(_SEP.join(cleaned), org_names=org_names, person_names=person_names)
    out = joined.split(_SEP)
    if len(out) != len(cleaned):  # cannot happen; never risk misaligned answers
        out = [scrub_text(x, org_names=org_names, person_names=person_names) for x in cleaned]
    return out


def cluster_title(terms: Sequence[str], k: int = 2) -> str:
    """A title from a cluster's heaviest terms: "Data & Digitaal"."""
    return " & ".join(term[:1].upper() + term[1:] for term in terms[:k])


def label_2021(result: ConceptClusters) -> dict[int, str]:
    """Cluster index -> the 2021 label it matches best (by the frequency of the label's cue
    terms in the cluster); each label goes to at most one cluster, none without a cue term."""
    scores = []
    for label, cues in LABELS_2021:
        for c in result.clusters:
            freq = {tt.term: tt.frequency for tt in c.terms}
            score = sum(freq.get(cue, 0) for cue in cues)
            if score > 0:
                scores.append((score, label, c.index))
    out: dict[int, str] = {}
    for _score, label, index in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if index not in out and label not in out.values():
            out[index] = label
    return out


def _accessible_svg(svg: str, ident: str, title: str, desc: str) -> str:
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None or re.search(r"<\s*(script|foreignObject)\b", svg, re.IGNORECASE):
        raise ValueError("not a plain SVG document")
    tag = match.group(0)
    size = re.search(r'width="(\d+)" height="(\d+)"', tag)
    view = f' viewBox="0 0 {size.group(1)} {size.group(2)}"' if size else ""
    attrs = f'{view} role="img" aria-labelledby={quoteattr(f"{ident}-title {ident}-desc")} focusable="false"'
    head = (f"{tag[:-1]}{attrs}><title id={quoteattr(ident + '-title')}>{escape(title)}</title>"
            f"<desc id={quoteattr(ident + '-desc')}>{escape(desc)}</desc>")  # fmt: skip
    out = svg[: match.start()] + head + svg[match.end() :]
    ET.fromstring(out)
    return out


def text_clusters_for(ctx: Context, item: str, n_clusters: int) -> tuple[Any, list[str], pd.Series]:
    """(concept clusters or the StatsError, scrubbed answers, mask of answers) per context."""
    cached = _TEXTS.get(ctx, {}).get((item, n_clusters))
    if cached is not None:
        return cached
    population = ctx.population("innovators")
    raw = ctx.data[item].where(population)
    has = raw.map(lambda x: isinstance(x, str) and bool(x.strip())).astype(bool)
    org, person = _names(ctx)
    texts = scrub_answers(list(raw[has]), org_names=org, person_names=person)
    stop = {w for p in PLACEHOLDERS.values() for w in p.strip("[]").split()}
    result: Any
    try:
        result = concept_clusters(texts, n_clusters=n_clusters, extra_stop_words=stop)
    except BarometerError as exc:
        result = exc
    value = (result, texts, has)
    _TEXTS.setdefault(ctx, {})[(item, n_clusters)] = value
    return value


def _names(ctx: Context) -> tuple[list[str], list[str]]:
    if ctx.frame is None:
        return [], []
    frame = ctx.frame
    org = [str(x) for x in frame["name"].dropna()] if "name" in frame.columns else []
    person = (
        [str(x) for x in frame["contact_name"].dropna()] if "contact_name" in frame.columns else []
    )
    return org, person


def _example(cluster: Any, texts: list[str], limit: int = 240) -> str | None:
    top = {tt.term for tt in cluster.top_terms(10)}
    from barometer.stats.text_prep import preprocess

    best: tuple[int, int, int] | None = None
    for i in cluster.documents:
        hits = len(top & set(preprocess(texts[i])))
        key = (-hits, len(texts[i]), i)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    text = " ".join(texts[best[2]].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@register("text_clusters")
def text_clusters(ctx: Context, spec: FigureSpec) -> FigureData:
    """Afbeelding 2: concept clusters in the open descriptions, a word cloud per cluster."""
    lang = ctx.lang
    item = spec.params.get("item", "d1_description")
    result, texts, has = text_clusters_for(ctx, item, int(spec.params.get("n_clusters", 2)))
    population = ctx.population(spec.base)
    n = int((has & population).sum())
    empty = int((population & ~has).sum())
    excluded = {"no_answer": empty} if empty else {}
    if not check_min_n(n, ctx.min_n):
        return FigureData(spec, lang, base_n=n, excluded=excluded,
                          message=t(lang, "too_few", n=n, min_n=ctx.min_n))  # fmt: skip
    if isinstance(result, BarometerError):
        return FigureData(spec, lang, base_n=n, excluded=excluded,
                          message=mt(lang, "text_failed", reason=str(result)))  # fmt: skip
    number = spec.number_label(lang)
    labels = label_2021(result)
    analysed = np.asarray(result.assignment) >= 0
    index = ctx.data.index[has.to_numpy()]
    rows, images, blocks = [], [], []
    for c in result.clusters:
        k, letter = c.index + 1, LETTERS[c.index]
        title = cluster_title([tt.term for tt in c.terms])
        label = (
            mt(lang, "label_2021", label=labels[c.index])
            if c.index in labels
            else mt(lang, "no_label_2021")
        )
        x = pd.Series(np.nan, index=ctx.data.index)
        x[index[analysed]] = (np.asarray(result.assignment)[analysed] == c.index).astype(float)
        name = f"{mt(lang, 'cluster_title', k=k, title=title)} ({label})"
        rows.append(_row(f"cluster{k}", name, x, ctx.min_n, weights=ctx.weights) | {"title": title})
        top = c.top_terms(15)
        alt = mt(lang, "cloud_alt", k=k, title=title, terms=", ".join(tt.term for tt in top[:8]))
        caption = mt(
            lang, "cloud_caption", number=number, letter=letter, k=k, title=title, label=label
        )
        svg = render_wordcloud(word_frequencies(c), width=480, height=320, random_state=c.index)
        images.append(Image(f"cluster{k}", _accessible_svg(svg, f"img-{spec.id}-{k}", caption, alt),
                            alt, caption))  # fmt: skip
        term_rows = tuple((str(i + 1), tt.term, str(tt.frequency), str(tt.doc_frequency), _n(tt.weight))
                          for i, tt in enumerate(top))  # fmt: skip
        heads = tuple(
            mt(lang, h)
            for h in ("col_rank", "col_term", "col_frequency", "col_answers", "col_weight")
        )
        terms_table = ExtraTable(f"cluster{k}_terms", mt(lang, "cap_terms", number=number, letter=letter, k=k, title=title),
                           ("rank", "term", "frequency", "answers", "weight"), heads, term_rows)  # fmt: skip
        example = _example(c, texts)
        paragraphs = (mt(lang, "example", text=example),) if example else ()
        blocks.append(Block(f"cluster{k}", f"{mt(lang, 'cluster_title', k=k, title=title)} ({label})",
                            paragraphs, (terms_table,)))  # fmt: skip
    table = pd.DataFrame(rows).drop(columns="series")
    table["n"] = table["n"].astype("Int64")
    intro = [mt(lang, "clusters_intro", n=fmt_int(result.n_documents, lang)),
             mt(lang, "scrubbed" if ctx.frame is not None else "not_scrubbed_names")]  # fmt: skip
    in_base = pd.Series(False, index=ctx.data.index)
    in_base[index[analysed]] = True
    return FigureData(
        spec, lang, table, base_n=n, excluded=excluded, images=tuple(images),
        paragraphs=tuple(intro), blocks=tuple(blocks), detail=result, weighted=ctx.weighted,
        effective_n=ctx.effective_n(in_base),
    )  # fmt: skip
