"""Tests for barometer.stats.weights, pinned against R's survey package.

Reference values come from tests/stats/reference/weights_reference.R, run with
R 4.2.2 (2022-11-10 r83330) and survey 4.1.1; its output is
tests/stats/reference/weights_reference.out.txt. R is not needed to run these tests.

The data files were generated once (seed 20240521) with::

    rng = np.random.default_rng(20240521)
    # per cell (sector, size_class, n, N): innovated ~ Bernoulli(p_sector + 0.05 if groot),
    # quality ~ Bernoulli(0.6) if innovated else missing; rows shuffled (random_state=7)

4 sectors x 2 size classes, 121 respondents, frame N = 803; Provincies/groot has
3 respondents and Waterschappen/klein none.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import ErrorCode, StatsError
from barometer.stats.disclosure import merge_small_groups
from barometer.stats.weights import CollapseStep, poststratify

DATA = Path(__file__).parent / "data"
BY = ("sector", "size_class")


@pytest.fixture
def sample() -> pd.DataFrame:
    return pd.read_csv(DATA / "weights_sample.csv")


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.read_csv(DATA / "weights_frame.csv")


def test_collapse_rule_and_log(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    result = poststratify(sample, frame, by=BY, count="N")
    assert result.collapsed == (
        CollapseStep(
            "Waterschappen / klein",
            "Waterschappen / groot",
            "Waterschappen / klein + Waterschappen / groot",
            "no respondents",
        ),
        CollapseStep(
            "Provincies / groot",
            "Provincies / klein",
            "Provincies / klein + Provincies / groot",
            "n=3 < 5",
        ),
    )
    assert result.cells["n"].min() >= 5
    assert result.cells.loc["Provincies / klein + Provincies / groot", "N"] == 16
    assert result.cells["n"].sum() == len(sample) == result.n


def test_weights_match_r_poststratify(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    # R: weights(postStratify(svydesign(ids=~1, weights=~1), ~cellA, popA)), design A
    r_weights = {
        "Gemeenten / groot": 6.1666666667,
        "Gemeenten / klein": 8.9285714286,
        "Provincies / klein + Provincies / groot": 1.7777777778,
        "Rijksoverheid / groot": 8.7916666667,
        "Rijksoverheid / klein": 6.6666666667,
        "Waterschappen / klein + Waterschappen / groot": 1.7500000000,
    }
    result = poststratify(sample, frame, by=BY, count="N")
    for cell, weight in r_weights.items():
        assert result.cells.loc[cell, "weight"] == pytest.approx(weight, abs=1e-9)
    assert result.weights.index.equals(sample.index)
    assert result.weights.sum() == pytest.approx(803.0)
    assert result.population == 803.0
    assert result.effective_n == pytest.approx(105.8241479346, abs=1e-9)
    assert result.design_effect == pytest.approx(1.1434063242, abs=1e-9)
    # the weighted sample reproduces the frame count of every cell
    totals = result.weights.groupby(result.cell).sum()
    pd.testing.assert_series_equal(
        totals.sort_index(), result.cells["N"].sort_index(), check_names=False
    )


def test_one_variable_with_mapping_matches_r(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    mapping = {"Provincies": "Overig", "Waterschappen": "Overig"}
    result = poststratify(sample, frame, count="N", collapse=mapping)
    assert list(result.cells.index) == ["Gemeenten", "Rijksoverheid", "Overig"]
    assert [s.reason for s in result.collapsed] == ["mapping", "mapping"]
    assert result.effective_n == pytest.approx(108.6216248737, abs=1e-9)  # R design B
    assert result.design_effect == pytest.approx(1.1139586628, abs=1e-9)


def test_unit_level_frame_gives_same_weights(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    units = frame.loc[frame.index.repeat(frame["N"]), list(BY)].reset_index(drop=True)
    a = poststratify(sample, frame, by=BY, count="N")
    b = poststratify(sample, units, by=BY)
    pd.testing.assert_series_equal(a.weights, b.weights)


def test_weights_follow_sample_index(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    shuffled = sample.set_index("org_id").sample(frac=1, random_state=3)
    result = poststratify(shuffled, frame, by=BY, count="N")
    assert result.weights.index.equals(shuffled.index)
    assert result.weights["R002"] == pytest.approx(8.7916666667)  # Rijksoverheid/groot


def test_merge_small_groups_feeds_collapse() -> None:
    counts = pd.Series({"Gemeenten": 85, "Hoge Colleges van Staat": 4, "Provincies": 3})
    sample = pd.DataFrame({"sector": np.repeat(counts.index, counts.to_numpy())})
    frame = pd.DataFrame({"sector": counts.index, "N": [435, 6, 12]})
    result = poststratify(sample, frame, count="N", collapse=merge_small_groups(counts))
    assert result.cells.loc["Overig"].tolist() == [18.0, 7, 18 / 7]
    assert result.collapsed == tuple(
        CollapseStep(s, "Overig", "Overig", "mapping")
        for s in ("Hoge Colleges van Staat", "Provincies")
    )


def _frame(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sector", "size_class", "N"])


def _sample(ns: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [k for k, n in ns.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["sector", "size_class"])


def test_nearest_inner_neighbour_then_fewest() -> None:
    sizes = ["<100", "100-250", "250-500", "500+"]
    frame = _frame([("A", s, 50) for s in sizes])
    # 100-250 has 2 responses: its neighbours are <100 (9) and 250-500 (6): fewer wins
    sample = _sample({("A", "<100"): 9, ("A", "100-250"): 2, ("A", "250-500"): 6, ("A", "500+"): 5})
    result = poststratify(sample, frame, by=BY, count="N")
    assert [(s.cell, s.into) for s in result.collapsed] == [("A / 100-250", "A / 250-500")]
    # 500+ (4) is next to 250-500 only, although <100 has fewer responses
    sample = _sample({("A", "<100"): 5, ("A", "100-250"): 9, ("A", "250-500"): 9, ("A", "500+"): 4})
    result = poststratify(sample, frame, by=BY, count="N")
    assert [(s.cell, s.into) for s in result.collapsed] == [("A / 500+", "A / 250-500")]


def test_categorical_order_defines_neighbours() -> None:
    frame = _frame([("A", "groot", 10), ("A", "klein", 10), ("A", "middel", 10)])
    frame["size_class"] = pd.Categorical(
        frame["size_class"], categories=["klein", "middel", "groot"], ordered=True
    )
    sample = _sample({("A", "klein"): 2, ("A", "middel"): 9, ("A", "groot"): 5})
    result = poststratify(sample, frame, by=BY, count="N")
    assert result.collapsed[0].into == "A / middel"
    assert list(result.cells.index) == ["A / klein + A / middel", "A / groot"]


def test_single_cell_stratum_merges_with_smallest_cell_overall() -> None:
    frame = _frame([("A", "k", 40), ("A", "g", 40), ("B", "k", 30), ("C", "k", 9)])
    sample = _sample({("A", "k"): 8, ("A", "g"): 12, ("B", "k"): 6, ("C", "k"): 3})
    result = poststratify(sample, frame, by=BY, count="N")
    assert [(s.cell, s.into) for s in result.collapsed] == [("C / k", "B / k")]
    assert result.cells.loc["B / k + C / k", "weight"] == pytest.approx(39 / 9)


def test_empty_frame_cell_dropped_when_n_is_zero_too() -> None:
    frame = _frame([("A", "k", 40), ("A", "g", 0)])
    result = poststratify(_sample({("A", "k"): 8}), frame, by=BY, count="N")
    assert result.collapsed == ()
    assert list(result.cells.index) == ["A / k"]


@pytest.mark.parametrize(
    ("sample", "frame", "kwargs", "code", "text"),
    [
        (_sample({("Z", "k"): 6}), _frame([("A", "k", 9)]), {}, ErrorCode.STATS_INPUT, "'Z / k'"),
        (_sample({("A", "g"): 6}), _frame([("A", "g", 0)]), {}, ErrorCode.STATS_INPUT, "frame"),
        (
            _sample({("A", "k"): 6}),
            _frame([("A", "k", -9)]),
            {},
            ErrorCode.STATS_INPUT,
            "non-negative",
        ),
        (_sample({("A", "k"): 3}), _frame([("A", "k", 9)]), {}, ErrorCode.STATS_TOO_FEW, "3"),
        (_sample({}), _frame([("A", "k", 9)]), {}, ErrorCode.STATS_TOO_FEW, "empty"),
        (_sample({("A", "k"): 6}), _frame([("A", "k", 9)]), {"min_cell": 0}, None, "min_cell"),
        (
            _sample({("A", "k"): 6}),
            _frame([("A", "k", 9)]),
            {"collapse": {"Provincie": "Overig"}},
            ErrorCode.STATS_INPUT,
            "Provincie",
        ),
        (_sample({("A", "k"): 6}), _frame([("A", "k", 9)]), {"count": "M"}, None, "'M'"),
        (_sample({("A", "k"): 6}), _frame([("A", "k", 9)]), {"by": ("x",)}, None, "'x'"),
    ],
)
def test_bad_input_raises(sample, frame, kwargs, code, text) -> None:
    kwargs = {"by": BY, "count": "N", **kwargs}
    with pytest.raises(StatsError) as info:
        poststratify(sample, frame, **kwargs)
    assert info.value.problem.code == (code or ErrorCode.STATS_INPUT)
    assert text in str(info.value)


def test_missing_cell_value_in_sample_raises() -> None:
    sample = pd.DataFrame({"sector": ["A", None, "A", "A", "A", "A"]})
    with pytest.raises(StatsError, match="missing values"):
        poststratify(sample, pd.DataFrame({"sector": ["A"], "N": [9]}), count="N")


def test_each_respondent_gets_its_own_cell_label_and_weight(
    sample: pd.DataFrame, frame: pd.DataFrame
) -> None:
    """The cells are found per distinct (sector, size class), not per row: every
    respondent's label and weight is still that of its own cell, in the sample's order,
    as a text column."""
    result = poststratify(sample, frame, by=BY, count="N")
    members = {m: label for label in result.cells.index for m in label.split(" + ")}
    pairs = zip(sample["sector"], sample["size_class"], strict=True)
    own = [members[f"{s} / {c}"] for s, c in pairs]
    assert result.cell.tolist() == own
    assert result.cell.dtype == pd.Series(own).dtype
    assert result.weights.tolist() == [result.cells.loc[c, "weight"] for c in own]


def test_codes_and_sizes_per_cell(sample: pd.DataFrame, frame: pd.DataFrame) -> None:
    result = poststratify(sample, frame, by=BY, count="N")
    codes = result.cell_codes
    assert codes.min() == 0
    for code in range(codes.max() + 1):  # one label per code, and its number of respondents
        labels = set(result.cell[codes == code])
        assert len(labels) == 1
        assert result.cell_sizes[code] == result.cells.loc[labels.pop(), "n"]
    assert result.weight_values.tolist() == result.weights.tolist()
    assert result.weights_valid == (True, True)


def test_numeric_and_categorical_cell_values() -> None:
    """Cell values that are numbers or categories keep their labels and frame order."""
    sample = pd.DataFrame({"sector": [1, 1, 2, 2, 2, 1, 2, 1, 2, 1],
                           "size": pd.Categorical(list("abbaabbaab"), categories=["b", "a"])})  # fmt: skip
    frame = pd.DataFrame({"sector": [1, 1, 2, 2], "size": ["a", "b", "a", "b"],
                          "N": [10, 20, 30, 40]})  # fmt: skip
    result = poststratify(sample, frame, by=("sector", "size"), count="N", min_cell=1)
    assert result.cells.index.tolist() == ["1 / a", "1 / b", "2 / a", "2 / b"]
    pairs = zip(sample["sector"], sample["size"], strict=True)
    assert result.cell.tolist() == [f"{s} / {z}" for s, z in pairs]
    assert result.weights.sum() == pytest.approx(100.0)
