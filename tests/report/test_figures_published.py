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


def test_afbeelding_1_and_tekstvak_1_fill_the_2021_numbering(hand: Dataset) -> None:
    """The definition (Afbeelding 1) and the strategies (Tekstvak 1) are in the report, in
    both languages; Tekstvak 1 names each strategy as Figuur 12 does (the questionnaire's
    choices), and neither claims a weighting or a base it does not have."""
    from barometer.report.render.build import build_report, render_html

    strategies = get_spec("textbox1_strategies")
    item = hand.questionnaire.item(str(strategies.params["item"]))
    assert item.choice_list is not None
    for lang in ("nl", "en"):
        ctx = make_context(hand, lang=lang)
        data = COMPUTE[strategies.compute](ctx, strategies)  # type: ignore[index]
        named = [
            c.label(lang) for c in item.choice_list.choices if c.name not in ("other", "dont_know")
        ]
        assert len(named) == 4
        for label in named:
            assert sum(p.startswith(f"{label}: ") for p in data.paragraphs) == 1, label
        figure = get_spec("fig12_strategy").number_label(lang)
        assert figure in data.paragraphs[-1]
        definition = get_spec("img01_innovation_definition")
        text = " ".join(COMPUTE[definition.compute](ctx, definition).paragraphs)  # type: ignore[index]
        assert ("OESO" if lang == "nl" else "OECD") in text
        assert ("publieke waarde" if lang == "nl" else "public value") in text
    report = build_report(hand, lang="nl")
    html = render_html(report)
    for spec_id, number in (("img01_innovation_definition", "Afbeelding 1"),
                            ("textbox1_strategies", "Tekstvak 1")):  # fmt: skip
        article = html[html.index(f'<article id="{spec_id}"') :]
        article = article[: article.index("</article>")]
        assert f"{number}. " in article
        source = re.search(r'<p class="source">(.*?)</p>', article)
        assert source is not None
        assert "Innovatie Barometer" not in source.group(1)  # no data of this wave
        assert "gewogen" not in source.group(1)
        assert 'class="base"' not in article
