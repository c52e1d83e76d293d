"""The wording of the wave comparison in Dutch and English.

Keys not found here fall back to the report's own wording (:func:`barometer.report.text.t`),
so shared phrases (bases, "too few", the country caveats) are written once.
"""

from __future__ import annotations

from typing import Any

from barometer.report.text import TEXT as REPORT_TEXT
from barometer.report.text import t

__all__ = ["COMPARE_COLUMNS", "COMPARE_TEXT", "ct"]

COMPARE_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "{study}: vergelijking van de metingen {waves}",
        "waves_title": "Metingen",
        "method_title": "Zo is vergeleken",
        "method": (
            "Per figuur staan de percentages van elke meting naast elkaar, met de basis (n) en "
            "het 95%-betrouwbaarheidsinterval (Wilson), precies zoals in het rapport van die "
            "meting. De verandering is het verschil in procentpunten (pp): de latere meting min "
            "de eerdere, tussen opeenvolgende metingen en, bij meer dan twee metingen, tussen "
            "de eerste en de laatste. Bij elke verandering staat de toets van twee proporties "
            "(z-toets, tweezijdig, gepoolde proportie) met de p-waarde. Een verandering heet "
            "alleen significant als p < 0,05."
        ),
        "method_multiple": (
            "Er worden veel veranderingen tegelijk getoetst. Ook als er niets verandert, is "
            "gemiddeld één op de twintig toetsen toevallig significant. Lees een enkele "
            "significante verandering daarom met voorzichtigheid."
        ),
        "method_unweighted": (
            "De percentages zijn ongewogen. De toets behandelt elke meting als een "
            "onafhankelijke steekproef; organisaties die aan beide metingen meededen, maken "
            "de toets iets conservatief."
        ),
        "method_comparable": (
            "Een vraag die in een meting ontbreekt of anders is gesteld (andere tekst, "
            "antwoordcategorieën, codes of filtervraag) krijgt geen verandering: daar staat "
            "'niet vergelijkbaar: vraag gewijzigd'."
        ),
        "disclosure": (
            "Vertrouwelijkheid: geen getoond percentage, aantal of verschil berust op minder "
            "dan {min_n} organisaties; zulke cellen tonen '–'."
        ),
        "version_differs": (
            "Let op: de vragenlijstversie verschilt tussen de metingen ({versions}). Per vraag "
            "is nagegaan of tekst, antwoordcategorieën en filtervraag gelijk zijn gebleven."
        ),
        "version_same_item": (
            "De vragenlijstversie verschilt ({versions}), maar deze vraag is in beide versies "
            "gelijk gesteld."
        ),
        "not_comparable": "niet vergelijkbaar: vraag gewijzigd",
        "not_comparable_groups": "niet vergelijkbaar: groepen per meting gevormd",
        "per_wave_groups": (
            "De k-means-groepen worden in elke meting opnieuw gevormd, met andere grenzen; "
            "voor die rijen is geen verandering berekend. Vergelijk de groepen met de vaste "
            "grenzen van 2021."
        ),
        "climate_note": (
            "De score innovatieklimaat wordt in elke meting berekend met de stellingen die de "
            "factoranalyse van die meting behoudt (zie Tabel 3 van elk rapport)."
        ),
        "not_comparable_note": (
            "{start} → {end}: niet vergelijkbaar, de vraag is gewijzigd ({items})."
        ),
        "item_missing": "De vraag ontbreekt in deze meting ({items}).",
        "item_changed": "{items} anders gesteld",
        "items_absent": "{items} ontbreekt",
        "no_value": "–",
        "reason_suppressed": "onderdrukt: basis kleiner dan {min_n}",
        "reason_absent": "categorie niet in de figuur van deze meting",
        "no_test": "geen toets: {reason}",
        "no_test_equal": "geen toets: beide 0% of beide 100%",
        "significant_yes": "ja",
        "significant_no": "nee",
        "change_header": "{start} → {end}",
        "wave_message": "{wave}: {message}",
        "not_compared": (
            "Niet vergeleken (geen percentages van organisaties, zoals tabellen, tekstvakken en "
            "boxplots): {figures}. Zie daarvoor de rapporten per meting."
        ),
        "base_waves": "Basis: {base}; n = {parts}",
        "base_part": "{n} ({wave})",
        "base_part_range": "{lo} tot {hi} ({wave})",
        "table_caption": "{number}. {title}: percentages per meting en veranderingen",
        "chart_series": "In de grafiek: {series}.",
        "change_legend": (
            "Verandering in procentpunten (pp), latere min eerdere meting; p: toets van twee "
            "proporties; significant bij p < 0,05."
        ),
        "alt": (
            "Puntdiagram. {title}. Per categorie het percentage in elke meting ({waves}), met "
            "het 95%-betrouwbaarheidsinterval. {changes}"
        ),
        "alt_changes": "Grootste veranderingen {start} → {end}: {items}.",
        "alt_none": "Geen veranderingen te berekenen.",
        "alt_sig": "significant",
        "alt_not_sig": "niet significant",
        "countries_title": "Vergelijking met andere landen, per meting",
        "countries_caption": "Gepubliceerde cijfers van andere landen naast elke Nederlandse meting",
        "countries_intro": (
            "Elke gepubliceerde buitenlandse waarde uit de vergelijkingstabel van het rapport, "
            "naast het Nederlandse percentage in elke meting. De toets (p) staat er alleen bij "
            "als het aantal deelnemers van het andere onderzoek bekend is en het cijfer exact is "
            "gepubliceerd."
        ),
        "countries_periods": (
            "De buitenlandse onderzoeken hebben hun eigen meetperiode; die valt meestal niet "
            "samen met de Nederlandse metingen. Een verschil tussen twee Nederlandse metingen "
            "zegt dus niets over een verandering in het andere land."
        ),
        "country_no_figure": "geen Nederlands cijfer in deze meting",
        "wave_col": "Meting",
        "responses_col": "Responsen",
        "innovators_col": "Waarvan innoveerden",
        "version_col": "Vragenlijstversie",
        "toc": "Inhoud",
        "skip": "Naar de inhoud",
        "chart_failed": "De grafiek kon niet worden gemaakt: {reason}. De cijfers staan in de tabel.",
    },
    "en": {
        "title": "{study}: comparison of the waves {waves}",
        "waves_title": "Waves",
        "method_title": "How the waves are compared",
        "method": (
            "For each figure the percentages of every wave stand side by side, with their base "
            "(n) and 95% confidence interval (Wilson), exactly as in that wave's report. The "
            "change is the difference in percentage points (pp): the later wave minus the "
            "earlier one, between consecutive waves and, with more than two waves, between the "
            "first and the last. Every change carries a test of two proportions (z test, "
            "two-sided, pooled proportion) with its p-value. A change is called significant "
            "only if p < 0.05."
        ),
        "method_multiple": (
            "Many changes are tested at once. Even if nothing changed, on average one test in "
            "twenty is significant by chance. Read a single significant change with care."
        ),
        "method_unweighted": (
            "The percentages are unweighted. The test treats each wave as an independent "
            "sample; organisations that took part in both waves make it slightly conservative."
        ),
        "method_comparable": (
            "A question that is missing from a wave or was asked differently (other wording, "
            "answer categories, codes or filter question) gets no change: it shows 'not "
            "comparable: question changed'."
        ),
        "disclosure": (
            "Confidentiality: no percentage, count or difference shown rests on fewer than "
            "{min_n} organisations; such cells show '–'."
        ),
        "version_differs": (
            "Note: the questionnaire version differs between the waves ({versions}). Each "
            "question was checked for changes to its wording, answer categories and filter."
        ),
        "version_same_item": (
            "The questionnaire version differs ({versions}), but this question was asked the "
            "same way in both versions."
        ),
        "not_comparable": "not comparable: question changed",
        "not_comparable_groups": "not comparable: groups formed per wave",
        "per_wave_groups": (
            "The k-means groups are formed anew in every wave, with other boundaries; no "
            "change is computed for those rows. Compare the groups with the fixed 2021 "
            "boundaries."
        ),
        "climate_note": (
            "The innovation climate score is computed in every wave from the statements that "
            "wave's factor analysis keeps (see Table 3 of each report)."
        ),
        "not_comparable_note": "{start} → {end}: not comparable, the question changed ({items}).",
        "item_missing": "The question is not in this wave ({items}).",
        "item_changed": "{items} asked differently",
        "items_absent": "{items} missing",
        "no_value": "–",
        "reason_suppressed": "suppressed: base below {min_n}",
        "reason_absent": "category not in this wave's figure",
        "no_test": "no test: {reason}",
        "no_test_equal": "no test: both 0% or both 100%",
        "significant_yes": "yes",
        "significant_no": "no",
        "change_header": "{start} → {end}",
        "wave_message": "{wave}: {message}",
        "not_compared": (
            "Not compared (not percentages of organisations, such as tables, text boxes and "
            "box plots): {figures}. See each wave's report for these."
        ),
        "base_waves": "Base: {base}; n = {parts}",
        "base_part": "{n} ({wave})",
        "base_part_range": "{lo} to {hi} ({wave})",
        "table_caption": "{number}. {title}: percentages per wave and changes",
        "chart_series": "In the chart: {series}.",
        "change_legend": (
            "Change in percentage points (pp), later minus earlier wave; p: test of two "
            "proportions; significant if p < 0.05."
        ),
        "alt": (
            "Dot chart. {title}. For each category the percentage in every wave ({waves}), "
            "with its 95% confidence interval. {changes}"
        ),
        "alt_changes": "Largest changes {start} → {end}: {items}.",
        "alt_none": "No changes can be computed.",
        "alt_sig": "significant",
        "alt_not_sig": "not significant",
        "countries_title": "Comparison with other countries, per wave",
        "countries_caption": "Published figures of other countries next to each Dutch wave",
        "countries_intro": (
            "Every published value from other countries in the report's comparison table, next "
            "to the Dutch percentage in each wave. A test (p) is given only where the number of "
            "participants of the other study is known and its figure was published exactly."
        ),
        "countries_periods": (
            "The other countries' studies have their own reference periods, which mostly do "
            "not coincide with the Dutch waves. A difference between two Dutch waves says "
            "nothing about a change in the other country."
        ),
        "country_no_figure": "no Dutch figure in this wave",
        "wave_col": "Wave",
        "responses_col": "Responses",
        "innovators_col": "Of which innovated",
        "version_col": "Questionnaire version",
        "toc": "Contents",
        "skip": "Skip to content",
        "chart_failed": "The chart could not be made: {reason}. The figures are in the table.",
    },
}

