"""One figure across waves: aligned rows, each wave's value and the tested changes.

:func:`compare_figure` takes each wave's :class:`~barometer.report.figures.core.FigureData` (from
:func:`compute_figure`, which runs the report's own compute function) and aligns the rows by
category key and series. Comparability rests on the questionnaire: see :func:`figure_items`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from barometer import study
from barometer.dataset import Dataset, dummy_name
from barometer.errors import BarometerError
from barometer.questionnaire import Questionnaire
from barometer.report.catalogue import FigureSpec, get_spec
from barometer.report.compare.text import ct
from barometer.report.figures.benchmarks import attach_benchmarks
from barometer.report.figures.core import Context, FigureData
from barometer.report.figures.registry import COMPUTE
from barometer.report.text import fmt_int, t
from barometer.stats.disclosure import check_min_n
from barometer.stats.proportions import two_proportion_test

__all__ = [
    "ALPHA",
    "BASE_ITEMS",
    "PER_WAVE_KEYS",
    "Change",
    "ComparisonRow",
    "FigureComparison",
    "WaveValue",
    "compare_figure",
    "compute_figure",
    "figure_items",
    "is_percentages",
    "item_signature",
]

ALPHA = 0.05
"""A change is significant only if its p-value is below this."""

_STUDY = study.default()
_INNOVATED = _STUDY.concept("innovated").item
BASE_ITEMS: Mapping[str, tuple[str, ...]] = {
    "all": (),
    "innovators": (_INNOVATED,),
    "innovators_tech": (_INNOVATED, _STUDY.concept("technology_share").item),
}
"""Items that define a base: if one of them changed, the base changed."""


PER_WAVE_KEYS = ("kmeans:",)
"""Row keys (prefixes) whose categories are redefined in every wave (k-means groups): their
values are shown, their changes are not computed."""


@dataclass(frozen=True)
class WaveValue:
    """One wave's percentage for one row; ``pct`` is NaN (and ``reason`` says why) when hidden."""

    wave: str
    count: int | None
    base: int | None
    pct: float
    ci_low: float
    ci_high: float
    reason: str = ""

    @property
    def shown(self) -> bool:
        return not math.isnan(self.pct)


@dataclass(frozen=True)
class Change:
    """The change from wave ``start`` to wave ``end`` in percentage points (end − start)."""

    start: str
    end: str
    diff: float
    p_value: float
    significant: bool | None
    comparable: bool
    note: str = ""


@dataclass(frozen=True, eq=False)
class ComparisonRow:
    key: str
    category: str
    series: str | None
    values: tuple[WaveValue, ...]
    changes: tuple[Change, ...]
    series_key: str | None = None
    """The series' stable key (``promoting``, ``yes``, ...) where the figure has one."""

    def value(self, wave: str) -> WaveValue:
        return next(v for v in self.values if v.wave == wave)

    def change(self, start: str, end: str) -> Change:
        return next(c for c in self.changes if (c.start, c.end) == (start, end))


@dataclass(frozen=True, eq=False)
class FigureComparison:
    """One figure across the waves: aligned rows, per-wave messages and notes."""

    spec: FigureSpec
    number: str
    title: str
    base_line: str
    waves: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    rows: tuple[ComparisonRow, ...]
    messages: Mapping[str, str]
    """Wave -> why the figure has no numbers in that wave (failed, too few, question absent)."""
    comparable: Mapping[tuple[str, str], bool]
    notes: tuple[str, ...]
    data: Mapping[str, FigureData] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def has_series(self) -> bool:
        return any(r.series is not None for r in self.rows)

    def row(self, key: str, series: str | None = None) -> ComparisonRow:
        return next(r for r in self.rows if r.key == key and r.series == series)

    def table(self) -> pd.DataFrame:
        """The wide table written as ``tables/<id>.csv`` (and printed in the HTML)."""
        from barometer.report.compare.write import comparison_table

        return comparison_table(self)


# --------------------------------------------------------------------------- items
_CLIMATE_ITEMS = frozenset(_STUDY.scale_candidates())


def figure_items(spec: FigureSpec, *questionnaires: Questionnaire) -> tuple[str, ...]:
    """The questionnaire items a figure rests on, including those defining its base and, for
    the climate chapter, every climate statement of ``questionnaires`` (the score and its
    groups rest on them)."""
    params = spec.params
    own: list[str] = []
    if "item" in params:
        own.append(params["item"])
    if "items" in params:
        own += list(params["items"])
    if spec.compute == "spectrum":
        own += list(get_spec("fig02_innovation_types").params["items"])
    if spec.section == "climate" or "climate" in (spec.compute or ""):
        for q in questionnaires:
            own += [i.name for i in q.answerable() if i.name in _CLIMATE_ITEMS]
    return tuple(dict.fromkeys([*BASE_ITEMS.get(spec.base, ()), *own]))


