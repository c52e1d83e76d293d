"""Reading and writing datasets: round trips through every format, labels in the .sav,
malformed files, and atomic writes."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
import pytest
from openpyxl import Workbook, load_workbook

import barometer.dataset.io as dio
from barometer import csvsafe
from barometer.dataset import Codebook, Dataset, Record, records_to_frame
from barometer.dataset.io import read_dataset, write_codebook, write_dataset
from barometer.errors import DataError, ErrorCode
from barometer.questionnaire import Questionnaire
from helpers import small_dataset, small_records, valid_answers

FORMATS = ["csv", "parquet", "xlsx", "sav"]


@pytest.fixture
def ds(small_q: Questionnaire) -> Dataset:
    return small_dataset(small_q)


def roundtrip(ds: Dataset, path: Path) -> Dataset:
    write_dataset(ds, path)
    return read_dataset(path, ds.questionnaire)


def test_the_dataset_has_every_case(ds: Dataset) -> None:
    data = ds.data
    assert set(v.role for v in ds.codebook) == {
        "id", "single", "multi_summary", "multi_dummy", "number", "text",
    }  # fmt: skip
    numeric = data[[v.name for v in ds.codebook if v.kind == "numeric"]]
    for code in (-1, -8, -9):
        assert (numeric == code).any().any(), code
    assert (data["remarks"] == "").any() and (data["cluster"] == "").any()
    assert data["description"].str.contains("<script>").any()
    assert data["initiative_other"].str.contains("ï").any()
    assert data["org_id"].tolist() == ["007", "010", "ë-3", "4"]
    assert data["budget"].dtype == "float64" and data["staff"].dtype == "int64"


@pytest.mark.parametrize("fmt", FORMATS)
def test_roundtrip(ds: Dataset, tmp_path: Path, fmt: str) -> None:
    back = roundtrip(ds, tmp_path / f"responses.{fmt}")
    assert back.equals(ds)
    assert back.codebook == ds.codebook
    assert back.data.loc[0, "description"] == ds.data.loc[0, "description"]
    assert back.data.loc[0, "remarks"] == "=SUM(A1) regel 1\nregel 2"


def test_roundtrip_through_every_format_in_turn(ds: Dataset, tmp_path: Path) -> None:
    current = ds
    for fmt in [*FORMATS, "csv"]:
        current = roundtrip(current, tmp_path / f"step.{fmt}")
    assert current.equals(ds)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("budget", "dtype"), [(3.0, "float64"), (3, "int64")])
def test_decimal_column_keeps_its_dtype(
    small_q: Questionnaire, tmp_path: Path, fmt: str, budget: Any, dtype: str
) -> None:
    records = [Record("1", valid_answers(budget=budget)), Record("2", valid_answers(budget=None))]
    ds = Dataset.from_frame(records_to_frame(small_q, records), small_q)
    assert ds.data["budget"].dtype == dtype
    back = roundtrip(ds, tmp_path / f"r.{fmt}")
    assert back.data["budget"].dtype == dtype
    assert back.equals(ds)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_dataset(small_q: Questionnaire, tmp_path: Path, fmt: str) -> None:
    ds = Dataset.from_frame(records_to_frame(small_q, []), small_q)
    back = roundtrip(ds, tmp_path / f"empty.{fmt}")
    assert len(back) == 0 and list(back.data.columns) == ds.codebook.names()


def test_format_argument_overrides_the_suffix(ds: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "responses.dat"
    write_dataset(ds, path, format="parquet")
    assert read_dataset(path, ds.questionnaire, format="parquet").equals(ds)
    with pytest.raises(DataError) as info:
        read_dataset(path, ds.questionnaire)
    assert info.value.problems[0].code is ErrorCode.DATA_UNKNOWN_FORMAT


# --------------------------------------------------------------------------- csv
def test_csv_text(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.csv")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8").splitlines(keepends=True)))
    assert rows[0] == ds.codebook.names()
    assert rows[1][0] == "007"
    assert "Coöperatie met ïdee, naïef café" in rows[1]
    assert rows[2][ds.codebook.names().index("budget")] == "-9.0"  # decimal column
    assert rows[2][ds.codebook.names().index("staff")] == "0"


def test_csv_from_another_tool(ds: Dataset, tmp_path: Path) -> None:
    """A byte-order mark, CRLF, shuffled columns and a blank line are all fine."""
    data = ds.data[list(reversed(ds.codebook.names()))]
    path = tmp_path / "export.csv"
    text = data.astype(str).to_csv(index=False, lineterminator="\r\n")
    lines = text.split("\r\n")
    lines.insert(2, "")
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    assert read_dataset(path, ds.questionnaire).equals(ds)


def test_csv_field_count(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.csv")
    lines = path.read_text(encoding="utf-8").split("\n")
    # line 2 is record 2 (row 2); record 2 spans two lines (a text with a newline)
    lines[3] = lines[3] + ",extra"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_dataset(path, ds.questionnaire)
    [problem] = info.value.problems
    assert (problem.code, problem.row, problem.value) == (ErrorCode.DATA_FIELD_COUNT, 3, 21)
    assert str(problem) == "r.csv, row 3: the row has 21 fields but the header has 20"


# --------------------------------------------------------------------------- xlsx
def test_xlsx_sheet_and_cells(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["responses"]
    ws = wb["responses"]
    names = ds.codebook.names()
    assert [c.value for c in ws[1]] == names
    remarks = ws.cell(row=2, column=names.index("remarks") + 1)
    assert remarks.data_type == "s" and remarks.value.startswith("=SUM(A1)")  # not a formula
    assert ws.cell(row=2, column=1).value == "007"
    wb.close()


def test_xlsx_from_another_tool(ds: Dataset, tmp_path: Path) -> None:
    """Any sheet name; numbers typed as text; an org id typed as a number."""
    data = ds.data.copy()
    data.loc[0, "remarks"] = "geen formule"  # openpyxl's append would make a formula of "=..."
    ds = Dataset(data, ds.codebook, ds.questionnaire)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Blad1"
    ws.append(ds.codebook.names())
    for row in ds.data.astype(object).itertuples(index=False):
        ws.append([str(v) if isinstance(v, int) else v for v in row])
    ws["A5"] = 4  # org id "4" as a number
    path = tmp_path / "export.xlsx"
    wb.save(path)
    assert read_dataset(path, ds.questionnaire).equals(ds)


def test_xlsx_refuses_control_characters(ds: Dataset, tmp_path: Path) -> None:
    data = ds.data.copy()
    data.loc[1, "remarks"] = "bel\x07"
    path = tmp_path / "r.xlsx"
    with pytest.raises(DataError) as info:
        write_dataset(Dataset(data, ds.codebook, ds.questionnaire), path)
    [problem] = info.value.problems
    assert (problem.code, problem.row, problem.column) == (ErrorCode.DATA_UNWRITABLE, 3, "remarks")
    assert not path.exists()


# --------------------------------------------------------------------------- sav
def test_sav_metadata(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.sav")
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
    labels = meta.column_names_to_labels
    assert labels["innovated"] == "Geïnnoveerd?"
    assert labels["initiative__staff"] == "Initiatief: Medewerkers"
    assert labels["org_id"] == "Organisatie-id (uit het steekproefkader)"
    values = meta.variable_value_labels
    assert values["innovated"] == {
        1.0: "Ja", 2.0: "Nee", -8.0: "Weet niet", -1.0: "Niet van toepassing",
        -9.0: "Geen antwoord",
    }  # fmt: skip
    assert values["initiative__staff"][1.0] == "Gekozen"
    assert values["staff"] == {-1.0: "Niet van toepassing", -9.0: "Geen antwoord"}
    missing = {k: sorted(r["lo"] for r in v) for k, v in meta.missing_ranges.items()}
    assert missing["innovated"] == [-9.0, -8.0, -1.0]
    assert missing["safe"] == [-9.0, -8.0, -1.0]
    assert missing["size"] == [-9.0, -1.0]
    assert missing["initiative__other"] == [-9.0, -1.0]
    assert missing["budget"] == [-9.0, -1.0]
    assert "description" not in missing
    assert meta.variable_measure["safe"] == "ordinal"
    assert meta.variable_measure["staff"] == "scale"
    assert meta.variable_measure["size"] == "nominal"
    assert meta.variable_measure["remarks"] == "nominal"
    formats = meta.original_variable_types
    for name in ("description", "initiative_other", "remarks", "org_id"):
        longest = max(len(v.encode("utf-8")) for v in ds.data[name])
        assert int(formats[name][1:]) >= longest
    assert formats["staff"].endswith(".0") and not formats["budget"].endswith(".0")
    assert meta.file_label.startswith("Klein")


def test_sav_labels_in_english(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.sav", lang="en")
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    assert meta.column_names_to_labels["innovated"] == "Innovated?"
    assert meta.variable_value_labels["innovated"][-8.0] == "Don't know"
    assert meta.variable_value_labels["innovated"][-1.0] == "Not applicable"


def test_sav_missing_codes_are_user_missing(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.sav")
    plain, _ = pyreadstat.read_sav(str(path))
    assert plain["innovated"].isna().sum() == 1  # -8 is user-missing: SPSS leaves it out
    assert plain["initiative__staff"].isna().sum() == 2  # -1 twice
    codes, _ = pyreadstat.read_sav(str(path), user_missing=True)
    assert codes["innovated"].tolist() == [1.0, 2.0, -8.0, 1.0]


def test_sav_long_text(small_q: Questionnaire, tmp_path: Path) -> None:
    long_text = "ë" * 200  # 400 bytes: an SPSS very long string
    ds = Dataset.from_frame(
        records_to_frame(small_q, [Record("1", valid_answers(description=long_text))]), small_q
    )
    assert roundtrip(ds, tmp_path / "r.sav").equals(ds)


# --------------------------------------------------------------------------- malformed
def _unreadable(path: Path, q: Questionnaire, **kw: Any) -> str:
    with pytest.raises(DataError) as info:
        read_dataset(path, q, **kw)
    [problem] = info.value.problems
    assert problem.code in (ErrorCode.DATA_UNREADABLE, ErrorCode.DATA_UNKNOWN_FORMAT)
    assert problem.file == path.name
    assert info.value.what == str(path)
    return problem.message


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def test_not_a_csv(small_q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(PNG)
    assert "not Windows-1252 text" in _unreadable(path, small_q)


def test_empty_csv(small_q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("")
    assert "no header" in _unreadable(path, small_q)


def test_truncated_parquet(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.parquet")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert "Parquet" in _unreadable(path, ds.questionnaire)


def test_not_a_sav(ds: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "r.sav"
    write_dataset(ds, tmp_path / "r.csv").rename(path)
    assert ".sav" in _unreadable(path, ds.questionnaire)


def test_truncated_sav(ds: Dataset, tmp_path: Path) -> None:
    path = write_dataset(ds, tmp_path / "r.sav")
    path.write_bytes(path.read_bytes()[:300])
    assert ".sav" in _unreadable(path, ds.questionnaire)


def test_not_an_xlsx(small_q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(PNG)
    assert ".xlsx" in _unreadable(path, small_q)


def test_missing_file(small_q: Questionnaire, tmp_path: Path) -> None:
    _unreadable(tmp_path / "nothing.csv", small_q)


def test_unknown_suffix(small_q: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("{}")
    assert ".csv, .parquet, .xlsx, .sav" in _unreadable(path, small_q)


# --------------------------------------------------------------------------- atomic writes
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_leaves_no_temporary_file(ds: Dataset, tmp_path: Path, fmt: str) -> None:
    path = write_dataset(ds, tmp_path / f"r.{fmt}")
    assert _leftovers(tmp_path) == []
    assert path.stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_the_old_file(
    ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(ds, tmp_path / "r.csv")
    before = path.read_bytes()

    def broken(data: pd.DataFrame, tmp: str, raw: bool = False) -> None:
        Path(tmp).write_text("org_id,wa")  # half a file, then the disk fills up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dio, "_write_csv", broken)
    with pytest.raises(DataError) as info:
        write_dataset(ds, path)
    assert info.value.problems[0].code is ErrorCode.DATA_UNWRITABLE
    assert "No space left" in str(info.value)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_failed_sav_write_creates_nothing(
    ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise pyreadstat.ReadstatError("simulated failure")

    monkeypatch.setattr(pyreadstat, "write_sav", broken)
    with pytest.raises(DataError):
        write_dataset(ds, tmp_path / "r.sav")
    assert os.listdir(tmp_path) == []


def test_write_into_missing_folder(ds: Dataset, tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        write_dataset(ds, tmp_path / "no" / "such" / "r.csv")
    assert info.value.problems[0].code is ErrorCode.DATA_UNWRITABLE


# --------------------------------------------------------------------------- codebook
def test_write_codebook(small_codebook: Codebook, tmp_path: Path) -> None:
    path = write_codebook(small_codebook, tmp_path / "codebook.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert table["variable"].tolist() == small_codebook.names()
    assert {"label_nl", "label_en", "values_nl", "values_en", "missing"} <= set(table.columns)
    row = table.set_index("variable").loc["innovated"]
    assert row["label_nl"] == "Geïnnoveerd?"
    assert row["missing"] == "'-1 -8 -9"  # a formula to a spreadsheet: neutralised
    assert csvsafe.restore(row["missing"]) == "-1 -8 -9"
    assert "-8=Weet niet" in row["values_nl"]
    english = pd.read_csv(write_codebook(small_codebook, tmp_path / "en.csv", lang="en"))
    assert "label_en" in english.columns and "label_nl" not in english.columns
    assert _leftovers(tmp_path) == []


def test_records_helper_is_stable() -> None:
    assert [r.org_id for r in small_records()] == ["007", "010", "ë-3", "4"]
