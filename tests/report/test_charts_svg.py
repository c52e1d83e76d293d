"""The lean print copy of a chart SVG: the same marks, labels and colours, fewer elements."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from barometer.report import Report
from barometer.report.charts.svg import data_url, print_svg
from barometer.report.render.tables import report_font

NS = "{http://www.w3.org/2000/svg}"

VEGA_LIKE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 width="200" height="100" viewBox="0 0 200 100" role="img" aria-labelledby="c-title c-desc">
<title id="c-title">Figuur 9</title><desc id="c-desc">Staafdiagram &amp; tekst</desc>
<rect width="200" height="100" fill="white"/>
<g fill="none" stroke-miterlimit="10" transform="translate(10,5)">
 <g class="mark-group role-axis" aria-hidden="true"><g transform="translate(0.5,80.5)">
  <path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>
  <g><g class="mark-rule role-axis-grid" pointer-events="none">
   <line transform="translate(0,0)" x2="0" y2="-80" stroke="#ddd" stroke-width="1" opacity="1"/>
   <line transform="translate(38,0)" x2="0" y2="-80" stroke="#ddd" stroke-width="1" opacity="1"/>
   <line transform="translate(76.5,0)" x2="0" y2="-80" stroke="#ddd" stroke-width="1" opacity="1"/>
  </g></g>
  <path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"/>
 </g></g>
 <g transform="translate(0,0)">
  <path role="graphics-symbol" aria-label="%: 30" d="M0,10h114v15h-114Z" fill="#0072B2"/>
  <line transform="translate(5,2)" x2="3" y2="0" stroke="#222" opacity="0.5"/>
  <line transform="translate(9,2)" x2="3" y2="0" stroke="#222" opacity="0.5"/>
  <text text-anchor="end" transform="translate(-2,20)" font-family="DejaVu Sans, Verdana"
   font-size="11px" fill="#000">1 type</text>
  <text transform="translate(118,20)" font-family="DejaVu Sans" font-size="11px"
   fill="#000">30% &lt;</text>
 </g>
</g></svg>"""


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{NS}text")]


def test_the_lean_copy_keeps_what_is_seen_and_drops_what_is_not() -> None:
    slim = print_svg(VEGA_LIKE)
    root = ET.fromstring(slim)
    assert root.tag == f"{NS}svg"
    assert (root.get("width"), root.get("viewBox")) == ("200", "0 0 200 100")
    assert root.find(f"{NS}title").text == "Figuur 9"  # type: ignore[union-attr]
    assert root.find(f"{NS}desc").text == "Staafdiagram & tekst"  # type: ignore[union-attr]
    assert texts(root) == ["1 type", "30% <"]
    bars = [p for p in root.iter(f"{NS}path") if p.get("fill") == "#0072B2"]
    assert [b.get("d") for b in bars] == ["M0,10h114v15h-114Z"]
    # the invisible background and hidden foreground are gone
    assert not [p for p in root.iter(f"{NS}path") if p.get("d") in ("", "M0,0h0v0h0Z")]
    # the three grid lines are one path with their three segments, positions applied
    grid = [p for p in root.iter(f"{NS}path") if p.get("stroke") == "#ddd"]
    assert len(grid) == 1 and grid[0].get("fill") == "none"
    assert grid[0].get("d") == "M0,0L0,-80M38,0L38,-80M76.5,0L76.5,-80"
    # half-transparent lines are not merged (their overlap would blend differently)
    assert len(root.findall(f".//{NS}line")) == 2
    # no ARIA or class attributes, no empty wrappers
    attrs = {k for el in root.iter() for k in el.attrib}
    assert not {a for a in attrs if a.startswith("aria-") or a in ("class", "role")}
    assert all(el.attrib for el in root.iter(f"{NS}g"))
    assert len(list(root.iter())) < len(list(ET.fromstring(VEGA_LIKE).iter()))


def test_transforms_that_are_not_translations_are_kept() -> None:
    svg = VEGA_LIKE.replace('transform="translate(38,0)"', 'transform="rotate(90)"')
    root = ET.fromstring(print_svg(svg))
    lines = root.findall(f".//{NS}line")
    assert any(line.get("transform") == "rotate(90)" for line in lines)


def test_unknown_namespaces_leave_the_svg_alone() -> None:
    svg = VEGA_LIKE.replace("<svg ", '<svg xmlns:v="urn:x" v:data="1" ', 1)
    assert print_svg(svg) == svg


def test_not_an_svg() -> None:
    with pytest.raises(ValueError):
        print_svg("<html/>")


def test_data_url_round_trip() -> None:
    url = data_url("<svg>é</svg>")
    assert url.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(url.split(",", 1)[1]).decode("utf-8") == "<svg>é</svg>"


def test_every_chart_of_the_report_keeps_its_labels(hand_report: Report) -> None:
    charts = [f.chart for f in hand_report.figures() if f.chart is not None]
    assert len(charts) >= 15
    for chart in charts:
        before, after = ET.fromstring(chart.svg), ET.fromstring(print_svg(chart.svg))
        assert texts(after) == texts(before)
        painted = [el for el in after.iter() if el.tag in (f"{NS}path", f"{NS}rect")]
        fills = {el.get("fill") for el in painted} - {None, "none"}
        assert fills == {el.get("fill") for el in before.iter() if el.tag in (
            f"{NS}path", f"{NS}rect")} - {None, "none"}  # fmt: skip
        assert len(list(after.iter())) < len(list(before.iter()))
        assert not re.search(r"<\s*script", print_svg(chart.svg), re.IGNORECASE)


def test_anchored_texts_start_where_they_began() -> None:
    slim = print_svg(VEGA_LIKE, measure=lambda text, bold: 0.5)
    root = ET.fromstring(slim)
    label, value = list(root.iter(f"{NS}text"))
    assert label.get("text-anchor") is None and label.get("x") == "-33"  # 6 letters x 5.5 px
    assert value.get("x") is None  # it was anchored at its start already
    other = VEGA_LIKE.replace('font-family="DejaVu Sans, Verdana"', 'font-family="Arial"')
    assert (
        ET.fromstring(print_svg(other, measure=lambda t, b: 0.5)).find(
            f".//{NS}text[@text-anchor='end']"
        )
        is not None
    )  # another font: WeasyPrint measures it


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_weasyprint_puts_the_shifted_texts_where_it_put_the_anchored_ones(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    measure = report_font()
    if measure is None:
        pytest.skip("DejaVu Sans not installed")
    svg = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80">
    <text text-anchor="end" transform="translate(300,20)" font-family="DejaVu Sans, Arial"
     font-size="11px" fill="#000">Geïnspireerd op oplossingen elders (84%)</text>
    <text text-anchor="middle" transform="translate(200,50)" font-family="DejaVu Sans"
     font-size="10px" font-weight="bold" fill="#000">Weet niet – 1 type</text></svg>"""
    positions = []
    for variant in (svg, print_svg(svg, measure)):
        pdf = tmp_path / f"{len(positions)}.pdf"
        weasyprint.HTML(string=f'<img alt="x" src="{data_url(variant)}">').write_pdf(pdf)
        out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        positions.append(re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', out))
    assert 'text-anchor="end"' not in print_svg(svg, measure)
    assert len(positions[0]) == len(positions[1]) >= 8
    for before, after in zip(*positions, strict=True):
        assert [float(v) for v in after] == pytest.approx([float(v) for v in before], abs=0.05)
