"""The innovation-climate chapter: Figures 15-22 and 27 and the scale's method table.

Every compute function here reads one :class:`~barometer.stats.analysis.ClimateAnalysis`
per report context (computed once, cached), so Figures 15-22 and 27 and Tabel 3 describe
the same scale, scores and groups. When the scale cannot be computed (too few
organisations, a statement nobody answered), each figure shows that message in place of
its numbers; the rest of the report is unaffected.

Climate groups are the fixed 2021 cut-offs (> 4.0, 3.6-4.0, < 3.6), so that waves stay
comparable; the k-means solution is reported next to them (Figuur 17, Tabel 3).

Figures with extra numbers (box-plot statistics, tests, loadings) keep them as extra
columns of ``FigureData.table``; ``spec.params["columns"]`` lists the columns to publish
and :data:`COLUMN_HEADERS` / :data:`COLUMN_DECIMALS` give their headers and precision.
Chart-only data (outlier points, scree, histogram) travel in
:attr:`ClimateFigureData.chart_data`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
import pandas as pd

from barometer.classification import classification
from barometer.dataset import dummy_name
from barometer.errors import StatsError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures import Context, FigureData, register
from barometer.report.text import fmt_int, fmt_p, fmt_pct, t
from barometer.stats.analysis import ClimateAnalysis, climate_analysis, climate_statements
from barometer.stats.analysis_compare import GroupTable, group_means, group_table
from barometer.stats.disclosure import check_min_n, merge_small_groups
from barometer.stats.groups import boxplot_stats
from barometer.stats.proportions import proportion
from barometer.stats.werk import SAFETY, STANDARD, ZONE_LABELS, werk_zones

__all__ = [
    "COLUMN_DECIMALS",
    "COLUMN_HEADERS",
    "GROUP_ORDER",
    "ClimateFigureData",
    "analysis_for",
    "tc",
]

GROUP_ORDER = ("strong", "medium", "limited")
"""Climate groups in print order (as 2021: krachtig, gemiddeld, beperkt)."""
ZONE_ORDER = ("learning", "comfort", "anxiety", "apathy")
OTHER_CLUSTERS = "__other_clusters__"
AGREE = (4, 5)
VALID = (1, 2, 3, 4, 5)
DONT_KNOW, NO_ANSWER, NOT_APPLICABLE = -8, -9, -1
MIN_CASES = 10

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
            "k-means (k = 3) op dezelfde scores: centra {centres}; grenzen {cuts}; "
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
            "Schaal ({k} stellingen): Cronbach's alpha {alpha} (gestandaardiseerd {std}); "
            "gemiddelde inter-itemcorrelatie {r}; de factor verklaart {var}% van de variantie."
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
            "k-means (k = 3) on the same scores: centres {centres}; cut points {cuts}; group "
            "sizes {sizes}. {share}% of the organisations fall in the same group under both "
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
            "Scale ({k} statements): Cronbach's alpha {alpha} (standardised {std}); mean "
            "inter-item correlation {r}; the factor explains {var}% of the variance."
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
    },
}  # fmt: skip
"""Wording of this chapter in Dutch and English (see :func:`tc`)."""

COLUMN_HEADERS: dict[str, dict[str, str]] = {
    "nl": {
        "dont_know": "Weet niet", "mean": "Gemiddelde", "min": "Minimum", "q1": "Q1",
        "median": "Mediaan", "q3": "Q3", "max": "Maximum", "whisker_low": "Snorhaar laag",
        "whisker_high": "Snorhaar hoog", "n_outliers": "Uitbijters", "rule": "Grens",
        "centre": "Centrum", "gap": "Verschil krachtig − beperkt (pp)",
        "gap_ci_low": "Verschil 95%-BI ondergrens", "gap_ci_high": "Verschil 95%-BI bovengrens",
        "gap_p": "p (verschil)", "chi2": "χ²", "df": "df", "chi2_p": "p (χ²)",
        "cramers_v": "Cramérs V", "low_expected": "Verwacht < 5 (%)",
        "organisations": "Aantal organisaties", "score_mean": "Score (gemiddelde)",
        "score_ci_low": "Score 95%-BI ondergrens", "score_ci_high": "Score 95%-BI bovengrens",
        "kept": "In de schaal", "answered": "Beantwoord (1-5)", "sd": "sd",
        "loading_initial": "Lading (alle stellingen)",
        "communality_initial": "Communaliteit (alle stellingen)", "kmo": "KMO (item)",
        "loading": "Lading (schaal)", "communality": "Communaliteit (schaal)",
        "r_drop": "Gecorrigeerde item-totaalcorrelatie", "alpha_if_deleted": "Alpha zonder item",
        "component": "Component", "eigenvalue": "Eigenwaarde", "step": "Stap",
        "reason": "Reden",
    },
    "en": {
        "dont_know": "Don't know", "mean": "Mean", "min": "Minimum", "q1": "Q1",
        "median": "Median", "q3": "Q3", "max": "Maximum", "whisker_low": "Lower whisker",
        "whisker_high": "Upper whisker", "n_outliers": "Outliers", "rule": "Cut-off",
        "centre": "Centre", "gap": "Gap strong − limited (pp)",
        "gap_ci_low": "Gap 95% CI lower", "gap_ci_high": "Gap 95% CI upper",
        "gap_p": "p (gap)", "chi2": "χ²", "df": "df", "chi2_p": "p (χ²)",
        "cramers_v": "Cramér's V", "low_expected": "Expected < 5 (%)",
        "organisations": "Organisations", "score_mean": "Score (mean)",
        "score_ci_low": "Score 95% CI lower", "score_ci_high": "Score 95% CI upper",
        "kept": "In the scale", "answered": "Answered (1-5)", "sd": "SD",
        "loading_initial": "Loading (all statements)",
        "communality_initial": "Communality (all statements)", "kmo": "KMO (item)",
        "loading": "Loading (scale)", "communality": "Communality (scale)",
        "r_drop": "Corrected item-total correlation", "alpha_if_deleted": "Alpha if deleted",
        "component": "Component", "eigenvalue": "Eigenvalue", "step": "Step",
        "reason": "Reason",
    },
}  # fmt: skip
"""Headers of the extra table columns of this chapter (the CSV files use the keys)."""

COLUMN_DECIMALS: dict[str, int] = {
    "mean": 2, "min": 2, "q1": 2, "median": 2, "q3": 2, "max": 2, "whisker_low": 2,
    "whisker_high": 2, "centre": 2, "gap": 1, "gap_ci_low": 1, "gap_ci_high": 1, "gap_p": 4,
    "chi2": 2, "chi2_p": 4, "cramers_v": 3, "low_expected": 0, "score_mean": 2,
    "score_ci_low": 2, "score_ci_high": 2, "sd": 2, "loading_initial": 3,
    "communality_initial": 3, "kmo": 3, "loading": 3, "communality": 3, "r_drop": 3,
    "alpha_if_deleted": 3, "eigenvalue": 3,
}  # fmt: skip
"""Decimals to print for the extra columns (percentages keep the report's 1 decimal)."""


def tc(lang: str, key: str, **fields: Any) -> str:
    """The chapter's text ``key`` in ``lang`` (falling back to Dutch), fields filled in."""
    table = TEXT.get(lang, TEXT["nl"])
    text = table.get(key) or TEXT["nl"][key]
    return text.format(**fields) if fields else text


@dataclass(frozen=True, eq=False)
class ClimateFigureData(FigureData):
    """A :class:`FigureData` with data that only the chart needs (not published as a table):
    ``outliers`` (box plots), ``scree`` and ``histogram`` (Tabel 3), ``scores`` (WERK)."""

    chart_data: Mapping[str, pd.DataFrame] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers
_CACHE: WeakKeyDictionary[Context, ClimateAnalysis | StatsError] = WeakKeyDictionary()


def analysis_for(ctx: Context) -> ClimateAnalysis:
    """The climate analysis of the context's data (computed once per context).

    Raises the :class:`~barometer.errors.StatsError` of
    :func:`~barometer.stats.analysis.climate_analysis` when the scale cannot be computed.
    """
    result = _CACHE.get(ctx)
    if result is None:
        try:
            result = climate_analysis(ctx.data)
        except StatsError as exc:
            result = exc
        _CACHE[ctx] = result
    if isinstance(result, StatsError):
        raise result
    return result


def _scale_message(ctx: Context, exc: StatsError) -> str:
    """The message printed in place of a figure when the scale cannot be computed."""
    names = climate_statements(ctx.data)
    if not names:
        return tc(ctx.lang, "no_statements")
    items = ctx.data[list(names)].apply(pd.to_numeric, errors="coerce")
    complete = int(items.isin(VALID).all(axis=1).sum())
    need = max(MIN_CASES, len(names) + 1)
    if complete < need:
        return tc(ctx.lang, "scale_too_few", need=need, k=len(names), n=complete,
                  total=len(items))  # fmt: skip
    return tc(ctx.lang, "scale_failed", reason=str(exc))


def _failed(ctx: Context, spec: FigureSpec, exc: StatsError) -> FigureData:
    return FigureData(spec, ctx.lang, message=_scale_message(ctx, exc))


def _too_few(ctx: Context, spec: FigureSpec, n: int) -> FigureData:
    return FigureData(
        spec, ctx.lang, base_n=n, message=t(ctx.lang, "too_few", n=n, min_n=ctx.min_n)
    )


def _num(x: float, lang: str, decimals: int = 1) -> str:
    return fmt_pct(x, lang, decimals)


def _p(p: float, lang: str) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "p –"
    text = fmt_p(p, lang)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def _codes(ctx: Context, column: str) -> pd.Series:
    return pd.to_numeric(ctx.data[column], errors="coerce")


def _share_row(key: str, label: str, x: pd.Series, min_n: int, series: str | None = None
               ) -> dict[str, Any]:  # fmt: skip
    """One tidy row from a 0/1 series with NaN outside the base (suppressed below min_n)."""
    base = int(x.notna().sum())
    row: dict[str, Any] = {"key": key, "category": label, "series": series, "base": base}
    if base == 0 or not check_min_n(base, min_n):
        return row | {"n": pd.NA, "pct": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    r = proportion(x)
    return row | {"n": r.count, "pct": 100 * r.estimate, "ci_low": 100 * r.ci_low,
                  "ci_high": 100 * r.ci_high}  # fmt: skip


def _groups(res: ClimateAnalysis) -> pd.Series:
    """Climate group per organisation as plain strings (NaN without a score)."""
    return res.groups.astype(object).where(res.groups.notna())


def _group_label(lang: str, group: Hashable) -> str:
    return tc(lang, str(group))


def _chi_notes(lang: str, gt: GroupTable) -> list[str]:
    if gt.chi2 is None:
        return [tc(lang, "no_test", reason=gt.test_note)]
    c = gt.chi2
    notes = [tc(lang, "chi_note", chi2=_num(c.statistic, lang, 2), df=c.df, p=_p(c.pvalue, lang),
                v=_num(c.cramers_v, lang, 3))]  # fmt: skip
    if c.warning:
        notes.append(tc(lang, "chi_low", share=_num(100 * c.low_expected_share, lang, 0)))
    return notes


def _gap(gt: GroupTable, category: Hashable = 1.0) -> dict[str, float] | None:
    """``gap``, ``gap_ci_low``, ``gap_ci_high``, ``gap_p`` of a category, if there is one."""
    gaps: dict[Hashable, dict[Hashable, Any]] = gt.gaps.to_dict("index")
    g = gaps.get(category)
    return None if g is None else {str(k): float(v) for k, v in g.items()}


def _pct(gt: GroupTable, group: Hashable, category: Hashable) -> float:
    for r in gt.table.to_dict("records"):
        if r["group"] == group and r["category"] == category:
            return float(r["pct"])
    return math.nan


def _gap_note(lang: str, what: str, gt: GroupTable, category: Hashable) -> str | None:
    g = _gap(gt, category)
    if g is None:
        return None
    return tc(lang, "gap", what=what, high=_num(_pct(gt, gt.high, category), lang),
              low=_num(_pct(gt, gt.low, category), lang), gap=_num(g["gap"], lang),
              lo=_num(g["gap_ci_low"], lang), hi=_num(g["gap_ci_high"], lang),
              p=_p(g["gap_p"], lang))  # fmt: skip


def _no_score_note(lang: str, res: ClimateAnalysis, population: pd.Series) -> list[str]:
    n = int((population & res.score.isna()).sum())
    return [tc(lang, "no_score", n=n, k=res.min_answered)] if n else []


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    for col in columns:
        if col not in table:
            table[col] = np.nan
    table = table[[*columns, *[c for c in table.columns if c not in columns]]]
    if "n" in table:
        table["n"] = table["n"].astype("Int64")
    if "base" in table:
        table["base"] = table["base"].astype("int64")
    return table


TIDY = ("key", "category", "series", "n", "base", "pct", "ci_low", "ci_high")


# --------------------------------------------------------------------------- Figuur 15
@register("climate_statements")
def climate_statements_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 15: % (strongly) agree per statement; base: answered 1-5 (don't know left out
    and counted); statements left out of the scale marked with *."""
    lang = ctx.lang
    names = list(spec.params.get("items") or climate_statements(ctx.data))
    if not names:
        return FigureData(spec, lang, message=tc(lang, "no_statements"))
    population = ctx.population(spec.base)
    notes: list[str] = []
    try:
        res: ClimateAnalysis | None = analysis_for(ctx)
    except StatsError as exc:
        res = None
        notes.append(_scale_message(ctx, exc))
    rows, bases = [], []
    excluded = {"not_applicable": 0, "no_answer": 0, "invalid": 0}
    dk_total = 0
    for name in names:
        codes = _codes(ctx, name)
        inside = codes[population]
        in_base = population & codes.isin(VALID)
        dk = int((inside == DONT_KNOW).sum())
        dk_total += dk
        excluded["not_applicable"] += int((inside == NOT_APPLICABLE).sum())
        excluded["no_answer"] += int((inside == NO_ANSWER).sum() + inside.isna().sum())
        excluded["invalid"] += int(
            (~inside.isin([*VALID, DONT_KNOW, NOT_APPLICABLE, NO_ANSWER]) & inside.notna()).sum()
        )
        bases.append(int(in_base.sum()))
        marked = res is not None and name not in res.kept
        label = ctx.item(name).label(lang) + (" *" if marked else "")
        x = codes.isin(AGREE).astype(float).where(in_base)
        row = _share_row(name, label, x, ctx.min_n)
        rows.append(row | {"dont_know": dk, "in_scale": not marked})
    excluded_ = {k: v for k, v in excluded.items() if v}
    lo, hi = min(bases), max(bases)
    if not check_min_n(hi, ctx.min_n):
        return FigureData(spec, lang, base_n=hi,
                          message=t(lang, "too_few", n=hi, min_n=ctx.min_n))  # fmt: skip
    table = _frame(rows, [*TIDY, "dont_know", "in_scale"]).drop(columns="series")
    table = table.sort_values("pct", ascending=False, kind="stable").reset_index(drop=True)
    if res is not None:
        if res.dropped:
            notes.insert(0, tc(lang, "not_in_scale"))
        notes.append(tc(lang, "scale_summary", k=len(res.kept), m=len(res.statements),
                        alpha=_num(res.reliability.alpha, lang, 2), mean=_num(res.mean, lang, 2),
                        n=fmt_int(res.n_scored, lang)))  # fmt: skip
    if dk_total:
        notes.append(tc(lang, "dk_excluded", n=fmt_int(dk_total, lang)))
    return FigureData(spec, lang, table, lo if lo == hi else None, base_range=(lo, hi),
                      excluded=excluded_, excluded_unit="answers", notes=tuple(notes))  # fmt: skip


# --------------------------------------------------------------------------- 16 and 27
def _unit_codes(ctx: Context, column: str) -> pd.Series:
    if column not in ctx.data.columns:
        return pd.Series("", index=ctx.data.index)
    values = ctx.data[column]
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


@register("climate_boxplot")
def climate_boxplot(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figures 16 and 27: box-plot statistics of the climate score per sector or cluster;
    groups with fewer than ``min_n`` scored organisations merge into the remainder."""
    lang = ctx.lang
    by = spec.params["by"]
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    cls = classification()
    score = res.score.where(ctx.population(spec.base))
    scored = score.notna()
    n_total = int(scored.sum())
    if not check_min_n(n_total, ctx.min_n):
        return _too_few(ctx, spec, n_total)
    codes = _unit_codes(ctx, by)
    if by == "sector":
        known, into = cls.sector_codes(), cls.remainder.code

        def label(code: str) -> str:
            return cls.sector_label(code, lang) if code else t(lang, "no_sector")

        remainder_base = cls.remainder.label(lang).split(" (")[0]
    else:
        known, into = cls.cluster_codes(), OTHER_CLUSTERS

        def label(code: str) -> str:
            return cls.cluster_label(code, lang) if code else t(lang, "no_cluster")

        remainder_base = t(lang, "remainder_clusters")
    counts = codes[scored].value_counts()
    order = [c for c in known if c in counts.index]
    order += sorted(c for c in counts.index if c not in order)
    counts = counts.reindex(order).astype("int64")
    try:
        mapping = merge_small_groups(counts, min_n=ctx.min_n, into=into)
    except StatsError:
        return _too_few(ctx, spec, n_total)
    merged = [c for c, target in mapping.items() if target != c]
    published = [c for c in order if mapping[c] == c and c != into]
    if merged or into in order:
        published.append(into)
    groups = pd.Series(
        pd.Categorical(codes.map(mapping).where(scored), categories=published), index=codes.index
    )
    box: dict[Hashable, dict[Hashable, Any]] = boxplot_stats(score, groups).to_dict("index")
    rows, outliers = [], []
    for code in published:
        if code not in box:
            continue
        s = box[code]
        n = int(s["n"])
        if code == into:
            members = [c for c in order if mapping[c] == into]
            name = f"{remainder_base} ({', '.join(label(c) for c in members)})"
        else:
            name = label(code)
        row: dict[str, Any] = {"key": code, "category": name, "n": n}
        if not check_min_n(n, ctx.min_n):  # cannot happen after merging; never print points
            rows.append(row)
            continue
        row |= {k: float(s[k]) for k in ("mean", "min", "q1", "median", "q3", "max",
                                         "whisker_low", "whisker_high")}  # fmt: skip
        row["n_outliers"] = len(s["outliers"])
        rows.append(row)
        outliers += [{"key": code, "category": name, "value": v} for v in s["outliers"]]
    columns = ["key", "category", "n", "mean", "min", "q1", "median", "q3", "max",
               "whisker_low", "whisker_high", "n_outliers"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    table["n"] = table["n"].astype("int64")
    table["n_outliers"] = table["n_outliers"].astype("Int64")
    published_groups = groups.where(groups.isin(table.loc[table["mean"].notna(), "key"]))
    notes = [tc(lang, "box_legend", min_n=ctx.min_n)]
    notes.append(tc(lang, "overall_mean", mean=_num(float(score.mean()), lang, 2),
                    n=fmt_int(n_total, lang),
                    eta=_num(100 * _eta_squared(score, published_groups), lang, 1)))  # fmt: skip
    if merged:
        notes.append(tc(lang, "merged", min_n=ctx.min_n, names=", ".join(label(c) for c in merged)))
    notes += _no_score_note(lang, res, ctx.population(spec.base))
    return ClimateFigureData(
        spec, lang, table, n_total, notes=tuple(notes),
        chart_data={"outliers": pd.DataFrame(outliers, columns=["key", "category", "value"])},
    )  # fmt: skip


def _eta_squared(score: pd.Series, groups: pd.Series) -> float:
    ok = score.notna() & groups.notna()
    s, g = score[ok].astype(float), groups[ok].astype(str)
    total = float(((s - s.mean()) ** 2).sum())
    between = float(s.groupby(g).agg(lambda v: len(v) * (v.mean() - s.mean()) ** 2).sum())
    return between / total if total > 0 else 0.0


# --------------------------------------------------------------------------- Figuur 17
def _rule(lang: str, group: str, cuts: Sequence[float], decimals: int) -> str:
    lo, hi = (_num(c, lang, decimals) for c in cuts)
    word = {"nl": "tot en met", "en": "to"}.get(lang, "tot en met")
    return {"strong": f"> {hi}", "medium": f"{lo} {word} {hi}", "limited": f"< {lo}"}[group]


@register("climate_groups")
def climate_groups_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 17: shares of the three groups by the fixed 2021 cut-offs, with the k-means
    solution (centres, sizes, cut points) next to them."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    population = ctx.population(spec.base)
    scored = population & res.score.notna()
    n = int(scored.sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n)
    fixed = res.groups.astype(object)
    kmeans = res.kmeans.labels.astype(object)
    centres = dict(zip(("limited", "medium", "strong"), res.kmeans.centres, strict=True))
    rows = []
    for series, labels, cuts, decimals in (
        (tc(lang, "fixed"), fixed, res.cuts, 1),
        (tc(lang, "kmeans"), kmeans, res.kmeans.cuts, 2),
    ):
        is_km = labels is kmeans
        for g in GROUP_ORDER:
            x = (labels == g).astype(float).where(scored)
            row = _share_row(f"{'kmeans' if is_km else 'fixed'}:{g}", _group_label(lang, g), x,
                             ctx.min_n, series)  # fmt: skip
            row["rule"] = _rule(lang, g, cuts, decimals)
            row["centre"] = centres[g] if is_km else np.nan
            rows.append(row)
    table = _frame(rows, [*TIDY, "rule", "centre"])
    km = res.kmeans
    notes = [
        tc(lang, "groups_basis"),
        tc(lang, "kmeans_note",
           centres=" / ".join(_num(c, lang, 2) for c in km.centres),
           cuts=" / ".join(_num(c, lang, 2) for c in km.cuts),
           sizes=" / ".join(fmt_int(s, lang) for s in km.sizes),
           share=_num(100 * res.agreement_share, lang, 0), kappa=_num(res.kappa, lang, 2)),
        *_no_score_note(lang, res, population),
    ]  # fmt: skip
    return FigureData(spec, lang, table, n, notes=tuple(notes))


# --------------------------------------------------------------------------- 18 and 19
def _distribution_by_group(
    ctx: Context,
    spec: FigureSpec,
    res: ClimateAnalysis,
    values: pd.Series,
    categories: Sequence[tuple[Hashable, str]],
    in_population: pd.Series,
) -> tuple[FigureData, GroupTable | None]:
    lang = ctx.lang
    groups = _groups(res).where(in_population)
    base = in_population & values.notna() & groups.notna()
    n = int(base.sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n), None
    gt = group_table(values.where(base), groups, categories=[c for c, _ in categories],
                     group_order=GROUP_ORDER, high="strong", low="limited", min_n=ctx.min_n)  # fmt: skip
    labels = dict(categories)
    rows = []
    for r in gt.table.to_dict("records"):
        rows.append({
            "key": f"{r['group']}:{r['category']}", "category": _group_label(lang, r["group"]),
            "series": labels[r["category"]], "n": r["count"], "base": r["base"], "pct": r["pct"],
            "ci_low": r["ci_low"], "ci_high": r["ci_high"],
        })  # fmt: skip
    excluded = {"no_answer": int((in_population & groups.notna() & values.isna()).sum())}
    notes = [tc(lang, "groups_basis"), *_chi_notes(lang, gt), tc(lang, "stacked")]
    notes += _no_score_note(lang, res, in_population)
    data = FigureData(spec, lang, _frame(rows, TIDY), n,
                      excluded={k: v for k, v in excluded.items() if v}, notes=tuple(notes))  # fmt: skip
    return data, gt


@register("climate_frequency")
def climate_frequency(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 18: number of innovations (none, 1, 2-4, 5-9, 10+) by climate group; base all
    organisations with a score (non-innovators count as none)."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    item = ctx.item("c2_count")
    assert item.choice_list is not None
    choices = [(c.code, c.label(lang)) for c in item.choice_list.choices]
    innovated = ctx.data["innovated"]
    count = _codes(ctx, "c2_count")
    values = pd.Series(np.nan, index=ctx.data.index, dtype=object)
    inn = innovated.fillna(False).astype(bool)
    values[innovated.notna().to_numpy(dtype=bool) & ~inn] = 0
    ok = inn & count.isin([c for c, _ in choices])
    values[ok] = count[ok].astype("int64").to_numpy()
    values = values.where(values.notna())
    population = ctx.population(spec.base)
    data, gt = _distribution_by_group(
        ctx, spec, res, values, [(0, tc(lang, "none")), *choices], population
    )
    if gt is None:
        return data
    binary = (values != 0).astype(float).where(values.notna() & population)
    gi = group_table(binary, _groups(res), categories=[1.0, 0.0], group_order=GROUP_ORDER,
                     high="strong", low="limited", min_n=ctx.min_n)  # fmt: skip
    note = _gap_note(lang, tc(lang, "innovated"), gi, 1.0)
    notes = list(data.notes)
    if note:
        notes.insert(1, note)
    return FigureData(spec, lang, data.table, data.base_n, excluded=data.excluded,
                      notes=tuple(notes))  # fmt: skip


@register("climate_spectrum")
def climate_spectrum(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 19: number of innovation types combined by climate group; base innovators
    (the 2021 label n=366 was wrong: the spectrum exists for innovators only)."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    population = ctx.population(spec.base)
    values = ctx.data["spectrum"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    series = pd.Series(values, index=ctx.data.index).where(population)
    ks = [0, 1, 2, 3, 4] if (series == 0).any() else [1, 2, 3, 4]

    def label(k: int) -> str:
        return t(lang, "types_0" if k == 0 else "types_1" if k == 1 else "types_n", k=k)

    data, gt = _distribution_by_group(
        ctx, spec, res, series, [(float(k), label(k)) for k in ks], population
    )
    if gt is None:
        return data
    notes = list(data.notes)
    note = _gap_note(lang, tc(lang, "all_four"), gt, 4.0)
    if note:
        notes.insert(1, note)
    notes.append(t(lang, "spectrum_note"))
    return FigureData(spec, lang, data.table, data.base_n, excluded=data.excluded,
                      notes=tuple(notes))  # fmt: skip


# --------------------------------------------------------------------------- 20 and 21
def _items_by_group(
    ctx: Context,
    spec: FigureSpec,
    res: ClimateAnalysis,
    items: Sequence[tuple[str, str, pd.Series]],
    excluded: Mapping[str, int],
    highlight: bool = False,
) -> tuple[FigureData, dict[str, GroupTable]]:
    """Rows item x climate group of a 0/1 indicator per item, sorted by the gap strong -
    limited (largest first, marked if ``highlight``), with a chi-square per item."""
    lang = ctx.lang
    groups = _groups(res)
    tests: dict[str, GroupTable] = {}
    bases = []
    for key, _, x in items:
        x = x.where(groups.notna())
        bases.append(int(x.notna().sum()))
        if x.notna().any():
            tests[key] = group_table(x, groups, categories=[1.0, 0.0], group_order=GROUP_ORDER,
                                     high="strong", low="limited", min_n=ctx.min_n)  # fmt: skip
    lo, hi = (min(bases), max(bases)) if bases else (0, 0)
    if not check_min_n(hi, ctx.min_n) or not tests:
        return _too_few(ctx, spec, hi), tests

    def gap(key: str) -> float:
        g = _gap(tests[key]) if key in tests else None
        return g["gap"] if g is not None else -math.inf

    ordered = sorted(items, key=lambda it: -gap(it[0]))
    top = ordered[0][0] if highlight and gap(ordered[0][0]) > -math.inf else None
    rows, low_items = [], []
    for key, label, _ in ordered:
        if key not in tests:
            continue
        gt = tests[key]
        name = f"{label} ({tc(lang, 'largest_gap')})" if key == top else label
        first = True
        for r in gt.table[gt.table["category"] == 1.0].to_dict("records"):
            row: dict[str, Any] = {
                "key": f"{key}:{r['group']}", "category": name,
                "series": _group_label(lang, r["group"]), "n": r["count"], "base": r["base"],
                "pct": r["pct"], "ci_low": r["ci_low"], "ci_high": r["ci_high"],
            }  # fmt: skip
            if first:
                row |= _test_columns(gt)
                first = False
            rows.append(row)
        if gt.chi2 is not None and gt.chi2.warning:
            low_items.append(label)
    columns = [*TIDY, "gap", "gap_ci_low", "gap_ci_high", "gap_p", "chi2", "df", "chi2_p",
               "cramers_v", "low_expected"]  # fmt: skip
    table = _frame(rows, columns)
    table["df"] = table["df"].astype("Int64")
    notes = [tc(lang, "groups_basis"), tc(lang, "sorted_by_gap"), tc(lang, "chi_items")]
    if low_items:
        notes.append(tc(lang, "chi_low_items", items=", ".join(low_items)))
    notes += _no_score_note(lang, res, ctx.population(spec.base))
    data = FigureData(spec, lang, table, lo if lo == hi else None, base_range=(lo, hi),
                      excluded=dict(excluded), excluded_unit="answers", notes=tuple(notes))  # fmt: skip
    return data, tests


def _test_columns(gt: GroupTable) -> dict[str, Any]:
    out: dict[str, Any] = dict(_gap(gt) or {})
    if gt.chi2 is not None:
        out |= {"chi2": gt.chi2.statistic, "df": gt.chi2.df, "chi2_p": gt.chi2.pvalue,
                "cramers_v": gt.chi2.cramers_v,
                "low_expected": 100 * gt.chi2.low_expected_share}  # fmt: skip
    return out


@register("climate_factors")
def climate_factors(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 20: % (strongly) promoting per factor by climate group; base innovators
    answering the factor (don't know in the base, as Figuur 13); largest gap marked."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    population = ctx.population(spec.base)
    items, excluded = [], {"not_applicable": 0, "no_answer": 0}
    for name in spec.params["items"]:
        codes = _codes(ctx, name)
        in_base = population & codes.isin([*VALID, DONT_KNOW])
        inside = codes[population]
        excluded["not_applicable"] += int((inside == NOT_APPLICABLE).sum())
        excluded["no_answer"] += int((inside == NO_ANSWER).sum() + inside.isna().sum())
        x = codes.isin(AGREE).astype(float).where(in_base)
        items.append((name, ctx.item(name).label(lang), x))
    data, tests = _items_by_group(
        ctx, spec, res, items, {k: v for k, v in excluded.items() if v}, highlight=True
    )
    if not data.ok:
        return data
    gaps = {k: g for k, gt in tests.items() if (g := _gap(gt)) is not None}
    notes = list(data.notes)
    if gaps:
        top = max(gaps, key=lambda k: gaps[k]["gap"])
        g = gaps[top]
        notes.insert(0, tc(lang, "largest_gap_note", item=ctx.item(top).label(lang),
                           gap=_num(g["gap"], lang), lo=_num(g["gap_ci_low"], lang),
                           hi=_num(g["gap_ci_high"], lang)))  # fmt: skip
    notes.append(tc(lang, "fig20_title_note"))
    return FigureData(spec, lang, data.table, data.base_n, base_range=data.base_range,
                      excluded=data.excluded, excluded_unit="answers", notes=tuple(notes))  # fmt: skip


def _result_dummies(ctx: Context, item_name: str, skip: Sequence[str]
                    ) -> tuple[list[tuple[str, str, pd.Series]], pd.Series, dict[str, int]]:  # fmt: skip
    """0/1 indicators (NaN outside the base) of a select_multiple item's choices; base:
    innovators whose dummies are all answered."""
    item = ctx.item(item_name)
    assert item.choice_list is not None
    choices = [c for c in item.choice_list.choices if c.name not in skip]
    all_dummies = pd.DataFrame(
        {c.name: _codes(ctx, dummy_name(item_name, c.name)) for c in item.choice_list.choices}
    )
    answered = all_dummies.isin([0, 1]).all(axis=1)
    population = ctx.population("innovators")
    first = all_dummies.iloc[:, 0][population]
    excluded = {
        "not_applicable": int((first == NOT_APPLICABLE).sum()),
        "no_answer": int((population & ~answered).sum() - (first == NOT_APPLICABLE).sum()),
    }
    in_base = population & answered
    items = [
        (c.name, c.label(ctx.lang), all_dummies[c.name].astype(float).where(in_base))
        for c in choices
    ]
    return items, in_base, {k: v for k, v in excluded.items() if v}


@register("climate_results")
def climate_results(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 21: share achieving each result by climate group; base innovators."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    items, _, excluded = _result_dummies(ctx, spec.params["item"], spec.params.get("skip", ()))
    data, tests = _items_by_group(ctx, spec, res, items, excluded)
    if not data.ok:
        return data
    labels = {k: lab for k, lab, _ in items}
    gaps = [(k, g["gap"]) for k, gt in tests.items() if (g := _gap(gt)) is not None]
    gaps.sort(key=lambda kv: -kv[1])
    text = "; ".join(f"{labels[k]} {_num(g, lang)}" for k, g in gaps)
    notes = [tc(lang, "results_gaps", items=text), *data.notes] if gaps else list(data.notes)
    return FigureData(spec, lang, data.table, data.base_n, base_range=data.base_range,
                      excluded=data.excluded, excluded_unit="answers", notes=tuple(notes))  # fmt: skip


# --------------------------------------------------------------------------- Figuur 22
@register("werk_zones")
def werk_zones_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Figuur 22 analogue: WERK zones compared on the climate score (mean, 95% CI) and on
    the results of the innovation (% per result, base innovators in the zone)."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    population = ctx.population(spec.base)
    zones = werk_zones(ctx.data[SAFETY], ctx.data[STANDARD]).astype(object)
    zones = zones.where(population & zones.notna())
    n = int(zones.notna().sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n)
    means = group_means(res.score, zones, group_order=ZONE_ORDER, min_n=ctx.min_n)
    wanted = spec.params.get("results", ("efficiency", "quality", "employee_satisfaction"))
    items, in_base, _ = _result_dummies(ctx, spec.params.get("item", "d14_results"), ())
    items = [it for it in items if it[0] in wanted]
    zone_labels = ZONE_LABELS.get(lang, ZONE_LABELS["nl"])
    tests = {
        key: group_table(x, zones, categories=[1.0, 0.0], group_order=ZONE_ORDER, min_n=ctx.min_n)
        for key, _, x in items
        if x.where(zones.notna()).notna().any()
    }
    rows = []
    zone_means: dict[Hashable, dict[Hashable, Any]] = means.table.to_dict("index")
    for z in ZONE_ORDER:
        m = zone_means[z]
        zone_row: dict[str, Any] = {
            "organisations": int(m["n"]) if check_min_n(int(m["n"]), ctx.min_n) else pd.NA,
            "score_mean": m["mean"], "score_ci_low": m["ci_low"], "score_ci_high": m["ci_high"],
        }  # fmt: skip
        for key, label, _ in items:
            if key not in tests:
                continue
            gt = tests[key]
            r = gt.table[(gt.table["group"] == z) & (gt.table["category"] == 1.0)].iloc[0]
            row: dict[str, Any] = {
                "key": f"{z}:{key}", "category": zone_labels[z], "series": label,
                "n": r["count"], "base": r["base"], "pct": r["pct"], "ci_low": r["ci_low"],
                "ci_high": r["ci_high"],
            }  # fmt: skip
            if gt.chi2 is not None and z == ZONE_ORDER[0]:
                row |= {"chi2": gt.chi2.statistic, "df": gt.chi2.df, "chi2_p": gt.chi2.pvalue,
                        "cramers_v": gt.chi2.cramers_v}  # fmt: skip
            rows.append(row | zone_row)
            zone_row = {}
    if not rows:
        return _too_few(ctx, spec, 0)
    columns = [*TIDY, "organisations", "score_mean", "score_ci_low", "score_ci_high", "chi2",
               "df", "chi2_p", "cramers_v"]  # fmt: skip
    table = _frame(rows, columns)
    for col in ("organisations", "df"):
        table[col] = table[col].astype("Int64")
    zone_n = [int(zones[in_base].eq(z).sum()) for z in ZONE_ORDER]
    notes = [tc(lang, "werk_source"), tc(lang, "werk_rule")]
    if SAFETY in res.kept or STANDARD in res.kept:
        notes.append(tc(lang, "werk_circular"))
    if not math.isnan(means.anova_f):
        notes.append(tc(lang, "werk_anova", df1=means.anova_df[0], df2=means.anova_df[1],
                        f=_num(means.anova_f, lang, 2), p=_p(means.anova_p, lang)))  # fmt: skip
    notes.append(tc(lang, "werk_results_base", lo=min(zone_n), hi=max(zone_n)))
    scores = means.table.reset_index()
    scores["category"] = scores["group"].map(zone_labels)
    scores = scores[["group", "category", "n", "mean", "ci_low", "ci_high"]]
    return ClimateFigureData(spec, lang, table, n, notes=tuple(notes),
                             chart_data={"scores": scores})  # fmt: skip


# --------------------------------------------------------------------------- Tabel 3
def _histogram(score: pd.Series, min_n: int, width: float = 0.25) -> tuple[pd.DataFrame, bool]:
    """Counts per score bin [a, a + width) (the last bin includes 5). Empty bins at the ends
    are dropped; end bins are merged inwards until they hold ``min_n`` organisations; an
    inner bin with 1 to ``min_n`` - 1 organisations is left out (DESIGN.md section 8)."""
    values = score.dropna().to_numpy(dtype=float)
    edges = np.round(np.arange(1.0, 5.0 + width / 2, width), 6)
    counts, _ = np.histogram(values, bins=edges)
    bins = [[float(edges[i]), float(edges[i + 1]), int(counts[i])] for i in range(len(counts))]
    while bins and bins[0][2] == 0:
        bins.pop(0)
    while bins and bins[-1][2] == 0:
        bins.pop()
    changed = False
    while len(bins) > 1 and bins[0][2] < min_n:
        bins[1] = [bins[0][0], bins[1][1], bins[0][2] + bins[1][2]]
        bins.pop(0)
        changed = True
    while len(bins) > 1 and bins[-1][2] < min_n:
        bins[-2] = [bins[-2][0], bins[-1][1], bins[-2][2] + bins[-1][2]]
        bins.pop()
        changed = True
    out = [b for b in bins if b[2] == 0 or b[2] >= min_n]
    changed = changed or len(out) != len(bins)
    frame = pd.DataFrame(out, columns=["bin_start", "bin_end", "count"])
    return frame, changed


def _reason(lang: str, res: ClimateAnalysis, name: str) -> str:
    for s in res.steps:
        if s.item == name:
            if s.rule == "loading":
                return tc(lang, "reason_loading", loading=_num(s.loading, lang, 3),
                          min=_num(res.min_loading, lang, 2))  # fmt: skip
            return tc(lang, "reason_alpha", before=_num(s.alpha_before, lang, 3),
                      after=_num(s.alpha_after, lang, 3))  # fmt: skip
    return ""


@register("climate_scale_method")
def climate_scale_method(ctx: Context, spec: FigureSpec) -> FigureData:
    """Tabel 3 (method annex): factor analysis, reliability, item selection and the score's
    distribution, with a scree plot and a histogram."""
    lang = ctx.lang
    try:
        res = analysis_for(ctx)
    except StatsError as exc:
        return _failed(ctx, spec, exc)
    if not check_min_n(res.n_scored, ctx.min_n):
        return _too_few(ctx, spec, res.n_scored)
    items: dict[Hashable, dict[Hashable, Any]] = res.items.to_dict("index")
    eigen = res.initial.eigenvalues
    rows = []
    for i, name in enumerate(res.statements):
        r = items[name]
        rows.append({
            "key": name, "category": ctx.item(name).label(lang),
            "kept": tc(lang, "yes" if r["kept"] else "no"), "answered": int(r["answered"]),
            "dont_know": int(r["dont_know"]), "mean": r["mean"], "sd": r["sd"],
            "loading_initial": r["loading_initial"],
            "communality_initial": r["communality_initial"], "kmo": r["kmo"],
            "loading": r["loading"], "communality": r["communality"], "r_drop": r["r_drop"],
            "alpha_if_deleted": r["alpha_if_deleted"], "step": r["step"],
            "reason": _reason(lang, res, name), "component": i + 1,
            "eigenvalue": float(eigen.iloc[i]),
        })  # fmt: skip
    table = pd.DataFrame(rows)
    table["step"] = table["step"].astype("Int64")
    rel, ini, fac, norm = res.reliability, res.initial, res.factor, res.normality
    stop = tc(lang, "stop_min" if len(res.kept) <= 3 else "stop_ok")
    notes = [
        tc(lang, "annex_rule", m=len(res.statements), n=fmt_int(res.n_selection, lang),
           min_loading=_num(res.min_loading, lang, 2), stop=stop),
        tc(lang, "annex_fit", m=len(res.statements), kmo=_num(ini.kmo, lang, 3),
           chi2=_num(ini.bartlett_chi2, lang, 1), df=ini.bartlett_df,
           p=_p(ini.bartlett_p, lang),
           eigen="; ".join(_num(float(v), lang, 2) for v in eigen.iloc[:5]) + " …",
           above=int((eigen > 1).sum())),
        tc(lang, "annex_scale", k=len(res.kept), alpha=_num(rel.alpha, lang, 3),
           std=_num(rel.std_alpha, lang, 3), r=_num(rel.average_r, lang, 3),
           var=_num(100 * float(fac.variance["proportion"].iloc[0]), lang, 1)),
        tc(lang, "annex_score", min_answered=res.min_answered, k=len(res.kept),
           n=fmt_int(res.n_scored, lang), mean=_num(res.mean, lang, 2), sd=_num(res.sd, lang, 2)),
        tc(lang, "annex_normal", skew=_num(norm.skewness, lang, 2),
           kurt=_num(norm.kurtosis, lang, 2), w=_num(norm.shapiro_w, lang, 3),
           p=_p(norm.shapiro_p, lang),
           verdict=tc(lang, "normal_yes" if abs(norm.skewness) < 0.5 and abs(norm.kurtosis) < 1
                      else "normal_no")),
        tc(lang, "groups_basis"),
    ]  # fmt: skip
    hist, changed = _histogram(res.score, ctx.min_n)
    if changed:
        notes.append(tc(lang, "hist_merged", min_n=ctx.min_n))
    scree = pd.DataFrame({"component": eigen.index.astype(int), "eigenvalue": eigen.to_numpy()})
    return ClimateFigureData(
        spec, lang, table, base_range=(res.n_selection, res.n_scored), notes=tuple(notes),
        chart_data={"scree": scree, "histogram": hist,
                    "summary": pd.DataFrame([{"mean": res.mean, "sd": res.sd,
                                              "skewness": norm.skewness, "n": res.n_scored}])},
    )  # fmt: skip
