"""Feedback reports subtracted from each other reveal nothing.

What this proves, from the written HTML files only (never internal objects): for every pair
of organisations in the same small comparison group (the hostile wave's group of 5, and the
demo's smallest group), every published number of the two reports except the column
"Uw organisatie" is identical, cell for cell, in every table. So the difference of two
members' reports is exactly the difference of their own columns, which each organisation is
shown of itself anyway: nothing about the other's answers follows. The comparison group's
label is the published Tabel 1 group of the organisation's sector.

Then one organisation's answers are changed and the feedback is written again: in every
member's report the comparison group (its label, its tables and columns, and every n that is
shown in both runs) stays the same; only percentages may move, and with them which 0%/100%
cells are hidden (a hidden cell hides its n too). So the group is chosen by the sector alone, never by the answers. (Not
proved here: anything about text outside the tables, which holds no group numbers.)

Page 1 ("where your organisation stands") has two tables whose rows depend on the own answers:
the 3 statements furthest above and below the group's mean. Their rows differ between
members, so they are compared per statement: wherever a statement appears in any member's
page 1, its group mean and n are the same. The group percentile is not shown in a group of
fewer than group_min organisations (the hostile group of 5): each member's page says so.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from disclosurehelp import run
from hostile import FULL_GROUP, make_hostile

from barometer.disclosure.scan_read import Table, read_html

pytestmark = pytest.mark.slow
OWN = ("Uw organisatie", "Your organisation")
BY_OWN_ANSWERS = ("strongest-table", "weakest-table")
"""Page-1 tables whose rows are chosen by the own answers (compared per statement)."""


def tables(folder: Path, org: str) -> list[Table]:
    return read_html(folder / f"{org}.html", folder).tables


def group_part(page: list[Table]) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each table without its own-organisation column."""
    out = []
    for t in page:
        assert t.columns[1] in OWN, (t.name, t.columns)
        if t.name in BY_OWN_ANSWERS:
            continue
        drop = 1
        out.append((t.name, [c for j, c in enumerate(t.columns) if j != drop],
                    [[c for j, c in enumerate(r) if j != drop] for r in t.rows]))  # fmt: skip
    return out


def by_statement(pages: list[list[Table]]) -> dict[str, set[tuple[str, ...]]]:
    """Statement -> every (column, value) set the page-1 tables of ``pages`` show for it,
    without the own column."""
    seen: dict[str, set[tuple[str, ...]]] = {}
    for page in pages:
        for t in page:
            if t.name not in BY_OWN_ANSWERS:
                continue
            for r in t.rows:
                cells = tuple(f"{c}={v}" for j, (c, v) in enumerate(zip(t.columns, r, strict=True))
                              if j >= 2)  # fmt: skip
                seen.setdefault(r[0], set()).add(cells)
    return seen


def group_label(folder: Path, org: str) -> str:
    """The comparison group the detail tables name in their headers ("X: % van de
    organisaties"); page 1 names it once, above its tables."""
    page = tables(folder, org)
    return next(t.columns[2].split(":")[0] for t in page if ":" in t.columns[2])


def n_columns(part: list[tuple[str, list[str], list[list[str]]]]) -> list[list[str]]:
    return [[r[j] for r in rows for j, c in enumerate(cols) if c == "n"] for _, cols, rows in part]


@pytest.fixture(scope="module")
def hostile(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile_feedback")
    make_hostile(demo / "demo", root)
    done = run("feedback", "responses.csv", "--out", "feedback", "--frame", "frame.csv", "--all",
               cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = pd.read_csv(root / "responses.csv", dtype=str, keep_default_na=False)
    members = data.index[data["sector"] == FULL_GROUP[0]]
    item = "e01_collab_other"
    old = data.loc[members[0], item]
    data.loc[members[0], item] = "1" if old != "1" else "5"  # another valid answer
    (root / "changed").mkdir()
    data.to_csv(root / "changed" / "responses.csv", index=False)
    done = run("feedback", "changed/responses.csv", "--out", "feedback_changed", "--frame",
               "frame.csv", "--all", cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return root


def check_group(folder: Path, orgs: list[str], label: str) -> None:
    pages = {o: tables(folder, o) for o in orgs}
    for o in pages:
        assert group_label(folder, o) == label, (o, group_label(folder, o))
    for a, b in combinations(orgs, 2):
        assert group_part(pages[a]) == group_part(pages[b]), (a, b)
    seen = by_statement(list(pages.values()))
    assert seen and all(len(v) == 1 for v in seen.values()), seen


def test_pairs_in_the_hostile_group_of_five(hostile: Path) -> None:
    data = pd.read_csv(hostile / "responses.csv", dtype=str, keep_default_na=False)
    orgs = list(data.loc[data["sector"] == FULL_GROUP[0], "org_id"])
    check_group(hostile / "feedback", orgs, "Privaatrechtelijke publieke organisaties")
    assert len(orgs) == 5  # 10 pairs
    for org in orgs:  # a group of 5: no percentile in the group, and the page says why
        text = " ".join(read_html(hostile / "feedback" / f"{org}.html", hostile).text.split())
        assert "Percentiel onder Privaatrechtelijke publieke organisaties: niet getoond" in text
        assert "minder dan 10. In zo'n kleine groep" in text


def test_pairs_in_the_demo_smallest_group(demo: Path) -> None:
    tab1 = pd.read_csv(demo / "demo" / "report" / "tables" / "tab01_response_by_sector.csv")
    tab1 = tab1[tab1["sector"] != "Totaal"]
    smallest = tab1.loc[tab1["completed"].idxmin()]
    data = pd.read_csv(demo / "demo" / "responses.csv", dtype=str, keep_default_na=False)
    folder = demo / "feedback"
    orgs = [o for o in data["org_id"] if group_label(folder, o) == smallest["sector"]]
    assert len(orgs) == smallest["completed"]  # the group is exactly Tabel 1's group
    check_group(folder, orgs, smallest["sector"])


def test_changing_ones_answers_never_changes_the_group(hostile: Path) -> None:
    data = pd.read_csv(hostile / "responses.csv", dtype=str, keep_default_na=False)
    orgs = list(data.loc[data["sector"] == FULL_GROUP[0], "org_id"])
    before, after = hostile / "feedback", hostile / "feedback_changed"
    for org in orgs:
        assert [(t.name, t.columns) for t in tables(before, org)] == [
            (t.name, t.columns) for t in tables(after, org)
        ]
        old, new = group_part(tables(before, org)), group_part(tables(after, org))
        assert group_label(after, org) == group_label(before, org)
        assert [(name, cols) for name, cols, _ in old] == [(name, cols) for name, cols, _ in new]
        for a, b in zip(n_columns(old), n_columns(new), strict=True):
            assert len(a) == len(b)  # a hidden 0%/100% hides its n too ("–"): skip those
            assert all(x == y for x, y in zip(a, b, strict=True) if "–" not in (x, y)), (a, b)
    check_group(after, orgs, "Privaatrechtelijke publieke organisaties")
    # the change did reach the reports: the group's figures moved
    assert group_part(tables(before, orgs[1])) != group_part(tables(after, orgs[1]))
