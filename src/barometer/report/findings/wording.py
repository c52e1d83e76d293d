"""The wording of the management summary and the findings chapter, in Dutch and English.

:data:`TEMPLATES` hold words and ``{placeholders}`` only, never a number (a test scans
them); :func:`share_words` picks the quantifier for a percentage ("meer dan driekwart",
"ongeveer tweederde"), :data:`PHRASES` name the predictors of Tekstvak 2 inside a sentence,
and :func:`tpl` fills a template. The logic that picks the numbers and the template is in
:mod:`barometer.report.findings.chapter`.
"""

from __future__ import annotations

import re
from typing import Any

from barometer.report.text import fmt_p, fmt_pct
from barometer.stats.models import ModelsResult
from barometer.stats.models_frame import coefficient_label

__all__ = [
    "PHRASES",
    "SHARE_WORDS",
    "TEMPLATES",
    "in_text",
    "p_str",
    "pct_str",
    "phrase",
    "share_words",
    "tpl",
]

TEMPLATES: dict[str, dict[str, str]] = {
    "nl": {
        "summary_title": "Managementsamenvatting",
        "chapter_title": "Bevindingen",
        "h_innovation": "Innovatie in overheidsorganisaties",
        "h_process": "Hoe innovaties tot stand komen",
        "h_results": "Resultaten en wat ermee samenhangt",
        "h_climate": "Het innovatieklimaat",
        "h_texts": "Waar de innovaties over gaan",
        "innovated": (
            "{words} van de organisaties ({pct}%, {ci_label} {lo}–{hi}%) implementeerde in de "
            "onderzoeksperiode ten minste één innovatie."
        ),
        "vs_higher": "Dat is meer dan in {country} ({other}%; {basis}; p {p}).",
        "vs_lower": "Dat is minder dan in {country} ({other}%; {basis}; p {p}).",
        "vs_same": "Dat verschilt niet significant van {country} ({other}%; {basis}; p {p}).",
        "basis_pair": "daar {their}, hier {ours}",
        "types": (
            "De innovaties betroffen het vaakst {top} ({pct}%); {words} combineerde twee of meer "
            "typen ({multi}%)."
        ),
        "origin": (
            "{own}% van de innovaties is eerst in de eigen organisatie ontwikkeld; {words} is "
            "elders vandaan gehaald ({elsewhere}%): geïnspireerd en aangepast ({adapted}%) of "
            "vooral gekopieerd ({copy}%)."
        ),
        "technology": (
            "Bij {words} van de innovaties was technologie de innovatie zelf of een belangrijk "
            "onderdeel ervan ({pct}%)."
        ),
        "initiative": "De aanleiding kwam het vaakst van {first} ({p1}%) en {second} ({p2}%).",
        "collaboration": (
            "{words} van de organisaties werkte bij de innovatie samen ({pct}%), het vaakst "
            "met {top} ({ptop}%)."
        ),
        "financing": "{words} financierde de innovatie uit het eigen budget ({pct}%).",
        "results": (
            "De innovaties leidden het vaakst tot {first} ({p1}%), gevolgd door {second} ({p2}%)."
        ),
        "climate_mean": (
            "Het innovatieklimaat scoort gemiddeld {mean} op een schaal van {low} tot {high}."
        ),
        "climate_groups": (
            "{strong}% van de organisaties heeft een krachtig klimaat, {medium}% een gemiddeld "
            "en {limited}% een beperkt klimaat."
        ),
        "climate_higher": (
            "Organisaties met een krachtig klimaat innoveerden vaker dan organisaties met een "
            "beperkt klimaat ({a}% tegen {b}%; p {p})."
        ),
        "climate_lower": (
            "Organisaties met een krachtig klimaat innoveerden minder vaak dan organisaties met "
            "een beperkt klimaat ({a}% tegen {b}%; p {p})."
        ),
        "climate_same": (
            "Organisaties met een krachtig en met een beperkt klimaat innoveerden niet "
            "significant verschillend vaak ({a}% tegen {b}%; p {p})."
        ),
        "model_both": "{outcome} hangt positief samen met {pos}, en negatief met {neg}.",
        "model_pos": "{outcome} hangt positief samen met {pos}.",
        "model_neg": "{outcome} hangt negatief samen met {neg}.",
        "model_none": "{outcome} hangt met geen van de onderzochte kenmerken significant samen.",
        "model_failed": "Voor {outcome} kon geen model worden geschat.",
        "models_note": (
            "Het gaat om samenhangen in logistische regressies, geen oorzaken; alleen "
            "voorspellers met p < {alpha} zijn genoemd. De voorspellers zijn stapsgewijs "
            "gekozen; p-waarden na zo'n selectie zijn te optimistisch (te klein)."
        ),
        "texts": (
            "In de beschrijvingen van de innovaties tekenen zich twee groepen begrippen af: "
            "{first} ({p1}% van de beschrijvingen) en {second} ({p2}%)."
        ),
        "and": "en",
        "see": "zie {figure}",
        "s_innovated_head": "{pct}% van de organisaties innoveerde",
        "s_innovated": (
            "{words} van de organisaties (n\u00a0=\u00a0{n}) implementeerde in de onderzoeksperiode ten "
            "minste één innovatie{compare}."
        ),
        "s_vs_higher": ", meer dan in {country} ({other}%)",
        "s_vs_lower": ", minder dan in {country} ({other}%)",
        "s_vs_same": ", ongeveer evenveel als in {country} ({other}%)",
        "s_origin_head": "{elsewhere}% van de innovaties komt van elders",
        "s_origin": (
            "Organisaties passen innovaties van anderen aan ({adapted}%) of nemen ze over "
            "({copy}%); {own}% is in de eigen organisatie bedacht (n\u00a0=\u00a0{n})."
        ),
        "s_results_head": "{p1}% bereikte {first}",
        "s_results": (
            "Daarna volgt {second} ({p2}%), bij de organisaties die innoveerden (n\u00a0=\u00a0{n})."
        ),
        "s_model_head": "{predictor} gaat samen met {outcome}",
        "s_model": (
            "Van de onderzochte ja/nee-kenmerken hangt dit het sterkst samen met {outcome} "
            "(odds ratio {odds}, n\u00a0=\u00a0{n}): een samenhang, geen oorzaak."
        ),
        "s_groups_head": "{strong}% heeft een krachtig innovatieklimaat",
        "s_groups": (
            "{medium}% van de organisaties heeft een gemiddeld en {limited}% een beperkt "
            "innovatieklimaat (n\u00a0=\u00a0{n})."
        ),
        "s_climate_head": "{a}% van de organisaties met een krachtig klimaat innoveerde",
        "s_climate_higher": (
            "Bij een beperkt klimaat was dat {b}%: een duidelijk verschil (n\u00a0=\u00a0{n})."
        ),
        "s_climate_lower": (
            "Bij een beperkt klimaat was dat {b}%, en dus meer: een duidelijk verschil (n\u00a0=\u00a0{n})."
        ),
        "s_climate_same": (
            "Bij een beperkt klimaat was dat {b}%; dat verschil kan op toeval berusten (n\u00a0=\u00a0{n})."
        ),
        "s_texts_head": "{p1}% van de beschrijvingen gaat over {first}",
        "s_texts": (
            "De beschrijvingen van de innovaties vallen in twee groepen begrippen uiteen; de "
            "andere groep is {second} ({p2}%, n\u00a0=\u00a0{n})."
        ),
    },
    "en": {
        "summary_title": "Management summary",
        "chapter_title": "Findings",
        "h_innovation": "Innovation in government organisations",
        "h_process": "How innovations come about",
        "h_results": "Results and what goes with them",
        "h_climate": "The innovation climate",
        "h_texts": "What the innovations are about",
        "innovated": (
            "{words} of the organisations ({pct}%, {ci_label} {lo}–{hi}%) implemented at least "
            "one innovation in the reference period."
        ),
        "vs_higher": "That is more than in {country} ({other}%; {basis}; p {p}).",
        "vs_lower": "That is less than in {country} ({other}%; {basis}; p {p}).",
        "vs_same": "That does not differ significantly from {country} ({other}%; {basis}; p {p}).",
        "basis_pair": "there {their}, here {ours}",
        "types": (
            "The innovations most often concerned {top} ({pct}%); {words} combined two or more "
            "types ({multi}%)."
        ),
        "origin": (
            "{own}% of the innovations were first developed in the organisation itself; {words} "
            "came from elsewhere ({elsewhere}%): inspired and adapted ({adapted}%) or mainly "
            "copied ({copy}%)."
        ),
        "technology": (
            "In {words} of the innovations technology was the innovation itself or an important "
            "part of it ({pct}%)."
        ),
        "initiative": "The initiative came most often from {first} ({p1}%) and {second} ({p2}%).",
        "collaboration": (
            "{words} of the organisations collaborated on the innovation ({pct}%), most often "
            "with {top} ({ptop}%)."
        ),
        "financing": "{words} financed the innovation from their own budget ({pct}%).",
        "results": (
            "The innovations most often led to {first} ({p1}%), followed by {second} ({p2}%)."
        ),
        "climate_mean": "The innovation climate scores {mean} on average on a scale from {low} to {high}.",
        "climate_groups": (
            "{strong}% of the organisations have a strong climate, {medium}% a medium and "
            "{limited}% a limited climate."
        ),
        "climate_higher": (
            "Organisations with a strong climate innovated more often than those with a limited "
            "climate ({a}% against {b}%; p {p})."
        ),
        "climate_lower": (
            "Organisations with a strong climate innovated less often than those with a limited "
            "climate ({a}% against {b}%; p {p})."
        ),
        "climate_same": (
            "Organisations with a strong and with a limited climate did not innovate "
            "significantly more or less often ({a}% against {b}%; p {p})."
        ),
        "model_both": "{outcome} goes positively with {pos}, and negatively with {neg}.",
        "model_pos": "{outcome} goes positively with {pos}.",
        "model_neg": "{outcome} goes negatively with {neg}.",
        "model_none": "{outcome} goes with none of the characteristics studied significantly.",
        "model_failed": "No model could be estimated for {outcome}.",
        "models_note": (
            "These are associations in logistic regressions, not causes; only predictors with "
            "p < {alpha} are named. The predictors were selected stepwise; p-values after such a "
            "selection are too optimistic (too small)."
        ),
        "texts": (
            "Two groups of concepts stand out in the descriptions of the innovations: {first} "
            "({p1}% of the descriptions) and {second} ({p2}%)."
        ),
        "and": "and",
        "see": "see {figure}",
        "s_innovated_head": "{pct}% of the organisations innovated",
        "s_innovated": (
            "{words} of the organisations (n\u00a0=\u00a0{n}) implemented at least one innovation in the "
            "reference period{compare}."
        ),
        "s_vs_higher": ", more than in {country} ({other}%)",
        "s_vs_lower": ", fewer than in {country} ({other}%)",
        "s_vs_same": ", about as many as in {country} ({other}%)",
        "s_origin_head": "{elsewhere}% of the innovations come from elsewhere",
        "s_origin": (
            "Organisations adapt innovations of others ({adapted}%) or take them over "
            "({copy}%); {own}% were conceived in the organisation itself (n\u00a0=\u00a0{n})."
        ),
        "s_results_head": "{p1}% achieved {first}",
        "s_results": (
            "Next comes {second} ({p2}%), among the organisations that innovated (n\u00a0=\u00a0{n})."
        ),
        "s_model_head": "{predictor} goes with {outcome}",
        "s_model": (
            "Of the yes/no characteristics studied, this one goes most strongly with {outcome} "
            "(odds ratio {odds}, n\u00a0=\u00a0{n}): an association, not a cause."
        ),
        "s_groups_head": "{strong}% have a strong innovation climate",
        "s_groups": (
            "{medium}% of the organisations have a medium and {limited}% a limited innovation "
            "climate (n\u00a0=\u00a0{n})."
        ),
        "s_climate_head": "{a}% of the organisations with a strong climate innovated",
        "s_climate_higher": (
            "With a limited climate it was {b}%: a clear difference (n\u00a0=\u00a0{n})."
        ),
        "s_climate_lower": (
            "With a limited climate it was {b}%, so more: a clear difference (n\u00a0=\u00a0{n})."
        ),
        "s_climate_same": (
            "With a limited climate it was {b}%; that difference may be chance (n\u00a0=\u00a0{n})."
        ),
        "s_texts_head": "{p1}% of the descriptions are about {first}",
        "s_texts": (
            "The descriptions of the innovations fall into two groups of concepts; the other "
            "group is {second} ({p2}%, n\u00a0=\u00a0{n})."
        ),
    },
}
"""Sentence templates: words and placeholders only (no digits; a test checks)."""

