"""The questionnaire: XLSForm → model (items, choices, conditions, labels, tags) and its logic."""

from barometer.questionnaire.logic import LogicError
from barometer.questionnaire.model import (
    DONT_KNOW,
    MISSING_CODES,
    NO_ANSWER,
    NOT_APPLICABLE,
    Choice,
    ChoiceList,
    Group,
    Item,
    Questionnaire,
)
from barometer.questionnaire.xlsform import LoadResult, default, default_path, load, read

__all__ = [
    "Choice",
    "ChoiceList",
    "DONT_KNOW",
    "Group",
    "Item",
    "LoadResult",
    "LogicError",
    "MISSING_CODES",
    "NOT_APPLICABLE",
    "NO_ANSWER",
    "Questionnaire",
    "default",
    "default_path",
    "load",
    "read",
]
