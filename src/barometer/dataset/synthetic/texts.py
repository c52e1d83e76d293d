"""Synthetic open answers: short Dutch descriptions of "the most recent innovation".

A public-sector manager types one to four sentences into the open question about the
organisation's most recent innovation. :func:`description` writes such an answer for one of
three themes, so that tests, demos and benchmarks of the text-mining pipeline have a corpus
with known structure:

``"digital_data"``
    digitalisation and data-driven work: dashboards, e-formulieren, chatbots, a zaaksysteem,
    open data, algorithms, privacy and information security, digital signing.
``"homework_meetings"``
    home working and meetings during the pandemic: thuiswerken, videobellen with Zoom,
    Skype, Webex or Teams, online and hybrid meetings, laptops handed out.
``"practice"``
    the other kinds of innovation: new ways of working with residents and clients, regional
    collaboration, knowledge sharing, pilots, lean or agile teams, participation, the
    social domain, sustainability.

The sentences are built from a small recursive grammar (templates with ``{slot}`` fields
filled from lists of fragments), then roughened the way typed answers are: some are a bare
noun phrase, some lack the final full stop, some are all lower case, a few have a typo.
Every text is invented for this module; none contains a person's name, an e-mail address or
a phone number.

The generator is deterministic: the same :class:`numpy.random.Generator` state gives the
same texts.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["THEMES", "description"]

THEMES: tuple[str, ...] = ("digital_data", "homework_meetings", "practice")

Grammar = dict[str, tuple[str, ...]]

# Fragments every theme may use (who did it, how it went, what it brought).
_COMMON: Grammar = {
    "wij_hebben": (
        "We hebben",
        "Wij hebben",
        "We hebben in {jaar}",
        "We hebben afgelopen jaar",
        "Wij hebben recent",
        "Onze organisatie heeft",
        "De afdeling heeft",
        "Ons team heeft",
        "Het MT heeft in {jaar}",
        "In {jaar} hebben we",
    ),
    "jaar": ("2020", "2021", "het voorjaar van 2020", "de zomer"),
    "afdeling": (
        "de afdeling Publiekszaken",
        "het team Vergunningen",
        "de afdeling Belastingen",
        "het Klant Contact Centrum",
        "de afdeling Bedrijfsvoering",
        "het team Handhaving",
        "de directie",
        "alle afdelingen",
        "het sociaal team",
        "de griffie",
    ),
    "slot": (
        "Het idee kwam van medewerkers zelf.",
        "De eerste ervaringen zijn positief.",
        "We evalueren dit na een jaar.",
        "Inmiddels is het staande praktijk.",
        "Dit heeft veel tijd gekost, maar het resultaat mag er zijn.",
        "Het project is mede gefinancierd uit eigen middelen.",
        "Andere organisaties hebben al belangstelling getoond.",
        "De invoering verliep niet zonder problemen.",
        "Medewerkers en leidinggevenden zijn enthousiast.",
        "Het bestuur heeft hier nadrukkelijk om gevraagd.",
        "Er is nog veel te verbeteren.",
        "Het is een eerste stap, er volgen er meer.",
    ),
}

_DIGITAL: Grammar = {
    "core": (
        "{wij_hebben} {dig_np} {dig_vpp}.",
        "{wij_hebben} {dig_np} {dig_vpp} {dig_doel}.",
        "Invoering van {dig_np} {dig_doel}.",
        "Implementatie van {dig_np} voor {afdeling}.",
        "Digitalisering van {dig_proces}.",
        "Digitalisering van {dig_proces}: {dig_doel2}.",
        "Datagedreven werken binnen {afdeling}: {dig_data_zin}",
        "Overstap van papier naar {dig_np} {dig_doel}.",
        "{dig_kort}",
        "{dig_kort}. {dig_doel2_cap}.",
        "Bij {afdeling} is {dig_np} {dig_vpp}.",
    ),
    "dig_np": (
        "een dashboard met actuele cijfers",
        "een datadashboard",
        "een nieuw dashboard",
        "een nieuw zaaksysteem",
        "een zaakgericht werkend systeem",
        "een chatbot op de website",
        "een digitale assistent (chatbot)",
        "digitale formulieren",
        "e-formulieren",
        "een klantportaal",
        "een digitaal loket",
        "een app voor meldingen in de openbare ruimte",
        "een datawarehouse",
        "een datalab",
        "open data",
        "een algoritme voor risicoselectie",
        "een algoritmeregister",
        "een koppeling tussen systemen via API's",
        "een geografisch informatiesysteem met kaartlagen",
        "sensoren die data verzamelen",
        "een nieuw documentmanagementsysteem",
        "digitaal ondertekenen",
        "een systeem voor digitaal ondertekenen",
        "een digitale handtekening",
        "robotisering (RPA) van standaardhandelingen",
        "een informatiebeveiligingsplan",
        "een privacyscan volgens de AVG",
        "een datastrategie",
        "een digitaal archief",
        "e-facturatie",
        "een data-analyseplatform",
        "een monitor met data uit meerdere bronnen",
        "een online aanvraagmodule",
    ),
    "dig_vpp": (
        "ingevoerd",
        "ontwikkeld",
        "in gebruik genomen",
        "geïmplementeerd",
        "gebouwd",
        "uitgerold",
        "opgezet",
        "aangeschaft",
        "gelanceerd",
        "samen met een leverancier ontwikkeld",
    ),
    "dig_doel": (
        "zodat burgers hun aanvraag volledig digitaal kunnen afhandelen",
        "om beter te sturen op basis van data",
        "waardoor de doorlooptijd korter is geworden",
        "zodat medewerkers sneller de juiste gegevens vinden",
        "voor meer inzicht in de cijfers",
        "om de digitale dienstverlening te verbeteren",
        "zodat de data realtime beschikbaar zijn",
        "waarmee we trends in de data eerder zien",
        "zodat inwoners 24 uur per dag digitaal terechtkunnen",
        "om papieren dossiers overbodig te maken",
        "waardoor de informatievoorziening betrouwbaarder is",
        "met aandacht voor privacy en informatiebeveiliging",
        "",
    ),
    "dig_doel2": (
        "alles gaat nu digitaal",
        "gegevens worden één keer vastgelegd en hergebruikt",
        "de data zijn direct inzichtelijk in een dashboard",
        "burgers kunnen de status van hun aanvraag online volgen",
        "geen papieren formulieren meer",
        "het proces is volledig gedigitaliseerd",
    ),
    "dig_doel2_cap": (
        "Alles gaat nu digitaal",
        "Gegevens worden één keer vastgelegd en hergebruikt",
        "De data zijn direct zichtbaar in een dashboard",
        "Burgers volgen hun aanvraag online",
        "Geen papier meer",
    ),
    "dig_proces": (
        "de vergunningverlening",
        "de inkoopfacturen",
        "het archief",
        "de subsidieaanvragen",
        "de klantcontacten",
        "de bezwaarprocedure",
        "het inspectieproces",
        "de dienstverlening aan ondernemers",
        "de personeelsdossiers",
        "de interne werkprocessen",
        "de meldingen openbare ruimte",
    ),
    "dig_data_zin": (
        "beleidskeuzes worden onderbouwd met data uit het dashboard.",
        "met data-analyse stellen we prioriteiten in het toezicht.",
        "we combineren gegevens uit verschillende bronnen in één datawarehouse.",
        "een team data-analisten ondersteunt de afdelingen.",
        "we voorspellen met een algoritme waar de risico's het grootst zijn.",
    ),
    "dig_kort": (
        "Digitaal ondertekenen",
        "Chatbot",
        "Nieuw zaaksysteem",
        "Dashboards",
        "Datagedreven werken",
        "Digitale dienstverlening",
        "E-formulieren op de website",
        "Open data",
        "Algoritmeregister",
        "Invoering zaakgericht werken",
        "Digitalisering archief",
        "Data-analyse",
        "Datagedreven sturing",
        "Digitale aanvragen",
    ),
    "extra": (
        "De gegevens komen uit verschillende bronnen en worden dagelijks bijgewerkt.",
        "Daarbij is veel aandacht besteed aan privacy en de AVG.",
        "Er is vooraf een DPIA uitgevoerd.",
        "Informatiebeveiliging was een belangrijk aandachtspunt.",
        "Met de data kunnen we problemen eerder signaleren.",
        "Het dashboard wordt maandelijks besproken door het management.",
        "Burgers kunnen de status van hun aanvraag nu digitaal volgen.",
        "Papieren dossiers zijn verleden tijd.",
        "De applicatie is gekoppeld aan het zaaksysteem.",
        "De software is samen met een externe leverancier gebouwd.",
        "Analyse van de data gebeurt door een eigen team data-analisten.",
        "Alle documenten zijn nu digitaal beschikbaar.",
        "De chatbot beantwoordt de meest gestelde vragen automatisch.",
        "Het algoritme is getoetst op uitlegbaarheid en privacy.",
        "Ondernemers kunnen formulieren digitaal invullen en ondertekenen.",
        "De open data staan op het landelijke dataportaal.",
        "Medewerkers hebben een training datagedreven werken gevolgd.",
        "Digitale dienstverlening is nu het uitgangspunt, het loket blijft voor wie het nodig heeft.",
        "De kwaliteit van de data was in het begin een probleem.",
        "Er komt een tweede versie van het dashboard met meer gegevens.",
    ),
}

_HOME: Grammar = {
    "core": (
        "Door corona {thuis_zin}.",
        "Vanwege de pandemie {thuis_zin}.",
        "Tijdens de lockdown {thuis_zin}.",
        "{thuis_kort}",
        "{thuis_kort}. {thuis_kort2}.",
        "{wij_hebben} {thuis_actie}.",
        "Vergaderen gebeurt nu online via {tool}.",
        "Overstap op videobellen via {tool} voor het {overleg_soort}.",
        "Hybride werken: deels thuis, deels op kantoor.",
        "Hybride vergaderen, een deel van de deelnemers zit thuis en een deel op kantoor.",
        "Online overleg met {partij} via {tool}.",
        "Het {overleg_soort} vindt digitaal plaats via {tool}.",
        "Thuiswerken voor {wie}.",
    ),
    "thuis_zin": (
        "is iedereen thuis gaan werken",
        "werken alle medewerkers thuis",
        "zijn we massaal gaan thuiswerken",
        "vergaderen we via {tool}",
        "zijn alle overleggen online gegaan",
        "is het {overleg_soort} omgezet naar videobellen",
        "hebben we thuiswerken in korte tijd mogelijk gemaakt",
        "zijn de raadsvergaderingen digitaal gehouden via {tool}",
        "werkt bijna iedereen vanuit huis en overleggen we via {tool}",
    ),
    "thuis_kort": (
        "Thuiswerken",
        "Thuiswerken en videobellen",
        "Online vergaderen",
        "Digitaal vergaderen",
        "Videobellen met {tool}",
        "Vergaderen via {tool}",
        "Thuiswerken door corona",
        "Hybride werken",
        "Digitale raadsvergaderingen",
        "Webinars in plaats van bijeenkomsten",
        "Online overleg",
        "Thuiswerkplekken voor medewerkers",
        "Laptops voor iedereen",
        "Werken op afstand",
        "{tool} voor alle overleggen",
    ),
    "thuis_kort2": (
        "Iedereen werkt thuis",
        "Alle overleggen gaan via {tool}",
        "Vergaderen kan nu ook online",
        "Medewerkers kregen een laptop mee naar huis",
        "Minder reistijd",
        "Thuiswerken is de norm geworden",
    ),
    "thuis_actie": (
        "alle medewerkers een laptop gegeven",
        "thuiswerkplekken ingericht",
        "thuiswerkplekken met bureaustoel en beeldscherm geregeld",
        "een thuiswerkregeling ingevoerd",
        "een thuiswerkvergoeding ingevoerd",
        "{tool} ingevoerd voor online vergaderen",
        "{tool} de standaard gemaakt voor overleg",
        "licenties voor {tool} aangeschaft",
        "een protocol voor digitaal vergaderen opgesteld",
        "een vaste online koffiepauze ingesteld",
        "een hybride vergaderruimte ingericht",
        "headsets en webcams uitgereikt",
        "thuiswerken in korte tijd mogelijk gemaakt",
    ),
    "tool": (
        "Zoom",
        "zoom",
        "Skype",
        "skype",
        "Webex",
        "MS Teams",
        "Teams",
        "Microsoft Teams",
        "teams",
        "Skype en Zoom",
        "Teams en Webex",
        "Zoom of Teams",
    ),
    "overleg_soort": (
        "werkoverleg",
        "teamoverleg",
        "MT-overleg",
        "bestuursoverleg",
        "overleg met ketenpartners",
        "sollicitatiegesprek",
        "functioneringsgesprek",
        "overleg",
        "afdelingsoverleg",
        "overleg met de wethouder",
    ),
    "partij": (
        "collega's",
        "ketenpartners",
        "het bestuur",
        "andere organisaties",
        "cliënten",
        "de gemeenteraad",
        "de ondernemingsraad",
        "studenten",
    ),
    "wie": (
        "alle medewerkers",
        "iedereen",
        "het hele personeel",
        "alle teams",
        "medewerkers die dat willen",
    ),
    "extra": (
        "Dit was tijdens de eerste lockdown binnen een week geregeld.",
        "Medewerkers kregen een thuiswerkvergoeding.",
        "Ook het werkoverleg en het teamoverleg gaan nu via {tool}.",
        "Reistijd valt weg en vergaderingen zijn korter.",
        "We hebben extra laptops en headsets aangeschaft.",
        "Leidinggevenden houden wekelijks een online overleg met hun team.",
        "Na de pandemie blijven we deels thuiswerken.",
        "De thuiswerkomgeving is in korte tijd opgeschaald.",
        "Thuis werken vraagt wel wat van leidinggevenden.",
        "Sommige medewerkers missen de collega's op kantoor.",
        "Vergaderen via {tool} went snel.",
        "Ook externe partijen sluiten online aan bij het overleg.",
        "Er is een cursus videobellen gegeven.",
        "Voor thuiswerkers is er een ergonomisch advies.",
        "Overleggen zijn nu korter en beter voorbereid.",
        "Het kantoor is omgebouwd voor hybride werken met minder werkplekken.",
        "Op kantoor mocht maar een beperkt aantal mensen tegelijk werken.",
        "Vergaderingen van de raad worden live gestreamd.",
    ),
}

_PRACTICE: Grammar = {
    "core": (
        "Nieuwe werkwijze waarbij {groep} vanaf het begin meedenken over {onderwerp}.",
        "Samenwerking met {buren} in een regionaal {verband}.",
        "Pilot met {pilot}.",
        "Pilot: {pilot}, samen met {partner}.",
        "Kennisdeling tussen organisaties via {kennis}.",
        "Lean-traject voor {proces}.",
        "Werken in agile teams bij {afdeling}.",
        "Een wijkgerichte aanpak in het sociaal domein.",
        "{wij_hebben} {praktijk_np} {praktijk_vpp}.",
        "{praktijk_kort}",
        "{praktijk_kort}. {praktijk_kort2}.",
        "Een {verband} met {partner} rond {onderwerp}.",
        "Inwoners bepalen mee over {onderwerp}.",
    ),
    "groep": (
        "inwoners",
        "bewoners",
        "cliënten",
        "ondernemers",
        "jongeren",
        "ervaringsdeskundigen",
        "dorpsbelangen",
        "vrijwilligers",
    ),
    "onderwerp": (
        "de inrichting van de wijk",
        "het groenonderhoud",
        "de jeugdzorg",
        "de verduurzaming van woningen",
        "de aanpak van armoede",
        "nieuwe wandelroutes",
        "het omgevingsplan",
        "de begroting",
        "schuldhulpverlening",
        "de energietransitie",
        "klimaatadaptatie",
        "de herinrichting van het centrum",
    ),
    "buren": (
        "buurgemeenten",
        "vier andere gemeenten",
        "de provincie en het waterschap",
        "zorgaanbieders in de regio",
        "woningcorporaties",
        "ketenpartners",
        "het onderwijs en bedrijfsleven",
    ),
    "verband": (
        "samenwerkingsverband",
        "netwerk",
        "programma",
        "expertisecentrum",
        "platform",
        "leernetwerk",
        "convenant",
    ),
    "pilot": (
        "een vast aanspreekpunt voor gezinnen met meerdere problemen",
        "elektrische voertuigen voor de buitendienst",
        "drones voor inspecties",
        "een nieuwe werkwijze bij de intake",
        "ervaringsdeskundigen in het wijkteam",
        "een buurtbudget dat bewoners zelf verdelen",
        "vroegsignalering van schulden",
        "circulair inkopen",
        "een groene schoolpleinen-aanpak",
        "flexibele inzet van personeel tussen teams",
        "een klimaatbestendige inrichting van straten",
        "een mobiele balie in de wijken",
    ),
    "partner": (
        "een hogeschool",
        "de universiteit",
        "een woningcorporatie",
        "maatschappelijke partners",
        "een marktpartij",
        "het waterschap",
        "de provincie",
        "bewonersorganisaties",
        "tuinders uit de omgeving",
    ),
    "kennis": (
        "een gezamenlijk kennisplatform",
        "intervisie tussen teams",
        "een community of practice",
        "uitwisseling van medewerkers",
        "gezamenlijke leerbijeenkomsten",
        "een regionale academie",
    ),
    "proces": (
        "de afhandeling van bezwaren",
        "de inkoop",
        "het onboarden van nieuwe collega's",
        "de aanvraag van uitkeringen",
        "het toezicht op bouwprojecten",
        "de schuldhulpverlening",
        "de jeugdhulp",
    ),
    "praktijk_np": (
        "een burgerpanel",
        "een burgerberaad",
        "een jongerenraad",
        "een vast aanspreekpunt voor ondernemers",
        "een participatieaanpak",
        "een leefstijlprogramma voor ouderen",
        "buurtteams",
        "een innovatieve aanbesteding",
        "een ontwerpteam met bewoners",
        "een nieuw werkproces voor de intake",
        "een gezamenlijke uitvoeringsagenda met partners",
        "een fonds voor bewonersinitiatieven",
        "een integrale aanpak van overlast",
        "groene daken en regentonnen",
        "een innovatief vaartuig dat minder brandstof verbruikt",
    ),
    "praktijk_vpp": (
        "opgezet",
        "ingesteld",
        "gestart",
        "ingevoerd",
        "ontwikkeld",
        "samen met partners vormgegeven",
    ),
    "praktijk_kort": (
        "Burgerparticipatie",
        "Wijkgericht werken",
        "Right to challenge",
        "Integrale aanpak sociaal domein",
        "Lean werken",
        "Agile werken",
        "Regionale samenwerking",
        "Kennisdeling",
        "Ervaringsdeskundigen inzetten",
        "Verduurzaming wagenpark",
        "Nieuwe aanpak jeugdzorg",
        "Samenwerking met bewoners",
        "Keukentafelgesprekken anders ingericht",
        "Innovatieve aanbesteding",
        "Circulair bouwen",
    ),
    "praktijk_kort2": (
        "Samen met {partner}",
        "Bewoners denken mee",
        "Minder bureaucratie",
        "Meer maatwerk voor {groep}",
        "Gestart als pilot",
    ),
    "extra": (
        "De aanpak is samen met {groep} ontwikkeld.",
        "We werken hierbij samen met {partner}.",
        "Na een pilot van een half jaar is besloten de werkwijze voort te zetten.",
        "Professionals krijgen meer ruimte om zelf beslissingen te nemen.",
        "Het resultaat is meer maatwerk voor {groep}.",
        "Kennis en ervaringen worden gedeeld met andere organisaties in de regio.",
        "De wachttijden zijn flink korter geworden.",
        "In de wijk is het contact met bewoners sterk verbeterd.",
        "Het verband wordt gefinancierd door de deelnemende partijen samen.",
        "Een externe onderzoeker begeleidt het traject.",
        "Het team bestaat uit medewerkers van verschillende disciplines.",
        "Er is minder regeldruk voor ondernemers.",
        "De werkwijze is inmiddels overgenomen door {buren}.",
        "De CO2-uitstoot is duidelijk lager.",
        # Some practice answers touch the other two themes, as real ones do.
        "Door corona vonden de bijeenkomsten met bewoners online plaats.",
        "Een deel van de gesprekken ging via videobellen.",
        "De voortgang volgen we in een dashboard.",
        "Daarbij gebruiken we data uit de wijk.",
        "Inwoners kunnen digitaal reageren op de plannen.",
    ),
}

_GRAMMARS: dict[str, Grammar] = {
    "digital_data": {**_COMMON, **_DIGITAL},
    "homework_meetings": {**_COMMON, **_HOME},
    "practice": {**_COMMON, **_PRACTICE},
}

_SLOT = re.compile(r"\{(\w+)\}")


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _expand(rng: np.random.Generator, template: str, grammar: Grammar) -> str:
    def fill(match: re.Match[str]) -> str:
        return _expand(rng, _pick(rng, grammar[match.group(1)]), grammar)

    text = _SLOT.sub(fill, template)
    # An empty fragment leaves a double space or a space before punctuation.
    return re.sub(r"\s+([.,:])", r"\1", re.sub(r" {2,}", " ", text)).strip()


def _typo(rng: np.random.Generator, text: str) -> str:
    """Swap two neighbouring letters in one longer word (a typing slip)."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long_words:
        return text
    i = long_words[int(rng.integers(len(long_words)))]
    w = words[i]
    j = int(rng.integers(1, len(w) - 2))
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def description(rng: np.random.Generator, theme: str) -> str:
    """One invented Dutch description of an organisation's most recent innovation.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness; the same state gives the same text.
    theme : {"digital_data", "homework_meetings", "practice"}
        What the innovation is about (see :data:`THEMES` and the module docstring).

    Returns
    -------
    str
        One to four sentences, sometimes only a short phrase, with the casing, missing
        full stops and occasional typos of typed answers.

    Raises
    ------
    ValueError
        ``theme`` is not one of :data:`THEMES`.
    """
    if theme not in _GRAMMARS:
        raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
    grammar = _GRAMMARS[theme]
    sentences = [_expand(rng, _pick(rng, grammar["core"]), grammar)]
    n_extra = int(rng.choice(4, p=[0.3, 0.35, 0.25, 0.1]))
    extras = grammar["extra"]
    for k in rng.permutation(len(extras))[:n_extra]:
        sentences.append(_expand(rng, extras[int(k)], grammar))
    if n_extra and rng.random() < 0.25:
        sentences.append(_pick(rng, grammar["slot"]))
    sentences = [s[0].upper() + s[1:] for s in sentences if s]
    # A short phrase followed by more sentences still needs its full stop.
    text = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences[:-1])
    text = f"{text} {sentences[-1]}".strip()

    roll = rng.random()
    if roll < 0.08:
        text = text.lower()
    elif roll < 0.11:
        text = text[0].lower() + text[1:]
    if rng.random() < 0.2 and text.endswith("."):
        text = text[:-1]
    if rng.random() < 0.1:
        text = _typo(rng, text)
    return text
