"""Trends between waves: every comparable indicator, its change and the change's test.

``compare_trends(waves, frames=None, links=None, lang="nl") -> Trends`` computes (no I/O);
``barometer.report.compare.trends_write.write_trends`` writes ``index.html`` and
``tables/trends.csv``. docs/trends.md describes the method:

* indicators are read off the questionnaire (:mod:`barometer.dataset.indicators`); an item
  is comparable between two waves when the item mapping
  (:func:`~barometer.questionnaire.mapping.find_mapping`) calls it *same* or *changed*
  (changed wording: the row carries the mapping's note); *new* and *retired* items give
  no row (they are listed apart). Two versions with no mapping are refused, naming the items
  that differ;
* each wave's share with its interval; with frames given, each wave is weighted to its *own*
  frame (:func:`~barometer.report.weighting.make_weights`) and the change is tested
  design-based, else unweighted (:func:`~barometer.stats.trends.cross_section_change`);
* an indicator with fewer than ``min_n`` organisations with it (or without it) in either
  wave is not shown (disclosure: no percentage rests on fewer; DESIGN.md section 8);
* the panel, organisations with the same ``org_id`` in both waves, gets McNemar's test
  (:func:`~barometer.stats.trends.mcnemar`); organisations that merged or split (the links
  file) are counted in a note but are not pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from barometer.dataset import Dataset
from barometer.dataset.indicators import Indicator, indicator_values, indicators
from barometer.errors import ErrorCode, StatsError, VersionsError
from barometer.published import PublishedWave, published_wave
from barometer.questionnaire.mapping import ItemMapping, find_mapping
from barometer.report.compare.figure import item_signature
from barometer.report.weighting import make_weights
from barometer.stats.proportions import ProportionResult
from barometer.stats.trends import (
    CrossSectionChange,
    PairedChange,
    cross_section_change,
    mcnemar,
    wave_share,
)

__all__ = ["TrendRow", "Trends", "WaveSide", "compare_trends", "item_status"]


@dataclass(frozen=True)
class WaveSide:
    """One wave: its label, questionnaire version, n, weighting and published facts."""

    label: str
    version: str
    n: int
    weighted: bool
    published: PublishedWave | None


@dataclass(frozen=True)
class TrendRow:
    indicator: Indicator
    status: str  # same, changed
    note: str
    earlier: ProportionResult
    later: ProportionResult
    change: CrossSectionChange | None
    paired: PairedChange | None
    problem: str = ""


@dataclass(frozen=True, eq=False)
class Trends:
    lang: str
    earlier: WaveSide
    later: WaveSide
    rows: tuple[TrendRow, ...]
    new_items: tuple[str, ...]
    retired_items: tuple[str, ...]
    panel_n: int
    linked: int
    """Organisations of the later wave that succeed a merger or split (links file)."""
    suppressed: tuple[str, ...] = ()
    """Indicators left out: in a wave fewer than ``min_n`` organisations have (or lack) it."""
    min_n: int = 5
    alpha: float = 0.05

    def row(self, key: str) -> TrendRow:
        for r in self.rows:
            if r.indicator.key == key:
                return r
        raise KeyError(key)

    def table(self) -> pd.DataFrame:
        """One row per indicator: both waves, the change and both tests (proportions)."""
        out = []
        for r in self.rows:
            c, p = r.change, r.paired
            out.append({
                "indicator": r.indicator.key,
                "label": r.indicator.label(self.lang),
                "status": r.status,
                "note": r.note,
                f"p_{self.earlier.label}": r.earlier.estimate,
                f"ci_low_{self.earlier.label}": r.earlier.ci_low,
                f"ci_high_{self.earlier.label}": r.earlier.ci_high,
                f"n_{self.earlier.label}": r.earlier.n,
                f"p_{self.later.label}": r.later.estimate,
                f"ci_low_{self.later.label}": r.later.ci_low,
                f"ci_high_{self.later.label}": r.later.ci_high,
                f"n_{self.later.label}": r.later.n,
                "difference": c.difference if c else float("nan"),
                "diff_ci_low": c.ci_low if c else float("nan"),
                "diff_ci_high": c.ci_high if c else float("nan"),
                "z": c.statistic if c else float("nan"),
                "p_value": c.pvalue if c else float("nan"),
                "cross_section_test": c.method if c else r.problem,
                "panel_pairs": p.n_pairs if p else 0,
                "panel_only_earlier": p.only_earlier if p else 0,
                "panel_only_later": p.only_later if p else 0,
                "panel_difference": p.difference if p else float("nan"),
                "mcnemar_chi2": p.statistic if p else float("nan"),
                "mcnemar_p": p.pvalue if p else float("nan"),
                "mcnemar_p_exact": p.pvalue_exact if p else float("nan"),
            })  # fmt: skip
        return pd.DataFrame(out)


def _label(ds: Dataset) -> str:
    waves = sorted({str(w) for w in ds.data.get("wave", pd.Series(dtype=str)).dropna()})
    if len(waves) != 1:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"a dataset must hold one wave, not {waves or 'none'}"
        )
    return waves[0]


def _differences(qa: Dataset, qb: Dataset) -> list[str]:
    a, b = qa.questionnaire, qb.questionnaire
    names_a = {i.name for i in a.items()}
    names_b = {i.name for i in b.items()}
    out = sorted(names_a ^ names_b)
    out += sorted(n for n in names_a & names_b if item_signature(a, n) != item_signature(b, n))
    return out


def item_status(
    mapping: ItemMapping | None, item: str, version_a: str, version_b: str
) -> tuple[str, str]:
    """(status, note) of ``item`` between two versions: same, changed, new, retired."""
    if mapping is None:
        return "same", ""
    entry = mapping.entry(item, version_a, version_b)
    if entry is None:
        return "same", ""
    return entry["status"], entry.get("note", "")


def compare_trends(
    waves: Sequence[Dataset],
    *,
    frames: Sequence[pd.DataFrame | None] | None = None,
    links: pd.DataFrame | None = None,
    lang: str = "nl",
    weighted: bool | None = None,
    mapping: ItemMapping | None = None,
    min_n: int = 5,
) -> Trends:
    """The trends from the earlier to the later of two waves (see the module)."""
    if len(waves) != 2:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"give two waves, not {len(waves)}")
    frames = list(frames) if frames is not None else [None, None]
    pairs = sorted(zip(waves, frames, strict=True), key=lambda p: _label(p[0]))
    (a, fa), (b, fb) = pairs
    la, lb = _label(a), _label(b)
    if la == lb:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"both datasets hold wave {la}")
    va, vb = a.questionnaire.version, b.questionnaire.version
    m = find_mapping(va, vb, mapping) if va != vb else None
    if va != vb and m is None:
        differ = _differences(a, b)
        if differ:
            raise VersionsError(
                ErrorCode.VERSIONS_INCOMPATIBLE,
                value=f"{va} and {vb}",
                detail="items that differ: " + ", ".join(differ),
            )
    if weighted is None:
        weighted = fa is not None and fb is not None
    if weighted and (fa is None or fb is None):
        raise StatsError(ErrorCode.STATS_INPUT, detail="weighting needs the frame of each wave")
    wa = make_weights(a.data, fa)[0] if weighted and fa is not None else None
    wb = make_weights(b.data, fb)[0] if weighted and fb is not None else None
    ids_a = a.data["org_id"].astype(str)
    ids_b = b.data["org_id"].astype(str)
    panel = sorted(set(ids_a) & set(ids_b))
    rows: list[TrendRow] = []
    new: list[str] = []
    suppressed: list[str] = []
    names_a = {i.name for i in a.questionnaire.items()}
    earlier_keys = {i.key for i in indicators(a.questionnaire)}
    for ind in indicators(b.questionnaire):
        status, note = item_status(m, ind.item, va, vb)
        if status == "new" or ind.item not in names_a:
            if ind.item not in new:
                new.append(ind.item)
            continue
        if ind.key not in earlier_keys:
            continue  # an option the earlier wave did not offer
        xa = indicator_values(a.data, a.questionnaire, ind)
        xb = indicator_values(b.data, b.questionnaire, ind)
        if xa.notna().sum() == 0 or xb.notna().sum() == 0:
            continue
        pa, pb = wave_share(xa, weights=wa), wave_share(xb, weights=wb)
        if min(pa.count, pa.n - pa.count, pb.count, pb.n - pb.count) < min_n:
            suppressed.append(ind.key)  # a share resting on fewer than min_n organisations
            continue
        change, problem = None, ""
        try:
            change = cross_section_change(pa, pb)
        except StatsError as exc:
            problem = str(exc)
        pairs_a = pd.Series(xa.to_numpy(), index=ids_a).reindex(panel)
        pairs_b = pd.Series(xb.to_numpy(), index=ids_b).reindex(panel)
        paired = None
        if (pairs_a.notna() & pairs_b.notna()).any():
            paired = mcnemar(pairs_a.to_numpy(), pairs_b.to_numpy())
        rows.append(TrendRow(ind, status, note, pa, pb, change, paired, problem))
    names_b = {i.name for i in b.questionnaire.items()}
    retired = [i.name for i in a.questionnaire.items() if i.name not in names_b]
    linked = 0
    if links is not None and len(links):
        succ = set(links.loc[(links["from_wave"] == la) & (links["to_wave"] == lb), "to_org_id"])
        linked = int(ids_b.isin(succ).sum())
    return Trends(
        lang=lang,
        earlier=WaveSide(la, va, len(a.data), wa is not None, published_wave(la)),
        later=WaveSide(lb, vb, len(b.data), wb is not None, published_wave(lb)),
        rows=tuple(rows),
        new_items=tuple(new),
        retired_items=tuple(retired),
        panel_n=len(panel),
        linked=linked,
        suppressed=tuple(suppressed),
        min_n=min_n,
    )


def published_facts(trends: Trends) -> Mapping[str, PublishedWave]:
    """The published facts of the two waves (label -> facts), where there are any."""
    return {s.label: s.published for s in (trends.earlier, trends.later) if s.published is not None}
