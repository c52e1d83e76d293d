"""Tabel 1 and Tabel 2: counts, response rates, merging of small groups (disclosure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.report import get_spec
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.registry import COMPUTE

Build = Callable[..., Dataset]
Answers = Callable[..., dict[str, Any]]


def compute(
    ds: Dataset, figure_id: str, frame: pd.DataFrame | None = None, lang: str = "nl"
) -> FigureData:
    spec = get_spec(figure_id)
    assert spec.compute is not None
    return COMPUTE[spec.compute](make_context(ds, lang=lang, frame=frame), spec)


@pytest.fixture(scope="module")
def sectors_ds(build: Build, answers: Answers) -> Dataset:
    # 8 gemeenten, 3 provincies, 2 hoge colleges, 6 waterschappen
    sectors = ["gemeenten"] * 8 + ["provincies"] * 3 + ["hoge_colleges"] * 2 + ["waterschappen"] * 6
    clusters = (
        ["gemeenten_onderdelen"] * 8 + ["ggd"] * 3 + ["hoge_colleges"] * 2 + ["watermanagement"] * 6
    )
    return build([answers() for _ in sectors], sectors=sectors, clusters=clusters)


def test_tabel1_with_frame_merges_small_sectors(sectors_ds: Dataset, frame: pd.DataFrame) -> None:
    data = compute(sectors_ds, "tab01_response_by_sector", frame)
    assert data.table is not None
    t = data.table.set_index("key")
    assert list(t.index) == ["gemeenten", "waterschappen", "overig", "__total__"]
    assert t.loc["gemeenten", ["invited", "completed"]].tolist() == [20, 8]
    assert t.loc["gemeenten", "response"] == pytest.approx(40.0)
    assert t.loc["overig", ["invited", "completed"]].tolist() == [10, 5]  # 6+4 invited, 3+2 done
    assert t.loc["overig", "sector"] == "Overige sectoren (Hoge Colleges van Staat, Provincies)"
    assert t.loc["__total__", ["invited", "completed"]].tolist() == [40, 19]
    assert t.loc["__total__", "response"] == pytest.approx(47.5)
    assert (t["completed"] >= 5).all()
    assert any("Provincies" in n for n in data.notes)


def test_tabel1_without_frame_shows_completed_only(sectors_ds: Dataset) -> None:
    data = compute(sectors_ds, "tab01_response_by_sector", lang="en")
    assert data.table is not None
    assert list(data.table.columns) == ["key", "sector", "completed"]
    assert any("frame was not given" in n for n in data.notes)


def test_tabel1_remainder_takes_the_smallest_other_sector_when_still_small(
    build: Build, answers: Answers
) -> None:
    sectors = ["gemeenten"] * 9 + ["provincies"] * 2 + ["zbo"] * 6
    data = compute(build([answers() for _ in sectors], sectors=sectors), "tab01_response_by_sector")
    assert data.table is not None
    t = data.table.set_index("key")
    assert t.loc["overig", "completed"] == 8  # provincies 2 + zbo 6 (the smallest other)
    assert "zbo" not in t.index


def test_tabel1_frame_without_sector_column_is_an_error(sectors_ds: Dataset) -> None:
    from barometer.errors import StatsError

    with pytest.raises(StatsError, match="sector"):
        compute(sectors_ds, "tab01_response_by_sector", pd.DataFrame({"org_id": ["a"]}))


def test_tabel2_counts_per_cluster_largest_first_small_merged(sectors_ds: Dataset) -> None:
    data = compute(sectors_ds, "tab02_clusters")
    assert data.table is not None
    t = data.table.set_index("key")
    assert list(t.index) == [
        "gemeenten_onderdelen",
        "watermanagement",
        "__other_clusters__",
        "__total__",
    ]
    assert t["organisations"].tolist() == [8, 6, 5, 19]
    assert "GGD" in t.loc["__other_clusters__", "cluster"]


def test_too_few_responses_overall(build: Build, answers: Answers) -> None:
    data = compute(build([answers() for _ in range(3)]), "tab01_response_by_sector")
    assert data.table is None and data.message is not None
