"""The wording of Tekstvak 2 (:mod:`barometer.report.figures.logistic`) and Afbeelding 2
(:mod:`barometer.report.figures.text_clusters`) in Dutch and English, and how their numbers
are written (in the CSV and in the text)."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["LETTERS", "MT", "fmt_csv", "fmt_dec", "mt"]

LETTERS = "abcdefghijklmnopqrstuvwxyz"
"""Letters of the parts of a figure (models, clusters): 4a, 4b, ..."""

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
            "−2LL, de omnibustoets en de Hosmer-Lemeshow-toets. Het rapport van 2021 noemt niet "
            "welke pseudo-R² het gaf; vergelijk de waarden daarom niet één op één."
        ),
        "adj_r2_item": "{model} {value}",
        "block_title": "{letter}. {model}",
        "failed": "Dit model kon niet worden geschat: {reason}",
        "summary": (
            "n = {n}, waarvan {events} met dit resultaat. Het startmodel met alle kandidaten "
            "heeft {df} vrijheidsgraden: {epv} gevallen van de zeldzaamste uitkomst per "
            "parameter{epv_warning}. {found}"
        ),
        "epv_low": " (minder dan 10: de schattingen en de selectie zijn instabiel)",
        "found": (
            "Significant (p < {alpha}) in het gekozen model: {effects}. Deze p-waarden zijn na "
            "stapsgewijze selectie te optimistisch (te klein)."
        ),
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
            "groep; het label van 2021 staat er ter vergelijking naast. Begrippen die in het "
            "antwoord niet minstens honderd keer zo gewoon zijn als in het algemeen Nederlands "
            "(zoals ‘werken’ of ‘samen’) zijn weggelaten uit titels, woordwolken en tabellen."
        ),
        "scrubbed": (
            "Alle antwoorden zijn eerst ontdaan van namen van organisaties en personen uit het "
            "steekproefkader, e-mailadressen, webadressen en telefoonnummers."
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
        "col_organisations": "Aantal organisaties",
        "col_weight": "Gewicht in de groep",
        "col_keyness": "Kenmerkendheid (log10, t.o.v. algemeen Nederlands)",
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
            "omnibus test and the Hosmer-Lemeshow test. The 2021 report does not say which "
            "pseudo-R² it gave, so do not compare the values one to one."
        ),
        "adj_r2_item": "{model} {value}",
        "block_title": "{letter}. {model}",
        "failed": "This model could not be estimated: {reason}",
        "summary": (
            "n = {n}, of which {events} with this result. The starting model with all "
            "candidates has {df} degrees of freedom: {epv} cases of the rarer outcome per "
            "parameter{epv_warning}. {found}"
        ),
        "epv_low": " (fewer than 10: the estimates and the selection are unstable)",
        "found": (
            "Significant (p < {alpha}) in the selected model: {effects}. After stepwise "
            "selection these p-values are too optimistic (too small)."
        ),
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
            "comparison. Concepts not at least a hundred times as common in the answers as in "
            "general Dutch (such as ‘werken’, to work, or ‘samen’, together) are left out of "
            "the titles, word clouds and tables. The answers are in Dutch; the tables give an "
            "English gloss of each concept."
        ),
        "scrubbed": (
            "All answers were first cleaned of the names of organisations and persons in the "
            "sampling frame, e-mail addresses, web addresses and phone numbers."
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
        "col_term": "Concept (Dutch)",
        "col_rank": "Rank",
        "col_frequency": "Times mentioned",
        "col_answers": "Answers",
        "col_organisations": "Organisations",
        "col_weight": "Weight in the group",
        "col_keyness": "Keyness (log10, against general Dutch)",
        "col_term_en": "In English",
        "text_failed": "The text analysis could not be run: {reason}",
        "ex_empty": "{n} without a description",
    },
}


def mt(lang: str, key: str, **fields: Any) -> str:
    """Wording of Tekstvak 2 and Afbeelding 2 (Dutch fallback)."""
    text = MT.get(lang, MT["nl"]).get(key) or MT["nl"][key]
    return text.format(**fields) if fields else text


def fmt_csv(x: float | None, decimals: int = 3) -> str:
    """A number as the CSV publishes it: fixed decimals, a point, "" when missing."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    return f"{x:.{decimals}f}"


def fmt_dec(x: float, lang: str, decimals: int = 3) -> str:
    """A number in the text: fixed decimals, a decimal comma in Dutch."""
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text
