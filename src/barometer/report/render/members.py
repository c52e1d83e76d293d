"""Who the report's groups hold: each responding organisation's sector, cluster and size
class, for the disclosure manifest (``disclosure.json``) the report writes."""

from __future__ import annotations

import pandas as pd

from barometer.report.figures.core import Context
from barometer.stats.derive import SIZE_ITEM

__all__ = ["report_members", "size_labels"]


def report_members(ctx: Context) -> pd.DataFrame:
    """Each responding organisation's sector, cluster and size class (codes)."""
    data = ctx.data
    empty = pd.Series("", index=data.index)
    size = data[SIZE_ITEM].astype(str) if SIZE_ITEM in data else empty
    frame = ctx.frame
    if frame is not None and {"org_id", "size_class"} <= set(frame.columns) and "org_id" in data:
        by_org = frame.drop_duplicates("org_id").set_index("org_id")["size_class"].astype(str)
        size = data["org_id"].astype(str).map(by_org).fillna(size)  # the frame's, as weighted
    return pd.DataFrame({
        "org_id": data["org_id"].astype(str) if "org_id" in data else empty,
        "sector": data["sector"].astype(str) if "sector" in data else empty,
        "cluster": data["cluster"].astype(str) if "cluster" in data else empty,
        "size": size,
    })  # fmt: skip


def size_labels(ctx: Context) -> dict[str, str]:
    """Size class code (as the frame holds it) -> label in the report's language."""
    try:
        choices = ctx.item(SIZE_ITEM).choice_list
    except KeyError:
        return {}
    return {c.name: c.label(ctx.lang) for c in choices.choices} if choices is not None else {}
