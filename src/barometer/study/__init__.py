"""The study as data: which items measure which concept, per questionnaire version.

``stats`` and ``report`` take every questionnaire item name, answer code and scale rule from
a :class:`Study` (docs/study.md). :func:`default` is the study of the shipped questionnaire;
:func:`for_questionnaire` finds the shipped study file covering a questionnaire's version
and checks it against that questionnaire; :func:`load_study` reads any study file.
"""

from __future__ import annotations

from functools import lru_cache

from barometer.errors import ErrorCode, Problem, StudyError
from barometer.questionnaire import Questionnaire
from barometer.questionnaire import default as default_questionnaire
from barometer.study.load import load_study, shipped_study_paths, study_path_for
from barometer.study.model import Concept, ModelsDef, ScaleDef, Study

__all__ = [
    "Concept",
    "ModelsDef",
    "ScaleDef",
    "Study",
    "check_shared_items",
    "default",
    "for_questionnaire",
    "load_study",
    "shipped_study_paths",
    "study_path_for",
]


def for_questionnaire(questionnaire: Questionnaire) -> Study:
    """The shipped study definition of ``questionnaire``'s version, checked against it."""
    return load_study(study_path_for(questionnaire.version), questionnaire)


@lru_cache(maxsize=1)
def default() -> Study:
    """The study of the questionnaire shipped with barometer (the 2021 wave's)."""
    return for_questionnaire(default_questionnaire())


def check_shared_items(study: Study) -> Study:
    """``study``, refused (:class:`~barometer.errors.StudyError`, naming every concept) when a
    concept it shares with :func:`default` is measured by other items.

    The statistics and the report read each concept through the shipped study's item names;
    a later version keeps those names for every concept it still measures (new and retired
    concepts are free), and the questionnaire mapping records its changed wording."""
    base = default()
    problems = [
        Problem.make(
            ErrorCode.STUDY_RENAMED,
            file=study.source,
            value=", ".join(study.items(name)),
            concept=name,
            detail=", ".join(base.items(name)),
        )
        for name in study.concepts
        if base.has(name) and study.items(name) != base.items(name)
    ]
    if problems:
        raise StudyError(problems, f"study definition of questionnaire {study.questionnaire}")
    return study
