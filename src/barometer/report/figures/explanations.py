"""Afbeelding 1 and Tekstvak 1: the two explanations of the 2021 report that hold no numbers.

Afbeelding 1 gives the definition of public-sector innovation the barometer follows (the
OECD's); Tekstvak 1 describes the innovation strategies that Figuur 12 counts. Both are text
from the wording catalogue (section ``explanations``, under the figure id). Tekstvak 1 takes
the strategies' names from the questionnaire's choices, so that they read as in Figuur 12,
and describes each choice the wording catalogue has a description for.
"""

from __future__ import annotations

from barometer.report.catalogue import FigureSpec, get_spec
from barometer.report.figures.core import Context, FigureData
from barometer.report.wording import section

__all__ = ["explanation"]

TEXT = section("explanations")


def explanation(ctx: Context, spec: FigureSpec) -> FigureData:
    """The paragraphs of ``spec``: an introduction, one line per described choice of
    ``spec.params['item']`` (if given), and a closing line that may name ``params['figure']``."""
    words = TEXT.get(ctx.lang, TEXT["nl"])[spec.id]
    paragraphs = [str(words["intro"])]
    paragraphs += [str(p) for p in words.get("points", ())]
    described = words.get("choices", {})
    if "item" in spec.params:
        item = ctx.item(str(spec.params["item"]))
        assert item.choice_list is not None, f"{item.name} has no choices"
        paragraphs += [
            f"{choice.label(ctx.lang)}: {described[choice.name]}"
            for choice in item.choice_list.choices
            if choice.name in described
        ]
    if "closing" in words:
        figure = spec.params.get("figure")
        number = get_spec(str(figure)).number_label(ctx.lang) if figure else ""
        paragraphs.append(str(words["closing"]).format(figure=number))
    sources = tuple(str(s) for s in words.get("sources", ()))
    return FigureData(
        spec=spec, lang=ctx.lang, paragraphs=tuple(paragraphs), sources=sources, wave=ctx.wave
    )
