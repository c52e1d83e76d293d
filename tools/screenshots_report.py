"""Page images of the demo report's PDF and screenshots of its HTML and of one feedback
report, for a reviewer to look at (issue 12).

    python tools/screenshots_report.py OUT_FOLDER [--lang nl|en] [--first N] [--feedback-only]

Builds the report of the synthetic demo wave (weighted to its frame), writes it to
OUT_FOLDER/report/ (index.html) and OUT_FOLDER/report.pdf, and the feedback report of the
first organisation that asked for one to OUT_FOLDER/feedback/. Then writes:

- ``pdf-NN.png``: each PDF page (``pdftoppm -r 60``; ``--first N`` pages only, all by default);
- ``feedback-pdf-NN.png``: each page of the feedback report's PDF (all pages);
- ``report-WIDTH.png`` and ``feedback-WIDTH.png``: the HTML pages at 1280 and 375 px wide, full
  page, in Chromium (/usr/bin/chromium through Playwright). A very long page is cut at
  Chromium's image limit; the report is also written as ``report-WIDTH-top.png`` (the first
  screen) so that the cover and contents can be seen at full size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (1280, 375)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def build(out: Path, lang: str, report: bool = True) -> tuple[Path | None, Path | None, Path, Path]:
    """Write the demo report (HTML and PDF; unless ``report`` is False) and one feedback report
    (HTML and PDF); return their paths."""
    from barometer.dataset.synthetic.wave import make_wave
    from barometer.report import build_report, write_pdf, write_report
    from barometer.report.feedback.build import (
        build_feedback,
        requested_org_ids,
        write_feedback,
        write_feedback_pdf,
    )

    wave = make_wave(seed=2021)
    html = pdf = None
    if report:
        built = build_report(wave.dataset, frame=wave.frame, lang=lang)
        html = write_report(built, out / "report")
        pdf = write_pdf(built, out / "report.pdf")
    org = requested_org_ids(wave.dataset)[0]
    feedback = build_feedback(wave.dataset, org, frame=wave.frame, lang=lang)
    folder = out / "feedback"
    return html, pdf, write_feedback(feedback, folder), write_feedback_pdf(feedback, folder)


def pdf_pages(pdf: Path, out: Path, first: int | None, prefix: str = "pdf") -> None:
    """Each page of ``pdf`` as ``out/PREFIX-NN.png``."""
    cmd = ["pdftoppm", "-png", "-r", "60"]
    if first:
        cmd += ["-l", str(first)]
    subprocess.run([*cmd, str(pdf), str(out / prefix)], check=True)


def screenshots(pages: dict[str, Path], out: Path) -> None:
    """Full-page screenshots of each page at each width."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            for name, path in pages.items():
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(path.as_uri())
                    page.screenshot(path=str(out / f"{name}-{width}-top.png"))
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                    page.close()
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    parser.add_argument("--first", type=int, default=None, help="only the first N PDF pages")
    parser.add_argument("--feedback-only", action="store_true", help="skip the main report")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    html, pdf, feedback, feedback_pdf = build(out, args.lang, report=not args.feedback_only)
    if pdf is not None:
        pdf_pages(pdf, out, args.first)
    pdf_pages(feedback_pdf, out, None, "feedback-pdf")
    pages = {"feedback": feedback} if html is None else {"report": html, "feedback": feedback}
    screenshots(pages, out)
    print(f"wrote {len(list(out.glob('*.png')))} images to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
