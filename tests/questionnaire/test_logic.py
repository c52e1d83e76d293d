"""The expression evaluator: golden XPath semantics, parser rejections and property tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barometer.questionnaire import LogicError
from barometer.questionnaire.logic import (
    COMPARISONS,
    BinOp,
    Call,
    Literal,
    Node,
    Ref,
    check,
    evaluate,
    parse,
    references,
)

# --------------------------------------------------------------------------- golden table
# (expression, answers, current value of ".", expected result of check())
GOLDEN: list[tuple[str, dict[str, Any], Any, bool]] = [
    # string equality; an unanswered question is the empty string
    ("${a} = 'yes'", {"a": "yes"}, None, True),
    ("${a} = 'yes'", {"a": "no"}, None, False),
    ("${a} = 'yes'", {}, None, False),
    ("${a} = 'yes'", {"a": None}, None, False),
    ("${a} != 'yes'", {}, None, True),
    ("${a} = ''", {}, None, True),
    ("${a} != ''", {"a": "x"}, None, True),
    ("'yes' = ${a}", {"a": "yes"}, None, True),
    ('${a} = "yes"', {"a": "yes"}, None, True),
    # comparing with a number compares numerically
    ("${n} > 3", {"n": 5}, None, True),
    ("${n} > 3", {"n": "5"}, None, True),
    ("${n} > 3", {"n": 2.5}, None, False),
    ("${n} = 3", {"n": "3.0"}, None, True),
    ("${n} = 3", {"n": " 3 "}, None, True),
    ("${s} = '3.0'", {"s": 3}, None, True),
    ("${n} >= 3", {"n": 3}, None, True),
    ("${n} <= 2.5", {"n": 2.5}, None, True),
    ("${n} < 10", {"n": 9.99}, None, True),
    ("2.5 > 2", {}, None, True),
    # empty or non-numeric text is NaN: every comparison is false except !=
    ("${n} > 3", {}, None, False),
    ("${n} < 3", {}, None, False),
    ("${n} = 3", {}, None, False),
    ("${n} != 3", {}, None, True),
    ("${n} >= 0", {"n": "abc"}, None, False),
    # two strings: = compares text, < compares numbers
    ("${s} = '3'", {"s": "3.0"}, None, False),
    ("'10' < '9'", {}, None, False),
    ("'10' > '9'", {}, None, True),
    ("'abc' < 'abd'", {}, None, False),
    # selected() on lists and on ODK's space-separated strings
    ("selected(${m}, 'x')", {"m": ["x", "y"]}, None, True),
    ("selected(${m}, 'x')", {"m": "x y"}, None, True),
    ("selected(${m}, 'x')", {"m": "xy"}, None, False),
    ("selected(${m}, 'z')", {"m": ["x", "y"]}, None, False),
    ("selected(${m}, 'x')", {}, None, False),
    ("selected(${m}, 'x')", {"m": []}, None, False),
    ("selected(., 'none')", {}, ["none"], True),
    # count-selected()
    ("count-selected(${m}) = 2", {"m": ["x", "y"]}, None, True),
    ("count-selected(${m}) = 2", {"m": "x  y"}, None, True),
    ("count-selected(${m}) = 0", {}, None, True),
    ("count-selected(${m}) = 0", {"m": []}, None, True),
    ("count-selected(${m}) > 0", {"m": ["x"]}, None, True),
    ("count-selected(.) <= 3", {}, ["a", "b", "c"], True),
    ("count-selected(.) <= 3", {}, ["a", "b", "c", "d"], False),
    # not / and / or and their precedence (and binds tighter than or)
    ("not(${a} = 'yes')", {"a": "no"}, None, True),
    ("not(${a} = 'yes')", {"a": "yes"}, None, False),
    ("not(${a})", {}, None, True),
    ("not(${a})", {"a": "x"}, None, False),
    ("1 = 1 or 1 = 2 and 1 = 2", {}, None, True),
    ("(1 = 1 or 1 = 2) and 1 = 2", {}, None, False),
    ("1 = 2 and 1 = 2 or 1 = 1", {}, None, True),
    ("1 = 2 and (1 = 2 or 1 = 1)", {}, None, False),
    ("not(1 = 2) and 1 = 1", {}, None, True),
    ("not(1 = 1 or 1 = 2)", {}, None, False),
    ("${a} = 'yes' and ${b} = 'no'", {"a": "yes", "b": "no"}, None, True),
    ("${a} = 'yes' and ${b} = 'no'", {"a": "yes"}, None, False),
    ("${a} = 'yes' or ${b} = 'no'", {"b": "no"}, None, True),
    ("not(selected(., 'none') and count-selected(.) > 1)", {}, ["none", "x"], False),
    ("not(selected(., 'none') and count-selected(.) > 1)", {}, ["none"], True),
    ("not(selected(., 'none') and count-selected(.) > 1)", {}, ["x", "y"], True),
    # string-length() counts characters, not bytes
    ("string-length(.) <= 3", {}, "abc", True),
    ("string-length(.) <= 3", {}, "abcd", False),
    ("string-length(.) = 1", {}, "ë", True),
    ("string-length(.) = 0", {}, None, True),
    ("string-length(${n}) = 1", {"n": 3}, None, True),
    ("string-length(${m}) = 3", {"m": ["a", "b"]}, None, True),
    # "." is the question's own value
    (". >= 0", {}, 5, True),
    (". >= 0", {}, -1, False),
    (". >= 0", {}, None, False),
    (". = 'x'", {"x": "y"}, "x", True),
    # booleans compare as booleans; a bare value is its XPath boolean()
    ("${b} = 'true'", {"b": True}, None, True),
    ("${b} = ''", {"b": False}, None, True),
    ("${a}", {"a": "x"}, None, True),
    ("${a}", {}, None, False),
    ("${n}", {"n": 0}, None, False),
    ("0", {}, None, False),
    ("'0'", {}, None, True),
]


@pytest.mark.parametrize(("expr", "answers", "current", "expected"), GOLDEN)
def test_golden(expr: str, answers: dict[str, Any], current: Any, expected: bool) -> None:
    assert check(expr, answers, current) is expected


def test_empty_expression_is_true() -> None:
    assert check(None, {}) is True
    assert check("", {}) is True


def test_values() -> None:
    assert evaluate(parse("count-selected(${m})"), {"m": ["a", "b"]}) == 2.0
    assert evaluate(parse("string-length('abc')"), {}) == 3.0
    assert evaluate(parse("${m}"), {"m": ("a", "b")}) == ["a", "b"]
    assert evaluate(parse("${n}"), {"n": 3}) == 3.0


def test_references() -> None:
    node = parse("${a} = 'x' and (selected(${b}, 'y') or count-selected(.) > ${c})")
    assert references(node) == {"a", "b", "c"}
    assert references(parse(". > 1")) == set()


def test_parse_tree() -> None:
    assert parse("${a} = 'x' or ${b} > 2 and not(.)") == BinOp(
        "or",
        BinOp("=", Ref("a"), Literal("x")),
        BinOp("and", BinOp(">", Ref("b"), Literal(2.0)), Call("not", (Ref("."),))),
    )


REJECTED = [
    "foo(1)",  # unknown function
    "eval('1')",
    "eval(${a})",
    "__import__('os')",
    "__import__('os').system('ls')",
    "${a}.__class__",
    "lambda: 1",
    "open('/etc/passwd')",
    "(${a} = 'x'",  # unbalanced parentheses
    "${a} = 'x')",
    "((1 = 1)",
    "not(1 = 1",
    "1 < 2 < 3",  # chained comparisons
    "${a} = ${b} = ${c}",
    "1 = 1 != 1",
    "",  # empty
    "   ",
    "${a} =",  # incomplete
    "${a} = 'x' or",
    "and 1",
    "${a} == 'x'",
    "1 + 1",
    "'unterminated",
    "${a b}",
    "${}",
    "not(1, 2)",  # wrong number of arguments
    "selected(${a})",
    "count-selected()",
    "string-length(1, 2)",
    "not",
    "1 2",
    "(" * 5000 + "1" + ")" * 5000,  # too deep
]


@pytest.mark.parametrize("expr", REJECTED)
def test_rejected(expr: str) -> None:
    with pytest.raises(LogicError):
        parse(expr)


# --------------------------------------------------------------------------- properties
NAMES = ["a", "b", "c_1", "d.e"]
WORDS = ["", "x", "yes", "no", "3", "2.5", "a b", "ë"]

literal_numbers = st.one_of(
    st.integers(0, 1000).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]:02d}"),
).map(lambda text: Literal(float(text)))
literal_strings = st.text(
    alphabet=st.characters(blacklist_characters="'\"", blacklist_categories=("Cs",)), max_size=6
).map(Literal)
refs = st.sampled_from([*NAMES, "."]).map(Ref)
leaves = st.one_of(literal_numbers, literal_strings, st.sampled_from(WORDS).map(Literal), refs)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(lambda x: Call("not", (x,)), children),
        st.builds(lambda x, y: Call("selected", (x, y)), children, children),
        st.builds(lambda x: Call("count-selected", (x,)), children),
        st.builds(lambda x: Call("string-length", (x,)), children),
        st.builds(BinOp, st.sampled_from(["and", "or", *COMPARISONS]), children, children),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)
answer_values = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.integers(-10, 10),
    st.floats(-10, 10, allow_nan=False),
    st.booleans(),
    st.lists(st.sampled_from(["x", "y", "yes", "none"]), max_size=3),
)
answer_maps = st.dictionaries(st.sampled_from(NAMES), answer_values)


def _literal(node: Literal) -> str:
    if isinstance(node.value, float):
        v = node.value
        return str(int(v)) if v.is_integer() else repr(v)
    return f"'{node.value}'"


def render_full(node: Node) -> str:
    """Text for a tree, with parentheses around every operation."""
    if isinstance(node, Literal):
        return _literal(node)
    if isinstance(node, Ref):
        return "." if node.name == "." else "${" + node.name + "}"
    if isinstance(node, Call):
        return f"{node.func}({', '.join(render_full(a) for a in node.args)})"
    return f"({render_full(node.left)} {node.op} {render_full(node.right)})"


_LEVEL = {"or": 1, "and": 2, **dict.fromkeys(COMPARISONS, 3)}


def render_min(node: Node) -> str:
    """Text for a tree with only the parentheses precedence and associativity require."""
    if isinstance(node, Literal | Ref):
        return render_full(node)
    if isinstance(node, Call):
        return f"{node.func}({', '.join(render_min(a) for a in node.args)})"
    level = _LEVEL[node.op]

    def side(child: Node, right: bool) -> str:
        text = render_min(child)
        if not isinstance(child, BinOp):
            return text
        child_level = _LEVEL[child.op]
        needs = child_level < level or (child_level == level and (right or level == 3))
        return f"({text})" if needs else text

    return f"{side(node.left, False)} {node.op} {side(node.right, True)}"


def _same(x: Any, y: Any) -> bool:
    return x == y and type(x) is type(y)


@settings(max_examples=300, deadline=None)
@given(tree=trees, answers=answer_maps, current=answer_values)
def test_rendered_tree_parses_back_and_evaluates_the_same(
    tree: Node, answers: dict[str, Any], current: Any
) -> None:
    direct = evaluate(tree, answers, current)
    for render in (render_full, render_min):
        text = render(tree)
        reparsed = parse(text)
        assert reparsed == tree, text
        assert _same(evaluate(reparsed, answers, current), direct), text


TOKENS = [
    "${a}", "${b}", ".", "'x'", '"y"', "1", "2.5", "=", "!=", "<", "<=", ">", ">=", "(", ")",
    ",", "and", "or", "not", "selected", "count-selected", "string-length", "eval", "__",
    "$", "{", "}", "'", "-", "+", "*",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.lists(st.sampled_from(TOKENS), max_size=15).map(" ".join),
        st.lists(st.sampled_from(TOKENS), max_size=15).map("".join),
    ),
    answers=answer_maps,
)
def test_garbage_parses_or_raises_logic_error(text: str, answers: dict[str, Any]) -> None:
    try:
        node = parse(text)
    except LogicError:
        return
    evaluate(node, answers, None)  # whatever parses also evaluates without error
