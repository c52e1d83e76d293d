"""Shared test helpers: XLSForms written inline as markdown tables (as pyxform's tests do),
and a small questionnaire with every kind of variable, plus valid answers for it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.questionnaire import Questionnaire, load

NL = "Nederlands (nl)"
EN = "English (en)"
_INT = re.compile(r"^-?\d+$")


def md_table(text: str) -> list[list[Any]]:
    """Rows of a markdown table (header first); empty cells are None, separator rows skipped.

    Cells of a column named ``code`` that hold a whole number become ``int``.
    """
    rows: list[list[Any]] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if not (line.startswith("|") and line.endswith("|")):
            raise ValueError(f"not a table row: {line!r}")
        cells = [c.strip() for c in line[1:-1].split("|")]
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        rows.append([c if c != "" else None for c in cells])
    header = rows[0]
    for row in rows[1:]:
        if len(row) != len(header):
            raise ValueError(f"row {row} has {len(row)} cells; the header has {len(header)}")
        for i, name in enumerate(header):
            if name == "code" and isinstance(row[i], str) and _INT.match(row[i]):
                row[i] = int(row[i])
    return rows


def write_xlsform(
    path: Path, *, survey: str, choices: str | None = None, settings: str | None = None
) -> Path:
    """Write an XLSForm whose sheets are given as markdown tables; return ``path``."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    for row in md_table(survey):
        ws.append(row)
    for name, text in (("choices", choices), ("settings", settings)):
        if text is not None:
            sheet = wb.create_sheet(name)
            for row in md_table(text):
                sheet.append(row)
    wb.save(path)
    return path


# --------------------------------------------------------------------------- small form
# Every kind of variable: select_one (with a don't-know choice coded -8), select_multiple
# (required with a constraint; optional), integer, decimal, text; page and item conditions.
SMALL_SURVEY = f"""
| type                       | name             | label::{NL}            | label::{EN}         | required | relevant                          | constraint                 | item_tag |
| -------------------------- | ---------------- | ---------------------- | ------------------- | -------- | --------------------------------- | -------------------------- | -------- |
| begin_group                | org              | Organisatie            | Organisation        |          |                                   |                            |          |
| select_one size            | size             | Grootte                | Size                | yes      |                                   |                            | coi      |
| integer                    | staff            | Aantal medewerkers     | Number of staff     | yes      |                                   | . >= 0                     |          |
| decimal                    | budget           | Budget (mln euro)      | Budget (mln euro)   |          |                                   | . >= 0                     |          |
| end_group                  |                  |                        |                     |          |                                   |                            |          |
| begin_group                | inno             | Innovatie              | Innovation          |          |                                   |                            |          |
| select_one yesnodk         | innovated        | Geïnnoveerd?           | Innovated?          | yes      |                                   |                            | coi      |
| text                       | description      | Beschrijving           | Description         | yes      | ${{innovated}} = 'yes'            | string-length(.) <= 200    | coi      |
| select_multiple initiative | initiative       | Initiatief             | Initiative          | yes      | ${{innovated}} = 'yes'            | count-selected(.) <= 2     | coi      |
| text                       | initiative_other | Ander initiatief       | Other initiative    |          | selected(${{initiative}}, 'other') |                           |          |
| end_group                  |                  |                        |                     |          |                                   |                            |          |
| begin_group                | climate          | Klimaat                | Climate             |          |                                   |                            |          |
| select_one agree           | safe             | Fouten zijn veilig     | Mistakes are safe   | yes      |                                   |                            | werk     |
| select_multiple channels   | channels         | Kanalen                | Channels            |          |                                   |                            |          |
| text                       | remarks          | Opmerkingen            | Remarks             |          |                                   |                            |          |
| end_group                  |                  |                        |                     |          |                                   |                            |          |
"""
SMALL_CHOICES = f"""
| list_name  | name      | code | label::{NL}    | label::{EN}  |
| ---------- | --------- | ---- | -------------- | ------------ |
| size       | small     | 1    | Klein          | Small        |
| size       | large     | 2    | Groot          | Large        |
| yesnodk    | yes       | 1    | Ja             | Yes          |
| yesnodk    | no        | 2    | Nee            | No           |
| yesnodk    | dont_know | -8   | Weet niet      | Don't know   |
| initiative | staff     | 1    | Medewerkers    | Staff        |
| initiative | managers  | 2    | Leidinggevenden | Managers    |
| initiative | citizens  | 3    | Burgers        | Citizens     |
| initiative | other     | 4    | Anders         | Other        |
| agree      | disagree  | 1    | Oneens         | Disagree     |
| agree      | neutral   | 2    | Neutraal       | Neutral      |
| agree      | agree     | 3    | Eens           | Agree        |
| agree      | dont_know | -8   | Weet niet      | Don't know   |
| channels   | web       | 1    | Website        | Website      |
| channels   | mail      | 2    | E-mail         | E-mail       |
"""
SMALL_SETTINGS = f"""
| form_title | form_id | version | default_language |
| Klein      | small   | 1.0     | {NL}             |
"""


def small_questionnaire(folder: Path) -> Questionnaire:
    path = write_xlsform(
        folder / "small.xlsx", survey=SMALL_SURVEY, choices=SMALL_CHOICES, settings=SMALL_SETTINGS
    )
    return load(path)


def valid_answers(**changes: Any) -> dict[str, Any]:
    """Answers of an innovating organisation that pass every check; ``changes`` override."""
    answers: dict[str, Any] = {
        "size": "small",
        "staff": 120,
        "budget": 2.5,
        "innovated": "yes",
        "description": "Een nieuw loket",
        "initiative": ["staff", "other"],
        "initiative_other": "Raad",
        "safe": "agree",
        "channels": ["web"],
        "remarks": "",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def small_records() -> list[Record]:
    """Records with every role, HTML/script text, Dutch letters, empty strings, -1/-8/-9."""
    return [
        Record(
            "007",
            valid_answers(
                description="<script>alert('x')</script> & <b>vet</b> \"quoted\"",
                initiative_other="Coöperatie met ïdee, naïef café",
                remarks="=SUM(A1) regel 1\nregel 2",
            ),
            sector="Gemeenten",
            cluster="Zuid-Holland é",
            wave="2021",
        ),
        Record(
            "010",
            valid_answers(innovated="no", staff=0, budget=None, safe="dont_know", channels=[]),
            sector="Rijk",
            cluster="",
            wave="2021",
        ),
        Record(
            "ë-3",
            valid_answers(innovated="dont_know", size="large", budget=1000.25, remarks="<i>ok</i>"),
            sector="Provincies",
            wave="2021",
        ),
        Record(
            "4",
            valid_answers(initiative=["citizens"], initiative_other=None, channels=["web", "mail"]),
            sector="",
            wave="2021",
        ),
    ]


def small_dataset(q: Questionnaire) -> Dataset:
    return Dataset.from_frame(records_to_frame(q, small_records()), q)


class HtmlTables(HTMLParser):
    """Collect every ``<table id=...>`` as a list of rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._id: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._id = dict(attrs).get("id") or ""
            self.tables[self._id] = []
        elif tag == "tr" and self._id is not None:
            self.tables[self._id].append([])
        elif tag in ("td", "th") and self._id is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._id is not None:
            self.tables[self._id][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._id = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """Every table of ``html`` with an id, as rows of cell texts."""
    parser = HtmlTables()
    parser.feed(html)
    return parser.tables
