"""The explanatory models of Tekstvak 2: what goes with better quality, efficiency and
employee satisfaction.

The three models are data (:data:`MODELS`): an outcome, the candidate predictors (the same
for all three, :data:`PREDICTORS`), which of them are categorical, labels in Dutch and
English, and what the 2021 report printed (its "Adj R²" and the directions it named).
:func:`model_frame` turns the answers of the innovators into the predictors;
:func:`run_models` selects each model with :func:`~barometer.stats.logistic_stepwise.backward_stepwise`
(SPSS ``BSTEP(LR)``, POUT .10, PIN .05, one listwise sample) and returns one
:class:`ModelRun` per model, with the error message in place of a model that cannot be
fitted. Pure functions: no I/O.

Coding of the predictors (DESIGN.md section 7; chosen here, documented in
:data:`CODING_NOTES`):

- the innovation types are yes = 1, no or don't know = 0;
- the spectrum (0-4) is the number of types; with all four type dummies in the model it
  would be their exact sum, so the *service* type (which 2021 does not name) is left out
  of the candidates: the spectrum then carries the effect of breadth, and the model with
  spectrum + product + process + interaction is a re-parametrisation of the one with the
  four types;
- origin is categorical (own development = reference, adapted, copy); "don't know" is
  missing;
- technology share enters as one dummy "the innovation *is* technology" (2021: "puur
  technologische innovaties");
- initiative, financing: the 0/1 columns of the multiple-choice questions;
- factors: (strongly) promoting = 1, hindering, neutral or don't know = 0, the reading of
  Figuur 13; a 1-5 score would lose the "don't know" cases from the listwise sample;
- the climate score (1-5) and "there is enough time for innovation" ((strongly) agree = 1,
  otherwise 0, don't know = 0);
- sector and size class are categorical; a sector with fewer than ``min_cases`` innovators
  joins the remainder group ("overig"), a size class with fewer joins its smaller
  neighbour, so that no coefficient rests on a handful of organisations (also a
  disclosure rule, DESIGN.md section 8).

A dummy whose rarer value has fewer than ``min_cases`` cases in the listwise sample is left
out before the selection (it would invite separation); the run says which.

A logistic model has no adjusted R² (the 2021 report printed "Adj R²", see the
``inconsistencies`` of ``ibo2021-published.yaml``); we report −2LL, the omnibus test, Cox &
Snell and Nagelkerke R² and the Hosmer-Lemeshow test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from barometer.classification import classification
from barometer.errors import BarometerError
from barometer.stats.derive import SIZE_CLASSES, add_derived
from barometer.stats.disclosure import merge_small_groups
from barometer.stats.logistic import Coefficient
from barometer.stats.logistic_stepwise import StepwiseResult, backward_stepwise

__all__ = [
    "CANDIDATES",
    "CATEGORICAL",
    "CODING_NOTES",
    "MODELS",
    "PREDICTORS",
    "ClimateScore",
    "Effect",
    "ModelFrame",
    "ModelRun",
    "ModelSpec",
    "ModelsResult",
    "Predictor",
    "PublishedEffect",
    "climate_score",
    "coefficient_label",
    "model_frame",
    "run_models",
    "significant_effects",
]

Kind = Literal["dummy", "count", "score", "categorical"]
Sign = Literal["+", "-"]


@dataclass(frozen=True)
class Predictor:
    """One candidate predictor: its column in the model frame, how it is coded, labels."""

    name: str
    kind: Kind
    source: str  # the questionnaire item(s) it comes from
    coding: str  # how, in one line (English; shown in the method notes)
    label: Mapping[str, str]

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label["nl"]


@dataclass(frozen=True)
class PublishedEffect:
    """A direction the 2021 report named in Tekstvak 2 (``level`` for a categorical)."""

    predictor: str
    sign: Sign
    levels: tuple[str, ...] = ()  # any of these levels (vs the reference) in that direction


@dataclass(frozen=True)
class ModelSpec:
    """One outcome model of Tekstvak 2."""

    key: str
    outcome: str
    candidates: tuple[str, ...]
    categorical: tuple[str, ...]
    reference: Mapping[str, str]
    labels: Mapping[str, str]
    published_adj_r2: float
    published: tuple[PublishedEffect, ...]

    def label_in(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["nl"]


def _p(name: str, kind: Kind, source: str, coding: str, nl: str, en: str) -> Predictor:
    return Predictor(name, kind, source, coding, {"nl": nl, "en": en})


_PROMOTING = "(strongly) promoting = 1; hindering, neutral, don't know = 0"
PREDICTORS: tuple[Predictor, ...] = (
    _p("type_product", "dummy", "d2_type_product", "yes = 1, no/don't know = 0",
       "Productinnovatie", "Product innovation"),
    _p("type_process", "dummy", "d2_type_process", "yes = 1, no/don't know = 0",
       "Procesinnovatie", "Process innovation"),
    _p("type_interaction", "dummy", "d2_type_interaction", "yes = 1, no/don't know = 0",
       "Innovatie van de interactie", "Interaction innovation"),
    _p("spectrum", "count", "d2_type_*", "number of types (0-4)",
       "Innovatiespectrum (aantal typen)", "Innovation spectrum (number of types)"),
    _p("origin", "categorical", "d3_origin", "own (reference) / adapted / copy; don't know missing",
       "Herkomst van de innovatie", "Origin of the innovation"),
    _p("tech_entirely", "dummy", "d4_tech_share", "the innovation is technology = 1, else 0",
       "Puur technologische innovatie", "Purely technological innovation"),
    _p("init_employees", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: medewerkers", "Initiative: employees"),
    _p("init_managers", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: managers", "Initiative: managers"),
    _p("init_political", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: politieke of bestuurlijke leiding", "Initiative: political leadership"),
    _p("init_citizens", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: burgers of klanten", "Initiative: citizens or clients"),
    _p("init_other_public", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: innovaties in andere publieke organisaties",
       "Initiative: innovations in other public organisations"),
    _p("init_technology", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: nieuwe technologie", "Initiative: new technology"),
    _p("init_reorganisation", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: reorganisatie", "Initiative: reorganisation"),
    _p("init_legislation", "dummy", "d6_initiative", "chosen = 1",
       "Initiatief: wet- en regelgeving", "Initiative: legislation"),
    _p("factor_employees", "dummy", "d13_factor_employees", _PROMOTING,
       "Bijdrage van medewerkers bevorderend", "Employees' contribution promoting"),
    _p("factor_skills", "dummy", "d13_factor_skills", _PROMOTING,
       "Variatie in kennis en vaardigheden bevorderend", "Variety of knowledge and skills promoting"),
    _p("factor_management", "dummy", "d13_factor_management", _PROMOTING,
       "Management bevorderend", "Management promoting"),
    _p("factor_political", "dummy", "d13_factor_political", _PROMOTING,
       "Politieke leiding bevorderend", "Political leadership promoting"),
    _p("factor_collab_internal", "dummy", "d13_factor_collab_internal", _PROMOTING,
       "Samenwerking binnen de organisatie bevorderend", "Collaboration within the organisation promoting"),
    _p("factor_collab_private", "dummy", "d13_factor_collab_private", _PROMOTING,
       "Samenwerking met private partijen bevorderend", "Collaboration with private companies promoting"),
    _p("factor_collab_public", "dummy", "d13_factor_collab_public", _PROMOTING,
       "Samenwerking met publieke partijen bevorderend", "Collaboration with public organisations promoting"),
    _p("factor_technology", "dummy", "d13_factor_technology", _PROMOTING,
       "Nieuwe technologie bevorderend", "New technology promoting"),
    _p("factor_finance", "dummy", "d13_factor_finance", _PROMOTING,
       "Financiële middelen bevorderend", "Financial resources promoting"),
    _p("factor_continuity", "dummy", "d13_factor_continuity", _PROMOTING,
       "Focus op continuïteit bevorderend", "Focus on continuity promoting"),
    _p("factor_mistakes", "dummy", "d13_factor_mistakes", _PROMOTING,
       "Omgang met fouten bevorderend", "Handling of mistakes promoting"),
    _p("own_budget", "dummy", "d11_financing", "own budget chosen = 1",
       "Financiering uit eigen budget", "Financed from own budget"),
    _p("climate", "score", "climate statements", "climate score, 1-5",
       "Innovatieklimaat (score)", "Innovation climate (score)"),
    _p("time_enough", "dummy", "e06_time", "(strongly) agree = 1; otherwise or don't know = 0",
       "Voldoende tijd voor innovatie", "Enough time for innovation"),
    _p("sector", "categorical", "frame", "sector; small sectors merged into 'overig'",
       "Sector", "Sector"),
    _p("size", "categorical", "a1_size", "size class; small classes merged with a neighbour",
       "Omvang (medewerkers)", "Size (employees)"),
)  # fmt: skip
"""All candidate predictors, in the order they enter the models."""

CANDIDATES: tuple[str, ...] = (
    "type_product", "type_process", "type_interaction", "spectrum", "origin", "tech_entirely",
    "init_employees", "init_managers", "init_political", "init_other_public", "init_technology",
    "init_reorganisation", "factor_employees", "factor_skills", "factor_management",
    "factor_collab_internal", "factor_continuity", "factor_mistakes", "own_budget", "climate",
    "time_enough", "sector", "size",
)  # fmt: skip
"""The candidates of the three models: everything Tekstvak 2 names (types, spectrum, origin,
purely technological, the initiatives of employees, managers, political leadership and
reorganisation, the factors employees, collaboration within and continuity, own budget,
climate, enough time, sector, size), plus the other frequent initiatives (other public
organisations, new technology) and the success factors the report discusses (skills,
management, the way mistakes are handled). The remaining :data:`PREDICTORS` are coded but
left out: each extra candidate adds a test to every step and invites chance findings."""
CATEGORICAL: tuple[str, ...] = tuple(
    p.name for p in PREDICTORS if p.kind == "categorical" and p.name in CANDIDATES
)
_BY_NAME = {p.name: p for p in PREDICTORS}

CODING_NOTES: Mapping[str, str] = {
    "nl": (
        "Codering: typen ja = 1 (nee of weet niet = 0); herkomst met eigen ontwikkeling als "
        "referentie (weet niet telt niet mee); aanleidingen gekozen = 1; factoren (sterk) "
        "bevorderend = 1 (belemmerend, neutraal of weet niet = 0); 'voldoende tijd' (helemaal) "
        "eens = 1; klimaatscore 1-5; sector en omvang als categorieën, kleine groepen "
        "samengevoegd. Het type 'diensten' is weggelaten: met de andere drie typen is het "
        "spectrum er de som van, zodat beide niet tegelijk geschat kunnen worden."
    ),
    "en": (
        "Coding: types yes = 1 (no or don't know = 0); origin with own development as the "
        "reference (don't know is left out); initiatives chosen = 1; factors (strongly) "
        "promoting = 1 (hindering, neutral or don't know = 0); 'enough time' (strongly) agree = "
        "1; climate score 1-5; sector and size as categories, small groups merged. The "
        "'services' type is left out: with the other three types the spectrum is their sum, so "
        "both cannot be estimated together."
    ),
}

_ELSEWHERE = ("adapted", "copy")
MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        "quality", "d14_results__quality", CANDIDATES, CATEGORICAL,
        {"origin": "own"},
        {"nl": "Verbetering van de kwaliteit", "en": "Improved quality"},
        0.275,
        (PublishedEffect("type_product", "+"), PublishedEffect("spectrum", "+"),
         PublishedEffect("origin", "+", ("adapted",)), PublishedEffect("factor_employees", "+"),
         PublishedEffect("tech_entirely", "-"), PublishedEffect("type_interaction", "-")),
    ),
    ModelSpec(
        "efficiency", "d14_results__efficiency", CANDIDATES, CATEGORICAL,
        {"origin": "own"},
        {"nl": "Verhoging van de efficiency", "en": "Higher efficiency"},
        0.323,
        (PublishedEffect("type_process", "+"), PublishedEffect("factor_continuity", "+"),
         PublishedEffect("init_managers", "+"), PublishedEffect("origin", "+", _ELSEWHERE),
         PublishedEffect("init_political", "-"), PublishedEffect("own_budget", "-")),
    ),
    ModelSpec(
        "employee_satisfaction", "d14_results__employee_satisfaction", CANDIDATES, CATEGORICAL,
        {"origin": "own"},
        {"nl": "Grotere tevredenheid van medewerkers", "en": "Greater employee satisfaction"},
        0.213,
        (PublishedEffect("climate", "+"), PublishedEffect("factor_collab_internal", "+"),
         PublishedEffect("init_reorganisation", "+"), PublishedEffect("init_managers", "+"),
         PublishedEffect("init_political", "-"), PublishedEffect("time_enough", "-")),
    ),
)  # fmt: skip
"""Tekstvak 2: quality, efficiency, employee satisfaction, among the innovators."""

PUBLISHED_NOT_SIGNIFICANT = ("sector", "size")
"""2021: neither sector nor organisation size went with any of the three results."""


# --------------------------------------------------------------------------- climate score
@dataclass(frozen=True)
class ClimateScore:
    """The climate score per organisation and where it came from."""

    score: pd.Series
    source: Literal["climate_analysis", "provisional"]
    items: tuple[str, ...]
    note: str


def _climate_items(data: pd.DataFrame) -> list[str]:
    return sorted(c for c in data.columns if len(c) > 3 and c[0] == "e" and c[1:3].isdigit())


def climate_score(
    data: pd.DataFrame,
    *,
    analysis: Callable[..., Any] | None = None,
    items: Sequence[str] | None = None,
    min_answered: float = 0.5,
) -> ClimateScore:
    """The innovation-climate score (1-5) of every organisation.

    ``analysis`` is :func:`barometer.stats.analysis.climate_analysis` when available: its
    result's ``score`` is used (the scale of DESIGN.md section 7: kept items, minimum
    answered). Without it, a provisional score: the mean of the climate statements
    (``e01``..``e15``, answers 1-5; missing codes left out) over organisations that
    answered at least ``min_answered`` of them.
    """
    if analysis is not None:
        result = analysis(data)
        score = pd.Series(getattr(result, "score", result), dtype=float)
        kept = tuple(getattr(result, "kept", ()) or ())
        return ClimateScore(
            score.reindex(data.index),
            "climate_analysis",
            kept,
            f"climate score from climate_analysis ({len(kept)} statements)",
        )
    names = list(items) if items is not None else _climate_items(data)
    if not names:
        return ClimateScore(
            pd.Series(np.nan, index=data.index), "provisional", (), "no climate statements"
        )
    values = data[names].apply(pd.to_numeric, errors="coerce")
    values = values.where(values >= 1)
    answered = values.notna().sum(axis=1)
    score = values.mean(axis=1).where(answered >= min_answered * len(names))
    return ClimateScore(
        score.rename("climate"),
        "provisional",
        tuple(names),
        f"provisional climate score: mean of {len(names)} statements",
    )


def _default_climate(data: pd.DataFrame) -> ClimateScore:
    """The scale of DESIGN.md section 7 (:func:`~barometer.stats.analysis.climate_analysis`);
    the provisional mean when the scale cannot be computed (too few organisations)."""
    from barometer.stats.analysis import climate_analysis

    try:
        return climate_score(data, analysis=climate_analysis)
    except BarometerError as exc:
        provisional = climate_score(data)
        return replace(provisional, note=f"{provisional.note} (the scale failed: {exc})")


# --------------------------------------------------------------------------- model frame
@dataclass(frozen=True, eq=False)
class ModelFrame:
    """The innovators' predictors and outcomes, and how they were made."""

    data: pd.DataFrame  # one row per innovator: CANDIDATES + outcomes
    n_innovators: int
    level_labels: Mapping[str, Mapping[str, Mapping[str, str]]]  # term -> level -> lang -> label
    climate: ClimateScore
    notes: tuple[str, ...]


