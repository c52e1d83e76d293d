"""Derived variables: innovated, spectrum, uses_technology, size_class (values by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from barometer.errors import StatsError
from barometer.stats.derive import add_derived, innovated, size_class, spectrum, uses_technology


@pytest.fixture
def data() -> pd.DataFrame:
    # org: a yes, 4 types | b yes, product only + dk | c yes, all four -9 | d no | e dk | f -9
    return pd.DataFrame(
        {
            "c1_innovated": [1, 1, 1, 2, -8, -9],
            "d2_type_product": [1, 1, -9, -1, -1, -1],
            "d2_type_service": [1, -8, -9, -1, -1, -1],
            "d2_type_process": [1, 2, -9, -1, -1, -1],
            "d2_type_interaction": [1, -9, -9, -1, -1, -1],
            "d4_tech_share": [1, 4, -9, -1, -1, -1],
            "a1_size": [1, 2, 3, 4, -9, 4],
        },
        index=list("abcdef"),
    )


def test_innovated(data: pd.DataFrame) -> None:
    result = innovated(data)
    assert result.dtype == "boolean"
    assert result.tolist() == [True, True, True, False, False, pd.NA]
    assert result.index.tolist() == list("abcdef")


def test_spectrum_counts_yes_among_innovators_only(data: pd.DataFrame) -> None:
    result = spectrum(data)
    assert str(result.dtype) == "Int64"
    assert result.tolist() == [4, 1, pd.NA, pd.NA, pd.NA, pd.NA]


def test_spectrum_zero_when_no_type_is_yes() -> None:
    d = pd.DataFrame({"c1_innovated": [1], "d2_type_product": [2], "d2_type_service": [-8],
                      "d2_type_process": [2], "d2_type_interaction": [2]})  # fmt: skip
    assert spectrum(d).tolist() == [0]


def test_uses_technology(data: pd.DataFrame) -> None:
    assert uses_technology(data).tolist() == [True, False, pd.NA, pd.NA, pd.NA, pd.NA]


def test_size_class(data: pd.DataFrame) -> None:
    result = size_class(data)
    assert result.cat.ordered
    assert list(result.cat.categories) == ["lt100", "100_249", "250_499", "500plus"]
    assert result.astype(object).where(result.notna(), None).tolist() == [
        "lt100", "100_249", "250_499", "500plus", None, "500plus",
    ]  # fmt: skip


def test_add_derived_keeps_the_input(data: pd.DataFrame) -> None:
    out = add_derived(data)
    assert {"innovated", "spectrum", "uses_technology", "size_class"} <= set(out.columns)
    assert "innovated" not in data.columns


def test_missing_column_is_a_typed_error() -> None:
    with pytest.raises(StatsError, match="c1_innovated"):
        innovated(pd.DataFrame({"x": [1]}))


def test_add_derived_output_and_input_stay_apart(data: pd.DataFrame) -> None:
    """The output shares memory with the input until one is written to (copy-on-write):
    writing to the output never changes the input."""
    before = data.copy()
    out = add_derived(data)
    out.loc[out.index[0], "c1_innovated"] = 99
    out["d4_tech_share"] = -1
    pd.testing.assert_frame_equal(data, before)
