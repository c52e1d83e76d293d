"""The study as data: which items measure which concept, per questionnaire version.

``stats`` and ``report`` take every questionnaire item name, answer code and scale rule from
a :class:`Study` (docs/study.md). :func:`default` is the study of the shipped questionnaire;
:func:`for_questionnaire` finds the shipped study file covering a questionnaire's version
and checks it against that questionnaire; :func:`load_study` reads any study file.
"""

from __future__ import annotations

from functools import lru_cache

from barometer.questionnaire import Questionnaire
from barometer.questionnaire import default as default_questionnaire
from barometer.study.load import load_study, shipped_study_paths, study_path_for
from barometer.study.model import Concept, ModelsDef, ScaleDef, Study

__all__ = [
    "Concept",
    "ModelsDef",
    "ScaleDef",
    "Study",
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
