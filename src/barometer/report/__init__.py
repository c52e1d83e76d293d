"""The report: figure catalogue, computed figures, charts, HTML and PDF.

``build_report(dataset, frame=None, lang="nl") -> Report`` computes (no I/O);
``write_report(report, out_dir) -> Path`` writes ``index.html``, ``figures/`` and
``tables/``; ``write_pdf(report, path)`` writes a tagged PDF.
"""

from barometer.report.catalogue import CATALOGUE, FigureSpec, get_spec
from barometer.report.figures.core import FigureData
from barometer.report.figures.registry import COMPUTE
from barometer.report.render.build import (
    Report,
    ReportFigure,
    Section,
    build_report,
    render_html,
    write_pdf,
    write_report,
)

__all__ = [
    "CATALOGUE",
    "COMPUTE",
    "FigureData",
    "FigureSpec",
    "Report",
    "ReportFigure",
    "Section",
    "build_report",
    "get_spec",
    "render_html",
    "write_pdf",
    "write_report",
]
