"""The dataset: the responses table plus a codebook built from the questionnaire."""

from barometer.dataset.codebook import Codebook, Variable, build_codebook, dummy_name
from barometer.dataset.convert import (
    Record,
    answers_to_row,
    coerce_types,
    records_to_frame,
    row_to_answers,
)
from barometer.dataset.core import Dataset

__all__ = [
    "Codebook",
    "Dataset",
    "Record",
    "Variable",
    "answers_to_row",
    "build_codebook",
    "coerce_types",
    "dummy_name",
    "records_to_frame",
    "row_to_answers",
]
