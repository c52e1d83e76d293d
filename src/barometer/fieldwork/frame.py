"""The sampling frame: one row per organisation, read from CSV and validated.

Columns: ``org_id, name, sector, cluster, size_class, contact_name, contact_email,
language``. ``size_class`` and ``contact_name`` may be empty; ``language`` defaults to
``nl``. Every problem is collected (file, row, column, value) and raised together as a
:class:`~barometer.errors.FrameError`, so nothing is half-imported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from barometer import csvsafe
from barometer.errors import ErrorCode, FrameError, Problem, raise_if

COLUMNS = (
    "org_id",
    "name",
    "sector",
    "cluster",
    "size_class",
    "contact_name",
    "contact_email",
    "language",
)
REQUIRED = ("org_id", "name", "sector", "contact_email")
LANGUAGES = ("nl", "en")
_EMAIL = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[A-Za-z0-9-]{2,}$")
_ORG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class FrameRow:
    org_id: str
    name: str
    sector: str
    cluster: str
    size_class: str
    contact_name: str
    contact_email: str
    language: str


def read_frame(
    path: Path,
    *,
    sectors: Collection[str],
    clusters: Collection[str],
    size_classes: Collection[str],
    existing_ids: Collection[str] = (),
) -> list[FrameRow]:
    """Read and validate a frame: CSV (encoding and separator detected) or .xlsx."""
    file = str(path)
    header, records = read_records(path)
    return _validate_table(
        header,
        records,
        file=file,
        sectors=sectors,
        clusters=clusters,
        size_classes=size_classes,
        existing_ids=existing_ids,
    )


def read_records(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as text) of a frame file, not yet validated.

    Raises :class:`FrameError` naming the file (and the row, where the encoding cannot be
    told) when it cannot be read."""
    file = str(path)
    try:
        if Path(path).suffix.lower() == ".xlsx":
            table = _xlsx_rows(Path(path))
        else:
            text, _ = csvsafe.decode(Path(path).read_bytes())
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=csvsafe.delimiter(text))
            table = [[csvsafe.restore(cell) for cell in row] for row in reader]
    except csvsafe.UndecodableError as exc:
        problem = Problem.make(ErrorCode.DATA_UNREADABLE, file=file, row=exc.row, detail=exc.detail)
        raise FrameError([problem], file) from None
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        raise FrameError(
            [Problem.make(ErrorCode.DATA_UNREADABLE, file=file, detail=exc)], file
        ) from None
    header = [h.strip() for h in (table[0] if table else [])]
    records = [
        {col: (row[n] if n < len(row) else "").strip() for n, col in enumerate(header)}
        for row in table[1:]
    ]
    return header, records


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors
        raise ValueError(f"it is not a readable .xlsx workbook ({exc})") from None
    try:
        return [
            [_xlsx_text(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        wb.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_frame(
    text: str,
    *,
    file: str = "frame",
    sectors: Collection[str],
    clusters: Collection[str],
    size_classes: Collection[str],
    existing_ids: Collection[str] = (),
) -> list[FrameRow]:
    """Validate the CSV ``text`` of a frame; see :func:`read_frame`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csvsafe.delimiter(text))
    table = [[csvsafe.restore(cell) for cell in row] for row in reader]
    header = [h.strip() for h in (table[0] if table else [])]
    records = [
        {col: (row[n] if n < len(row) else "").strip() for n, col in enumerate(header)}
        for row in table[1:]
    ]
    return _validate_table(
        header,
        records,
        file=file,
        sectors=sectors,
        clusters=clusters,
        size_classes=size_classes,
        existing_ids=existing_ids,
    )


def _validate_table(
    header: list[str],
    records: list[dict[str, str]],
    *,
    file: str,
    sectors: Collection[str],
    clusters: Collection[str],
    size_classes: Collection[str],
    existing_ids: Collection[str] = (),
) -> list[FrameRow]:
    problems = [
        Problem.make(ErrorCode.DATA_MISSING_COLUMN, file=file, row=1, column=col)
        for col in COLUMNS
        if col not in header
    ]
    problems += [
        Problem.make(ErrorCode.DATA_UNKNOWN_COLUMN, file=file, row=1, column=col)
        for col in header
        if col not in COLUMNS
    ]
    if problems:
        raise FrameError(problems, file)
    return validate_rows(
        records,
        file=file,
        sectors=sectors,
        clusters=clusters,
        size_classes=size_classes,
        existing_ids=existing_ids,
    )


def validate_rows(
    rows: Iterable[Mapping[str, str]],
    *,
    file: str,
    sectors: Collection[str],
    clusters: Collection[str],
    size_classes: Collection[str],
    existing_ids: Collection[str] = (),
    first_row: int = 2,
) -> list[FrameRow]:
    """Validate frame records (header on row 1, so data starts at ``first_row``)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    result: list[FrameRow] = []

    def bad(row: int, column: str, value: str, detail: str) -> None:
        problems.append(
            Problem.make(
                ErrorCode.FRAME_BAD_VALUE,
                file=file,
                row=row,
                column=column,
                value=value,
                detail=detail,
            )
        )

    for n, rec in enumerate(rows, start=first_row):
        values = {col: unicodedata.normalize("NFC", rec.get(col, "")) for col in COLUMNS}
        if not any(values.values()):
            continue  # a blank line
        for col in REQUIRED:
            if not values[col]:
                problems.append(Problem.make(ErrorCode.DATA_REQUIRED, file=file, row=n, column=col))
        org_id = values["org_id"]
        if org_id and not _ORG_ID.fullmatch(org_id):
            bad(n, "org_id", org_id, "use letters, digits, '.', '_' or '-' (at most 64)")
        if org_id in seen:
            problems.append(
                Problem.make(
                    ErrorCode.DATA_DUPLICATE_ID,
                    file=file,
                    row=n,
                    column="org_id",
                    value=org_id,
                    detail=seen[org_id],
                )
            )
        elif org_id and org_id in existing_ids:
            bad(n, "org_id", org_id, "this organisation is already in the wave")
        if org_id:
            seen.setdefault(org_id, n)
        if values["sector"] and values["sector"] not in sectors:
            bad(n, "sector", values["sector"], f"not a sector code ({_list(sectors)})")
        if values["cluster"] and values["cluster"] not in clusters:
            bad(n, "cluster", values["cluster"], "not a cluster code")
        if values["size_class"] and values["size_class"] not in size_classes:
            bad(n, "size_class", values["size_class"], f"not a size class ({_list(size_classes)})")
        email = values["contact_email"]
        if email and not _EMAIL.fullmatch(email):
            bad(n, "contact_email", email, "not an e-mail address")
        lang = values["language"].lower() or LANGUAGES[0]
        if lang not in LANGUAGES:
            bad(n, "language", values["language"], f"use {' or '.join(LANGUAGES)}")
        for col, value in values.items():
            if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
                bad(n, col, value, "contains a line break or another control character")
        for col in ("name", "contact_name"):
            if len(values[col]) > 300:
                bad(n, col, values[col][:40] + "...", "longer than 300 characters")
        result.append(FrameRow(**{**values, "language": lang}))
    if not result and not problems:
        problems.append(
            Problem.make(ErrorCode.FRAME_BAD_VALUE, file=file, value="", detail="no organisations")
        )
    raise_if(problems, FrameError, file)
    return result


def _list(values: Collection[str]) -> str:
    return ", ".join(sorted(values))
