"""The exception tree and the catalogue of user-facing messages.

Every problem a user can cause is a :class:`Problem` with a code from
:class:`ErrorCode`, and names the file, row, column and value where it applies.
Problems are collected and raised together, so the user sees all of them at once
(the model is pyxform's ``errors.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any


class ErrorCode(Enum):
    """Catalogue of user-facing messages. ``{...}`` fields are filled by ``Problem.make``."""

    # questionnaire (XLSForm)
    XLSFORM_UNREADABLE = "the XLSForm cannot be read: {detail}"
    XLSFORM_MISSING_SHEET = "the XLSForm has no sheet '{sheet}'"
    XLSFORM_MISSING_COLUMN = "sheet '{sheet}' has no column '{column}'"
    XLSFORM_PYXFORM = "pyxform: {detail}"
    XLSFORM_UNKNOWN_TYPE = "unknown question type '{value}'"
    XLSFORM_UNKNOWN_LIST = "choice list '{value}' is not on the choices sheet"
    XLSFORM_DUPLICATE_NAME = "name '{value}' is used twice"
    XLSFORM_BAD_NAME = "name '{value}' is not a valid variable name"
    XLSFORM_BAD_EXPRESSION = "expression cannot be used: {detail}"
    XLSFORM_UNKNOWN_REFERENCE = "expression refers to unknown question '{value}'"
    XLSFORM_MISSING_LABEL = "no {language} label"
    XLSFORM_BAD_CODE = "choice code '{value}' is not a whole number"
    XLSFORM_DUPLICATE_CODE = "choice code '{value}' is used twice in list '{detail}'"
    XLSFORM_UNBALANCED_GROUP = "group '{value}' is not closed or closed twice"
    XLSFORM_UNKNOWN_PARAMETER = "'{{{value}}}' is not declared on the parameters sheet"
    # data
    DATA_UNREADABLE = "the file cannot be read: {detail}"
    DATA_MISSING_COLUMN = "required column '{column}' is missing"
    DATA_UNKNOWN_COLUMN = "column '{column}' is not in the codebook"
    DATA_WRONG_TYPE = "value '{value}' is not {detail}"
    DATA_UNKNOWN_CODE = "value '{value}' is not an allowed code ({detail})"
    DATA_REQUIRED = "a required answer is missing"
    DATA_NOT_APPLICABLE = (
        "value '{value}' is given although skip logic hides this question ({detail})"
    )
    DATA_SHOULD_BE_NA = "value '{value}' should be -1 (not applicable): {detail}"
    DATA_MISSING_NA = "value '{value}' should be an answer: the question applies ({detail})"
    DATA_CONSTRAINT = "value '{value}' breaks the constraint: {detail}"
    DATA_DUPLICATE_ID = "organisation id '{value}' occurs more than once (also row {detail})"
    DATA_INCONSISTENT = "value '{value}' does not agree with {detail}"
    DATA_EMPTY = "the value is empty: {detail}"
    DATA_NO_ROWS = "the dataset has a header but no rows: there is nothing to report on"
    DATA_EMPTY_ID = "the organisation id is empty"
    DATA_DUPLICATE_COLUMN = "column '{column}' occurs more than once"
    DATA_MIXED_DUMMIES = (
        "the 0/1 columns of '{value}' mix codes ({detail}); they must be all -1, all -9 or all 0/1"
    )
    DATA_BAD_TEXT = "value '{value}' cannot be kept as text: {detail}"
    DATA_FIELD_COUNT = "the row has {value} fields but the header has {detail}"
    DATA_UNKNOWN_FORMAT = "unknown file format '{value}' (use {detail})"
    DATA_UNWRITABLE = "the file cannot be written: {detail}"
    # frame
    FRAME_BAD_VALUE = "value '{value}' is not valid: {detail}"
    # statistics
    STATS_TOO_FEW = "too few cases: {detail}"
    STATS_CONSTANT = "column '{column}' is constant: {detail}"
    STATS_SEPARATION = "perfect separation: {detail}"
    STATS_ALL_MISSING = "all values are missing: {detail}"
    STATS_INPUT = "invalid input: {detail}"
    # study definition
    STUDY_INVALID = "study definition: {detail}"
    STUDY_UNKNOWN_ITEM = (
        "concept '{concept}' names item '{value}', which questionnaire {detail} does not have"
    )
    STUDY_UNKNOWN_CHOICE = "concept '{concept}' names answer '{value}', not a choice of {detail}"
    STUDY_UNKNOWN_TAG = "concept '{concept}': no item of questionnaire {detail} has tag '{value}'"
    STUDY_UNKNOWN_CONCEPT = "{concept} refers to concept '{value}', which the study does not define"
    STUDY_NO_DEFINITION = "no study definition covers questionnaire version '{value}' ({detail})"
    STUDY_RENAMED = (
        "concept '{concept}' is measured by {value} in this version, but the statistics read "
        "{detail}: a concept both versions measure keeps its item names (docs/study.md)"
    )
    # disclosure control
    # questionnaire versions and trends
    VERSIONS_INCOMPATIBLE = (
        "questionnaires {value} are not comparable and no item mapping covers them: {detail}"
    )
    VERSIONS_MAPPING = "item mapping {value}: {detail}"
    TRENDS_INPUT = "trends: {detail}"
    DISCLOSURE_POLICY = "disclosure policy: setting '{column}' = {value!r}: {detail}"
    DISCLOSURE_NOT_OUTPUT = "not an output folder: {detail}"
    DISCLOSURE_APPROVALS = "approvals file: {detail}"


@dataclass(frozen=True)
class Problem:
    """One problem, located as precisely as it can be."""

    code: ErrorCode
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    @classmethod
    def make(
        cls,
        code: ErrorCode,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        **fields: Any,
    ) -> Problem:
        values = {"value": value, "column": column, "detail": "", **fields}
        return cls(code, code.value.format(**values), file, row, column, value)

    def location(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class BarometerError(Exception):
    """Base of every error barometer raises on purpose."""


class ValidationError(BarometerError):
    """One or more problems found in user input; all of them are listed."""

    consequence = "nothing was written"

    def __init__(self, problems: Iterable[Problem], what: str = "input") -> None:
        self.problems = list(problems)
        self.what = what
        super().__init__(self.render())

    def render(self, limit: int | None = None) -> str:
        shown = self.problems if limit is None else self.problems[:limit]
        n = len(self.problems)
        head = f"{self.what}: {n} problem{'s' if n != 1 else ''} found"
        if self.consequence:
            head += f", {self.consequence}"
        lines = [head, *(f"  - {p}" for p in shown)]
        if limit is not None and n > limit:
            lines.append(f"  ... and {n - limit} more")
        return "\n".join(lines)


class QuestionnaireError(ValidationError):
    """The XLSForm is not usable."""

    consequence = "the questionnaire cannot be used"


class DataError(ValidationError):
    """A data file does not validate against the questionnaire."""


class FrameError(ValidationError):
    """A frame file is not usable."""


class StudyError(ValidationError):
    """A study definition that does not fit its questionnaire."""

    consequence = "the study definition cannot be used"


class StatsError(BarometerError):
    """A statistic cannot be computed from the data given (too few cases, separation, ...)."""

    def __init__(self, code: ErrorCode, **fields: Any) -> None:
        self.problem = Problem.make(code, **fields)
        super().__init__(self.problem.message)


class DisclosureError(BarometerError):
    """A disclosure policy, approvals file or output folder cannot be used."""

    def __init__(self, code: ErrorCode, **fields: Any) -> None:
        self.problem = Problem.make(code, **fields)
        super().__init__(str(self.problem))


def raise_if(problems: list[Problem], error: type[ValidationError], what: str) -> None:
    """Raise ``error`` listing ``problems`` if there are any."""
    if problems:
        raise error(problems, what)


class VersionsError(BarometerError):
    """Two questionnaire versions (or two waves) cannot be compared item by item."""

    def __init__(self, code: ErrorCode, **fields: Any) -> None:
        self.problem = Problem.make(code, **fields)
        super().__init__(self.problem.message)
