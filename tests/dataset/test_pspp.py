"""Our .sav as GNU PSPP reads it: labels, value labels, user-missing codes, frequencies.

PSPP stands in for SPSS here. The test fails (does not skip) when ``pspp`` is missing: CI
installs it (Debian package ``pspp``).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from barometer.dataset import Dataset
from barometer.dataset.io import write_dataset
from barometer.questionnaire import Questionnaire
from helpers import small_dataset

pytestmark = pytest.mark.external

Table = list[list[str]]


def pspp() -> str:
    exe = shutil.which("pspp")
    assert exe is not None, "GNU PSPP is not installed (apt-get install pspp); CI installs it"
    return exe


def run_pspp(syntax: str, folder: Path) -> dict[str, Table]:
    """Run PSPP syntax; return its output tables by title (rows of CSV cells)."""
    script = folder / "syntax.sps"
    out = folder / "out.csv"
    script.write_text(syntax, encoding="utf-8")
    done = subprocess.run(
        [pspp(), "-O", "format=csv", "-o", str(out), str(script)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    assert done.returncode == 0, f"pspp failed:\n{done.stdout}\n{done.stderr}\n{text}"
    assert "error:" not in text.lower() and "warning:" not in text.lower(), text
    tables: dict[str, Table] = {}
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("Table: "):
            tables[lines[0][len("Table: ") :]] = list(csv.reader(lines[1:]))
    return tables


def by_first_column(table: Table) -> dict[str, list[str]]:
    return {row[0]: row for row in table[1:]}


def value_labels(table: Table) -> dict[str, dict[str, str]]:
    """The Value Labels table as {variable label: {value as shown: label}}."""
    out: dict[str, dict[str, str]] = {}
    current = ""
    for row in table[1:]:
        if row[0].startswith("Footnote"):
            continue
        current = row[0] or current
        out.setdefault(current, {})[row[1]] = row[2]
    return out


@pytest.fixture(scope="module")
def output(small_q: Questionnaire, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Table]:
    folder = tmp_path_factory.mktemp("pspp")
    ds = small_dataset(small_q)
    write_dataset(ds, folder / "responses.sav")
    return run_pspp(
        "GET FILE='responses.sav'.\n"
        "DISPLAY DICTIONARY.\n"
        "FREQUENCIES VARIABLES=innovated safe initiative__staff.\n"
        "DESCRIPTIVES VARIABLES=budget staff.\n",
        folder,
    )


@pytest.fixture(scope="module")
def ds(small_q: Questionnaire) -> Dataset:
    return small_dataset(small_q)


def test_pspp_is_installed() -> None:
    done = subprocess.run([pspp(), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "GNU PSPP" in done.stdout


def test_variables_and_labels(output: dict[str, Table], ds: Dataset) -> None:
    variables = output["Variables"]
    header = variables[0]
    rows = by_first_column(variables)
    assert list(rows) == ds.codebook.names()
    for var in ds.codebook:
        row = dict(zip(header, rows[var.name], strict=True))
        assert row["Label"] == var.label("nl"), var.name
        assert row["Measurement Level"] == var.measure.capitalize(), var.name
        if var.kind == "string":
            longest = max(len(v.encode("utf-8")) for v in ds.data[var.name])
            assert int(row["Print Format"][1:]) >= max(longest, 1), var.name
            assert row["Missing Values"] == ""


def test_user_missing_values_declared(output: dict[str, Table]) -> None:
    header = output["Variables"][0]
    rows = by_first_column(output["Variables"])

    def missing(name: str) -> str:
        return dict(zip(header, rows[name], strict=True))["Missing Values"]

    assert missing("innovated") == "-1; -8; -9"
    assert missing("safe") == "-1; -8; -9"
    assert missing("size") == "-1; -9"
    assert missing("initiative__staff") == "-1; -9"
    assert missing("staff") == "-1; -9"
    assert missing("description") == ""


def test_value_labels(output: dict[str, Table]) -> None:
    labels = value_labels(output["Value Labels"])
    # [a] marks a user-missing value (the table's footnote says so)
    assert labels["Geïnnoveerd?"] == {
        "-9[a]": "Geen antwoord",
        "-8[a]": "Weet niet",
        "-1[a]": "Niet van toepassing",
        "1": "Ja",
        "2": "Nee",
    }
    assert labels["Initiatief: Medewerkers"] == {
        "-9[a]": "Geen antwoord",
        "-1[a]": "Niet van toepassing",
        "0": "Niet gekozen",
        "1": "Gekozen",
    }
    assert output["Value Labels"][-1] == ["Footnote: a. User-missing value"]


def test_frequencies_leave_out_user_missing(output: dict[str, Table]) -> None:
    # innovated is yes, no, don't know (-8), yes
    freq = output["Geïnnoveerd?"]
    assert freq[1][:4] == ["Valid", "Ja", "2", "50.0%"]
    assert freq[1][4] == "66.7%"  # valid percent: of the 3 valid answers
    assert freq[2][:3] == ["", "Nee", "1"]
    assert freq[3][:3] == ["Missing", "Weet niet", "1"]
    assert freq[4][:3] == ["Total", "", "4"]
    stats = output["Statistics"]
    assert stats[0][2:] == ["Geïnnoveerd?", "Fouten zijn veilig", "Initiatief: Medewerkers"]
    assert stats[1] == ["N", "Valid", "3", "3", "2"]
    assert stats[2] == ["", "Missing", "1", "1", "2"]
    # the dummy is -1 (not applicable) for the two organisations that did not innovate
    dummy = output["Initiatief: Medewerkers"]
    assert [r[:3] for r in dummy[1:]] == [
        ["Valid", "Niet gekozen", "1"],
        ["", "Gekozen", "1"],
        ["Missing", "Niet van toepassing", "2"],
        ["Total", "", "4"],
    ]


def test_descriptives_leave_out_user_missing(output: dict[str, Table]) -> None:
    rows = by_first_column(output["Descriptive Statistics"])
    # budget is 2.5, -9 (no answer), 1000.25, 2.5: the mean is over three values
    assert rows["Budget (mln euro)"][1:3] == ["3", "335.08"]
    assert rows["Aantal medewerkers"][1:3] == ["4", "90.00"]
