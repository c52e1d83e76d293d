"""Every CSV barometer writes goes through here: cells a spreadsheet would run as a formula
are neutralised, as OWASP's "CSV Injection" page describes.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or the
full-width ``＝ ＋ － ＠``, which some spreadsheets read as the same) gets a single quote in
front: ``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``. Numbers are never touched: a
number column's ``-8`` (a missing code) is written as a number, and a text cell that is
a plain number (``-8``, ``+31``, ``-0.5``) is left alone too, since a spreadsheet reads it
as that number and runs nothing.

The rule is reversible, so our own readers give back exactly the text that was written
(:func:`restore`): a text that already begins with quotes followed by one of those
characters gets one quote more, and reading removes one quote from any cell that begins
with quotes followed by one of those characters. A round trip through CSV therefore
changes no answer. Tools other than ours see the quote; analysts who want the raw text
use ``--raw-csv`` or the .parquet, .sav or .xlsx (docs/data-files.md).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DELIMITERS",
    "TRIGGERS",
    "UndecodableError",
    "decode",
    "delimiter",
    "neutralise",
    "restore",
    "safe_frame",
    "to_csv",
    "write_rows",
]

#: First characters that make a spreadsheet evaluate a cell.
TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def _starts_with_trigger(text: str) -> bool:
    return bool(text) and text[0] in TRIGGERS


def neutralise(text: str) -> str:
    """``text`` as it is safe to write into a CSV cell (see the module docstring)."""
    if not text:
        return text
    if text[0] == "'":
        return "'" + text if _starts_with_trigger(text.lstrip("'")) else text
    if text[0] in TRIGGERS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given, from what it wrote."""
    if text.startswith("'") and _starts_with_trigger(text.lstrip("'")):
        return text[1:]
    return text


def _cell(value: Any) -> Any:
    return neutralise(value) if isinstance(value, str) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are neutralised (numbers as
    they are)."""
    out = frame.rename(columns=lambda c: _cell(c) if isinstance(c, str) else c)
    for pos in range(out.shape[1]):
        column = out.iloc[:, pos]
        if column.dtype.kind in "biufcmM":
            continue
        out.isetitem(pos, column.map(_cell).tolist())
    return out


def to_csv(frame: pd.DataFrame, path: Any = None, **options: Any) -> str | None:
    """``frame.to_csv`` (no index, ``\\n`` line ends, unless told) with cells neutralised."""
    options = {"index": False, "lineterminator": "\n", **options}
    return safe_frame(frame).to_csv(path, **options)


def write_rows(fh: IO[str], rows: Iterable[Iterable[Any]], **options: Any) -> None:
    """``csv.writer(fh).writerows(rows)`` with text cells neutralised."""
    writer = csv.writer(fh, **{"lineterminator": "\n", **options})
    for row in rows:
        writer.writerow([_cell(v) for v in row])


# --------------------------------------------------------------------------- reading
#: Separators a CSV may use; the header row's most frequent one is taken.
DELIMITERS = (",", ";", "\t")


class UndecodableError(ValueError):
    """A CSV whose encoding cannot be told; the message names the row (lines from 1)."""

    def __init__(self, row: int, detail: str) -> None:
        self.row = row
        self.detail = (
            f"{detail}; save the file again as 'CSV UTF-8' (in Excel: "
            "CSV UTF-8 (door komma's gescheiden))"
        )
        super().__init__(f"row {row}: {self.detail}")


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _row(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 (with or without a byte-order
    mark), UTF-16 with a byte-order mark, else Windows-1252 (what Dutch Excel's "CSV
    (puntkomma gescheiden)" writes).

    Raises :class:`UndecodableError` naming a row where the bytes are no text in any of
    these, or where the file is ambiguous: it is not UTF-8 as a whole, yet holds UTF-8
    characters (a file pasted together from two sources; read as Windows-1252, its ``é``
    would silently become ``Ã©``).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        utf8 = _UTF8_SEQUENCE.search(data)
        if utf8 is not None:
            raise UndecodableError(
                _row(data, utf8.start()),
                f"this row has UTF-8 text, but row {_row(data, first_bad)} has byte "
                f"0x{data[first_bad]:02X}, which is not UTF-8: the encoding is ambiguous",
            )
        encodings = ["cp1252"]
    try:
        return data.decode(encodings[0]), encodings[0]
    except UnicodeDecodeError as exc:
        raise UndecodableError(
            _row(data, exc.start),
            f"byte 0x{data[exc.start]:02X} is not {'Windows-1252' if encodings[0] == 'cp1252' else encodings[0].upper()} text",
        ) from None


def delimiter(text: str) -> str:
    """The separator of the header row (the first line): ``,``, ``;`` or tab."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=lambda d: (header.count(d), d == ","))
