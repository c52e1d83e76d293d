"""Read what an output folder publishes: tables from CSV and HTML, text from HTML and PDF.

Only the published files are read; nothing here imports the code that wrote them. Numbers
are read as a reader sees them, in Dutch (``1.234,5``) or English (``1,234.5``) notation.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["HtmlPage", "Quote", "Table", "parse_number", "read_csv_table", "read_html", "read_pdf"]


@dataclass
class Table:
    """One published table: where it is, its column names and its rows of cells (text)."""

    file: str
    name: str
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Quote:
    """A quotation marked in the HTML (an element with ``data-quote-id``)."""

    file: str
    quote_id: str
    text: str


@dataclass
class HtmlPage:
    file: str
    tables: list[Table] = field(default_factory=list)
    text: str = ""
    quotes: list[Quote] = field(default_factory=list)


_NL = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
_EN = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$")


def parse_number(cell: str) -> float | None:
    """A published number as a float, or None if the cell is not a number.

    >>> parse_number("1.234,5"), parse_number("93,6"), parse_number("12.5"), parse_number("–")
    (1234.5, 93.6, 12.5, None)
    """
    s = cell.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").rstrip("%")
    s = s.replace("\u2212", "-")
    if not s:
        return None
    if _PLAIN.match(s):
        return float(s.replace(",", "."))
    if _NL.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _EN.match(s):
        return float(s.replace(",", ""))
    return None


def read_csv_table(path: Path, root: Path) -> Table:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    return Table(str(path.relative_to(root)), path.stem, header, body)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, str, list[str], list[list[str]]]] = []
        self.text: list[str] = []
        self.quotes: list[tuple[str, str]] = []
        self._skip = 0
        self._table: list[object] | None = None  # [id, caption, header, rows]
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self._caption: list[str] | None = None
        self._quote: tuple[str, list[str]] | None = None
        self._quote_tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self._table = [a.get("id") or "", "", [], []]
        elif tag == "caption" and self._table is not None:
            self._caption = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif a.get("data-quote-id"):
            self._quote = (a.get("data-quote-id") or "", [])
            self._quote_tag = tag
        elif tag in ("p", "br", "li", "div", "h1", "h2", "h3", "h4", "tr", "td", "th"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "caption" and self._table is not None and self._caption is not None:
            self._table[1] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            target = self._table[2] if self._in_head else self._table[3]
            if self._in_head:
                target[:] = self._row  # type: ignore[index]
            else:
                target.append(self._row)  # type: ignore[attr-defined]
            self._row = None
        elif tag == "table" and self._table is not None:
            tid, cap, head, body = self._table
            self.tables.append((str(tid), str(cap), list(head), list(body)))  # type: ignore[call-overload]
            self._table = None
        elif self._quote is not None and tag == self._quote_tag:
            self.quotes.append((self._quote[0], " ".join("".join(self._quote[1]).split())))
            self._quote = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for buf in (self._cell, self._caption, self._quote[1] if self._quote else None):
            if buf is not None:
                buf.append(data)


def read_html(path: Path, root: Path) -> HtmlPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    rel = str(path.relative_to(root))
    page = HtmlPage(rel, text="".join(parser.text))
    for i, (tid, cap, head, body) in enumerate(parser.tables, start=1):
        page.tables.append(Table(rel, tid or f"table {i}", head, body, cap))
    page.quotes = [Quote(rel, qid, text) for qid, text in parser.quotes]
    return page


def read_pdf(path: Path) -> str | None:
    """The PDF's text (``pdftotext``), or None when poppler's pdftotext is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run(
        [exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False, timeout=300
    )
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")
