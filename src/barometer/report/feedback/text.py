"""The fixed wording of the per-organisation feedback report, in Dutch and English."""

from __future__ import annotations

from typing import Any

__all__ = ["FEEDBACK_TEXT", "ft"]

FEEDBACK_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Terugkoppelrapport {study} {wave}",
        "for_org": "Voor {name}",
        "skip": "Naar de inhoud",
        "toc": "Inhoud",
        "standing": "Waar staat uw organisatie",
        "standing_intro": (
            "Een samenvatting op één pagina; de onderdelen en alle cijfers volgen daarna."
        ),
        "all_lower": "alle organisaties",
        "key_score": "Klimaatscore (schaal 1 tot 5)",
        "key_pctl": "Percentiel onder {where}",
        "key_pctl_n": "{p} (van {n} organisaties met een score)",
        "key_none": "niet getoond",
        "pctl_def": (
            "Percentiel: het percentage organisaties met een lagere klimaatscore dan uw "
            "organisatie, waarbij gelijke scores voor de helft tellen (uw organisatie telt mee)."
        ),
        "pctl_small": (
            "Het percentiel onder {where} wordt niet getoond: {n} organisaties hebben een score, "
            "minder dan {group_min}. In zo'n kleine groep zou het percentiel iets zeggen over de "
            "scores van afzonderlijke andere organisaties."
        ),
        "pctl_outside": (
            "Het percentiel onder {where} wordt niet getoond: samen met de cijfers van alle "
            "organisaties zou het iets zeggen over minder dan {min_n} organisaties."
        ),
        "strongest": (
            "Relatief sterkste punten: de stellingen waar uw antwoord het hoogst ligt ten "
            "opzichte van het gemiddelde"
        ),
        "weakest": (
            "Relatief zwakste punten: de stellingen waar uw antwoord het laagst ligt ten "
            "opzichte van het gemiddelde"
        ),
        "col_statement": "Stelling",
        "own_answer": "{code} ({label})",
        "col_mean": "{group}: gemiddelde",
        "gap_note": (
            "Antwoord en gemiddelde op de schaal 1 = helemaal oneens tot 5 = helemaal eens; "
            "'weet niet' telt niet mee in het gemiddelde."
        ),
        "no_gaps": "Er zijn geen stellingen met een getoond gemiddelde om mee te vergelijken.",
        "achieved": "Innovatie en resultaten",
        "row_innovated": "Innovatie geïmplementeerd in de onderzoeksperiode",
        "row_result": "Resultaat: {result}",
        "measure_orgs": "% van de organisaties",
        "details": "De onderdelen",
        "own_scale_caption": (
            "Uw antwoord op de schaal van {group}: verdeling van de antwoorden per stelling"
        ),
        "own_scale_legend": "Het omlijnde deel met het driehoekje is het antwoord van uw organisatie.",
        "own_scale_fallback": (
            "Bij {k} stellingen staat de verdeling van alle organisaties: de verdeling in uw "
            "groep zou een 0% tonen in een groep van minder dan {group_min} organisaties."
        ),
        "own_scale_hidden": "Verdeling niet getoond (te weinig organisaties in de basis).",
        "own_answer_marker": "uw antwoord",
        "no_answer": "geen antwoord",
        "bar_desc": "{label}. {where}: {parts}. Uw antwoord: {own}.",
        "table_details": "De cijfers in een tabel",
        "table_region": "Tabel: {title}",
        "about": "Over dit rapport",
        "intro": (
            "Dit rapport is alleen bestemd voor uw organisatie. Het zet de antwoorden van uw "
            "organisatie naast die van de organisaties in uw groep en van alle deelnemende "
            "organisaties. De vergelijkingscijfers zijn de cijfers van de groepen van het "
            "hoofdrapport, voor elke organisatie in de groep dezelfde: uw eigen antwoorden "
            "tellen daarin mee, zoals in het hoofdrapport."
        ),
        "disclosure": (
            "Vertrouwelijkheid: dit rapport toont geen antwoord, naam of id van een andere "
            "organisatie. Elk vergelijkingscijfer berust op ten minste {min_n} "
            "organisaties; 0% of 100% staat alleen bij een basis van ten minste {group_min}. "
            "Een streepje (–) staat waar dat niet zo is, of waar het cijfer samen "
            "met andere gepubliceerde cijfers iets over minder dan {min_n} organisaties zou "
            "prijsgeven."
        ),
        "group_sector": "Uw sector: {sector}. Vergelijkingsgroep: {group} ({n} organisaties).",
        "group_remainder": (
            "Sectoren met minder dan {min_n} deelnemers worden niet apart getoond. Zoals in het "
            "hoofdrapport valt uw sector ({sector}) daarom in de samengevoegde groep '{group}'. "
            "U wordt met die groep vergeleken ({n} organisaties)."
        ),
        "group_unknown": (
            "De sector van uw organisatie is onbekend. Daarom vergelijkt dit rapport uw "
            "organisatie alleen met alle andere organisaties."
        ),
        "group_all": (
            "Uw sector ({sector}) telt minder dan {min_n} andere deelnemende organisaties en "
            "kan niet in een samengevoegde groep van ten minste {min_n} andere organisaties "
            "worden getoond. Daarom vergelijkt dit rapport uw organisatie alleen met alle andere "
            "organisaties."
        ),
        "group_none": (
            "Er deden minder dan {min_n} andere organisaties mee: dit rapport toont alleen de "
            "antwoorden van uw eigen organisatie, zonder vergelijking."
        ),
        "no_sector": "(onbekend)",
        "all_others": "Alle organisaties",
        "col_item": "Onderwerp",
        "col_own": "Uw organisatie",
        "col_pct": "{group}: {measure}",
        "col_n": "n",
        "base_all": "Basis: de organisaties die de vraag beantwoordden; n per groep.",
        "base_innovators": (
            "Basis: de organisaties die in de onderzoeksperiode innoveerden en de vraag "
            "beantwoordden; n per groep."
        ),
        "base_score": "Basis: de organisaties met een klimaatscore; n per groep.",
        "base_werk": (
            "Basis: de organisaties die beide WERK-stellingen beantwoordden (1 tot 5); n per groep."
        ),
        "suppressed": "–: niet getoond (minder dan {min_n} organisaties in de basis).",
        "sec_innovated": "Innovatie",
        "measure_yes": "% ja",
        "sec_spectrum": "Innovatiespectrum",
        "spectrum_intro": (
            "Het aantal typen (product, dienst, proces, interactie) dat de meest recente "
            "innovatie combineert."
        ),
        "measure_share": "% van de organisaties",
        "types_0": "Geen van de vier typen",
        "types_1": "1 type",
        "types_n": "{k} typen",
        "sec_climate": "Innovatieklimaat",
        "score_line": "Klimaatscore van uw organisatie: {score} (schaal 1 tot 5).",
        "group_line": "Klimaatgroep van uw organisatie (vaste grenzen van 2021): {group}.",
        "no_score": "Uw organisatie heeft geen klimaatscore.",
        "score_method": (
            "De klimaatscore is het gemiddelde van de {k} stellingen die de schaal vormen "
            "(gekozen met de factor- en betrouwbaarheidsanalyse van deze meting); een score "
            "vraagt ten minste {min} beantwoorde stellingen."
        ),
        "score_method_fixed": (
            "De klimaatscore is het gemiddelde van {k} vaste stellingen (de schaal van 2021), "
            "omdat de schaalanalyse op deze gegevens niet kon worden uitgevoerd ({reason}); een "
            "score vraagt ten minste {min} beantwoorde stellingen."
        ),
        "summary_caption": "Klimaatscore: uw organisatie naast alle organisaties",
        "stat": "Maat",
        "stat_n": "Aantal organisaties met een score",
        "stat_mean": "Gemiddelde",
        "stat_q1": "Eerste kwartiel (25%)",
        "stat_median": "Mediaan",
        "stat_q3": "Derde kwartiel (75%)",
        "stat_own": "Uw organisatie",
        "quartile_note": (
            "Kwartielen volgens Tukey (zoals de boxplots van het hoofdrapport). De laagste en "
            "hoogste scores worden niet getoond: dat zijn antwoorden van één organisatie."
        ),
        "groups_caption": "Klimaatgroepen",
        "group_limited": "Beperkt (lager dan 3,6)",
        "group_medium": "Gemiddeld (3,6 tot en met 4,0)",
        "group_strong": "Sterk (hoger dan 4,0)",
        "chart_title": "Klimaatscore van uw organisatie naast de kwartielen van de groepen",
        "chart_desc_own": "Uw score: {score}.",
        "chart_desc_box": (
            "{group}: eerste kwartiel {q1}, mediaan {median}, derde kwartiel {q3}, "
            "gemiddelde {mean}, n = {n}."
        ),
        "chart_desc_none": "Geen vergelijkingscijfers.",
        "chart_own": "Uw score",
        "chart_legend": "Balk: eerste tot derde kwartiel; streep: mediaan; ruit: gemiddelde.",
        "sec_statements": "Stellingen over het innovatieklimaat",
        "measure_agree": "% (helemaal) eens",
        "statements_base": (
            "Basis: de organisaties die de stelling beantwoordden (ook met 'weet niet'); "
            "n per groep."
        ),
        "not_in_scale": "*: telt niet mee in de klimaatscore.",
        "sec_factors": "Bevorderende en belemmerende factoren",
        "measure_promoting": "% (sterk) bevorderend",
        "sec_results": "Resultaten van de innovatie",
        "measure_chosen": "% gekozen",
        "chosen": "Gekozen",
        "not_chosen": "Niet gekozen",
        "not_innovator": (
            "Uw organisatie heeft volgens de antwoorden in de onderzoeksperiode geen innovatie "
            "geïmplementeerd; deze vragen zijn u niet gesteld. De cijfers van de "
            "organisaties staan er ter informatie bij."
        ),
        "sec_werk": "WERK-zone",
        "werk_intro": (
            "De WERK-zone combineert twee stellingen: '{safety}' en '{standard}'. Hoog is "
            "(helemaal) eens. Leer- en prestatiezone: beide hoog; comfortzone: alleen veiligheid "
            "hoog; angstzone: alleen de norm hoog; apathiezone: beide niet hoog."
        ),
        "werk_own": "WERK-zone van uw organisatie: {zone}.",
        "sec_open": "Uw open antwoorden",
        "open_intro": (
            "Zoals uw organisatie ze invulde. Namen van organisaties en personen, e-mailadressen "
            "en telefoonnummers zijn vervangen."
        ),
        "sec_missing": "Wat ontbreekt",
        "missing_intro": "Enkele onderdelen konden niet worden vergeleken:",
        "missing_innovated": (
            "De vraag of uw organisatie innoveerde is niet beantwoord; de vragen over de meest "
            "recente innovatie zijn daarom niet gesteld."
        ),
        "missing_score": (
            "Er is geen klimaatscore: uw organisatie beantwoordde {k} van de {m} stellingen van "
            "de schaal met een oordeel (1 tot 5); nodig zijn er ten minste {min}."
        ),
        "missing_statements": "{k} van de {m} stellingen over het klimaat zijn niet beantwoord.",
        "missing_werk": (
            "Er is geen WERK-zone: niet beide WERK-stellingen zijn beantwoord met een oordeel "
            "(1 tot 5)."
        ),
        "missing_types": "De typen van de innovatie zijn niet beantwoord; er is geen spectrum.",
        "missing_factors": "{k} van de {m} factoren zijn niet beantwoord.",
        "missing_results": "De vraag naar de resultaten van de innovatie is niet beantwoord.",
        "missing_sector": "De sector van uw organisatie is onbekend.",
        "nothing_missing": "Alle vergeleken vragen zijn beantwoord.",
        "source": "Bron: {study} {wave}. Dit rapport is automatisch gemaakt voor één organisatie.",
    },
    "en": {
        "title": "Feedback report {study} {wave}",
        "for_org": "For {name}",
        "skip": "Skip to content",
        "toc": "Contents",
        "standing": "Where your organisation stands",
        "standing_intro": "A one-page summary; the parts and all figures follow.",
        "all_lower": "all organisations",
        "key_score": "Climate score (scale 1 to 5)",
        "key_pctl": "Percentile among {where}",
        "key_pctl_n": "{p} (of {n} organisations with a score)",
        "key_none": "not shown",
        "pctl_def": (
            "Percentile: the percentage of organisations with a lower climate score than "
            "yours, equal scores counting half (your organisation included)."
        ),
        "pctl_small": (
            "The percentile among {where} is not shown: {n} organisations have a score, fewer "
            "than {group_min}. In so small a group the percentile would say something about "
            "single other organisations' scores."
        ),
        "pctl_outside": (
            "The percentile among {where} is not shown: together with the figures of all "
            "organisations it would say something about fewer than {min_n} organisations."
        ),
        "strongest": (
            "Relatively strongest points: the statements where your answer is highest "
            "relative to the mean"
        ),
        "weakest": (
            "Relatively weakest points: the statements where your answer is lowest relative "
            "to the mean"
        ),
        "col_statement": "Statement",
        "own_answer": "{code} ({label})",
        "col_mean": "{group}: mean",
        "gap_note": (
            "Answer and mean on the scale 1 = strongly disagree to 5 = strongly agree; 'don't "
            "know' is left out of the mean."
        ),
        "no_gaps": "No statement has a shown mean to compare with.",
        "achieved": "Innovation and results",
        "row_innovated": "Implemented an innovation in the reference period",
        "row_result": "Result: {result}",
        "measure_orgs": "% of organisations",
        "details": "The parts",
        "own_scale_caption": (
            "Your answer on the scale of {group}: distribution of the answers per statement"
        ),
        "own_scale_legend": "The outlined part with the triangle is your organisation's answer.",
        "own_scale_fallback": (
            "For {k} statements the distribution of all organisations is shown: your group's "
            "distribution would show a 0% in a group of fewer than {group_min} organisations."
        ),
        "own_scale_hidden": "Distribution not shown (too few organisations in the base).",
        "own_answer_marker": "your answer",
        "no_answer": "no answer",
        "bar_desc": "{label}. {where}: {parts}. Your answer: {own}.",
        "table_details": "The figures in a table",
        "table_region": "Table: {title}",
        "about": "About this report",
        "intro": (
            "This report is meant for your organisation only. It sets your organisation's "
            "answers next to those of the organisations in your group and of all participating "
            "organisations. The comparison figures are the figures of the main report's "
            "groups, the same for every organisation in the group: your own answers are "
            "counted in them, as in the main report."
        ),
        "disclosure": (
            "Confidentiality: this report shows no answer, name or id of any other "
            "organisation. Every comparison figure rests on at least {min_n} organisations; "
            "0% or 100% is shown only on a base of at least {group_min}. A dash (–) stands "
            "where that is not so, or where the figure, "
            "together with other published figures, would reveal something about fewer than "
            "{min_n} organisations."
        ),
        "group_sector": "Your sector: {sector}. Comparison group: {group} ({n} organisations).",
        "group_remainder": (
            "Sectors with fewer than {min_n} participants are not shown separately. As in the "
            "main report, your sector ({sector}) therefore falls in the merged group '{group}'. "
            "You are compared with that group ({n} organisations)."
        ),
        "group_unknown": (
            "Your organisation's sector is unknown. This report therefore compares your "
            "organisation with all other organisations only."
        ),
        "group_all": (
            "Your sector ({sector}) has fewer than {min_n} other participating organisations "
            "and cannot be shown in a merged group of at least {min_n} other organisations. "
            "This report therefore compares your organisation with all other organisations only."
        ),
        "group_none": (
            "Fewer than {min_n} other organisations took part: this report shows your own "
            "organisation's answers only, without comparison."
        ),
        "no_sector": "(unknown)",
        "all_others": "All organisations",
        "col_item": "Topic",
        "col_own": "Your organisation",
        "col_pct": "{group}: {measure}",
        "col_n": "n",
        "base_all": "Base: the organisations that answered the question; n per group.",
        "base_innovators": (
            "Base: the organisations that innovated in the reference period and answered "
            "the question; n per group."
        ),
        "base_score": "Base: the organisations with a climate score; n per group.",
        "base_werk": (
            "Base: the organisations that rated both WERK statements (1 to 5); n per group."
        ),
        "suppressed": "–: not shown (fewer than {min_n} organisations in the base).",
        "sec_innovated": "Innovation",
        "measure_yes": "% yes",
        "sec_spectrum": "Innovation spectrum",
        "spectrum_intro": (
            "The number of types (product, service, process, interaction) the most recent "
            "innovation combines."
        ),
        "measure_share": "% of organisations",
        "types_0": "None of the four types",
        "types_1": "1 type",
        "types_n": "{k} types",
        "sec_climate": "Innovation climate",
        "score_line": "Your organisation's climate score: {score} (scale 1 to 5).",
        "group_line": "Your organisation's climate group (fixed 2021 cut-offs): {group}.",
        "no_score": "Your organisation has no climate score.",
        "score_method": (
            "The climate score is the mean of the {k} statements that make up the scale "
            "(chosen by this wave's factor and reliability analysis); a score needs at least "
            "{min} answered statements."
        ),
        "score_method_fixed": (
            "The climate score is the mean of {k} fixed statements (the 2021 scale), because the "
            "scale analysis could not be run on these data ({reason}); a score needs at least "
            "{min} answered statements."
        ),
        "summary_caption": "Climate score: your organisation next to all organisations",
        "stat": "Statistic",
        "stat_n": "Organisations with a score",
        "stat_mean": "Mean",
        "stat_q1": "First quartile (25%)",
        "stat_median": "Median",
        "stat_q3": "Third quartile (75%)",
        "stat_own": "Your organisation",
        "quartile_note": (
            "Quartiles by Tukey's method (as in the main report's box plots). The lowest and "
            "highest scores are not shown: they are single organisations' answers."
        ),
        "groups_caption": "Climate groups",
        "group_limited": "Limited (below 3.6)",
        "group_medium": "Medium (3.6 to 4.0)",
        "group_strong": "Strong (above 4.0)",
        "chart_title": "Your organisation's climate score next to the groups' quartiles",
        "chart_desc_own": "Your score: {score}.",
        "chart_desc_box": (
            "{group}: first quartile {q1}, median {median}, third quartile {q3}, mean {mean}, "
            "n = {n}."
        ),
        "chart_desc_none": "No comparison figures.",
        "chart_own": "Your score",
        "chart_legend": "Bar: first to third quartile; line: median; diamond: mean.",
        "sec_statements": "Statements on the innovation climate",
        "measure_agree": "% (strongly) agree",
        "statements_base": (
            "Base: the organisations that answered the statement (including 'don't "
            "know'); n per group."
        ),
        "not_in_scale": "*: not part of the climate score.",
        "sec_factors": "Promoting and hindering factors",
        "measure_promoting": "% (strongly) promoting",
        "sec_results": "Results of the innovation",
        "measure_chosen": "% chosen",
        "chosen": "Chosen",
        "not_chosen": "Not chosen",
        "not_innovator": (
            "According to its answers, your organisation implemented no innovation in the "
            "reference period; these questions were not asked. The organisations' "
            "figures are shown for information."
        ),
        "sec_werk": "WERK zone",
        "werk_intro": (
            "The WERK zone combines two statements: '{safety}' and '{standard}'. High means "
            "(strongly) agree. Learning and performance zone: both high; comfort zone: only "
            "safety high; anxiety zone: only the standard high; apathy zone: neither high."
        ),
        "werk_own": "Your organisation's WERK zone: {zone}.",
        "sec_open": "Your open answers",
        "open_intro": (
            "As your organisation entered them. Names of organisations and persons, e-mail "
            "addresses and phone numbers have been replaced."
        ),
        "sec_missing": "What is missing",
        "missing_intro": "Some parts could not be compared:",
        "missing_innovated": (
            "Whether your organisation innovated was not answered; the questions about the most "
            "recent innovation were therefore not asked."
        ),
        "missing_score": (
            "There is no climate score: your organisation rated {k} of the {m} statements of "
            "the scale (1 to 5); at least {min} are needed."
        ),
        "missing_statements": "{k} of the {m} climate statements were not answered.",
        "missing_werk": (
            "There is no WERK zone: the two WERK statements were not both rated (1 to 5)."
        ),
        "missing_types": "The types of the innovation were not answered; there is no spectrum.",
        "missing_factors": "{k} of the {m} factors were not answered.",
        "missing_results": "The question on the results of the innovation was not answered.",
        "missing_sector": "Your organisation's sector is unknown.",
        "nothing_missing": "All compared questions were answered.",
        "source": "Source: {study} {wave}. This report was produced automatically for one organisation.",
    },
}


def ft(lang: str, key: str, **fields: Any) -> str:
    """The feedback text ``key`` in ``lang`` (falling back to Dutch), with ``fields`` filled in."""
    table = FEEDBACK_TEXT.get(lang, FEEDBACK_TEXT["nl"])
    text = table.get(key) or FEEDBACK_TEXT["nl"][key]
    return text.format(**fields) if fields else text
