"""The management summary and the findings chapter, written from the computed numbers.

Every number in a sentence comes from a :class:`~barometer.report.figures.FigureData` of the
report or from an analysis result (climate scale, Tekstvak 2 models, text clusters); the
templates in :data:`TEMPLATES` hold words and ``{placeholders}`` only, never a number (a
test scans them). Sentences adapt to the data: the quantifier ("meer dan driekwart",
"ongeveer tweederde") follows from the value (:func:`share_words`), and a comparison says
"hoger" or "lager" only when its test is significant at :data:`ALPHA`.

:func:`build_findings` returns :class:`Findings`: the summary (a few sentences) and the
chapter (paragraphs by theme). A finding whose figure is missing or failed is left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from barometer.errors import BarometerError
from barometer.report.figures import Context, FigureData
from barometer.report.text import fmt_p, fmt_pct
from barometer.stats.models import ModelsResult, coefficient_label, significant_effects
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
    "share_words",
]

ALPHA = 0.05
"""Significance level of every comparison a finding states."""

TEMPLATES: dict[str, dict[str, str]] = {
    "nl": {
        "summary_title": "Managementsamenvatting",
        "chapter_title": "Bevindingen",
        "h_innovation": "Innovatie in overheidsorganisaties",
        "h_process": "Hoe innovaties tot stand komen",
        "h_results": "Resultaten en wat ermee samenhangt",
        "h_climate": "Het innovatieklimaat",
        "h_texts": "Waar de innovaties over gaan",
        "innovated": (
            "{words} van de organisaties ({pct}%, {ci_label} {lo}–{hi}%) implementeerde in de "
            "onderzoeksperiode ten minste één innovatie."
        ),
        "vs_higher": "Dat is meer dan in {country} ({other}%; p {p}).",
        "vs_lower": "Dat is minder dan in {country} ({other}%; p {p}).",
        "vs_same": "Dat verschilt niet significant van {country} ({other}%; p {p}).",
        "types": (
            "De innovaties betroffen het vaakst {top} ({pct}%); {words} combineerde twee of meer "
            "typen ({multi}%)."
        ),
        "origin": (
            "{own}% van de innovaties is eerst in de eigen organisatie ontwikkeld; {words} is "
            "elders vandaan gehaald ({elsewhere}%): geïnspireerd en aangepast ({adapted}%) of "
            "vooral gekopieerd ({copy}%)."
        ),
        "technology": (
            "Bij {words} van de innovaties was technologie de innovatie zelf of een belangrijk "
            "onderdeel ervan ({pct}%)."
        ),
        "initiative": "De aanleiding kwam het vaakst van {first} ({p1}%) en {second} ({p2}%).",
        "collaboration": (
            "{words} van de organisaties werkte bij de innovatie samen ({pct}%), het vaakst "
            "met {top} ({ptop}%)."
        ),
        "financing": "{words} financierde de innovatie uit het eigen budget ({pct}%).",
        "results": (
            "De innovaties leidden het vaakst tot {first} ({p1}%), gevolgd door {second} ({p2}%)."
        ),
        "climate_mean": (
            "Het innovatieklimaat scoort gemiddeld {mean} op een schaal van {low} tot {high}."
        ),
        "climate_groups": (
            "{strong}% van de organisaties heeft een krachtig klimaat, {medium}% een gemiddeld "
            "en {limited}% een beperkt klimaat."
        ),
        "climate_higher": (
            "Organisaties met een krachtig klimaat innoveerden vaker dan organisaties met een "
            "beperkt klimaat ({a}% tegen {b}%; p {p})."
        ),
        "climate_lower": (
            "Organisaties met een krachtig klimaat innoveerden minder vaak dan organisaties met "
            "een beperkt klimaat ({a}% tegen {b}%; p {p})."
        ),
        "climate_same": (
            "Organisaties met een krachtig en met een beperkt klimaat innoveerden niet "
            "significant verschillend vaak ({a}% tegen {b}%; p {p})."
        ),
        "model_both": "{outcome} hangt positief samen met {pos}, en negatief met {neg}.",
        "model_pos": "{outcome} hangt positief samen met {pos}.",
        "model_neg": "{outcome} hangt negatief samen met {neg}.",
        "model_none": "{outcome} hangt met geen van de onderzochte kenmerken significant samen.",
        "model_failed": "Voor {outcome} kon geen model worden geschat.",
        "models_note": (
            "Het gaat om samenhangen in logistische regressies, geen oorzaken; alleen "
            "voorspellers met p < {alpha} zijn genoemd."
        ),
        "texts": (
            "In de beschrijvingen van de innovaties tekenen zich twee groepen begrippen af: "
            "{first} ({p1}% van de beschrijvingen) en {second} ({p2}%)."
        ),
        "and": "en",
        "see": "zie {figure}",
    },
    "en": {
        "summary_title": "Management summary",
        "chapter_title": "Findings",
        "h_innovation": "Innovation in government organisations",
        "h_process": "How innovations come about",
        "h_results": "Results and what goes with them",
        "h_climate": "The innovation climate",
        "h_texts": "What the innovations are about",
        "innovated": (
            "{words} of the organisations ({pct}%, {ci_label} {lo}–{hi}%) implemented at least "
            "one innovation in the reference period."
        ),
        "vs_higher": "That is more than in {country} ({other}%; p {p}).",
        "vs_lower": "That is less than in {country} ({other}%; p {p}).",
        "vs_same": "That does not differ significantly from {country} ({other}%; p {p}).",
        "types": (
            "The innovations most often concerned {top} ({pct}%); {words} combined two or more "
            "types ({multi}%)."
        ),
        "origin": (
            "{own}% of the innovations were first developed in the organisation itself; {words} "
            "came from elsewhere ({elsewhere}%): inspired and adapted ({adapted}%) or mainly "
            "copied ({copy}%)."
        ),
        "technology": (
            "In {words} of the innovations technology was the innovation itself or an important "
            "part of it ({pct}%)."
        ),
        "initiative": "The initiative came most often from {first} ({p1}%) and {second} ({p2}%).",
        "collaboration": (
            "{words} of the organisations collaborated on the innovation ({pct}%), most often "
            "with {top} ({ptop}%)."
        ),
        "financing": "{words} financed the innovation from their own budget ({pct}%).",
        "results": (
            "The innovations most often led to {first} ({p1}%), followed by {second} ({p2}%)."
        ),
        "climate_mean": "The innovation climate scores {mean} on average on a scale from {low} to {high}.",
        "climate_groups": (
            "{strong}% of the organisations have a strong climate, {medium}% a medium and "
            "{limited}% a limited climate."
        ),
        "climate_higher": (
            "Organisations with a strong climate innovated more often than those with a limited "
            "climate ({a}% against {b}%; p {p})."
        ),
        "climate_lower": (
            "Organisations with a strong climate innovated less often than those with a limited "
            "climate ({a}% against {b}%; p {p})."
        ),
        "climate_same": (
            "Organisations with a strong and with a limited climate did not innovate "
            "significantly more or less often ({a}% against {b}%; p {p})."
        ),
        "model_both": "{outcome} goes positively with {pos}, and negatively with {neg}.",
        "model_pos": "{outcome} goes positively with {pos}.",
        "model_neg": "{outcome} goes negatively with {neg}.",
        "model_none": "{outcome} goes with none of the characteristics studied significantly.",
        "model_failed": "No model could be estimated for {outcome}.",
        "models_note": (
            "These are associations in logistic regressions, not causes; only predictors with "
            "p < {alpha} are named."
        ),
        "texts": (
            "Two groups of concepts stand out in the descriptions of the innovations: {first} "
            "({p1}% of the descriptions) and {second} ({p2}%)."
        ),
        "and": "and",
        "see": "see {figure}",
    },
}
"""Sentence templates: words and placeholders only (no digits; a test checks)."""

SHARE_WORDS: tuple[tuple[float, str, str], ...] = (
    (95.0, "vrijwel alle", "nearly all"),
    (85.0, "de grote meerderheid", "the great majority"),
    (77.0, "meer dan driekwart", "more than three quarters"),
    (72.5, "ongeveer driekwart", "about three quarters"),
    (69.0, "ruim tweederde", "just over two thirds"),
    (62.0, "ongeveer tweederde", "about two thirds"),
    (55.0, "meer dan de helft", "more than half"),
    (45.0, "ongeveer de helft", "about half"),
    (37.0, "minder dan de helft", "less than half"),
    (29.0, "ongeveer een derde", "about a third"),
    (22.0, "ongeveer een kwart", "about a quarter"),
    (15.0, "ongeveer een op de zes", "about one in six"),
    (5.0, "een kleine minderheid", "a small minority"),
    (0.0, "vrijwel geen", "hardly any"),
)
"""Lower bound (percent, inclusive) -> quantifier in Dutch and English, highest first."""


def share_words(pct: float, lang: str) -> str:
    """The quantifier for a percentage: 78 -> "meer dan driekwart", 66 -> "ongeveer tweederde".

    Examples
    --------
    >>> share_words(78, "nl"), share_words(66, "en")
    ('meer dan driekwart', 'about two thirds')
    """
    for low, nl, en in SHARE_WORDS:
        if pct >= low:
            return en if lang == "en" else nl
    return SHARE_WORDS[-1][2] if lang == "en" else SHARE_WORDS[-1][1]


@dataclass(frozen=True)
class Finding:
    """One sentence, the figures it rests on and the numbers it prints (for checking)."""

    key: str
    text: str
    figures: tuple[str, ...] = ()
    values: Mapping[str, float] = field(default_factory=dict)


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


PHRASES: dict[str, tuple[str, str]] = {
    "type_product": ("productinnovatie", "product innovation"),
    "type_process": ("procesinnovatie", "process innovation"),
    "type_interaction": ("vernieuwing van de interactie met de buitenwereld",
                         "innovation in the interaction with the outside world"),
    "spectrum": ("een breder innovatiespectrum", "a broader innovation spectrum"),
    "origin[adapted]": ("een aangepaste kopie van een innovatie elders",
                        "an adapted copy of an innovation elsewhere"),
    "origin[copy]": ("een kopie van een innovatie elders", "a copy of an innovation elsewhere"),
    "tech_entirely": ("puur technologische innovatie", "purely technological innovation"),
    "init_employees": ("initiatief van medewerkers", "initiative by employees"),
    "init_managers": ("initiatief van managers", "initiative by managers"),
    "init_political": ("initiatief van de politieke of bestuurlijke leiding",
                       "initiative by the political leadership"),
    "init_citizens": ("initiatief van burgers of klanten", "initiative by citizens or clients"),
    "init_other_public": ("innovaties in andere publieke organisaties als aanleiding",
                          "innovations in other public organisations as the trigger"),
    "init_technology": ("nieuwe technologie als aanleiding", "new technology as the trigger"),
    "init_reorganisation": ("een reorganisatie als aanleiding", "a reorganisation as the trigger"),
    "init_legislation": ("wet- en regelgeving als aanleiding", "legislation as the trigger"),
    "factor_employees": ("de bijdrage van medewerkers", "the contribution of employees"),
    "factor_skills": ("variatie in kennis en vaardigheden", "variety of knowledge and skills"),
    "factor_management": ("de rol van het management", "the role of management"),
    "factor_political": ("de rol van de politieke leiding", "the role of the political leadership"),
    "factor_collab_internal": ("samenwerking binnen de organisatie",
                               "collaboration within the organisation"),
    "factor_collab_private": ("samenwerking met private partijen",
                              "collaboration with private companies"),
    "factor_collab_public": ("samenwerking met publieke partijen",
                             "collaboration with public organisations"),
    "factor_technology": ("nieuwe technologie als bevorderende factor",
                          "new technology as a promoting factor"),
    "factor_finance": ("financiële middelen als bevorderende factor",
                       "financial resources as a promoting factor"),
    "factor_continuity": ("de focus op continuïteit van de bedrijfsvoering",
                          "the focus on continuity of operations"),
    "factor_mistakes": ("de manier waarop met fouten wordt omgegaan",
                        "the way mistakes are handled"),
    "own_budget": ("financiering uit het eigen budget", "financing from the own budget"),
    "climate": ("een sterker innovatieklimaat", "a stronger innovation climate"),
    "time_enough": ("voldoende tijd voor innovatie", "enough time for innovation"),
}  # fmt: skip
"""Coefficient name -> phrase (Dutch, English) for the findings on Tekstvak 2; other
coefficients (sector and size levels) use their table label."""


def _phrase(name: str, lang: str, res: ModelsResult) -> str:
    if name in PHRASES:
        nl, en = PHRASES[name]
        return en if lang == "en" else nl
    return _lower(coefficient_label(name, lang, res.frame))


def _tpl(lang: str, key: str, **fields: Any) -> str:
    text = TEMPLATES.get(lang, TEMPLATES["nl"])[key].format(**fields)
    return text[:1].upper() + text[1:]


def _pct(x: float, lang: str) -> str:
    return fmt_pct(x, lang, 0)


def _lower(label: str) -> str:
    """A category label inside a sentence: without its explanation in brackets, first letter
    lower-case unless an acronym ("Hogere efficiency (zelfde ...)" -> "hogere efficiency")."""
    label = re.sub(r"\s*\([^)]*\)", "", label).strip() or label
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _rows(data: FigureData | None, series: str | None = None) -> pd.DataFrame | None:
    if data is None or not data.ok or data.table is None or "pct" not in data.table:
        return None
    table = data.table
    if series is not None and "series" in table:
        table = table[table["series"] == series]
    table = table[table["pct"].notna()]
    return table if len(table) else None


def _value(table: pd.DataFrame, key: str) -> float | None:
    hit = table[table["key"] == key]
    return float(hit["pct"].iloc[0]) if len(hit) else None


Builder = Callable[[Mapping[str, FigureData], Context, str], list[Finding]]


def _innovated(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    data = figs.get("fig01_innovated_share")
    table = _rows(data)
    if data is None or table is None or _value(table, "yes") is None:
        return []
    row = table[table["key"] == "yes"].iloc[0]
    pct, lo, hi = float(row["pct"]), float(row["ci_low"]), float(row["ci_high"])
    from barometer.report.text import t

    out = [
        Finding(
            "innovated",
            _tpl(lang, "innovated", words=share_words(pct, lang), pct=_pct(pct, lang),
                 ci_label=t(lang, "ci"), lo=_pct(lo, lang), hi=_pct(hi, lang)),
            ("fig01_innovated_share",),
            {"pct": pct, "ci_low": lo, "ci_high": hi},
        )
    ]  # fmt: skip
    bench = data.benchmarks
    if bench is not None and "study_n" in bench:
        dk = bench[(bench["key"] == "yes") & bench["study_n"].notna()]
        dk = dk[dk["study"].astype(str).str.startswith("dk")]
        if len(dk):
            b = dk.iloc[0]
            n_nl = data.effective_n or float(row["base"])
            test = two_proportion_test(
                pct / 100, n_nl, float(b["value"]) / 100, float(b["study_n"])
            )
            key = (
                "vs_same"
                if test.pvalue >= ALPHA
                else ("vs_higher" if test.difference > 0 else "vs_lower")
            )
            out.append(
                Finding(
                    f"innovated_{key}",
                    _tpl(lang, key, country=str(b["country"]), other=_pct(float(b["value"]), lang),
                         p=_p(test.pvalue, lang)),
                    ("fig01_innovated_share",),
                    {"other": float(b["value"]), "p": test.pvalue},
                )
            )  # fmt: skip
    return out


def _p(p: float, lang: str) -> str:
    text = fmt_p(p, lang)
    return text if text.startswith("<") else f"= {text}"


def _types(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    from barometer.report.text import t

    types = _rows(figs.get("fig02_innovation_types"), t(lang, "yes"))
    spectrum = _rows(figs.get("fig03_innovation_spectrum"))
    if types is None or spectrum is None:
        return []
    top = types.sort_values("pct", ascending=False, kind="stable").iloc[0]
    multi = float(spectrum[spectrum["key"].isin(["2", "3", "4"])]["pct"].sum())
    text = _tpl(lang, "types", top=_lower(str(top["category"])), pct=_pct(float(top["pct"]), lang),
                words=share_words(multi, lang), multi=_pct(multi, lang))  # fmt: skip
    return [Finding("types", text, ("fig02_innovation_types", "fig03_innovation_spectrum"),
                    {"pct": float(top["pct"]), "multi": multi})]  # fmt: skip


def _origin(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = _rows(figs.get("fig04_origin"))
    if table is None:
        return []
    own, adapted, copy = (_value(table, k) for k in ("own", "adapted", "copy"))
    if own is None or adapted is None or copy is None:
        return []
    elsewhere = adapted + copy
    text = _tpl(lang, "origin", own=_pct(own, lang), words=share_words(elsewhere, lang),
                elsewhere=_pct(elsewhere, lang), adapted=_pct(adapted, lang),
                copy=_pct(copy, lang))  # fmt: skip
    return [Finding("origin", text, ("fig04_origin",),
                    {"own": own, "elsewhere": elsewhere, "adapted": adapted, "copy": copy})]  # fmt: skip


def _technology(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = _rows(figs.get("fig05_technology_share"))
    if table is None:
        return []
    parts = [_value(table, k) for k in ("entirely", "important")]
    if any(v is None for v in parts):
        return []
    pct = float(sum(v for v in parts if v is not None))
    text = _tpl(lang, "technology", words=share_words(pct, lang), pct=_pct(pct, lang))
    return [Finding("technology", text, ("fig05_technology_share",), {"pct": pct})]


def _top_two(figs: Mapping[str, FigureData], fid: str, key: str, lang: str,
             skip: Sequence[str] = ()) -> list[Finding]:  # fmt: skip
    table = _rows(figs.get(fid))
    if table is None:
        return []
    table = table[~table["key"].isin(list(skip))].sort_values("pct", ascending=False, kind="stable")
    if len(table) < 2:
        return []
    a, b = table.iloc[0], table.iloc[1]
    text = _tpl(lang, key, first=_lower(str(a["category"])), p1=_pct(float(a["pct"]), lang),
                second=_lower(str(b["category"])), p2=_pct(float(b["pct"]), lang))  # fmt: skip
    return [Finding(key, text, (fid,), {"p1": float(a["pct"]), "p2": float(b["pct"])})]


def _initiative(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    return _top_two(figs, "fig07_initiative", "initiative", lang)


def _results(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    return _top_two(figs, "fig14_results", "results", lang, skip=("other",))


def _collaboration(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = _rows(figs.get("fig09_collaboration"))
    if table is None:
        return []
    none = _value(table, "none")
    partners = table[table["key"] != "none"].sort_values("pct", ascending=False, kind="stable")
    if none is None or not len(partners):
        return []
    pct = 100.0 - none
    top = partners.iloc[0]
    text = _tpl(lang, "collaboration", words=share_words(pct, lang), pct=_pct(pct, lang),
                top=_lower(str(top["category"])), ptop=_pct(float(top["pct"]), lang))  # fmt: skip
    return [Finding("collaboration", text, ("fig09_collaboration",),
                    {"pct": pct, "ptop": float(top["pct"])})]  # fmt: skip


def _financing(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = _rows(figs.get("fig11_financing"))
    pct = _value(table, "own_budget") if table is not None else None
    if pct is None:
        return []
    text = _tpl(lang, "financing", words=share_words(pct, lang), pct=_pct(pct, lang))
    return [Finding("financing", text, ("fig11_financing",), {"pct": pct})]


def _models(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    data = figs.get("textbox2_logistic_regressions")
    if data is None or not data.ok or not isinstance(data.detail, ModelsResult):
        return []
    res: ModelsResult = data.detail
    out = []
    word = TEMPLATES.get(lang, TEMPLATES["nl"])["and"]

    def names(effects: Sequence[Any]) -> str:
        labels = [_phrase(e.coefficient, lang, res) for e in effects]
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} {word} {labels[-1]}"

    for run in res.runs:
        outcome = run.spec.label_in(lang)
        if run.result is None:
            out.append(Finding(f"model_{run.spec.key}", _tpl(lang, "model_failed", outcome=_lower(outcome)),
                               ("textbox2_logistic_regressions",)))  # fmt: skip
            continue
        effects = significant_effects(run, alpha=ALPHA)
        pos = [e for e in effects if e.sign == "+"]
        neg = [e for e in effects if e.sign == "-"]
        key = ("model_both" if pos and neg else "model_pos" if pos else "model_neg" if neg
               else "model_none")  # fmt: skip
        text = _tpl(lang, key, outcome=outcome, pos=names(pos) if pos else "",
                    neg=names(neg) if neg else "")  # fmt: skip
        values = {e.coefficient: e.b for e in effects}
        out.append(
            Finding(f"model_{run.spec.key}", text, ("textbox2_logistic_regressions",), values)
        )
    alpha = fmt_pct(ALPHA, lang, 2)
    out.append(Finding("models_note", _tpl(lang, "models_note", alpha=alpha),
                       ("textbox2_logistic_regressions",), {"alpha": ALPHA}))  # fmt: skip
    return out


def _climate(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    try:
        from barometer.report.figures_climate import analysis_for

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
            _tpl(lang, "climate_mean", mean=fmt_pct(mean, lang, 1), low=fmt_pct(1, lang, 0),
                 high=fmt_pct(5, lang, 0)),
            ("fig17_climate_groups",),
            {"mean": mean},
        )
    ]  # fmt: skip
    groups = _rows(figs.get("fig17_climate_groups"))
    shares: dict[str, float] = {}
    if groups is not None:
        for g in ("strong", "medium", "limited"):
            v = _value(groups, f"fixed:{g}")
            if v is not None:
                shares[g] = v
    if len(shares) == 3:
        out.append(Finding("climate_groups",
                           _tpl(lang, "climate_groups", **{k: _pct(v, lang) for k, v in shares.items()}),
                           ("fig17_climate_groups",), shares))  # fmt: skip
    comparison = _climate_comparison(ctx, res.groups, lang)
    if comparison is not None:
        out.append(comparison)
    return out


def _climate_comparison(ctx: Context, groups: pd.Series, lang: str) -> Finding | None:
    innovated = ctx.data["innovated"].astype("Float64").astype(float)
    parts = []
    for g in ("strong", "limited"):
        x = innovated.where((groups == g).fillna(False).astype(bool))
        n = int(x.notna().sum())
        if n < max(ctx.min_n, 1):
            return None
        r = proportion(x, weights=ctx.weights)
        mask = x.notna()
        eff = ctx.effective_n(mask) or float(n)
        parts.append((r.estimate, eff))
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
    text = _tpl(lang, key, a=_pct(100 * p1, lang), b=_pct(100 * p2, lang), p=_p(test.pvalue, lang))
    return Finding(key, text, ("fig18_frequency_by_climate",),
                   {"a": 100 * p1, "b": 100 * p2, "p": test.pvalue})  # fmt: skip


def _texts(figs: Mapping[str, FigureData], ctx: Context, lang: str) -> list[Finding]:
    table = _rows(figs.get("img02_text_clusters"))
    if table is None or len(table) < 2:
        return []
    a, b = table.iloc[0], table.iloc[1]

    def title(row: pd.Series) -> str:
        return str(row["title"]) if "title" in row else str(row["category"])

    text = _tpl(lang, "texts", first=title(a), p1=_pct(float(a["pct"]), lang), second=title(b),
                p2=_pct(float(b["pct"]), lang))  # fmt: skip
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

SUMMARY = ("innovated", "innovated_vs_higher", "innovated_vs_lower", "innovated_vs_same",
           "origin", "results", "model_quality", "model_efficiency",
           "model_employee_satisfaction", "climate_groups", "climate_higher", "climate_lower",
           "climate_same", "texts")  # fmt: skip
"""Keys of the findings repeated in the management summary, in order."""


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
    everything = {f.key: f for p in chapter for f in p.findings}
    summary = tuple(everything[k] for k in SUMMARY if k in everything)
    return Findings(words["summary_title"], summary, words["chapter_title"], tuple(chapter))
