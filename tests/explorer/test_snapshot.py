"""The published snapshot of the demo wave: the totals are the report's tables (read from the
CSV files ``barometer demo`` wrote), every shown cell keeps the disclosure policy, and no
hidden cell can be recovered from the shown ones."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from barometer.disclosure.policy import DisclosurePolicy
from barometer.explorer import Snapshot
from barometer.explorer.snapshot import FILTERS, SCORE_INDICATOR

POLICY = DisclosurePolicy()
IDENTIFYING = ("sector", "cluster", "size")


def shown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if "hidden" not in r]


def test_every_report_figure_with_a_percentage_table_is_an_indicator(
    snapshot: Snapshot, demo_dir: Path
) -> None:
    ids = {i["id"] for i in snapshot.meta["indicators"]}
    assert {
        "fig01_innovated_share",
        "fig02_innovation_types",
        "fig13_factors",
        "fig15_climate_statements",
        "fig25_telework_facilities",
        SCORE_INDICATOR,
    } <= ids
    assert len(ids) == 19


def test_the_total_is_the_reports_table(snapshot: Snapshot, demo_dir: Path) -> None:
    for ind in snapshot.meta["indicators"]:
        if ind["kind"] != "pct":
            continue
        with (demo_dir / "report" / "tables" / f"{ind['id']}.csv").open(encoding="utf-8") as fh:
            report = list(csv.DictReader(fh))
        table = snapshot.tables[(ind["id"], "none", "")]
        assert len(table["rows"]) == len(report), ind["id"]
        for cell, row in zip(table["rows"], report, strict=True):
            u = ind["rows"][cell["row"]]
            assert u["category"]["nl"] == row["category"]
            if row["pct"] == "":
                assert "hidden" in cell
                continue
            assert (cell["n"], cell["base"]) == (int(row["n"]), int(row["base"])), ind["id"]
            for key in ("pct", "ci_low", "ci_high"):
                assert cell[key] == pytest.approx(float(row[key]), abs=1e-9), (ind["id"], key)


def test_the_mean_score_by_sector_is_the_reports_box_plot_table(
    snapshot: Snapshot, demo_dir: Path
) -> None:
    with (demo_dir / "report" / "tables" / "fig16_climate_by_sector.csv").open(
        encoding="utf-8"
    ) as fh:
        report = {r["category"]: r for r in csv.DictReader(fh)}
    labels = {g["code"]: g["label"]["nl"] for g in snapshot.meta["groups"]["sector"]}
    compared = 0
    for cell in shown(snapshot.tables[(SCORE_INDICATOR, "sector", "")]["rows"]):
        row = report.get(labels[cell["group"]])
        if row is None or not row.get("mean"):
            continue
        assert cell["base"] == int(row["n"])
        assert cell["pct"] == pytest.approx(float(row["mean"]), abs=0.005)
        compared += 1
    assert compared >= 5


def _table_pops(breakdown: str, filt: str) -> bool:
    variables = {breakdown} | ({filt.split(":")[0]} if filt else set())
    return bool(variables & set(IDENTIFYING))


def test_every_shown_cell_keeps_the_policy(snapshot: Snapshot) -> None:
    checked = 0
    for (ind, breakdown, filt), table in snapshot.tables.items():
        grouped = breakdown != "none" or bool(filt)
        for cell in shown(table["rows"]):
            assert cell["base"] >= POLICY.min_n, (ind, breakdown, filt, cell)
            if ind == SCORE_INDICATOR:
                continue
            if _table_pops(breakdown, filt):
                assert cell["n"] == 0 or cell["n"] >= POLICY.cell_min, (ind, breakdown, filt)
            if grouped and cell["pct"] in (0.0, 100.0):
                assert cell["base"] >= POLICY.group_min, (ind, breakdown, filt, cell)
            checked += 1
    assert checked > 1000


def test_no_hidden_cell_is_recovered_from_its_total(snapshot: Snapshot) -> None:
    """What is hidden in a breakdown, taken together (total minus shown), keeps the policy;
    in a breakdown within a filter a row is shown in every part or in none."""
    for (ind, breakdown, filt), table in snapshot.tables.items():
        if breakdown == "none":
            continue
        total = snapshot.tables[(ind, "none", filt)]["rows"]
        rows: dict[int, list[dict[str, Any]]] = {}
        for cell in table["rows"]:
            rows.setdefault(cell["row"], []).append(cell)
        for r, parts in rows.items():
            hidden = [c for c in parts if "hidden" in c]
            if filt:
                assert len(hidden) in (0, len(parts)), (ind, breakdown, filt, r)
                continue
            if not hidden or len(hidden) == len(parts) or "hidden" in total[r]:
                continue  # nothing hidden, or all of it: then the union is the shown total
            base = total[r]["base"] - sum(c["base"] for c in shown(parts))
            n = total[r]["n"] - sum(c["n"] for c in shown(parts))
            assert base == 0 or base >= POLICY.min_n, (ind, breakdown, r, base)
            if ind != SCORE_INDICATOR:
                assert n == 0 or n >= POLICY.cell_min, (ind, breakdown, r, n)


def test_a_hidden_cell_is_hidden_in_every_table(snapshot: Snapshot) -> None:
    """A group's cell as a part of a breakdown and as the total under its own filter, and a
    crossing reached from either side, are the same cell."""
    seen = 0
    for (ind, breakdown, filt), table in snapshot.tables.items():
        if breakdown == "none":
            continue
        for cell in table["rows"]:
            if filt:
                if breakdown not in FILTERS:
                    continue
                key = (ind, filt.split(":")[0], f"{breakdown}:{cell['group']}")
                twin = snapshot.tables[key]["rows"]
                g = filt.split(":")[1]
                match = [c for c in twin if c["group"] == g and c["row"] == cell["row"]]
            else:
                if breakdown not in FILTERS:
                    continue
                twin = snapshot.tables[(ind, "none", f"{breakdown}:{cell['group']}")]["rows"]
                match = [c for c in twin if c["row"] == cell["row"]]
            assert len(match) == 1
            assert ("hidden" in cell) == ("hidden" in match[0]), (ind, breakdown, filt, cell)
            if "hidden" not in cell:
                assert cell["base"] == match[0]["base"] and cell["pct"] == match[0]["pct"]
            seen += 1
    assert seen > 1000


def test_the_selftest_rests_on_groups_of_min_n(snapshot: Snapshot) -> None:
    st = snapshot.meta["selftest"]
    assert st["overall"]["n"] >= POLICY.min_n
    assert all(g["n"] >= POLICY.min_n for g in st["sectors"].values())
    for s in st["statements"]:
        assert s["distribution"] is None or s["distribution"]["base"] >= POLICY.min_n
        assert s["strong_base"] is None or s["strong_base"] >= POLICY.min_n
    assert len(st["kept"]) < len(st["statements"])  # the wave's scale, not every statement
