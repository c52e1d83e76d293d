"""The demo report's charts read at their size (issue 12): no label cut off or running out
of its chart, text at least 4.5:1 against whatever it is drawn on, the language's decimal
mark on the axes, one colour per series, widths that use the page, and charts that keep
their size on a phone (measured in Chromium)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from barometer.report import Report, build_report, write_report
from barometer.report.charts.draw import chart_frame
from barometer.report.charts.layout import contrast, ink, wrap, wrap_labels
from barometer.report.render.tables import TEXT_WIDTH

pytestmark = [pytest.mark.slow]
SVG = "{http://www.w3.org/2000/svg}"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module", params=["nl", "en"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Report, Path]:
    """The report of the synthetic demo wave (weighted to its frame) and its folder."""
    wave_mod = pytest.importorskip("barometer.dataset.synthetic.wave")
    wave = wave_mod.make_wave(seed=2021)
    report = build_report(wave.dataset, frame=wave.frame, lang=request.param)
    out = tmp_path_factory.mktemp(f"demo-{request.param}")
    write_report(report, out)
    return report, out


def _texts(svg: str) -> list[str]:
    """Each text of ``svg``; the lines of a wrapped label joined by a space."""
    root = ET.fromstring(svg)
    return [" ".join(s for s in t.itertext() if s.strip()) for t in root.iter(f"{SVG}text")]


def test_no_chart_label_is_cut_off(demo: tuple[Report, Path]) -> None:
    report, out = demo
    svgs = sorted((out / "figures").glob("*.svg"))
    charted = [f for f in report.figures() if f.chart is not None]
    images = [i for f in report.figures() for i in f.images]
    assert len(charted) > 20 and images and len(svgs) == len(charted) + len(images)
    for path in svgs:
        texts = _texts(path.read_text("utf-8"))
        assert texts, path.name
        assert not [t for t in texts if "…" in t or "..." in t], path.name
    fig15 = report.figure("fig15_climate_statements")
    assert fig15.chart is not None
    drawn = " ".join(" ".join(_texts(fig15.chart.svg)).split())
    for statement in fig15.data.table["category"]:  # type: ignore[index]
        assert " ".join(str(statement).split()) in drawn  # every statement whole


def test_axis_numbers_use_the_language_decimal_mark(demo: tuple[Report, Path]) -> None:
    report, out = demo
    numbers = [t for p in (out / "figures").glob("*.svg") for t in _texts(p.read_text("utf-8"))
               if re.fullmatch(r"-?\d+[.,]\d+", t)]  # fmt: skip
    assert len(numbers) > 10  # the box plots' and the scree plot's axes
    mark, other = (",", ".") if report.lang == "nl" else (".", ",")
    assert all(mark in n and other not in n for n in numbers), numbers


def test_one_colour_per_series(demo: tuple[Report, Path]) -> None:
    report, _ = demo
    for fig in report.figures():
        if fig.spec.chart != "bar" or fig.chart is None:
            continue
        root = ET.fromstring(fig.chart.svg)
        fills = {
            p.get("fill")
            for g in root.iter(f"{SVG}g")
            if "mark-rect" in (g.get("class") or "")
            for p in g.iter(f"{SVG}path")
        }
        _, domain, _ = chart_frame(fig.data)
        series = 1 if fig.spec.params.get("focus") is not None else len(domain)
        assert len(fills) == series, (fig.number, fills)
    fig1 = report.figure("fig01_innovated_share")
    assert fig1.chart is not None and fig1.data.benchmarks is not None
    assert len(_texts(fig1.chart.svg)) > 6  # the countries are still there, in one colour


def test_charts_use_the_width_of_the_page(demo: tuple[Report, Path]) -> None:
    report, _ = demo
    for fig in report.figures():
        if fig.chart is None:
            continue
        width = float(ET.fromstring(fig.chart.svg).get("width") or 0)
        assert 0.85 * TEXT_WIDTH <= width <= TEXT_WIDTH, (fig.number, width)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


MEASURE = """
() => {
  const style = document.createElement('style');
  style.textContent = '.chart svg * { pointer-events: auto !important; }';
  document.head.appendChild(style);
  const out = [];
  document.querySelectorAll('.chart svg').forEach((svg, i) => {
    svg.scrollIntoView();
    svg.querySelectorAll('text').forEach(t => {
      const text = t.textContent.trim();
      if (!text) return;
      // on a phone the chart scrolls sideways: bring the text into view to see what is under it
      t.scrollIntoView({block: 'center', inline: 'center'});
      const box = svg.getBoundingClientRect();
      const r = t.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const under = document.elementsFromPoint(x, y).filter(
        e => svg.contains(e) && e !== svg && e.tagName !== 'text' && e.tagName !== 'tspan'
          && e.tagName !== 'g' && getComputedStyle(e).fill !== 'none'
          && parseFloat(getComputedStyle(e).fillOpacity) > 0);
      out.push({chart: svg.querySelector('title').textContent, text,
                cloud: !svg.classList.contains('marks'),
                x0: r.left - box.left, x1: r.right - box.left,
                y0: r.top - box.top, y1: r.bottom - box.top, index: i,
                left: r.left - box.left, right: box.right - r.right,
                top: r.top - box.top, bottom: box.bottom - r.bottom,
                height: r.height, size: parseFloat(getComputedStyle(t).fontSize),
                scale: box.width / svg.width.baseVal.value,
                colour: getComputedStyle(t).fill,
                under: under.length ? getComputedStyle(under[0]).fill : 'rgb(255, 255, 255)'});
    });
  });
  return out;
}
"""


def _hex(rgb: str) -> str:
    parts = [int(float(v)) for v in re.findall(r"[\d.]+", rgb)[:3]]
    return "#" + "".join(f"{v:02x}" for v in parts)


@pytest.mark.external
@pytest.mark.parametrize("width", [1280, 375])
def test_chart_text_stays_inside_is_legible_and_contrasts(
    demo: tuple[Report, Path], browser: Any, width: int
) -> None:
    _, out = demo
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto((out / "index.html").as_uri())
    texts = page.evaluate(MEASURE)
    page.close()
    assert len(texts) > 500
    # a chart's text box (advance width, ascent to descent) lies inside its SVG; a word
    # cloud is laid out by the glyphs' ink, so only its advance width is checked, allowing
    # the side bearing of the monospace font (0.05 em)
    outside = [t for t in texts if not t["cloud"]
               and min(t["left"], t["right"], t["top"], t["bottom"]) < -0.5]  # fmt: skip
    outside += [t for t in texts if t["cloud"]
                and min(t["left"], t["right"]) < -0.05 * t["size"]]  # fmt: skip
    assert not outside, [
        (t["chart"][:20], t["text"], {k: round(t[k]) for k in ("left", "right", "top", "bottom")})
        for t in outside[:8]
    ]
    low = [(t["chart"][:30], t["text"], round(contrast(_hex(t["colour"]), _hex(t["under"])), 2))
           for t in texts if contrast(_hex(t["colour"]), _hex(t["under"])) < 4.5]  # fmt: skip
    assert not low, low[:10]
    on_bars = [t for t in texts if _hex(t["under"]) != "#ffffff"]
    assert len(on_bars) > 30  # the check met text drawn on coloured bars
    small = [(t["chart"][:30], t["text"]) for t in texts if t["size"] * t["scale"] < 9.5]
    assert not small, small[:5]  # on a phone too: the charts scroll, they do not shrink
    assert not _overlapping(texts), _overlapping(texts)[:5]


GAP = 2.0
"""Fewest pixels between two texts on one line of a chart."""


def _overlapping(texts: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Pairs of texts of one chart (not a word cloud) on one line (boxes overlapping by more
    than a pixel vertically) that are less than GAP pixels apart: axis numbers run into each
    other ("95100"), a label covers a label."""
    out = []
    charts: dict[int, list[dict[str, Any]]] = {}
    for t in texts:
        if not t["cloud"]:
            charts.setdefault(t["index"], []).append(t)
    for items in charts.values():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                dy = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
                if dx > -GAP and dy > 1:
                    out.append((a["chart"][:30], a["text"], b["text"]))
    return out


