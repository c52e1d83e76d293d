"""A wave's published aggregates, computed once: what ``barometer publish`` stores.

Indicators are the report's figures with a table of percentages (computed by the report's
own compute functions, so the explorer's total is the report's table) and the mean
climate score. Each is computed for every *population*: all organisations, one published
group of a breakdown (sector group, cluster group, size class, climate group; only the
publication classification's groups exist), and one group of a breakdown within one
group of a filter (sector group or size class). A *table* is one filter (or none) by one
breakdown (or none).

Disclosure (:class:`~barometer.disclosure.policy.DisclosurePolicy`), per cell (population ×
row of the indicator):

1. the base must reach ``min_n``;
2. in a population of an identifying group, a count ``n`` of 1 to ``cell_min - 1`` is
   hidden;
3. in a population of fewer than ``group_min`` organisations, 0% and 100% are hidden;
4. by construction, no hidden cell can be recovered from the others: a cell hidden in one
   table is hidden in every table (a cell belongs to its population, not to a table), and
   secondary suppression (:mod:`barometer.explorer.closure`) hides more cells until what
   is hidden, taken together, passes the policy too.

Hidden cells are stored with their reason and without numbers. Pure computation, no I/O.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from barometer import __version__
from barometer.dataset import Dataset
from barometer.disclosure.policy import DisclosurePolicy
from barometer.errors import StatsError
from barometer.explorer.closure import close
from barometer.report import CATALOGUE, COMPUTE, FigureSpec
from barometer.report.figures.core import Context, make_context
from barometer.stats.analysis import ClimateAnalysis, climate_analysis
from barometer.stats.publication import SIZE_ORDER

__all__ = [
    "BREAKDOWNS",
    "FILTERS",
    "INDICATOR_COMPUTES",
    "SCORE_INDICATOR",
    "Snapshot",
    "build_snapshot",
]

INDICATOR_COMPUTES = (
    "single_choice",
    "multi_choice",
    "yes_items",
    "factor_items",
    "spectrum",
    "climate_statements",
)
"""The report's compute functions whose figures are percentage tables the explorer shows."""
SCORE_INDICATOR = "climate_score"
BREAKDOWNS = ("none", "sector", "cluster", "size", "climate")
FILTERS = ("sector", "size")
IDENTIFYING = ("sector", "cluster", "size")
CLIMATE_ORDER = ("strong", "medium", "limited")
QUANTILES = tuple(range(5, 100, 5))

LABELS: dict[str, dict[str, Any]] = {
    "breakdown": {
        "none": {"nl": "Geen (alle organisaties)", "en": "None (all organisations)"},
        "sector": {"nl": "Sectorgroep", "en": "Sector group"},
        "cluster": {"nl": "Clustergroep", "en": "Cluster group"},
        "size": {"nl": "Omvangsklasse", "en": "Size class"},
        "climate": {"nl": "Innovatieklimaat", "en": "Innovation climate"},
    },
    "climate": {
        "strong": {"nl": "Krachtig klimaat", "en": "Strong climate"},
        "medium": {"nl": "Gemiddeld klimaat", "en": "Medium climate"},
        "limited": {"nl": "Beperkt klimaat", "en": "Limited climate"},
    },
    "score": {"nl": "Klimaatscore (gemiddelde, 1-5)", "en": "Climate score (mean, 1-5)"},
    "total": {"nl": "Alle organisaties", "en": "All organisations"},
}