def _num(data: pd.DataFrame, column: str) -> pd.Series:
    if column not in data.columns:
        return pd.Series(np.nan, index=data.index)
    return pd.to_numeric(data[column], errors="coerce")


def _yes(code: pd.Series, ones: Sequence[int], zeros: Sequence[int]) -> pd.Series:
    out = pd.Series(np.nan, index=code.index)
    out[code.isin(list(zeros))] = 0.0
    out[code.isin(list(ones))] = 1.0
    return out


def _dummy(code: pd.Series) -> pd.Series:
    """A 0/1 column of a multiple-choice question; missing codes (< 0) are missing."""
    return code.where(code.isin([0, 1])).astype(float)


def _merge_sectors(values: pd.Series, min_cases: int) -> tuple[pd.Series, list[str]]:
    counts = values.value_counts()
    if counts.empty:
        return values, []
    into = classification().remainder.code
    try:
        mapping = merge_small_groups(counts, min_n=min_cases, into=into)
    except BarometerError:
        return values, []
    merged = [k for k, v in mapping.items() if v != k]
    return values.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v), merged


def _merge_ordered(values: pd.Series, order: Sequence[str], min_cases: int) -> pd.Series:
    """Merge the smallest class with its smaller neighbour until every class has min_cases."""
    groups = [[o] for o in order if (values == o).any()]
    while len(groups) > 1:
        sizes = [int(values.isin(g).sum()) for g in groups]
        i = min(range(len(groups)), key=lambda k: (sizes[k], k))
        if sizes[i] >= min_cases:
            break
        if i == 0:
            j = 1
        elif i == len(groups) - 1:
            j = i - 1
        else:
            j = i - 1 if sizes[i - 1] <= sizes[i + 1] else i + 1
        lo, hi = min(i, j), max(i, j)
        groups[lo:hi + 1] = [groups[lo] + groups[hi]]  # fmt: skip
    mapping = {m: "+".join(g) for g in groups for m in g}
    return values.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)


