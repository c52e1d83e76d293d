"""Write the 2025 XLSForm (src/barometer/data/questionnaire-2025.xlsx), version 2025.1.0.

It starts from the 2021.2.0 source (tools/build_questionnaire.py) and changes it as the 2025
wave did: reference period 2023-2024, the COVID items retired, a new section on innovation
capacity (leaders' vision and innovation management, dedicated staff and units, diverse and
cross-organisational teams, AI and data). The COI core keeps its names and codes, so the
Nordic comparisons and the trends from 2021 still hold. The item mapping between the
versions is src/barometer/data/questionnaire-map-2021-2025.yaml (a test checks both agree).

Run ``python tools/build_questionnaire_2025.py``; a test checks the committed file equals it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "build_questionnaire", _HERE / "build_questionnaire.py"
)
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

VERSION = "2025.1.0"
PARAMETERS = [
    ("first_year", "2023", 2, "first year of the reference period"),
    ("last_year", "2024", 1, "last year of the reference period"),
]
VERSIONS = [
    *base.VERSIONS,
    (VERSION, "2025-01-15", "", "The 2025 wave: reference period 2023-2024; the COVID "
     "section retired; a new section on innovation capacity (g1-g8)."),
    (VERSION, "2025-01-15", "b1_production", "Retired (COVID)."),
    (VERSION, "2025-01-15", "b2_homework_share", "Retired (COVID)."),
    (VERSION, "2025-01-15", "b3_homework_facilities", "Retired (COVID)."),
]  # fmt: skip

_COVID_LISTS = {"production", "homeshare", "facilities"}
CHOICES = {
    **{k: v for k, v in base.CHOICES.items() if k not in _COVID_LISTS},
    "ai_use": [
        ("none", 1, "Nee, en ook geen plannen", "No, and no plans"),
        ("exploring", 2, "Nog niet, wel verkennend", "Not yet, but exploring"),
        ("pilot", 3, "Ja, in pilots of experimenten", "Yes, in pilots or experiments"),
        ("in_use", 4, "Ja, in het reguliere werk", "Yes, in regular work"),
        ("dont_know", -8, "Weet niet", "Don't know"),
    ],
}

# (name, type, nl, en, tag)
NEW_ITEMS = [
    ("g1_leaders_vision", "select_one agree",
     "Leidinggevenden in onze organisatie hebben een duidelijke visie op innovatie.",
     "Leaders in our organisation have a clear vision on innovation.", "ibo leadership"),
    ("g2_innovation_management", "select_one agree",
     "Innovatie wordt in onze organisatie actief gestuurd: met doelen, een portfolio en voortgangsbewaking.",
     "Innovation is actively managed in our organisation: with goals, a portfolio and progress monitoring.",
     "ibo leadership"),
    ("g3_innovation_roles", "select_one yesnodk",
     "Zijn er in uw organisatie medewerkers die (een deel van) hun tijd specifiek aan innovatie besteden?",
     "Are there staff in your organisation who spend (part of) their time specifically on innovation?",
     "ibo dedicated"),
    ("g4_innovation_unit", "select_one yesnodk",
     "Heeft uw organisatie een team of eenheid die innovatie aanjaagt (bijvoorbeeld een aanjaagunit of innovatielab)?",
     "Does your organisation have a team or unit that drives innovation (for example an innovation unit or lab)?",
     "ibo dedicated"),
    ("g5_diverse_teams", "select_one agree",
     "Aan innovaties werken teams met mensen van verschillende achtergronden en disciplines.",
     "Innovations are worked on by teams of people with different backgrounds and disciplines.",
     "ibo teams"),
    ("g6_cross_org_teams", "select_one agree",
     "Wij werken aan innovaties in teams samen met mensen van andere organisaties.",
     "We work on innovations in teams together with people from other organisations.",
     "ibo teams"),
    ("g7_ai_use", "select_one ai_use",
     "Gebruikt uw organisatie kunstmatige intelligentie (AI) in haar werk?",
     "Does your organisation use artificial intelligence (AI) in its work?", "ibo ai_data"),
    ("g8_data_driven", "select_one agree",
     "Onze organisatie gebruikt data systematisch om innovaties te sturen en te evalueren.",
     "Our organisation uses data systematically to steer and evaluate innovations.", "ibo ai_data"),
]  # fmt: skip


def rows_2025() -> list[dict[str, str]]:
    """The 2021.2.0 rows without the COVID items (and their empty section), plus section g."""
    rows: list[dict[str, str]] = []
    skip_group = False
    for row in base.ROWS:
        if row["type"] == "begin_group" and row["name"] == "covid":
            skip_group = True
            continue
        if skip_group:
            if row["type"] == "end_group":
                skip_group = False
            continue
        if "covid" in row.get("tag", "").split():
            continue
        if row["type"] == "begin_group" and row["name"] == "closing":
            rows.extend(_capacity_section())
        rows.append(dict(row))
    return rows


def _capacity_section() -> list[dict[str, str]]:
    out: list[dict[str, str]] = [
        {"type": "begin_group", "name": "capacity", "nl": "Innovatievermogen",
         "en": "Innovation capacity", "appearance": "field-list"},
        {"type": "note", "name": "g_intro",
         "nl": "De volgende vragen gaan over hoe uw organisatie innovatie organiseert.",
         "en": "The following questions are about how your organisation organises innovation."},
    ]  # fmt: skip
    for name, type_, nl, en, tag in NEW_ITEMS:
        row = {"type": type_, "name": name, "nl": nl, "en": en, "tag": tag, "required": "yes"}
        if type_ == "select_one agree":
            row["appearance"] = "likert"
        out.append(row)
    out.append({"type": "end_group"})
    return out


def build(path: Path) -> None:
    base.build(
        path,
        rows=rows_2025(),
        choices=CHOICES,
        version=VERSION,
        parameters=PARAMETERS,
        versions=VERSIONS,
    )


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else _HERE.parent / "src" / "barometer" / "data" / "questionnaire-2025.xlsx"
    )
    build(target)
    print(f"wrote {target}")
