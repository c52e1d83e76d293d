"""Country comparison per wave: every published benchmark next to each Dutch wave.

The Dutch number, its base and the test come from
:func:`barometer.report.figures.benchmarks.attach_benchmarks` run on each wave's figure, so they are
exactly what that wave's report prints. The caveats are the report's own
(:data:`barometer.report.text.CAVEATS`) plus one about reference periods.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from barometer.report.catalogue import get_spec
from barometer.report.compare.text import ct
from barometer.report.figures.benchmarks import Value, load_benchmarks
from barometer.report.figures.core import FigureData
from barometer.report.text import CAVEATS, t

__all__ = ["CountryComparison", "CountryRow", "CountryValue", "compare_countries"]


@dataclass(frozen=True)
class CountryValue:
    """The Dutch side of one benchmark in one wave."""

    wave: str
    pct: float
    base: int | None
    p_value: float
    test: str


@dataclass(frozen=True, eq=False)
class CountryRow:
    figure_id: str
    figure: str
    category: str
    study: str
    country: str
    value: float
    wording: str
    comparable: bool
    study_n: int | None
    source: str
    note: str
    nl: tuple[CountryValue, ...]

    def wave(self, wave: str) -> CountryValue:
        return next(v for v in self.nl if v.wave == wave)


@dataclass(frozen=True, eq=False)
class CountryComparison:
    lang: str
    waves: tuple[str, ...]
    rows: tuple[CountryRow, ...]
    caveats: tuple[str, ...]

    def table(self) -> pd.DataFrame:
        """One row per published value; per wave the Dutch %, n, p and the test used
        (written as ``tables/countries.csv``)."""
        records = []
        for r in self.rows:
            rec: dict[str, Any] = {"figure": r.figure, "category": r.category,
                                   "country": r.country, "value": r.wording,
                                   "study_n": r.study_n}  # fmt: skip
            for v in r.nl:
                rec[f"nl_pct_{v.wave}"] = round(v.pct, 1) if not math.isnan(v.pct) else math.nan
                rec[f"nl_base_{v.wave}"] = v.base
                rec[f"p_{v.wave}"] = round(v.p_value, 4) if not math.isnan(v.p_value) else math.nan
                rec[f"test_{v.wave}"] = v.test
            rec["source"], rec["note"] = r.source, r.note
            records.append(rec)
        table = pd.DataFrame(records)
        for col in table.columns:
            if col == "study_n" or col.startswith("nl_base_"):
                table[col] = table[col].astype("Int64")
        return table


def _match(data: FigureData | None, v: Value) -> dict[str, Any] | None:
    if data is None or data.benchmarks is None:
        return None
    key = "+".join(v.category)
    hits = data.benchmarks[(data.benchmarks["key"] == key) & (data.benchmarks["study"] == v.study)]
    return {str(k): x for k, x in hits.iloc[0].items()} if len(hits) else None


def _num(x: Any) -> float:
    return math.nan if x is None or pd.isna(x) else float(x)


def compare_countries(
    per_wave: Mapping[str, Mapping[str, FigureData]], waves: Sequence[str], lang: str, min_n: int
) -> CountryComparison:
    """Every value of ``benchmarks.yaml`` next to each wave's Dutch number (no I/O)."""
    bench = load_benchmarks()
    rows = []
    for v in bench.values:
        study = bench.studies[v.study]
        if not waves or v.figure not in per_wave[waves[0]]:
            continue  # a figure not compared (or not in the catalogue)
        spec = get_spec(v.figure)
        matches = {w: _match(per_wave[w].get(v.figure), v) for w in waves}
        first = next((m for m in matches.values() if m is not None), None)
        label = str(first["category"]) if first else " / ".join(v.category)
        nl = []
        for w in waves:
            m = matches[w]
            if m is None:
                nl.append(CountryValue(w, math.nan, None, math.nan, ct(lang, "country_no_figure")))
                continue
            base = None if pd.isna(m["nl_base"]) else int(m["nl_base"])
            pct = _num(m["nl_pct"])
            if base is not None and base < min_n:  # attach_benchmarks already hides these
                base, pct = None, math.nan
            nl.append(CountryValue(w, pct, base, _num(m["p_value"]), str(m["test"] or "")))
        wording = f"{v.value:g}" if v.wording == "exact" else t(lang, "wording_circa", v=f"{v.value:g}")  # fmt: skip
        note = (v.note.get(lang) or v.note["nl"]) if v.note else ""
        rows.append(CountryRow(
            v.figure, spec.number_label(lang), label, v.study,
            study.name.get(lang) or study.name["nl"], v.value, wording, v.comparable,
            study.responses if study.responses and v.base == "all" else None, v.source, note,
            tuple(nl),
        ))  # fmt: skip
    caveats = (*CAVEATS[lang], ct(lang, "countries_periods"))
    return CountryComparison(lang, tuple(waves), tuple(rows), caveats)