Pop = tuple[tuple[str, str], ...]
"""A population: the (variable, group code) pairs it is restricted to; () is everyone."""


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The published aggregates of one wave: ``meta`` (indicators, groups, method, policy,
    the self-test's scale and distributions) and ``tables`` keyed by
    ``(indicator, breakdown, filter)`` where filter is ``""`` or ``"variable:code"``."""

    wave: str
    meta: dict[str, Any]
    tables: dict[tuple[str, str, str], dict[str, Any]]


def _round(x: Any, decimals: int) -> float | None:
    if x is None or x is pd.NA:
        return None
    value = float(x)
    return None if math.isnan(value) else round(value, decimals)


def _groups(ctx: Context, res: ClimateAnalysis | None) -> dict[str, pd.Series]:
    """Published group code of every organisation per breakdown variable ("" unknown)."""
    pub = ctx.publication
    data = ctx.data
    cluster = data["cluster"] if "cluster" in data else pd.Series("", index=data.index)
    out = {
        "sector": pub.sector.apply(data["sector"]),
        "cluster": pub.cluster.apply(cluster),
        "size": data["size_class"] if "size_class" in data else pd.Series(np.nan, data.index),
    }
    if res is not None:
        out["climate"] = res.groups.reindex(data.index)
    return {k: v.astype(object).where(v.notna(), "").astype(str) for k, v in out.items()}


def _group_labels(ctx: Context, ctx_en: Context) -> dict[str, list[dict[str, Any]]]:
    pub = ctx.publication
    sizes: dict[str, dict[str, str]] = {}
    try:
        item = ctx.item("a1_size")
        if item.choice_list is not None:
            sizes = {
                c.name: {"nl": c.label("nl"), "en": c.label("en")} for c in item.choice_list.choices
            }
    except KeyError:
        pass
    return {
        "sector": [{"code": g.code, "label": dict(g.labels)} for g in pub.sector.groups],
        "cluster": [{"code": g.code, "label": dict(g.labels)} for g in pub.cluster.groups],
        "size": [{"code": c, "label": sizes.get(c, {"nl": c, "en": c})} for c in SIZE_ORDER],
        "climate": [{"code": c, "label": LABELS["climate"][c]} for c in CLIMATE_ORDER],
    }


def _populations(
    groups: Mapping[str, list[str]],
) -> tuple[list[tuple[Pop, str, Pop, list[Pop]]], list[Pop]]:
    """Every table (filter, breakdown, total population, part populations) and every
    population they show."""
    filters: list[Pop] = [()] + [((v, g),) for v in FILTERS for g in groups.get(v, [])]
    tables = []
    pops: dict[Pop, None] = {}
    for f in filters:
        for b in BREAKDOWNS:
            if b != "none" and b not in groups:
                continue
            if f and f[0][0] == b:
                continue
            parts = [f] if b == "none" else [tuple(sorted((*f, (b, g)))) for g in groups[b]]
            tables.append((f, b, f, parts))
            pops[f] = None
            pops.update(dict.fromkeys(parts))
    return tables, list(pops)


def build_snapshot(
    dataset: Dataset,
    *,
    frame: pd.DataFrame | None = None,
    policy: DisclosurePolicy | None = None,
    wave: str | None = None,
) -> Snapshot:
    """Compute the published aggregates of ``dataset`` (one wave), unweighted.

    ``frame`` is used as the report uses it for the publication classification (which
    small sectors and clusters are grouped). Raises the report's errors for unusable data.
    """
    policy = policy or DisclosurePolicy()
    kw: dict[str, Any] = {
        "min_n": policy.min_n,
        "frame": frame,
        "term_min": policy.term_min,
        "cell_min": policy.cell_min,
    }
    ctx = make_context(dataset, lang="nl", **kw)
    ctx_en = make_context(dataset, lang="en", **kw)
    label = wave or ctx.wave or "wave"
    try:
        res: ClimateAnalysis | None = climate_analysis(ctx.data)
    except StatsError:
        res = None
    codes = _groups(ctx, res)
    labels = _group_labels(ctx, ctx_en)
    order = {v: [g["code"] for g in labels[v]] for v in codes}
    tables_spec, pops = _populations(order)
    masks = {p: _mask(codes, p) for p in pops}
    specs = [s for s in CATALOGUE if s.compute in INDICATOR_COMPUTES and s.ready]
    indicators: list[dict[str, Any]] = []
    tables: dict[tuple[str, str, str], dict[str, Any]] = {}
    for spec in specs:
        found = _indicator(ctx, ctx_en, spec, res, masks, pops, tables_spec, policy)
        if found is None:
            continue
        meta, tabs = found
        indicators.append(meta)
        tables.update(tabs)
    if res is not None:
        meta, tabs = _score_indicator(ctx, res, masks, pops, tables_spec, policy)
        indicators.append(meta)
        tables.update(tabs)
    hashed = pd.util.hash_pandas_object(dataset.data, index=True).to_numpy()
    digest = hashlib.sha256(hashed.tobytes()).hexdigest()
    meta_all: dict[str, Any] = {
        "wave": label,
        "n": len(ctx.data),
        "indicators": indicators,
        "groups": labels,
        "group_sizes": {v: {g: int((codes[v] == g).sum()) for g in order[v]} for v in codes},
        "policy": {
            "min_n": policy.min_n,
            "cell_min": policy.cell_min,
            "group_min": policy.group_min,
            "term_min": policy.term_min,
        },
        "data_sha256": digest,
        "software": __version__,
        "selftest": _selftest(ctx, res, codes["sector"], policy) if res is not None else None,
    }
    return Snapshot(label, meta_all, tables)


def _mask(codes: Mapping[str, pd.Series], pop: Pop) -> np.ndarray:
    first = next(iter(codes.values()))
    mask = np.ones(len(first), dtype=bool)
    for var, code in pop:
        mask &= (codes[var] == code).to_numpy()
    return mask


def _filter_key(f: Pop) -> str:
    return f"{f[0][0]}:{f[0][1]}" if f else ""


Cell = dict[str, Any]


def _check(cell: Cell, pop: Pop, size: int, policy: DisclosurePolicy) -> None:
    """Rules 1-3 of the module docstring (rule 4 is :func:`~barometer.explorer.closure.close`)."""
    if cell.get("hidden"):
        return
    base, n, pct = cell["base"], cell["n"], cell["pct"]
    if base is None or base < policy.min_n or pct is None:
        cell["hidden"] = "min_n"
    elif any(v in IDENTIFYING for v, _ in pop) and n is not None and 0 < n < policy.cell_min:
        cell["hidden"] = "cell_min"
    elif (
        pop
        and min(size, base) < policy.group_min
        and cell.get("kind") == "pct"
        and pct in (0.0, 100.0)
    ):
        cell["hidden"] = "group_min"


def _payload(
    cells: dict[Pop, list[Cell]], tables: list[tuple[Pop, str, Pop, list[Pop]]], ind: str
) -> dict[tuple[str, str, str], dict[str, Any]]:
    out = {}
    for f, b, _, parts in tables:
        rows = []
        for p in parts:
            group = "" if b == "none" else dict(p)[b]
            for r, cell in enumerate(cells[p]):
                if cell.get("hidden"):
                    rows.append({"group": group, "row": r, "hidden": cell["hidden"]})
                else:
                    rows.append(
                        {
                            "group": group,
                            "row": r,
                            **{k: cell[k] for k in ("n", "base", "pct", "ci_low", "ci_high")},
                        }
                    )
        shown = [x for x in rows if "hidden" not in x]
        reasons = sorted({x["hidden"] for x in rows if "hidden" in x})
        status = "ok" if not reasons else ("suppressed" if not shown else "partial")
        out[(ind, b, _filter_key(f))] = {"status": status, "reasons": reasons, "rows": rows}
    return out


def _indicator(
    ctx: Context,
    ctx_en: Context,
    spec: FigureSpec,
    res: ClimateAnalysis | None,
    masks: Mapping[Pop, np.ndarray],
    pops: list[Pop],
    tables: list[tuple[Pop, str, Pop, list[Pop]]],
    policy: DisclosurePolicy,
) -> tuple[dict[str, Any], dict[tuple[str, str, str], dict[str, Any]]] | None:
    fn = COMPUTE[spec.compute or ""]
    full = _compute(fn, ctx, spec, res)
    full_en = _compute(fn, ctx_en, spec, res)
    if full.table is None or full_en.table is None or not full.ok:
        return None
    has_series = "series" in full.table.columns
    universe: list[dict[str, Any]] = []
    for (_, nl), (_, en) in zip(full.table.iterrows(), full_en.table.iterrows(), strict=True):
        series = {"nl": str(nl["series"]), "en": str(en["series"])} if has_series else None
        universe.append(
            {
                "key": str(nl["key"]),
                "category": {"nl": str(nl["category"]), "en": str(en["category"])},
                "series": series,
            }
        )
    index = {(u["key"], (u["series"] or {}).get("nl", "")): i for i, u in enumerate(universe)}
    cells: dict[Pop, list[Cell]] = {}
    for pop in pops:
        mask = masks[pop]
        row_cells: list[Cell] = [
            {"kind": "pct", "hidden": "min_n", "base": None, "n": None, "pct": None}
            for _ in universe
        ]
        if mask.any():
            data = full if not pop else _compute(fn, _subset(ctx, mask), spec, res)
            if data.table is not None and data.ok:
                for _, row in data.table.iterrows():
                    key = (str(row["key"]), str(row["series"]) if has_series else "")
                    if key not in index:
                        continue
                    row_cells[index[key]] = {
                        "kind": "pct",
                        "n": None if row["n"] is pd.NA else int(row["n"]),
                        "base": int(row["base"]),
                        "pct": _round(row["pct"], 1),
                        "ci_low": _round(row["ci_low"], 1),
                        "ci_high": _round(row["ci_high"], 1),
                    }
        size = int(mask.sum())
        for cell in row_cells:
            _check(cell, pop, size, policy)
        cells[pop] = row_cells
    close(cells, tables, masks, policy)
    meta = {
        "id": spec.id,
        "kind": "pct",
        "number": {"nl": spec.number_label("nl"), "en": spec.number_label("en")},
        "title": {"nl": spec.title_in("nl"), "en": spec.title_in("en")},
        "base": {"nl": spec.base_in("nl"), "en": spec.base_in("en")},
        "rows": universe,
    }
    return meta, _payload(cells, tables, spec.id)


def _subset(ctx: Context, mask: np.ndarray) -> Context:
    return replace(ctx, data=ctx.data[mask])


def _compute(fn: Any, ctx: Context, spec: FigureSpec, res: ClimateAnalysis | None) -> Any:
    if spec.compute == "climate_statements" and res is not None:
        # the statements of the wave's scale (marked "*" when left out), not a scale
        # selected again within a group
        from barometer.report.figures.climate.common import _CACHE

        _CACHE[ctx] = res
    return fn(ctx, spec)


def _score_indicator(
    ctx: Context,
    res: ClimateAnalysis,
    masks: Mapping[Pop, np.ndarray],
    pops: list[Pop],
    tables: list[tuple[Pop, str, Pop, list[Pop]]],
    policy: DisclosurePolicy,
) -> tuple[dict[str, Any], dict[tuple[str, str, str], dict[str, Any]]]:
    """The mean climate score with its 95% t-interval; base: organisations with a score."""
    score = res.score.reindex(ctx.data.index).to_numpy(dtype=float)
    cells: dict[Pop, list[Cell]] = {}
    for pop in pops:
        mask = masks[pop]
        x = score[mask & ~np.isnan(score)]
        cell: Cell = {"kind": "mean", "base": len(x), "n": len(x), "pct": None}
        if len(x) >= 2:
            mean, sd = float(x.mean()), float(x.std(ddof=1))
            half = float(stats.t.ppf(0.975, len(x) - 1)) * sd / math.sqrt(len(x))
            cell.update(
                pct=round(mean, 2), ci_low=round(mean - half, 2), ci_high=round(mean + half, 2)
            )
        _check(cell, (), int(mask.sum()), policy)  # a mean: the base rule only
        cells[pop] = [cell]
    close(cells, tables, masks, policy)
    meta = {
        "id": SCORE_INDICATOR,
        "kind": "mean",
        "number": {"nl": "Klimaatscore", "en": "Climate score"},
        "title": {
            "nl": "Innovatieklimaat: gemiddelde score (1-5)",
            "en": "Innovation climate: mean score (1-5)",
        },
        "base": {
            "nl": "organisaties met een klimaatscore",
            "en": "organisations with a climate score",
        },
        "rows": [{"key": "score", "category": LABELS["score"], "series": None}],
    }
    return meta, _payload(cells, tables, SCORE_INDICATOR)


def _quantiles(x: np.ndarray) -> list[float]:
    return [round(float(v), 4) for v in np.percentile(x, QUANTILES)]


def _selftest(
    ctx: Context, res: ClimateAnalysis, sector: pd.Series, policy: DisclosurePolicy
) -> dict[str, Any]:
    """What the self-test needs: the scale (items, rule, cut-offs) and the wave's
    distributions, aggregated (every figure rests on at least ``min_n`` organisations)."""
    score = res.score.reindex(ctx.data.index)
    scored = score.notna()
    groups = res.groups.reindex(ctx.data.index).astype(object)
    statements = []
    for name in res.statements:
        item = ctx.item(name)
        values = pd.to_numeric(ctx.data[name], errors="coerce")
        answered = values[values.isin([1, 2, 3, 4, 5])]
        dist = None
        if len(answered) >= policy.min_n:
            counts = answered.value_counts()
            dist = {
                "base": len(answered),
                "pct": [round(100 * int(counts.get(k, 0)) / len(answered), 1) for k in range(1, 6)],
                "mean": round(float(answered.mean()), 2),
            }
        strong = values[(groups == "strong") & values.isin([1, 2, 3, 4, 5])]
        statements.append(
            {
                "name": name,
                "label": {"nl": item.label("nl"), "en": item.label("en")},
                "kept": name in res.kept,
                "distribution": dist,
                "strong_mean": round(float(strong.mean()), 2)
                if len(strong) >= policy.min_n
                else None,
                "strong_base": len(strong) if len(strong) >= policy.min_n else None,
            }
        )
    x = score[scored].to_numpy(dtype=float)
    by_sector = {}
    for code in sorted(set(sector[scored]) - {""}):
        xs = score[scored & (sector == code)].to_numpy(dtype=float)
        if len(xs) >= policy.min_n:
            by_sector[code] = {
                "n": len(xs),
                "mean": round(float(xs.mean()), 2),
                "quantiles": _quantiles(xs),
            }
    return {
        "statements": statements,
        "kept": list(res.kept),
        "min_answered": int(res.min_answered),
        "cuts": [float(c) for c in res.cuts],
        "quantile_levels": list(QUANTILES),
        "overall": {
            "n": len(x),
            "mean": round(float(x.mean()), 2),
            "quantiles": _quantiles(x),
        },
        "sectors": by_sector,
    }