def model_frame(
    data: pd.DataFrame,
    *,
    climate: ClimateScore | None = None,
    questionnaire: Any = None,
    min_cases: int = 10,
) -> ModelFrame:
    """The candidate predictors and the three outcomes for the innovators.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses (codebook columns; derived columns are added if missing).
    climate : ClimateScore, optional
        Default: :func:`barometer.stats.analysis.climate_analysis` when available,
        else the provisional mean (:func:`climate_score`).
    questionnaire : Questionnaire, optional
        For the labels of origin and size levels.
    min_cases : int, default 10
        Sectors and size classes with fewer innovators are merged (see the module notes).
    """
    if "innovated" not in data.columns or "spectrum" not in data.columns:
        data = add_derived(data)
    climate = climate or _default_climate(data)
    inn = data["innovated"].fillna(False).astype(bool).to_numpy()
    d = data.loc[inn]
    out = pd.DataFrame(index=d.index)
    for t in ("product", "process", "interaction"):
        out[f"type_{t}"] = _yes(_num(d, f"d2_type_{t}"), [1], [2, -8])
    out["spectrum"] = pd.to_numeric(d["spectrum"], errors="coerce").astype(float)
    origin = _num(d, "d3_origin").map({1: "own", 2: "adapted", 3: "copy"})
    out["origin"] = origin.astype(object).where(origin.notna(), None)
    out["tech_entirely"] = _yes(_num(d, "d4_tech_share"), [1], [2, 3, 4])
    for p in PREDICTORS:
        if p.name.startswith("init_"):
            out[p.name] = _dummy(_num(d, f"d6_initiative__{p.name[5:]}"))
        elif p.name.startswith("factor_"):
            out[p.name] = _yes(_num(d, f"d13_{p.name}"), [4, 5], [1, 2, 3, -8])
    out["own_budget"] = _dummy(_num(d, "d11_financing__own_budget"))
    out["climate"] = climate.score.reindex(d.index).astype(float)
    out["time_enough"] = _yes(_num(d, "e06_time"), [4, 5], [1, 2, 3, -8])
    notes: list[str] = []
    sector = d["sector"].astype(object) if "sector" in d.columns else pd.Series(None, index=d.index)
    sector = sector.where(sector.notna() & (sector.astype(str).str.strip() != ""), None)
    out["sector"], merged = _merge_sectors(sector, min_cases)
    if merged:
        notes.append(f"sectors with fewer than {min_cases} innovators merged: {', '.join(merged)}")
    size = d["size_class"].astype(object)
    out["size"] = _merge_ordered(size.where(size.notna(), None), list(SIZE_CLASSES.values()),
                                 min_cases)  # fmt: skip
    for spec in MODELS:
        out[spec.outcome] = _dummy(_num(d, spec.outcome))
    return ModelFrame(
        data=out,
        n_innovators=int(inn.sum()),
        level_labels=_level_labels(out, questionnaire, merged),
        climate=climate,
        notes=tuple(notes),
    )


