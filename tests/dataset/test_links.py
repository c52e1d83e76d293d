"""The links file of merged and split organisations: bad rows are named (file, row, column,
value); nothing half-read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from barometer.dataset.links import read_links, successor_map
from barometer.errors import DataError

HEAD = "from_wave,from_org_id,to_wave,to_org_id,kind,note\n"
GOOD = (
    "2021,A,2025,M,merger,two merged\n2021,B,2025,M,merger,two merged\n"
    "2021,S,2025,S1,split,\n2021,S,2025,S2,split,\n"
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "links.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_and_successors(tmp_path: Path) -> None:
    links = read_links(_write(tmp_path, HEAD + GOOD))
    assert len(links) == 4
    assert successor_map(links, "2021", "2025") == {"A": ["M"], "B": ["M"], "S": ["S1", "S2"]}


@pytest.mark.parametrize(
    ("rows", "row", "column", "value"),
    [
        ("2021,A,2025,M,fusion,\n", 2, "kind", "fusion"),
        ("2021,A,2025,M,merger,\n", 2, "to_org_id", "M"),  # a merger of one
        ("2021,S,2025,S1,split,\n", 2, "from_org_id", "S"),  # a split into one
        ("2021,,2025,M,merger,\n2021,B,2025,M,merger,\n", 2, "from_org_id", ""),
        ("2021,A,2025,M,merger,\n2021,A,2025,N,merger,\n2021,B,2025,M,merger,\n2021,C,2025,N,merger,\n",
         2, "from_org_id", "A"),  # a predecessor in two mergers
    ],
)  # fmt: skip
def test_bad_rows_are_named(tmp_path: Path, rows: str, row: int, column: str, value: str) -> None:
    path = _write(tmp_path, HEAD + rows)
    with pytest.raises(DataError) as err:
        read_links(path)
    hits = [p for p in err.value.problems if (p.row, p.column, p.value) == (row, column, value)]
    assert hits, err.value.render()
    assert str(path) in str(err.value) and f"row {row}" in str(err.value)


def test_ids_must_be_in_the_frames(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + GOOD)
    f21 = pd.DataFrame({"org_id": ["A", "B", "S"]})
    f25 = pd.DataFrame({"org_id": ["M", "S1"]})  # S2 missing
    with pytest.raises(DataError) as err:
        read_links(path, frames={"2021": f21, "2025": f25})
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(5, "to_org_id", "S2")]
    assert "not in the frame of 2025" in str(err.value)


def test_missing_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "from_wave,from_org_id,to_org_id,kind\n2021,A,M,merger\n")
    with pytest.raises(DataError, match="to_wave"):
        read_links(path)
