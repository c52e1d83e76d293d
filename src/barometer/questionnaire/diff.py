"""Compare two questionnaire versions item by item: same, changed wording, new, retired.

The forms are compared as written: labels keep their ``{first_year}`` placeholders, so a new
reference period is not a change. An item mapping (questionnaire-map-*.yaml) must explain
every difference; two forms that differ in items with no mapping are refused with an error
naming the items.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from barometer.errors import ErrorCode, VersionsError
from barometer.questionnaire.mapping import ItemMapping, find_mapping
from barometer.questionnaire.model import Item, Questionnaire

__all__ = ["ItemChange", "VersionDiff", "diff_questionnaires", "template_label"]


@dataclass(frozen=True)
class ItemChange:
    """One item across two versions (``item_a``/``item_b`` empty where it does not exist)."""

    status: str  # same, changed, new, retired, renamed
    item_a: str
    item_b: str
    note: str = ""


@dataclass(frozen=True)
class VersionDiff:
    version_a: str
    version_b: str
    mapping: str  # file name of the mapping used, "" for none
    changes: tuple[ItemChange, ...]

    def by_status(self, status: str) -> list[ItemChange]:
        return [c for c in self.changes if c.status == status]

    def comparable(self) -> list[ItemChange]:
        """Items measured in both versions (same, changed wording or renamed)."""
        return [c for c in self.changes if c.item_a and c.item_b]

    def as_text(self) -> str:
        lines = [
            f"{self.version_a} -> {self.version_b}"
            + (f" (mapping {self.mapping})" if self.mapping else " (no mapping needed)")
        ]
        width = max((len(c.item_a) for c in self.changes), default=4)
        for c in self.changes:
            note = f"  {c.note}" if c.note else ""
            lines.append(f"{c.status:<8} {c.item_a or '-':<{width}} {c.item_b or '-'}{note}")
        counts = {
            s: len(self.by_status(s)) for s in ("same", "changed", "renamed", "new", "retired")
        }
        lines.append(", ".join(f"{n} {s}" for s, n in counts.items()))
        return "\n".join(lines)


def template_label(q: Questionnaire, item: Item, lang: str) -> str:
    """The item's label with the wave's parameter values put back as ``{name}``."""
    text = item.label(lang)
    for name, value in sorted(q.values.items(), key=lambda kv: -len(kv[1])):
        if value:
            text = text.replace(value, "{" + name + "}")
    return text


def _structure(item: Item) -> tuple[object, ...]:
    codes = tuple((c.name, c.code) for c in item.choice_list.choices) if item.choice_list else ()
    return (item.type, codes)


def _wording(q: Questionnaire, item: Item) -> tuple[str, ...]:
    return tuple(template_label(q, item, lang) for lang in q.languages)


def diff_questionnaires(
    a: Questionnaire, b: Questionnaire, mapping: ItemMapping | None = None
) -> VersionDiff:
    """Every answerable item of ``a`` and ``b`` with its status (see the module doc)."""
    items_a = {i.name: i for i in a.answerable()}
    items_b = {i.name: i for i in b.answerable()}
    m = mapping if mapping is not None else find_mapping(a.version, b.version)
    if mapping is not None and m is not None and a.version not in m.sources:
        m = m.reversed() if b.version in m.sources else m
    entries: Mapping[str, Mapping[str, str]] = {}
    if m is not None:
        entries = {n: e for n in m.items if (e := m.entry(n, a.version, b.version)) is not None}
    unexplained: list[str] = []
    changes: list[ItemChange] = []
    renamed_b = {e["renamed_to"]: n for n, e in entries.items() if e["status"] == "renamed"}
    for name, ia in items_a.items():
        e = entries.get(name)
        status = e["status"] if e else "same"
        note = e.get("note", "") if e else ""
        if status == "renamed":
            target = e["renamed_to"] if e else ""
            if target not in items_b:
                unexplained.append(f"{name} (renamed to '{target}', which {b.version} lacks)")
                continue
            changes.append(ItemChange("renamed", name, target, note))
            continue
        ib = items_b.get(name)
        if ib is None:
            if status != "retired":
                unexplained.append(f"{name} (only in {a.version})")
            else:
                changes.append(ItemChange("retired", name, "", note))
            continue
        if status in ("retired", "new"):
            unexplained.append(f"{name} (mapped as {status} but in both versions)")
            continue
        if _structure(ia) != _structure(ib) and status != "changed":
            unexplained.append(f"{name} (type or choice codes differ)")
            continue
        if status == "same" and _wording(a, ia) != _wording(b, ib):
            status, note = "changed", "wording differs"
        changes.append(ItemChange(status, name, name, note))
    for name in items_b:
        if name in items_a or name in renamed_b:
            continue
        e = entries.get(name)
        if e is None or e["status"] != "new":
            unexplained.append(f"{name} (only in {b.version})")
        else:
            changes.append(ItemChange("new", "", name, e.get("note", "")))
    for name, e in entries.items():
        if e["status"] == "new" and name not in items_b:
            unexplained.append(f"{name} (mapped as new but {b.version} lacks it)")
        if e["status"] in ("retired", "changed", "renamed") and name not in items_a:
            unexplained.append(f"{name} (mapped as {e['status']} but {a.version} lacks it)")
    if unexplained:
        code = ErrorCode.VERSIONS_INCOMPATIBLE if m is None else ErrorCode.VERSIONS_MAPPING
        value = f"{a.version} and {b.version}" if m is None else m.name
        raise VersionsError(code, value=value, detail="; ".join(unexplained))
    return VersionDiff(a.version, b.version, m.name if m else "", tuple(changes))
