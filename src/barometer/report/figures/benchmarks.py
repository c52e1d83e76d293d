"""Benchmarks: the Netherlands next to Denmark and the Nordic countries.

The published numbers live in ``barometer/data/benchmarks.yaml`` with a source per value.
:func:`attach_benchmarks` puts them next to a figure's Dutch numbers; where the other
study's base n is known (and the value is published exactly), it runs
:func:`barometer.stats.proportions.two_proportion_test`. A figure without a published
Danish value says so; nothing is ever estimated.

The Dutch percentage is the figure's own estimate: :func:`~barometer.stats.proportions.proportion`
on the figure's indicators with the report's weights when the figure is weighted
(``FigureData.weighted``), so the table and the chart print the same number. With weights,
the test uses Kish's effective n of the base (:meth:`~barometer.report.figures.core.Context.effective_n`)
as the Dutch n, and the note under the table says so; ``nl_base`` stays the unweighted count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from barometer.errors import BarometerError
from barometer.report.figures.core import Context, FigureData
from barometer.report.text import fmt_int, t
from barometer.report.wording import per_lang, section
from barometer.stats.disclosure import check_min_n
from barometer.stats.proportions import proportion, two_proportion_test

__all__ = ["Benchmarks", "Study", "Value", "attach_benchmarks", "load_benchmarks"]

BENCHMARK_COLUMNS = (
    "key", "category", "study", "country", "value", "wording", "comparable", "nl_pct",
    "nl_ci_low", "nl_ci_high", "nl_base", "study_n", "p_value", "test", "source", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Study:
    key: str
    country: str
    period: str | None
    name: Mapping[str, str]
    study: str
    responses: int | None
    weighted: bool | None
    source: str
    cite: str


@dataclass(frozen=True)
class Value:
    figure: str
    study: str
    category: tuple[str, ...]
    value: float
    wording: str
    base: str
    source: str
    comparable: bool = True
    note: Mapping[str, str] | None = None
    label: Mapping[str, str] | None = None  # for a category that combines several choices


@dataclass(frozen=True)
class Benchmarks:
    studies: Mapping[str, Study]
    values: tuple[Value, ...]
    statements: Mapping[str, tuple[Mapping[str, str], ...]]

    def for_figure(self, figure_id: str) -> tuple[Value, ...]:
        return tuple(v for v in self.values if v.figure == figure_id)


def _parse(raw: Mapping[str, Any]) -> Benchmarks:
    studies = {
        key: Study(
            key,
            s["country"],
            s.get("period"),
            s["name"],
            s["study"],
            s.get("responses"),
            s.get("weighted"),
            s["source"],
            s.get("cite") or s["study"],
        )
        for key, s in raw["studies"].items()
    }
    values = []
    for v in raw["values"]:
        if v["study"] not in studies:
            raise ValueError(f"benchmarks.yaml: unknown study '{v['study']}'")
        if not all(isinstance(c, str) for c in v["category"]):  # YAML reads a bare yes as True
            raise ValueError(f"benchmarks.yaml: quote the categories {v['category']!r}")
        values.append(
            Value(
                v["figure"],
                v["study"],
                tuple(v["category"]),
                float(v["value"]),
                v["wording"],
                v["base"],
                v["source"],
                bool(v.get("comparable", True)),
                v.get("note"),
                v.get("label"),
            )
        )
    statements = {k: tuple(v) for k, v in (raw.get("statements") or {}).items()}
    return Benchmarks(studies, tuple(values), statements)


@lru_cache(maxsize=1)
def load_benchmarks() -> Benchmarks:
    """The benchmark values shipped with the package (parsed once)."""
    text = (resources.files("barometer") / "data" / "benchmarks.yaml").read_text("utf-8")
    return _parse(yaml.safe_load(text))


WEIGHTED_NOTE: Mapping[str, str] = per_lang("benchmarks_weighted_note")
WEIGHTED_TEST_NOTE: Mapping[str, str] = per_lang("benchmarks_weighted_test_note")
"""Notes under a weighted comparison table (the report's catalogue ``t`` has no such key)."""


@dataclass(frozen=True)
class _Dutch:
    """The Dutch estimate of one benchmark row, as the figure computes it."""

    pct: float
    ci_low: float
    ci_high: float
    n: int  # unweighted base
    test_n: float  # n of the test: Kish's effective n when weighted, else the base
    estimate: float  # 0-1


def _nl(data: FigureData, keys: tuple[str, ...], ctx: Context) -> _Dutch | None:
    """The Dutch proportion of the union of ``keys`` (None below ``min_n``), weighted when
    the figure is: for one key it is the figure's own ``pct`` (same indicator, same weights)."""
    if data.indicators is None or not all(k in data.indicators.columns for k in keys):
        return None
    x = data.indicators[list(keys)].max(axis=1, skipna=False)
    base = int(x.notna().sum())
    if not check_min_n(base, ctx.min_n):
        return None
    weights = ctx.weights if data.weighted else None
    r = proportion(x, weights=weights)
    effective = ctx.effective_n(x.notna().reindex(ctx.data.index, fill_value=False))
    test_n = effective if weights is not None and effective is not None else float(r.n)
    return _Dutch(100 * r.estimate, 100 * r.ci_low, 100 * r.ci_high, r.n, test_n, r.estimate)


def _label(data: FigureData, keys: tuple[str, ...]) -> str:
    assert data.table is not None
    labels = dict(zip(data.table["key"], data.table["category"], strict=False))
    return " / ".join(labels.get(k, k) for k in keys)


def attach_benchmarks(
    data: FigureData, ctx: Context, bench: Benchmarks | None = None
) -> FigureData:
    """``data`` with its benchmark rows, test results and "not published" notes added."""
    if data.spec.label != "figure" or not data.ok:
        return data
    bench = bench or load_benchmarks()
    lang = ctx.lang
    values = bench.for_figure(data.spec.id)
    notes: list[str] = []
    if not any(bench.studies[v.study].country == "DK" for v in values):
        notes.append(t(lang, "no_dk"))
    for statement in bench.statements.get(data.spec.id, ()):
        notes.append(t(lang, "published_statement", text=statement.get(lang) or statement["nl"]))
    if not values:
        return replace(data, benchmark_notes=tuple(notes))
    rows = []
    tested: list[_Dutch] = []
    for v in values:
        study = bench.studies[v.study]
        nl = _nl(data, v.category, ctx)
        p_value, test = np.nan, ""
        if not v.comparable:
            test = t(lang, "p_na_incomparable")
        elif v.wording != "exact":
            test = t(lang, "p_na_inexact")
        elif not (study.responses and v.base == "all" == data.spec.base):
            test = t(lang, "p_na_unknown")
        elif nl is not None:
            try:
                p_value = two_proportion_test(
                    nl.estimate, nl.test_n, v.value / 100, study.responses
                ).pvalue
                test = "z"
                tested.append(nl)
            except BarometerError as exc:  # e.g. both proportions 0
                test = str(exc)
        value = (
            f"{v.value:g}" if v.wording == "exact" else t(lang, "wording_circa", v=f"{v.value:g}")
        )
        rows.append({
            "key": "+".join(v.category), "study": v.study,
            "category": (v.label.get(lang) or v.label["nl"]) if v.label else _label(data, v.category),
            "country": study.name.get(lang) or study.name["nl"], "value": v.value,
            "wording": value, "comparable": v.comparable,
            "nl_pct": nl.pct if nl else np.nan, "nl_ci_low": nl.ci_low if nl else np.nan,
            "nl_ci_high": nl.ci_high if nl else np.nan, "nl_base": nl.n if nl else pd.NA,
            "study_n": study.responses if study.responses and v.base == "all" else pd.NA,
            "p_value": p_value, "test": test, "source": v.source,
            "note": (v.note.get(lang) or v.note["nl"]) if v.note else "",
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=list(BENCHMARK_COLUMNS))
    for col in ("nl_base", "study_n"):
        table[col] = table[col].astype("Int64")
    shown = set(data.table["key"]) if data.table is not None else set()
    covered = {v.category[0] for v in values if len(v.category) == 1}
    if "focus" not in data.spec.params and shown - covered:
        notes.append(t(lang, "partial_dk"))
    if data.weighted:
        notes.extend(_weighted_notes(tested, lang))
    sources = tuple(
        dict.fromkeys(
            _cite_with_basis(bench.studies[v.study], lang) for v in values if v.comparable
        )
    )
    return replace(data, benchmarks=table, benchmark_notes=tuple(notes), sources=sources)


BASIS = section("benchmarks_basis")
"""How another study's published percentages were computed (``weighted`` in the yaml)."""


def _cite_with_basis(study: Study, lang: str) -> str:
    """The citation with the study's basis: "COI (2019, 2020), gewogen"."""
    return f"{study.cite}, {(BASIS.get(lang) or BASIS['nl'])[study.weighted]}"


def _weighted_notes(tested: list[_Dutch], lang: str) -> list[str]:
    """Under a weighted table: the Dutch numbers are weighted; the test's n is the effective n."""
    notes = [WEIGHTED_NOTE.get(lang) or WEIGHTED_NOTE["nl"]]
    sizes = sorted({(round(d.test_n), d.n) for d in tested})
    if sizes:
        eff = " / ".join(fmt_int(e, lang) for e, _ in sizes)
        n = " / ".join(fmt_int(k, lang) for _, k in sizes)
        text = WEIGHTED_TEST_NOTE.get(lang) or WEIGHTED_TEST_NOTE["nl"]
        notes.append(text.format(eff=eff, n=n))
    return notes
