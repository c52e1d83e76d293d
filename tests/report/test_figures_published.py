"""Figuur 26: only what was published, no invented Danish values."""

from __future__ import annotations

import re

from barometer.dataset import Dataset
from barometer.report.catalogue import get_spec
from barometer.report.figures.benchmarks import load_benchmarks
from barometer.report.figures.core import make_context
from barometer.report.figures.registry import COMPUTE


def test_figure_26_prints_the_published_comparison_and_no_numbers(hand: Dataset) -> None:
    spec = get_spec("fig26_factors_denmark")
    for lang in ("nl", "en"):
        ctx = make_context(hand, lang=lang)
        data = COMPUTE[spec.compute](ctx, spec)  # type: ignore[index]
        assert data.ok and data.table is None
        statement = load_benchmarks().statements["fig13_factors"][0][lang]
        assert any(statement in p for p in data.paragraphs)
        text = " ".join(data.paragraphs)
        assert ("Figuur 13" if lang == "nl" else "Figure 13") in text
        assert not re.search(r"\d+\s*%", text), "a percentage appeared in Figuur 26"
        assert data.sources