def test_wrapping_keeps_every_word_and_a_long_word_whole() -> None:
    text = "Onze organisatie werkt goed samen met andere organisaties in de regio"
    lines = wrap(text, 120)
    assert len(lines) > 2 and " ".join(lines) == text
    assert wrap("Ontwikkelingssamenwerkingsorganisatie", 50) == [
        "Ontwikkelingssamenwerkingsorganisatie"
    ]
    assert wrap("Sector (n\u00a0=\u00a026)", 60)[-1] == "(n\u00a0=\u00a026)"
    wrapped, widest, most = wrap_labels(["kort", text], 120)
    assert wrapped["kort"] == "kort" and wrapped[text].count("\n") == most - 1 and widest <= 120


def test_ink_picks_the_text_colour_that_contrasts() -> None:
    assert round(contrast("#ffffff", "#D55E00"), 2) == 3.87  # the Figuur 13 white on orange
    assert ink("#D55E00") == "#000000" and contrast(ink("#D55E00"), "#D55E00") >= 4.5
    assert ink("#0072B2") == "#ffffff" and ink("#D9D9D9") == "#000000"
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


INTERNAL = ("verzinnen geen", "draait lokaal", "niet na te gaan", "invent values",
            "runs locally", "cannot be traced")  # fmt: skip


def test_no_internal_note_in_the_published_text(demo: tuple[Report, Path]) -> None:
    _, out = demo
    page = (out / "index.html").read_text("utf-8").lower()
    assert "tekstvak 2" in page or "text box 2" in page  # the models' text is on the page
    assert not [p for p in INTERNAL if p in page]
