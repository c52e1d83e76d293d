"""The report's fixed wording in Dutch and English, and number formatting per language."""

from __future__ import annotations

import math
from typing import Any

from pandas import NA as _NA

__all__ = ["LANGS", "caveats", "fmt_int", "fmt_p", "fmt_pct", "t"]

LANGS = ("nl", "en")

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "report_title": "{study} {wave}",
        "toc": "Inhoud",
        "cover_kicker": "Rapportage",
        "cover_subtitle": "Innovatie in de Nederlandse overheid, op basis van de antwoorden van {n} organisaties",
        "colophon_title": "Colofon",
        "colophon_publisher": "Uitgave",
        "colophon_date": "Datum",
        "colophon_version": "Versie",
        "colophon_contact": "Contact",
        "colophon_licence": "Licentie",
        "colophon_made": (
            "De cijfers, grafieken en tabellen van deze rapportage zijn automatisch berekend uit "
            "de antwoorden op de vragenlijst van de {study}. Elke tabel staat ook als CSV-bestand "
            "bij de webversie."
        ),
        "table_details": "Tabel bij {number}",
        "block_details": "Tabellen bij {title}",
        "table_csv": "Als CSV-bestand",
        "table_in_annex": "Cijfers in tabelvorm: zie de",
        "annex_link": "bijlage",
        "annex_data_title": "Bijlage: cijfers bij de figuren",
        "annex_data_intro": (
            "Deze bijlage geeft de cijfers achter elke figuur en de volledige uitvoer van de "
            "modellen. Lege cellen (–) zijn niet getoond omdat ze op te weinig organisaties "
            "berusten of niet van toepassing zijn."
        ),
        "annex_weighting_title": "Bijlage: weegcellen",
        "about": "Over deze rapportage",
        "about_body": (
            "Deze rapportage is automatisch gemaakt uit de antwoorden van {n} organisaties, "
            "waarvan er {n_innovators} in de onderzoeksperiode ten minste één innovatie "
            "implementeerden. Bij elke figuur staan de basis (welke organisaties meetellen) "
            "en het aantal organisaties (n). Percentages hebben een 95%-betrouwbaarheidsinterval; "
            "de foutbalken in de grafieken tonen dat interval. Antwoorden 'niet van "
            "toepassing' (-1) en 'geen antwoord' (-9) tellen niet mee in de basis; hoeveel dat "
            "er zijn, staat bij de figuur. 'Weet niet' is een eigen categorie waar de vraag die "
            "mogelijkheid bood."
        ),
        "about_disclosure": (
            "Vertrouwelijkheid: geen getoond percentage of aantal berust op minder dan {min_n} "
            "organisaties. Sectoren met minder dan {min_n} responsen zijn samengevoegd in een "
            "restgroep."
        ),
        "caveats_title": "Overwegingen bij internationale vergelijkingen",
        "caveat_short": (
            "Vergelijkingen met andere landen zijn een indicatie, geen rangorde: de onderzoeken "
            "verschillen in opzet, periode en weging. Zie"
        ),
        "figure_number": "Figuur",
        "base": "Basis: {base}, n = {n}",
        "base_range": "Basis: {base}, n = {lo} tot {hi} (verschilt per onderdeel)",
        "excluded": "Niet meegeteld: {parts}.",
        "excluded_answers": "Niet meegeteld (antwoorden): {parts}.",
        "ex_not_applicable": "{n} niet van toepassing",
        "ex_no_answer": "{n} zonder antwoord",
        "ex_dont_know": "{n} 'weet niet'",
        "ex_invalid": "{n} met een ongeldige code",
        "source": "Bron: {source}",
        "basis_weighted": ", gewogen naar het steekproefkader",
        "basis_unweighted": ", ongewogen",
        "source_with": "{own}; vergelijkingscijfers: {others}",
        "chart_label": "Grafiek",
        "table_caption": "{number}. {title}: cijfers achter de grafiek",
        "benchmark_caption": "{number}: vergelijking met andere landen",
        "table_part": "{caption} (deel {i} van {n})",
        "table_per_category": "{caption} (per categorie)",
        "no_dk": "Geen Deense vergelijkingscijfers gepubliceerd.",
        "published_statement": "Het rapport van 2021 vermeldt zonder cijfers: {text}",
        "partial_dk": "Alleen voor de categorieën in de vergelijkingstabel zijn buitenlandse cijfers gepubliceerd.",
        "too_few": (
            "Deze figuur wordt niet getoond: de basis telt {n} organisaties, minder dan het "
            "minimum van {min_n}."
        ),
        "failed": "Deze figuur kon niet worden berekend: {reason}",
        "chart_failed": "De grafiek kon niet worden gemaakt: {reason}. De cijfers staan in de tabel.",
        "suppressed_rows": "– : onderdrukt, minder dan {min_n} organisaties.",
        "no_frame": (
            "Het steekproefkader is niet meegegeven: alleen het aantal ingevulde "
            "vragenlijsten wordt getoond, zonder aantal verstuurd en respons."
        ),
        "merged": "Samengevoegd (minder dan {min_n} responsen): {names}.",
        "remainder_clusters": "Overige clusters",
        "no_cluster": "(geen cluster)",
        "no_sector": "(geen sector)",
        "total": "Totaal",
        "wave_mixed": "Let op: de dataset bevat meer dan één meting ({waves}).",
        "spectrum_note": (
            "In 2021 stond bij deze figuur n = 366 (alle organisaties); het spectrum bestaat "
            "alleen voor organisaties die innoveerden."
        ),
        "ci": "95%-BI",
        "stacked_note": "Gestapelde staven: de intervallen staan in de tabel.",
        "yes": "Ja",
        "dont_know": "Weet niet",
        "hindering": "(Sterk) belemmerend",
        "neutral": "Neutraal",
        "promoting": "(Sterk) bevorderend",
        "types_0": "Geen van de vier typen",
        "types_1": "1 type",
        "types_n": "{k} typen",
        "netherlands": "Nederland",
        "alt_bar": "Staafdiagram. {title}. {base}. {items}.",
        "alt_stacked": "Gestapeld staafdiagram. {title}. {base}. Hoogste aandeel {top}: {items}.",
        "alt_more": "en {k} andere categorieën",
        "p_na_unknown": "geen toets (n onbekend)",
        "p_na_inexact": "geen toets (ca.)",
        "p_na_incomparable": "niet vergelijkbaar",
        "wording_circa": "ca. {v}",
        "base_weighted": "Basis: {base}, n = {n} (ongewogen), effectief n = {eff} (gewogen)",
        "base_range_weighted": (
            "Basis: {base}, n = {lo} tot {hi} (ongewogen; verschilt per onderdeel), effectief "
            "n = {elo} tot {ehi} (gewogen)"
        ),
        "weighted_note": (
            "Percentages en intervallen zijn gewogen naar het steekproefkader; aantallen (n) "
            "zijn ongewogen."
        ),
        "weighting_failed": "Niet gewogen: de gewichten konden niet worden gemaakt ({reason}).",
        "weighting_title": "Weging",
        "about_weighting": (
            "De percentages zijn gewogen naar het steekproefkader: elke organisatie weegt voor "
            "het aantal organisaties in het kader in haar cel ({by}); cellen met minder dan "
            "{min_cell} responsen zijn samengevoegd ({collapsed} keer). De {n} responsen "
            "vertegenwoordigen zo {population} organisaties. Door de weging is de precisie die "
            "van een aselecte steekproef van {eff} organisaties (effectieve n volgens Kish; "
            "design-effect {deff}). De intervallen zijn berekend met een gelineariseerde "
            "standaardfout (logit-interval), zoals het R-pakket survey dat doet. Een verschil "
            "tussen twee groepen (bijvoorbeeld krachtig − beperkt klimaat) is het verschil van "
            "de gewogen percentages; de standaardfout is gelineariseerd over het hele "
            "steekproefontwerp (met de samenhang tussen de groepen), het interval en de p-waarde "
            "zijn normaal (R survey: svycontrast). De chi-kwadraattoetsen zijn ongewogen."
        ),
        "about_unweighted": (
            "De percentages zijn ongewogen: elke responderende organisatie telt even zwaar, zoals "
            "in de rapportage van 2021. De intervallen zijn Wilson-score-intervallen. Een "
            "verschil tussen twee groepen heeft een Newcombe-interval (hybride score) en een "
            "z-toets voor twee proporties; de chi-kwadraattoetsen zijn Pearson zonder correctie."
        ),
        "weighting_by_sector": "sector",
        "weighting_by_sector_size": "sector × omvang",
        "weighting_size_unknown": (
            "De omvang was niet voor alle organisaties bekend; er is alleen naar sector gewogen."
        ),
        "weighting_caption": "Wegingscellen: organisaties in het kader, responsen en gewicht",
        "weighting_cell": "Cel",
        "weighting_frame": "Organisaties in het kader",
        "weighting_responses": "Responsen",
        "weighting_weight": "Gewicht",
        "suppressed_cells": (
            "x : niet getoond ter bescherming van de vertrouwelijkheid (minder dan {cell_min} "
            "organisaties, of anders af te leiden uit getoonde totalen); in de CSV een lege "
            "cel, genoemd in de kolom note."
        ),
        "summary_link": "Zie",
    },
    "en": {
        "report_title": "{study} {wave}",
        "toc": "Contents",
        "cover_kicker": "Report",
        "cover_subtitle": "Innovation in the Dutch public sector, from the answers of {n} organisations",
        "colophon_title": "Colophon",
        "colophon_publisher": "Publisher",
        "colophon_date": "Date",
        "colophon_version": "Version",
        "colophon_contact": "Contact",
        "colophon_licence": "Licence",
        "colophon_made": (
            "The numbers, charts and tables of this report were computed automatically from the "
            "answers to the questionnaire of the {study}. Every table is also available as a "
            "CSV file with the web version."
        ),
        "table_details": "Table for {number}",
        "block_details": "Tables for {title}",
        "table_csv": "As a CSV file",
        "table_in_annex": "The numbers as a table: see the",
        "annex_link": "annex",
        "annex_data_title": "Annex: data behind the figures",
        "annex_data_intro": (
            "This annex gives the numbers behind each figure and the full output of the models. "
            "Empty cells (–) are not shown because they rest on too few organisations or do not "
            "apply."
        ),
        "annex_weighting_title": "Annex: weighting cells",
        "about": "About this report",
        "about_body": (
            "This report was produced automatically from the answers of {n} organisations, "
            "{n_innovators} of which implemented at least one innovation in the reference "
            "period. Every figure states its base (which organisations count) and the number "
            "of organisations (n). Percentages carry a 95% confidence interval; the "
            "error bars in the charts show it. Answers 'not applicable' (-1) and 'no answer' "
            "(-9) are left out of the base; how many there are is given with the figure. "
            "'Don't know' is a category of its own where the question offered it."
        ),
        "about_disclosure": (
            "Confidentiality: no percentage or count shown rests on fewer than {min_n} "
            "organisations. Sectors with fewer than {min_n} responses are merged into a "
            "remainder group."
        ),
        "caveats_title": "Considerations when comparing countries",
        "caveat_short": (
            "Comparisons with other countries indicate differences; they are not a ranking: "
            "the studies differ in design, period and weighting. See"
        ),
        "figure_number": "Figure",
        "base": "Base: {base}, n = {n}",
        "base_range": "Base: {base}, n = {lo} to {hi} (differs per item)",
        "excluded": "Not counted: {parts}.",
        "excluded_answers": "Not counted (answers): {parts}.",
        "ex_not_applicable": "{n} not applicable",
        "ex_no_answer": "{n} without an answer",
        "ex_dont_know": "{n} 'don't know'",
        "ex_invalid": "{n} with an invalid code",
        "source": "Source: {source}",
        "basis_weighted": ", weighted to the sampling frame",
        "basis_unweighted": ", unweighted",
        "source_with": "{own}; comparison figures: {others}",
        "chart_label": "Chart",
        "table_caption": "{number}. {title}: data behind the chart",
        "benchmark_caption": "{number}: comparison with other countries",
        "table_part": "{caption} (part {i} of {n})",
        "table_per_category": "{caption} (per category)",
        "no_dk": "No Danish figure published.",
        "published_statement": "The 2021 report states, without figures: {text}",
        "partial_dk": "Figures from other countries are published only for the categories in the comparison table.",
        "too_few": (
            "This figure is not shown: its base has {n} organisations, fewer than the minimum "
            "of {min_n}."
        ),
        "failed": "This figure could not be computed: {reason}",
        "chart_failed": "The chart could not be made: {reason}. The figures are in the table.",
        "suppressed_rows": "– : suppressed, fewer than {min_n} organisations.",
        "no_frame": (
            "The sampling frame was not given: only the number of completed questionnaires "
            "is shown, without the number invited and the response rate."
        ),
        "merged": "Merged (fewer than {min_n} responses): {names}.",
        "remainder_clusters": "Other clusters",
        "no_cluster": "(no cluster)",
        "no_sector": "(no sector)",
        "total": "Total",
        "wave_mixed": "Note: the dataset holds more than one wave ({waves}).",
        "spectrum_note": (
            "In 2021 this figure was labelled n = 366 (all organisations); the spectrum exists "
            "only for organisations that innovated."
        ),
        "ci": "95% CI",
        "stacked_note": "Stacked bars: the intervals are in the table.",
        "yes": "Yes",
        "dont_know": "Don't know",
        "hindering": "(Strongly) hindering",
        "neutral": "Neutral",
        "promoting": "(Strongly) promoting",
        "types_0": "None of the four types",
        "types_1": "1 type",
        "types_n": "{k} types",
        "netherlands": "Netherlands",
        "alt_bar": "Bar chart. {title}. {base}. {items}.",
        "alt_stacked": "Stacked bar chart. {title}. {base}. Highest share {top}: {items}.",
        "alt_more": "and {k} other categories",
        "p_na_unknown": "no test (n unknown)",
        "p_na_inexact": "no test (approx.)",
        "p_na_incomparable": "not comparable",
        "wording_circa": "c. {v}",
        "base_weighted": "Base: {base}, n = {n} (unweighted), effective n = {eff} (weighted)",
        "base_range_weighted": (
            "Base: {base}, n = {lo} to {hi} (unweighted; differs per item), effective n = "
            "{elo} to {ehi} (weighted)"
        ),
        "weighted_note": (
            "Percentages and intervals are weighted to the sampling frame; counts (n) are "
            "unweighted."
        ),
        "weighting_failed": "Not weighted: the weights could not be made ({reason}).",
        "weighting_title": "Weighting",
        "about_weighting": (
            "The percentages are weighted to the sampling frame: each organisation stands for "
            "the organisations of the frame in its cell ({by}); cells with fewer than "
            "{min_cell} responses were merged ({collapsed} merges). The {n} responses thus "
            "represent {population} organisations. With these weights the precision is that of "
            "a simple random sample of {eff} organisations (Kish's effective n; design effect "
            "{deff}). Intervals use a linearised standard error (logit interval), as the R "
            "package survey does. A difference between two groups (e.g. strong − limited "
            "climate) is the difference of the weighted percentages; its standard error is "
            "linearised over the whole design (including the covariance of the groups), with a "
            "normal interval and p-value (R survey: svycontrast). The chi-square tests are "
            "unweighted."
        ),
        "about_unweighted": (
            "The percentages are unweighted: every responding organisation counts the same, as "
            "in the 2021 report. The intervals are Wilson score intervals. A difference between "
            "two groups has Newcombe's (hybrid score) interval and a two-proportion z test; the "
            "chi-square tests are Pearson's without continuity correction."
        ),
        "weighting_by_sector": "sector",
        "weighting_by_sector_size": "sector × size",
        "weighting_size_unknown": (
            "The size was not known for every organisation; the weights use the sector only."
        ),
        "weighting_caption": "Weighting cells: organisations in the frame, responses and weight",
        "weighting_cell": "Cell",
        "weighting_frame": "Organisations in the frame",
        "weighting_responses": "Responses",
        "weighting_weight": "Weight",
        "suppressed_cells": (
            "x : not shown to protect confidentiality (fewer than {cell_min} organisations, or "
            "else computable from totals shown); in the CSV an empty cell, named in the note "
            "column."
        ),
        "summary_link": "See",
    },
}