COMPARE_COLUMNS: dict[str, dict[str, str]] = {
    "nl": {
        "category": "Categorie", "series": "Reeks", "n": "Aantal", "base": "Basis (n)",
        "pct": "%", "ci_low": "95%-BI onder", "ci_high": "95%-BI boven",
        "change": "Verschil (pp)", "p": "p", "significant": "Significant (p < 0,05)",
        "figure": "Figuur", "country": "Land en periode", "value": "%",
        "study_n": "n (studie)", "nl_pct": "NL %", "nl_base": "NL n", "source": "Bron",
        "note": "Opmerking",
    },
    "en": {
        "category": "Category", "series": "Series", "n": "Count", "base": "Base (n)",
        "pct": "%", "ci_low": "95% CI lower", "ci_high": "95% CI upper",
        "change": "Change (pp)", "p": "p", "significant": "Significant (p < 0.05)",
        "figure": "Figure", "country": "Country and period", "value": "%",
        "study_n": "n (study)", "nl_pct": "NL %", "nl_base": "NL n", "source": "Source",
        "note": "Note",
    },
}  # fmt: skip
"""Column key -> header of the comparison tables (the CSV files use the keys)."""


def ct(lang: str, key: str, **fields: Any) -> str:
    """The comparison text ``key`` in ``lang``; falls back to the report's wording."""
    table = COMPARE_TEXT.get(lang, COMPARE_TEXT["nl"])
    text = table.get(key) or COMPARE_TEXT["nl"].get(key)
    if text is None:
        if key in REPORT_TEXT["nl"]:
            return t(lang, key, **fields)
        raise KeyError(key)
    return text.format(**fields) if fields else text
