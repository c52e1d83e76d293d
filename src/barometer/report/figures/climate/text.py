"""The wording of the climate chapter (Figures 15-22, 27 and Tabel 3) in Dutch and English."""

from __future__ import annotations

from typing import Any

__all__ = ["TEXT", "tc"]

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "strong": "Krachtig", "medium": "Gemiddeld", "limited": "Beperkt",
        "fixed": "Vaste grenzen 2021", "kmeans": "k-means (k = 3)",
        "yes": "ja", "no": "nee",
        "not_in_scale": (
            "* De gemarkeerde items zijn om statistische redenen niet opgenomen in de meetschaal."
        ),
        "dk_excluded": (
            "'Weet niet' telt niet mee in de basis ({n} antwoorden in totaal; per stelling in "
            "de tabel)."
        ),
        "scale_summary": (
            "Meetschaal innovatieklimaat: het gemiddelde van {k} van de {m} stellingen "
            "(Cronbach's alpha {alpha}); gemiddelde score {mean} op een schaal van 1 tot 5 "
            "(n = {n}). Zie Tabel 3."
        ),
        "scale_failed": "De meetschaal innovatieklimaat kon niet worden berekend: {reason}",
        "scale_too_few": (
            "Deze figuur wordt niet getoond: de meetschaal innovatieklimaat vraagt ten minste "
            "{need} organisaties die alle {k} stellingen beantwoordden (1 tot 5); dat zijn er "
            "{n} van de {total}."
        ),
        "no_statements": (
            "Deze figuur wordt niet getoond: de gegevens bevatten geen stellingen over het "
            "innovatieklimaat."
        ),
        "no_score": (
            "{n} organisaties zonder score (minder dan {k} van de stellingen van de schaal "
            "beantwoord) tellen niet mee."
        ),
        "groups_basis": (
            "Klimaatgroepen volgens de vaste grenzen van 2021: krachtig > 4,0; gemiddeld 3,6 "
            "tot en met 4,0; beperkt < 3,6."
        ),
        "kmeans_note": (
            "k-means (k = 3) op dezelfde scores: centra (gemiddelden van de groepen) {centres}; "
            "een score vanaf {cuts} valt in de volgende groep; "
            "groepsgroottes {sizes}. {share}% van de organisaties valt onder beide indelingen "
            "in dezelfde groep (Cohens kappa {kappa}). De figuur en de vergelijkingen in dit "
            "hoofdstuk gebruiken de vaste grenzen, zodat metingen vergelijkbaar blijven."
        ),
        "chi_note": (
            "Chi-kwadraattoets (klimaatgroep × categorie): χ² = {chi2}, df = {df}, {p}, "
            "Cramérs V = {v}."
        ),
        "chi_items": (
            "Per item: chi-kwadraattoets (klimaatgroep × wel/niet), met χ², df, p en Cramérs V "
            "in de tabel."
        ),
        "chi_low": (
            "Let op: {share}% van de verwachte aantallen is kleiner dan 5; de toets is een "
            "benadering."
        ),
        "chi_low_items": (
            "Let op: bij {items} is meer dan 20% van de verwachte aantallen kleiner dan 5; de "
            "toets is daar een benadering."
        ),
        "no_test": "Geen toets: {reason}.",
        "gap": (
            "{what}: krachtig {high}%, beperkt {low}%; verschil {gap} procentpunten (95%-BI "
            "{lo} tot {hi}; {p})."
        ),
        "innovated": "Innoveerde",
        "all_four": "Alle vier typen",
        "none": "Geen innovatie",
        "largest_gap": "grootste verschil",
        "largest_gap_note": (
            "Grootste verschil tussen krachtig en beperkt: {item}, {gap} procentpunten (95%-BI "
            "{lo} tot {hi}). In 2021 was dat de manier waarop met fouten wordt omgegaan "
            "(43 procentpunten)."
        ),
        "fig20_title_note": (
            "In 2021 heette deze figuur 'Succesfactoren, naar organisatiecluster'; zij "
            "vergelijkt de klimaatgroepen. Percentage: (sterk) bevorderend; 'weet niet' telt "
            "mee in de basis, zoals in Figuur 13."
        ),
        "results_gaps": (
            "Verschillen krachtig − beperkt: {items}. In 2021: kwaliteit en "
            "medewerkerstevredenheid elk ongeveer 20 procentpunten."
        ),
        "sorted_by_gap": "Gesorteerd op het verschil tussen krachtig en beperkt.",
        "stacked": "Gestapelde staven: de intervallen staan in de tabel.",
        "box_legend": (
            "Box: eerste tot derde kwartiel (Tukey); streep: mediaan; X: gemiddelde; lijnen: "
            "tot de laagste en hoogste score binnen 1,5 × de kwartielafstand; rondjes: "
            "uitbijters. Geen box berust op minder dan {min_n} organisaties."
        ),
        "overall_mean": (
            "Alle organisaties: gemiddelde {mean} (n = {n}). De groepen verklaren {eta}% van de "
            "spreiding in de score (eta²): de spreiding binnen de groepen is veel groter dan "
            "die tussen de groepen."
        ),
        "merged": "Samengevoegd (minder dan {min_n} organisaties met een score): {names}.",
        "merged_publication": (
            "Groepen als in Tabel 1 en 2 (kleine groepen samengevoegd, zie de verantwoording): "
            "{names}."
        ),
        "outliers_hidden": (
            "Uitbijters worden alleen getoond en geteld in een groep met minstens {cell_min} "
            "uitbijters; elders lopen min en max tot de snorharen."
        ),
        "werk_source": (
            "Anders dan in 2021: Figuur 22 van 2021 gebruikte gegevens van medewerkers uit het "
            "WERKonderzoek 2019 (teamprestaties). Hier zijn de zones gevormd uit de antwoorden "
            "van één leidinggevende per organisatie op dezelfde twee stellingen, en vergeleken "
            "op de score innovatieklimaat en de resultaten van de innovatie. De cijfers zijn "
            "niet vergelijkbaar met die van 2021."
        ),
        "werk_rule": (
            "Zones: 'Fouten maken en bespreken is veilig' (psychologische veiligheid) en 'We "
            "worden gestimuleerd om continu te verbeteren' (prestatiestandaard), hoog = "
            "(helemaal) eens (4 of 5); 'weet niet' geeft geen zone."
        ),
        "werk_circular": (
            "Beide stellingen maken deel uit van de meetschaal innovatieklimaat; het verschil "
            "in score tussen de zones is daardoor deels vanzelfsprekend."
        ),
        "werk_anova": "Score innovatieklimaat per zone: F({df1}, {df2}) = {f}, {p}.",
        "werk_results_base": (
            "Resultaten: basis organisaties die innoveerden, per zone (n = {lo} tot {hi})."
        ),
        "score": "Score innovatieklimaat (1-5)",
        "eigen": "Eigenwaarde",
        "component": "Component",
        "organisations_axis": "Aantal organisaties",
        "annex_rule": (
            "Regel: één factor (MINRES) op de organisaties die alle {m} stellingen "
            "beantwoordden (n = {n}); een stelling met een lading onder {min_loading} valt af, "
            "daarna een stelling waarvan het weglaten alpha verhoogt; één per stap, tot geen "
            "stelling meer afvalt. Daarna: {stop}."
        ),
        "annex_fit": (
            "Alle {m} stellingen: KMO = {kmo}; Bartlett χ² = {chi2}, df = {df}, {p}; "
            "eigenwaarden {eigen} ({above} groter dan 1)."
        ),
        "annex_scale": (
            "Schaal ({k} stellingen): Cronbach's alpha {alpha} (gestandaardiseerd {std}) en de "
            "itemstatistieken op de {n_alpha} organisaties die alle {k} schaalstellingen "
            "beantwoordden; gemiddelde inter-itemcorrelatie {r}; de factor verklaart {var}% van "
            "de variantie."
        ),
        "annex_score": (
            "Score: gemiddelde van de beantwoorde schaalstellingen, ten minste {min_answered} "
            "van de {k}; {n} organisaties met een score, gemiddelde {mean}, sd {sd}."
        ),
        "annex_normal": (
            "Verdeling van de score: scheefheid {skew}, kurtosis (exces) {kurt}; Shapiro-Wilk "
            "W = {w}, {p}. {verdict}"
        ),
        "normal_yes": "De verdeling is redelijk normaal (|scheefheid| < 0,5 en |kurtosis| < 1).",
        "normal_no": "De verdeling wijkt duidelijk af van normaal.",
        "hist_merged": (
            "Histogram: staven met minder dan {min_n} organisaties zijn aan de uiteinden "
            "samengevoegd of weggelaten."
        ),
        "stop_ok": "elke overgebleven stelling voldoet aan de regel",
        "stop_min": "nog 3 stellingen over, het minimum",
        "reason_loading": "lading {loading} op de eerste factor is lager dan {min}",
        "reason_alpha": "alpha stijgt van {before} naar {after} zonder deze stelling",
        "alt_box": (
            "Boxplot. {title}. {base}. Gemiddelde score per groep: {items}. Schaal 1 tot 5."
        ),
        "alt_grouped": "Staafdiagram per groep. {title}. {base}. {items}.",
        "alt_stacked": "Gestapeld staafdiagram per klimaatgroep. {title}. {base}. {items}.",
        "alt_annex": (
            "Twee grafieken. Links het screediagram van de eigenwaarden: {eigen}. Rechts een "
            "histogram van de score innovatieklimaat: gemiddelde {mean}, sd {sd}, scheefheid "
            "{skew}, n = {n}."
        ),
        "alt_werk": (
            "Twee grafieken. {title}. Links de gemiddelde score innovatieklimaat per zone: "
            "{scores}. Rechts het percentage organisaties per resultaat en zone: {items}."
        ),
        "alt_more": "en {k} andere",
        "unweighted_scale": (
            "Ongewogen: de meetschaal (factoranalyse, Cronbach's alpha, de score en haar "
            "gemiddelde); zij beschrijft de samenhang van de antwoorden van de responderende "
            "organisaties. De percentages per stelling zijn gewogen."
        ),
        "unweighted_kmeans": (
            "Ongewogen: de k-means-indeling (centra, grenzen, groepsgroottes, overeenstemming "
            "en kappa). De percentages per groep, ook die van de k-means-groepen, zijn gewogen."
        ),
        "unweighted_chi": (
            "Ongewogen: de chi-kwadraattoets en Cramérs V (op de aantallen organisaties; een "
            "gewogen toets is hier niet beschikbaar). Gewogen: de percentages, hun intervallen "
            "en de verschillen krachtig − beperkt, waarvan interval en toets de effectieve n "
            "per groep gebruiken."
        ),
        "unweighted_werk": (
            "Ongewogen: de gemiddelde score per zone, het interval en de F-toets, en de "
            "chi-kwadraattoets per resultaat. Gewogen: de percentages per resultaat en zone en "
            "hun intervallen."
        ),
        "unweighted_box": (
            "Deze figuur is ongewogen: kwartielen, snorharen, gemiddelden en eta² beschrijven "
            "de responderende organisaties (een gewogen boxplot is hier niet beschikbaar)."
        ),
        "unweighted_annex": (
            "Deze tabel is ongewogen: factoranalyse, betrouwbaarheid, score en haar verdeling "
            "beschrijven de responderende organisaties."
        ),
    },
    "en": {
        "strong": "Strong", "medium": "Medium", "limited": "Limited",
        "fixed": "Fixed 2021 cut-offs", "kmeans": "k-means (k = 3)",
        "yes": "yes", "no": "no",
        "not_in_scale": (
            "* The marked items were not included in the scale for statistical reasons."
        ),
        "dk_excluded": (
            "'Don't know' is left out of the base ({n} answers in all; per statement in the "
            "table)."
        ),
        "scale_summary": (
            "Innovation climate scale: the mean of {k} of the {m} statements (Cronbach's alpha "
            "{alpha}); mean score {mean} on a scale from 1 to 5 (n = {n}). See Table 3."
        ),
        "scale_failed": "The innovation climate scale could not be computed: {reason}",
        "scale_too_few": (
            "This figure is not shown: the innovation climate scale needs at least {need} "
            "organisations answering all {k} statements (1 to 5); there are {n} of {total}."
        ),
        "no_statements": (
            "This figure is not shown: the data hold no statements on the innovation climate."
        ),
        "no_score": (
            "{n} organisations without a score (fewer than {k} of the scale's statements "
            "answered) are not counted."
        ),
        "groups_basis": (
            "Climate groups by the fixed 2021 cut-offs: strong > 4.0; medium 3.6 to 4.0 "
            "inclusive; limited < 3.6."
        ),
        "kmeans_note": (
            "k-means (k = 3) on the same scores: centres (the groups' means) {centres}; a score "
            "from {cuts} on falls in the next group; group sizes {sizes}. {share}% of the organisations fall in the same group under both "
            "rules (Cohen's kappa {kappa}). The figure and the comparisons in this chapter use "
            "the fixed cut-offs, so that waves stay comparable."
        ),
        "chi_note": (
            "Chi-square test (climate group × category): χ² = {chi2}, df = {df}, {p}, "
            "Cramér's V = {v}."
        ),
        "chi_items": (
            "Per item: chi-square test (climate group × yes/no), with χ², df, p and Cramér's V "
            "in the table."
        ),
        "chi_low": (
            "Note: {share}% of the expected counts are below 5; the test is an approximation."
        ),
        "chi_low_items": (
            "Note: for {items} more than 20% of the expected counts are below 5; the test is "
            "an approximation there."
        ),
        "no_test": "No test: {reason}.",
        "gap": (
            "{what}: strong {high}%, limited {low}%; difference {gap} percentage points (95% "
            "CI {lo} to {hi}; {p})."
        ),
        "innovated": "Innovated",
        "all_four": "All four types",
        "none": "No innovation",
        "largest_gap": "largest gap",
        "largest_gap_note": (
            "Largest gap between strong and limited: {item}, {gap} percentage points (95% CI "
            "{lo} to {hi}). In 2021 it was the way mistakes are handled (43 percentage points)."
        ),
        "fig20_title_note": (
            "In 2021 this figure was titled 'Success factors, by organisation cluster'; it "
            "compares the climate groups. Percentage: (strongly) promoting; 'don't know' is in "
            "the base, as in Figure 13."
        ),
        "results_gaps": (
            "Differences strong − limited: {items}. In 2021: quality and employee satisfaction "
            "about 20 percentage points each."
        ),
        "sorted_by_gap": "Sorted by the difference between strong and limited.",
        "stacked": "Stacked bars: the intervals are in the table.",
        "box_legend": (
            "Box: first to third quartile (Tukey); line: median; X: mean; whiskers: to the "
            "lowest and highest score within 1.5 × the interquartile range; circles: "
            "outliers. No box rests on fewer than {min_n} organisations."
        ),
        "overall_mean": (
            "All organisations: mean {mean} (n = {n}). The groups explain {eta}% of the "
            "spread in the score (eta²): the spread within the groups is much larger than "
            "between them."
        ),
        "merged": "Merged (fewer than {min_n} organisations with a score): {names}.",
        "merged_publication": (
            "Groups as in Tables 1 and 2 (small groups merged, see the methods): {names}."
        ),
        "outliers_hidden": (
            "Outliers are shown and counted only in a group with at least {cell_min} "
            "outliers; elsewhere min and max run to the whiskers."
        ),
        "werk_source": (
            "Unlike 2021: the 2021 Figure 22 used employee data from the WERKonderzoek 2019 "
            "(team performance). Here the zones come from the answers of one manager per "
            "organisation to the same two statements, compared on the innovation climate "
            "score and the results of the innovation. The numbers are not comparable with "
            "those of 2021."
        ),
        "werk_rule": (
            "Zones: 'Making and discussing mistakes is safe' (psychological safety) and 'We "
            "are encouraged to improve continuously' (performance standard), high = "
            "(strongly) agree (4 or 5); 'don't know' gives no zone."
        ),
        "werk_circular": (
            "Both statements are part of the innovation climate scale, so the difference in "
            "score between the zones is partly built in."
        ),
        "werk_anova": "Innovation climate score by zone: F({df1}, {df2}) = {f}, {p}.",
        "werk_results_base": (
            "Results: base organisations that innovated, per zone (n = {lo} to {hi})."
        ),
        "score": "Innovation climate score (1-5)",
        "eigen": "Eigenvalue",
        "component": "Component",
        "organisations_axis": "Number of organisations",
        "annex_rule": (
            "Rule: one factor (MINRES) on the organisations answering all {m} statements "
            "(n = {n}); a statement loading below {min_loading} is dropped, then a statement "
            "whose removal raises alpha; one per step, until none is dropped. Then: {stop}."
        ),
        "annex_fit": (
            "All {m} statements: KMO = {kmo}; Bartlett χ² = {chi2}, df = {df}, {p}; "
            "eigenvalues {eigen} ({above} above 1)."
        ),
        "annex_scale": (
            "Scale ({k} statements): Cronbach's alpha {alpha} (standardised {std}) and the item "
            "statistics on the {n_alpha} organisations that answered all {k} scale statements; "
            "mean inter-item correlation {r}; the factor explains {var}% of the variance."
        ),
        "annex_score": (
            "Score: mean of the answered scale statements, at least {min_answered} of {k}; "
            "{n} organisations with a score, mean {mean}, sd {sd}."
        ),
        "annex_normal": (
            "Distribution of the score: skewness {skew}, excess kurtosis {kurt}; Shapiro-Wilk "
            "W = {w}, {p}. {verdict}"
        ),
        "normal_yes": "The distribution is roughly normal (|skewness| < 0.5 and |kurtosis| < 1).",
        "normal_no": "The distribution departs clearly from normal.",
        "hist_merged": (
            "Histogram: bars with fewer than {min_n} organisations are merged at the ends or "
            "left out."
        ),
        "stop_ok": "every remaining statement meets the rule",
        "stop_min": "3 statements left, the minimum",
        "reason_loading": "loading {loading} on the first factor is below {min}",
        "reason_alpha": "alpha rises from {before} to {after} without this statement",
        "alt_box": "Box plot. {title}. {base}. Mean score per group: {items}. Scale 1 to 5.",
        "alt_grouped": "Bar chart by group. {title}. {base}. {items}.",
        "alt_stacked": "Stacked bar chart by climate group. {title}. {base}. {items}.",
        "alt_annex": (
            "Two charts. Left, the scree plot of the eigenvalues: {eigen}. Right, a histogram "
            "of the innovation climate score: mean {mean}, sd {sd}, skewness {skew}, n = {n}."
        ),
        "alt_werk": (
            "Two charts. {title}. Left, the mean innovation climate score per zone: {scores}. "
            "Right, the percentage of organisations per result and zone: {items}."
        ),
        "alt_more": "and {k} more",
        "unweighted_scale": (
            "Unweighted: the scale (factor analysis, Cronbach's alpha, the score and its mean); "
            "it describes how the answers of the responding organisations hang together. The "
            "percentages per statement are weighted."
        ),
        "unweighted_kmeans": (
            "Unweighted: the k-means solution (centres, cut points, group sizes, agreement and "
            "kappa). The percentages per group, those of the k-means groups too, are weighted."
        ),
        "unweighted_chi": (
            "Unweighted: the chi-square test and Cramér's V (on the counts of organisations; a "
            "weighted test is not available here). Weighted: the percentages, their intervals "
            "and the differences strong − limited, whose interval and test use the effective "
            "n of each group."
        ),
        "unweighted_werk": (
            "Unweighted: the mean score per zone, its interval and the F test, and the "
            "chi-square test per result. Weighted: the percentages per result and zone and "
            "their intervals."
        ),
        "unweighted_box": (
            "This figure is unweighted: quartiles, whiskers, means and eta² describe the "
            "responding organisations (a weighted box plot is not available here)."
        ),
        "unweighted_annex": (
            "This table is unweighted: factor analysis, reliability, the score and its "
            "distribution describe the responding organisations."
        ),
    },
}  # fmt: skip
"""Wording of this chapter in Dutch and English (see :func:`tc`)."""


def tc(lang: str, key: str, **fields: Any) -> str:
    """The chapter's text ``key`` in ``lang`` (falling back to Dutch), fields filled in."""
    table = TEXT.get(lang, TEXT["nl"])
    text = table.get(key) or TEXT["nl"][key]
    return text.format(**fields) if fields else text
