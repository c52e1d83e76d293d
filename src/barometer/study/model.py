"""The study definition, resolved against one questionnaire: concepts, their items and codes.

A :class:`Study` is what ``stats`` (and, in time, ``report``) take their item names from. It
is read from a study file (``data/study-<version>.yaml``) by :mod:`barometer.study.load`,
which checks every item and answer choice it names against the questionnaire's XLSForm.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Concept", "ModelsDef", "ScaleDef", "Study"]


@dataclass(frozen=True)
class Concept:
    """One concept: the items that measure it (keyed when a concept has several, such as the
    four innovation types), named code sets (``yes``, ``no``, ``entirely``, ...) resolved to
    the questionnaire's codes, ordered ``levels`` (choice name -> code) and the figures it
    feeds."""

    name: str
    items: Mapping[str, str]
    codes: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    levels: Mapping[str, int] = field(default_factory=dict)
    figures: tuple[str, ...] = ()

    @property
    def item(self) -> str:
        """The item of a one-item concept."""
        if len(self.items) != 1:
            raise ValueError(f"concept '{self.name}' has {len(self.items)} items, not one")
        return next(iter(self.items.values()))

    def column(self, choice: str) -> str:
        """The 0/1 column of one choice of a select_multiple concept (``item__choice``)."""
        return f"{self.item}__{choice}"

    def code_set(self, name: str) -> tuple[int, ...]:
        try:
            return self.codes[name]
        except KeyError:
            raise KeyError(f"concept '{self.name}' defines no code set '{name}'") from None


@dataclass(frozen=True)
class ScaleDef:
    """The climate scale: the concept whose items form it, the concepts the factor analysis
    starts from, the items scored in reverse, the fixed cut-offs of the climate groups
    (limited < low <= medium <= high < strong) and the least share of the items an
    organisation must answer for a provisional score."""

    concept: str
    candidates: tuple[str, ...]
    cuts: tuple[float, float]
    reversed: tuple[str, ...] = ()
    min_answered: float = 0.5
    fallback: tuple[str, ...] = ()
    """The items scored when the factor analysis cannot run (the 2021 scale's items)."""


@dataclass(frozen=True)
class ModelsDef:
    """Tekstvak 2's models: the outcome concept and keys, and each predictor's source
    (``concept`` or ``concept.key``)."""

    outcome_concept: str
    outcomes: tuple[str, ...]
    predictors: Mapping[str, str]


@dataclass(frozen=True)
class Study:
    """A study definition resolved against one questionnaire version."""

    study: str
    version: str
    questionnaire: str
    source: str
    concepts: Mapping[str, Concept]
    scale: ScaleDef
    models: ModelsDef

    def concept(self, name: str) -> Concept:
        try:
            return self.concepts[name]
        except KeyError:
            raise KeyError(f"study {self.version} has no concept '{name}'") from None

    def has(self, name: str) -> bool:
        return name in self.concepts

    def items(self, name: str) -> tuple[str, ...]:
        """The items of a concept, in the study file's order."""
        return tuple(self.concept(name).items.values())

    def scale_candidates(self) -> tuple[str, ...]:
        """Every item the climate factor analysis starts from (statements, then WERK)."""
        return tuple(i for c in self.scale.candidates if self.has(c) for i in self.items(c))

    def outcome_column(self, key: str) -> str:
        return self.concept(self.models.outcome_concept).column(key)

    def predictor_source(self, predictor: str) -> tuple[Concept, str | None]:
        """The concept a predictor is coded from, and the key within it (if any)."""
        path = self.models.predictors[predictor]
        name, _, key = path.partition(".")
        return self.concept(name), key or None

    def codes(self, concept: str, code_set: str) -> tuple[int, ...]:
        """The codes of a named code set of a concept (``study.codes("innovated", "yes")``)."""
        return self.concept(concept).code_set(code_set)

    def all_items(self) -> frozenset[str]:
        return frozenset(i for c in self.concepts.values() for i in c.items.values())
