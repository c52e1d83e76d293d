"""The demo frame: 1,374 fictitious public organisations, as the 2021 wave invited.

Sector counts are Tabel 1's, clusters are consistent with the sector (see ``demo.yaml``),
and every name, person and e-mail address is invented: place names are compounds of Dutch
words that are not, as far as we know, real municipalities or regions, and every e-mail
address is at a ``.example`` domain (RFC 2606), so no message can ever reach anyone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

__all__ = ["FRAME_COLUMNS", "SIZE_CLASSES", "demo_config", "make_frame", "respondent_cells"]

FRAME_COLUMNS = (
    "org_id",
    "name",
    "sector",
    "cluster",
    "size_class",
    "contact_name",
    "contact_email",
    "language",
)
SIZE_CLASSES = ("lt100", "100_249", "250_499", "500plus")


@lru_cache(maxsize=1)
def _config_text() -> str:
    return (resources.files("barometer") / "data" / "demo.yaml").read_text("utf-8")


def demo_config() -> dict[str, Any]:
    """The demo configuration (``barometer/data/demo.yaml``), freshly parsed."""
    config: dict[str, Any] = yaml.safe_load(_config_text())
    return config


def respondent_cells(config: Mapping[str, Any] | None = None) -> dict[tuple[str, str], int]:
    """Respondents per (sector, cluster): Tabel 1 by row, Tabel 2 by column."""
    cfg = config or demo_config()
    return {
        (sector, cluster): int(k)
        for sector, spec in cfg["frame"]["sectors"].items()
        for cluster, k in spec["clusters"].items()
    }


def _invited_cells(cfg: Mapping[str, Any]) -> dict[tuple[str, str], int]:
    """Invited per cell: respondents plus non-respondents spread like the respondents."""
    cells: dict[tuple[str, str], int] = {}
    for sector, spec in cfg["frame"]["sectors"].items():
        resp = {c: int(k) for c, k in spec["clusters"].items()}
        rest = int(spec["invited"]) - int(spec["completed"])
        total = sum(resp.values())
        raw = {c: rest * k / total for c, k in resp.items()}
        extra = {c: int(np.floor(v)) for c, v in raw.items()}
        left = rest - sum(extra.values())
        for c in sorted(raw, key=lambda c: (-(raw[c] - extra[c]), c))[:left]:
            extra[c] += 1
        for c in resp:
            cells[(sector, c)] = resp[c] + extra[c]
    return cells


# --------------------------------------------------------------------------- invented names
_ROOTS = (
    "Kievit", "Reiger", "Otter", "Bever", "Klaver", "Haver", "Wilgen", "Elzen", "Riet", "Mos",
    "Heide", "Linden", "Hazel", "Vlier", "Braam", "Varen", "Kraai", "Zwaluw", "Vinken",
    "Uilen", "Spreeuw", "Dotter", "Lelie", "Biezen", "Turf", "Klei", "Slik", "Kreek", "Dijk",
    "Zegge", "Eiken", "Beuken", "Mieren", "Hoppe", "Plevier", "Wolken", "Ooster", "Wester",
    "Kalk", "Vlas",
)  # fmt: skip
_SUFFIXES = (
    "wolde", "veen", "water", "horst", "broek", "meer", "oord", "hoeve", "gaarde", "rade",
    "stede", "weerd", "zijl", "laar", "donk", "kamp", "mond", "wierde", "sloot", "vaart",
)  # fmt: skip
_LANDSCAPES = (
    "Lage Venen", "Hoge Wolden", "Kleiland", "Zandrug", "Beekdal", "Weidemeer", "Riethoek",
    "Dijkwater", "Heuvelrand", "Vlietland", "Polderkust", "Stroomdal", "Duinzoom", "Broekland",
    "Esland", "Kreekrug", "Turfland", "Zandhoeve", "Hooglanden", "Wadkust",
    "Rivierzoom", "Plassenland", "Heidezoom", "Bosrand", "Kwelderland",
)  # fmt: skip
_DIRECTIONS = ("Noord-", "Zuid-", "Oost-", "West-", "", "", "Midden-")
_BIG_CITIES = (
    "Havenstad", "Torenburg", "Sluisdam", "Brugwijk", "Kerkwater", "Molenstede", "Poortvliet-aan-Zee",
    "Lindenburg", "Vestingdam", "Markthaven", "Kasteelrade", "Stadsveen", "Grachtwijk",
    "Bruggewolde", "Waaggaarde",
)  # fmt: skip
_CITY_UNITS = (
    "Dienst Werk en Inkomen", "Dienst Stadsbeheer", "Dienst Stedelijke Ontwikkeling",
    "Dienst Maatschappelijke Ontwikkeling", "Dienst Publiekszaken", "Concernstaf",
    "Dienst Dienstverlening", "Dienst Veiligheid en Handhaving", "Dienst Onderwijs en Jeugd",
)  # fmt: skip
_MINISTRIES = (
    "Leefomgeving", "Digitale Zaken", "Welzijn en Werk", "Rijksfinanciën", "Openbaar Bestuur",
    "Kennis en Cultuur", "Mobiliteit en Havens", "Veiligheid en Recht", "Landbouw en Natuur",
    "Buitenlandse Betrekkingen", "Energie en Klimaat",
)  # fmt: skip
_POLICY = ("Directie", "Beleidsdirectie", "Programmadirectie", "Projectdirectie")
_STAFF = (
    "Directie Financieel-Economische Zaken", "Directie Communicatie", "Directie Bedrijfsvoering",
    "Directie Juridische Zaken", "Directie Personeel en Organisatie", "Directie Informatievoorziening",
    "Bestuursstaf",
)  # fmt: skip
_AGENCIES = (
    "Agentschap voor Subsidies", "Dienst Vastgoed", "Rijksdienst voor Registers", "Dienst Inspecties",
    "Uitvoeringsdienst Vergunningen", "Rijksdienst voor Kustbeheer", "Dienst Examens",
    "Agentschap Digitale Diensten", "Dienst Terugvordering", "Rijkslaboratorium",
)  # fmt: skip
_ZBO = (
    "Autoriteit", "Landelijk Bureau", "College voor", "Raad voor", "Stichting", "Instituut voor",
    "Kamer voor", "Fonds", "Commissie",
)  # fmt: skip
_ZBO_TOPICS = (
    "Bodemkwaliteit", "Examenzaken", "Rijwielveiligheid", "Diplomaerkenning", "Keurmerken",
    "Studiefinanciering", "Zorgtarieven", "Pensioenregisters", "Dierenwelzijn", "Erfgoedtoezicht",
    "Kansspelen", "Bouwkwaliteit", "Taalexamens", "Beroepsregisters", "Woningwaardering",
    "Scheepsregistratie", "Gegevensbescherming", "Waterkwaliteit", "Mediatoezicht",
    "Arbeidsbemiddeling", "Toelatingen", "Keuring", "Vergunningverlening", "Schadeafhandeling",
)  # fmt: skip
_HIGH_COLLEGES = (
    "Raad voor Staatsadvies", "Kamer van Rekenschap", "Nationaal Klachtenhof", "Ordekanselarij",
    "Eerste Raadskamer", "Tweede Raadskamer",
)  # fmt: skip
_PROVINCES = (
    "Noordwold", "Oostmark", "Lage Landen", "Zuiderkust", "Hoogveld", "Westerrijn", "Kleistreek",
    "Heuvelland-Oost", "Rivierland", "Waddenmark", "Middenveen", "Zeeuwse Kreken",
)  # fmt: skip
_FIRST = (
    "Anna", "Bram", "Carla", "Daan", "Eva", "Femke", "Gijs", "Hanneke", "Ilse", "Jeroen",
    "Karin", "Lars", "Marloes", "Niels", "Olga", "Pieter", "Renske", "Sander", "Tamara", "Ulrike",
    "Vincent", "Wendy", "Yvonne", "Bas", "Joost", "Lotte", "Maarten", "Noor", "Ruben", "Sanne",
    "Thijs", "Inge", "Koen", "Mirjam", "Erik", "Fleur", "Hugo", "Jolien", "Mark", "Petra",
)  # fmt: skip
_LAST = (
    "Akkerman", "Bosveld", "van Dalen", "de Graaf-Meijer", "Hoekstra", "Jansma", "Kuipers",
    "van Leeuwen", "Mulder", "Nijhof", "Oosterhuis", "Postma", "Roelofs", "Schouten", "Terpstra",
    "van der Veen", "Wijnands", "Zandbergen", "de Boer", "Brouwer", "Dekker", "Evers", "Geerts",
    "Hendriks", "Jonker", "Kramer", "Lammers", "Meijering", "Noordhoff", "Peeters", "Rietveld",
    "Smit", "Tol", "Verbeek", "Willems", "IJzerman", "Bakker", "van Rijn", "Koster", "Veldkamp",
)  # fmt: skip


def _place_names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [r + s for r in _ROOTS for s in _SUFFIXES]
    combos = [c for c in combos if c not in _BIG_CITIES]
    picked = rng.choice(len(combos), size=n, replace=False)
    return [combos[i] for i in picked]


def _regions(rng: np.random.Generator) -> list[str]:
    names = [f"{d}{land}" for land in _LANDSCAPES for d in _DIRECTIONS[:4]] + list(_LANDSCAPES)
    return [names[i] for i in rng.permutation(len(names))]


class _Namer:
    """Hands out unique names per cluster from the word lists above."""

    def __init__(self, rng: np.random.Generator, n_places: int) -> None:
        self.rng = rng
        self.places = _place_names(rng, n_places)
        self.regions = _regions(rng)
        self.used: set[str] = set()
        self._place_i = 0
        self._region_i = 0

    def place(self) -> str:
        name = self.places[self._place_i % len(self.places)]
        self._place_i += 1
        return name

    def region(self) -> str:
        name = self.regions[self._region_i % len(self.regions)]
        self._region_i += 1
        return name

    def unique(self, make: Any) -> str:
        for _ in range(1000):
            name = str(make())
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("ran out of invented names")

    def pick(self, options: tuple[str, ...]) -> str:
        return str(options[int(self.rng.integers(len(options)))])


def _name_for(namer: _Namer, sector: str, cluster: str) -> str:
    p, r, pick = namer.place, namer.region, namer.pick
    makers: dict[str, Any] = {
        "gemeenten_onderdelen": (
            (lambda: f"Gemeente {p()}")
            if sector == "gemeenten"
            else (lambda: f"Werkorganisatie {p()}-{p()}")
        ),
        "zbo": lambda: f"{pick(_ZBO)} {pick(_ZBO_TOPICS)}",
        "rijk_uitvoering": lambda: f"{pick(_AGENCIES)} {r()}",
        "rijk_beleid": lambda: (
            f"Ministerie van {pick(_MINISTRIES)}, {pick(_POLICY)} {pick(_ZBO_TOPICS)}"
        ),
        "rijk_staf": lambda: f"Ministerie van {pick(_MINISTRIES)}, {pick(_STAFF)}",
        "cultuur": {
            "zbo": lambda: (
                f"Fonds voor {pick(('Podiumkunsten', 'Beeldende Kunst', 'Letteren', 'Film', 'Cultuurdeelname', 'Erfgoed'))} {r()}"
            ),
            "privaatrechtelijk": lambda: (
                f"{pick(('Museum', 'Stichting Erfgoed', 'Theater', 'Muziekcentrum'))} {p()}"
            ),
        }.get(
            sector,
            lambda: (
                f"{pick(('Regionaal Archief', 'Bibliotheek', 'Erfgoedcentrum', 'Muziekschool'))} {r()}"
            ),
        ),
        "overig_decentraal": {
            "provincies": lambda: f"Provincie {pick(_PROVINCES)}",
            "privaatrechtelijk": lambda: (
                f"{pick(('Stichting', 'NV', 'Coöperatie'))} {pick(('Regiofonds', 'Groenbeheer', 'Parkeerbeheer', 'Woonwagenbeheer'))} {r()}"
            ),
        }.get(
            sector,
            lambda: (
                f"{pick(('Recreatieschap', 'Regio', 'Havenschap', 'Natuurschap', 'Afvalschap'))} {r()}"
            ),
        ),
        "arbeid_sociaal": lambda: (
            f"{pick(('Werkbedrijf', 'Sociale Dienst', 'Leerwerkbedrijf', 'Participatiebedrijf', 'Regionaal Werkcentrum'))} {r()}"
        ),
        "watermanagement": (
            (lambda: f"{pick(('Waterschap', 'Hoogheemraadschap'))} {r()}")
            if sector == "waterschappen"
            else (lambda: f"{pick(('Zuiveringsschap', 'Waterketenbedrijf', 'Dijkschap'))} {r()}")
        ),
        "rechtswezen": lambda: (
            f"{pick(('Rechtbank', 'Gerechtshof', 'Arrondissementsparket', 'Ressortsparket'))} {r()}"
        ),
        "infra_bedrijventerrein": lambda: (
            f"{pick(('Bedrijvenschap', 'Ontwikkelingsbedrijf', 'Havenbedrijf', 'Wegschap'))} {r()}"
        ),
        "veiligheidsregio": lambda: f"Veiligheidsregio {r()}",
        "omgevingsdienst": lambda: f"Omgevingsdienst {r()}",
        "ggd": lambda: f"GGD {r()}",
        "belasting": lambda: (
            f"{pick(('Belastingsamenwerking', 'Regionaal Belastingkantoor', 'Waterschapsbelastingen'))} {r()}"
        ),
        "ssc": lambda: (
            f"{pick(('Shared Service Center', 'Servicecentrum', 'ICT-samenwerking'))} {r()}"
        ),
        "hoge_colleges": lambda: pick(_HIGH_COLLEGES),
    }
    return namer.unique(makers[cluster])


def _slug(text: str) -> str:
    text = text.lower().replace("ë", "e").replace("ö", "o")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def make_frame(seed: int = 2021) -> pd.DataFrame:
    """The demo frame: one row per invited organisation, deterministic for ``seed``.

    Columns: ``org_id`` (``ORG0001``..), ``name``, ``sector`` and ``cluster`` (codes of
    ``classification.yaml``), ``size_class`` (``lt100``, ``100_249``, ``250_499``,
    ``500plus``), ``contact_name``, ``contact_email`` (always at a ``.example`` domain) and
    ``language`` (``nl`` or ``en``). Invited counts per sector are Tabel 1's (1,374 in all).
    """
    cfg = demo_config()
    rng = np.random.default_rng([seed, 1])
    cells = _invited_cells(cfg)
    n_places = 400
    namer = _Namer(rng, n_places)
    fcfg = cfg["frame"]
    rows: list[dict[str, str]] = []
    big = list(_BIG_CITIES[: int(fcfg["big_municipalities"])])
    n_units = len(big) * int(fcfg["units_per_big_municipality"])
    for (sector, cluster), k in cells.items():
        for i in range(k):
            unit = sector == "gemeenten" and i < n_units
            if unit:
                city = big[i // int(fcfg["units_per_big_municipality"])]
                unit_name = _CITY_UNITS[i % int(fcfg["units_per_big_municipality"])]
                name = f"Gemeente {city}, {unit_name}"
                namer.used.add(name)
            else:
                name = _name_for(namer, sector, cluster)
            size_key = "gemeente_unit" if unit else sector
            probs = np.asarray(fcfg["size"][size_key], dtype=float)
            size = SIZE_CLASSES[int(rng.choice(4, p=probs / probs.sum()))]
            first = _FIRST[int(rng.integers(len(_FIRST)))]
            last = _LAST[int(rng.integers(len(_LAST)))]
            domain = _slug(name.split(",")[0]) + ".example"
            email = f"{first[0].lower()}.{_slug(last).replace('-', '')}@{domain}"
            rows.append(
                {
                    "name": name,
                    "sector": sector,
                    "cluster": cluster,
                    "size_class": size,
                    "contact_name": f"{first} {last}",
                    "contact_email": email,
                    "language": "en" if rng.random() < float(fcfg["language_en_share"]) else "nl",
                }
            )
    order = rng.permutation(len(rows))
    frame = pd.DataFrame([rows[i] for i in order])
    frame.insert(0, "org_id", [f"ORG{i + 1:04d}" for i in range(len(frame))])
    frame["contact_email"] = _dedupe_emails(frame["contact_email"])
    return frame.loc[:, list(FRAME_COLUMNS)].astype(object)


def _dedupe_emails(emails: pd.Series) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for email in emails:
        n = seen.get(email, 0)
        seen[email] = n + 1
        if n:
            local, domain = email.split("@")
            email = f"{local}{n + 1}@{domain}"
        out.append(email)
    return out