SHARE_WORDS: tuple[tuple[float, str, str], ...] = (
    (95.0, "vrijwel alle", "nearly all"),
    (85.0, "de grote meerderheid", "the great majority"),
    (77.0, "meer dan driekwart", "more than three quarters"),
    (72.5, "ongeveer driekwart", "about three quarters"),
    (69.0, "ruim tweederde", "just over two thirds"),
    (62.0, "ongeveer tweederde", "about two thirds"),
    (55.0, "meer dan de helft", "more than half"),
    (45.0, "ongeveer de helft", "about half"),
    (37.0, "minder dan de helft", "less than half"),
    (29.0, "ongeveer een derde", "about a third"),
    (22.0, "ongeveer een kwart", "about a quarter"),
    (15.0, "ongeveer een op de zes", "about one in six"),
    (5.0, "een kleine minderheid", "a small minority"),
    (0.0, "vrijwel geen", "hardly any"),
)
"""Lower bound (percent, inclusive) -> quantifier in Dutch and English, highest first."""


def share_words(pct: float, lang: str) -> str:
    """The quantifier for a percentage: 78 -> "meer dan driekwart", 66 -> "ongeveer tweederde".

    The words follow the number as printed (:func:`pct_str`, no decimals), so 84.98 printed
    as "85%" is "de grote meerderheid", never "meer dan driekwart (85%)".

    Examples
    --------
    >>> share_words(78, "nl"), share_words(66, "en"), share_words(84.98, "nl")
    ('meer dan driekwart', 'about two thirds', 'de grote meerderheid')
    """
    printed = float(f"{float(pct):.0f}")  # as pct_str prints it
    for low, nl, en in SHARE_WORDS:
        if printed >= low:
            return en if lang == "en" else nl
    return SHARE_WORDS[-1][2] if lang == "en" else SHARE_WORDS[-1][1]


