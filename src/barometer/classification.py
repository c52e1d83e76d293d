"""Sectors and thematic clusters: codes and their Dutch and English labels (package data)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Category:
    code: str
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Classification:
    sectors: tuple[Category, ...]
    clusters: tuple[Category, ...]
    remainder: Category

    def sector(self, code: str) -> Category:
        return _find(self.sectors, code, "sector")

    def cluster(self, code: str) -> Category:
        return _find(self.clusters, code, "cluster")

    def sector_label(self, code: str, lang: str = "nl") -> str:
        if code == self.remainder.code:
            return self.remainder.label(lang)
        return self.sector(code).label(lang) if code in self.sector_codes() else code

    def cluster_label(self, code: str, lang: str = "nl") -> str:
        return self.cluster(code).label(lang) if code in self.cluster_codes() else code

    def sector_codes(self) -> list[str]:
        return [s.code for s in self.sectors]

    def cluster_codes(self) -> list[str]:
        return [c.code for c in self.clusters]


def _find(cats: tuple[Category, ...], code: str, what: str) -> Category:
    for c in cats:
        if c.code == code:
            return c
    raise KeyError(f"unknown {what} '{code}'")


@lru_cache(maxsize=1)
def classification() -> Classification:
    text = (resources.files("barometer") / "data" / "classification.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return Classification(
        sectors=tuple(Category(**s) for s in raw["sectors"]),
        clusters=tuple(Category(**c) for c in raw["clusters"]),
        remainder=Category(**raw["remainder"]),
    )
