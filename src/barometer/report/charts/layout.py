"""Chart layout that reads at its printed size: wrapped labels, widths that use the page,
text that contrasts with its fill, and numbers in the report's language.

- **Labels wrap, never truncate.** A category label wider than :data:`LABEL_MAX` is broken
  between words into lines (measured with the report font, as the PDF tables are:
  :func:`.render_tables.report_font`); the axis draws the lines (``labelExpr`` splits at
  ``\\n``), centred on the band, with no ``labelLimit``. A band is made tall enough for
  its lines.
- **Widths use the page.** The plot is as wide as the A4 text width (:data:`TARGET_WIDTH`)
  leaves beside the labels, so every chart prints at its own size (11 px labels, 8 pt)
  and none is shrunk to fit.
- **Contrast.** A value printed on a bar is black or white, whichever contrasts more with
  the bar's colour (WCAG 2 relative luminance; both are at least 4.5:1 for the palettes
  used here, which the tests check on the drawn SVGs).
- **Locale.** Axis numbers use the report language's decimal mark (``1,5`` in Dutch).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from barometer.report.render.tables import TEXT_WIDTH, report_font

__all__ = [
    "LABEL_FONT", "LABEL_MAX", "LINE", "TARGET_WIDTH", "contrast", "ink", "label_axis",
    "legend", "locale_config", "plot_width", "step_for", "text_width", "wrap", "wrap_labels",
]  # fmt: skip

LABEL_FONT = 11.0
"""Font size of axis labels (px; ``config.axis.labelFontSize``)."""
LINE = 13.0
"""Line height of a wrapped label (px)."""
LABEL_MAX = 250.0
"""Widest line of a category label (px) before it wraps."""
TARGET_WIDTH = float(int(TEXT_WIDTH) - 12)
"""Width of a chart (px): the A4 text width less a little room."""
AXIS_GAP = 12.0
"""Tick, padding and the view's edge between the labels and the plot (px)."""
VALUE_ROOM = 42.0
"""Room right of the plot for a value label such as "100%" (px)."""


def text_width(text: str, size: float = LABEL_FONT, bold: bool = False) -> float:
    """Width of ``text`` in px at ``size`` in the report font (estimated if it is missing)."""
    measure = report_font()
    if measure is None:
        return 0.6 * size * len(text)
    return measure(text, bold) * size


def wrap(text: str, max_px: float = LABEL_MAX, size: float = LABEL_FONT) -> list[str]:
    """``text`` in lines of at most ``max_px``, broken at spaces (not at no-break spaces). A
    word wider than that keeps a line of its own: nothing is cut."""
    lines: list[str] = []
    for word in text.split(" "):
        if not word:
            continue
        if lines and text_width(f"{lines[-1]} {word}", size) <= max_px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [text]


def wrap_labels(
    labels: Iterable[str], max_px: float = LABEL_MAX, size: float = LABEL_FONT
) -> tuple[dict[str, str], float, int]:
    """Each label with its lines joined by ``\\n``, the widest line (px) and the most lines."""
    wrapped: dict[str, str] = {}
    widest, most = 0.0, 1
    for label in dict.fromkeys(str(x) for x in labels):
        lines = wrap(label, max_px, size)
        wrapped[label] = "\n".join(lines)
        widest = max(widest, *(text_width(line, size) for line in lines))
        most = max(most, len(lines))
    return wrapped, widest, most


def label_axis(**extra: Any) -> dict[str, Any]:
    """Axis properties that draw ``\\n``-wrapped labels as lines centred on their band."""
    lines = "length(split(datum.label, '\\n'))"
    return {
        "labelExpr": "split(datum.label, '\\n')",
        "labelLimit": 0,
        "labelLineHeight": LINE,
        "labelOffset": {"expr": f"-({lines} - 1) * {LINE / 2}"},
        **extra,
    }


def legend(labels: Iterable[str], label_px: float = 0.0) -> dict[str, Any]:
    """A legend below the plot (it starts at the plot's left edge, right of category labels
    ``label_px`` wide) in as many columns as the rest of the chart's width holds: a row of
    long labels would make the chart wider than the page."""
    widths = [text_width(str(x)) + 40 for x in dict.fromkeys(labels)] or [0.0]
    room = TARGET_WIDTH - label_px - AXIS_GAP
    columns = max(1, min(len(widths), int(room // max(widths))))
    return {"orient": "bottom", "title": None, "labelLimit": 0, "columns": columns}


def plot_width(label_px: float, right: float = VALUE_ROOM, total: float = TARGET_WIDTH) -> int:
    """Width of the plot so that labels, plot and value labels fill ``total``."""
    return max(160, int(total - label_px - AXIS_GAP - right))


def step_for(lines: int, step: float, per_band: int = 1) -> float:
    """A band step (px) at least ``step`` and tall enough for ``lines`` of label over the
    ``per_band`` steps of one category (grouped bars)."""
    return max(step, (lines * LINE + 4) / max(per_band, 1))


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(fill: str) -> str:
    """Black or white text on ``fill``, whichever contrasts more."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def locale_config(lang: str) -> dict[str, Any]:
    """Vega's number locale for ``lang`` (a decimal comma and thousands point in Dutch)."""
    if lang == "nl":
        return {"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                           "currency": ["€\u00a0", ""]}}  # fmt: skip
    return {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}}
