"""Read and write datasets as CSV, Parquet, Excel (.xlsx) and SPSS (.sav).

Reading validates the whole file against the questionnaire
(:func:`barometer.dataset.validate.validate_frame`) and raises one :class:`DataError` listing
every problem, with the row numbers of :data:`barometer.dataset.validate.FIRST_ROW`; nothing
is returned partially. Writing goes to a temporary file in the target's folder that then
replaces the target, so a failure never leaves a half-written file.

A round trip through any format gives back an equal dataset (:meth:`Dataset.equals`), with
one limit of the .sav format: SPSS pads strings with spaces, so trailing spaces of a text
answer are lost.

Formats
-------
- ``.csv``: written as UTF-8 with ``,``; read as UTF-8 (with or without a byte-order mark) or
  Windows-1252, with ``,``, ``;`` or tab as found in the header (:mod:`barometer.csvsafe`).
  Text cells that a spreadsheet would run as a formula are written with a leading quote,
  which reading removes again (:func:`barometer.csvsafe.restore`). Every cell is read as text, so ``007`` stays ``007`` and an empty text stays empty. A decimal
  column is written with a decimal point (``3.0``), which is how reading knows it is float.
- ``.parquet``: pyarrow, with the dtypes of the dataset.
- ``.xlsx``: one sheet ``responses`` (on reading, the first sheet if there is none of that
  name); text cells are always written as text, never as formulas. Decimal columns carry the
  number format ``0.0###…``.
- ``.sav``: see :mod:`barometer.dataset.io_sav`.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from barometer import csvsafe, fileperm
from barometer.dataset.codebook import Codebook
from barometer.dataset.core import Dataset
from barometer.dataset.validate import FIRST_ROW, dataset_from_frame
from barometer.errors import DataError, ErrorCode, Problem
from barometer.questionnaire import Questionnaire

#: Suffix -> format name.
FORMATS = {".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx", ".sav": "sav"}
XLSX_SHEET = "responses"
XLSX_DECIMAL_FORMAT = "0.0##############"

#: What a reader returns: the table, the file row of each table row, and reading problems.
Table = tuple[pd.DataFrame, list[int], list[Problem]]


def file_format(path: str | Path, format: str | None = None) -> str:
    """The format name for ``path`` (from its suffix unless ``format`` is given)."""
    name = (format or Path(path).suffix).lower().lstrip(".")
    if name in FORMATS.values():
        return name
    raise DataError(
        [
            Problem.make(
                ErrorCode.DATA_UNKNOWN_FORMAT,
                file=Path(path).name,
                value=format or Path(path).suffix,
                detail=", ".join(FORMATS),
            )
        ],
        str(path),
    )


# --------------------------------------------------------------------------- reading
def read_dataset(
    path: str | Path, q: Questionnaire | None = None, *, format: str | None = None
) -> Dataset:
    """Read and validate the dataset at ``path``.

    Parameters
    ----------
    path:
        A ``.csv``, ``.parquet``, ``.xlsx`` or ``.sav`` file.
    q:
        The questionnaire the data answers (the shipped one by default).
    format:
        ``csv``, ``parquet``, ``xlsx`` or ``sav``; taken from the suffix when not given.

    Raises
    ------
    DataError
        Listing every problem (file, row, column, value); a file that cannot be read at all
        gives a single problem naming the file.
    """
    from barometer.questionnaire import default

    path = Path(path)
    fmt = file_format(path, format)
    q = q or default()
    table, rows, known = _READERS[fmt](path)
    return dataset_from_frame(q, table, file=path.name, rows=rows, known=known, what=str(path))


def _unreadable(path: Path, detail: str) -> DataError:
    problem = Problem.make(ErrorCode.DATA_UNREADABLE, file=path.name, detail=detail)
    return DataError([problem], str(path))


def _read_csv(path: Path) -> Table:
    try:
        text, _ = csvsafe.decode(path.read_bytes())
        sep = csvsafe.delimiter(text)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csvsafe.UndecodableError as exc:
        problem = Problem.make(
            ErrorCode.DATA_UNREADABLE, file=path.name, row=exc.row, detail=exc.detail
        )
        raise DataError([problem], str(path)) from None
    except (csv.Error, OSError) as exc:
        raise _unreadable(path, str(exc)) from None
    if not records or not any(records[0]):
        raise _unreadable(path, "it has no header row") from None
    header = [csvsafe.restore(h.strip()) for h in records[0]]
    problems: list[Problem] = []
    rows: list[int] = []
    data: list[list[str]] = []
    for number, record in enumerate(records[1:], start=FIRST_ROW["csv"]):
        if not record or record == [""]:
            continue  # a blank line
        if len(record) != len(header):
            problems.append(
                Problem.make(
                    ErrorCode.DATA_FIELD_COUNT,
                    file=path.name,
                    row=number,
                    value=len(record),
                    detail=str(len(header)),
                )
            )
            continue
        rows.append(number)
        data.append([csvsafe.restore(cell) for cell in record])
    frame = pd.DataFrame(data, columns=header, dtype=object)
    return frame, rows, problems


def _read_parquet(path: Path) -> Table:
    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise _unreadable(path, f"it is not a readable Parquet file ({exc})") from None
    start = FIRST_ROW["parquet"]
    return frame.reset_index(drop=True), list(range(start, start + len(frame))), []


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors
        raise _unreadable(path, f"it is not a readable .xlsx workbook ({exc})") from None
    try:
        ws = wb[XLSX_SHEET] if XLSX_SHEET in wb.sheetnames else wb.worksheets[0]
        cells = ws.iter_rows()
        try:
            first = next(cells)
        except StopIteration:
            raise _unreadable(path, f"sheet '{ws.title}' is empty") from None
        header = [cell_value(c) for c in first]
        while header and header[-1] is None:
            header.pop()
        columns = ["" if h is None else str(h).strip() for h in header]
        problems: list[Problem] = []
        rows: list[int] = []
        data: list[list[Any]] = []
        for number, row in enumerate(cells, start=FIRST_ROW["xlsx"]):
            values = [cell_value(c) for c in row]
            if all(v is None or v == "" for v in values):
                continue
            if any(v is not None for v in values[len(columns) :]):
                width = max(i for i, v in enumerate(values) if v is not None) + 1
                problems.append(
                    Problem.make(
                        ErrorCode.DATA_FIELD_COUNT,
                        file=path.name,
                        row=number,
                        value=width,
                        detail=str(len(columns)),
                    )
                )
                continue
            values += [None] * (len(columns) - len(values))
            rows.append(number)
            data.append(values[: len(columns)])
    except DataError:
        raise
    except Exception as exc:
        raise _unreadable(path, f"it is not a readable .xlsx workbook ({exc})") from None
    finally:
        wb.close()
    return pd.DataFrame(data, columns=columns, dtype=object), rows, problems


def cell_value(cell: Any) -> Any:
    """A cell's value; a whole number in a cell formatted with decimals is a float."""
    value = getattr(cell, "value", None)
    if isinstance(value, int) and not isinstance(value, bool):
        fmt = getattr(cell, "number_format", None) or ""
        if "." in fmt:
            return float(value)
    return value


