"""Small builders of Vega-Lite specs as plain dicts, for :mod:`.charts`.

The chart builders used to assemble their specs with Altair; Altair validates and copies
every piece and hashes the data frames, which cost as much as drawing the charts. These
helpers write the same JSON directly: an encoding from Altair's shorthand
(``"pct:Q"`` -> ``{"field": "pct", "type": "quantitative"}``), a mark, a data set from a
frame (missing values as ``null``), a layer.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

__all__ = ["channel", "condition", "layer", "mark", "values"]

TYPES = {"N": "nominal", "Q": "quantitative", "O": "ordinal", "T": "temporal"}


def channel(shorthand: str, **props: Any) -> dict[str, Any]:
    """An encoding channel: ``channel("pct:Q", title="%")``. Keyword arguments are the
    channel's properties as Vega-Lite names them (``None`` is written as ``null``)."""
    name, _, kind = shorthand.rpartition(":")
    if not name or kind not in TYPES:
        raise ValueError(f"not a field shorthand: {shorthand!r}")
    return {"field": name, "type": TYPES[kind], **props}


def mark(kind: str, **props: Any) -> dict[str, Any]:
    """A mark definition: ``mark("rule", color="#222222", strokeWidth=1)``."""
    return {"type": kind, **props}


def condition(test: str, if_true: Any, if_false: Any) -> dict[str, Any]:
    """A value that depends on a test on the datum (``alt.condition`` with values)."""
    return {"condition": {"test": test, "value": if_true}, "value": if_false}


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        value = item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def values(frame: pd.DataFrame) -> dict[str, Any]:
    """The inline data set of ``frame``: one record per row, NaN as ``null``."""
    columns = [str(c) for c in frame.columns]
    rows = [
        {c: _plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]
    return {"values": rows}


def layer(
    *layers: dict[str, Any], data: pd.DataFrame | None = None, **props: Any
) -> dict[str, Any]:
    """Layered chart: each layer is ``{"mark": ..., "encoding": ...}`` (with its own
    ``"data"`` if it has other data than ``data``, which all other layers share)."""
    spec: dict[str, Any] = {"layer": list(layers), **props}
    if data is not None:
        spec["data"] = values(data)
    return spec
