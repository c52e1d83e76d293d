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
from barometer.dataset.io import read_dataset, write_codebook, write_dataset
from barometer.dataset.validate import dataset_from_frame, validate_frame

__all__ = [
    "Codebook",
    "Dataset",
    "Record",
    "Variable",
    "answers_to_row",
    "build_codebook",
    "coerce_types",
    "dataset_from_frame",
    "dummy_name",
    "read_dataset",
    "records_to_frame",
    "row_to_answers",
    "validate_frame",
    "write_codebook",
    "write_dataset",
]