def _read_sav(path: Path) -> Table:
    from barometer.dataset.io_sav import read_sav_frame

    try:
        frame = read_sav_frame(path)
    except Exception as exc:  # pyreadstat raises its own error types
        raise _unreadable(path, f"it is not a readable SPSS .sav file ({exc})") from None
    start = FIRST_ROW["sav"]
    return frame, list(range(start, start + len(frame))), []


_READERS: dict[str, Callable[[Path], Table]] = {
    "csv": _read_csv,
    "parquet": _read_parquet,
    "xlsx": _read_xlsx,
    "sav": _read_sav,
}


# --------------------------------------------------------------------------- writing
def write_dataset(
    ds: Dataset,
    path: str | Path,
    *,
    format: str | None = None,
    lang: str | None = None,
    raw_csv: bool = False,
) -> Path:
    """Write ``ds`` to ``path`` atomically; return the path.

    A CSV's text cells are neutralised against spreadsheet formulas (:mod:`barometer.csvsafe`;
    :func:`read_dataset` undoes it); ``raw_csv`` writes them as they are.

    ``lang`` chooses the language of the .sav labels (the questionnaire's default language,
    Dutch, when not given); the other formats hold no labels (see :func:`write_codebook`).
    Raises :class:`DataError` if the file cannot be written; the target is then untouched.
    """
    path = Path(path)
    fmt = file_format(path, format)
    data = ds.data[ds.codebook.names()].reset_index(drop=True)
    if fmt == "csv":
        _atomic(path, lambda tmp: _write_csv(data, tmp, raw_csv))
    elif fmt == "parquet":
        _atomic(path, lambda tmp: data.to_parquet(tmp, engine="pyarrow", index=False))
    elif fmt == "xlsx":
        _check_xlsx_text(data, ds.codebook, path)
        _atomic(path, lambda tmp: _write_xlsx(data, tmp))
    else:
        from barometer.dataset.io_sav import write_sav_frame

        language = lang or ds.questionnaire.default_language
        title = f"{ds.questionnaire.title} {ds.codebook.questionnaire_version}".strip()
        _atomic(path, lambda tmp: write_sav_frame(data, ds.codebook, tmp, language, title))
    return path


