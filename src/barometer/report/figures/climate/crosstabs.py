"""Figures 18-21: innovation by climate group (frequency, spectrum, success factors,
results), each a cross table climate group × category with a chi-square and the gap
strong − limited.

Weighted when the report is (:func:`~barometer.report.figures.climate.group_shares.group_shares`):
the percentages, their intervals and the gaps; the chi-square stays unweighted and the
note says so.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from barometer import study
from barometer.dataset import dummy_name
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.climate.common import (
    AGREE,
    DONT_KNOW,
    GROUP_ORDER,
    NO_ANSWER,
    NOT_APPLICABLE,
    TIDY,
    VALID,
    effective_range,
    group_label,
    groups_of,
    needs_scale,
    no_score_note,
    num,
    tidy_frame,
    unweighted_note,
)
from barometer.report.figures.climate.group_shares import (
    as_groups,
    chi_notes,
    gap_note,
    gap_of,
    group_shares,
    test_columns,
)
from barometer.report.figures.climate.text import groups_basis, tc
from barometer.report.figures.core import (
    Context,
    FigureData,
    answer_codes,
    as_floats,
    indicator_of,
    is_one_of,
    too_few_figure,
    weighting_fields,
)
from barometer.report.text import t
from barometer.stats.analysis import ClimateAnalysis
from barometer.stats.analysis_compare import GroupTable
from barometer.stats.disclosure import check_min_n

__all__ = [
    "climate_factors",
    "climate_frequency",
    "climate_results",
    "climate_spectrum",
    "result_dummies",
]

Items = Sequence[tuple[str, str, pd.Series]]
_COUNT = study.default().concept("innovation_count").item
_INNOVATED = study.default().concept("innovated").item


# --------------------------------------------------------------------------- 18 and 19
def _distribution_by_group(
    ctx: Context,
    spec: FigureSpec,
    res: ClimateAnalysis,
    values: pd.Series,
    categories: Sequence[tuple[Hashable, str]],
    in_population: pd.Series,
    dont_know: pd.Series | None = None,
) -> tuple[FigureData, GroupTable | None]:
    """The cross table climate group × ``categories``. Organisations that answered "don't
    know" (``dont_know``) are left out of the base and the test, and counted apart."""
    lang = ctx.lang
    groups = as_groups(groups_of(res), GROUP_ORDER).where(in_population)
    base = in_population & values.notna() & groups.notna()
    n = int(base.sum())
    if not check_min_n(n, ctx.min_n):
        return too_few_figure(ctx, spec, n), None
    gt = group_shares(ctx, values.where(base), groups, categories=[c for c, _ in categories],
                      group_order=GROUP_ORDER, high="strong", low="limited")  # fmt: skip
    labels = dict(categories)
    rows = []
    for r in gt.table.to_dict("records"):
        rows.append({
            "key": f"{r['group']}:{r['category']}", "category": group_label(lang, r["group"]),
            "series": labels[r["category"]], "n": r["count"], "base": r["base"], "pct": r["pct"],
            "ci_low": r["ci_low"], "ci_high": r["ci_high"],
        })  # fmt: skip
    unknown = in_population & groups.notna() & values.isna()
    dk = unknown & dont_know if dont_know is not None else unknown & False
    excluded = {"dont_know": int(dk.sum()), "no_answer": int((unknown & ~dk).sum())}
    notes = [groups_basis(lang), *chi_notes(lang, gt), tc(lang, "stacked")]
    notes += no_score_note(lang, res, in_population)
    notes += unweighted_note(ctx, "unweighted_chi")
    data = FigureData(spec, lang, tidy_frame(rows, TIDY), n,
                      excluded={k: v for k, v in excluded.items() if v}, notes=tuple(notes),
                      **weighting_fields(ctx, base))  # fmt: skip
    return data, gt


def _with_gap_note(data: FigureData, note: str | None, *extra: str) -> FigureData:
    """``data`` with the gap ``note`` second among its notes and ``extra`` at the end."""
    notes = list(data.notes)
    if note:
        notes.insert(1, note)
    return replace(data, notes=(*notes, *extra))