def _level_labels(
    frame: pd.DataFrame, questionnaire: Any, merged: Sequence[str] = ()
) -> dict[str, dict[str, dict[str, str]]]:
    cls = classification()
    labels: dict[str, dict[str, dict[str, str]]] = {"origin": {}, "sector": {}, "size": {}}

    def choice(item: str, name: str, lang: str) -> str:
        if questionnaire is None:
            return name
        try:
            cl = questionnaire.item(item).choice_list
            return str(next(c.label(lang) for c in cl.choices if c.name == name))
        except (KeyError, StopIteration, AttributeError):
            return name

    fixed = {
        "own": {"nl": "eigen ontwikkeling", "en": "own development"},
        "adapted": {"nl": "aangepaste kopie", "en": "adapted copy"},
        "copy": {"nl": "kopie", "en": "copy"},
    }
    labels["origin"] = fixed

    def sector(code: str, lang: str) -> str:
        if code != cls.remainder.code:
            return cls.sector_label(code, lang)
        members = ", ".join(cls.sector_label(m, lang) for m in merged if m != code)
        name = cls.remainder.label(lang).split(" (")[0]
        return f"{name} ({members})" if members else name

    for code in frame["sector"].dropna().unique():
        labels["sector"][code] = {lang: sector(code, lang) for lang in ("nl", "en")}
    for code in frame["size"].dropna().unique():
        labels["size"][code] = {
            lang: " / ".join(choice("a1_size", part, lang) for part in code.split("+"))
            for lang in ("nl", "en")
        }
    return labels


