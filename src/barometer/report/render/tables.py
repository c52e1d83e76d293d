"""The data tables on the PDF page: column widths set in advance, wide tables in parts.

WeasyPrint's automatic table layout measures every cell twice (its widest word and its
whole text) before it lays the table out; that is a fifth of the PDF's time. This module
measures the cell texts itself with the report's font (Pillow with HarfBuzz shaping, the
shaping WeasyPrint uses), computes the widths the automatic layout would give (as
WeasyPrint implements css-tables-3: max-content widths when they fit, else between
min-content and max-content in proportion, excess width shared in proportion to
max-content) and writes them into the page as ``table-layout: fixed`` with a
``<colgroup>``, in percent of the text width. The tables look as before (widths within a
pixel of WeasyPrint's own); a table split over pages keeps its columns on every page.

A table wider than the page even with every cell wrapped (Figuur 20 has 16 columns) would
run off the paper. It is printed in parts instead, each as wide as the page can take: the
leading columns that name the row (the row header and any text columns after it) are
repeated in every part, and the caption says "deel 1 van 2". Each part is a complete table
with its own header row, so the tagged PDF keeps every header-cell relation.

Before that, each table is shaped for paper (:func:`shape`): a pair of interval columns
("95%-BI ondergrens", "95%-BI bovengrens") becomes one column "95%-BI" with cells
"[1,6; 5,7]", and columns filled in only on the first row of each category (the chi-square
test of Figuur 20 and 21, the zone scores of Figuur 22) move to a second table with one row
per category, captioned "(per categorie)".
The source column of a comparison table may break inside words (``overflow-wrap:
anywhere``), which WeasyPrint's layout takes as licence to make it one letter wide; here it
gets its widest word when the table can fit that.

Tables this module does not understand (spanning cells, another font, nothing to measure)
keep WeasyPrint's automatic layout. The constants repeat ``static/report.css`` (print);
``tests/report/test_render_tables.py`` checks them against WeasyPrint's layout.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from html import unescape

from barometer.report.text import t

__all__ = ["TEXT_WIDTH", "Table", "fix_tables", "parse_table", "shape", "shape_tables"]

TEXT_WIDTH = (210 - 2 * 16) / 25.4 * 96
"""Width of the text on an A4 page with 16 mm side margins (``@page``), CSS px."""
ROOT_PX = 16.0
FONT_SIZE = {"data": 0.88 * ROOT_PX, "benchmarks": 0.8 * ROOT_PX, "compact": 0.75 * ROOT_PX}
"""``table.data``, ``table.benchmarks`` and ``table.data.compact`` font sizes."""
PADDING = {"data": 2 * 0.5 * ROOT_PX, "compact": 2 * 0.25 * ROOT_PX}
"""Left and right padding of a cell (``.2rem .5rem``; compact ``.2rem .25rem``)."""
SLACK = 0.5
"""Pixels added to a column's max-content, so that a text measured a hair short does not
wrap where WeasyPrint would not have wrapped it."""
FONT = "DejaVu Sans"
MEASURE_SIZE = 2048
"""Texts are measured at this size (DejaVu's units per em: no hinting) and scaled."""

Measure = Callable[[str, bool], float]
"""Width in CSS px of a text at 1 px font size, regular (False) or bold (True)."""

_TABLE = re.compile(
    r'<table class="data(?P<bench> benchmarks)?" id="(?P<id>[^"]+)">\s*'
    r"<caption>(?P<caption>.*?)</caption>\s*<thead>(?P<head>.*?)</thead>\s*"
    r"<tbody>(?P<body>.*?)</tbody>\s*</table>",
    re.DOTALL,
)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(th|td)\b([^>]*)>(.*?)</\1>", re.DOTALL)
_NUMBER = re.compile(r"^[<>=≤≥]?\s*[-−+]?[\d.,]+\s*%?$|^[–-]?$|^\[.*;\s.*\]$")
_LOWER = re.compile(r"^(?P<what>.+) (?P<bound>ondergrens|lower)$")
_UPPER = {"ondergrens": "bovengrens", "lower": "upper"}
_BLANK = {"", "–", "-"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Cell:
    tag: str  # "th" or "td"
    attrs: str  # as written, e.g. ' scope="row"'
    html: str  # the escaped content
    text: str  # what it shows, whitespace collapsed

    @property
    def bold(self) -> bool:
        """Column headers are bold (the user-agent style of ``th``; row headers are not)."""
        return self.tag == "th" and 'scope="row"' not in self.attrs

    def markup(self) -> str:
        return f"<{self.tag}{self.attrs}>{self.html}</{self.tag}>"


@dataclass(frozen=True)
class Table:
    """A data table of the report page: header row, body rows, caption, id, class."""

    ident: str
    benchmarks: bool
    caption: str
    head: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    compact: bool = False

    @property
    def size(self) -> float:
        return FONT_SIZE["compact" if self.compact else "benchmarks" if self.benchmarks else "data"]

    @property
    def padding(self) -> float:
        return PADDING["compact" if self.compact else "data"]

    def anywhere(self, column: int, cell: Cell) -> bool:
        """``table.benchmarks td:nth-last-child(-n+2) { overflow-wrap: anywhere }``."""
        return self.benchmarks and cell.tag == "td" and column >= len(self.head) - 2

    def markup(self, columns: list[int], widths: list[float] | None, part: str = "") -> str:
        """The table with only ``columns``, fixed to ``widths`` (px; None: not fixed)."""
        head = "".join(self.head[j].markup() for j in columns)
        body = "".join(
            "<tr>" + "".join(row[j].markup() for j in columns) + "</tr>\n" for row in self.rows
        )
        ident = self.ident if not part else f"{self.ident}--{part}"
        kind = "data" + " benchmarks" * self.benchmarks + " compact" * self.compact
        style = cols = ""
        if widths is not None:
            total = sum(widths)
            style = f' style="table-layout: fixed; width: {100 * total / TEXT_WIDTH:.4f}%"'
            cols = "".join(f'<col style="width: {100 * w / total:.4f}%">' for w in widths)
            cols = f"<colgroup>{cols}</colgroup>"
        return (
            f'<table class="{kind}" id="{ident}"{style}><caption>{self.caption}</caption>{cols}'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>"
        )


def _cells(html: str) -> tuple[Cell, ...]:
    return tuple(
        Cell(tag, attrs, inner, _SPACE.sub(" ", unescape(inner)).strip())
        for tag, attrs, inner in _CELL.findall(html)
    )


def parse_table(match: re.Match[str]) -> Table | None:
    """The table of a ``_TABLE`` match, or None if it has spanning cells or ragged rows."""
    if "span=" in match.group(0):
        return None
    heads = [_cells(r) for r in _ROW.findall(match.group("head"))]
    rows = tuple(_cells(r) for r in _ROW.findall(match.group("body")))
    if len(heads) != 1 or not heads[0] or any(len(r) != len(heads[0]) for r in rows):
        return None
    return Table(match.group("id"), match.group("bench") is not None, match.group("caption"),
                 heads[0], rows)  # fmt: skip


@cache
def _font_files() -> tuple[str, str] | None:
    """The regular and bold files fontconfig picks for the report font (as WeasyPrint does)."""
    files = []
    for style in ("", ":bold"):
        try:
            out = subprocess.run(
                ["fc-match", "--format=%{file}", f"{FONT}{style}"],
                capture_output=True, text=True, timeout=10, check=True,
            ).stdout.strip()  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return None
        files.append(out)
    return (files[0], files[1]) if all(files) else None


@cache
def report_font() -> Measure | None:
    """A measuring function for the report font, or None if it cannot be had."""
    files = _font_files()
    if files is None:
        return None
    try:
        from PIL import ImageFont, features

        engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
        fonts = [ImageFont.truetype(f, MEASURE_SIZE, layout_engine=engine) for f in files]
        if not all(FONT.lower() in str(f.getname()[0]).lower() for f in fonts):
            return None  # fontconfig substituted another font: measure nothing
    except (ImportError, OSError):
        return None

    @cache
    def measure(text: str, bold: bool) -> float:
        return float(fonts[bold].getlength(text)) / MEASURE_SIZE

    return measure


def content_widths(
    table: Table, measure: Measure, *, anywhere: bool = True
) -> tuple[list[float], list[float]]:
    """Each column's min-content and max-content width, cell padding included (px).
    With ``anywhere=False``, cells that may break anywhere count their widest word."""
    n, padding = len(table.head), table.padding
    mins, maxs = [padding] * n, [padding] * n
    for row in (table.head, *table.rows):
        for j, cell in enumerate(row):
            if not cell.text:
                continue
            whole = measure(cell.text, cell.bold) * table.size
            letters = anywhere and table.anywhere(j, cell)
            pieces = cell.text if letters else cell.text.split(" ")
            widest = max(measure(p, cell.bold) for p in pieces) * table.size
            mins[j] = max(mins[j], widest + padding)
            maxs[j] = max(maxs[j], whole + padding + SLACK)
    return mins, maxs


def layout(mins: list[float], maxs: list[float], full_width: bool) -> list[float] | None:
    """Column widths of the automatic layout on the page, or None if they cannot fit."""
    total_min, total_max = sum(mins), sum(maxs)
    if total_min > TEXT_WIDTH:
        return None
    if total_max > TEXT_WIDTH:  # between min-content and max-content, in proportion
        gaps = [max(hi - SLACK - lo, 0.0) for lo, hi in zip(mins, maxs, strict=True)]
        if sum(gaps) <= 0:  # (max-content without the slack: WeasyPrint's own share)
            return list(mins)
        ratio = (TEXT_WIDTH - total_min) / sum(gaps)
        return [lo + gap * ratio for lo, gap in zip(mins, gaps, strict=True)]
    if full_width:  # the excess in proportion to max-content
        return [hi * TEXT_WIDTH / total_max for hi in maxs]
    return list(maxs)


def _keys(table: Table) -> list[int]:
    """The leading columns that name a row: the row header and the text columns after it."""
    keys = [0]
    for j in range(1, len(table.head) - 1):
        if any(_NUMBER.match(row[j].text) for row in table.rows):
            break
        keys.append(j)
    return keys


def _pack(columns: list[int], mins: list[float], room: float) -> list[list[int]]:
    """``columns`` in order, in groups whose min-content widths add up to at most ``room``
    (a column wider than that alone)."""
    groups: list[list[int]] = [[]]
    used = 0.0
    for j in columns:
        if groups[-1] and used + mins[j] > room:
            groups.append([])
            used = 0.0
        groups[-1].append(j)
        used += mins[j]
    return groups


def _parts(table: Table, mins: list[float], maxs: list[float]) -> list[list[int]] | None:
    """Columns of each part: the key columns, then as many others as fit the page."""
    keys = _keys(table)
    base_min = sum(mins[j] for j in keys)
    rest = list(range(len(keys), len(table.head)))
    parts = _pack(rest, mins, TEXT_WIDTH - base_min)
    if len(parts) > 1:  # as many parts, but of even width
        even = sum(mins[j] for j in rest) / len(parts)
        widest = max(mins[j] for j in rest)
        balanced = _pack(rest, mins, min(TEXT_WIDTH - base_min, even + widest / 2))
        parts = balanced if len(balanced) == len(parts) else parts
    if any(base_min + sum(mins[k] for k in part) > TEXT_WIDTH for part in parts):
        return None  # a part would still be too wide: leave the table to WeasyPrint
    return [keys + part for part in parts]


def _blank(cell: Cell) -> bool:
    return cell.text in _BLANK


def _pick(row: tuple[Cell, ...], columns: list[int]) -> tuple[Cell, ...]:
    return tuple(row[j] for j in columns)


def merge_intervals(table: Table) -> Table:
    """Each pair of interval columns ("X ondergrens", "X bovengrens"; English "X lower",
    "X upper") as one column "X" with cells "[low; high]" ("–" when both are empty)."""
    pairs: dict[int, str] = {}
    for j in range(len(table.head) - 1):
        m = _LOWER.match(table.head[j].text)
        if m and table.head[j + 1].text == f"{m['what']} {_UPPER[m['bound']]}":
            html = table.head[j].html.strip()
            pairs[j] = html[: html.rfind(" ")]
    if not pairs:
        return table

    def merged(row: tuple[Cell, ...], header: bool) -> tuple[Cell, ...]:
        out: list[Cell] = []
        for j, cell in enumerate(row):
            if j - 1 in pairs:
                continue  # the upper bound, merged into the cell before
            if j not in pairs:
                out.append(cell)
            elif header:
                out.append(replace(cell, html=pairs[j], text=unescape(pairs[j])))
            elif _blank(cell) and _blank(row[j + 1]):
                out.append(replace(cell, html="–", text="–"))
            else:
                high = row[j + 1]
                out.append(replace(cell, html=f"[{cell.html.strip()};&nbsp;{high.html.strip()}]",
                                   text=f"[{cell.text};\u00a0{high.text}]"))  # fmt: skip
        return tuple(out)

    return replace(table, head=merged(table.head, True),
                   rows=tuple(merged(r, False) for r in table.rows))  # fmt: skip


def per_category_apart(table: Table, lang: str) -> list[Table]:
    """``table``, and apart from it the columns filled in only on the first row of each
    category (a test or score per category, blank on the category's other rows): one row
    per category. Unchanged when no category has a second row or fewer than two such columns."""
    rows = table.rows
    first = [i == 0 or r[0].text != rows[i - 1][0].text for i, r in enumerate(rows)]
    if all(first):
        return [table]
    sparse = [
        j
        for j in range(len(_keys(table)), len(table.head))
        if all(_blank(r[j]) for r, f in zip(rows, first, strict=True) if not f)
        and any(not _blank(r[j]) for r, f in zip(rows, first, strict=True) if f)
    ]
    if len(sparse) < 2:
        return [table]
    keep = [j for j in range(len(table.head)) if j not in sparse]
    once = [0, *sparse]
    return [
        replace(table, head=_pick(table.head, keep), rows=tuple(_pick(r, keep) for r in rows)),
        replace(
            table,
            ident=f"{table.ident}--per-category",
            caption=t(lang, "table_per_category", caption=table.caption),
            head=_pick(table.head, once),
            rows=tuple(
                _pick(r, once)
                for r, f in zip(rows, first, strict=True)
                if f and any(not _blank(r[j]) for j in sparse)
            ),
        ),
    ]


def shape(table: Table, lang: str) -> list[Table]:
    """``table`` as printed: intervals merged, per-category columns apart (module docstring)."""
    return per_category_apart(merge_intervals(table), lang)


def _widths(table: Table, measure: Measure) -> tuple[Table, list[float]] | None:
    """The table (compact if need be) and its column widths, or None if it cannot fit."""
    for anywhere in (False, True) if table.benchmarks else (True,):
        for compact in (False, True):
            sized = replace(table, compact=compact)
            mins, maxs = content_widths(sized, measure, anywhere=anywhere)
            widths = layout(mins, maxs, table.benchmarks)
            if widths is not None:
                return sized, widths
    return None


def _print_one(table: Table, measure: Measure, lang: str) -> str:
    fitted = _widths(table, measure)
    if fitted is not None:
        sized, widths = fitted
        return sized.markup(list(range(len(table.head))), widths)
    compact = replace(table, compact=True)  # smaller type and padding, in parts
    mins, maxs = content_widths(compact, measure)
    parts = _parts(compact, mins, maxs)
    if parts is None:
        return _plain(table)  # a part would still be too wide: left to WeasyPrint
    out = []
    for i, columns in enumerate(parts, start=1):
        part_widths = layout([mins[j] for j in columns], [maxs[j] for j in columns], False)
        assert part_widths is not None  # _parts checked the min-content widths
        caption = t(lang, "table_part", caption=table.caption, i=i, n=len(parts))
        part = replace(compact, caption=caption)
        out.append(part.markup(columns, part_widths, "" if i == 1 else str(i)))
    return "\n".join(out)


def _each_table(html: str, lang: str, render: Callable[[Table], str]) -> str:
    """``html`` with each data table it understands shaped and printed by ``render``."""

    def one(match: re.Match[str]) -> str:
        table = parse_table(match)
        if table is None or not table.rows:
            return match.group(0)
        return "\n".join(render(shaped) for shaped in shape(table, lang))

    return _TABLE.sub(one, html)


def _plain(table: Table) -> str:
    """The table's markup without set widths (WeasyPrint's automatic layout)."""
    return table.markup(list(range(len(table.head))), None)


def shape_tables(html: str, lang: str) -> str:
    """The page with its data tables shaped (:func:`shape`) but not fixed in width: what
    WeasyPrint's automatic layout would print (the tests compare the widths with it)."""
    return _each_table(html, lang, _plain)


def fix_tables(html: str, lang: str, measure: Measure | None = None) -> str:
    """The report page with its data tables shaped for paper and fixed in width, or split
    into parts (see the module docstring). ``measure`` defaults to the report font; if that
    cannot be had, the page is returned as it is."""
    measure = measure or report_font()
    if measure is None:
        return html
    return _each_table(html, lang, lambda table: _print_one(table, measure, lang))
