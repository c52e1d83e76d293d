"""The predictors of Tekstvak 2 made from the answers: the innovation-climate score and the
model frame (one row per innovator: the candidates of :mod:`barometer.stats.models_spec`
and the three outcomes), and readable labels for the coefficients.

The coding is documented in :mod:`barometer.stats.models_spec`. Pure functions: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from barometer import study
from barometer.classification import classification
from barometer.errors import BarometerError
from barometer.stats.derive import SIZE_CLASSES, add_derived
from barometer.stats.disclosure import merge_small_groups
from barometer.stats.models_spec import CANDIDATES, MODELS, PREDICTORS, PREDICTORS_BY_NAME

__all__ = [
    "ClimateScore",
    "ModelFrame",
    "climate_score",
    "coefficient_label",
    "default_climate",
    "model_frame",
]


# --------------------------------------------------------------------------- climate score
@dataclass(frozen=True)
class ClimateScore:
    """The climate score per organisation and where it came from."""

    score: pd.Series
    source: Literal["climate_analysis", "provisional"]
    items: tuple[str, ...]
    note: str
    rest_of: tuple[str, ...] = ()
    """Scale items left out of ``score`` because they are candidate predictors themselves
    (the rest score; issue: an item beside a scale that contains it)."""


_STUDY = study.default()


def _climate_items(data: pd.DataFrame) -> list[str]:
    """The study's scale candidates (climate and WERK statements) present in ``data``."""
    candidates = set(_STUDY.scale_candidates())
    return sorted(c for c in data.columns if c in candidates)


