"""Compute the figures: pure functions from the dataset to a :class:`FigureData`.

Every compute function takes a :class:`Context` and a :class:`FigureSpec` and returns a
FigureData whose ``table`` is tidy: one row per category (and series), with ``key``,
``category``, ``n`` (organisations answering yes / choosing it), ``base`` (organisations in
the base), ``pct`` and its 95% interval ``ci_low``/``ci_high`` (percentages, from
:mod:`barometer.stats.proportions`). Register a new one with ``@register("name")``.

Bases (DESIGN.md section 7): the population of a figure is all organisations, the
innovators, or the innovators using technology; within it, -1 (not applicable) and -9 (no
answer) are left out of the base and counted in ``excluded``; -8 (don't know) is a category
of its own where the question offers it. A figure whose base is below ``min_n`` shows a
message instead of numbers (DESIGN.md section 8), and so does a row of a figure whose rows
have their own bases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from barometer.dataset import Dataset, dummy_name
from barometer.questionnaire import Item
from barometer.report.catalogue import FigureSpec
from barometer.report.text import t
from barometer.stats.derive import add_derived
from barometer.stats.disclosure import check_min_n
from barometer.stats.proportions import proportion

__all__ = ["COMPUTE", "Context", "FigureData", "make_context", "register"]

NOT_APPLICABLE, DONT_KNOW, NO_ANSWER = -1, -8, -9
TABLE_COLUMNS = ("key", "category", "series", "n", "base", "pct", "ci_low", "ci_high")


@dataclass(frozen=True, eq=False)
class Context:
    """What every compute function may read: the data with derived columns, the language,
    the disclosure threshold and the frame (for response rates)."""

    dataset: Dataset
    data: pd.DataFrame
    lang: str
    min_n: int = 5
    frame: pd.DataFrame | None = None
    wave: str = ""

    def item(self, name: str) -> Item:
        return self.dataset.questionnaire.item(name)

    def population(self, base: str) -> pd.Series:
        """Boolean mask of the organisations a base describes."""
        if base == "all":
            return pd.Series(True, index=self.data.index)
        if base == "innovators":
            return self.data["innovated"].fillna(False).astype(bool)
        if base == "innovators_tech":
            return self.data["uses_technology"].fillna(False).astype(bool)
        raise KeyError(f"unknown base '{base}'")


def make_context(
    dataset: Dataset, *, lang: str = "nl", min_n: int = 5, frame: pd.DataFrame | None = None
) -> Context:
    waves = [w for w in dict.fromkeys(dataset.data.get("wave", pd.Series(dtype=str))) if w]
    return Context(
        dataset, add_derived(dataset.data), lang, min_n, frame, ", ".join(map(str, waves))
    )


@dataclass(frozen=True, eq=False)
class FigureData:
    """The numbers behind one figure or table, in one language, ready to chart and print.

    ``table`` holds the published rows (machine column names; ``key`` identifies the
    category and is not printed). ``indicators`` holds one 0/1 column per category key
    (NaN outside the base), so comparisons can compute any combination of categories.
    ``message`` replaces the numbers when the figure cannot be shown.
    """

    spec: FigureSpec
    lang: str
    table: pd.DataFrame | None = None
    base_n: int | None = None
    base_range: tuple[int, int] | None = None
    excluded: Mapping[str, int] = field(default_factory=dict)
    excluded_unit: str = "organisations"  # or "answers" for figures of several items
    indicators: pd.DataFrame | None = None
    benchmarks: pd.DataFrame | None = None
    benchmark_notes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    message: str | None = None
    wave: str = ""

    @property
    def ok(self) -> bool:
        return self.message is None and self.table is not None


ComputeFn = Callable[[Context, FigureSpec], FigureData]
COMPUTE: dict[str, ComputeFn] = {}
"""Compute function name (``FigureSpec.compute``) -> function."""


def register(name: str) -> Callable[[ComputeFn], ComputeFn]:
    def deco(fn: ComputeFn) -> ComputeFn:
        COMPUTE[name] = fn
        return fn

    return deco


# --------------------------------------------------------------------------- helpers
def _codes(ctx: Context, column: str) -> pd.Series:
    return pd.to_numeric(ctx.data[column], errors="coerce")


def _exclusions(codes: pd.Series, population: pd.Series, valid: Sequence[int]) -> dict[str, int]:
    """Counts of not-applicable, no-answer and invalid codes within the population."""
    inside = codes[population]
    out = {
        "not_applicable": int((inside == NOT_APPLICABLE).sum()),
        "no_answer": int((inside == NO_ANSWER).sum() + inside.isna().sum()),
        "invalid": int((~inside.isin([*valid, NOT_APPLICABLE, NO_ANSWER]) & inside.notna()).sum()),
    }
    return {k: v for k, v in out.items() if v}


def _row(
    key: str, label: str, x: pd.Series, min_n: int, series: str | None = None
) -> dict[str, Any]:
    """One tidy row from a 0/1 series with NaN outside the base."""
    base = int(x.notna().sum())
    row: dict[str, Any] = {"key": key, "category": label, "series": series, "base": base}
    if base == 0 or not check_min_n(base, min_n):
        return {**row, "n": pd.NA, "pct": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    r = proportion(x)
    return {**row, "n": r.count, "pct": 100 * r.estimate, "ci_low": 100 * r.ci_low,
            "ci_high": 100 * r.ci_high}  # fmt: skip


def _frame(rows: list[dict[str, Any]], with_series: bool) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    table["n"] = table["n"].astype("Int64")
    table["base"] = table["base"].astype("int64")
    return table if with_series else table.drop(columns="series")


def _too_few(ctx: Context, spec: FigureSpec, n: int, **kw: Any) -> FigureData:
    return FigureData(
        spec, ctx.lang, base_n=n, message=t(ctx.lang, "too_few", n=n, min_n=ctx.min_n), **kw
    )


def _labelled(item: Item, lang: str) -> list[tuple[str, int, str]]:
    assert item.choice_list is not None, f"{item.name} has no choices"
    return [(c.name, c.code, c.label(lang)) for c in item.choice_list.choices]


# --------------------------------------------------------------------------- compute
@register("single_choice")
def single_choice(ctx: Context, spec: FigureSpec) -> FigureData:
    """Distribution of one select_one item over its choices (don't know included)."""
    item = ctx.item(spec.params["item"])
    choices = _labelled(item, ctx.lang)
    codes = _codes(ctx, item.name)
    population = ctx.population(spec.base)
    valid = [code for _, code, _ in choices]
    in_base = population & codes.isin(valid)
    excluded = _exclusions(codes, population, valid)
    n = int(in_base.sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n, excluded=excluded)
    indicators = pd.DataFrame(
        {name: (codes == code).astype(float).where(in_base) for name, code, _ in choices}
    )
    rows = [_row(name, label, indicators[name], ctx.min_n) for name, _, label in choices]
    return FigureData(spec, ctx.lang, _frame(rows, False), n, excluded=excluded,
                      indicators=indicators)  # fmt: skip


@register("multi_choice")
def multi_choice(ctx: Context, spec: FigureSpec) -> FigureData:
    """Share choosing each option of a select_multiple item; base: shown and answered."""
    item = ctx.item(spec.params["item"])
    choices = _labelled(item, ctx.lang)
    population = ctx.population(spec.base)
    dummies = pd.DataFrame(
        {name: _codes(ctx, dummy_name(item.name, name)) for name, _, _ in choices}
    )
    answered = dummies.isin([0, 1]).all(axis=1)
    first = dummies.iloc[:, 0]
    # one code per organisation: 0 if answered, else the missing code (-99: inconsistent)
    status = first.where(first.isin([NOT_APPLICABLE, NO_ANSWER]), -99).where(~answered, 0)
    excluded = _exclusions(status, population, [0, 1])
    in_base = population & answered
    n = int(in_base.sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n, excluded=excluded)
    indicators = dummies.astype(float).where(in_base, np.nan)
    rows = [_row(name, label, indicators[name], ctx.min_n) for name, _, label in choices]
    table = _frame(rows, False)
    table = table.sort_values("pct", ascending=False, kind="stable").reset_index(drop=True)
    return FigureData(spec, ctx.lang, table, n, excluded=excluded, indicators=indicators)


def _multi_item(
    ctx: Context, spec: FigureSpec, groups: Sequence[tuple[str, str, Sequence[int]]]
) -> FigureData:
    """Rows per item x series, each series a set of codes; base per item: answered."""
    population = ctx.population(spec.base)
    rows: list[dict[str, Any]] = []
    bases: list[int] = []
    excluded: dict[str, int] = {}
    labels = spec.params.get("labels", {})
    for name in spec.params["items"]:
        item = ctx.item(name)
        codes = _codes(ctx, name)
        valid = [code for _, code, _ in _labelled(item, ctx.lang)]
        in_base = population & codes.isin(valid)
        bases.append(int(in_base.sum()))
        for k, v in _exclusions(codes, population, valid).items():
            excluded[k] = excluded.get(k, 0) + v
        for key, series, wanted in groups:
            if key == "dont_know" and DONT_KNOW not in valid:
                continue
            x = codes.isin(wanted).astype(float).where(in_base)
            label = labels[name][ctx.lang] if name in labels else item.label(ctx.lang)
            rows.append(_row(name, label, x, ctx.min_n, series) | {"skey": key})
    lo, hi = min(bases), max(bases)
    if not check_min_n(hi, ctx.min_n):
        return _too_few(ctx, spec, hi, excluded=excluded, excluded_unit="answers")
    table = pd.DataFrame(rows)
    # drop a series nobody chose (e.g. "don't know" when nobody said it)
    used = table.groupby("skey", sort=False)["n"].apply(lambda s: s.fillna(0).sum() > 0)
    keep = [k for k, v in used.items() if v or k != "dont_know"]
    table = table[table["skey"].isin(keep)].drop(columns="skey")
    return FigureData(
        spec, ctx.lang, _frame([{str(k): v for k, v in r.items()} for r in table.to_dict("records")], True), lo if lo == hi else None,
        base_range=(lo, hi), excluded=excluded, excluded_unit="answers",
    )  # fmt: skip


@register("yes_items")
def yes_items(ctx: Context, spec: FigureSpec) -> FigureData:
    """Share answering yes (and don't know) per yes/no/don't-know item (Figuur 2)."""
    groups = [
        ("yes", t(ctx.lang, "yes"), [1]),
        ("dont_know", t(ctx.lang, "dont_know"), [DONT_KNOW]),
    ]
    return _multi_item(ctx, spec, groups)


@register("factor_items")
def factor_items(ctx: Context, spec: FigureSpec) -> FigureData:
    """Hindering (1-2) / neutral (3) / promoting (4-5) / don't know per factor (Figuur 13),
    sorted by the share promoting."""
    groups = [
        ("hindering", t(ctx.lang, "hindering"), [1, 2]),
        ("neutral", t(ctx.lang, "neutral"), [3]),
        ("promoting", t(ctx.lang, "promoting"), [4, 5]),
        ("dont_know", t(ctx.lang, "dont_know"), [DONT_KNOW]),
    ]
    data = _multi_item(ctx, spec, groups)
    if not data.ok:
        return data
    assert data.table is not None
    promoting = t(ctx.lang, "promoting")
    share = data.table[data.table["series"] == promoting].set_index("key")["pct"]
    order = {
        k: i
        for i, k in enumerate(share.fillna(-1).sort_values(ascending=False, kind="stable").index)
    }
    table = data.table.sort_values("key", key=lambda s: s.map(order), kind="stable")
    return replace(data, table=table.reset_index(drop=True))


@register("spectrum")
def spectrum_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Number of innovation types combined (derived ``spectrum``), among innovators."""
    population = ctx.population(spec.base)
    values = ctx.data["spectrum"].astype("Float64")
    in_base = population & values.notna().to_numpy(dtype=bool, na_value=False)
    excluded = {"no_answer": int((population & ~in_base).sum())}
    excluded = {k: v for k, v in excluded.items() if v}
    n = int(in_base.sum())
    if not check_min_n(n, ctx.min_n):
        return _too_few(ctx, spec, n, excluded=excluded)
    v = values.to_numpy(dtype=float, na_value=np.nan)
    ks = [0, 1, 2, 3, 4] if (v[in_base.to_numpy()] == 0).any() else [1, 2, 3, 4]
    indicators = pd.DataFrame(
        {str(k): pd.Series((v == k).astype(float), index=ctx.data.index).where(in_base) for k in ks}
    )

    def label(k: int) -> str:
        return (
            t(ctx.lang, "types_0")
            if k == 0
            else t(ctx.lang, "types_1")
            if k == 1
            else t(ctx.lang, "types_n", k=k)
        )

    rows = [_row(str(k), label(k), indicators[str(k)], ctx.min_n) for k in ks]
    return FigureData(spec, ctx.lang, _frame(rows, False), n, excluded=excluded,
                      indicators=indicators, notes=(t(ctx.lang, "spectrum_note"),))  # fmt: skip
