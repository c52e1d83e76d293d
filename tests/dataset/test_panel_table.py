"""Issue 13: the long panel table (organisation x wave), to .sav (GNU PSPP opens it) and
Parquet, with the questionnaire version per row and the merger/split lineage."""

from __future__ import annotations

import csv
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from barometer.dataset.panel import PANEL_COLUMNS, panel_table, write_panel
from barometer.dataset.synthetic.wave2025 import DemoPanel, make_panel
from barometer.errors import DataError
from barometer.questionnaire import NOT_APPLICABLE

Table = list[list[str]]


def run_pspp(syntax: str, folder: Path) -> dict[str, Table]:
    """Run PSPP syntax; its output tables by title (fails, never skips, without pspp)."""
    exe = shutil.which("pspp")
    assert exe is not None, "GNU PSPP is not installed (apt-get install pspp); CI installs it"
    (folder / "syntax.sps").write_text(syntax, encoding="utf-8")
    done = subprocess.run([exe, "-O", "format=csv", "-o", "out.csv", "syntax.sps"], cwd=folder,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    text = (folder / "out.csv").read_text(encoding="utf-8") if (folder / "out.csv").exists() else ""
    assert done.returncode == 0, f"pspp failed:\n{done.stdout}\n{done.stderr}\n{text}"
    assert "error:" not in text.lower() and "warning:" not in text.lower(), text
    tables: dict[str, Table] = {}
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("Table: "):
            tables[lines[0][len("Table: ") :]] = list(csv.reader(lines[1:]))
    return tables


def by_first_column(table: Table) -> dict[str, list[str]]:
    return {row[0]: row for row in table[1:]}


@cache
def demo() -> DemoPanel:
    return make_panel()


@cache
def table() -> pd.DataFrame:
    p = demo()
    return panel_table([p.wave_2021.dataset, p.wave_2025.dataset], p.links)


def test_one_row_per_organisation_and_wave() -> None:
    t, p = table(), demo()
    assert list(t.columns[: len(PANEL_COLUMNS)]) == list(PANEL_COLUMNS)
    assert len(t) == 366 + 347
    assert not t.duplicated(["org_id", "wave"]).any()
    versions = t.groupby("wave")["questionnaire_version"].unique().map(list).to_dict()
    assert versions == {"2021": ["2021.2.0"], "2025": ["2025.1.0"]}
    both = set(t.loc[t["in_panel"] == 1, "org_id"])
    assert both == set(p.panel_ids)


def test_items_a_version_does_not_hold_are_not_applicable() -> None:
    t = table()
    w25, w21 = t[t["wave"] == "2025"], t[t["wave"] == "2021"]
    assert (w25["b1_production"] == NOT_APPLICABLE).all()  # retired in 2025
    assert (w21["g1_leaders_vision"] == NOT_APPLICABLE).all()  # new in 2025
    assert (w21["b1_production"] > 0).all()
    # the same answers as in each wave's own dataset
    own = demo().wave_2025.dataset.data.set_index("org_id")["c1_innovated"]
    assert w25.set_index("org_id")["c1_innovated"].equals(
        own.reindex(w25["org_id"]).astype("int64")
    )


def test_mergers_and_splits_share_a_lineage() -> None:
    t, links = table(), demo().links
    merged = links[links["kind"] == "merger"]
    successor = merged["to_org_id"].iloc[0]
    row = t[t["org_id"] == successor].iloc[0]
    assert row["lineage"] == "+".join(sorted(merged["from_org_id"]))
    assert row["link_kind"] == "merger"
    split = links[links["kind"] == "split"]
    rows = t[t["org_id"].isin(split["to_org_id"])]
    assert set(rows["lineage"]) == {split["from_org_id"].iloc[0]}


def test_duplicate_organisation_in_a_wave_is_refused() -> None:
    ds = demo().wave_2025.dataset
    with pytest.raises(DataError, match="occurs more than once"):
        panel_table([ds, ds])


def test_parquet_round_trip(tmp_path: Path) -> None:
    p = demo()
    path = write_panel(table(), [p.wave_2021.dataset, p.wave_2025.dataset], tmp_path / "p.parquet")
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, table(), check_dtype=False)


@pytest.mark.external
def test_pspp_opens_the_sav(tmp_path: Path) -> None:
    p = demo()
    write_panel(table(), [p.wave_2021.dataset, p.wave_2025.dataset], tmp_path / "panel.sav")
    out = run_pspp(
        "GET FILE='panel.sav'.\n"
        "FREQUENCIES VARIABLES=wave questionnaire_version in_panel.\n"
        "CROSSTABS /TABLES=c1_innovated BY wave.\n",
        tmp_path,
    )
    waves = by_first_column(out["Meting"])
    versions = {row[1]: row[2] for row in out["Versie van de vragenlijst"][1:] if row[1]}
    assert versions["2021.2.0"] == "366" and versions["2025.1.0"] == "347"
    assert waves["Valid"][2] == "366"
    cross = next(t for title, t in out.items() if "× Meting" in title and "Summary" not in title)
    yes = next(r for r in cross if r[1] == "Ja")
    assert yes[3:5] == ["313", "264"]  # innovated, per wave, as PSPP counts them


@pytest.mark.external
def test_sav_keeps_each_versions_wording(tmp_path: Path) -> None:
    """One variable label cannot hold two wordings: the label says the wording differs, and
    the file's documents give each version's (PSPP reads both back)."""
    p = demo()
    write_panel(table(), [p.wave_2021.dataset, p.wave_2025.dataset], tmp_path / "panel.sav")
    out = run_pspp(
        "GET FILE='panel.sav'.\nDISPLAY DOCUMENTS.\nDISPLAY LABELS /VARIABLES=c1_innovated.\n",
        tmp_path,
    )
    documents = " ".join(" ".join(row) for row in out["Documents"])
    documents = " ".join(documents.split())
    assert "c1_innovated (2021.2.0): Heeft uw organisatie in 2019 of 2020" in documents
    assert "c1_innovated (2025.1.0): Heeft uw organisatie in 2023 of 2024" in documents
    label = by_first_column(out["Variables"])["c1_innovated"][2]
    assert label.endswith("[tekst verschilt per versie: zie documenten]")
