"""The data tables as published: one table feeds both the HTML ``<table>`` and the CSV.

:func:`published_table` rounds and selects the columns (CSV headers are the column keys);
:func:`render_rows` formats the same cells for the HTML page in the report's language.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from barometer.report.figures.core import FigureData
from barometer.report.text import COLUMNS, fmt_p, fmt_pct

__all__ = ["published_table", "render_rows"]

PCT = {"pct", "ci_low", "ci_high", "response", "value", "nl_pct"}
MAIN = ("category", "series", "sector", "cluster", "invited", "completed", "response",
        "organisations", "n", "base", "pct", "ci_low", "ci_high")  # fmt: skip
BENCH = (
    "category",
    "country",
    "value",
    "nl_pct",
    "nl_base",
    "study_n",
    "p_value",
    "source",
    "note",
)


P_COLUMNS = {"gap_p", "chi2_p"}


def _extra_columns() -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """Headers and decimals of the columns a figure adds through ``params["columns"]``."""
    from barometer.report.figures.climate import COLUMN_DECIMALS, COLUMN_HEADERS

    return COLUMN_HEADERS, COLUMN_DECIMALS


def published_table(data: FigureData, *, benchmarks: bool = False) -> pd.DataFrame | None:
    """The rows and columns printed for ``data`` (percentages rounded to 1 decimal,
    p-values to 4, other numbers to their column's decimals), or None when there is nothing
    to print. A figure chooses its own columns with ``params["columns"]``."""
    source = data.benchmarks if benchmarks else data.table
    if source is None or not data.ok or len(source) == 0:
        return None
    chosen = None if benchmarks else data.spec.params.get("columns")
    order = tuple(chosen) if chosen else (BENCH if benchmarks else MAIN)
    columns = [c for c in order if c in source.columns]
    table = source[columns].copy()
    _, decimals = _extra_columns()
    for col in columns:
        if col in PCT:
            table[col] = pd.to_numeric(table[col], errors="coerce").astype(float).round(1)
        elif col in P_COLUMNS:
            table[col] = pd.to_numeric(table[col], errors="coerce").astype(float).round(4)
        elif col in decimals and pd.api.types.is_numeric_dtype(table[col]):
            table[col] = table[col].astype(float).round(decimals[col])
    if "p_value" in table:
        table["p_value"] = table["p_value"].astype(float).round(4)
        table.insert(list(table.columns).index("p_value") + 1, "test", source["test"].to_numpy())
    if benchmarks and "value" in table:
        table["value"] = source["wording"].to_numpy()  # "80" or "ca. 11"
    return table.reset_index(drop=True)


def _cell(column: str, value: Any, lang: str, row: pd.Series) -> str:
    if column == "p_value":
        return fmt_p(value, lang) if not _missing(value) else str(row.get("test", ""))
    if _missing(value):
        return "–"
    if column in P_COLUMNS:
        return fmt_p(value, lang)
    if column in PCT and column != "value":
        return fmt_pct(value, lang)
    _, decimals = _extra_columns()
    if column in decimals and isinstance(value, float | np.floating):
        return fmt_pct(value, lang, decimals[column])
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else fmt_pct(value, lang)
    return str(value)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def render_rows(data: FigureData, *, benchmarks: bool = False) -> tuple[list[str], list[list[str]]]:
    """Headers and formatted cells for the HTML table (same rows and columns as the CSV,
    except that the ``test`` column is folded into ``p_value``)."""
    table = published_table(data, benchmarks=benchmarks)
    if table is None:
        return [], []
    lang = data.lang
    columns = [c for c in table.columns if c != "test"]
    extra, _ = _extra_columns()
    headers = [COLUMNS[lang].get(c) or extra.get(lang, extra["nl"]).get(c, c) for c in columns]
    rows = [[_cell(c, row[c], lang, row) for c in columns] for _, row in table.iterrows()]
    return headers, rows