def coefficient_label(name: str, lang: str, frame: ModelFrame | None = None) -> str:
    """A readable label for a coefficient name (``origin[adapted]`` -> "Herkomst: ...")."""
    if name == "Constant":
        return "Constante" if lang == "nl" else "Constant"
    term, _, level = name.partition("[")
    pred = _BY_NAME.get(term)
    base = pred.label_in(lang) if pred else term
    if not level:
        return base
    level = level.rstrip("]")
    names = (frame.level_labels if frame else {}).get(term, {})
    text = names.get(level, {}).get(lang, level)
    return f"{base}: {text}"


# --------------------------------------------------------------------------- running
@dataclass(frozen=True, eq=False)
class ModelRun:
    """One model: the stepwise result, or the message why it could not be fitted."""

    spec: ModelSpec
    result: StepwiseResult | None
    error: str | None
    dropped: tuple[tuple[str, str], ...]  # (candidate, reason) left out before selection
    reference: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result is not None


@dataclass(frozen=True, eq=False)
class ModelsResult:
    """The three Tekstvak 2 models on one model frame."""

    frame: ModelFrame
    runs: tuple[ModelRun, ...]
    pin: float
    pout: float
    min_cases: int

    def run(self, key: str) -> ModelRun:
        for r in self.runs:
            if r.spec.key == key:
                return r
        raise KeyError(key)


