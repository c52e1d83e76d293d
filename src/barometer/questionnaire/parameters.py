"""Wave parameters in labels: the questionnaire's own time.

A label (or hint, or section title) may contain ``{name}``; the XLSForm's ``parameters``
sheet declares each name with the value the form was fielded with (for the 2021 form:
``first_year`` 2019, ``last_year`` 2020) and, optionally, ``years_before_closing``: a year
counted back from the year a wave closes. A wave sets its own values
(``barometer wave create --param first_year=2023``); :func:`resolve` checks them. Without a
wave (the report, the dataset code) the fielded values are used, so the 2021 form keeps its
2021 wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from barometer.errors import BarometerError

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_VALUE = re.compile(r"^[^{}\x00-\x1f]{1,100}$")


class ParameterError(BarometerError):
    """A wave's parameters do not fit the questionnaire."""


@dataclass(frozen=True)
class Parameter:
    name: str
    value: str  # as fielded
    years_before_closing: int | None = None
    description: str = ""


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def substitute(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each declared ``{name}`` replaced (others are left as they are)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def resolve(
    declared: tuple[Parameter, ...],
    given: Mapping[str, str],
    closing_year: int | None = None,
) -> dict[str, str]:
    """Every declared parameter's value for a wave, or :class:`ParameterError`.

    A parameter not given takes its value from ``closing_year`` when it is counted back
    from it; otherwise it must be given. Unknown names and unusable values are refused.
    """
    known = {p.name: p for p in declared}
    problems = []
    for name in sorted(set(given) - set(known)):
        listed = ", ".join(sorted(known)) or "none"
        problems.append(f"unknown parameter '{name}' (the questionnaire has: {listed})")
    values: dict[str, str] = {}
    for p in declared:
        if p.name in given:
            value = str(given[p.name]).strip()
            if not _VALUE.match(value):
                problems.append(f"parameter '{p.name}': value '{value}' cannot be used")
            values[p.name] = value
        elif p.years_before_closing is not None and closing_year is not None:
            values[p.name] = str(closing_year - p.years_before_closing)
        else:
            hint = f"{p.description}; " if p.description else ""
            problems.append(
                f"parameter '{p.name}' is missing ({hint}give --param {p.name}=VALUE"
                + (" or a closing date" if p.years_before_closing is not None else "")
                + ")"
            )
    if problems:
        raise ParameterError("; ".join(problems))
    return values


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["first_year=2023", ...]`` as a mapping; a pair without ``=`` is refused."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"'{pair}': write a parameter as NAME=VALUE")
        out[name.strip()] = value
    return out
