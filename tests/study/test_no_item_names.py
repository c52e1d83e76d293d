"""``stats`` and ``report`` name no questionnaire item: they take item names from the study.

The names are read at test time from both shipped XLSForms (every answerable item, so a new
item is covered without touching this test). Every text file under ``barometer/stats`` and
``barometer/report`` (code with its strings, docstrings and comments, the wording catalogues,
templates and styles) is searched as a grep would, for the whole names and for their
numbered stems (``d13_``, ``e06_``), which catch a name built in pieces (``f"d13_{key}"``).
There is no allow-list.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from barometer.questionnaire import load

PACKAGE = Path(str(resources.files("barometer")))
FORMS = ("questionnaire.xlsx", "questionnaire-2025.xlsx")
SCANNED = ("stats", "report")


def _item_names() -> set[str]:
    names: set[str] = set()
    for form in FORMS:
        q = load(PACKAGE / "data" / form)
        names |= {item.name for item in q.items() if item.answerable}
    return names


NAMES = _item_names()
STEMS = {m.group(0) for n in NAMES if (m := re.match(r"[a-z]\d+_", n))}
PATTERN = re.compile(
    r"(?<![A-Za-z0-9])("
    + "|".join(re.escape(n) for n in sorted(NAMES | STEMS, key=len, reverse=True))
    + ")"
)
TEXT = (".py", ".yaml", ".j2", ".css", ".js")
"""Every text file a grep would search: code, the wording catalogues, templates, styles."""
FILES = sorted(
    p for d in SCANNED for p in (PACKAGE / d).rglob("*") if p.is_file() and p.suffix in TEXT
)


def test_the_names_are_read_from_both_forms() -> None:
    assert len(FILES) > 50
    assert {p.suffix for p in FILES} >= {".py", ".yaml", ".j2", ".css"}
    assert {"c1_innovated", "e06_time", "g1_leaders_vision", "b1_production"} <= NAMES
    assert {"d13_", "e06_", "a1_"} <= STEMS


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_item_name_in(path: Path) -> None:
    hits = [
        f"line {n}: {m.group(0)}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for m in PATTERN.finditer(line)
    ]
    assert not hits, f"{path.relative_to(PACKAGE)} names questionnaire items: {hits}"
