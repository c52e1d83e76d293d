"""Wave parameters in labels, tagged items left out, and the form's version history."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometer.errors import ErrorCode, QuestionnaireError
from barometer.questionnaire import default, default_path, load
from barometer.questionnaire.parameters import ParameterError, parse_assignments, resolve
from barometer.questionnaire.xlsform import for_wave
from helpers import EN, NL, write_xlsform

SETTINGS = f"""
| form_title | form_id | version | default_language |
| Test       | test    | 3       | {NL}             |
"""


def test_the_shipped_form_keeps_its_2021_wording() -> None:
    q = default()
    assert q.item("c1_innovated").label("nl") == (
        "Heeft uw organisatie in 2019 of 2020 ten minste één innovatie geïmplementeerd?"
    )
    assert q.item("c2_count").label("en") == (
        "How many innovations did your organisation implement in 2019 and 2020?"
    )
    assert q.group("innovation").label("nl") == "Innovatie in 2019 en 2020"
    assert dict(q.values) == {"first_year": "2019", "last_year": "2020"}


def test_a_wave_gets_its_own_period_and_can_leave_covid_out() -> None:
    q = for_wave((("first_year", "2023"), ("last_year", "2024")), ("covid",))
    texts = [t for item in q.items() for t in (*item.labels.values(), *item.hints.values())] + [
        t for g in q.groups for t in g.labels.values()
    ]
    assert not any("{" in t or "2019" in t or "2020" in t for t in texts)
    assert "Innovatie in 2023 en 2024" in texts
    assert "covid" not in [g.name for g in q.groups]
    assert not any("pandemi" in t.lower() for t in texts)
    assert {i.name for i in default().tagged("covid")} == {
        "b1_production",
        "b2_homework_share",
        "b3_homework_facilities",
    }


def test_resolve_refuses_unknown_and_missing_parameters() -> None:
    declared = default().parameters
    assert resolve(declared, {}, 2025) == {"first_year": "2023", "last_year": "2024"}
    assert resolve(declared, {"first_year": "2022"}, 2025)["first_year"] == "2022"
    with pytest.raises(ParameterError, match="unknown parameter 'reference_year'"):
        resolve(declared, {"reference_year": "2024"}, 2025)
    with pytest.raises(ParameterError, match="parameter 'first_year' is missing"):
        resolve(declared, {"last_year": "2024"}, None)
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        parse_assignments(["first_year"])


def test_an_undeclared_placeholder_is_a_form_error(tmp_path: Path) -> None:
    survey = f"""
| type | name | label::{NL}             | label::{EN}        |
| note | n1   | In {{reference_period}} | In {{period}}      |
"""
    path = write_xlsform(tmp_path / "form.xlsx", survey=survey, settings=SETTINGS)
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    problems = [p for p in caught.value.problems if p.code is ErrorCode.XLSFORM_UNKNOWN_PARAMETER]
    assert {(p.row, p.column, p.value) for p in problems} == {
        (2, f"label::{NL}", "reference_period"),
        (2, f"label::{EN}", "period"),
    }


def test_wording_changes_are_in_the_version_history() -> None:
    q = default()
    assert q.version == "2021.2.0"
    finance = q.item("d13_factor_finance")
    assert finance.label("nl") == "Financiële middelen"
    assert finance.label("en") == "Financial resources"
    assert q.item("d13_factor_continuity").label("nl").startswith("Focus op")
    wb = load_workbook(default_path(), read_only=True)
    rows = list(wb["versions"].iter_rows(values_only=True))[1:]
    wb.close()
    versions = {r[0] for r in rows}
    assert {"2021.1.0", "2021.2.0"} <= versions
    changed = {r[2] for r in rows if r[2]}
    assert {"d13_factor_finance", "d13_factor_continuity"} <= changed
    for row in rows:
        if row[2]:
            q.item(row[2])  # names an item that exists (codes unchanged)
