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
    "DONT_KNOW",
    "MISSING_CODES",
    "NOT_APPLICABLE",
    "NO_ANSWER",
    "Choice",
    "ChoiceList",
    "Group",
    "Item",
    "LoadResult",
    "LogicError",
    "Questionnaire",
    "default",
    "default_path",
    "load",
    "read",
]
