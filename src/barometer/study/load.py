"""Read a study file and resolve it against a questionnaire (docs/study.md).

Every item a concept names (directly, or through an ``item_tag`` of the XLSForm), every
answer choice of its code sets and levels, every key of a select_multiple concept, and every
concept the scale and the models refer to is checked against the questionnaire. All problems
are collected and raised together as one :class:`~barometer.errors.StudyError` naming the
study file, the concept and the item or choice that does not exist; nothing is used half.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from barometer.errors import ErrorCode, Problem, StudyError
from barometer.questionnaire import Item, Questionnaire
from barometer.study.model import Concept, ModelsDef, ScaleDef, Study

__all__ = ["load_study", "shipped_study_paths", "study_path_for"]

#: Keys of a concept that are not code sets.
_RESERVED = {"items", "tag", "levels", "figures", "label"}


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans: ``yes``/``no`` are answer choices here, not truth."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def shipped_study_paths() -> list[Path]:
    """The study files shipped with barometer (``data/study-*.yaml``)."""
    root = Path(str(resources.files("barometer") / "data"))
    return sorted(root.glob("study-*.yaml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        problem = Problem.make(ErrorCode.STUDY_INVALID, file=path.name, detail=str(exc))
        raise StudyError([problem], f"study definition {path}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("concepts"), dict):
        problem = Problem.make(
            ErrorCode.STUDY_INVALID, file=path.name, detail="no 'concepts' mapping"
        )
        raise StudyError([problem], f"study definition {path}")
    return raw


def study_path_for(version: str) -> Path:
    """The shipped study file that covers questionnaire ``version``."""
    paths = shipped_study_paths()
    for path in paths:
        if version in [str(v) for v in _read(path).get("questionnaires") or []]:
            return path
    problem = Problem.make(
        ErrorCode.STUDY_NO_DEFINITION,
        value=version,
        detail="shipped: " + ", ".join(p.name for p in paths),
    )
    raise StudyError([problem], "study definition")


class _Resolver:
    def __init__(self, path: Path, q: Questionnaire) -> None:
        self.file = path.name
        self.q = q
        self.where = f"{q.version} ({Path(q.source).name or 'XLSForm'})"
        self.problems: list[Problem] = []
        self.items = {i.name: i for i in q.items() if i.answerable}
        self.failed: set[str] = set()  # concepts already reported: no follow-on problems

    def fail(self, code: ErrorCode, concept: str, value: Any, detail: str = "") -> None:
        self.problems.append(
            Problem.make(code, file=self.file, value=value, concept=concept, detail=detail)
        )

    def item(self, concept: str, name: Any) -> Item | None:
        item = self.items.get(str(name))
        if item is None:
            self.fail(ErrorCode.STUDY_UNKNOWN_ITEM, concept, name, self.where)
        return item

    def codes(self, concept: str, items: list[Item], names: list[Any]) -> tuple[int, ...]:
        out: list[int] = []
        for name in names:
            for item in items:
                cl = item.choice_list
                choice = cl.by_name(str(name)) if cl is not None else None
                if choice is None:
                    self.fail(ErrorCode.STUDY_UNKNOWN_CHOICE, concept, name, item.name)
                elif choice.code not in out:
                    out.append(choice.code)
        return tuple(out)

    def concept(self, name: str, spec: Any) -> Concept | None:
        if not isinstance(spec, dict):
            self.fail(ErrorCode.STUDY_INVALID, name, None, f"concept '{name}' is not a mapping")
            return None
        raw = spec.get("items")
        if "tag" in spec:
            tagged = [i.name for i in self.q.tagged(str(spec["tag"])) if i.answerable]
            if not tagged:
                self.fail(ErrorCode.STUDY_UNKNOWN_TAG, name, spec["tag"], self.where)
            raw = tagged
        if isinstance(raw, dict):
            keyed = {str(k): str(v) for k, v in raw.items()}
        elif isinstance(raw, list) and raw:
            keyed = {str(v): str(v) for v in raw}
        else:
            self.fail(ErrorCode.STUDY_INVALID, name, None, f"concept '{name}' names no items")
            return None
        found = [it for it in (self.item(name, v) for v in keyed.values()) if it is not None]
        if len(found) != len(keyed):
            return None
        codes = {
            str(k): self.codes(name, found, list(v))
            for k, v in spec.items()
            if k not in _RESERVED and isinstance(v, list)
        }
        levels = spec.get("levels") or []
        level_codes = self.codes(name, found, list(levels))
        return Concept(
            name=name,
            items=keyed,
            codes=codes,
            levels=dict(zip((str(v) for v in levels), level_codes, strict=False)),
            figures=tuple(str(f) for f in spec.get("figures") or ()),
        )

    def key_exists(self, concept: Concept, key: str, where: str) -> None:
        if key in concept.items:
            return
        item = self.items.get(concept.item) if len(concept.items) == 1 else None
        cl = item.choice_list if item is not None else None
        if cl is None or cl.by_name(key) is None:
            self.fail(ErrorCode.STUDY_UNKNOWN_CHOICE, where, key, concept.name)


def load_study(path: str | Path, questionnaire: Questionnaire) -> Study:
    """Read the study file at ``path`` and resolve it against ``questionnaire``.

    Raises
    ------
    StudyError
        Naming the study file, the concept and each item, tag or answer choice the
        questionnaire does not have (all problems at once).
    """
    path = Path(path)
    raw = _read(path)
    r = _Resolver(path, questionnaire)
    covered = [str(v) for v in raw.get("questionnaires") or []]
    if covered and questionnaire.version not in covered:
        r.problems.append(
            Problem.make(
                ErrorCode.STUDY_NO_DEFINITION,
                file=path.name,
                value=questionnaire.version,
                detail=f"the study file covers {', '.join(covered)}",
            )
        )
    concepts: dict[str, Concept] = {}
    for name, spec in raw["concepts"].items():
        concept = r.concept(str(name), spec)
        if concept is not None:
            concepts[str(name)] = concept
        else:
            r.failed.add(str(name))
    scale, models = _scale(raw, r, concepts), _models(raw, r, concepts)
    if r.problems:
        raise StudyError(r.problems, f"study definition {path}")
    assert scale is not None and models is not None
    return Study(
        study=str(raw.get("study", "")),
        version=str(raw.get("version", "")),
        questionnaire=questionnaire.version,
        source=str(path),
        concepts=concepts,
        scale=scale,
        models=models,
    )


def _need(r: _Resolver, concepts: Mapping[str, Concept], name: str, where: str) -> bool:
    if name in concepts:
        return True
    if name not in r.failed:
        r.fail(ErrorCode.STUDY_UNKNOWN_CONCEPT, where, name)
    return False


def _scale(raw: dict[str, Any], r: _Resolver, concepts: Mapping[str, Concept]) -> ScaleDef | None:
    spec = raw.get("scale") or {}
    concept = str(spec.get("concept", ""))
    _need(r, concepts, concept, "scale")
    candidates = tuple(str(c) for c in spec.get("candidates") or (concept,))
    for c in candidates:
        _need(r, concepts, c, "scale")
    rev = tuple(str(i) for i in spec.get("reversed") or ())
    fallback = tuple(str(i) for i in spec.get("fallback") or ())
    scale_items = {i for c in candidates if c in concepts for i in concepts[c].items.values()}
    for key, names in (("reversed", rev), ("fallback", fallback)):
        for item in names:
            if item not in scale_items:
                r.fail(ErrorCode.STUDY_UNKNOWN_ITEM, f"scale.{key}", item, "the scale's candidates")
    cuts: list[Any] = list(spec.get("cuts") or ())
    if len(cuts) != 2 or not float(cuts[0]) < float(cuts[1]):
        r.fail(ErrorCode.STUDY_INVALID, "scale", cuts, "scale.cuts: give two increasing numbers")
        return None
    return ScaleDef(
        concept=concept,
        candidates=candidates,
        cuts=(float(cuts[0]), float(cuts[1])),
        reversed=rev,
        min_answered=float(spec.get("min_answered", 0.5)),
        fallback=fallback,
    )


def _models(raw: dict[str, Any], r: _Resolver, concepts: Mapping[str, Concept]) -> ModelsDef | None:
    spec = raw.get("models") or {}
    out = spec.get("outcomes") or {}
    outcome = str(out.get("concept", ""))
    keys = tuple(str(k) for k in out.get("keys") or ())
    if _need(r, concepts, outcome, "models.outcomes"):
        for key in keys:
            r.key_exists(concepts[outcome], key, "models.outcomes")
    predictors = {str(k): str(v) for k, v in (spec.get("predictors") or {}).items()}
    for pred, source in predictors.items():
        name, _, key = source.partition(".")
        where = f"models.predictors.{pred}"
        if _need(r, concepts, name, where) and key:
            r.key_exists(concepts[name], key, where)
    return ModelsDef(outcome_concept=outcome, outcomes=keys, predictors=predictors)
