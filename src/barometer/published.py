"""The published facts of each wave (package data ``ibo-published-waves.yaml``).

Of the 2025 wave only two numbers and three themes are public; the loader returns them
with their sources, so that a report can print a number next to where it was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["PublishedWave", "published_wave", "published_waves"]


@dataclass(frozen=True)
class PublishedWave:
    """What is public about one wave."""

    label: str
    completed: int
    innovated_pct: int
    sources: tuple[str, ...]
    themes: tuple[dict[str, str], ...] = ()

    def source_text(self) -> str:
        return "; ".join(self.sources)


def _source(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    parts = [str(entry.get(k)) for k in ("title", "publisher", "place", "date") if entry.get(k)]
    return ", ".join(parts)


@lru_cache(maxsize=1)
def published_waves() -> dict[str, PublishedWave]:
    """Every wave with published facts, by label ("2021", "2025")."""
    text = (resources.files("barometer") / "data" / "ibo-published-waves.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)["waves"]
    out = {}
    for label, w in raw.items():
        sources = w.get("sources") or [w["source"]]
        out[str(label)] = PublishedWave(
            label=str(label),
            completed=int(w["completed"]),
            innovated_pct=int(w["innovated_pct"]),
            sources=tuple(_source(s) for s in sources),
            themes=tuple(dict(t) for t in w.get("themes", ())),
        )
    return out


def published_wave(label: str) -> PublishedWave | None:
    """The published facts of wave ``label``, or None when nothing is published."""
    return published_waves().get(str(label))
