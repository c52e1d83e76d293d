"""The management summary: a few key findings, each a short headline with its number and one
plain sentence with its base (n).

The summary is one page at most: :data:`SUMMARY` names its findings in order, and each
builder writes one :class:`~barometer.report.findings.chapter.Finding` with a ``headline``
from the computed figures (the same numbers as the findings chapter, which keeps the detail:
tests, intervals, all predictors). No p-value, test statistic or list of predictors is
printed here; a difference is called a difference only when its test in the chapter is
significant at :data:`~barometer.report.findings.chapter.ALPHA`. A suppressed number (the
disclosure policy leaves its ``pct`` empty) leaves its finding out, as in the chapter. The
wording is in :mod:`barometer.report.findings.wording` (keys ``s_*``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from barometer.errors import BarometerError
from barometer.report.figures.core import Context, FigureData
from barometer.report.findings.chapter import ALPHA, Finding, danish_benchmark, rows, value
from barometer.report.findings.wording import in_text, pct_str, phrase, share_words, tpl
from barometer.report.text import fmt_int, fmt_pct
from barometer.stats.models import ModelsResult, significant_effects

__all__ = ["SUMMARY", "build_summary"]

Chapter = Mapping[str, Finding]
SummaryBuilder = Callable[[Mapping[str, FigureData], Context, str, Chapter], Finding | None]


def _n(data: FigureData | None, lang: str) -> str:
    base = data.base_n if data is not None else None
    if base is None:
        raise KeyError("base")
    return fmt_int(int(base), lang)


def _head(lang: str, key: str, **fields: str) -> str:
    return tpl(lang, key, **fields)


def _innovated(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
               ) -> Finding | None:  # fmt: skip
    data = figs.get("fig01_innovated_share")
    table = rows(data)
    pct = value(table, "yes") if table is not None else None
    if pct is None:
        return None
    compare, values = "", {"pct": pct}
    b = danish_benchmark(data)
    if b is not None:
        other, p = float(b["value"]), float(b["p_value"])
        key = "s_vs_same" if p >= ALPHA else ("s_vs_higher" if pct > other else "s_vs_lower")
        compare = tpl(lang, key, country=str(b["country"]), other=pct_str(other, lang))
        compare = compare[:1].lower() + compare[1:]
        values["other"] = other
    head = _head(lang, "s_innovated_head", pct=pct_str(pct, lang))
    text = tpl(lang, "s_innovated", words=share_words(pct, lang), compare=compare, n=_n(data, lang))
    return Finding("innovated", text, ("fig01_innovated_share",), values, head)


def _origin(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
            ) -> Finding | None:  # fmt: skip
    if "origin" not in chapter:
        return None
    v = chapter["origin"].values
    head = _head(lang, "s_origin_head", elsewhere=pct_str(v["elsewhere"], lang))
    text = tpl(lang, "s_origin", adapted=pct_str(v["adapted"], lang), copy=pct_str(v["copy"], lang),
               own=pct_str(v["own"], lang), n=_n(figs.get("fig04_origin"), lang))  # fmt: skip
    return Finding("origin", text, ("fig04_origin",), v, head)


def _results(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
             ) -> Finding | None:  # fmt: skip
    table = rows(figs.get("fig14_results"))
    if table is None or "results" not in chapter:
        return None
    table = table[table["key"] != "other"].sort_values("pct", ascending=False, kind="stable")
    a, b = table.iloc[0], table.iloc[1]
    head = _head(lang, "s_results_head", p1=pct_str(float(a["pct"]), lang),
                 first=in_text(str(a["category"])))  # fmt: skip
    text = tpl(lang, "s_results", second=in_text(str(b["category"])),
               p2=pct_str(float(b["pct"]), lang), n=_n(figs.get("fig14_results"), lang))  # fmt: skip
    return Finding("results", text, ("fig14_results",),
                   {"p1": float(a["pct"]), "p2": float(b["pct"])}, head)  # fmt: skip


def _binary(res: ModelsResult, term: str) -> bool:
    """Whether a predictor is a yes/no characteristic (or a level of a categorical one), so
    that its odds ratio compares having it with not having it."""
    if term in res.frame.level_labels:
        return True
    column = res.frame.data.get(term)
    return column is not None and set(column.dropna().unique()) <= {0, 1}


def _model(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
           ) -> Finding | None:  # fmt: skip
    data = figs.get("textbox2_logistic_regressions")
    if data is None or not data.ok or not isinstance(data.detail, ModelsResult):
        return None
    res: ModelsResult = data.detail
    best = None
    for run in res.runs:
        for e in significant_effects(run, alpha=ALPHA):
            if e.sign == "+" and _binary(res, e.term) and (best is None or e.exp_b > best[1].exp_b):
                best = (run, e)
    if best is None:
        return None
    run, effect = best
    assert run.result is not None
    outcome = in_text(run.spec.label_in(lang))
    odds = fmt_pct(effect.exp_b, lang, 1)
    head = _head(lang, "s_model_head", predictor=phrase(effect.coefficient, lang, res),
                 outcome=outcome)  # fmt: skip
    text = tpl(lang, "s_model", outcome=outcome, odds=odds, n=fmt_int(run.result.final.n, lang))
    return Finding("model", text, ("textbox2_logistic_regressions",),
                   {"exp_b": effect.exp_b}, head)  # fmt: skip


def _groups(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
            ) -> Finding | None:  # fmt: skip
    if "climate_groups" not in chapter:
        return None
    v = chapter["climate_groups"].values
    head = _head(lang, "s_groups_head", strong=pct_str(v["strong"], lang))
    text = tpl(lang, "s_groups", medium=pct_str(v["medium"], lang),
               limited=pct_str(v["limited"], lang), n=_n(figs.get("fig17_climate_groups"), lang))  # fmt: skip
    return Finding("climate_groups", text, ("fig17_climate_groups",), v, head)


def _climate(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
             ) -> Finding | None:  # fmt: skip
    found = [
        chapter[k] for k in ("climate_higher", "climate_lower", "climate_same") if k in chapter
    ]
    if not found:
        return None
    f = found[0]
    v = f.values
    key = "s_" + f.key
    head = _head(lang, "s_climate_head", a=pct_str(v["a"], lang))
    text = tpl(lang, key, b=pct_str(v["b"], lang), n=fmt_int(int(v["n"]), lang))
    return Finding("climate", text, f.figures, {"a": v["a"], "b": v["b"]}, head)


def _texts(figs: Mapping[str, FigureData], ctx: Context, lang: str, chapter: Chapter
           ) -> Finding | None:  # fmt: skip
    data = figs.get("img02_text_clusters")
    table = rows(data)
    if table is None or len(table) < 2:
        return None
    a, b = table.iloc[0], table.iloc[1]

    def title(row: object) -> str:
        return str(row["title"]) if "title" in row else str(row["category"])  # type: ignore[index, operator]

    head = _head(lang, "s_texts_head", p1=pct_str(float(a["pct"]), lang), first=title(a))
    text = tpl(lang, "s_texts", second=title(b), p2=pct_str(float(b["pct"]), lang),
               n=_n(data, lang))  # fmt: skip
    return Finding("texts", text, ("img02_text_clusters",),
                   {"p1": float(a["pct"]), "p2": float(b["pct"])}, head)  # fmt: skip


SUMMARY: tuple[tuple[str, SummaryBuilder], ...] = (
    ("innovated", _innovated),
    ("origin", _origin),
    ("results", _results),
    ("model", _model),
    ("climate_groups", _groups),
    ("climate", _climate),
    ("texts", _texts),
)
"""The key findings of the management summary, in order: key -> builder (5 to 8 of them,
so that the summary fits on one page)."""


def build_summary(figs: Mapping[str, FigureData], ctx: Context, chapter: Chapter
                  ) -> tuple[Finding, ...]:  # fmt: skip
    """The key findings whose numbers could be computed (and are not suppressed)."""
    out = []
    for _key, build in SUMMARY:
        try:
            found = build(figs, ctx, ctx.lang, chapter)
        except (KeyError, ValueError, IndexError, BarometerError):  # never breaks the report
            continue
        if found is not None and not any(
            isinstance(x, float) and not math.isfinite(x) for x in found.values.values()
        ):
            out.append(found)
    return tuple(out)
