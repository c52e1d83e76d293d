"""The hostile wave (:mod:`hostile`) through ``barometer report`` and ``barometer feedback``,
as a user runs them (CLI subprocesses in an empty folder), checked from the written files.

- the scanner finds nothing on the report, the feedback reports, and a second report whose
  policy (``cell_min: 8``) forces primary and secondary suppression of weighting cells;
- read directly from the CSVs: every group of Tabel 1, Tabel 2 and the box plots rests on at
  least min_n organisations, the small sectors sit in one remainder named after them, the
  near-twin cluster does not stand alone, and no published sector group and cluster group
  differ by 1 to min_n - 1 organisations (membership computed here from the responses);
- the linear-programming audit over Tabel 1's totals and the weighting cells, as published,
  leaves every hidden count an interval at least min_n wide; after publishing one
  complementary count (its true value, counted here from the data) it recovers the other
  exactly, and the scanner reports it.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from disclosurehelp import run
from hostile import SMALL, TWIN, make_hostile

from barometer.classification import classification
from barometer.disclosure.audit import audit_linked
from barometer.disclosure.policy import DisclosurePolicy, describe_policy
from barometer.disclosure.scan import check_output
from barometer.disclosure.scan_read import parse_number, read_html, read_pdf

MIN_N = 5
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    make_hostile(demo / "demo", root)
    (root / "policy8.yaml").write_text("cell_min: 8\n", "utf-8")
    for args in (
        ("report", "responses.csv", "--frame", "frame.csv", "--out", "report"),
        ("report", "responses.csv", "--frame", "frame.csv", "--out", "report8", "--policy",
         "policy8.yaml", "--pdf"),
        ("feedback", "responses.csv", "--out", "feedback", "--frame", "frame.csv", "--all"),
    ):  # fmt: skip
        done = run(*args, cwd=root)
        assert done.returncode == 0, (args, done.stderr)
    return root


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def members(label: str, variable: str) -> set[str]:
    """Category codes a published label holds, from the classification's Dutch labels."""
    cls = classification()
    cats = cls.sectors if variable == "sector" else cls.clusters
    exact = {c.code for c in cats if c.nl == label}
    if exact:
        return exact
    assert label.startswith(("Overige sectoren (", "Overige clusters (")), label
    inner = label.split(" (", 1)[1][:-1]
    found = {c.code for c in cats if c.nl in inner}
    return {c for c in found if not any(c != d and cls_label(c, cats) in cls_label(d, cats)
                                        for d in found)}  # fmt: skip


def cls_label(code: str, cats: Sequence[Any]) -> str:
    return next(c.nl for c in cats if c.code == code)


def test_the_scanner_finds_nothing(hostile: Path) -> None:
    for folder, policy in (("report", DisclosurePolicy()), ("feedback", DisclosurePolicy()),
                           ("report8", DisclosurePolicy(cell_min=8))):  # fmt: skip
        found = check_output(hostile / folder, policy)
        assert found.ok, "\n".join(map(str, found.violations))
    assert "report.pdf" in check_output(hostile / "report8", DisclosurePolicy(cell_min=8)).files


def test_every_group_rests_on_min_n_and_the_traps_are_merged(hostile: Path) -> None:
    tables = hostile / "report" / "tables"
    tab1 = table(tables / "tab01_response_by_sector.csv")
    tab2 = table(tables / "tab02_clusters.csv")
    for rows, n in ((tab1, "completed"), (tab2, "organisations"),
                    (table(tables / "fig16_climate_by_sector.csv"), "n"),
                    (table(tables / "fig27_climate_by_cluster.csv"), "n")):  # fmt: skip
        for row in rows:
            assert int(row[n]) >= MIN_N, row
    remainder = next(r["sector"] for r in tab1 if r["sector"].startswith("Overige sectoren"))
    assert set(SMALL) <= members(remainder, "sector")
    twin = cls_label(TWIN[1], classification().clusters)
    assert twin not in {r["cluster"] for r in tab2}  # merged by the differencing rule
    for path in tables.glob("*.csv"):  # every base and every term, wherever published
        for row in table(path):
            for col in ("base", "nl_base"):
                if row.get(col):
                    assert float(row[col]) >= MIN_N, (path.name, row)
            if "term" in row:
                assert int(row["organisations"]) >= MIN_N, (path.name, row)


def test_no_sector_group_and_cluster_group_differ_by_a_few(hostile: Path) -> None:
    data = pd.read_csv(hostile / "responses.csv", dtype=str, keep_default_na=False)
    tables = hostile / "report" / "tables"
    groups = []
    for name, variable, key in (("tab01_response_by_sector", "sector", "sector"),
                                ("tab02_clusters", "cluster", "cluster")):  # fmt: skip
        for row in table(tables / f"{name}.csv"):
            if row[key] != "Totaal":
                codes = members(row[key], variable)
                groups.append((variable, set(data.loc[data[variable].isin(codes), "org_id"])))
    for (va, a), (vb, b) in combinations(groups, 2):
        if va != vb and a != b:
            assert not (len(a - b) < MIN_N and len(b - a) < MIN_N), (len(a - b), len(b - a))


