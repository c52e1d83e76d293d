"""One published table as the explorer shows it: rows for the HTML table, the CSV and the
chart, in the visitor's language. Reads the stored snapshot only."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from barometer.explorer.chart import ChartRow

__all__ = ["GROUP_COLUMNS", "REASONS", "Row", "csv_text", "reason_text", "table_rows"]

GROUP_COLUMNS = {
    "sector": "sector_group",
    "cluster": "cluster_group",
    "size": "size_class",
    "climate": "climate_group",
}
REASONS = {
    "nl": {
        "min_n": "onderdrukt: minder dan {min_n} organisaties",
        "cell_min": "onderdrukt: een aantal van 1 tot {cell_min_1} organisaties",
        "group_min": "onderdrukt: 0% of 100% in een groep van minder dan {group_min}",
        "complementary": "onderdrukt: anders is een onderdrukte cel uit de rest af te leiden",
        "total": "onderdrukt: het totaal is onderdrukt",
        "remainder": "onderdrukt: de organisaties zonder groep zijn er te weinig",
        "differencing": "onderdrukt: verschilt te weinig van een groep waar deze in valt",
    },
    "en": {
        "min_n": "suppressed: fewer than {min_n} organisations",
        "cell_min": "suppressed: a count of 1 to {cell_min_1} organisations",
        "group_min": "suppressed: 0% or 100% in a group of fewer than {group_min}",
        "complementary": "suppressed: otherwise a suppressed cell could be derived",
        "total": "suppressed: the total is suppressed",
        "remainder": "suppressed: too few organisations without a group",
        "differencing": "suppressed: too close to a group that contains it",
    },
}


def reason_text(reason: str, lang: str, policy: Mapping[str, int]) -> str:
    values = {**policy, "cell_min_1": policy["cell_min"] - 1}
    return REASONS["en" if lang == "en" else "nl"].get(reason, reason).format(**values)


@dataclass(frozen=True)
class Row:
    group: str
    category: str
    series: str
    n: int | None
    base: int | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    note: str

    def chart(self, with_group: bool) -> ChartRow:
        heading = f"{self.category} – {self.series}" if self.series else self.category
        return ChartRow(
            heading,
            self.group if with_group else "",
            self.value,
            self.ci_low,
            self.ci_high,
            self.n,
            self.base,
            self.note,
        )


def table_rows(
    indicator: Mapping[str, Any],
    table: Mapping[str, Any],
    groups: Mapping[str, list[dict[str, Any]]],
    breakdown: str,
    lang: str,
    policy: Mapping[str, int],
) -> list[Row]:
    """The table's cells in order: by row of the indicator, then by group."""
    labels = {g["code"]: g["label"][lang] for g in groups.get(breakdown, [])}
    universe = indicator["rows"]
    order = {code: i for i, code in enumerate(labels)}
    cells = sorted(table["rows"], key=lambda c: (c["row"], order.get(c["group"], -1)))
    out = []
    for c in cells:
        u = universe[c["row"]]
        hidden = c.get("hidden")
        out.append(
            Row(
                group=labels.get(c["group"], ""),
                category=u["category"][lang],
                series=u["series"][lang] if u["series"] else "",
                n=None if hidden else c["n"],
                base=None if hidden else c["base"],
                value=None if hidden else c["pct"],
                ci_low=None if hidden else c["ci_low"],
                ci_high=None if hidden else c["ci_high"],
                note=reason_text(hidden, lang, policy) if hidden else "",
            )
        )
    return out


def csv_text(rows: list[Row], breakdown: str, kind: str, version: str, series: bool) -> str:
    """The CSV download: the report's column names (``pct`` or ``mean``), a ``note`` on
    suppressed cells and the published ``version`` on every row."""
    head = [GROUP_COLUMNS[breakdown]] if breakdown in GROUP_COLUMNS else []
    head += ["category", *(["series"] if series else [])]
    head += ["n", "base", "mean" if kind == "mean" else "pct", "ci_low", "ci_high", "note"]
    head += ["version"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(head)
    decimals = 2 if kind == "mean" else 1
    for r in rows:
        cells = [r.group] if breakdown in GROUP_COLUMNS else []
        cells += [r.category, *([r.series] if series else [])]
        cells += ["" if r.n is None else str(r.n), "" if r.base is None else str(r.base)]
        cells += ["" if v is None else f"{v:.{decimals}f}" for v in (r.value, r.ci_low, r.ci_high)]
        cells += [r.note, version]
        writer.writerow([_safe(c) for c in cells])
    return buf.getvalue()


def _safe(cell: str) -> str:
    """No spreadsheet formula from a label (a cell starting with = + - @ gets a quote)."""
    return (
        "'" + cell if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _num(cell)) else cell
    )


def _num(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
