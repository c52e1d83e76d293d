"""How a report is weighted, in words and a table: the cells, Kish's effective n and the
design effect (the "Weging" part of the report's method section)."""

from __future__ import annotations

from dataclasses import dataclass

from barometer.classification import classification
from barometer.disclosure.protect import Protection, protect_linked
from barometer.report.figures.core import Context, ExtraTable
from barometer.report.text import t
from barometer.stats.derive import SIZE_ITEM
from barometer.stats.weights import WeightResult

__all__ = ["Weighting", "protect_cells", "report_weighting"]


@dataclass(frozen=True, eq=False)
class Weighting:
    """How the report is weighted: the cells, Kish's effective n and the design effect."""

    by: tuple[str, ...]
    n: int
    population: float
    effective_n: float
    design_effect: float
    cells: ExtraTable
    collapsed: int
    min_cell: int
    notes: tuple[str, ...]


def _cell_label(cell: str, ctx: Context) -> str:
    """A weighting cell label in words: "gemeenten / lt100 + ..." -> "Gemeenten, < 100 ..."."""
    sizes: dict[str, str] = {}
    try:
        choices = ctx.item(SIZE_ITEM).choice_list
        if choices is not None:
            sizes = {c.name: c.label(ctx.lang) for c in choices.choices}
    except KeyError:
        pass
    parts = []
    for member in cell.split(" + "):
        codes = member.split(" / ")
        words = [_group_label(codes[0], ctx)] + [sizes.get(c, c) for c in codes[1:]]
        parts.append(", ".join(words))
    return " + ".join(parts)


def _group_label(code: str, ctx: Context) -> str:
    """The published sector group's label (the report's publication classification)."""
    try:
        return ctx.publication.sector.group(code).label(ctx.lang)
    except KeyError:
        return classification().sector_label(code, ctx.lang)


def _group_of(cell: str) -> str | None:
    """The published sector group of a weighting cell ("gemeenten / lt100 + gemeenten /
    100_250" -> "gemeenten"); None when its parts lie in different groups."""
    groups = {part.split(" / ")[0] for part in cell.split(" + ")}
    return groups.pop() if len(groups) == 1 else None


def protect_cells(ctx: Context, weights: WeightResult) -> Protection[tuple[str, ...]]:
    """Primary and secondary suppression of the weighting cells' response counts.

    The counts are linked to Tabel 1: the cells of one published sector group add up to the
    group's count there (and in every by-sector table), the groups to the report's n. Those
    margins are published anyway (every group has at least ``cell_min`` responses, by the
    publication classification), so they are fixed; a cell with 0 < n < ``cell_min`` is
    hidden, and further cells of the same group until the linear-programming audit leaves
    every hidden cell an interval at least ``min_n`` wide
    (:func:`~barometer.disclosure.protect.protect_linked`).
    """
    values: dict[tuple[str, ...], int] = {("total",): len(ctx.data)}
    groups = ctx.publication.sector.groups
    for g in groups:
        values[("group", g.code)] = g.n
    members: dict[str, list[tuple[str, ...]]] = {g.code: [] for g in groups}
    for cell, row in weights.cells.iterrows():
        key = ("cell", str(cell))
        values[key] = int(row.n)
        group = _group_of(str(cell))
        if group in members:
            members[group].append(key)
    relations: list[tuple[tuple[str, ...], list[tuple[str, ...]]]]
    relations = [(("total",), [("group", g.code) for g in groups])]
    relations += [(("group", code), keys) for code, keys in members.items() if keys]
    primary = [k for k, v in values.items() if k[0] == "cell" and 0 < v < ctx.cell_min]
    fixed = [k for k in values if k[0] != "cell"]
    done = protect_linked(values, relations, primary=primary, protection=ctx.min_n, fixed=fixed)
    if not done.protected:  # cannot happen with fixed margins of >= cell_min; be safe anyway
        weak = {k for k, i in done.intervals.items() if i.width < ctx.min_n}
        spread = [k for keys in members.values() if weak & set(keys) for k in keys]
        done = protect_linked(values, relations, primary=primary, hidden=spread,
                              protection=ctx.min_n, fixed=fixed)  # fmt: skip
    return done


def report_weighting(
    ctx: Context, weights: WeightResult, notes: tuple[str, ...], min_cell: int
) -> Weighting:
    lang = ctx.lang
    hidden = protect_cells(ctx, weights).hidden
    rows = []
    suppressed: set[tuple[int, int]] = set()
    for i, (cell, row) in enumerate(weights.cells.iterrows()):
        if ("cell", str(cell)) in hidden:  # the weight N / n would give n back: hidden too
            rows.append((_cell_label(str(cell), ctx), f"{row.N:.0f}", "", ""))
            suppressed |= {(i, 2), (i, 3)}
        else:
            rows.append((_cell_label(str(cell), ctx), f"{row.N:.0f}", f"{int(row.n)}",
                         f"{row.weight:.3f}"))  # fmt: skip
    cells = ExtraTable(
        "cells", t(lang, "weighting_caption"), ("cell", "frame_n", "responses", "weight"),
        (t(lang, "weighting_cell"), t(lang, "weighting_frame"), t(lang, "weighting_responses"),
         t(lang, "weighting_weight")), tuple(rows), suppressed=frozenset(suppressed),
    )  # fmt: skip
    if suppressed:
        notes = (*notes, "suppressed")
    return Weighting(
        by=weights.by, n=weights.n, population=weights.population,
        effective_n=weights.effective_n, design_effect=weights.design_effect, cells=cells,
        collapsed=len(weights.collapsed), min_cell=min_cell, notes=tuple(t(lang, "suppressed_cells", cell_min=ctx.cell_min) if k == "suppressed" else t(lang, f"weighting_{k}") for k in notes),
    )  # fmt: skip
