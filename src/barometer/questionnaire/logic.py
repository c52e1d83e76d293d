"""A small, safe evaluator for the XLSForm expressions barometer accepts.

Only a whitelisted subset of XPath is understood, and it is parsed into a tree here; nothing
is ever passed to ``eval``. The subset:

- references ``${name}`` and ``.`` (the question's own value, in constraints);
- string literals ``'x'`` / ``"x"`` and numbers ``3``, ``2.5``;
- comparisons ``= != < <= > >=``;
- ``and``, ``or`` and the functions ``not()``, ``selected()``, ``count-selected()``,
  ``string-length()``;
- parentheses.

Semantics follow XPath 1.0 as ODK applies them: an unanswered question is the empty string;
a comparison with a number compares numerically (an empty or non-numeric string is NaN, so
only ``!=`` is then true); a multi-select answer is a list of choice names (or the
space-separated string ODK stores).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from barometer.errors import BarometerError


class LogicError(BarometerError):
    """An expression outside the supported subset, or malformed."""


# --------------------------------------------------------------------------- tree
@dataclass(frozen=True)
class Literal:
    value: str | float


@dataclass(frozen=True)
class Ref:
    name: str  # "." for the current value


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


Node = Literal | Ref | Call | BinOp

FUNCTIONS: dict[str, tuple[int, int]] = {  # name -> (min args, max args)
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
}
COMPARISONS = ("=", "!=", "<=", ">=", "<", ">")

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<refname>[A-Za-z_][A-Za-z0-9_.-]*)\})
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>!=|<=|>=|=|<|>|\(|\)|,)
      | (?P<name>[A-Za-z][A-Za-z0-9-]*)
      | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise LogicError(f"unexpected '{text[pos:].strip()[:20]}' at position {pos + 1}")
        pos = m.end()
        if m.group("ref"):
            tokens.append(("ref", m.group("refname")))
        elif m.group("number"):
            tokens.append(("number", m.group("number")))
        elif m.group("string"):
            tokens.append(("string", m.group("string")[1:-1]))
        elif m.group("op"):
            tokens.append(("op", m.group("op")))
        elif m.group("name"):
            tokens.append(("name", m.group("name")))
        else:
            tokens.append(("dot", "."))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise LogicError("the expression ends too early")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value:
            raise LogicError(f"expected '{value}' but found '{tok[1]}'")

    def parse(self) -> Node:
        if not self.tokens:
            raise LogicError("the expression is empty")
        node = self.parse_or()
        if self.peek() is not None:
            raise LogicError(f"unexpected '{self.peek()[1]}'")  # type: ignore[index]
        return node

    def parse_or(self) -> Node:
        node = self.parse_and()
        while self.peek() == ("name", "or"):
            self.take()
            node = BinOp("or", node, self.parse_and())
        return node

    def parse_and(self) -> Node:
        node = self.parse_comparison()
        while self.peek() == ("name", "and"):
            self.take()
            node = BinOp("and", node, self.parse_comparison())
        return node

    def parse_comparison(self) -> Node:
        node = self.parse_primary()
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in COMPARISONS:
            self.take()
            node = BinOp(tok[1], node, self.parse_primary())
            nxt = self.peek()
            if nxt is not None and nxt[0] == "op" and nxt[1] in COMPARISONS:
                raise LogicError("chained comparisons need parentheses")
        return node

    def parse_primary(self) -> Node:
        kind, value = self.take()
        if kind == "ref":
            return Ref(value)
        if kind == "dot":
            return Ref(".")
        if kind == "number":
            return Literal(float(value))
        if kind == "string":
            return Literal(value)
        if kind == "op" and value == "(":
            node = self.parse_or()
            self.expect(")")
            return node
        if kind == "name":
            if value not in FUNCTIONS:
                raise LogicError(f"'{value}' is not a supported function or keyword")
            self.expect("(")
            args: list[Node] = []
            if self.peek() != ("op", ")"):
                args.append(self.parse_or())
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.parse_or())
            self.expect(")")
            lo, hi = FUNCTIONS[value]
            if not lo <= len(args) <= hi:
                raise LogicError(f"{value}() takes {lo} argument(s), not {len(args)}")
            return Call(value, tuple(args))
        raise LogicError(f"unexpected '{value}'")


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse ``text`` into an expression tree, or raise :class:`LogicError`."""
    try:
        return _Parser(text).parse()
    except RecursionError:
        raise LogicError("the expression is nested too deeply") from None


