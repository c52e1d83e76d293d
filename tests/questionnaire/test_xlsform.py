"""The XLSForm loader, with small questionnaires written inline as markdown tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from barometer.errors import ErrorCode, Problem, QuestionnaireError
from barometer.questionnaire import Questionnaire, default, default_path, load, read
from helpers import EN, NL, SMALL_CHOICES, SMALL_SETTINGS, SMALL_SURVEY, md_table, write_xlsform

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = f"""
| form_title | form_id | version | default_language |
| Test       | test    | 3       | {NL}             |
"""
YESNO = f"""
| list_name | name | code | label::{NL} | label::{EN} |
| yesno     | yes  | 1    | Ja          | Yes         |
| yesno     | no   | 2    | Nee         | No          |
"""


def _load(tmp_path: Path, survey: str, choices: str = YESNO, settings: str = SETTINGS) -> Any:
    path = write_xlsform(tmp_path / "form.xlsx", survey=survey, choices=choices, settings=settings)
    return read(path)


def test_md_table() -> None:
    rows = md_table(
        """
        | type | name | code |
        | ---- | ---- | ---- |
        | text | q1   | -8   |
        | text |      | x    |
        """
    )
    assert rows == [["type", "name", "code"], ["text", "q1", -8], ["text", None, "x"]]


# --------------------------------------------------------------------------- the model
def test_small_form(small_q: Questionnaire) -> None:
    q = small_q
    assert (q.form_id, q.title, q.version) == ("small", "Klein", "1.0")
    assert q.languages == ("nl", "en")
    assert q.default_language == "nl"
    assert [g.name for g in q.groups] == ["org", "inno", "climate"]
    assert [i.name for i in q.group("inno").items] == [
        "innovated",
        "description",
        "initiative",
        "initiative_other",
    ]
    assert q.group("org").label("en") == "Organisation"
    size = q.item("size")
    assert size.type == "select_one" and size.required and size.group == "org"
    assert size.choice_list is not None and size.choice_list.names() == ["small", "large"]
    assert [c.code for c in q.choice_lists["yesnodk"].choices] == [1, 2, -8]
    assert q.item("staff").type == "integer" and q.item("budget").type == "decimal"
    assert q.item("initiative").constraint == "count-selected(.) <= 2"
    assert [i.name for i in q.answerable()][:3] == ["size", "staff", "budget"]


def test_groups_pages_and_conditions(tmp_path: Path) -> None:
    survey = f"""
    | type               | name  | label::{NL} | label::{EN} | relevant          | appearance |
    | text               | loose | Los         | Loose       |                   |            |
    | begin_group        | p1    | Pagina 1    | Page 1      |                   | field-list |
    | select_one yesno   | a     | A           | A           |                   |            |
    | begin_group        | inner | Binnen      | Inner       | ${{a}} = 'yes'    |            |
    | text               | b     | B           | B           | string-length(${{loose}}) > 0 |  |
    | end_group          |       |             |             |                   |            |
    | text               | c     | C           | C           |                   |            |
    | end_group          |       |             |             |                   |            |
    | begin_group        | p2    | Pagina 2    | Page 2      | ${{a}} = 'no'     |            |
    | note               | n     | Let op      | Note        |                   |            |
    | end_group          |       |             |             |                   |            |
    """
    q = _load(tmp_path, survey).questionnaire
    assert [g.name for g in q.groups] == ["page1", "p1", "p2"]
    assert [i.name for i in q.groups[0].items] == ["loose"]
    assert [i.name for i in q.group("p1").items] == ["a", "b", "c"]  # nested group flattened
    assert q.group("p1").appearance == "field-list"
    assert q.group("p2").relevant == "${a} = 'no'"
    b = q.item("b")
    assert b.group == "p1"
    assert b.conditions == ("${a} = 'yes'", "string-length(${loose}) > 0")
    assert q.item("c").conditions == ()
    assert q.item("n").conditions == ("${a} = 'no'",)
    assert not q.item("n").answerable
    assert q.is_relevant(b, {"a": "yes", "loose": "x"})
    assert not q.is_relevant(b, {"a": "yes"})
    assert not q.is_relevant(b, {"a": "no", "loose": "x"})
    assert q.group_is_relevant(q.group("p2"), {"a": "no"})


def test_labels_hints_and_messages_per_language(tmp_path: Path) -> None:
    survey = f"""
    | type    | name | label::{NL} | label::{EN} | hint::{NL} | hint::{EN} | required | required_message::{NL} | constraint | constraint_message::{EN} |
    | integer | n    | Aantal      | Number      | Schatting  | Estimate   | yes      | Vul in                  | . > 0      | Must be positive         |
    """
    q = _load(tmp_path, survey).questionnaire
    n = q.item("n")
    assert (n.label("nl"), n.label("en")) == ("Aantal", "Number")
    assert (n.hint("nl"), n.hint("en")) == ("Schatting", "Estimate")
    assert n.label("de") == "Aantal"  # unknown language: first available
    assert n.required_message("nl") == "Vul in"
    assert n.required_message("en") == "Vul in"  # falls back to the other language
    assert n.constraint_message("en") == "Must be positive"
    assert q.check_answer(n, {}, "nl") == "Vul in"
    assert q.check_answer(n, {"n": 0}, "en") == "Must be positive"
    assert q.check_answer(n, {"n": 2}, "en") is None
    assert q.check_answer(n, {"n": "x"}, "en") == "Enter a whole number."
    yes = q.choice_lists["yesno"].by_name("yes")
    assert yes is not None and (yes.label("nl"), yes.label("en")) == ("Ja", "Yes")


def test_tags(tmp_path: Path) -> None:
    survey = f"""
    | type | name | label::{NL} | label::{EN} | item_tag  |
    | text | a    | A           | A           | coi       |
    | text | b    | B           | B           | coi, werk |
    | text | c    | C           | C           |           |
    """
    q = _load(tmp_path, survey).questionnaire
    assert q.item("a").tags == ("coi",)
    assert q.item("b").tags == ("coi", "werk")
    assert q.item("c").tags == ()
    assert [i.name for i in q.tagged("coi")] == ["a", "b"]
    assert [i.name for i in q.tagged("werk")] == ["b"]


def test_clear_hidden_cascades(tmp_path: Path) -> None:
    survey = f"""
    | type             | name | label::{NL} | label::{EN} | relevant       |
    | select_one yesno | a    | A           | A           |                |
    | select_one yesno | b    | B           | B           | ${{a}} = 'yes' |
    | text             | c    | C           | C           | ${{b}} = 'yes' |
    | text             | d    | D           | D           |                |
    """
    q = _load(tmp_path, survey).questionnaire
    answers = {"a": "yes", "b": "yes", "c": "text", "d": ""}
    assert q.clear_hidden(answers) == {"a": "yes", "b": "yes", "c": "text"}
    assert q.clear_hidden({**answers, "a": "no"}) == {"a": "no"}
    assert q.clear_hidden({"b": "yes", "c": "x", "d": "y"}) == {"d": "y"}


# --------------------------------------------------------------------------- problems
BROKEN_SURVEY = f"""
| type              | name | label::{NL} | label::{EN} | relevant          | constraint |
| begin_group       | p1   | P1          | P1          |                   |            |
| select_one yn     | q1   | Q1          | Q1          |                   |            |
| rating            | q2   | Q2          | Q2          |                   |            |
| select_one nolist | q3   | Q3          | Q3          |                   |            |
| text              | q1   | Q1 weer     | Q1 again    |                   |            |
| text              | q4   | Q4          | Q4          | ${{q1}} = = 'x'   |            |
| text              | q5   | Q5          | Q5          | ${{nope}} = 'x'   |            |
| text              | q6   | Q6          |             |                   |            |
| text              | q7   | Q7          | Q7          |                   | eval(.)    |
| text              | 1bad | Q8          | Q8          |                   |            |
| text              | q9   | Q9          | Q9          | ${{q10}} = 'x'    |            |
| text              | q10  | Q10         | Q10         |                   |            |
| end_group         |      |             |             |                   |            |
| end_group         | p1   |             |             |                   |            |
| begin_group       | p2   | P2          | P2          |                   |            |
| text              | q11  | Q11         | Q11         |                   |            |
"""
BROKEN_CHOICES = f"""
| list_name | name  | code | label::{NL} | label::{EN} |
| yn        | yes   | 1    | Ja          | Yes         |
| yn        | no    | x    | Nee         | No          |
| yn        | maybe | 1    | Misschien   | Maybe       |
| yn        | yes   | 3    | Ja weer     | Yes again   |
"""
EXPECTED = [
    # (code, sheet row, column, value)
    (ErrorCode.XLSFORM_BAD_CODE, 3, "code", "x"),
    (ErrorCode.XLSFORM_DUPLICATE_CODE, 4, "code", 1),
    (ErrorCode.XLSFORM_DUPLICATE_NAME, 5, "name", "yes"),
    (ErrorCode.XLSFORM_UNKNOWN_TYPE, 4, "type", "rating"),
    (ErrorCode.XLSFORM_UNKNOWN_LIST, 5, "type", "nolist"),
    (ErrorCode.XLSFORM_DUPLICATE_NAME, 6, "name", "q1"),
    (ErrorCode.XLSFORM_MISSING_LABEL, 9, "label", "q6"),
    (ErrorCode.XLSFORM_BAD_NAME, 11, "name", "1bad"),
    (ErrorCode.XLSFORM_UNBALANCED_GROUP, 15, "type", "p1"),
    (ErrorCode.XLSFORM_UNBALANCED_GROUP, 16, "type", "p2"),
    (ErrorCode.XLSFORM_BAD_EXPRESSION, 7, "relevant", "${q1} = = 'x'"),
    (ErrorCode.XLSFORM_UNKNOWN_REFERENCE, 8, "relevant", "nope"),
    (ErrorCode.XLSFORM_BAD_EXPRESSION, 10, "constraint", "eval(.)"),
    (ErrorCode.XLSFORM_UNKNOWN_REFERENCE, 12, "relevant", "q10"),  # refers forward
]


def _broken(tmp_path: Path, use_pyxform: bool) -> list[Problem]:
    path = write_xlsform(
        tmp_path / "broken.xlsx", survey=BROKEN_SURVEY, choices=BROKEN_CHOICES, settings=SETTINGS
    )
    with pytest.raises(QuestionnaireError) as info:
        read(path, use_pyxform=use_pyxform)
    return info.value.problems


def test_every_problem_reported_at_once_with_row_and_column(tmp_path: Path) -> None:
    problems = _broken(tmp_path, use_pyxform=False)
    found = [(p.code, p.row, p.column, p.value) for p in problems]
    assert found == EXPECTED
    assert all(p.file == "broken.xlsx" for p in problems)
    missing = next(p for p in problems if p.code is ErrorCode.XLSFORM_MISSING_LABEL)
    assert missing.message == "no en label"
    assert str(missing) == "broken.xlsx, row 9, column label: no en label"


@pytest.mark.parametrize(("code", "row", "column", "value"), EXPECTED)
def test_each_problem_type(
    tmp_path: Path, code: ErrorCode, row: int, column: str, value: Any
) -> None:
    problems = _broken(tmp_path, use_pyxform=False)
    assert any(
        p.code is code and p.row == row and p.column == column and p.value == value
        for p in problems
    )


def test_pyxform_problems_are_added_to_ours(tmp_path: Path) -> None:
    problems = _broken(tmp_path, use_pyxform=True)
    codes = [p.code for p in problems]
    assert ErrorCode.XLSFORM_PYXFORM in codes
    assert ErrorCode.XLSFORM_UNKNOWN_TYPE in codes and ErrorCode.XLSFORM_BAD_CODE in codes


def test_message_lists_all_problems(tmp_path: Path) -> None:
    path = write_xlsform(
        tmp_path / "broken.xlsx", survey=BROKEN_SURVEY, choices=BROKEN_CHOICES, settings=SETTINGS
    )
    with pytest.raises(QuestionnaireError) as info:
        read(path, use_pyxform=False)
    text = str(info.value)
    assert text.startswith(f"{path}: {len(EXPECTED)} problems found")
    assert "row 4, column type: unknown question type 'rating'" in text


def test_missing_sheet(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "form.xlsx", survey=f"| type | name | label::{NL} |")
    with pytest.raises(QuestionnaireError) as info:
        read(path)
    assert {p.code for p in info.value.problems} == {ErrorCode.XLSFORM_MISSING_SHEET}
    assert len(info.value.problems) == 2  # choices and settings


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(QuestionnaireError) as info:
        read(path)
    assert [p.code for p in info.value.problems] == [ErrorCode.XLSFORM_UNREADABLE]


def test_small_form_converts_without_warnings(tmp_path: Path) -> None:
    path = write_xlsform(
        tmp_path / "small.xlsx", survey=SMALL_SURVEY, choices=SMALL_CHOICES, settings=SMALL_SETTINGS
    )
    assert read(path).warnings == []


# --------------------------------------------------------------------------- shipped form
def test_shipped_questionnaire_converts_with_pyxform_without_warnings() -> None:
    from pyxform import xls2xform

    warnings: list[str] = []
    result = xls2xform.convert(str(default_path()), warnings=warnings)
    assert warnings == []
    assert "<h:html" in result.xform
    assert read(default_path()).warnings == []


def test_shipped_questionnaire_loads() -> None:
    q = default()
    assert q.languages == ("nl", "en")
    assert q.version
    assert len(q.answerable()) > 50
    assert q.tagged("werk")


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def test_committed_xlsx_matches_its_source(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_questionnaire", ROOT / "tools" / "build_questionnaire.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = tmp_path / "questionnaire.xlsx"
    module.build(built)
    assert _sheets(built) == _sheets(default_path()), (
        "src/barometer/data/questionnaire.xlsx is out of date: "
        "run python tools/build_questionnaire.py"
    )
    assert load(built).version == default().version
