"""Compute the figures: pure functions from the dataset to a :class:`FigureData`.

Every compute function takes a :class:`Context` and a :class:`FigureSpec` and returns a
FigureData whose ``table`` is tidy: one row per category (and series), with ``key``,
``category``, ``n`` (organisations answering yes / choosing it), ``base`` (organisations in
the base), ``pct`` and its 95% interval ``ci_low``/``ci_high`` (percentages, from
:mod:`barometer.stats.proportions`). A new one is listed by name in :data:`.registry.COMPUTE`.

The figure kit, public for every figure module: :func:`answer_codes`, :func:`as_floats`,
:func:`is_one_of`, :func:`indicator_of` (answers to 0/1 within a base), :func:`share_row`
(one row of a share table with its interval), :func:`weighting_fields` (the FigureData
fields of a weighted figure) and :func:`too_few_figure` (the message figure).

Weighting (DESIGN.md section 7): when the context carries post-stratification weights
(:func:`make_weights`, passed to :func:`make_context`), ``pct`` and its interval are
weighted (:func:`~barometer.stats.proportions.proportion` with the ``WeightResult``: Taylor-
linearised SE, logit interval), while ``n`` and ``base`` stay the unweighted counts of
organisations, and ``FigureData.effective_n`` is Kish's effective n of the base. A compute
function weights by passing ``weights=ctx.weights`` to :func:`share_row` and setting
``effective_n=ctx.effective_n(in_base)``.

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
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from barometer.dataset import Dataset, dummy_name
from barometer.questionnaire import DONT_KNOW, NO_ANSWER, NOT_APPLICABLE, Item
from barometer.report.catalogue import FigureSpec
from barometer.report.text import t
from barometer.report.weighting import make_weights
from barometer.stats.derive import add_derived
from barometer.stats.disclosure import check_min_n
from barometer.stats.proportions import proportion
from barometer.stats.publication import PublicationClassification, build_publication
from barometer.stats.weights import WeightResult

__all__ = [
    "Block",
    "Context",
    "ExtraTable",
    "FigureData",
    "Image",
    "answer_codes",
    "as_floats",
    "indicator_of",
    "is_one_of",
    "make_context",
    "make_weights",
    "share_row",
    "too_few_figure",
    "weighting_fields",
]

TABLE_COLUMNS = ("key", "category", "series", "n", "base", "pct", "ci_low", "ci_high")


@dataclass(frozen=True, eq=False)
class Context:
    """What every compute function may read: the data with derived columns, the language,
    the disclosure threshold, the frame (for response rates) and the post-stratification
    weights (None: unweighted)."""

    dataset: Dataset
    data: pd.DataFrame
    lang: str
    min_n: int = 5
    frame: pd.DataFrame | None = None
    wave: str = ""
    weights: WeightResult | None = None
    term_min: int = 5
    approved_quotes: frozenset[str] = frozenset()
    cell_min: int = 5
    """Fewest organisations a published count crossing sector, cluster or size rests on."""

    @property
    def weighted(self) -> bool:
        return self.weights is not None

    @cached_property
    def publication(self) -> PublicationClassification:
        """The report's one grouping of small sectors and clusters (built once;
        :func:`~barometer.stats.publication.build_publication`). A group's size is a count
        crossing an identifying variable (Tabel 1 publishes it), so groups are merged below
        ``cell_min`` (which is at least ``min_n``)."""
        return build_publication(self.data, self.frame, min_n=self.cell_min)

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

    def effective_n(self, mask: pd.Series | np.ndarray) -> float | None:
        """Kish's effective n, (Σw)² / Σw², of the organisations in ``mask``; None unweighted."""
        if self.weights is None:
            return None
        w = self._weight_array.take(np.flatnonzero(np.asarray(mask, dtype=bool)))
        total = float(w.sum())
        return total**2 / float(np.square(w).sum()) if total > 0 else 0.0

    @cached_property
    def _weight_array(self) -> np.ndarray:
        """The weights aligned to ``data`` as floats (computed once)."""
        assert self.weights is not None
        return self.weights.weights.reindex(self.data.index).to_numpy(dtype=float)


def make_context(
    dataset: Dataset,
    *,
    lang: str = "nl",
    min_n: int = 5,
    frame: pd.DataFrame | None = None,
    weights: WeightResult | None = None,
    term_min: int = 5,
    approved_quotes: frozenset[str] = frozenset(),
    cell_min: int = 5,
) -> Context:
    """The context of one report build; ``weights`` (:func:`make_weights`) weight it.
    ``term_min``: fewest organisations a published term rests on; ``approved_quotes``: ids of
    the quotes a person approved (:mod:`barometer.disclosure.quotes`); no other is printed."""
    waves = [w for w in dict.fromkeys(dataset.data.get("wave", pd.Series(dtype=str))) if w]
    return Context(
        dataset, add_derived(dataset.data), lang, min_n, frame, ", ".join(map(str, waves)),
        weights, term_min, approved_quotes, max(cell_min, min_n),
    )  # fmt: skip


