"""The management summary and the findings chapter, written from the computed numbers.

Every number in a sentence comes from a :class:`~barometer.report.figures.core.FigureData` of the
report or from an analysis result (climate scale, Tekstvak 2 models, text clusters); the
wording is in :mod:`barometer.report.findings.wording`, whose templates hold words and
``{placeholders}`` only, never a number (a test scans them). Sentences adapt to the data:
the quantifier ("meer dan driekwart", "ongeveer tweederde") follows from the value
(:func:`share_words`), and a comparison says "hoger" or "lager" only when its test is
significant at :data:`ALPHA`. The comparison with Denmark is the test of the figure's
benchmark table (:mod:`barometer.report.figures.benchmarks`), so the sentence and the table agree.

:func:`build_findings` returns :class:`Findings`: the management summary (a few key findings,
built by :mod:`barometer.report.findings.summary`) and the chapter (paragraphs by theme). A finding whose figure is missing or failed is left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from barometer.errors import BarometerError
from barometer.report.figures.core import Context, FigureData
from barometer.report.findings.wording import (
    PHRASES,
    SHARE_WORDS,
    TEMPLATES,
    in_text,
    join_words,
    p_str,
    pct_str,
    phrase,
    share_words,
    tpl,
)
from barometer.report.text import fmt_pct
from barometer.stats.models import ModelsResult, significant_effects
from barometer.stats.proportions import proportion, two_proportion_test

__all__ = [
    "ALPHA",
    "PHRASES",
    "SHARE_WORDS",
    "TEMPLATES",
    "Finding",
    "Findings",
    "Paragraph",
    "build_findings",
    "danish_benchmark",
    "rows",
    "share_words",
    "value",
]

ALPHA = 0.05
"""Significance level of every comparison a finding states."""


@dataclass(frozen=True)
class Finding:
    """One sentence, the figures it rests on and the numbers it prints (for checking)."""

    key: str
    text: str
    figures: tuple[str, ...] = ()
    values: Mapping[str, float] = field(default_factory=dict)
    headline: str = ""  # the management summary's short headline (with its number)


@dataclass(frozen=True)
class Paragraph:
    key: str
    title: str
    findings: tuple[Finding, ...]

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.findings)


@dataclass(frozen=True)
class Findings:
    summary_title: str
    summary: tuple[Finding, ...]
    chapter_title: str
    chapter: tuple[Paragraph, ...]

    def all(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.chapter for f in p.findings)

    def get(self, key: str) -> Finding:
        for f in self.all():
            if f.key == key:
                return f
        raise KeyError(key)


def rows(data: FigureData | None, series_key: str | None = None) -> pd.DataFrame | None:
    """The rows with a percentage; of one series (by its stable ``series_key``) if given."""
    if data is None or not data.ok or data.table is None or "pct" not in data.table:
        return None
    table = data.table
    if series_key is not None and "series_key" in table:
        table = table[table["series_key"] == series_key]
    table = table[table["pct"].notna()]
    return table if len(table) else None


def value(table: pd.DataFrame, key: str) -> float | None:
    hit = table[table["key"] == key]
    return float(hit["pct"].iloc[0]) if len(hit) else None


Builder = Callable[[Mapping[str, FigureData], Context, str], list[Finding]]


def _basis(lang: str, study: str, weighted: bool) -> str:
    """How both sides of a comparison were computed: "daar gewogen, hier ongewogen"."""
    from barometer.report.figures.benchmarks import BASIS, load_benchmarks

    words = BASIS.get(lang) or BASIS["nl"]
    studies = load_benchmarks().studies
    theirs = studies[study].weighted if study in studies else None
    pair = (TEMPLATES.get(lang) or TEMPLATES["nl"])["basis_pair"]  # mid-sentence: no capital
    return pair.format(their=words[theirs], ours=words[weighted])


def _innovated(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    data = figs.get("fig01_innovated_share")
    table = rows(data)
    if data is None or table is None or value(table, "yes") is None:
        return []
    row = table[table["key"] == "yes"].iloc[0]
    pct, lo, hi = float(row["pct"]), float(row["ci_low"]), float(row["ci_high"])
    from barometer.report.text import t

    out = [
        Finding(
            "innovated",
            tpl(lang, "innovated", words=share_words(pct, lang), pct=pct_str(pct, lang),
                ci_label=t(lang, "ci"), lo=pct_str(lo, lang), hi=pct_str(hi, lang)),
            ("fig01_innovated_share",),
            {"pct": pct, "ci_low": lo, "ci_high": hi},
        )
    ]  # fmt: skip
    b = danish_benchmark(data)
    if b is not None:
        other, p = float(b["value"]), float(b["p_value"])
        key = "vs_same" if p >= ALPHA else ("vs_higher" if b["nl_pct"] > other else "vs_lower")
        out.append(
            Finding(
                f"innovated_{key}",
                tpl(lang, key, country=str(b["country"]), other=pct_str(other, lang),
                    basis=_basis(lang, str(b["study"]), ctx.weighted), p=p_str(p, lang)),
                ("fig01_innovated_share",),
                {"other": other, "p": p},
            )
        )  # fmt: skip
    return out


def danish_benchmark(data: FigureData | None) -> pd.Series | None:
    """The first Danish comparison of Figuur 1's share with a test (the comparison table's
    own test, :func:`barometer.report.figures.benchmarks.attach_benchmarks`), or None."""
    bench = data.benchmarks if data is not None else None
    if bench is None or "p_value" not in bench:
        return None
    dk = bench[(bench["key"] == "yes") & bench["p_value"].notna()]
    dk = dk[dk["study"].astype(str).str.startswith("dk")]
    return dk.iloc[0] if len(dk) else None


def _types(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:

    types = rows(figs.get("fig02_innovation_types"), "yes")
    spectrum = rows(figs.get("fig03_innovation_spectrum"))
    if types is None or spectrum is None:
        return []
    top = types.sort_values("pct", ascending=False, kind="stable").iloc[0]
    multi = float(spectrum[spectrum["key"].isin(["2", "3", "4"])]["pct"].sum())
    text = tpl(lang, "types", top=in_text(str(top["category"])), pct=pct_str(float(top["pct"]), lang),
               words=share_words(multi, lang), multi=pct_str(multi, lang))  # fmt: skip
    return [Finding("types", text, ("fig02_innovation_types", "fig03_innovation_spectrum"),
                    {"pct": float(top["pct"]), "multi": multi})]  # fmt: skip


def _origin(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = rows(figs.get("fig04_origin"))
    if table is None:
        return []
    own, adapted, copy = (value(table, k) for k in ("own", "adapted", "copy"))
    if own is None or adapted is None or copy is None:
        return []
    elsewhere = adapted + copy
    text = tpl(lang, "origin", own=pct_str(own, lang), words=share_words(elsewhere, lang),
               elsewhere=pct_str(elsewhere, lang), adapted=pct_str(adapted, lang),
               copy=pct_str(copy, lang))  # fmt: skip
    return [Finding("origin", text, ("fig04_origin",),
                    {"own": own, "elsewhere": elsewhere, "adapted": adapted, "copy": copy})]  # fmt: skip


def _technology(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = rows(figs.get("fig05_technology_share"))
    if table is None:
        return []
    parts = [value(table, k) for k in ("entirely", "important")]
    if any(v is None for v in parts):
        return []
    pct = float(sum(v for v in parts if v is not None))
    text = tpl(lang, "technology", words=share_words(pct, lang), pct=pct_str(pct, lang))
    return [Finding("technology", text, ("fig05_technology_share",), {"pct": pct})]


def _top_two(figs: Mapping[str, FigureData], fid: str, key: str, lang: str,
             skip: Sequence[str] = ()) -> list[Finding]:  # fmt: skip
    table = rows(figs.get(fid))
    if table is None:
        return []
    table = table[~table["key"].isin(list(skip))].sort_values("pct", ascending=False, kind="stable")
    if len(table) < 2:
        return []
    a, b = table.iloc[0], table.iloc[1]
    text = tpl(lang, key, first=in_text(str(a["category"])), p1=pct_str(float(a["pct"]), lang),
               second=in_text(str(b["category"])), p2=pct_str(float(b["pct"]), lang))  # fmt: skip
    return [Finding(key, text, (fid,), {"p1": float(a["pct"]), "p2": float(b["pct"])})]


def _initiative(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    return _top_two(figs, "fig07_initiative", "initiative", lang)


def _results(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    return _top_two(figs, "fig14_results", "results", lang, skip=("other",))


def _collaboration(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = rows(figs.get("fig09_collaboration"))
    if table is None:
        return []
    none = value(table, "none")
    partners = table[table["key"] != "none"].sort_values("pct", ascending=False, kind="stable")
    if none is None or not len(partners):
        return []
    pct = 100.0 - none
    top = partners.iloc[0]
    text = tpl(lang, "collaboration", words=share_words(pct, lang), pct=pct_str(pct, lang),
               top=in_text(str(top["category"])), ptop=pct_str(float(top["pct"]), lang))  # fmt: skip
    return [Finding("collaboration", text, ("fig09_collaboration",),
                    {"pct": pct, "ptop": float(top["pct"])})]  # fmt: skip


def _financing(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = rows(figs.get("fig11_financing"))
    pct = value(table, "own_budget") if table is not None else None
    if pct is None:
        return []
    text = tpl(lang, "financing", words=share_words(pct, lang), pct=pct_str(pct, lang))
    return [Finding("financing", text, ("fig11_financing",), {"pct": pct})]


def _models(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    data = figs.get("textbox2_logistic_regressions")
    if data is None or not data.ok or not isinstance(data.detail, ModelsResult):
        return []
    res: ModelsResult = data.detail
    out = []

    def names(effects: Sequence[Any]) -> str:
        return join_words([phrase(e.coefficient, lang, res) for e in effects], lang)

    for run in res.runs:
        outcome = run.spec.label_in(lang)
        if run.result is None:
            out.append(Finding(f"model_{run.spec.key}", tpl(lang, "model_failed", outcome=in_text(outcome)),
                               ("textbox2_logistic_regressions",)))  # fmt: skip
            continue
        effects = significant_effects(run, alpha=ALPHA)
        pos = [e for e in effects if e.sign == "+"]
        neg = [e for e in effects if e.sign == "-"]
        key = ("model_both" if pos and neg else "model_pos" if pos else "model_neg" if neg
               else "model_none")  # fmt: skip
        text = tpl(lang, key, outcome=outcome, pos=names(pos) if pos else "",
                   neg=names(neg) if neg else "")  # fmt: skip
        values = {e.coefficient: e.b for e in effects}
        out.append(
            Finding(f"model_{run.spec.key}", text, ("textbox2_logistic_regressions",), values)
        )
    alpha = fmt_pct(ALPHA, lang, 2)
    out.append(Finding("models_note", tpl(lang, "models_note", alpha=alpha),
                       ("textbox2_logistic_regressions",), {"alpha": ALPHA}))  # fmt: skip
    return out


def _climate(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    try:
        from barometer.report.figures.climate import analysis_for

        res = analysis_for(ctx)
    except (ImportError, BarometerError):
        return []
    score = res.score
    w = ctx.weights.weights.reindex(score.index) if ctx.weights is not None else None
    ok = score.notna()
    mean = float(np.average(score[ok], weights=w[ok])) if w is not None else float(score[ok].mean())
    out = [
        Finding(
            "climate_mean",
            tpl(lang, "climate_mean", mean=fmt_pct(mean, lang, 1), low=fmt_pct(1, lang, 0),
                high=fmt_pct(5, lang, 0)),
            ("fig17_climate_groups",),
            {"mean": mean},
        )
    ]  # fmt: skip
    groups = rows(figs.get("fig17_climate_groups"))
    shares: dict[str, float] = {}
    if groups is not None:
        for g in ("strong", "medium", "limited"):
            v = value(groups, f"fixed:{g}")
            if v is not None:
                shares[g] = v
    if len(shares) == 3:
        out.append(Finding("climate_groups",
                           tpl(lang, "climate_groups", **{k: pct_str(v, lang) for k, v in shares.items()}),
                           ("fig17_climate_groups",), shares))  # fmt: skip
    comparison = _climate_comparison(ctx, res.groups, lang)
    if comparison is not None:
        out.append(comparison)
    return out


def _climate_comparison(ctx: Context, groups: pd.Series, lang: str) -> Finding | None:
    innovated = ctx.data["innovated"].astype("Float64").astype(float)
    parts = []
    counted = 0
    for g in ("strong", "limited"):
        x = innovated.where((groups == g).fillna(False).astype(bool))
        n = int(x.notna().sum())
        if n < max(ctx.min_n, 1):
            return None
        r = proportion(x, weights=ctx.weights)
        mask = x.notna()
        eff = ctx.effective_n(mask) or float(n)
        parts.append((r.estimate, eff))
        counted += n
    (p1, n1), (p2, n2) = parts
    try:
        test = two_proportion_test(p1, n1, p2, n2)
    except BarometerError:
        return None
    key = (
        "climate_same"
        if not math.isfinite(test.pvalue) or test.pvalue >= ALPHA
        else ("climate_higher" if p1 > p2 else "climate_lower")
    )
    text = tpl(
        lang, key, a=pct_str(100 * p1, lang), b=pct_str(100 * p2, lang), p=p_str(test.pvalue, lang)
    )
    return Finding(key, text, ("fig18_frequency_by_climate",),
                   {"a": 100 * p1, "b": 100 * p2, "p": test.pvalue, "n": counted})  # fmt: skip


def _texts(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = rows(figs.get("img02_text_clusters"))
    if table is None or len(table) < 2:
        return []
    a, b = table.iloc[0], table.iloc[1]

    def title(row: pd.Series) -> str:
        return str(row["title"]) if "title" in row else str(row["category"])

    text = tpl(lang, "texts", first=title(a), p1=pct_str(float(a["pct"]), lang), second=title(b),
               p2=pct_str(float(b["pct"]), lang))  # fmt: skip
    return [Finding("texts", text, ("img02_text_clusters",),
                    {"p1": float(a["pct"]), "p2": float(b["pct"])})]  # fmt: skip


CHAPTER: tuple[tuple[str, tuple[Builder, ...]], ...] = (
    ("h_innovation", (_innovated, _types, _origin, _technology)),
    ("h_texts", (_texts,)),
    ("h_process", (_initiative, _collaboration, _financing)),
    ("h_results", (_results, _models)),
    ("h_climate", (_climate,)),
)
"""The findings chapter: heading key -> sentence builders, in order."""


def build_findings(figs: Mapping[str, FigureData], ctx: Context) -> Findings:
    """The summary and the findings chapter from the report's computed figures.

    Parameters
    ----------
    figs : mapping of figure id to FigureData
        The computed figures of the report (in ``ctx.lang``).
    ctx : Context
        The report context (weights, data for the climate comparison).
    """
    lang = ctx.lang
    words = TEMPLATES.get(lang, TEMPLATES["nl"])
    chapter = []
    for key, builders in CHAPTER:
        found: list[Finding] = []
        for build in builders:
            try:
                found.extend(build(figs, ctx, lang))
            except (KeyError, ValueError, BarometerError):  # a finding never breaks the report
                continue
        if found:
            chapter.append(Paragraph(key, words[key], tuple(found)))
    from barometer.report.findings.summary import build_summary  # it builds on this module

    everything = {f.key: f for p in chapter for f in p.findings}
    summary = build_summary(figs, ctx, everything)
    return Findings(words["summary_title"], summary, words["chapter_title"], tuple(chapter))
