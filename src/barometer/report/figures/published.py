"""Figures of the 2021 report that show another study's numbers, none of which are printed.

Figuur 26 showed the Danish success and failure factors as a chart; the report's text gives
no numbers for it, only a comparison in words. We do not invent values: the figure prints
what was published (the comparison in words, with its source) and points to Figuur 13 for
the Dutch numbers.
"""

from __future__ import annotations

from barometer.report.catalogue import FigureSpec
from barometer.report.figures.benchmarks import load_benchmarks
from barometer.report.figures.core import Context, FigureData
from barometer.report.wording import section

TEXT = section("published")


def published_statements(ctx: Context, spec: FigureSpec) -> FigureData:
    """Paragraphs with the benchmark statements published for ``spec.params['statements_of']``."""
    words = TEXT.get(ctx.lang, TEXT["nl"])
    source_id = str(spec.params.get("statements_of", spec.id))
    bench = load_benchmarks()
    statements = bench.statements.get(source_id, ())
    paragraphs = [words["intro"]]
    paragraphs += [
        words["published"].format(text=s.get(ctx.lang) or s["nl"]) for s in statements
    ] or [words["none"]]
    studies = (bench.studies.get(str(s.get("study", ""))) for s in statements)
    sources = tuple(dict.fromkeys(study.cite or study.source for study in studies if study))
    return FigureData(
        spec=spec, lang=ctx.lang, paragraphs=tuple(paragraphs), sources=sources, wave=ctx.wave
    )
