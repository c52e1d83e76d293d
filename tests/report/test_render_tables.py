"""Tables on the PDF page: the widths set in advance are WeasyPrint's own, and a table too
wide for the page is printed in parts that fit, with every cell and header kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from barometer.report import Report, render_html
from barometer.report.render_tables import (
    TEXT_WIDTH,
    fix_tables,
    report_font,
)

weasyprint = pytest.importorskip("weasyprint")
boxes = pytest.importorskip("weasyprint.formatting_structure.boxes")

needs_font = pytest.mark.skipif(report_font() is None, reason="DejaVu Sans not installed")


def table_boxes(html: str) -> dict[str, Any]:
    """Table id -> first laid-out table box (WeasyPrint's layout of the page)."""
    doc = weasyprint.HTML(string=html).render()
    found: dict[str, Any] = {}

    def walk(box: Any) -> Iterator[Any]:
        yield box
        for child in getattr(box, "children", []):
            yield from walk(child)

    for page in doc.pages:
        for box in walk(page._page_box):
            if isinstance(box, boxes.TableBox) and box.element.get("id") not in found:
                found[box.element.get("id")] = box
    return found


def page(body: str) -> str:
    """A report-like page with the report's stylesheet around ``body``."""
    from barometer.report.templating import css

    return f'<!DOCTYPE html><html lang="nl"><head><style>{css()}</style></head><body><main>{body}</main></body></html>'


def table(ident: str, head: list[str], rows: list[list[str]], kind: str = "data") -> str:
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f'<th scope="row">{c}</th>' if i == 0 else f"<td>{c}</td>"
                         for i, c in enumerate(r)) + "</tr>\n"
        for r in rows
    )  # fmt: skip
    return (f'<div class="table-wrap">\n<table class="{kind}" id="{ident}">\n<caption>Tabel {ident}'
            f"</caption>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>")  # fmt: skip


@needs_font
def test_the_text_width_is_the_page_s() -> None:
    html = page('<div id="probe" style="height: 1px"></div>' + table("t", ["a"], [["b"]]))
    doc = weasyprint.HTML(string=html).render()
    body = doc.pages[0]._page_box.children[0].children[0]  # html > body
    assert body.width == pytest.approx(TEXT_WIDTH, abs=0.01)


@needs_font
def test_widths_are_those_of_the_automatic_layout(hand_report: Report) -> None:
    html = render_html(hand_report, pdf=True)
    fixed = fix_tables(html, "nl")
    assert fixed.count("table-layout: fixed") == html.count('<table class="data')
    auto, mine = table_boxes(html), table_boxes(fixed)
    assert auto.keys() == mine.keys() and len(auto) >= 19
    for ident, box in auto.items():
        if sum(box.column_widths) > TEXT_WIDTH:  # ran off the page: compact now, not equal
            continue
        assert mine[ident].column_widths == pytest.approx(box.column_widths, abs=1.5), ident


@needs_font
def test_a_table_too_wide_for_the_page_is_printed_in_parts() -> None:
    head = ["Categorie", "Reeks"] + [f"Kolom met een lange kop {i}" for i in range(14)]
    rows = [
        [f"Rij {r} met een label", "Krachtig"] + [f"{r},{i}" for i in range(14)] for r in range(6)
    ]
    html = page(table("wide", head, rows))
    fixed = fix_tables(html, "nl")
    captions = re.findall(r"<caption>(.*?)</caption>", fixed)
    n = len(captions)
    assert n >= 2 and captions == [f"Tabel wide (deel {i} van {n})" for i in range(1, n + 1)]
    ids = re.findall(r'<table class="data compact" id="([^"]+)"', fixed)
    assert ids == ["wide"] + [f"wide--{i}" for i in range(2, n + 1)]
    heads = [re.findall(r'<th scope="col">(.*?)</th>', t) for t in fixed.split("<table")[1:]]
    assert all(h[:2] == ["Categorie", "Reeks"] for h in heads)  # the row names in every part
    assert sorted(c for h in heads for c in h[2:]) == sorted(head[2:])  # every column once
    for r in range(6):  # every cell is printed
        assert fixed.count(f"<td>{r},13</td>") == 1 and fixed.count(f"Rij {r} met een label") == n
    laid = table_boxes(fixed)
    assert len(laid) == n
    assert all(sum(b.column_widths) <= TEXT_WIDTH + 0.01 for b in laid.values())
    auto = table_boxes(html)["wide"]
    assert sum(auto.column_widths) > TEXT_WIDTH  # as it was: off the page


@needs_font
def test_a_slightly_wide_table_is_made_compact() -> None:
    head = [
        "Variabele",
        "B",
        "SE",
        "Wald",
        "df",
        "p",
        "Exp(B)",
        "95%-BI ondergrens",
        "95%-BI bovengrens",
    ]
    rows = [
        [
            "Innovatiespectrum (aantal typen)",
            "0,123",
            "0,045",
            "7,47",
            "1",
            "0,006",
            "1,131",
            "1,035",
            "1,236",
        ]
    ]
    html = page(table("m", head, rows))
    assert sum(table_boxes(html)["m"].column_widths) > TEXT_WIDTH
    fixed = fix_tables(html, "nl")
    assert '<table class="data compact" id="m"' in fixed and fixed.count("<table") == 1
    assert sum(table_boxes(fixed)["m"].column_widths) <= TEXT_WIDTH + 0.01


def test_tables_it_does_not_understand_are_left_alone() -> None:
    spanning = page(
        table("s", ["a", "b"], [["x", "y"]]).replace("<td>", '<td colspan="1" rowspan="2">')
    )
    assert fix_tables(spanning, "nl", measure=lambda text, bold: 0.5) == spanning
    ragged = page(table("r", ["a", "b"], [["x", "y"]]).replace("<td>y</td>", ""))
    assert fix_tables(ragged, "nl", measure=lambda text, bold: 0.5) == ragged


def test_without_the_font_the_page_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    from barometer.report import render_tables

    monkeypatch.setattr(render_tables, "report_font", lambda: None)
    html = page(table("t", ["a", "b"], [["x", "1"]]))
    assert fix_tables(html, "nl") == html


def test_english_parts() -> None:
    head = ["Category"] + [f"column {i}" for i in range(20)]
    html = page(table("w", head, [["row"] + ["1"] * 20]))
    fixed = fix_tables(html, "en", measure=lambda text, bold: 0.6 * len(text))
    assert "(part 1 of " in fixed and "deel" not in fixed
