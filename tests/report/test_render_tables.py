"""Tables on the PDF page: the widths set in advance are WeasyPrint's own, a table too wide
for the page is printed in parts that fit, with every cell and header kept, intervals are
one column and columns given once per category a table of their own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from barometer.report import Report, render_html
from barometer.report.render.tables import (
    TEXT_WIDTH,
    fix_tables,
    report_font,
    shape_tables,
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
    from barometer.report.render.templating import css

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
    page_html = render_html(hand_report, pdf=True)
    html = shape_tables(page_html, "nl")  # intervals merged, tests apart; widths not set
    fixed = fix_tables(page_html, "nl")
    assert "table-layout: fixed" not in html
    assert fixed.count("table-layout: fixed") == html.count('<table class="data')
    auto, mine = table_boxes(html), table_boxes(fixed)
    assert auto.keys() == mine.keys() and len(auto) >= 19
    for ident, box in auto.items():
        if sum(box.column_widths) > TEXT_WIDTH:  # ran off the page: compact now, not equal
            continue
        if ident.endswith("-benchmarks"):  # sources keep whole words (a test below)
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
        "Ondergrens van het 95%-BI",
        "Bovengrens van het 95%-BI",
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
    from barometer.report.render import tables as render_tables

    monkeypatch.setattr(render_tables, "report_font", lambda: None)
    html = page(table("t", ["a", "b"], [["x", "1"]]))
    assert fix_tables(html, "nl") == html


def test_english_parts() -> None:
    head = ["Category"] + [f"column {i}" for i in range(20)]
    html = page(table("w", head, [["row"] + ["1"] * 20]))
    fixed = fix_tables(html, "en", measure=lambda text, bold: 0.6 * len(text))
    assert "(part 1 of " in fixed and "deel" not in fixed


@needs_font
def test_interval_columns_print_as_one() -> None:
    head = ["Categorie", "Aantal", "%", "95%-BI ondergrens", "95%-BI bovengrens",
            "Verschil 95%-BI ondergrens", "Verschil 95%-BI bovengrens", "p"]  # fmt: skip
    rows = [["Medewerkers", "153", "48,2", "42,6", "53,8", "−3,5", "12,0", "0,301"],
            ["Managers", "98", "30,3", "–", "–", "–", "–", "–"]]  # fmt: skip
    fixed = fix_tables(page(table("ci", head, rows)), "nl")
    heads = re.findall(r'<th scope="col">(.*?)</th>', fixed)
    assert heads == ["Categorie", "Aantal", "%", "95%-BI", "Verschil 95%-BI", "p"]
    assert "<td>[42,6;&nbsp;53,8]</td><td>[−3,5;&nbsp;12,0]</td><td>0,301</td>" in fixed
    assert "<td>30,3</td><td>–</td><td>–</td><td>–</td>" in fixed
    english = ["Category", "95% CI lower", "95% CI upper", "Gap 95% CI lower", "upper"]
    fixed_en = fix_tables(page(table("en", english, [["a", "1.0", "2.0", "3.0", "4.0"]])), "en")
    heads_en = re.findall(r'<th scope="col">(.*?)</th>', fixed_en)
    assert heads_en == ["Category", "95% CI", "Gap 95% CI lower", "upper"]  # not a pair
    assert "<td>[1.0;&nbsp;2.0]</td><td>3.0</td><td>4.0</td>" in fixed_en


@needs_font
def test_columns_given_once_per_category_print_as_their_own_table() -> None:
    head = ["Categorie", "Reeks", "%", "Verschil (pp)", "χ²", "df", "p (χ²)"]
    rows = []
    for cat, chi in (("Fouten", "42,37"), ("Burgers", "–"), ("Leiding", "9,10")):
        for i, series in enumerate(("Krachtig", "Gemiddeld", "Beperkt")):
            tests = [f"1{i},5", chi, "2", "0,011"] if i == 0 else ["–"] * 4
            if cat == "Burgers":
                tests = ["–"] * 4  # no test for this category: no row in the tests table
            rows.append([cat, series, f"{40 + i},0", *tests])
    fixed = fix_tables(page(table("f20", head, rows)), "nl")
    captions = re.findall(r"<caption>(.*?)</caption>", fixed)
    assert captions == ["Tabel f20", "Tabel f20 (per categorie)"]
    ids = re.findall(r'<table class="data[^"]*" id="([^"]+)"', fixed)
    assert ids == ["f20", "f20--per-category"]
    main, tests = fixed.split("<table")[1:]
    assert re.findall(r'<th scope="col">(.*?)</th>', main) == ["Categorie", "Reeks", "%"]
    assert main.count("<tr>") == 1 + 9 and "42,37" not in main
    assert re.findall(r'<th scope="col">(.*?)</th>', tests) == ["Categorie", *head[3:]]
    assert re.findall(r'<th scope="row">(.*?)</th>', tests) == ["Fouten", "Leiding"]
    assert "<td>10,5</td><td>42,37</td><td>2</td><td>0,011</td>" in tests
    assert "<td>10,5</td><td>9,10</td>" in tests
    one_row_each = [[c, "1,0", "2,0"] for c in ("a", "b")]  # nothing to move
    plain = fix_tables(page(table("t", ["Categorie", "χ²", "p"], one_row_each)), "nl")
    assert plain.count("<table") == 1


@needs_font
def test_a_source_column_keeps_whole_words() -> None:
    head = ["Categorie", "Land en periode", "%", "NL %", "NL n", "n (studie)", "p (toets)",
            "Bron", "Opmerking"]  # fmt: skip
    source = "co-pi.dk innovationsbarometeret pages (wave 4)"
    rows = [["Samenwerking met andere publieke organisaties", "Denemarken 2021-2023", "34",
             "48,2", "313", "–", "geen toets (n onbekend)", source, "–"]]  # fmt: skip
    html = page(table("b", head, rows, kind="data benchmarks"))
    assert "innovationsbarometeret" not in line_texts(html)  # WeasyPrint's own layout
    assert "innovationsbarometeret" in line_texts(fix_tables(html, "nl"))


def line_texts(html: str) -> list[str]:
    """The words of each laid-out line of the page (a word broken over lines is two)."""
    doc = weasyprint.HTML(string=html).render()
    found: list[str] = []

    def walk(box: Any) -> None:
        if isinstance(box, boxes.TextBox):
            found.extend(box.text.split())
        for child in getattr(box, "children", []):
            walk(child)

    for page_ in doc.pages:
        walk(page_._page_box)
    return found
