"""The demo report's PDF keeps each chart with its heading (issue 12): a chart too tall for
a page with its heading and caption is scaled to fit, so no heading or chapter title is left
alone at a page foot. Checked on the demo wave, whose charts are the tallest."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from barometer.report import Report, build_report, write_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.external,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, list[str]]:
    """The demo wave's report (weighted to its frame) and the text of each PDF page."""
    wave_mod = pytest.importorskip("barometer.dataset.synthetic.wave")
    wave = wave_mod.make_wave(seed=2021)
    report = build_report(wave.dataset, frame=wave.frame)
    pdf = write_pdf(report, tmp_path_factory.mktemp("pdf") / "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = text.split("\f")
    return report, pages[:-1] if pages and not pages[-1].strip() else pages


def test_no_heading_is_stranded_from_its_chart(demo_pdf: tuple[Report, list[str]]) -> None:
    report, pages = demo_pdf
    body = [_flat(page) for page in pages]
    checked = 0
    for fig in report.figures():
        if fig.chart is None or fig.message or fig.data.paragraphs:  # text first: may run on
            continue
        heading = f"{fig.number}. {fig.title}"
        caption = f"{heading}. Bron:"
        on = [i for i, page in enumerate(body) if caption in page]
        assert len(on) == 1, (fig.number, on)
        assert heading in body[on[0]].replace(caption, ""), (
            fig.number,
            "heading not on",
            on[0] + 1,
        )
        checked += 1
    assert checked >= 25
    for i, page in enumerate(pages[3:], start=4):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert len(lines) > 4, (i, lines)  # not only a running head, a title and a page number
