from __future__ import annotations

import pandas as pd
import pytest

from barometer.errors import StatsError
from barometer.stats.werk import werk_zones


def test_zones_follow_the_two_cut_points() -> None:
    safety = pd.Series([5, 4, 3, 1, 4, -8, 5])
    standard = pd.Series([4, 2, 5, 3, 4, 5, -9])
    zones = werk_zones(safety, standard)
    assert zones.tolist()[:5] == ["learning", "comfort", "anxiety", "apathy", "learning"]
    assert zones.isna().tolist() == [False] * 5 + [True, True]


def test_neutral_counts_as_low_and_the_cut_can_move() -> None:
    assert werk_zones(pd.Series([3]), pd.Series([3])).tolist() == ["apathy"]
    assert werk_zones(pd.Series([3]), pd.Series([3]), high_from=3).tolist() == ["learning"]


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(StatsError, match="differ in length"):
        werk_zones(pd.Series([1, 2]), pd.Series([1]))
