"""The browser's skip-logic evaluator (``web/static/web/logic.js``) agrees with the server's
(:mod:`barometer.questionnaire.logic`): random expressions of the whole grammar, evaluated on
random answer sets in Chromium (Playwright's ``page.evaluate``), give the same value of the
same type as Python gives, and the same truth value.

The expressions are written as text and parsed by the server's parser; the browser gets the
parse tree (``logic.to_json``), as the survey pages send it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, sync_playwright

from barometer.questionnaire import logic

pytestmark = pytest.mark.external

LOGIC_JS = Path(__file__).parents[2] / "src" / "barometer" / "web" / "static" / "web" / "logic.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NAMES = ["a", "b", "c", "m"]
# Text as respondents and choice names give it: letters, digits, signs, spaces, accents.
ALPHABET = "abeinosy019 ._-+,éE\U0001f600"


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        pg = browser.new_page()
        pg.set_content("<!doctype html><title>logic</title>")
        pg.add_script_tag(path=str(LOGIC_JS))
        yield pg
        browser.close()


numbers = st.one_of(
    st.integers(0, 30).map(str),
    st.tuples(st.integers(0, 1000), st.integers(0, 99999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.sampled_from(["0.00001", "0.0001", "12345678901234567890", "007", "1.50"]),
)
strings = st.text(ALPHABET, max_size=8).map(lambda s: f"'{s}'")
refs = st.sampled_from([*(f"${{{n}}}" for n in NAMES), "."])
atoms = st.one_of(numbers, strings, refs)


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    comparison = st.tuples(inner, st.sampled_from(logic.COMPARISONS), inner).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    boolean = st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    calls = st.one_of(
        inner.map(lambda x: f"not({x})"),
        st.tuples(inner, inner).map(lambda t: f"selected({t[0]}, {t[1]})"),
        inner.map(lambda x: f"count-selected({x})"),
        inner.map(lambda x: f"string-length({x})"),
    )
    return st.one_of(comparison, boolean, calls)


expressions = st.recursive(atoms, _compound, max_leaves=8)
plain_text = st.text(ALPHABET, max_size=10)
answer_values = st.one_of(
    st.none(),
    plain_text,
    st.sampled_from(["yes", "no", "3", " 4 ", "2.50", "1_000", "1e3", "inf", "nan", "-0"]),
    st.integers(-1000, 10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.lists(st.sampled_from(["yes", "no", "other", "none", "3", "a b"]), max_size=3),
)
answer_sets = st.fixed_dictionaries({}, optional={n: answer_values for n in NAMES})


def typed(value: Any) -> tuple[str, Any]:
    """A value with its kind, so that the string '3' never equals the number 3."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", "nan" if math.isnan(value) else float(value))
    if isinstance(value, list):
        return ("list", [str(v) for v in value])
    return ("string", value)


@seed(20260101)
@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=expressions, answers=answer_sets, current=answer_values)
@example(text="string-length(0.00001)", answers={}, current=None)  # Python writes 1e-05
@example(text="string-length(${a})", answers={"a": 0.00012}, current=None)
@example(text="string-length(.)", answers={}, current="\U0001f600")  # one code point
@example(text="${a} = 12345678901234567890", answers={"a": "12345678901234567890"}, current=1)
@example(text="selected(${m}, 3)", answers={"m": ["3", "4"]}, current=None)
def test_browser_and_server_agree(
    page: Page, text: str, answers: dict[str, Any], current: Any
) -> None:
    tree = logic.parse(text)
    expected = logic.evaluate(tree, answers, current)
    got = page.evaluate(
        "([tree, answers, current]) => { const v = BarometerLogic.evaluate(tree, answers, current);"
        " return [Number.isNaN(v) ? 'NaN' : v, BarometerLogic.asBool(v)]; }",
        [logic.to_json(tree), answers, current],
    )
    value = float("nan") if got[0] == "NaN" else got[0]
    assert typed(value) == typed(expected), (text, answers, current)
    assert got[1] == logic.as_bool(expected)


def test_the_shipped_conditions_agree(page: Page) -> None:
    """Every condition of the shipped questionnaire, on answers that switch it both ways."""
    from barometer.questionnaire import default

    q = default()
    conditions = sorted({c for item in q.items() for c in item.conditions})
    assert len(conditions) >= 5
    answer_sets: list[dict[str, Any]] = [
        {},
        {"c1_innovated": "yes", "d4_tech_share": "none", "d8_collab": ["private"]},
        {"c1_innovated": "no", "d4_tech_share": "important", "d8_collab": ["none"]},
        {"d10_dissemination": "yes", "d14_results": ["other", "quality"]},
        {"d8_collab": [], "d14_results": []},
    ]
    seen = set()
    for condition in conditions:
        tree = logic.to_json(logic.parse(condition))
        for answers in answer_sets:
            expected = logic.check(condition, answers)
            got = page.evaluate("([t, a]) => BarometerLogic.checkAll([t], a)", [tree, answers])
            assert got == expected, (condition, answers)
            seen.add((condition, expected))
    assert {True, False} == {v for _, v in seen}