def weighting_audit(folder: Path) -> tuple[dict, list]:
    """Tabel 1's sector counts and total, and the weighting cells, as published."""
    tab1 = table(folder / "tables" / "tab01_response_by_sector.csv")
    cells = table(folder / "tables" / "weighting_cells.csv")
    values: dict = {}
    relations: list = []
    groups = []
    for row in tab1:
        if row["sector"] == "Totaal":
            values["total"] = parse_number(row["completed"])
            continue
        groups.append(row["sector"])
        values[row["sector"]] = parse_number(row["completed"])
        parts = [c["cell"] for c in cells if c["cell"].startswith(row["sector"] + ", ")]
        for c in cells:
            if c["cell"] in parts:
                values[c["cell"]] = parse_number(c["responses"])
        relations.append((row["sector"], parts))
    relations.append(("total", groups))
    return values, relations


def test_hidden_weighting_cells_cannot_be_recovered(hostile: Path, tmp_path: Path) -> None:
    folder = hostile / "report8"
    cells = table(folder / "tables" / "weighting_cells.csv")
    hidden = [c for c in cells if c["responses"] == ""]
    assert hidden and all(c["weight"] == "" and "responses: x" in c["note"] for c in hidden)
    page = read_html(folder / "index.html", folder)
    shown = next(t for t in page.tables if t.name == "weighting_cells-table")
    assert sum(r.count("x") for r in shown.rows) == 2 * len(hidden)  # count and weight
    pdf = " ".join((read_pdf(folder / "report.pdf") or "").split())
    assert "x : niet getoond ter bescherming van de vertrouwelijkheid" in pdf
    values, relations = weighting_audit(folder)
    intervals = audit_linked(values, relations)
    assert set(intervals) == {c["cell"] for c in hidden}
    assert all(i.width >= MIN_N for i in intervals.values()), intervals
    # doctored: publish the true count of one hidden cell of a group with two hidden cells
    manifest = json.loads((folder / "disclosure.json").read_text("utf-8"))
    info = {g["label"]: g for x in manifest["groupings"] if x["file"].endswith("weighting_cells.csv")
            for g in x["groups"]}  # fmt: skip
    data = pd.read_csv(hostile / "responses.csv", dtype=str, keep_default_na=False)
    frame = pd.read_csv(hostile / "frame.csv", dtype=str, keep_default_na=False)
    size = data["org_id"].map(frame.set_index("org_id")["size_class"])
    target = hidden[0]["cell"]
    sector = target.split(", ")[0] if not target.startswith("Overige") else target
    m = info[target]["members"]
    true = int((data["sector"].isin(m["sector"]) & size.isin(m["size"])).sum())
    copy = Path(shutil.copytree(folder, tmp_path / "doctored"))
    with (copy / "tables" / "weighting_cells.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for r in rows:
        if r[0] == target:
            r[2], r[4] = str(true), ""
    with (copy / "tables" / "weighting_cells.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    info[target]["n"] = true
    (copy / "disclosure.json").write_text(json.dumps(manifest), "utf-8")
    values, relations = weighting_audit(copy)
    leaks = {k: i for k, i in audit_linked(values, relations).items() if i.width < MIN_N}
    assert leaks and all(i.width == 0 for i in leaks.values()), sector
    found = check_output(copy, DisclosurePolicy(cell_min=8)).violations
    assert {v.row for v in found if v.rule == "suppression"} == set(leaks)


def test_the_group_of_five_never_shows_its_hundred_percent(hostile: Path) -> None:
    data = pd.read_csv(hostile / "responses.csv", dtype=str, keep_default_na=False)
    orgs = data.loc[data["sector"] == "privaatrechtelijk", "org_id"]
    assert len(orgs) == 5 and (data.loc[orgs.index, "c1_innovated"] == "1").all()
    for org in orgs:
        page = read_html(hostile / "feedback" / f"{org}.html", hostile / "feedback")
        innovated = next(t for t in page.tables if t.name == "innovated-table")
        assert innovated.columns[2].startswith("Privaatrechtelijke publieke organisaties:")
        assert innovated.rows[0][2:4] == ["–", "–"]  # 100% in a group of 5: not shown


def test_the_methods_section_states_the_policy(hostile: Path) -> None:
    for folder, policy in (
        ("report", DisclosurePolicy()),
        ("report8", DisclosurePolicy(cell_min=8)),
    ):
        text = " ".join(read_html(hostile / folder / "index.html", hostile / folder).text.split())
        for sentence in describe_policy(policy):
            assert sentence in text, sentence