@needs_scale
def climate_frequency(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 18: number of innovations (none, 1, 2-4, 5-9, 10+) by climate group; base all
    organisations with a score that answered yes or no (non-innovators count as none).
    "Don't know" whether the organisation innovated is left out of the base and the test,
    as SPSS and PSPP leave a missing value out, and counted under the figure."""
    lang = ctx.lang
    item = ctx.item(_COUNT)
    assert item.choice_list is not None
    choices = [(c.code, c.label(lang)) for c in item.choice_list.choices]
    innovated = ctx.data["innovated"]
    count = answer_codes(ctx, _COUNT)
    values = pd.Series(np.nan, index=ctx.data.index, dtype=object)
    inn = innovated.fillna(False).astype(bool)
    values[innovated.notna().to_numpy(dtype=bool) & ~inn] = 0
    ok = inn & count.isin([c for c, _ in choices])
    values[ok] = count[ok].astype("int64").to_numpy()
    dont_know = pd.to_numeric(ctx.data[_INNOVATED], errors="coerce") == DONT_KNOW
    values[dont_know.to_numpy()] = np.nan
    values = values.where(values.notna())
    population = ctx.population(spec.base)
    data, gt = _distribution_by_group(
        ctx, spec, res, values, [(0, tc(lang, "none")), *choices], population, dont_know
    )
    if gt is None:
        return data
    binary = (values != 0).astype(float).where(values.notna() & population)
    gi = group_shares(ctx, binary, groups_of(res), categories=[1.0, 0.0],
                      group_order=GROUP_ORDER, high="strong", low="limited",
                      shown=[1.0])  # fmt: skip
    return _with_gap_note(data, gap_note(lang, tc(lang, "innovated"), gi, 1.0))


@needs_scale
def climate_spectrum(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 19: number of innovation types combined by climate group; base innovators
    (the 2021 label n=366 was wrong: the spectrum exists for innovators only)."""
    lang = ctx.lang
    population = ctx.population(spec.base)
    values = ctx.data["spectrum"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    series = pd.Series(values, index=ctx.data.index).where(population)
    ks = [0, 1, 2, 3, 4] if (series == 0).any() else [1, 2, 3, 4]

    def label(k: int) -> str:
        return t(lang, "types_0" if k == 0 else "types_1" if k == 1 else "types_n", k=k)

    data, gt = _distribution_by_group(
        ctx, spec, res, series, [(float(k), label(k)) for k in ks], population
    )
    if gt is None:
        return data
    note = gap_note(lang, tc(lang, "all_four"), gt, 4.0)
    return _with_gap_note(data, note, t(lang, "spectrum_note"))


# --------------------------------------------------------------------------- 20 and 21
def _items_by_group(
    ctx: Context,
    spec: FigureSpec,
    res: ClimateAnalysis,
    items: Items,
    excluded: Mapping[str, int],
    highlight: bool = False,
) -> tuple[FigureData, dict[str, GroupTable]]:
    """Rows item x climate group of a 0/1 indicator per item, sorted by the gap strong -
    limited (largest first, marked if ``highlight``), with a chi-square per item."""
    lang = ctx.lang
    groups = as_groups(groups_of(res), GROUP_ORDER)
    tests: dict[str, GroupTable] = {}
    masks = []
    for key, _, x in items:
        x = x.where(groups.notna())
        masks.append(x.notna())
        if x.notna().any():
            tests[key] = group_shares(ctx, x, groups, categories=[1.0, 0.0],
                                      group_order=GROUP_ORDER, high="strong", low="limited",
                                      shown=[1.0])  # fmt: skip
    bases = [int(m.sum()) for m in masks]
    lo, hi = (min(bases), max(bases)) if bases else (0, 0)
    if not check_min_n(hi, ctx.min_n) or not tests:
        return too_few_figure(ctx, spec, hi), tests

    def gap(key: str) -> float:
        g = gap_of(tests[key]) if key in tests else None
        return g["gap"] if g is not None else -math.inf

    ordered = sorted(items, key=lambda it: -gap(it[0]))
    top = ordered[0][0] if highlight and gap(ordered[0][0]) > -math.inf else None
    rows, low_items = [], []
    for key, label, _ in ordered:
        if key not in tests:
            continue
        gt = tests[key]
        name = f"{label} ({tc(lang, 'largest_gap')})" if key == top else label
        first = True
        for r in gt.table[gt.table["category"] == 1.0].to_dict("records"):
            row: dict[str, Any] = {
                "key": f"{key}:{r['group']}", "category": name,
                "series": group_label(lang, r["group"]), "n": r["count"], "base": r["base"],
                "pct": r["pct"], "ci_low": r["ci_low"], "ci_high": r["ci_high"],
            }  # fmt: skip
            if first:
                row |= test_columns(gt)
                first = False
            rows.append(row)
        if gt.chi2 is not None and gt.chi2.warning:
            low_items.append(label)
    columns = [*TIDY, "gap", "gap_ci_low", "gap_ci_high", "gap_p", "chi2", "df", "chi2_p",
               "cramers_v", "low_expected"]  # fmt: skip
    table = tidy_frame(rows, columns)
    table["df"] = table["df"].astype("Int64")
    notes = [groups_basis(lang), tc(lang, "sorted_by_gap"), tc(lang, "chi_items")]
    if low_items:
        notes.append(tc(lang, "chi_low_items", items=", ".join(low_items)))
    notes += no_score_note(lang, res, ctx.population(spec.base))
    notes += unweighted_note(ctx, "unweighted_chi")
    data = FigureData(spec, lang, table, lo if lo == hi else None, base_range=(lo, hi),
                      excluded=dict(excluded), excluded_unit="answers", notes=tuple(notes),
                      **effective_range(ctx, masks))  # fmt: skip
    return data, tests


@needs_scale
def climate_factors(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 20: % (strongly) promoting per factor by climate group; base innovators
    answering the factor (don't know in the base, as Figuur 13); largest gap marked."""
    lang = ctx.lang
    population = ctx.population(spec.base).to_numpy(dtype=bool)
    rows = np.flatnonzero(population)
    items, excluded = [], {"not_applicable": 0, "no_answer": 0}
    for name in spec.params["items"]:
        codes = as_floats(answer_codes(ctx, name))
        in_base = population & is_one_of(codes, [*VALID, DONT_KNOW])
        inside = codes.take(rows)
        excluded["not_applicable"] += int(np.count_nonzero(inside == NOT_APPLICABLE))
        excluded["no_answer"] += int(
            np.count_nonzero(inside == NO_ANSWER) + np.count_nonzero(inside != inside)
        )
        x = pd.Series(indicator_of(codes, AGREE, in_base), index=ctx.data.index)
        items.append((name, ctx.item(name).label(lang), x))
    data, tests = _items_by_group(
        ctx, spec, res, items, {k: v for k, v in excluded.items() if v}, highlight=True
    )
    if not data.ok:
        return data
    gaps = {k: g for k, gt in tests.items() if (g := gap_of(gt)) is not None}
    notes = list(data.notes)
    if gaps:
        top = max(gaps, key=lambda k: gaps[k]["gap"])
        g = gaps[top]
        notes.insert(0, tc(lang, "largest_gap_note", item=ctx.item(top).label(lang),
                           gap=num(g["gap"], lang), lo=num(g["gap_ci_low"], lang),
                           hi=num(g["gap_ci_high"], lang)))  # fmt: skip
    notes.append(tc(lang, "fig20_title_note"))
    return replace(data, notes=tuple(notes))


def result_dummies(ctx: Context, item_name: str, skip: Sequence[str]
                   ) -> tuple[list[tuple[str, str, pd.Series]], pd.Series, dict[str, int]]:  # fmt: skip
    """0/1 indicators (NaN outside the base) of a select_multiple item's choices; base:
    innovators whose dummies are all answered."""
    item = ctx.item(item_name)
    assert item.choice_list is not None
    choices = [c for c in item.choice_list.choices if c.name not in skip]
    all_dummies = pd.DataFrame(
        {c.name: answer_codes(ctx, dummy_name(item_name, c.name)) for c in item.choice_list.choices}
    )
    answered = all_dummies.isin([0, 1]).all(axis=1)
    population = ctx.population("innovators")
    first = all_dummies.iloc[:, 0][population]
    excluded = {
        "not_applicable": int((first == NOT_APPLICABLE).sum()),
        "no_answer": int((population & ~answered).sum() - (first == NOT_APPLICABLE).sum()),
    }
    in_base = population & answered
    items = [
        (c.name, c.label(ctx.lang), all_dummies[c.name].astype(float).where(in_base))
        for c in choices
    ]
    return items, in_base, {k: v for k, v in excluded.items() if v}


@needs_scale
def climate_results(ctx: Context, spec: FigureSpec, res: ClimateAnalysis) -> FigureData:
    """Figuur 21: share achieving each result by climate group; base innovators."""
    lang = ctx.lang
    items, _, excluded = result_dummies(ctx, spec.params["item"], spec.params.get("skip", ()))
    data, tests = _items_by_group(ctx, spec, res, items, excluded)
    if not data.ok:
        return data
    labels = {k: lab for k, lab, _ in items}
    gaps = [(k, g["gap"]) for k, gt in tests.items() if (g := gap_of(gt)) is not None]
    gaps.sort(key=lambda kv: -kv[1])
    text = "; ".join(f"{labels[k]} {num(g, lang)}" for k, g in gaps)
    notes = [tc(lang, "results_gaps", items=text), *data.notes] if gaps else list(data.notes)
    return replace(data, notes=tuple(notes))