def climate_score(
    data: pd.DataFrame,
    *,
    analysis: Callable[..., Any] | None = None,
    items: Sequence[str] | None = None,
    min_answered: float = _STUDY.scale.min_answered,
) -> ClimateScore:
    """The innovation-climate score (1-5) of every organisation.

    ``analysis`` is :func:`barometer.stats.analysis.climate_analysis` when available: its
    result's ``score`` is used (the scale of DESIGN.md section 7: kept items, minimum
    answered). Without it, a provisional score: the mean of the climate statements
    (the study's scale candidates, answers 1-5; missing codes left out) over organisations that
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


def default_climate(
    data: pd.DataFrame, *, analysis: Callable[[pd.DataFrame], Any] | None = None
) -> ClimateScore:
    """The scale of DESIGN.md section 7 (``analysis``, default
    :func:`~barometer.stats.analysis.climate_analysis`, as in :func:`climate_score`); the
    provisional mean when the scale cannot be computed (too few organisations)."""
    if analysis is None:
        from barometer.stats.analysis import climate_analysis

        analysis = climate_analysis
    try:
        return climate_score(data, analysis=analysis)
    except BarometerError as exc:
        provisional = climate_score(data)
        return replace(provisional, note=f"{provisional.note} (the scale failed: {exc})")


def rest_score(data: pd.DataFrame, climate: ClimateScore) -> ClimateScore:
    """The climate score without the scale items that are candidate predictors themselves.

    A statement of the scale (e.g. "there is enough time", candidate
    ``time_enough``) must not sit in a model beside a score that contains it: the score is
    then recomputed from the other kept statements (the rest score; at least two-thirds of
    them answered, as the scale's own rule), so the two can be in one model.
    """
    own = {p.source for p in PREDICTORS if p.name in CANDIDATES and p.kind != "score"}
    overlap = tuple(i for i in climate.items if i in own)
    if not overlap:
        return climate
    rest = [i for i in climate.items if i not in overlap]
    values = data[rest].apply(pd.to_numeric, errors="coerce")
    values = values.where(values >= 1)
    # the rule of the score it replaces: the scale's two-thirds, or the provisional half
    share = 2 / 3 if climate.source == "climate_analysis" else 0.5
    need = math.ceil(share * len(rest) - 1e-9)
    score = values.mean(axis=1).where(values.notna().sum(axis=1) >= max(need, 1))
    score = score.rename("climate")
    note = f"{climate.note}; rest score without {', '.join(overlap)} ({len(rest)} statements)"
    return ClimateScore(score, climate.source, tuple(rest), note, overlap)


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
    return _relabel(values, mapping), merged


def _relabel(values: pd.Series, mapping: Mapping[Any, str]) -> pd.Series:
    """``values.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)``, with the
    function applied once per distinct value instead of once per row."""

    def relabel(v: Any) -> Any:
        return mapping.get(v, v) if isinstance(v, str) else v

    if values.dtype != object or values.empty:
        return values.map(relabel)
    raw = values.to_numpy(dtype=object)
    codes, uniques = pd.factorize(raw)  # missing values (None, NaN) get code -1
    missing = {type(v): v for v in raw[codes < 0]}  # one of each kind of missing value
    # the function on the distinct values: the same values, so the same inferred dtype
    probe = pd.Series([*uniques, *missing.values()], dtype=object).map(relabel)
    out = raw.copy()
    changed = [i for i, u in enumerate(uniques) if relabel(u) is not u]
    if changed:
        hit = np.isin(codes, changed)
        out[hit] = np.array([relabel(u) for u in uniques], dtype=object)[codes[hit]]
    return pd.Series(out, index=values.index, name=values.name, dtype=probe.dtype)


def _merge_ordered(values: pd.Series, order: Sequence[str], min_cases: int) -> pd.Series:
    """Merge the smallest class with its smaller neighbour until every class has min_cases."""
    counts = values.value_counts()
    groups = [[o] for o in order if counts.get(o, 0) > 0]
    while len(groups) > 1:
        sizes = [int(sum(counts.get(m, 0) for m in g)) for g in groups]
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
    return _relabel(values, mapping)


def _column(name: str) -> str:
    """The responses column a predictor is made from (the study's ``models.predictors``):
    the item, or the 0/1 column of one choice of a multiple-choice item."""
    concept, key = _STUDY.predictor_source(name)
    if key is None:
        return concept.item
    return concept.items[key] if key in concept.items else concept.column(key)


def _coded(name: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The codes that make a yes/no predictor 1 and 0 (None for the 0/1 column of a
    multiple-choice question)."""
    concept, key = _STUDY.predictor_source(name)
    if key is not None and key not in concept.items:
        return None
    ones = "entirely" if "entirely" in concept.codes else "yes"
    zeros = "not_entirely" if ones == "entirely" else "no"
    return concept.code_set(ones), concept.code_set(zeros)


_DIRECT = ("type_product", "type_process", "type_interaction", "tech_entirely")


def _source_columns() -> set[str]:
    """The columns of the responses that :func:`model_frame` reads."""
    names = {"spectrum", "sector", "size_class", _column("origin"), _column("own_budget")}
    names |= {_column(n) for n in (*_DIRECT, "time_enough")}
    for p in PREDICTORS:
        if p.name.startswith(("init_", "factor_")):
            names.add(_column(p.name))
    return names | {spec.outcome for spec in MODELS}


def _predictor(d: pd.DataFrame, name: str) -> pd.Series:
    coded = _coded(name)
    if coded is None:
        return _dummy(_num(d, _column(name)))
    return _yes(_num(d, _column(name)), *coded)


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
    climate = climate or default_climate(data)
    inn = data["innovated"].fillna(False).astype(bool).to_numpy()
    used = _source_columns()
    d = data.loc[inn, [c for c in data.columns if c in used]]  # not every answer's column
    out = pd.DataFrame(index=d.index)
    for name in _DIRECT[:3]:
        out[name] = _predictor(d, name)
    out["spectrum"] = pd.to_numeric(d["spectrum"], errors="coerce").astype(float)
    levels = _STUDY.concept("origin").levels
    origin = _num(d, _column("origin")).map({code: key for key, code in levels.items()})
    out["origin"] = origin.astype(object).where(origin.notna(), None)
    out["tech_entirely"] = _predictor(d, "tech_entirely")
    for p in PREDICTORS:
        if p.name.startswith(("init_", "factor_")):
            out[p.name] = _predictor(d, p.name)
    out["own_budget"] = _predictor(d, "own_budget")
    climate = rest_score(data, climate)
    out["climate"] = climate.score.reindex(d.index).astype(float)
    out["time_enough"] = _predictor(d, "time_enough")
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
            lang: " / ".join(choice(_column("size"), part, lang) for part in code.split("+"))
            for lang in ("nl", "en")
        }
    return labels


def coefficient_label(name: str, lang: str, frame: ModelFrame | None = None) -> str:
    """A readable label for a coefficient name (``origin[adapted]`` -> "Herkomst: ...")."""
    if name == "Constant":
        return "Constante" if lang == "nl" else "Constant"
    term, _, level = name.partition("[")
    pred = PREDICTORS_BY_NAME.get(term)
    base = pred.label_in(lang) if pred else term
    if not level:
        return base
    level = level.rstrip("]")
    names = (frame.level_labels if frame else {}).get(term, {})
    text = names.get(level, {}).get(lang, level)
    return f"{base}: {text}"
