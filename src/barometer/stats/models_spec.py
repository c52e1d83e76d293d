"""The three models of Tekstvak 2 as data: the candidate predictors and how each is coded,
the outcomes, and what the 2021 report printed (its "Adj R²" and the directions it named).

:data:`PREDICTORS` lists every coded predictor, :data:`CANDIDATES` the ones that enter the
selection, :data:`MODELS` the three outcome models (quality, efficiency, employee
satisfaction). :mod:`barometer.stats.models_frame` makes the predictors from the answers;
:mod:`barometer.stats.models` runs the selection.

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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from barometer import study

__all__ = [
    "CANDIDATES",
    "CATEGORICAL",
    "CODING_NOTES",
    "MODELS",
    "PREDICTORS",
    "PREDICTORS_BY_NAME",
    "PUBLISHED_NOT_SIGNIFICANT",
    "ModelSpec",
    "Predictor",
    "PublishedEffect",
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


_STUDY = study.default()


def _source(name: str) -> str:
    """The questionnaire item a predictor is coded from, as the study's models name it."""
    concept, key = _STUDY.predictor_source(name)
    if key is not None and key in concept.items:
        return concept.items[key]
    return concept.item


def _p(name: str, kind: Kind, source: str | None, coding: str, nl: str, en: str) -> Predictor:
    """A predictor; ``source`` None: the item the study's ``models.predictors`` names."""
    return Predictor(name, kind, source or _source(name), coding, {"nl": nl, "en": en})


