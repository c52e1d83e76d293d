"""The Dataset: the responses table together with its codebook and questionnaire."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from barometer.dataset.codebook import Codebook, build_codebook
from barometer.questionnaire import Questionnaire


@dataclass(frozen=True)
class Dataset:
    """One row per organisation; columns as in the codebook (DESIGN.md section 5)."""

    data: pd.DataFrame
    codebook: Codebook
    questionnaire: Questionnaire

    @classmethod
    def from_frame(cls, data: pd.DataFrame, questionnaire: Questionnaire) -> Dataset:
        return cls(data, build_codebook(questionnaire), questionnaire)

    def __len__(self) -> int:
        return len(self.data)

    def equals(self, other: Dataset) -> bool:
        """Same columns, dtypes and values, in the same order."""
        return self.data.reset_index(drop=True).equals(other.data.reset_index(drop=True)) and list(
            self.data.dtypes
        ) == list(other.data.dtypes)
