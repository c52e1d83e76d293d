"""What a wave's report says about the wave itself: figures its questionnaire does not ask,
what is published about it, and its trend since the previous wave.

* :func:`absent` — a catalogue figure whose item the wave's questionnaire does not hold is
  left out (no empty figure, no error); the section says why, in the words of the
  catalogue's :data:`~barometer.report.catalogue.NOT_ASKED` for the figure's topic (e.g.
  the COVID figures 23–25 in a 2025 report), or naming the item.
* :func:`published_lines` — the published facts of the wave (``ibo-published-waves.yaml``)
  with their source, next to this dataset's own numbers.
* :func:`trend_html` — the trend section (:mod:`barometer.report.compare.trends_write`).
"""

from __future__ import annotations

from collections.abc import Iterable

from barometer.published import published_wave
from barometer.questionnaire import Questionnaire
from barometer.report.catalogue import NOT_ASKED, FigureSpec
from barometer.report.text import fmt_int, fmt_pct
from barometer.report.wording import section

__all__ = ["absent", "published_lines", "trend_html"]

_TEXT = section("wave_context")


def _items(spec: FigureSpec) -> list[str]:
    one = spec.params.get("item")
    many = spec.params.get("items") or ()
    return [str(i) for i in ([one] if one else []) + list(many)]


def absent(
    specs: Iterable[FigureSpec], q: Questionnaire, lang: str
) -> tuple[list[FigureSpec], list[str]]:
    """(the specs to compute, the notes on those left out) for questionnaire ``q``."""
    held = {i.name for i in q.items()}
    text = _TEXT.get(lang, _TEXT["nl"])
    keep: list[FigureSpec] = []
    notes: list[str] = []
    for spec in specs:
        missing = [i for i in _items(spec) if i not in held]
        if not missing:
            keep.append(spec)
            continue
        topic = spec.params.get("topic")
        reason = NOT_ASKED.get(str(topic), {}).get(lang) if topic else None
        note = (reason or text["item"]).format(
            number=spec.number_label(lang), item=", ".join(missing), version=q.version
        )
        if note not in notes:
            notes.append(note)
    return keep, notes


def published_lines(wave: str, n: int, n_innovators: int, lang: str) -> tuple[str, ...]:
    """The wave's published facts with their source, and this dataset's own numbers."""
    pub = published_wave(wave)
    if pub is None or n == 0:
        return ()
    text = _TEXT.get(lang, _TEXT["nl"])
    ours = fmt_pct(100 * n_innovators / n, lang)
    return (
        text["published"].format(wave=wave, n=fmt_int(pub.completed, lang),
                                 pct=pub.innovated_pct, source=pub.source_text()),
        text["ours"].format(n=fmt_int(n, lang), pct=ours),
    )  # fmt: skip


def trend_html(trends: object) -> str:
    """The trend section of a wave's report (empty without trends)."""
    if trends is None:
        return ""
    from barometer.report.compare.trends import Trends
    from barometer.report.compare.trends_write import trend_section

    assert isinstance(trends, Trends)
    return trend_section(trends)
