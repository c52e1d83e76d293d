"""The PDF: the report page as WeasyPrint prints it, written as a tagged PDF (PDF/UA-1).

The page for the PDF differs from ``index.html`` in one way only: each chart and word
cloud is an ``<img>`` whose source is a lean copy of its SVG (:func:`.charts_svg.print_svg`)
and whose ``alt`` is the SVG's title and description. WeasyPrint would otherwise style and
lay out every element of an inline SVG as part of the page, and it tags an inline SVG
with its title only; an ``<img>`` becomes a ``Figure`` whose alternate text is the full
description, the same words a screen reader gets from the web page.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from markupsafe import Markup

from barometer.report.charts.svg import data_url, print_svg
from barometer.report.output import atomic_writer
from barometer.report.render.tables import report_font

__all__ = ["PDF_VARIANT", "alt_of", "paused_gc", "prefetch", "print_image", "write_html_pdf"]

PDF_VARIANT = "pdf/ua-1"


def alt_of(title: str, desc: str) -> str:
    """The alternate text of a picture: its title and description as one text."""
    title, desc = title.strip(), desc.strip()
    if not title or not desc:
        return title or desc
    return f"{title} {desc}" if title.endswith((".", ":", "!", "?")) else f"{title}. {desc}"


def print_image(svg: str, title: str, desc: str) -> Markup:
    """``<img>`` markup for the PDF page that shows ``svg`` (made and checked by us)."""
    return Markup('<img class="chart-image" alt="{}" src="{}">').format(
        alt_of(title, desc), data_url(print_svg(svg, report_font()))
    )


def prefetch() -> None:
    """Import WeasyPrint in a background thread (if it is not imported yet).

    ``build_report`` calls this when it has computed every figure and waits for the helper
    process to finish the charts: the import (a third of a second) then takes time this
    process would otherwise spend waiting, not time of ``write_pdf``.
    """
    if "weasyprint" in sys.modules:
        return

    def load() -> None:
        with suppress(Exception):  # write_pdf imports it again and reports what is wrong
            importlib.import_module("weasyprint")

    threading.Thread(target=load, name="weasyprint-import", daemon=True).start()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (then as it was).

    WeasyPrint makes hundreds of thousands of small objects (boxes, styles, PDF tokens)
    and keeps most of them until the PDF is written, so the collector's runs find little
    to free while scanning everything else the process holds: a quarter of the PDF's time
    on the report of 366 organisations (``bench/bench_scale.py``). The peak memory rose by
    about 1%; the cycles WeasyPrint leaves are freed at the collector's next run after.
    The switch is process-wide: when threads write PDFs at once, the first to finish turns
    the collector back on, which costs the others time, not correctness.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def write_html_pdf(html: str, target: Path) -> Path:
    """Write ``html`` as a tagged PDF to ``target`` atomically (a temporary file, renamed)."""
    from weasyprint import HTML

    def write(tmp: str) -> None:
        with paused_gc():
            HTML(string=html, base_url=str(target.parent)).write_pdf(tmp, pdf_variant=PDF_VARIANT)

    return atomic_writer(target, write)
