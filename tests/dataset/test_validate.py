"""Validation of a responses table: one test per problem type, all problems at once, and the
same item rules as the web survey."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.dataset.io import read_dataset, write_dataset
from barometer.dataset.validate import FIRST_ROW, dataset_from_frame, validate_frame
from barometer.errors import DataError, ErrorCode, Problem
from barometer.questionnaire import Questionnaire, default
from barometer.textrule import clean
from helpers import small_dataset, valid_answers

E = ErrorCode


def frame_of(q: Questionnaire, *answers: dict[str, Any]) -> pd.DataFrame:
    """A valid table with one row per answer set (org ids 1, 2, ...)."""
    return records_to_frame(q, [Record(str(n), a) for n, a in enumerate(answers, start=1)])


def check(q: Questionnaire, frame: pd.DataFrame, **kw: Any) -> list[Problem]:
    return validate_frame(q, frame, file="data.csv", **kw)


def found(problems: list[Problem]) -> list[tuple[ErrorCode, int | None, str | None, Any]]:
    return [(p.code, p.row, p.column, p.value) for p in problems]


def one(q: Questionnaire, frame: pd.DataFrame) -> Problem:
    problems = check(q, frame)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


@pytest.fixture
def frame(small_q: Questionnaire) -> pd.DataFrame:
    """Two valid rows: an innovator and a non-innovator (whose innovation items are -1).

    The columns hold Python objects, so that a test can put any value in any cell."""
    return frame_of(small_q, valid_answers(), valid_answers(innovated="no")).astype(object)


def test_valid_data_has_no_problems(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    assert check(small_q, frame) == []
    assert check(small_q, small_dataset(small_q).data) == []


def test_valid_text_table_has_no_problems(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    text = frame.astype(str)  # as a CSV reader gives it
    text.loc[0, "budget"] = " 2.50 "
    assert check(small_q, text) == []


def test_shipped_questionnaire(frame: pd.DataFrame) -> None:
    q = default()
    answers = {item.name: item.choice_list.choices[0].name for item in q.answerable()
               if item.choice_list and item.type == "select_one" and not item.conditions}  # fmt: skip
    answers["c1_innovated"] = "no"
    assert check(q, frame_of(q, answers)) == []
    answers["c1_innovated"] = "yes"
    problems = check(q, frame_of(q, answers))
    assert problems and {p.code for p in problems} == {E.DATA_REQUIRED}


# --------------------------------------------------------------------------- columns
def test_missing_columns(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    bad = frame.drop(columns=["org_id", "safe", "initiative__other"])
    bad.loc[1, "staff"] = "many"
    assert found(check(small_q, bad)) == [
        (E.DATA_MISSING_COLUMN, None, "org_id", None),
        (E.DATA_MISSING_COLUMN, None, "initiative__other", None),
        (E.DATA_MISSING_COLUMN, None, "safe", None),
        (E.DATA_WRONG_TYPE, 3, "staff", "many"),  # the other columns are still checked
    ]
    assert (
        str(check(small_q, bad)[0])
        == "data.csv, column org_id: required column 'org_id' is missing"
    )


def test_unknown_column(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame["extra"] = 1
    assert found(check(small_q, frame)) == [(E.DATA_UNKNOWN_COLUMN, None, "extra", None)]


def test_duplicate_column(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    dup = pd.concat([frame, frame[["staff"]]], axis=1)
    assert found(check(small_q, dup)) == [(E.DATA_DUPLICATE_COLUMN, None, "staff", None)]


# --------------------------------------------------------------------------- cells
@pytest.mark.parametrize(
    ("column", "value", "code", "shown"),
    [
        ("size", "abc", E.DATA_WRONG_TYPE, "abc"),
        ("size", "1.5", E.DATA_WRONG_TYPE, "1.5"),
        ("size", 1.5, E.DATA_WRONG_TYPE, 1.5),
        ("staff", "2.5", E.DATA_WRONG_TYPE, "2.5"),
        ("staff", "1_000", E.DATA_WRONG_TYPE, "1_000"),
        ("staff", True, E.DATA_WRONG_TYPE, True),
        ("budget", "2,5", E.DATA_WRONG_TYPE, "2,5"),
        ("budget", "inf", E.DATA_WRONG_TYPE, "inf"),
        ("budget", "nan", E.DATA_WRONG_TYPE, "nan"),
        ("staff", "", E.DATA_EMPTY, ""),
        ("staff", None, E.DATA_EMPTY, ""),
        ("initiative__staff", float("nan"), E.DATA_EMPTY, ""),
        ("size", 7, E.DATA_UNKNOWN_CODE, 7),
        ("size", "-8", E.DATA_UNKNOWN_CODE, "-8"),  # size offers no "don't know"
        ("initiative__staff", 2, E.DATA_UNKNOWN_CODE, 2),
        ("initiative__staff", -8, E.DATA_UNKNOWN_CODE, -8),
    ],
)
def test_bad_cells(
    small_q: Questionnaire,
    frame: pd.DataFrame,
    column: str,
    value: Any,
    code: ErrorCode,
    shown: Any,
) -> None:
    frame.loc[0, column] = value
    problem = one(small_q, frame)
    assert (problem.code, problem.row, problem.column, problem.value) == (code, 2, column, shown)


def test_cell_messages(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "size"] = 7
    assert one(small_q, frame).message == "value '7' is not an allowed code (allowed: 1, 2, -1, -9)"
    frame.loc[0, "size"] = "x"
    assert one(small_q, frame).message == "value 'x' is not a whole number"


def test_numbers_written_as_decimals_are_accepted(
    small_q: Questionnaire, frame: pd.DataFrame
) -> None:
    frame.loc[0, ["size", "staff", "initiative__staff"]] = ["2.0", 121.0, "1e0"]
    frame.loc[0, "budget"] = "-9"
    assert check(small_q, frame) == []


def test_dont_know_where_offered(small_q: Questionnaire) -> None:
    frame = frame_of(small_q, valid_answers(innovated="dont_know", safe="dont_know"))
    assert frame.loc[0, "innovated"] == -8 and frame.loc[0, "safe"] == -8
    assert check(small_q, frame) == []


# --------------------------------------------------------------------------- ids
def test_empty_org_id(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "org_id"] = ""
    frame.loc[1, "org_id"] = "  "
    assert found(check(small_q, frame)) == [
        (E.DATA_EMPTY_ID, 2, "org_id", ""),
        (E.DATA_EMPTY_ID, 3, "org_id", "  "),
    ]


def test_duplicate_org_id_names_the_other_row(small_q: Questionnaire) -> None:
    frame = frame_of(small_q, *[valid_answers()] * 4)
    frame["org_id"] = ["007", "008", "007", "007"]
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_DUPLICATE_ID, 4, "org_id", "007"),
        (E.DATA_DUPLICATE_ID, 5, "org_id", "007"),
    ]
    assert problems[0].message == "organisation id '007' occurs more than once (also row 2)"
    assert "also row 2" in problems[1].message


def test_org_id_is_text(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame["org_id"] = ["007", "7"]  # different ids, though equal as numbers
    assert check(small_q, frame) == []


# --------------------------------------------------------------------------- item rules
def test_required_answer_missing(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "staff"] = -9
    frame.loc[1, "safe"] = -9
    assert found(check(small_q, frame)) == [
        (E.DATA_REQUIRED, 2, "staff", -9),
        (E.DATA_REQUIRED, 3, "safe", -9),
    ]


def test_required_text_and_multi(small_q: Questionnaire) -> None:
    frame = frame_of(small_q, valid_answers(description=None, initiative=[]))
    assert found(check(small_q, frame)) == [
        (E.DATA_REQUIRED, 2, "description", ""),
        (E.DATA_REQUIRED, 2, "initiative", -9),
    ]


def test_optional_items_may_be_unanswered(small_q: Questionnaire) -> None:
    frame = frame_of(small_q, valid_answers(budget=None, channels=[], remarks=None))
    assert frame.loc[0, "budget"] == -9 and frame.loc[0, "channels__web"] == -9
    assert check(small_q, frame) == []


def test_hidden_question_with_an_answer(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[1, "description"] = "iets"
    problem = one(small_q, frame)
    assert (problem.code, problem.row, problem.column, problem.value) == (
        E.DATA_NOT_APPLICABLE,
        3,
        "description",
        "iets",
    )
    assert problem.message == (
        "value 'iets' is given although skip logic hides this question "
        "(shown only if ${innovated} = 'yes')"
    )


def test_hidden_multi_with_an_answer(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[1, ["initiative", "initiative__staff", "initiative__managers"]] = ["staff", 1, 0]
    frame.loc[1, ["initiative__citizens", "initiative__other"]] = [0, 0]
    assert found(check(small_q, frame)) == [(E.DATA_NOT_APPLICABLE, 3, "initiative", "staff")]


def test_hidden_question_coded_no_answer(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[1, [c for c in frame.columns if c.startswith("initiative__")]] = -9
    problem = one(small_q, frame)
    assert (problem.code, problem.column, problem.value) == (E.DATA_SHOULD_BE_NA, "initiative", -9)
    assert "${innovated} = 'yes'" in problem.message


def test_shown_question_coded_not_applicable(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "staff"] = -1
    frame.loc[0, [c for c in frame.columns if c.startswith("initiative__")]] = -1
    frame.loc[0, "initiative"] = ""
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_MISSING_NA, 2, "staff", -1),
        (E.DATA_MISSING_NA, 2, "initiative", -1),
    ]
    assert problems[0].message.endswith("(it is always asked)")
    assert problems[1].message.endswith("(shown because ${innovated} = 'yes')")


def test_skip_logic_follows_cleared_answers(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    # initiative_other depends on initiative, which is hidden for row 3: its answer counts as
    # cleared (as the web survey clears it), so only initiative itself is reported
    cols = ["initiative", "initiative__staff", "initiative__managers", "initiative__citizens"]
    frame.loc[1, [*cols, "initiative__other"]] = ["other", 0, 0, 0, 1]
    frame.loc[1, "initiative_other"] = "x"
    assert found(check(small_q, frame)) == [
        (E.DATA_NOT_APPLICABLE, 3, "initiative", "other"),
        (E.DATA_NOT_APPLICABLE, 3, "initiative_other", "x"),
    ]


def test_bad_cell_is_not_reported_twice(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[1, "innovated"] = "nee"  # the items that depend on it are not judged
    assert found(check(small_q, frame)) == [(E.DATA_WRONG_TYPE, 3, "innovated", "nee")]


def test_constraints(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "staff"] = -5
    frame.loc[0, "description"] = "x" * 201
    frame.loc[0, ["initiative", "initiative__managers"]] = ["staff managers other", 1]
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_CONSTRAINT, 2, "staff", -5),
        (E.DATA_CONSTRAINT, 2, "description", "x" * 201),
        (E.DATA_CONSTRAINT, 2, "initiative", "staff managers other"),
    ]
    assert problems[2].message == (
        "value 'staff managers other' breaks the constraint: "
        "count-selected(.) <= 2: This answer is not allowed."
    )


# --------------------------------------------------------------------------- multi-select
def test_mixed_dummies(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "initiative__managers"] = -9
    problem = one(small_q, frame)
    assert (problem.code, problem.row, problem.column) == (E.DATA_MIXED_DUMMIES, 2, "initiative")
    assert problem.message == (
        "the 0/1 columns of 'initiative' mix codes (1 for staff, other; -9 for managers; "
        "0 for citizens); they must be all -1, all -9 or all 0/1"
    )


def test_summary_disagrees_with_dummies(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "initiative"] = "staff"
    frame.loc[1, "initiative"] = "staff"  # dummies all -1
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_INCONSISTENT, 2, "initiative", "staff"),
        (E.DATA_INCONSISTENT, 3, "initiative", "staff"),
    ]
    assert problems[0].message == (
        "value 'staff' does not agree with the 0/1 columns (initiative__staff, initiative__other)"
    )
    assert problems[1].message.endswith("(all -1)")


def test_summary_order_does_not_matter(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "initiative"] = "other  staff"
    assert check(small_q, frame) == []


def test_summary_with_unknown_choice(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[0, "initiative"] = "staff other bogus"
    assert found(check(small_q, frame)) == [
        (E.DATA_INCONSISTENT, 2, "initiative", "staff other bogus")
    ]


# --------------------------------------------------------------------------- together
def test_all_problems_reported_together(small_q: Questionnaire) -> None:
    frame = frame_of(small_q, *[valid_answers()] * 3, valid_answers(innovated="no")).astype(object)
    frame["surplus"] = ""
    frame.loc[0, "size"] = 9
    frame.loc[0, "staff"] = "veel"
    frame.loc[1, "org_id"] = "1"
    frame.loc[1, "safe"] = -9
    frame.loc[2, "initiative__citizens"] = -1
    frame.loc[2, "description"] = ""
    frame.loc[3, "description"] = "<b>verborgen</b>"
    frame = frame.drop(columns=["remarks"])
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_MISSING_COLUMN, None, "remarks", None),
        (E.DATA_UNKNOWN_COLUMN, None, "surplus", None),
        (E.DATA_UNKNOWN_CODE, 2, "size", 9),
        (E.DATA_WRONG_TYPE, 2, "staff", "veel"),
        (E.DATA_DUPLICATE_ID, 3, "org_id", "1"),
        (E.DATA_REQUIRED, 3, "safe", -9),
        (E.DATA_REQUIRED, 4, "description", ""),
        (E.DATA_MIXED_DUMMIES, 4, "initiative", "initiative"),
        (E.DATA_NOT_APPLICABLE, 5, "description", "<b>verborgen</b>"),
    ]
    with pytest.raises(DataError) as info:
        dataset_from_frame(small_q, frame, file="data.csv")
    assert info.value.problems == problems
    assert str(info.value).startswith("data.csv: 9 problems found")


def test_row_numbers(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    frame.loc[1, "staff"] = -9
    assert check(small_q, frame)[0].row == 3
    assert check(small_q, frame, first_row=1)[0].row == 2
    assert check(small_q, frame, rows=[10, 17])[0].row == 17
    with pytest.raises(ValueError):
        check(small_q, frame, rows=[1])


def test_dataset_from_text_frame(small_q: Questionnaire) -> None:
    expected = small_dataset(small_q)
    text = expected.data.astype(str)
    ds = dataset_from_frame(small_q, text, file="data.csv")
    assert isinstance(ds, Dataset)
    assert ds.equals(expected)
    assert ds.data.loc[0, "org_id"] == "007"


def test_decimal_column_dtype(small_q: Questionnaire, frame: pd.DataFrame) -> None:
    text = frame.astype(str)
    text["budget"] = ["3", "-9"]
    assert dataset_from_frame(small_q, text, file="x").data["budget"].dtype == "int64"
    text["budget"] = ["3.0", "-9"]
    assert dataset_from_frame(small_q, text, file="x").data["budget"].dtype == "float64"
    assert dataset_from_frame(small_q, text, file="x").data["staff"].dtype == "int64"


@pytest.mark.parametrize("fmt", sorted(FIRST_ROW))
def test_a_file_that_fails_is_not_imported(
    small_q: Questionnaire, tmp_path: Path, fmt: str
) -> None:
    data = small_dataset(small_q).data.copy()
    data.loc[1, "safe"] = -1  # shown but coded not applicable
    data.loc[2, "org_id"] = "007"
    path = write_dataset(Dataset.from_frame(data, small_q), tmp_path / f"bad.{fmt}")
    with pytest.raises(DataError) as info:
        read_dataset(path, small_q)
    first = FIRST_ROW[fmt]
    assert found(info.value.problems) == [
        (E.DATA_MISSING_NA, first + 1, "safe", -1),
        (E.DATA_DUPLICATE_ID, first + 2, "org_id", "007"),
    ]
    assert info.value.problems[1].message.endswith(f"(also row {first})")
    assert all(p.file == f"bad.{fmt}" for p in info.value.problems)
    assert info.value.what == str(path)


# --------------------------------------------------------------------------- web == import
def _answers() -> st.SearchStrategy[dict[str, Any]]:
    def multi(names: list[str]) -> st.SearchStrategy[Any]:
        return st.one_of(st.none(), st.lists(st.sampled_from(names), unique=True))

    fields = {
        "size": st.sampled_from([None, "small", "large"]),
        # numbers avoid -1 and -9: as answers they could not be told from the missing codes
        "staff": st.one_of(st.none(), st.integers(-3, 500).filter(lambda n: n not in (-1, -9))),
        "budget": st.one_of(
            st.none(), st.integers(-2, 50), st.floats(-2, 50, allow_nan=False)
        ).filter(lambda n: n not in (-1, -9)),
        "innovated": st.sampled_from([None, "yes", "no", "dont_know"]),
        # as the web stores text: by barometer.textrule (no control characters, NFC)
        "description": st.one_of(
            st.none(), st.text(max_size=3).map(lambda t: clean(t).text), st.just("é" * 201)
        ),
        "initiative": multi(["staff", "managers", "citizens", "other"]),
        "initiative_other": st.sampled_from([None, "", "anders"]),
        "safe": st.sampled_from([None, "disagree", "neutral", "agree", "dont_know"]),
        "channels": multi(["web", "mail"]),
        "remarks": st.sampled_from([None, "", "<p>goed</p>"]),
    }
    return st.fixed_dictionaries(fields)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=_answers())
def test_import_and_web_survey_agree(small_q: Questionnaire, answers: dict[str, Any]) -> None:
    q = small_q
    answers = {k: v for k, v in answers.items() if v is not None}
    cleared = q.clear_hidden(answers)
    web = {item.name for item in q.answerable() if q.check_answer(item, cleared, "en")}
    problems = check(q, frame_of(q, answers))
    assert {p.code for p in problems} <= {E.DATA_REQUIRED, E.DATA_CONSTRAINT}
    assert {p.column for p in problems} == web


# --------------------------------------------------------------------------- text rule
def test_control_characters_and_overlong_text_are_refused_on_import(
    small_q: Questionnaire, frame: pd.DataFrame
) -> None:
    frame.loc[0, "org_id"] = "G1\x00"
    frame.loc[0, "description"] = "line\x0bbreak"
    frame.loc[1, "remarks"] = "x" * 10_001
    problems = check(small_q, frame)
    assert found(problems) == [
        (E.DATA_BAD_TEXT, 2, "org_id", "G1\\x00"),
        (E.DATA_BAD_TEXT, 2, "description", "line\\x0bbreak"),
        (E.DATA_BAD_TEXT, 3, "remarks", "x" * 60 + "..."),
    ]
    assert "U+0000" in problems[0].message and "U+000B" in problems[1].message
    assert "10,001 characters" in problems[2].message


def test_line_breaks_and_nfc_are_normalised_on_import(
    small_q: Questionnaire, frame: pd.DataFrame
) -> None:
    frame.loc[0, "description"] = "cafe\u0301\r\nbar\tbaz"
    ds = dataset_from_frame(small_q, frame, file="x")
    assert ds.data.loc[0, "description"] == "caf\u00e9\nbar\tbaz"
