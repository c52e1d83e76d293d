"""Item mappings between questionnaire versions (package data ``questionnaire-map-*.yaml``).

Format (docs/questionnaire-versions.md): ``from`` (one version or a list), ``to`` (a version)
and ``items``: item name -> ``{status, since?, note?, concept?, renamed_to?}`` with status
``changed``, ``new``, ``retired`` or ``renamed``. Items not listed are ``same``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from barometer.errors import ErrorCode, VersionsError

__all__ = ["ItemMapping", "find_mapping", "read_mapping", "version_key"]

STATUSES = ("changed", "new", "renamed", "retired")


def version_key(version: str) -> tuple[int, ...]:
    """``"2021.2.0"`` -> ``(2021, 2, 0)`` (non-numeric parts sort first)."""
    return tuple(int(p) if p.isdigit() else -1 for p in version.split("."))


@dataclass(frozen=True)
class ItemMapping:
    """A mapping from the versions ``sources`` to the version ``target``."""

    name: str
    sources: tuple[str, ...]
    target: str
    items: Mapping[str, Mapping[str, str]]

    def entry(self, item: str, version_a: str, version_b: str) -> Mapping[str, str] | None:
        """The entry for ``item`` between two versions (None: the item is the same)."""
        e = self.items.get(item)
        if e is None:
            return None
        since = e.get("since")
        older = min(version_a, version_b, key=version_key)
        if e["status"] == "changed" and since and version_key(older) >= version_key(since):
            return None  # the change came with or before the older version
        return e

    def reversed(self) -> ItemMapping:
        """The same mapping read from ``target`` back to a source version."""
        flip = {"new": "retired", "retired": "new"}
        items: dict[str, dict[str, str]] = {}
        for name, e in self.items.items():
            if e["status"] == "renamed":
                items[e["renamed_to"]] = {**e, "renamed_to": name}
            else:
                items[name] = {**e, "status": flip.get(e["status"], e["status"])}
        return ItemMapping(self.name, (self.target,), self.sources[0], items)


def read_mapping(path: str | Path, text: str | None = None) -> ItemMapping:
    """Read and check a mapping file; a bad entry is a :class:`VersionsError` naming it."""
    name = Path(path).name
    raw: Any = yaml.safe_load(text if text is not None else Path(path).read_text("utf-8"))

    def bad(detail: str) -> VersionsError:
        return VersionsError(ErrorCode.VERSIONS_MAPPING, value=name, detail=detail)

    if not isinstance(raw, dict) or "from" not in raw or "to" not in raw:
        raise bad("needs the keys 'from', 'to' and 'items'")
    sources = raw["from"] if isinstance(raw["from"], list) else [raw["from"]]
    items: dict[str, dict[str, str]] = {}
    for item, e in (raw.get("items") or {}).items():
        if not isinstance(e, dict) or e.get("status") not in STATUSES:
            raise bad(f"item '{item}': status must be one of {', '.join(STATUSES)}")
        if e["status"] == "renamed" and not e.get("renamed_to"):
            raise bad(f"item '{item}': a renamed item needs 'renamed_to'")
        items[str(item)] = {str(k): str(v) for k, v in e.items()}
    return ItemMapping(name, tuple(str(s) for s in sources), str(raw["to"]), items)


def _packaged() -> list[ItemMapping]:
    root = resources.files("barometer") / "data"
    return [
        read_mapping(entry.name, entry.read_text("utf-8"))
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.startswith("questionnaire-map-") and entry.name.endswith(".yaml")
    ]


def find_mapping(
    version_a: str, version_b: str, extra: ItemMapping | None = None
) -> ItemMapping | None:
    """The mapping from ``version_a`` to ``version_b`` (either direction), or None."""
    for m in [extra] if extra is not None else _packaged():
        if version_a in m.sources and version_b == m.target:
            return m
        if version_b in m.sources and version_a == m.target:
            return m.reversed()
    return None