PHRASES: dict[str, tuple[str, str]] = {
    "type_product": ("productinnovatie", "product innovation"),
    "type_process": ("procesinnovatie", "process innovation"),
    "type_interaction": ("vernieuwing van de interactie met de buitenwereld",
                         "innovation in the interaction with the outside world"),
    "spectrum": ("een breder innovatiespectrum", "a broader innovation spectrum"),
    "origin[adapted]": ("een aangepaste kopie van een innovatie elders",
                        "an adapted copy of an innovation elsewhere"),
    "origin[copy]": ("een kopie van een innovatie elders", "a copy of an innovation elsewhere"),
    "tech_entirely": ("puur technologische innovatie", "purely technological innovation"),
    "init_employees": ("initiatief van medewerkers", "initiative by employees"),
    "init_managers": ("initiatief van managers", "initiative by managers"),
    "init_political": ("initiatief van de politieke of bestuurlijke leiding",
                       "initiative by the political leadership"),
    "init_citizens": ("initiatief van burgers of klanten", "initiative by citizens or clients"),
    "init_other_public": ("innovaties in andere publieke organisaties als aanleiding",
                          "innovations in other public organisations as the trigger"),
    "init_technology": ("nieuwe technologie als aanleiding", "new technology as the trigger"),
    "init_reorganisation": ("een reorganisatie als aanleiding", "a reorganisation as the trigger"),
    "init_legislation": ("wet- en regelgeving als aanleiding", "legislation as the trigger"),
    "factor_employees": ("de bijdrage van medewerkers", "the contribution of employees"),
    "factor_skills": ("variatie in kennis en vaardigheden", "variety of knowledge and skills"),
    "factor_management": ("de rol van het management", "the role of management"),
    "factor_political": ("de rol van de politieke leiding", "the role of the political leadership"),
    "factor_collab_internal": ("samenwerking binnen de organisatie",
                               "collaboration within the organisation"),
    "factor_collab_private": ("samenwerking met private partijen",
                              "collaboration with private companies"),
    "factor_collab_public": ("samenwerking met publieke partijen",
                             "collaboration with public organisations"),
    "factor_technology": ("nieuwe technologie als bevorderende factor",
                          "new technology as a promoting factor"),
    "factor_finance": ("financiële middelen als bevorderende factor",
                       "financial resources as a promoting factor"),
    "factor_continuity": ("de focus op continuïteit van de bedrijfsvoering",
                          "the focus on continuity of operations"),
    "factor_mistakes": ("de manier waarop met fouten wordt omgegaan",
                        "the way mistakes are handled"),
    "own_budget": ("financiering uit het eigen budget", "financing from the own budget"),
    "climate": ("een sterker innovatieklimaat", "a stronger innovation climate"),
    "time_enough": ("voldoende tijd voor innovatie", "enough time for innovation"),
}  # fmt: skip
"""Coefficient name -> phrase (Dutch, English) for the findings on Tekstvak 2; other
coefficients (sector and size levels) use their table label."""


def phrase(name: str, lang: str, res: ModelsResult) -> str:
    """A coefficient of Tekstvak 2 inside a sentence (:data:`PHRASES`, else its label)."""
    if name in PHRASES:
        nl, en = PHRASES[name]
        return en if lang == "en" else nl
    return in_text(coefficient_label(name, lang, res.frame))


def tpl(lang: str, key: str, **fields: Any) -> str:
    """The template ``key`` filled in, first letter upper-case."""
    text = TEMPLATES.get(lang, TEMPLATES["nl"])[key].format(**fields)
    return text[:1].upper() + text[1:]


def pct_str(x: float, lang: str) -> str:
    """A percentage in a sentence: no decimals."""
    return fmt_pct(x, lang, 0)


def in_text(label: str) -> str:
    """A category label inside a sentence: without its explanation in brackets, first letter
    lower-case unless an acronym ("Hogere efficiency (zelfde ...)" -> "hogere efficiency")."""
    label = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def p_str(p: float, lang: str) -> str:
    """A p-value after "p" in a sentence: "= 0,03" or "< 0,001"."""
    text = fmt_p(p, lang)
    return text if text.startswith("<") else f"= {text}"