def _prepare(
    frame: ModelFrame, spec: ModelSpec, min_cases: int
) -> tuple[pd.DataFrame, list[str], list[str], dict[str, str], list[tuple[str, str]]]:
    columns = [spec.outcome, *spec.candidates]
    sample = frame.data[columns].dropna()
    candidates: list[str] = []
    dropped: list[tuple[str, str]] = []
    reference: dict[str, str] = {}
    for name in spec.candidates:
        values = sample[name]
        levels = values.value_counts()
        if len(levels) < 2:
            dropped.append((name, "constant in the sample"))
            continue
        if name in spec.categorical:
            ref = spec.reference.get(name)
            reference[name] = (
                ref if ref is not None and ref in levels.index else str(levels.idxmax())
            )
        elif _BY_NAME[name].kind == "dummy" and int(levels.min()) < min_cases:
            dropped.append((name, f"only {int(levels.min())} cases in its rarer category"))
            continue
        candidates.append(name)
    categorical = [c for c in spec.categorical if c in candidates]
    return sample, candidates, categorical, reference, dropped


def run_models(
    data: pd.DataFrame | ModelFrame,
    *,
    specs: Sequence[ModelSpec] = MODELS,
    pout: float = 0.10,
    pin: float = 0.05,
    min_cases: int = 10,
    climate: ClimateScore | None = None,
    questionnaire: Any = None,
) -> ModelsResult:
    """Select each model of ``specs`` by backward stepwise logistic regression.

    Parameters
    ----------
    data : pandas.DataFrame or ModelFrame
        The responses (see :func:`model_frame`) or a prepared model frame.
    specs : sequence of ModelSpec, default :data:`MODELS`
    pout, pin : float
        Removal and entry probabilities (SPSS ``/CRITERIA=POUT(.10) PIN(.05)``).
    min_cases : int, default 10
        A dummy with fewer cases in its rarer category is left out; smaller sectors and
        size classes are merged (:func:`model_frame`).
    climate, questionnaire
        Passed to :func:`model_frame`.

    Returns
    -------
    ModelsResult
        One :class:`ModelRun` per spec. A model that cannot be fitted (too few cases,
        separation, a constant outcome) has ``result=None`` and the
        :class:`~barometer.errors.StatsError` message in ``error``.

    Notes
    -----
    Each model uses one listwise sample: innovators with a value on the outcome and on
    every candidate that is kept; n does not change between steps. BLAS runs on one thread
    during the fits: the matrices are small and multi-threaded BLAS only adds overhead.

    Examples
    --------
    >>> from barometer.dataset.synthetic.wave import make_wave  # doctest: +SKIP
    >>> res = run_models(make_wave(2021).dataset.data)  # doctest: +SKIP
    >>> res.run("quality").result.final.terms  # doctest: +SKIP
    """
    frame = (
        data
        if isinstance(data, ModelFrame)
        else model_frame(data, climate=climate, questionnaire=questionnaire, min_cases=min_cases)
    )
    runs = []
    with threadpool_limits(limits=1, user_api="blas"):
        for spec in specs:
            sample, candidates, categorical, reference, dropped = _prepare(frame, spec, min_cases)
            try:
                if not candidates:
                    raise _no_candidates(spec, len(sample))
                result = backward_stepwise(
                    sample, outcome=spec.outcome, candidates=candidates,
                    categorical=categorical, reference=reference, pout=pout, pin=pin,
                )  # fmt: skip
                runs.append(ModelRun(spec, result, None, tuple(dropped), reference))
            except BarometerError as exc:
                runs.append(ModelRun(spec, None, str(exc), tuple(dropped), reference))
    return ModelsResult(frame, tuple(runs), pin, pout, min_cases)


