"""Write the barometer XLSForm (src/barometer/data/questionnaire.xlsx) from this readable source.

The spreadsheet is what researchers edit and what pyxform, ODK and KoboToolbox read. This script
is its reviewable source: edit here, run ``python tools/build_questionnaire.py``, commit both.
A test checks that the committed spreadsheet equals what this script writes.

Columns on the survey sheet beyond the XLSForm standard: ``tag`` (``coi`` marks an item taken
from the Danish COI innovation barometer, ``werk`` the WERKonderzoek statements, ``ibo`` items
of our own). pyxform ignores unknown columns; our model reads them. Choice lists carry a
``code`` column: the numeric value stored in the dataset and the .sav (negative codes are the
missing codes of DESIGN.md section 5: -8 is "don't know").
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

NL = "Nederlands (nl)"
EN = "English (en)"
VERSION = "2021.2.0"
FIELDED_VERSION = "2021.1.0"  # the version the 2021 wave was fielded with

# --------------------------------------------------------------------------- parameters
# Labels may contain {name}; each wave sets its own values (barometer wave create --param).
# (name, value as fielded in 2021, years before the wave's closing year, description)
PARAMETERS = [
    ("first_year", "2019", 2, "first year of the reference period"),
    ("last_year", "2020", 1, "last year of the reference period"),
]

# --------------------------------------------------------------------------- version history
# (version, date, item, change): every change of wording or content since the fielded form.
VERSIONS = [
    (FIELDED_VERSION, "2021-03-01", "", "Fielded in the 2021 wave."),
    (VERSION, "2026-12-05", "", "Reference period as parameters {first_year} and {last_year} "
     "(the 2021 values give the 2021 wording); COVID items tagged 'covid' so a wave can "
     "leave them out; factors and statements shown as grids (appearance likert)."),
    (VERSION, "2026-12-05", "d13_factor_finance", "Neutral wording: 'Beperkte financiële "
     "middelen' / 'Limited financial resources' became 'Financiële middelen' / 'Financial "
     "resources' (rated from hindering to promoting, the old wording was a double negative)."),
    (VERSION, "2026-12-05", "d13_factor_continuity", "Neutral wording: 'Sterke focus op "
     "continuïteit van de bedrijfsvoering' / 'Strong focus on continuity of operations' "
     "became 'Focus op continuïteit van de bedrijfsvoering' / 'Focus on continuity of "
     "operations'."),
]  # fmt: skip

# --------------------------------------------------------------------------- choice lists
# list name -> [(name, code, nl, en)]
CHOICES: dict[str, list[tuple[str, int, str, str]]] = {
    "size": [
        ("lt100", 1, "Minder dan 100 medewerkers", "Fewer than 100 employees"),
        ("100_249", 2, "100 tot 250 medewerkers", "100 to under 250 employees"),
        ("250_499", 3, "250 tot 500 medewerkers", "250 to under 500 employees"),
        ("500plus", 4, "500 of meer medewerkers", "500 or more employees"),
    ],
    "production": [
        ("much_less", 1, "Veel minder", "Much less"),
        ("less", 2, "Minder", "Less"),
        ("unchanged", 3, "Ongeveer gelijk", "About the same"),
        ("more", 4, "Meer", "More"),
        ("much_more", 5, "Veel meer", "Much more"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
    "homeshare": [
        ("p0_24", 1, "0-24%", "0-24%"),
        ("p25_49", 2, "25-49%", "25-49%"),
        ("p50_74", 3, "50-74%", "50-74%"),
        ("p75_100", 4, "75-100%", "75-100%"),
    ],
    "facilities": [
        ("already", 1, "Waren er al voor de pandemie", "Were already in place before the pandemic"),
        ("improved", 2, "Zijn verbeterd of uitgebreid", "Were improved or extended"),
        ("new", 3, "Zijn nieuw ingevoerd", "Were newly introduced"),
        ("none", 4, "Zijn er niet", "There are none"),
    ],
    "yesnodk": [
        ("yes", 1, "Ja", "Yes"),
        ("no", 2, "Nee", "No"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
    "yesno": [
        ("yes", 1, "Ja", "Yes"),
        ("no", 2, "Nee", "No"),
    ],
    "count": [
        ("n1", 1, "1", "1"),
        ("n2_4", 2, "2-4", "2-4"),
        ("n5_9", 3, "5-9", "5-9"),
        ("n10plus", 4, "10 of meer", "10 or more"),
    ],
    "origin": [
        (
            "own",
            1,
            "Eerst in onze organisatie ontwikkeld",
            "Developed first in our organisation",
        ),
        (
            "adapted",
            2,
            "Geïnspireerd op oplossingen elders, aangepast aan onze organisatie",
            "Inspired by solutions elsewhere, adapted to our organisation",
        ),
        (
            "copy",
            3,
            "Voornamelijk een kopie van een oplossing elders",
            "Mainly a copy of a solution elsewhere",
        ),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
    "techshare": [
        ("entirely", 1, "De innovatie is technologie", "The innovation is technology"),
        (
            "important",
            2,
            "Technologie is een belangrijk onderdeel",
            "Technology is an important part",
        ),
        ("small", 3, "Technologie is een klein onderdeel", "Technology is a small part"),
        ("none", 4, "Technologie speelt geen rol", "Technology plays no part"),
    ],
    "technew": [
        (
            "entirely_new",
            1,
            "Geheel nieuwe technologie voor de organisatie",
            "Entirely new to the organisation",
        ),
        (
            "new_way",
            2,
            "Bestaande technologie, op een wezenlijk nieuwe manier gebruikt",
            "Existing technology used in a substantially new way",
        ),
        ("not_new", 3, "Niet nieuw voor de organisatie", "Not new to the organisation"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
    "initiative": [
        ("employees", 1, "Medewerkers", "Employees"),
        ("managers", 2, "Managers", "Managers"),
        (
            "political",
            3,
            "Politieke of bestuurlijke leiding",
            "Political or administrative leadership",
        ),
        ("citizens", 4, "Burgers of klanten", "Citizens or clients"),
        ("private", 5, "Private bedrijven", "Private companies"),
        (
            "other_public",
            6,
            "Innovaties in andere publieke organisaties",
            "Innovations in other public organisations",
        ),
        ("abroad", 7, "Innovaties in het buitenland", "Innovations abroad"),
        (
            "technology",
            8,
            "Mogelijkheden van nieuwe technologie",
            "Possibilities of new technology",
        ),
        ("reorganisation", 9, "Reorganisatie", "Reorganisation"),
        ("legislation", 10, "Nieuwe wet- en regelgeving", "New legislation"),
        (
            "economic",
            11,
            "Economische druk (bezuinigingen, stijgende kosten)",
            "Economic pressure (cuts, rising costs)",
        ),
    ],
    "channels": [
        ("employee_networks", 1, "Netwerken van medewerkers", "Employees' networks"),
        ("manager_networks", 2, "Netwerken van managers", "Managers' networks"),
        (
            "conferences",
            3,
            "Conferenties, cursussen en opleidingen",
            "Conferences, courses and training",
        ),
        ("visits", 4, "Bezoeken aan andere organisaties", "Visits to other organisations"),
        ("media", 5, "Media en internet", "Media and the internet"),
        ("suppliers", 6, "Consultants en leveranciers", "Consultants and suppliers"),
        ("research", 7, "Onderzoek en onderwijs", "Research and education"),
        ("citizens", 8, "Burgers of klanten", "Citizens or clients"),
        ("umbrella", 9, "Koepelorganisaties", "Umbrella organisations"),
        ("other", 10, "Anders", "Other"),
    ],
    "collab": [
        (
            "own_units",
            1,
            "Andere onderdelen van de eigen organisatie",
            "Other units of our own organisation",
        ),
        (
            "public_same",
            2,
            "Publieke organisaties in de eigen sector",
            "Public organisations in our own sector",
        ),
        (
            "public_other",
            3,
            "Publieke organisaties in een andere sector",
            "Public organisations in another sector",
        ),
        (
            "private",
            4,
            "Private bedrijven (consultants, leveranciers)",
            "Private companies (consultants, suppliers)",
        ),
        (
            "research",
            5,
            "Onderzoeks- en onderwijsinstellingen",
            "Research and education institutions",
        ),
        ("citizens", 6, "Burgers of klanten", "Citizens or clients"),
        ("volunteers", 7, "Vrijwilligersorganisaties", "Volunteer organisations"),
        ("foreign", 8, "Buitenlandse partners", "Foreign partners"),
        ("none", 9, "Geen samenwerking", "No collaboration"),
    ],
    "phases": [
        ("analysis", 1, "Analyse van het probleem", "Analysing the problem"),
        ("development", 2, "Ontwikkelen en aanpassen", "Developing and adapting"),
        ("implementation", 3, "Implementeren", "Implementing"),
        (
            "delivery",
            4,
            "Levering van een elders ontwikkelde oplossing",
            "Delivering a solution developed elsewhere",
        ),
    ],
    "financing": [
        ("own_budget", 1, "Eigen budget", "Own budget"),
        ("partners", 2, "Samenwerkingspartners", "Partners"),
        ("sector_funds", 3, "Sectorfondsen", "Sector funds"),
        ("national", 4, "Nationale innovatieregelingen", "National innovation schemes"),
        ("eu", 5, "EU-fondsen", "EU funds"),
        ("none_needed", 6, "Geen specifieke financiering nodig", "No specific financing needed"),
    ],
    "strategy": [
        ("together", 1, "Samen, proces", "Together, process"),
        ("spotlight", 2, "In de spotlight", "In the spotlight"),
        ("under_radar", 3, "Onder de radar", "Under the radar"),
        ("expert_group", 4, "Expertgroep", "Expert group"),
        ("other", 5, "Anders", "Other"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
    "factor": [
        ("strongly_hindering", 1, "Sterk belemmerend", "Strongly hindering"),
        ("hindering", 2, "Belemmerend", "Hindering"),
        ("neutral", 3, "Neutraal", "Neutral"),
        ("promoting", 4, "Bevorderend", "Promoting"),
        ("strongly_promoting", 5, "Sterk bevorderend", "Strongly promoting"),
        ("dont_know", -8, "Weet niet / niet van toepassing", "Don't know / not applicable"),
    ],
    "results": [
        (
            "efficiency",
            1,
            "Hogere efficiency (zelfde resultaat met minder middelen)",
            "Higher efficiency",
        ),
        ("quality", 2, "Hogere kwaliteit", "Higher quality"),
        (
            "employee_satisfaction",
            3,
            "Grotere tevredenheid van medewerkers",
            "Greater employee satisfaction",
        ),
        ("citizen_influence", 4, "Meer invloed van burgers", "More influence for citizens"),
        ("political_goals", 5, "Realiseren van politieke doelen", "Achieving political goals"),
        ("other", 6, "Anders", "Other"),
    ],
    "agree": [
        ("strongly_disagree", 1, "Helemaal oneens", "Strongly disagree"),
        ("disagree", 2, "Oneens", "Disagree"),
        ("neutral", 3, "Neutraal", "Neither agree nor disagree"),
        ("agree", 4, "Eens", "Agree"),
        ("strongly_agree", 5, "Helemaal eens", "Strongly agree"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
}

# --------------------------------------------------------------------------- survey rows
# Each row: dict with keys type, name, nl, en and optional hint_nl, hint_en, required,
# relevant, constraint, cmsg_nl, cmsg_en, tag, appearance.
REQ_NL = "Deze vraag is verplicht."
REQ_EN = "This question is required."

ROWS: list[dict[str, str]] = []


def q(type_: str, name: str, nl: str, en: str, **kw: str) -> None:
    row = {"type": type_, "name": name, "nl": nl, "en": en, **kw}
    if type_.startswith(("select_one", "select_multiple", "integer")) and "required" not in kw:
        row["required"] = "yes"
    ROWS.append(row)


def begin(name: str, nl: str, en: str, **kw: str) -> None:
    ROWS.append({"type": "begin_group", "name": name, "nl": nl, "en": en, **kw})


def end() -> None:
    ROWS.append({"type": "end_group"})


INNOVATED = "${c1_innovated} = 'yes'"

begin("organisation", "Uw organisatie", "Your organisation")
q(
    "note",
    "intro",
    "Deze vragenlijst gaat over innovatie in uw organisatie in de jaren {first_year} en "
    "{last_year}. "
    "Onder innovatie verstaan we het implementeren van nieuwe of sterk verbeterde "
    "benaderingen en toepassingen om publieke waarde te creëren.",
    "This questionnaire is about innovation in your organisation in {first_year} and "
    "{last_year}. "
    "By innovation we mean implementing new or strongly improved approaches and "
    "applications to create public value.",
)
q(
    "select_one size",
    "a1_size",
    "Hoeveel medewerkers heeft uw organisatie?",
    "How many employees does your organisation have?",
    hint_nl="Tel personen, geen fte.",
    hint_en="Count people, not full-time equivalents.",
    tag="coi",
)
end()

begin("covid", "De COVID-19 pandemie", "The COVID-19 pandemic")
q(
    "select_one production",
    "b1_production",
    "Hoe veranderde de productie van goederen en diensten van uw organisatie op het "
    "hoogtepunt van de pandemie?",
    "How did your organisation's production of goods and services change at the peak "
    "of the pandemic?",
    tag="ibo covid",
)
q(
    "select_one homeshare",
    "b2_homework_share",
    "Welk deel van het personeel werkte op het hoogtepunt van de pandemie thuis?",
    "What share of the staff worked from home at the peak of the pandemic?",
    tag="ibo covid",
)
q(
    "select_one facilities",
    "b3_homework_facilities",
    "Hoe staat het met de faciliteiten voor thuiswerken?",
    "What about the facilities for working from home?",
    tag="ibo covid",
)
end()

begin(
    "innovation",
    "Innovatie in {first_year} en {last_year}",
    "Innovation in {first_year} and {last_year}",
)
q(
    "select_one yesnodk",
    "c1_innovated",
    "Heeft uw organisatie in {first_year} of {last_year} ten minste één innovatie geïmplementeerd?",
    "Did your organisation implement at least one innovation in {first_year} or {last_year}?",
    hint_nl="Een innovatie is nieuw voor uw organisatie; het mag een kopie of aanpassing "
    "zijn van iets dat elders al bestaat.",
    hint_en="An innovation is new to your organisation; it may be a copy or adaptation of "
    "something that exists elsewhere.",
    tag="coi",
)
q(
    "select_one count",
    "c2_count",
    "Hoeveel innovaties heeft uw organisatie in {first_year} en {last_year} geïmplementeerd?",
    "How many innovations did your organisation implement in {first_year} and {last_year}?",
    relevant=INNOVATED,
    tag="coi",
)
end()

begin(
    "recent",
    "De meest recente innovatie",
    "The most recent innovation",
    relevant=INNOVATED,
)
q(
    "text",
    "d1_description",
    "Beschrijf kort de meest recent geïmplementeerde innovatie.",
    "Briefly describe the most recently implemented innovation.",
    hint_nl="Noem geen namen van personen.",
    hint_en="Please do not name persons.",
    required="yes",
    constraint="string-length(.) <= 2000",
    cmsg_nl="Gebruik hooguit 2000 tekens.",
    cmsg_en="Use at most 2000 characters.",
    tag="coi",
)
for kind, nl, en in [
    ("product", "een nieuw of sterk verbeterd product", "a new or strongly improved product"),
    ("service", "een nieuwe of sterk verbeterde dienst", "a new or strongly improved service"),
    (
        "process",
        "een nieuw of sterk verbeterd proces, nieuwe methode of organisatie van het werk",
        "a new or strongly improved process, method or organisation of work",
    ),
    (
        "interaction",
        "een nieuwe of sterk verbeterde manier van communiceren met de buitenwereld",
        "a new or strongly improved way of communicating with the outside world",
    ),
]:
    q(
        "select_one yesnodk",
        f"d2_type_{kind}",
        f"Was de innovatie {nl}?",
        f"Was the innovation {en}?",
        tag="coi",
    )
q(
    "select_one origin",
    "d3_origin",
    "Is de innovatie in uw organisatie ontwikkeld of elders vandaan gehaald?",
    "Was the innovation developed in your organisation or taken from elsewhere?",
    tag="coi",
)
q(
    "select_one techshare",
    "d4_tech_share",
    "Welke rol speelde technologie in de innovatie?",
    "What part did technology play in the innovation?",
    tag="coi",
)
q(
    "select_one technew",
    "d5_tech_new",
    "Was de toegepaste technologie nieuw voor uw organisatie?",
    "Was the technology new to your organisation?",
    relevant="${d4_tech_share} != 'none'",
    tag="coi",
)
q(
    "select_multiple initiative",
    "d6_initiative",
    "Wat of wie was de aanleiding voor de innovatie? Kies er hooguit drie.",
    "What or who prompted the innovation? Choose up to three.",
    constraint="count-selected(.) <= 3",
    cmsg_nl="Kies hooguit drie antwoorden.",
    cmsg_en="Choose at most three answers.",
    tag="coi",
)
q(
    "select_multiple channels",
    "d7_channels",
    "Waar kwam de kennis over de innovatie vandaan?",
    "Where did the knowledge about the innovation come from?",
    tag="coi",
)
q(
    "select_multiple collab",
    "d8_collab",
    "Met wie werkte uw organisatie samen bij het ontwikkelen of implementeren?",
    "Whom did your organisation work with in developing or implementing it?",
    constraint="not(selected(., 'none') and count-selected(.) > 1)",
    cmsg_nl="'Geen samenwerking' kan niet samen met een ander antwoord.",
    cmsg_en="'No collaboration' cannot be combined with another answer.",
    tag="coi",
)
q(
    "select_multiple phases",
    "d9_collab_phases",
    "In welke fasen werd samengewerkt?",
    "In which phases did you collaborate?",
    relevant="count-selected(${d8_collab}) > 0 and not(selected(${d8_collab}, 'none'))",
    tag="coi",
)
q(
    "select_one yesno",
    "d10_dissemination",
    "Heeft uw organisatie actief informatie over de innovatie verspreid naar andere organisaties?",
    "Did your organisation actively share information about the innovation with others?",
    tag="coi",
)
q(
    "text",
    "d10_dissemination_how",
    "Hoe heeft u de informatie verspreid?",
    "How did you share the information?",
    relevant="${d10_dissemination} = 'yes'",
    required="no",
    constraint="string-length(.) <= 1000",
    cmsg_nl="Gebruik hooguit 1000 tekens.",
    cmsg_en="Use at most 1000 characters.",
    tag="coi",
)
q(
    "select_multiple financing",
    "d11_financing",
    "Hoe werd de innovatie gefinancierd?",
    "How was the innovation financed?",
    constraint="not(selected(., 'none_needed') and count-selected(.) > 1)",
    cmsg_nl="'Geen specifieke financiering nodig' kan niet samen met een ander antwoord.",
    cmsg_en="'No specific financing needed' cannot be combined with another answer.",
    tag="coi",
)
q(
    "select_one strategy",
    "d12_strategy",
    "Welke strategie volgde uw organisatie bij de innovatie?",
    "Which strategy did your organisation follow?",
    hint_nl="Samen, proces: met alle belanghebbenden, gestuurd op het proces. In de "
    "spotlight: in de openbaarheid, met politiek-bestuurlijke aandacht. Onder de radar: "
    "zonder veel politieke betrokkenheid uitproberen. Expertgroep: afgeschermd door "
    "deskundigen uitgewerkt.",
    hint_en="Together, process: with all stakeholders, steering the process. In the "
    "spotlight: in public, with political attention. Under the radar: tried out without "
    "much political involvement. Expert group: worked out by experts, shielded from others.",
    tag="ibo",
)
FACTORS = [
    ("employees", "De bijdrage van medewerkers", "Employees' contribution"),
    (
        "skills",
        "Variatie in kennis en vaardigheden in teams",
        "Variety of knowledge and skills in teams",
    ),
    ("management", "Het management", "Management"),
    ("political", "Politieke of bestuurlijke leiding", "Political or administrative leadership"),
    (
        "collab_internal",
        "Samenwerking binnen de organisatie",
        "Collaboration within the organisation",
    ),
    (
        "collab_private",
        "Samenwerking met private organisaties",
        "Collaboration with private organisations",
    ),
    (
        "collab_public",
        "Samenwerking met andere publieke organisaties",
        "Collaboration with other public organisations",
    ),
    ("citizens", "Bijdrage van burgers of klanten", "Contribution of citizens or clients"),
    ("volunteers", "Vrijwilligers en hun organisaties", "Volunteers and their organisations"),
    ("research", "Onderzoeksinstellingen", "Research institutions"),
    ("umbrella", "Koepelorganisaties en fondsen", "Umbrella organisations and funds"),
    ("stimulators", "Innovatiestimulatoren in het stelsel", "Innovation stimulators in the system"),
    ("technology", "Beschikbaarheid van nieuwe technologie", "Availability of new technology"),
    ("finance", "Financiële middelen", "Financial resources"),
    ("legislation", "Wet- en regelgeving", "Legislation and regulation"),
    (
        "continuity",
        "Focus op continuïteit van de bedrijfsvoering",
        "Focus on continuity of operations",
    ),
    ("mistakes", "De manier waarop met fouten wordt omgegaan", "The way mistakes are handled"),
]
end()

begin(
    "factors",
    "Factoren bij de meest recente innovatie",
    "Factors in the most recent innovation",
    relevant=INNOVATED,
    appearance="field-list",
)
q(
    "note",
    "d13_intro",
    "Hadden de volgende factoren een belemmerende of bevorderende invloed op de innovatie?",
    "Did the following factors hinder or promote the innovation?",
)
for key, nl, en in FACTORS:
    q("select_one factor", f"d13_factor_{key}", nl, en, tag="coi", appearance="likert")
q(
    "select_multiple results",
    "d14_results",
    "Welke resultaten heeft uw organisatie met de innovatie bereikt?",
    "What results did your organisation achieve with the innovation?",
    required="no",
    tag="coi",
)
q(
    "text",
    "d14_results_other",
    "Welk ander resultaat?",
    "Which other result?",
    relevant="selected(${d14_results}, 'other')",
    required="yes",
    constraint="string-length(.) <= 500",
    cmsg_nl="Gebruik hooguit 500 tekens.",
    cmsg_en="Use at most 500 characters.",
    tag="coi",
)
end()

STATEMENTS = [
    ("collab_other", "Onze organisatie werkt goed samen met andere organisaties.",
     "Our organisation collaborates well with other organisations.", "coi"),
    ("apply_elsewhere", "Wij hebben er geen probleem mee oplossingen toe te passen die elders zijn bedacht.",
     "We have no problem applying solutions devised elsewhere.", "coi"),
    ("ideas_valued", "Mensen met nieuwe ideeën worden gewaardeerd.",
     "People with new ideas are valued.", "coi"),
    ("citizen_perspective", "Het perspectief van burgers en bedrijven wordt systematisch meegenomen in ons werk.",
     "The perspective of citizens and businesses is systematically included in our work.", "coi"),
    ("learn_mistakes", "Onze organisatie probeert van haar fouten te leren.",
     "Our organisation tries to learn from its mistakes.", "coi"),
    ("time", "Er is voldoende tijd voor innovatie.",
     "There is enough time for innovation.", "coi"),
    ("management_support", "Het management stimuleert innovatie actief.",
     "Management actively encourages innovation.", "coi"),
    ("experiment", "Er is ruimte om te experimenteren.",
     "There is room to experiment.", "coi"),
    ("evaluate", "Innovaties worden systematisch geëvalueerd.",
     "Innovations are evaluated systematically.", "coi"),
    ("employees_involved", "Medewerkers worden betrokken bij het ontwikkelen van nieuwe oplossingen.",
     "Employees are involved in developing new solutions.", "coi"),
    ("vision", "Onze organisatie heeft een duidelijke visie op innovatie.",
     "Our organisation has a clear vision on innovation.", "coi"),
    ("resources", "Er zijn middelen beschikbaar om goede ideeën uit te werken.",
     "Resources are available to work out good ideas.", "coi"),
    ("share_knowledge", "Kennis wordt gedeeld tussen de onderdelen van onze organisatie.",
     "Knowledge is shared between the units of our organisation.", "coi"),
    ("werk_safety", "Fouten maken en bespreken is veilig in mijn organisatie.",
     "Making and discussing mistakes is safe in my organisation.", "werk"),
    ("werk_improve", "In mijn organisatie worden we gestimuleerd om continu te verbeteren.",
     "In my organisation we are encouraged to improve continuously.", "werk"),
]  # fmt: skip

begin("climate", "Het innovatieklimaat", "The innovation climate", appearance="field-list")
q(
    "note",
    "e_intro",
    "In hoeverre bent u het eens met de volgende stellingen over uw organisatie?",
    "To what extent do you agree with the following statements about your organisation?",
)
for i, (key, nl, en, tag) in enumerate(STATEMENTS, start=1):
    q("select_one agree", f"e{i:02d}_{key}", nl, en, tag=tag, appearance="likert")
end()

begin("closing", "Tot slot", "Finally")
q(
    "select_one yesno",
    "f1_interview",
    "Mogen wij contact met u opnemen voor een interview over de innovatie?",
    "May we contact you for an interview about the innovation?",
    relevant=INNOVATED,
    tag="ibo",
)
q(
    "select_one yesno",
    "f2_feedback_report",
    "Wilt u een eigen terugkoppelrapport met de scores van uw organisatie naast die van uw sector?",
    "Would you like a feedback report with your organisation's scores next to your sector's?",
    tag="ibo",
)
end()

SURVEY_COLUMNS = [
    ("type", "type"),
    ("name", "name"),
    ("nl", f"label::{NL}"),
    ("en", f"label::{EN}"),
    ("hint_nl", f"hint::{NL}"),
    ("hint_en", f"hint::{EN}"),
    ("required", "required"),
    ("req_nl", f"required_message::{NL}"),
    ("req_en", f"required_message::{EN}"),
    ("relevant", "relevant"),
    ("constraint", "constraint"),
    ("cmsg_nl", f"constraint_message::{NL}"),
    ("cmsg_en", f"constraint_message::{EN}"),
    ("appearance", "appearance"),
    ("tag", "item_tag"),
]


def build(
    path: Path,
    *,
    rows: list[dict[str, str]] | None = None,
    choices: dict[str, list[tuple[str, int, str, str]]] | None = None,
    version: str = VERSION,
    parameters: list[tuple[str, str, int, str]] | None = None,
    versions: list[tuple[str, str, str, str]] | None = None,
) -> None:
    """Write the XLSForm; the keyword arguments let a later version (build_questionnaire_2025.py)
    reuse this writer with its own rows, choice lists, version and history."""
    rows = ROWS if rows is None else rows
    lists = CHOICES if choices is None else choices
    parameters = PARAMETERS if parameters is None else parameters
    versions = VERSIONS if versions is None else versions
    wb = Workbook()
    survey = wb.active
    assert survey is not None
    survey.title = "survey"
    survey.append([header for _, header in SURVEY_COLUMNS])
    for row in rows:
        if row.get("required") == "yes":
            row.setdefault("req_nl", REQ_NL)
            row.setdefault("req_en", REQ_EN)
        survey.append([row.get(key) or None for key, _ in SURVEY_COLUMNS])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "code", f"label::{NL}", f"label::{EN}"])
    for list_name, items in lists.items():
        for name, code, nl, en in items:
            choices.append([list_name, name, code, nl, en])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language", "instance_name"])
    settings.append(
        ["Innovatie Barometer Overheid", "ibo_barometer", version, NL, "concat('ibo-', uuid())"]
    )
    sheet = wb.create_sheet("parameters")
    sheet.append(["name", "value", "years_before_closing", "description"])
    for row in parameters:
        sheet.append(list(row))
    history = wb.create_sheet("versions")
    history.append(["version", "date", "item", "change"])
    for row in versions:
        history.append(list(row))
    # Fixed document properties so that the file is byte-for-byte reproducible.
    from datetime import datetime

    wb.properties.created = datetime(2021, 1, 1)
    wb.properties.modified = datetime(2021, 1, 1)
    wb.properties.creator = "barometer"
    wb.save(path)


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else (
            Path(__file__).resolve().parents[1]
            / "src"
            / "barometer"
            / "data"
            / "questionnaire.xlsx"
        )
    )
    build(target)
    print(f"wrote {target}")