@dataclass(frozen=True)
class ExtraTable:
    """A table printed with a figure besides its data table (e.g. a regression table).

    ``rows`` hold the cells as the CSV publishes them (numbers with a decimal point, ""
    when empty); the HTML shows the same cells in the report's language. The first cell of
    a row is its header. Written as ``tables/<figure id>__<key>.csv``; the HTML table's id
    is ``<figure id>__<key>``.
    """

    key: str
    caption: str
    columns: tuple[str, ...]  # CSV header (machine names)
    headers: tuple[str, ...]  # HTML header (the report's language)
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    suppressed: frozenset[tuple[int, int]] = frozenset()
    """(row, column) positions of cells hidden for confidentiality: empty in ``rows`` and
    the CSV (whose ``note`` column then names them), ``x`` on the page (docs/disclosure.md)."""

    def frame(self) -> pd.DataFrame:
        table = pd.DataFrame([list(r) for r in self.rows], columns=list(self.columns))
        if self.suppressed:
            table["note"] = [
                "; ".join(f"{self.columns[j]}: x" for j in range(len(self.columns))
                          if (i, j) in self.suppressed)
                for i in range(len(self.rows))
            ]  # fmt: skip
        return table

    def shown(self, i: int, j: int) -> bool:
        """Whether the cell at row ``i``, column ``j`` is published (not suppressed)."""
        return (i, j) not in self.suppressed


@dataclass(frozen=True)
class Block:
    """A titled part of a figure that is not one chart (a model of Tekstvak 2, a cluster of
    Afbeelding 2): paragraphs, then tables; ``message`` in their place when it failed."""

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ExtraTable, ...] = ()
    message: str | None = None


@dataclass(frozen=True)
class Image:
    """A picture that is not a chart of the data table (a word cloud): accessible SVG
    (``role="img"``, ``<title>``, ``<desc>``), written as ``figures/<figure id>__<key>.svg``."""

    key: str
    svg: str
    alt: str
    caption: str


@dataclass(frozen=True, eq=False)
class FigureData:
    """The numbers behind one figure or table, in one language, ready to chart and print.

    ``table`` holds the published rows (machine column names; ``key`` identifies the
    category and is not printed). ``indicators`` holds one 0/1 column per category key
    (NaN outside the base), so comparisons can compute any combination of categories.
    ``message`` replaces the numbers when the figure cannot be shown. A figure that is not a
    chart of one table (Tekstvak 2, Afbeelding 2) carries ``paragraphs``, ``blocks`` (titled
    parts with their own tables) and ``images`` instead of (or besides) ``table``; ``detail`` keeps the analysis result
    behind it (for the findings).
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
    weighted: bool = False  # pct and intervals are weighted
    effective_n: float | None = None  # Kish's effective n of the base (weighted figures)
    effective_n_range: tuple[float, float] | None = None  # when the base differs per item
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    images: tuple[Image, ...] = ()
    detail: Any = None

    @property
    def ok(self) -> bool:
        return self.message is None and (
            self.table is not None or bool(self.blocks or self.images or self.paragraphs)
        )


ComputeFn = Callable[[Context, FigureSpec], FigureData]


# --------------------------------------------------------------------------- helpers
def answer_codes(ctx: Context, column: str) -> pd.Series:
    """The answers in ``column`` as numeric codes (NaN where missing or not a number)."""
    return pd.to_numeric(ctx.data[column], errors="coerce")


def as_floats(codes: pd.Series) -> np.ndarray:
    """Numeric codes as a float array, NaN where missing."""
    return codes.to_numpy(dtype=float, na_value=np.nan)


def is_one_of(values: np.ndarray, wanted: Sequence[float]) -> np.ndarray:
    """``Series.isin`` for a float array and a few wanted numbers (NaN matches NaN)."""
    out = np.zeros(values.shape, dtype=bool)
    for v in wanted:
        out |= (values != values) if v != v else (values == v)
    return out


def _exclusions(
    codes: pd.Series | np.ndarray, population: pd.Series | np.ndarray, valid: Sequence[int]
) -> dict[str, int]:
    """Counts of not-applicable, no-answer and invalid codes within the population."""
    values = codes if isinstance(codes, np.ndarray) else as_floats(codes)
    inside = values[np.asarray(population, dtype=bool)]
    missing = inside != inside
    out = {
        "not_applicable": int(np.count_nonzero(inside == NOT_APPLICABLE)),
        "no_answer": int(np.count_nonzero(inside == NO_ANSWER) + np.count_nonzero(missing)),
        "invalid": int(
            np.count_nonzero(~is_one_of(inside, [*valid, NOT_APPLICABLE, NO_ANSWER]) & ~missing)
        ),
    }
    return {k: v for k, v in out.items() if v}


def indicator_of(values: np.ndarray, wanted: Sequence[float], in_base: np.ndarray) -> np.ndarray:
    """1.0 where ``values`` is one of ``wanted``, else 0.0; NaN outside the base."""
    return np.where(in_base, is_one_of(values, wanted).astype(float), np.nan)


def share_row(
    key: str,
    label: str,
    x: pd.Series,
    min_n: int,
    series: str | None = None,
    *,
    weights: WeightResult | None = None,
) -> dict[str, Any]:
    """One tidy row from a 0/1 series with NaN outside the base; ``pct`` and its interval
    weighted when ``weights`` are given (``n`` and ``base`` stay unweighted counts)."""
    base = int(x.notna().sum())
    row: dict[str, Any] = {"key": key, "category": label, "series": series, "base": base}
    if base == 0 or not check_min_n(base, min_n):
        return {**row, "n": pd.NA, "pct": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    r = proportion(x, weights=weights)
    return {**row, "n": r.count, "pct": 100 * r.estimate, "ci_low": 100 * r.ci_low,
            "ci_high": 100 * r.ci_high}  # fmt: skip


def _frame(rows: list[dict[str, Any]], with_series: bool) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    table["n"] = table["n"].astype("Int64")
    table["base"] = table["base"].astype("int64")
    return table if with_series else table.drop(columns="series")


def too_few_figure(ctx: Context, spec: FigureSpec, n: int, **kw: Any) -> FigureData:
    """The figure's "too few answers" message for a base of ``n`` (below ``ctx.min_n``)."""
    return FigureData(
        spec, ctx.lang, base_n=n, message=t(ctx.lang, "too_few", n=n, min_n=ctx.min_n), **kw
    )