_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _text(labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Labels with years masked: the reference period moves with every wave ("in 2019 of
    2020" becomes "in 2023 of 2024") without the question changing."""
    return tuple(sorted((lang, _YEAR.sub("YYYY", " ".join(text.split()))) for lang, text in labels.items()))  # fmt: skip


def item_signature(q: Questionnaire, name: str) -> tuple[Any, ...] | None:
    """What must stay the same for an item to be comparable between waves: its type, its
    wording in every language (years masked), its choices (name, code, labels) and the
    conditions that show it. None if the questionnaire has no such item."""
    try:
        item = q.item(name)
    except KeyError:
        return None
    choices: tuple[Any, ...] = ()
    if item.choice_list is not None:
        choices = tuple((c.name, c.code, _text(c.labels)) for c in item.choice_list.choices)
    return (item.type, _text(item.labels), choices, item.conditions)


def _present(ds: Dataset, name: str) -> bool:
    """The item is in the wave's questionnaire and its columns are in the data."""
    try:
        item = ds.questionnaire.item(name)
    except KeyError:
        return False
    if item.type == "select_multiple" and item.choice_list is not None:
        return all(dummy_name(name, c) in ds.data.columns for c in item.choice_list.names())
    return name in ds.data.columns


# --------------------------------------------------------------------------- compute
def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if isinstance(exc, KeyError) else text


def compute_figure(ctx: Context, ds: Dataset, spec: FigureSpec) -> FigureData:
    """The figure as that wave's report computes it (same functions, benchmarks attached)."""
    absent = [name for name in figure_items(spec, ds.questionnaire) if not _present(ds, name)]
    if absent:
        message = ct(ctx.lang, "item_missing", items=", ".join(absent))
        return FigureData(spec, ctx.lang, message=message, wave=ctx.wave)
    assert spec.compute is not None
    try:
        data = COMPUTE[spec.compute](ctx, spec)
        return attach_benchmarks(replace(data, wave=ctx.wave), ctx)
    except Exception as exc:  # one broken figure must not break the comparison
        message = t(ctx.lang, "failed", reason=_reason(exc))
        return FigureData(spec, ctx.lang, message=message, wave=ctx.wave)


def is_percentages(data: FigureData) -> bool:
    return data.table is not None and {"key", "category", "pct", "base"} <= set(data.table)


def _value(wave: str, row: Mapping[str, Any] | None, data: FigureData, min_n: int) -> WaveValue:
    nan = float("nan")
    if not data.ok:
        return WaveValue(wave, None, None, nan, nan, nan, data.message or "")
    if row is None:
        return WaveValue(wave, None, None, nan, nan, nan, ct(data.lang, "reason_absent"))
    base = int(row["base"])
    if pd.isna(row["pct"]) or pd.isna(row["n"]) or not check_min_n(base, min_n):
        reason = ct(data.lang, "reason_suppressed", min_n=min_n)
        return WaveValue(wave, None, None, nan, nan, nan, reason)
    return WaveValue(wave, int(row["n"]), base, float(row["pct"]), float(row["ci_low"]),
                     float(row["ci_high"]))  # fmt: skip


def _change(a: WaveValue, b: WaveValue, comparable: bool, lang: str, why: str = "") -> Change:
    nan = float("nan")
    if not comparable:
        return Change(a.wave, b.wave, nan, nan, None, False, why or ct(lang, "not_comparable"))
    if not (a.shown and b.shown):
        reason = b.reason if a.shown else a.reason
        return Change(a.wave, b.wave, nan, nan, None, True, f"{a.wave if not a.shown else b.wave}: {reason}")  # fmt: skip
    assert a.count is not None and a.base and b.count is not None and b.base
    diff = b.pct - a.pct
    try:
        p = two_proportion_test(b.count / b.base, b.base, a.count / a.base, a.base).pvalue
    except BarometerError:
        return Change(a.wave, b.wave, diff, nan, None, True, ct(lang, "no_test_equal"))
    return Change(a.wave, b.wave, diff, p, bool(p < ALPHA), True)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in table.to_dict("records")]


def _row_key(r: Mapping[str, Any]) -> tuple[str, str | None]:
    series = r.get("series")
    return str(r["key"]), (None if series is None or pd.isna(series) else str(series))


def _base_line(
    spec: FigureSpec, waves: Sequence[str], per: Mapping[str, FigureData], lang: str, min_n: int
) -> str:
    """ "Basis: ...; n = 313 (2021), < 5 (2025)": a base below ``min_n`` is not printed."""

    def n(value: int) -> str:
        return f"< {min_n}" if value < min_n else fmt_int(value, lang)

    parts = []
    for w in waves:
        d = per[w]
        if d.base_n is not None:
            parts.append(ct(lang, "base_part", n=n(d.base_n), wave=w))
        elif d.base_range is not None:
            lo, hi = d.base_range
            parts.append(ct(lang, "base_part_range", lo=n(lo), hi=n(hi), wave=w))
        else:
            parts.append(ct(lang, "base_part", n="–", wave=w))
    return ct(lang, "base_waves", base=spec.base_in(lang), parts=", ".join(parts))


def compare_figure(
    spec: FigureSpec,
    waves: Sequence[tuple[str, Dataset]],
    per: Mapping[str, FigureData],
    pairs: Sequence[tuple[str, str]],
    lang: str,
    min_n: int,
) -> FigureComparison:
    labels = [w for w, _ in waves]
    ds = dict(waves)
    comparable: dict[tuple[str, str], bool] = {}
    notes: list[str] = []
    for a, b in pairs:
        items = figure_items(spec, ds[a].questionnaire, ds[b].questionnaire)
        absent = [f"{i} ({w})" for w in (a, b) for i in items if not _present(ds[w], i)]
        changed = [
            i
            for i in items
            if _present(ds[a], i)
            and _present(ds[b], i)
            and item_signature(ds[a].questionnaire, i) != item_signature(ds[b].questionnaire, i)
        ]
        comparable[(a, b)] = not (absent or changed)
        if absent or changed:
            why = [ct(lang, "item_changed", items=", ".join(changed))] if changed else []
            why += [ct(lang, "items_absent", items=", ".join(absent))] if absent else []
            notes.append(ct(lang, "not_comparable_note", start=a, end=b, items="; ".join(why)))
        elif ds[a].codebook.questionnaire_version != ds[b].codebook.questionnaire_version:
            versions = f"{ds[a].codebook.questionnaire_version} → {ds[b].codebook.questionnaire_version}"  # fmt: skip
            notes.append(ct(lang, "version_same_item", versions=versions))
    # align rows: the latest wave's order first, then rows only earlier waves have
    tables: dict[str, dict[tuple[str, str | None], dict[str, Any]]] = {}
    order: list[tuple[str, str | None]] = []
    for w in reversed(labels):
        d = per[w]
        recs = _records(d.table) if d.ok and d.table is not None else []
        tables[w] = {_row_key(r): r for r in recs}
        order += [k for k in tables[w] if k not in order]
    rows = []
    for key in order:
        holder = next(w for w in reversed(labels) if key in tables[w])
        category = str(tables[holder][key]["category"])
        values = tuple(_value(w, tables[w].get(key), per[w], min_n) for w in labels)
        by_wave = {v.wave: v for v in values}
        if key[0].startswith(PER_WAVE_KEYS):
            groups = ct(lang, "not_comparable_groups")
            changes = tuple(_change(by_wave[a], by_wave[b], False, lang, groups) for a, b in pairs)
        else:
            changes = tuple(_change(by_wave[a], by_wave[b], comparable[(a, b)], lang)
                            for a, b in pairs)  # fmt: skip
        skey = tables[holder][key].get("series_key")
        skey = None if skey is None or pd.isna(skey) else str(skey)
        rows.append(ComparisonRow(key[0], category, key[1], values, changes, skey))
    messages = {w: per[w].message or "" for w in labels if not per[w].ok}
    if any(r.key.startswith(PER_WAVE_KEYS) for r in rows):
        notes.append(ct(lang, "per_wave_groups"))
    if spec.section == "climate" or "climate" in (spec.compute or ""):
        notes.append(ct(lang, "climate_note"))
    if any(not v.shown and v.reason.startswith(ct(lang, "reason_suppressed", min_n=min_n)) for r in rows for v in r.values):  # fmt: skip
        notes.append(t(lang, "suppressed_rows", min_n=min_n))
    return FigureComparison(
        spec, spec.number_label(lang), spec.title_in(lang), _base_line(spec, labels, per, lang, min_n),
        tuple(labels), tuple(pairs), tuple(rows), messages, comparable, tuple(notes), dict(per),
    )  # fmt: skip
