"""Tabel 1 (population and response by sector) and Tabel 2 (organisations by cluster).

The groups are the report's publication classification (``ctx.publication``,
:mod:`barometer.stats.publication`): a sector or cluster with fewer than ``min_n`` responses
sits in a named remainder group, as the 2021 report merged Hoge Colleges van Staat and
Provincies, and the same group is used by the weighting and every other table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from barometer.classification import classification
from barometer.errors import ErrorCode, StatsError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.core import Context, FigureData
from barometer.report.text import t
from barometer.stats.disclosure import check_min_n
from barometer.stats.publication import OTHER_CLUSTERS, codes

__all__ = ["counts_by_cluster", "response_by_sector"]

TOTAL = "__total__"


def _codes(values: pd.Series) -> pd.Series:
    return codes(values)


def response_by_sector(ctx: Context, spec: FigureSpec) -> FigureData:
    """Invited, completed and response rate per published sector group (completed only
    without a frame); the groups are the report's publication classification."""
    lang = ctx.lang
    if ctx.frame is not None and "sector" not in ctx.frame.columns:
        raise StatsError(
            ErrorCode.STATS_INPUT, column="sector", detail="the frame has no column 'sector'"
        )
    total = int(_codes(ctx.data["sector"]).size)
    if not check_min_n(total, ctx.min_n):
        return FigureData(
            spec, lang, base_n=total, message=t(lang, "too_few", n=total, min_n=ctx.min_n)
        )
    grouping = ctx.publication.sector
    rows = []
    for group in grouping.groups:
        row: dict[str, object] = {"key": group.code, "sector": group.label(lang)}
        if group.N is not None:
            row["invited"] = group.N
        row["completed"] = group.n
        rows.append(row)
    total_row: dict[str, object] = {"key": TOTAL, "sector": t(lang, "total")}
    if ctx.frame is not None:
        total_row["invited"] = len(ctx.frame)
    total_row["completed"] = total
    rows.append(total_row)
    table = pd.DataFrame(rows)
    notes: list[str] = []
    if ctx.frame is not None:
        inv = table["invited"].astype(float)
        table["response"] = np.where(inv > 0, 100 * table["completed"] / inv.where(inv > 0), np.nan)
    else:
        notes.append(t(lang, "no_frame"))
    merged = [m for m in grouping.merged_members() if m != classification().remainder.code]
    if merged:
        names = ", ".join(_member(m, lang) for m in merged)
        notes.append(t(lang, "merged", min_n=ctx.cell_min, names=names))
    return FigureData(spec, lang, table, total, notes=tuple(notes))


def _member(code: str, lang: str, variable: str = "sector") -> str:
    cls = classification()
    if not code:
        return t(lang, f"no_{variable}")
    return cls.sector_label(code, lang) if variable == "sector" else cls.cluster_label(code, lang)


def counts_by_cluster(ctx: Context, spec: FigureSpec) -> FigureData:
    """Completed questionnaires per published cluster group, largest first, the remainder
    of small clusters last (the report's publication classification)."""
    lang = ctx.lang
    total = len(ctx.data)
    if not check_min_n(total, ctx.min_n):
        return FigureData(
            spec, lang, base_n=total, message=t(lang, "too_few", n=total, min_n=ctx.min_n)
        )
    grouping = ctx.publication.cluster
    known = {c: i for i, c in enumerate(classification().cluster_codes())}
    own = [g for g in grouping.groups if not g.merged and g.n > 0]
    own.sort(key=lambda g: (-g.n, known.get(g.code, len(known)), g.code))
    rows = [{"key": g.code, "cluster": _member(g.code, lang, "cluster"), "organisations": g.n}
            for g in own]  # fmt: skip
    merged = [m for m in grouping.merged_members() if m != OTHER_CLUSTERS]
    for g in grouping.groups:
        if g.merged:
            rows.append({"key": OTHER_CLUSTERS, "cluster": g.label(lang), "organisations": g.n})
    rows.append({"key": TOTAL, "cluster": t(lang, "total"), "organisations": total})
    notes = (
        (t(lang, "merged", min_n=ctx.cell_min, names=", ".join(_member(m, lang, "cluster") for m in merged)),)
        if merged
        else ()
    )  # fmt: skip
    return FigureData(spec, lang, pd.DataFrame(rows), total, notes=notes)
