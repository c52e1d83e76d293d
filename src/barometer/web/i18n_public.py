"""Texts of the public pages (results explorer, self-test) in Dutch and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "explorer_title": "Resultaten verkennen",
        "explorer_intro": "Kies een meting, een indicator en een uitsplitsing. Alle cijfers "
        "komen uit de gepubliceerde versie van de meting; niemand ziet hier antwoorden van "
        "afzonderlijke organisaties.",
        "wave": "Meting",
        "indicator": "Indicator",
        "breakdown": "Uitsplitsing",
        "filter": "Alleen organisaties uit",
        "filter_none": "Alle organisaties",
        "show": "Toon",
        "version": "Gepubliceerde versie: meting {wave}, versie {version} ({date}).",
        "base": "Basis: {base}.",
        "method_pct": "Methode: ongewogen percentages met 95%-betrouwbaarheidsinterval "
        "(Wilson); n is het aantal organisaties met dit antwoord, basis het aantal "
        "organisaties in de basis.",
        "method_mean": "Methode: ongewogen gemiddelde klimaatscore (gemiddelde van de "
        "beantwoorde stellingen van de schaal, 1-5) met 95%-betrouwbaarheidsinterval (t).",
        "table_caption": "{title}: cijfers",
        "group": "Groep",
        "category": "Categorie",
        "series": "Antwoord",
        "n": "n",
        "base_col": "basis",
        "value_pct": "%",
        "value_mean": "gemiddelde",
        "ci_low": "95%-BI onder",
        "ci_high": "95%-BI boven",
        "note": "Toelichting",
        "downloads": "Downloaden",
        "csv": "Cijfers (CSV)",
        "svg": "Grafiek (SVG)",
        "png": "Grafiek (PNG)",
        "trend": "Ontwikkeling over metingen",
        "trend_intro": "Dezelfde indicator in elke gepubliceerde meting (laatste versie).",
        "suppressed_title": "Deze combinatie is te klein",
        "suppressed": "Voor deze combinatie zijn alle cijfers onderdrukt: {reasons}. Kies een "
        "bredere uitsplitsing of laat het filter weg.",
        "rule_title": "Waarom ontbreken soms cijfers?",
        "rule": "Om organisaties te beschermen tonen we geen cijfer dat op minder dan {min_n} "
        "organisaties berust, geen aantal van 1 tot {cell_min_1} organisaties binnen een "
        "sector, cluster of omvangsklasse, en geen 0% of 100% in een groep van minder dan "
        "{group_min} organisaties. Alleen de groepen van het rapport bestaan hier (kleine "
        "sectoren en clusters zijn samengevoegd). Is één cel van een uitsplitsing "
        "onderdrukt, dan onderdrukken we die regel in alle groepen, zodat geen cijfer uit "
        "het totaal en de andere groepen is af te leiden; een onderdrukte cel is dat in elke "
        "tabel.",
        "not_found_title": "Niet gevonden",
        "not_found": "Deze combinatie bestaat niet: {what}.",
        "not_found_hint": "Kies uit wat er wel is:",
        "no_waves": "Er is nog geen meting gepubliceerd.",
        "selftest_title": "Zelftest innovatieklimaat",
        "selftest_intro": "Beantwoord de stellingen voor uw organisatie en zie meteen hoe uw "
        "innovatieklimaat zich verhoudt tot de organisaties in de gepubliceerde meting.",
        "selftest_privacy": "Er wordt niets bewaard: uw antwoorden en uitslag bestaan alleen "
        "in deze pagina. Alleen als u zelf op 'Bewaar mijn uitslag' klikt, bewaren we uw "
        "antwoorden (zonder naam) onder een willekeurige link die na {days} dagen vervalt.",
        "scale_hint": "1 = helemaal mee oneens, 5 = helemaal mee eens.",
        "dont_know": "Weet niet",
        "sector_group": "Uw sectorgroep (optioneel)",
        "sector_none": "Geen keuze",
        "compute": "Bereken mijn uitslag",
        "result_title": "Uw uitslag",
        "score": "Uw klimaatscore: {score} (schaal 1-5).",
        "group_line": "Uw innovatieklimaat: {group}.",
        "percentile": "U scoort hoger dan ongeveer {p}% van de organisaties in meting {wave} "
        "(n = {n}).",
        "percentile_sector": "Binnen {sector}: hoger dan ongeveer {p}% (n = {n}).",
        "no_sector_dist": "Voor deze sectorgroep is geen verdeling gepubliceerd.",
        "per_statement": "Uw antwoord per stelling tegenover de meting",
        "statement": "Stelling",
        "your_answer": "Uw antwoord",
        "wave_mean": "Gemiddelde meting",
        "wave_agree": "% (helemaal) eens in de meting",
        "strong_mean": "Gemiddelde bij krachtig klimaat",
        "differ_title": "Hier verschilt u het meest van organisaties met een krachtig klimaat",
        "no_score": "Er is geen score: beantwoord ten minste {k} van de {m} stellingen van de "
        "schaal met 1 tot 5.",
        "pdf": "Download uw uitslag (PDF)",
        "save": "Bewaar mijn uitslag (link, vervalt na {days} dagen)",
        "saved": "Uw uitslag is bewaard. Deze link werkt tot {date}; bewaar hem zelf, wij "
        "kunnen hem niet terugvinden.",
        "expired_title": "Deze link werkt niet meer",
        "expired": "De bewaarde uitslag bestaat niet (meer). Bewaarde uitslagen vervallen na "
        "{days} dagen.",
        "error_value": "Kies 1 tot 5 of Weet niet.",
        "not_in_scale": "(niet in de schaal)",
        "limited": "beperkt",
        "medium": "gemiddeld",
        "strong": "krachtig",
    },
    "en": {
        "explorer_title": "Explore the results",
        "explorer_intro": "Choose a wave, an indicator and a breakdown. Every figure comes "
        "from the published version of the wave; no organisation's own answers are shown.",
        "wave": "Wave",
        "indicator": "Indicator",
        "breakdown": "Breakdown",
        "filter": "Only organisations in",
        "filter_none": "All organisations",
        "show": "Show",
        "version": "Published version: wave {wave}, version {version} ({date}).",
        "base": "Base: {base}.",
        "method_pct": "Method: unweighted percentages with 95% confidence interval (Wilson); "
        "n is the number of organisations giving this answer, base the number in the base.",
        "method_mean": "Method: unweighted mean climate score (mean of the answered statements "
        "of the scale, 1-5) with 95% confidence interval (t).",
        "table_caption": "{title}: figures",
        "group": "Group",
        "category": "Category",
        "series": "Answer",
        "n": "n",
        "base_col": "base",
        "value_pct": "%",
        "value_mean": "mean",
        "ci_low": "95% CI lower",
        "ci_high": "95% CI upper",
        "note": "Note",
        "downloads": "Download",
        "csv": "Figures (CSV)",
        "svg": "Chart (SVG)",
        "png": "Chart (PNG)",
        "trend": "Trend over waves",
        "trend_intro": "The same indicator in every published wave (latest version).",
        "suppressed_title": "This combination is too small",
        "suppressed": "Every figure of this combination is suppressed: {reasons}. Choose a "
        "broader breakdown or remove the filter.",
        "rule_title": "Why are some figures missing?",
        "rule": "To protect organisations we show no figure resting on fewer than {min_n} "
        "organisations, no count of 1 to {cell_min_1} organisations within a sector, "
        "cluster or size class, and no 0% or 100% in a group of fewer than {group_min} "
        "organisations. Only the report's groups exist here (small sectors and clusters are "
        "merged). If one cell of a breakdown is suppressed, that row is suppressed in every "
        "group, so that no figure can be derived from the total and the other groups; a "
        "suppressed cell is suppressed in every table.",
        "not_found_title": "Not found",
        "not_found": "This combination does not exist: {what}.",
        "not_found_hint": "Choose from what there is:",
        "no_waves": "No wave has been published yet.",
        "selftest_title": "Innovation climate self-test",
        "selftest_intro": "Answer the statements for your organisation and see at once how "
        "your innovation climate compares with the organisations of the published wave.",
        "selftest_privacy": "Nothing is stored: your answers and result exist only in this "
        "page. Only if you choose 'Save my result' do we keep your answers (without a name) "
        "under a random link that expires after {days} days.",
        "scale_hint": "1 = strongly disagree, 5 = strongly agree.",
        "dont_know": "Don't know",
        "sector_group": "Your sector group (optional)",
        "sector_none": "No choice",
        "compute": "Show my result",
        "result_title": "Your result",
        "score": "Your climate score: {score} (scale 1-5).",
        "group_line": "Your innovation climate: {group}.",
        "percentile": "You score higher than about {p}% of the organisations in wave {wave} "
        "(n = {n}).",
        "percentile_sector": "Within {sector}: higher than about {p}% (n = {n}).",
        "no_sector_dist": "No distribution is published for this sector group.",
        "per_statement": "Your answer per statement against the wave",
        "statement": "Statement",
        "your_answer": "Your answer",
        "wave_mean": "Wave mean",
        "wave_agree": "% (strongly) agree in the wave",
        "strong_mean": "Mean with a strong climate",
        "differ_title": "Where you differ most from organisations with a strong climate",
        "no_score": "There is no score: answer at least {k} of the {m} statements of the scale "
        "with 1 to 5.",
        "pdf": "Download your result (PDF)",
        "save": "Save my result (link, expires after {days} days)",
        "saved": "Your result is saved. This link works until {date}; keep it yourself, we "
        "cannot find it for you.",
        "expired_title": "This link no longer works",
        "expired": "The saved result does not exist (any more). Saved results expire after "
        "{days} days.",
        "error_value": "Choose 1 to 5 or Don't know.",
        "not_in_scale": "(not in the scale)",
        "limited": "limited",
        "medium": "medium",
        "strong": "strong",
    },
}


def public_texts(lang: str) -> dict[str, str]:
    from barometer.web.i18n import texts

    return {**texts(lang), **TEXTS.get(lang, TEXTS["nl"])}