def write_codebook(
    codebook: Codebook, path: str | Path, lang: str | Sequence[str] = ("nl", "en")
) -> Path:
    """Write the codebook as CSV (UTF-8), with labels in ``lang`` (one code or several)."""
    path = Path(path)
    langs = (lang,) if isinstance(lang, str) else tuple(lang)
    table = codebook.to_frame(langs)
    _atomic(path, lambda tmp: csvsafe.to_csv(table, tmp, encoding="utf-8"))
    return path


def _atomic(path: Path, write: Callable[[str], object]) -> None:
    """Run ``write`` on a temporary file next to ``path``, then move it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(path, str(exc)) from None
    os.close(fd)
    try:
        write(tmp)
        fileperm.publish(tmp, path)
        os.replace(tmp, path)
    except DataError:
        raise
    except Exception as exc:  # OSError, pyarrow, openpyxl and pyreadstat errors
        raise _unwritable(path, str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _unwritable(path: Path, detail: str) -> DataError:
    problem = Problem.make(ErrorCode.DATA_UNWRITABLE, file=path.name, detail=detail)
    return DataError([problem], str(path))


def _text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return str(value)


def _write_csv(data: pd.DataFrame, tmp: str, raw: bool = False) -> None:
    """Numbers as numbers; text cells neutralised against formulas unless ``raw``."""
    cell = (lambda v: v) if raw else csvsafe.neutralise
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([cell(str(c)) for c in data.columns])
        columns = [data[c].tolist() for c in data.columns]
        for row in zip(*columns, strict=True):
            writer.writerow([cell(v) if isinstance(v, str) else _text(v) for v in row])


def _check_xlsx_text(data: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    """Refuse text that an .xlsx cannot hold (control characters), naming every cell."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    problems = []
    for var in codebook:
        if var.kind != "string":
            continue
        for pos, value in enumerate(data[var.name].tolist()):
            if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                problems.append(
                    Problem.make(
                        ErrorCode.DATA_UNWRITABLE,
                        file=path.name,
                        row=pos + FIRST_ROW["xlsx"],
                        column=var.name,
                        value=value,
                        detail="the text holds control characters that .xlsx cannot store",
                    )
                )
    if problems:
        raise DataError(problems, str(path))


def _write_xlsx(data: pd.DataFrame, tmp: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(XLSX_SHEET)
    ws.freeze_panes = "A2"
    ws.append(list(data.columns))
    floats = [data[c].dtype.kind == "f" for c in data.columns]
    columns = [data[c].tolist() for c in data.columns]
    for row in zip(*columns, strict=True):
        cells = []
        for value, is_float in zip(row, floats, strict=True):
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif is_float:
                cell.number_format = XLSX_DECIMAL_FORMAT
            cells.append(cell)
        ws.append(cells)
    wb.save(tmp)
