"""Tabel 1 (population and response by sector) and Tabel 2 (organisations by cluster).

Groups with fewer than ``min_n`` responses are merged into a named remainder group with
:func:`barometer.stats.disclosure.merge_small_groups` (DESIGN.md section 8), as the 2021
report merged Hoge Colleges van Staat and Provincies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from barometer.classification import classification
from barometer.errors import ErrorCode, StatsError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures import Context, FigureData, register
from barometer.report.text import t
from barometer.stats.disclosure import check_min_n, merge_small_groups

__all__ = ["counts_by_cluster", "response_by_sector"]

TOTAL = "__total__"
OTHER_CLUSTERS = "__other_clusters__"


def _codes(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


def _merge(counts: pd.Series, ctx: Context, into: str) -> tuple[dict[str, str], list[str]]:
    mapping = merge_small_groups(counts, min_n=ctx.min_n, into=into)
    merged = [code for code, target in mapping.items() if target != code]
    return mapping, merged


@register("response_by_sector")
def response_by_sector(ctx: Context, spec: FigureSpec) -> FigureData:
    """Invited, completed and response rate per sector (completed only without a frame)."""
    cls = classification()
    lang = ctx.lang
    completed = _codes(ctx.data["sector"]).value_counts()
    invited: pd.Series | None = None
    if ctx.frame is not None:
        if "sector" not in ctx.frame.columns:
            raise StatsError(
                ErrorCode.STATS_INPUT, column="sector", detail="the frame has no column 'sector'"
            )
        invited = _codes(ctx.frame["sector"]).value_counts()
    seen = list(completed.index) + (list(invited.index) if invited is not None else [])
    order = [c for c in cls.sector_codes() if c in seen]
    order += [c for c in dict.fromkeys(seen) if c not in order]
    counts = pd.Series([int(completed.get(c, 0)) for c in order], index=order, dtype="int64")
    total = int(counts.sum())
    if not check_min_n(total, ctx.min_n):
        return FigureData(
            spec, lang, base_n=total, message=t(lang, "too_few", n=total, min_n=ctx.min_n)
        )
    remainder = cls.remainder.code
    mapping, merged = _merge(counts, ctx, remainder)

    def label(code: str) -> str:
        return cls.sector_label(code, lang) if code else t(lang, "no_sector")

    published = [c for c in order if mapping[c] == c and c != remainder]
    if merged or remainder in order:
        published.append(remainder)
    rows = []
    for code in published:
        members = [c for c in order if mapping[c] == code]
        name = label(code)
        if code == remainder:
            base = cls.remainder.label(lang).split(" (")[0]
            name = f"{base} ({', '.join(label(c) for c in members)})"
        row: dict[str, object] = {"key": code, "sector": name}
        if invited is not None:
            row["invited"] = int(sum(invited.get(c, 0) for c in members))
        row["completed"] = int(sum(counts.get(c, 0) for c in members))
        rows.append(row)
    total_row: dict[str, object] = {"key": TOTAL, "sector": t(lang, "total")}
    if invited is not None:
        total_row["invited"] = int(invited.sum())
    total_row["completed"] = total
    rows.append(total_row)
    table = pd.DataFrame(rows)
    notes: list[str] = []
    if invited is not None:
        inv = table["invited"].astype(float)
        table["response"] = np.where(inv > 0, 100 * table["completed"] / inv.where(inv > 0), np.nan)
    else:
        notes.append(t(lang, "no_frame"))
    if merged:
        notes.append(t(lang, "merged", min_n=ctx.min_n, names=", ".join(label(c) for c in merged)))
    return FigureData(spec, lang, table, total, notes=tuple(notes))


@register("counts_by_cluster")
def counts_by_cluster(ctx: Context, spec: FigureSpec) -> FigureData:
    """Completed questionnaires per thematic cluster, largest first."""
    cls = classification()
    lang = ctx.lang
    codes = (
        _codes(ctx.data["cluster"])
        if "cluster" in ctx.data.columns
        else pd.Series("", index=ctx.data.index)
    )
    counts = codes.value_counts()
    known = {c: i for i, c in enumerate(cls.cluster_codes())}
    order = sorted(counts.index, key=lambda c: (-int(counts[c]), known.get(c, len(known)), c))
    counts = counts.reindex(order).astype("int64")
    total = int(counts.sum())
    if not check_min_n(total, ctx.min_n):
        return FigureData(
            spec, lang, base_n=total, message=t(lang, "too_few", n=total, min_n=ctx.min_n)
        )
    mapping, merged = _merge(counts, ctx, OTHER_CLUSTERS)

    def label(code: str) -> str:
        return cls.cluster_label(code, lang) if code else t(lang, "no_cluster")

    rows = [
        {"key": c, "cluster": label(c), "organisations": int(counts[c])}
        for c in order
        if mapping[c] == c
    ]
    if merged:
        names = ", ".join(label(c) for c in merged)
        rows.append({"key": OTHER_CLUSTERS, "cluster": f"{t(lang, 'remainder_clusters')} ({names})",
                     "organisations": int(sum(counts[c] for c in merged))})  # fmt: skip
    rows.append({"key": TOTAL, "cluster": t(lang, "total"), "organisations": total})
    notes = (
        (t(lang, "merged", min_n=ctx.min_n, names=", ".join(label(c) for c in merged)),)
        if merged
        else ()
    )
    return FigureData(spec, lang, pd.DataFrame(rows), total, notes=notes)