_PROMOTING = "(strongly) promoting = 1; hindering, neutral, don't know = 0"
PREDICTORS: tuple[Predictor, ...] = (
    _p("type_product", "dummy", None, "yes = 1, no/don't know = 0",
       "Productinnovatie", "Product innovation"),
    _p("type_process", "dummy", None, "yes = 1, no/don't know = 0",
       "Procesinnovatie", "Process innovation"),
    _p("type_interaction", "dummy", None, "yes = 1, no/don't know = 0",
       "Innovatie van de interactie", "Interaction innovation"),
    _p("spectrum", "count", "spectrum", "number of types (0-4)",
       "Innovatiespectrum (aantal typen)", "Innovation spectrum (number of types)"),
    _p("origin", "categorical", None, "own (reference) / adapted / copy; don't know missing",
       "Herkomst van de innovatie", "Origin of the innovation"),
    _p("tech_entirely", "dummy", None, "the innovation is technology = 1, else 0",
       "Puur technologische innovatie", "Purely technological innovation"),
    _p("init_employees", "dummy", None, "chosen = 1",
       "Initiatief: medewerkers", "Initiative: employees"),
    _p("init_managers", "dummy", None, "chosen = 1",
       "Initiatief: managers", "Initiative: managers"),
    _p("init_political", "dummy", None, "chosen = 1",
       "Initiatief: politieke of bestuurlijke leiding", "Initiative: political leadership"),
    _p("init_citizens", "dummy", None, "chosen = 1",
       "Initiatief: burgers of klanten", "Initiative: citizens or clients"),
    _p("init_other_public", "dummy", None, "chosen = 1",
       "Initiatief: innovaties in andere publieke organisaties",
       "Initiative: innovations in other public organisations"),
    _p("init_technology", "dummy", None, "chosen = 1",
       "Initiatief: nieuwe technologie", "Initiative: new technology"),
    _p("init_reorganisation", "dummy", None, "chosen = 1",
       "Initiatief: reorganisatie", "Initiative: reorganisation"),
    _p("init_legislation", "dummy", None, "chosen = 1",
       "Initiatief: wet- en regelgeving", "Initiative: legislation"),
    _p("factor_employees", "dummy", None, _PROMOTING,
       "Bijdrage van medewerkers bevorderend", "Employees' contribution promoting"),
    _p("factor_skills", "dummy", None, _PROMOTING,
       "Variatie in kennis en vaardigheden bevorderend", "Variety of knowledge and skills promoting"),
    _p("factor_management", "dummy", None, _PROMOTING,
       "Management bevorderend", "Management promoting"),
    _p("factor_political", "dummy", None, _PROMOTING,
       "Politieke leiding bevorderend", "Political leadership promoting"),
    _p("factor_collab_internal", "dummy", None, _PROMOTING,
       "Samenwerking binnen de organisatie bevorderend", "Collaboration within the organisation promoting"),
    _p("factor_collab_private", "dummy", None, _PROMOTING,
       "Samenwerking met private partijen bevorderend", "Collaboration with private companies promoting"),
    _p("factor_collab_public", "dummy", None, _PROMOTING,
       "Samenwerking met publieke partijen bevorderend", "Collaboration with public organisations promoting"),
    _p("factor_technology", "dummy", None, _PROMOTING,
       "Nieuwe technologie bevorderend", "New technology promoting"),
    _p("factor_finance", "dummy", None, _PROMOTING,
       "Financiële middelen bevorderend", "Financial resources promoting"),
    _p("factor_continuity", "dummy", None, _PROMOTING,
       "Focus op continuïteit bevorderend", "Focus on continuity promoting"),
    _p("factor_mistakes", "dummy", None, _PROMOTING,
       "Omgang met fouten bevorderend", "Handling of mistakes promoting"),
    _p("own_budget", "dummy", None, "own budget chosen = 1",
       "Financiering uit eigen budget", "Financed from own budget"),
    _p("climate", "score", "climate statements", "climate score, 1-5",
       "Innovatieklimaat (score)", "Innovation climate (score)"),
    _p("time_enough", "dummy", None, "(strongly) agree = 1; otherwise or don't know = 0",
       "Voldoende tijd voor innovatie", "Enough time for innovation"),
    _p("sector", "categorical", "frame", "sector; small sectors merged into 'overig'",
       "Sector", "Sector"),
    _p("size", "categorical", None, "size class; small classes merged with a neighbour",
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
PREDICTORS_BY_NAME: Mapping[str, Predictor] = {p.name: p for p in PREDICTORS}
"""Predictor name -> :class:`Predictor`."""

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


def _model(key: str, nl: str, en: str, adj_r2: float, *published: PublishedEffect) -> ModelSpec:
    """A Tekstvak 2 model: outcome the 0/1 column of result ``key`` (the study's
    ``models.outcomes``), the common candidates, origin with own development (the first of
    the origin levels) as the reference."""
    return ModelSpec(key, _STUDY.outcome_column(key), CANDIDATES, CATEGORICAL, {"origin": _REF},
                     {"nl": nl, "en": en}, adj_r2, published)  # fmt: skip


_REF = next(iter(_STUDY.concept("origin").levels))
_E = PublishedEffect
MODELS: tuple[ModelSpec, ...] = (
    _model("quality", "Verbetering van de kwaliteit", "Improved quality", 0.275,
           _E("type_product", "+"), _E("spectrum", "+"), _E("origin", "+", ("adapted",)),
           _E("factor_employees", "+"), _E("tech_entirely", "-"), _E("type_interaction", "-")),
    _model("efficiency", "Verhoging van de efficiency", "Higher efficiency", 0.323,
           _E("type_process", "+"), _E("factor_continuity", "+"), _E("init_managers", "+"),
           _E("origin", "+", ("adapted", "copy")), _E("init_political", "-"),
           _E("own_budget", "-")),
    _model("employee_satisfaction", "Grotere tevredenheid van medewerkers",
           "Greater employee satisfaction", 0.213,
           _E("climate", "+"), _E("factor_collab_internal", "+"), _E("init_reorganisation", "+"),
           _E("init_managers", "+"), _E("init_political", "-"), _E("time_enough", "-")),
)  # fmt: skip
"""Tekstvak 2: quality, efficiency, employee satisfaction, among the innovators."""

PUBLISHED_NOT_SIGNIFICANT = ("sector", "size")
"""2021: neither sector nor organisation size went with any of the three results."""