COLUMNS: dict[str, dict[str, str]] = {
    "nl": {
        "category": "Categorie", "series": "Reeks", "n": "Aantal", "base": "Basis (n)",
        "pct": "%", "ci_low": "95%-BI ondergrens", "ci_high": "95%-BI bovengrens",
        "sector": "Sector", "invited": "Verstuurd", "completed": "Ingevuld",
        "response": "Respons (%)", "cluster": "Cluster", "organisations": "Aantal organisaties",
        "country": "Land en periode", "value": "%", "nl_pct": "NL %", "nl_base": "NL n",
        "study_n": "n (studie)", "p_value": "p (toets)", "source": "Bron", "note": "Opmerking",
    },
    "en": {
        "category": "Category", "series": "Series", "n": "Count", "base": "Base (n)",
        "pct": "%", "ci_low": "95% CI lower", "ci_high": "95% CI upper",
        "sector": "Sector", "invited": "Invited", "completed": "Completed",
        "response": "Response (%)", "cluster": "Cluster", "organisations": "Organisations",
        "country": "Country and period", "value": "%", "nl_pct": "NL %", "nl_base": "NL n",
        "study_n": "n (study)", "p_value": "p (test)", "source": "Source", "note": "Note",
    },
}  # fmt: skip
"""Column key -> header, for the HTML tables (the CSV files use the keys)."""