def references(node: Node) -> set[str]:
    """Names of the questions an expression refers to (``.`` excluded)."""
    if isinstance(node, Ref):
        return set() if node.name == "." else {node.name}
    if isinstance(node, Call):
        return set().union(*(references(a) for a in node.args))
    if isinstance(node, BinOp):
        return references(node.left) | references(node.right)
    return set()


# --------------------------------------------------------------------------- evaluation
Value = str | float | bool | list[str]


def _value_of(raw: Any) -> Value:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, list | tuple | set | frozenset):
        return [str(v) for v in raw]
    return str(raw)


def _as_list(v: Value) -> list[str]:
    if isinstance(v, list):
        return v
    if isinstance(v, bool):
        return ["true"] if v else []
    if isinstance(v, float):
        return [_as_string(v)]
    return v.split()


def _as_string(v: Value) -> str:
    if isinstance(v, list):
        return " ".join(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return v


def _as_number(v: Value) -> float:
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, float):
        return v
    try:
        return float(_as_string(v).strip())
    except ValueError:
        return math.nan


def as_bool(v: Value) -> bool:
    """XPath ``boolean()``."""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return not (v == 0 or math.isnan(v))
    return len(v) > 0


def _compare(op: str, a: Value, b: Value) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        ba, bb = as_bool(a), as_bool(b)
        if op == "=":
            return ba == bb
        if op == "!=":
            return ba != bb
        return _compare(op, float(ba), float(bb))
    if op in ("=", "!=") and not isinstance(a, float) and not isinstance(b, float):
        equal = _as_string(a) == _as_string(b)
        return equal if op == "=" else not equal
    x, y = _as_number(a), _as_number(b)
    if op == "!=":
        return x != y
    if math.isnan(x) or math.isnan(y):
        return False
    return {"=": x == y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def evaluate(node: Node, answers: Mapping[str, Any], current: Any = None) -> Value:
    """Evaluate a parsed expression against ``answers`` (question name -> answer)."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return _value_of(current if node.name == "." else answers.get(node.name))
    if isinstance(node, BinOp):
        if node.op == "and":
            return as_bool(evaluate(node.left, answers, current)) and as_bool(
                evaluate(node.right, answers, current)
            )
        if node.op == "or":
            return as_bool(evaluate(node.left, answers, current)) or as_bool(
                evaluate(node.right, answers, current)
            )
        return _compare(
            node.op, evaluate(node.left, answers, current), evaluate(node.right, answers, current)
        )
    args = [evaluate(a, answers, current) for a in node.args]
    if node.func == "not":
        return not as_bool(args[0])
    if node.func == "selected":
        return _as_string(args[1]) in _as_list(args[0])
    if node.func == "count-selected":
        return float(len(_as_list(args[0])))
    return float(len(_as_string(args[0])))  # string-length


def check(text: str | None, answers: Mapping[str, Any], current: Any = None) -> bool:
    """Evaluate an expression string to a boolean; an empty expression is true."""
    if not text:
        return True
    return as_bool(evaluate(parse(text), answers, current))


# --------------------------------------------------------------------------- for the browser
def to_json(node: Node) -> Any:
    """The parse tree as plain JSON for the browser's evaluator (``static/web/logic.js``).

    The browser walks this tree; it never parses expression text, so both sides use the
    one grammar above. Shapes: ``{"v": literal}``, ``{"r": name}``,
    ``{"f": function, "a": [args]}`` and ``{"o": operator, "l": left, "r2": right}``.
    """
    if isinstance(node, Literal):
        return {"v": node.value}
    if isinstance(node, Ref):
        return {"r": node.name}
    if isinstance(node, Call):
        return {"f": node.func, "a": [to_json(a) for a in node.args]}
    return {"o": node.op, "l": to_json(node.left), "r2": to_json(node.right)}


def conditions_json(conditions: tuple[str, ...]) -> list[Any]:
    """The parse trees of ``conditions`` (all must hold), for a ``data-`` attribute."""
    return [to_json(parse(c)) for c in conditions]
