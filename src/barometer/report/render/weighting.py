"""How a report is weighted, in words and a table: the cells, Kish's effective n and the
design effect (the "Weging" part of the report's method section)."""

from __future__ import annotations

from dataclasses import dataclass

from barometer.classification import classification
from barometer.report.figures.core import Context, ExtraTable
from barometer.report.text import t
from barometer.stats.weights import WeightResult

__all__ = ["Weighting", "report_weighting"]


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
        choices = ctx.item("a1_size").choice_list
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


def report_weighting(
    ctx: Context, weights: WeightResult, notes: tuple[str, ...], min_cell: int
) -> Weighting:
    lang = ctx.lang
    rows = tuple(
        (_cell_label(str(cell), ctx), f"{row.N:.0f}", f"{int(row.n)}", f"{row.weight:.3f}")
        for cell, row in weights.cells.iterrows()
    )
    cells = ExtraTable(
        "cells", t(lang, "weighting_caption"), ("cell", "frame_n", "responses", "weight"),
        (t(lang, "weighting_cell"), t(lang, "weighting_frame"), t(lang, "weighting_responses"),
         t(lang, "weighting_weight")), rows,
    )  # fmt: skip
    return Weighting(
        by=weights.by, n=weights.n, population=weights.population,
        effective_n=weights.effective_n, design_effect=weights.design_effect, cells=cells,
        collapsed=len(weights.collapsed), min_cell=min_cell, notes=tuple(t(lang, f"weighting_{k}") for k in notes),
    )  # fmt: skip