CAVEATS: dict[str, tuple[str, ...]] = {
    "nl": (
        "De Nederlandse barometer volgt de Deense en andere Noordse barometers, maar de "
        "onderzoeken zijn niet gelijk opgezet: ze verschillen in wie er is gevraagd (hele "
        "organisaties of onderdelen daarvan), in het aantal deelnemers en in de periode "
        "waarover is gevraagd.",
        "Ook de landen zelf verschillen. Welke taken bij het Rijk, bij gemeenten of bij "
        "uitvoeringsorganisaties liggen, is per land anders geregeld, en dat kan de uitkomsten "
        "beïnvloeden.",
        "De Deense cijfers zijn gewogen naar de populatie; de Nederlandse cijfers in dit "
        "rapport zijn ongewogen. Het Deense onderzoek van 2018-2019 vond grotendeels vóór de "
        "COVID-19-pandemie plaats.",
        "Een toets op het verschil (p) staat er alleen bij als het aantal deelnemers van het "
        "andere onderzoek bekend is en het cijfer exact is gepubliceerd. Die toets behandelt "
        "beide onderzoeken als eenvoudige steekproeven en is daarom een benadering.",
        "Lees vergelijkingen daarom als een aanwijzing voor overeenkomsten en verschillen: een "
        "spiegel voor Nederland en een begin van de zoektocht naar verklaringen, niet als een "
        "ranglijst.",
    ),
    "en": (
        "The Dutch barometer follows the Danish and other Nordic barometers, but the studies "
        "are not designed alike: they differ in who was asked (whole organisations or units "
        "of them), in the number of participants and in the period asked about.",
        "The countries differ too. Which tasks lie with central government, municipalities or "
        "executive agencies is arranged differently in each country, and that can affect the "
        "results.",
        "The Danish figures are weighted to the population; the Dutch figures in this report "
        "are unweighted. The Danish 2018-2019 study took place largely before the COVID-19 "
        "pandemic.",
        "A test of the difference (p) is given only where the number of participants of the "
        "other study is known and its figure was published exactly. The test treats both "
        "studies as simple random samples, so it is an approximation.",
        "Read comparisons, therefore, as an indication of similarities and differences: a "
        "mirror for the Netherlands and a starting point for finding explanations, not as a "
        "ranking.",
    ),
}