def weighting_fields(ctx: Context, in_base: pd.Series | np.ndarray) -> dict[str, Any]:
    """The FigureData fields of a weighted figure whose base is ``in_base``."""
    return {"weighted": ctx.weighted, "effective_n": ctx.effective_n(in_base)}


def _labelled(item: Item, lang: str) -> list[tuple[str, int, str]]:
    assert item.choice_list is not None, f"{item.name} has no choices"
    return [(c.name, c.code, c.label(lang)) for c in item.choice_list.choices]


# --------------------------------------------------------------------------- compute
def single_choice(ctx: Context, spec: FigureSpec) -> FigureData:
    """Distribution of one select_one item over its choices (don't know included)."""
    item = ctx.item(spec.params["item"])
    choices = _labelled(item, ctx.lang)
    codes = as_floats(answer_codes(ctx, item.name))
    population = ctx.population(spec.base).to_numpy(dtype=bool)
    valid = [code for _, code, _ in choices]
    in_base = population & is_one_of(codes, valid)
    excluded = _exclusions(codes, population, valid)
    n = int(np.count_nonzero(in_base))
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n, excluded=excluded)
    indicators = pd.DataFrame(
        {name: indicator_of(codes, [code], in_base) for name, code, _ in choices},
        index=ctx.data.index,
    )
    rows = [share_row(name, label, indicators[name], ctx.min_n, weights=ctx.weights)
            for name, _, label in choices]  # fmt: skip
    return FigureData(spec, ctx.lang, _frame(rows, False), n, excluded=excluded,
                      indicators=indicators, **weighting_fields(ctx, in_base))  # fmt: skip


def multi_choice(ctx: Context, spec: FigureSpec) -> FigureData:
    """Share choosing each option of a select_multiple item; base: shown and answered."""
    item = ctx.item(spec.params["item"])
    choices = _labelled(item, ctx.lang)
    population = ctx.population(spec.base).to_numpy(dtype=bool)
    dummies = {
        name: as_floats(answer_codes(ctx, dummy_name(item.name, name))) for name, _, _ in choices
    }
    answered = np.logical_and.reduce([is_one_of(d, [0, 1]) for d in dummies.values()])
    first = next(iter(dummies.values()))
    # one code per organisation: 0 if answered, else the missing code (-99: inconsistent)
    missing = np.where(is_one_of(first, [NOT_APPLICABLE, NO_ANSWER]), first, -99.0)
    status = np.where(answered, 0.0, missing)
    excluded = _exclusions(status, population, [0, 1])
    in_base = population & answered
    n = int(np.count_nonzero(in_base))
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n, excluded=excluded)
    indicators = pd.DataFrame(
        {name: np.where(in_base, d, np.nan) for name, d in dummies.items()}, index=ctx.data.index
    )
    rows = [share_row(name, label, indicators[name], ctx.min_n, weights=ctx.weights)
            for name, _, label in choices]  # fmt: skip
    table = _frame(rows, False)
    table = table.sort_values("pct", ascending=False, kind="stable").reset_index(drop=True)
    return FigureData(spec, ctx.lang, table, n, excluded=excluded, indicators=indicators,
                      **weighting_fields(ctx, in_base))  # fmt: skip


