"""Shared fixtures (kept small; helpers live in tests/helpers.py)."""

from __future__ import annotations

import pytest

from barometer.dataset import Codebook, build_codebook
from barometer.questionnaire import Questionnaire
from helpers import small_questionnaire


@pytest.fixture(scope="session")
def small_q(tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    """The small questionnaire of tests/helpers.py, read from a real .xlsx."""
    return small_questionnaire(tmp_path_factory.mktemp("small_form"))


@pytest.fixture(scope="session")
def small_codebook(small_q: Questionnaire) -> Codebook:
    return build_codebook(small_q)
