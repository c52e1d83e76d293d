"""tools/disclosure_costs.py on the demo: every rule is listed, and the counts that can be
seen in the published demo report agree with what the report shows."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_costs_of_the_demo_agree_with_the_published_report(demo: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "disclosure_costs.py"),
         str(demo / "demo" / "responses.csv"), str(demo / "demo" / "frame.csv")],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1])
             for line in done.stdout.splitlines()}  # fmt: skip
    assert len(found) == 11
    tables = demo / "demo" / "report" / "tables"
    hidden = 0
    for name in ("fig16_climate_by_sector.csv", "fig27_climate_by_cluster.csv"):
        with (tables / name).open(encoding="utf-8", newline="") as fh:
            hidden += sum(1 for row in csv.DictReader(fh) if row["n_outliers"] == "")
    assert found["cell_min outliers"] == hidden
    with (tables / "tab01_response_by_sector.csv").open(encoding="utf-8", newline="") as fh:
        remainder = next(
            r["sector"] for r in csv.DictReader(fh) if r["sector"].startswith("Overige")
        )
    assert found["merged sectors"] == remainder.count(",") + 1
    assert found["differencing clusters"] >= 1  # the demo's Zbo cluster (see the report tests)
    assert found["quotes not approved"] > 0 and found["group_min feedback cells"] > 0