WEIGHTED_CAVEAT: dict[str, str] = {
    "nl": (
        "De Deense cijfers zijn gewogen naar de populatie; de Nederlandse cijfers in dit "
        "rapport zijn gewogen naar het steekproefkader (sector, en omvang waar bekend). Het "
        "Deense onderzoek van 2018-2019 vond grotendeels vóór de COVID-19-pandemie plaats."
    ),
    "en": (
        "The Danish figures are weighted to the population; the Dutch figures in this report "
        "are weighted to the sampling frame (sector, and size where known). The Danish "
        "2018-2019 study took place largely before the COVID-19 pandemic."
    ),
}


def caveats(lang: str, *, weighted: bool = False) -> tuple[str, ...]:
    """The caveats on international comparisons; the one on weighting says whether the Dutch
    figures are weighted."""
    items = CAVEATS.get(lang, CAVEATS["nl"])
    if not weighted:
        return items
    return tuple(WEIGHTED_CAVEAT.get(lang, WEIGHTED_CAVEAT["nl"]) if i == 2 else c
                 for i, c in enumerate(items))  # fmt: skip


def t(lang: str, key: str, **fields: Any) -> str:
    """The text ``key`` in ``lang`` (falling back to Dutch), with ``fields`` filled in."""
    table = TEXT.get(lang, TEXT["nl"])
    text = table.get(key) or TEXT["nl"][key]
    return text.format(**fields) if fields else text


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def fmt_int(n: Any, lang: str) -> str:
    """A whole number with a thousands separator (2.271 in Dutch, 2,271 in English)."""
    if n is None or (isinstance(n, float) and math.isnan(n)) or n is _NA:
        return "–"
    value = int(n)
    sign = "-" if value < 0 else ""
    return sign + _group(str(abs(value)), "." if lang == "nl" else ",")


def fmt_pct(x: Any, lang: str, decimals: int = 1) -> str:
    """A percentage number (no % sign) with the language's decimal mark; '–' if missing."""
    if x is None or x is _NA or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{float(x):.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


def fmt_p(p: Any, lang: str) -> str:
    """A p-value: ``< 0,001`` or three decimals."""
    if p is None or p is _NA or (isinstance(p, float) and math.isnan(p)):
        return "–"
    text = "< 0.001" if p < 0.001 else f"{p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text