def _no_candidates(spec: ModelSpec, n: int) -> BarometerError:
    from barometer.errors import ErrorCode, StatsError

    return StatsError(
        ErrorCode.STATS_TOO_FEW,
        detail=f"no candidate predictor varies in the {n} complete cases for '{spec.outcome}'",
    )


# --------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Effect:
    """A predictor of the final model that is significant, with its direction."""

    term: str
    coefficient: str
    sign: Sign
    b: float
    exp_b: float
    p: float


def significant_effects(run: ModelRun, *, alpha: float = 0.05) -> tuple[Effect, ...]:
    """The final model's coefficients with p < ``alpha`` (Wald), strongest first.

    A categorical predictor counts when its joint Wald test is significant; then each of its
    levels with p < ``alpha`` is an effect (direction relative to the reference level).
    """
    if run.result is None:
        return ()
    fit = run.result.final
    joint = {t.term: t.p for t in fit.term_tests}
    out: list[Effect] = []
    for c in fit.coefficients:
        if c.name == "Constant" or c.p >= alpha:
            continue
        if c.term in joint and joint[c.term] >= alpha:
            continue
        out.append(_effect(c))
    return tuple(sorted(out, key=lambda e: (e.p, e.coefficient)))


def _effect(c: Coefficient) -> Effect:
    sign: Sign = "+" if c.b > 0 else "-"
    return Effect(c.term, c.name, sign, c.b, c.exp_b, c.p)
