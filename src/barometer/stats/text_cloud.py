"""Word clouds of concept clusters: term sizes and an SVG made with ``wordcloud``.

The ``wordcloud`` package ships its own font (Droid Sans Mono) and lays words out locally;
nothing is downloaded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.errors import ErrorCode, StatsError

if TYPE_CHECKING:
    from barometer.stats.text import ConceptCluster

__all__ = ["FONT_FAMILY", "render_wordcloud", "word_frequencies"]

FONT_FAMILY = "Droid Sans Mono, DejaVu Sans Mono, monospace"
"""The words' font in the SVG: the font the layout measured, then fonts as wide."""
PAD = 4


def word_frequencies(
    cluster: ConceptCluster, *, by: str = "frequency", top: int | None = 60
) -> dict[str, float]:
    """Term sizes for a word cloud of one cluster.

    Parameters
    ----------
    cluster : ConceptCluster
        One cluster of :func:`concept_clusters`.
    by : {"frequency", "weight"}
        Size a term by its number of occurrences, or by its weight in the cluster.
    top : int or None
        Keep the ``top`` heaviest terms (by weight); ``None`` keeps all.

    Returns
    -------
    dict
        Term -> size, heaviest terms first.
    """
    if by not in ("frequency", "weight"):
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"by must be 'frequency' or 'weight', got {by!r}"
        )
    terms = cluster.terms if top is None else cluster.terms[:top]
    return {t.term: float(t.frequency if by == "frequency" else t.weight) for t in terms}


def render_wordcloud(
    freqs: Mapping[str, float],
    *,
    width: int = 600,
    height: int = 400,
    color: str = "#1f4e79",
    background: str = "white",
    max_words: int = 60,
    random_state: int = 0,
    min_font_size: int = 14,
) -> str:
    """An SVG word cloud of term sizes, made with the ``wordcloud`` package.

    Parameters
    ----------
    freqs : mapping of str to float
        Term -> size (positive), e.g. from :func:`word_frequencies`.
    width, height : int
        Size of the picture in pixels.
    color : str
        One colour for every word (a single dark colour reads well on white and does not
        depend on colour vision).
    background : str
        Background colour.
    max_words : int
        At most this many words are placed.
    random_state : int
        Seed of the layout; the same input gives the same SVG.
    min_font_size : int
        Smallest word (px): a word that does not fit at this size is left out, so the
        cloud stays legible when it is shown smaller than drawn (the report shows two side
        by side).

    Returns
    -------
    str
        A standalone ``<svg>`` document. It names the font (Droid Sans Mono, shipped with
        ``wordcloud``), then monospace fonts as wide (:data:`FONT_FAMILY`), but does not
        embed it.

    Raises
    ------
    barometer.errors.StatsError
        No term with a positive size; a width or height below 1.
    """
    from wordcloud import WordCloud

    if width < 1 or height < 1:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"width and height must be >= 1, got {width}x{height}"
        )
    sizes = {
        str(t): float(v) for t, v in freqs.items() if str(t).strip() and math.isfinite(v) and v > 0
    }
    if not sizes:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="no term with a positive size to draw")

    import wordcloud as wordcloud_package

    font = Path(wordcloud_package.__file__).parent / "DroidSansMono.ttf"

    def one_colour(*_args: object, **_kwargs: object) -> str:
        return color

    cloud = WordCloud(
        font_path=str(font),
        width=width,
        height=height,
        background_color=background,
        max_words=max_words,
        random_state=random_state,
        color_func=one_colour,
        prefer_horizontal=0.9,
        min_font_size=min_font_size,
    )
    svg = str(cloud.generate_from_frequencies(sizes).to_svg())
    # The font as attributes of the <svg>, not as the <style> element wordcloud writes: a
    # style element inside an SVG on a web page styles every <text> of the page (the
    # report's charts too). Where Droid Sans Mono is not installed, a monospace font of
    # the same advance width (DejaVu Sans Mono: 0.602 em against 0.600) keeps every word
    # inside the picture; a proportional fallback would not.
    # A margin of PAD px in the view box: a word placed at the edge by its ink keeps the
    # side bearings of its first and last letter in the picture.
    svg = re.sub(r"<style>text\{[^}]*\}</style>\s*", "", svg, count=1)
    box = f"{-PAD} {-PAD} {width + 2 * PAD} {height + 2 * PAD}"
    return svg.replace(
        "<svg ",
        f'<svg viewBox="{box}" font-family="{FONT_FAMILY}" font-weight="normal" '
        'font-style="normal" ',
        1,
    )