def _multi_item(
    ctx: Context, spec: FigureSpec, groups: Sequence[tuple[str, str, Sequence[int]]]
) -> FigureData:
    """Rows per item x series, each series a set of codes; base per item: answered."""
    population = ctx.population(spec.base).to_numpy(dtype=bool)
    rows: list[dict[str, Any]] = []
    bases: list[int] = []
    effective: list[float] = []
    excluded: dict[str, int] = {}
    labels = spec.params.get("labels", {})
    for name in spec.params["items"]:
        item = ctx.item(name)
        codes = as_floats(answer_codes(ctx, name))
        valid = [code for _, code, _ in _labelled(item, ctx.lang)]
        in_base = population & is_one_of(codes, valid)
        bases.append(int(np.count_nonzero(in_base)))
        eff = ctx.effective_n(in_base)
        if eff is not None:
            effective.append(eff)
        for k, v in _exclusions(codes, population, valid).items():
            excluded[k] = excluded.get(k, 0) + v
        for key, series, wanted in groups:
            if key == "dont_know" and DONT_KNOW not in valid:
                continue
            x = pd.Series(indicator_of(codes, wanted, in_base), index=ctx.data.index)
            label = labels[name][ctx.lang] if name in labels else item.label(ctx.lang)
            rows.append(share_row(name, label, x, ctx.min_n, series, weights=ctx.weights)
                        | {"skey": key})  # fmt: skip
    lo, hi = min(bases), max(bases)
    if not check_min_n(hi, ctx.min_n):
        return too_few_figure(ctx, spec, hi, excluded=excluded, excluded_unit="answers")
    table = pd.DataFrame(rows)
    # drop a series nobody chose (e.g. "don't know" when nobody said it)
    used = table.groupby("skey", sort=False)["n"].apply(lambda s: s.fillna(0).sum() > 0)
    keep = [k for k, v in used.items() if v or k != "dont_know"]
    table = table[table["skey"].isin(keep)]
    tidy = _frame([{str(k): v for k, v in r.items()} for r in table.to_dict("records")], True)
    # the series' stable key beside its label: logic and colours use the key, never the label
    tidy["series_key"] = table["skey"].to_numpy()
    return FigureData(
        spec, ctx.lang, tidy, lo if lo == hi else None,
        base_range=(lo, hi), excluded=excluded, excluded_unit="answers", weighted=ctx.weighted,
        effective_n=effective[0] if effective and lo == hi else None,
        effective_n_range=(min(effective), max(effective)) if effective else None,
    )  # fmt: skip


def yes_items(ctx: Context, spec: FigureSpec) -> FigureData:
    """Share answering yes (and don't know) per yes/no/don't-know item (Figuur 2)."""
    groups = [
        ("yes", t(ctx.lang, "yes"), [1]),
        ("dont_know", t(ctx.lang, "dont_know"), [DONT_KNOW]),
    ]
    return _multi_item(ctx, spec, groups)


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
    share = data.table[data.table["series_key"] == "promoting"].set_index("key")["pct"]
    order = {
        k: i
        for i, k in enumerate(share.fillna(-1).sort_values(ascending=False, kind="stable").index)
    }
    table = data.table.sort_values("key", key=lambda s: s.map(order), kind="stable")
    return replace(data, table=table.reset_index(drop=True))


def spectrum_figure(ctx: Context, spec: FigureSpec) -> FigureData:
    """Number of innovation types combined (derived ``spectrum``), among innovators."""
    population = ctx.population(spec.base)
    values = ctx.data["spectrum"].astype("Float64")
    in_base = population & values.notna().to_numpy(dtype=bool, na_value=False)
    excluded = {"no_answer": int((population & ~in_base).sum())}
    excluded = {k: v for k, v in excluded.items() if v}
    n = int(in_base.sum())
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n, excluded=excluded)
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

    rows = [share_row(str(k), label(k), indicators[str(k)], ctx.min_n, weights=ctx.weights)
            for k in ks]  # fmt: skip
    return FigureData(spec, ctx.lang, _frame(rows, False), n, excluded=excluded,
                      indicators=indicators, notes=(t(ctx.lang, "spectrum_note"),),
                      **weighting_fields(ctx, in_base))  # fmt: skip
