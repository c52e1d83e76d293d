"""The survey's page flow, form parsing and validation, on the shipped questionnaire."""

from __future__ import annotations

import pytest

from barometer.fieldwork import survey
from barometer.questionnaire import Group, Item, Questionnaire, default


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return default()


def test_pages_follow_skip_logic(q: Questionnaire) -> None:
    everything = [g.name for g in q.groups]
    assert survey.page_names(q, {"c1_innovated": "yes"}) == everything
    no = survey.page_names(q, {"c1_innovated": "no"})
    assert no == [n for n in everything if n not in ("recent", "factors")]
    assert survey.next_page(q, {"c1_innovated": "no"}, "innovation") == "climate"
    assert survey.next_page(q, {"c1_innovated": "yes"}, "innovation") == "recent"
    assert survey.previous_page(q, {"c1_innovated": "no"}, "climate") == "innovation"
    assert survey.previous_page(q, {}, everything[0]) is None
    assert survey.next_page(q, {}, everything[-1]) is None


def test_required_answers_and_new_questions_on_the_same_page(q: Questionnaire) -> None:
    page = q.group("innovation")
    empty = survey.save_page(q, page, {}, {}, "en", shown={"c1_innovated"})
    assert empty.errors == {"c1_innovated": "This question is required."}
    assert empty.missing == {"c1_innovated"} and not empty.blocking_backwards
    yes = survey.save_page(q, page, {}, {"c1_innovated": ["yes"]}, "nl", shown={"c1_innovated"})
    assert yes.answers == {"c1_innovated": "yes"}
    assert yes.revealed == ("c2_count",) and yes.errors == {} and not yes.complete
    done = survey.save_page(
        q,
        page,
        yes.answers,
        {"c1_innovated": ["yes"], "c2_count": ["n2_4"]},
        "nl",
        shown={"c1_innovated", "c2_count"},
    )
    assert done.complete and done.answers == {"c1_innovated": "yes", "c2_count": "n2_4"}


def test_answers_a_change_hides_are_kept_until_submission(q: Questionnaire) -> None:
    saved = {"c1_innovated": "yes", "c2_count": "n1", "d1_description": "x", "a1_size": "lt100"}
    out = survey.save_page(q, q.group("innovation"), saved, {"c1_innovated": ["no"]}, "en")
    # the hidden answer on another page is kept (a change of mind restores it) ...
    assert out.answers["d1_description"] == "x" and out.answers["c1_innovated"] == "no"
    assert out.complete
    # ... but it is not submitted
    assert survey.final_answers(q, out.answers) == {"c1_innovated": "no", "a1_size": "lt100"}
    back = survey.save_page(q, q.group("innovation"), out.answers, {"c1_innovated": ["yes"]}, "en")
    assert survey.final_answers(q, back.answers)["d1_description"] == "x"


def test_invalid_answers_are_not_stored_but_shown_back(q: Questionnaire) -> None:
    saved = {"c1_innovated": "yes", "d6_initiative": ["employees"]}
    form = {
        "d6_initiative": ["employees", "managers", "political", "citizens"],
        "d3_origin": ["own"],
    }
    out = survey.save_page(q, q.group("recent"), saved, form, "nl")
    assert out.errors["d6_initiative"] == "Kies hooguit drie antwoorden."
    assert "d6_initiative" not in out.answers and out.answers["d3_origin"] == "own"
    assert out.raw == {"d6_initiative": "employees managers political citizens"}
    assert out.blocking_backwards
    bogus = survey.save_page(q, q.group("organisation"), {}, {"a1_size": ["<script>"]}, "en")
    assert bogus.errors == {"a1_size": "Choose one of the answers."} and bogus.answers == {}


def test_parse_form_types() -> None:
    group = Group(
        "g",
        {"en": "G"},
        None,
        None,
        (
            Item("n", "integer", "g", 2, {"en": "N"}),
            Item("d", "decimal", "g", 3, {"en": "D"}),
            Item("t", "text", "g", 4, {"en": "T"}),
            Item("note", "note", "g", 5, {"en": "note"}),
        ),
    )
    answers, raw = survey.parse_form(
        group, {"n": ["1 200"], "d": ["2,5"], "t": ["  a\r\nb  "], "note": ["x"], "other": ["y"]}
    )
    assert answers == {"n": 1200, "d": 2.5, "t": "a\nb"}
    answers, raw = survey.parse_form(group, {"n": ["twelve"], "d": [""], "t": ["x" * 20_000]})
    assert answers == {"n": "twelve", "t": "x" * survey.MAX_TEXT} and raw == {"n": "twelve"}


def test_page_view_shows_only_relevant_questions_with_accessible_ids(q: Questionnaire) -> None:
    view = survey.page_view(
        q,
        q.group("innovation"),
        {"c1_innovated": "no"},
        "en",
        errors={"c1_innovated": "Choose one of the answers."},
    )
    assert [f.name for f in view.fields if f.visible] == ["c1_innovated"]
    assert [f.name for f in view.fields if not f.visible] == ["c2_count"]  # in the page, hidden
    field = view.fields[0]
    assert field.kind == "radio" and field.required
    assert [c.checked for c in field.choices] == [False, True, False]
    assert field.describedby == "q-c1_innovated-hint q-c1_innovated-error"
    assert field.first_input_id == "q-c1_innovated-1"
    assert view.errors == [field] and view.shown == "c1_innovated"
    assert (view.number, view.total) == (3, 7)  # the place among all sections: never backwards
    recent = survey.page_view(q, q.group("recent"), {"c1_innovated": "yes"}, "en")
    kinds = {f.name: f.kind for f in recent.fields}
    visible = {f.name for f in recent.fields if f.visible}
    assert kinds["d1_description"] == "text" and kinds["d6_initiative"] == "checkbox"
    assert "d9_collab_phases" not in visible and "d5_tech_new" in visible


def test_first_problem_and_review(q: Questionnaire) -> None:
    assert survey.first_problem(q, {}, "en") == "organisation"
    answers = {"a1_size": "lt100", "c1_innovated": "no", "d6_initiative": ["employees", "abroad"]}
    assert survey.first_problem(q, answers, "en") == "covid"
    sections = survey.review(q, answers, "en", "(none)")
    assert [s.name for s in sections] == [
        "organisation",
        "covid",
        "innovation",
        "climate",
        "closing",
    ]
    assert sections[0].rows == (
        ("How many employees does your organisation have?", "Fewer than 100 employees"),
    )
    assert sections[1].rows[0][1] == "(none)"
    item = q.item("d6_initiative")
    assert (
        survey.answer_text(item, ["employees", "abroad"], "nl")
        == "Medewerkers; Innovaties in het buitenland"
    )
