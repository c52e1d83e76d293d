"""Write tests/trends/data/: the demo waves' "innovated" indicator, cells and frame counts.

The R script tests/trends/reference/trends_reference.R reads these files; the tests compare
barometer's trend statistics on the same data with R's output. Run from the repository root:
    .venv/bin/python tools/make_trends_reference_data.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from barometer.dataset.indicators import indicator_values, indicators
from barometer.dataset.synthetic.wave2025 import make_panel
from barometer.report.weighting import make_weights

OUT = Path("tests/trends/data")


def main() -> None:
    p = make_panel()
    rows, cells = [], []
    for w in (p.wave_2021, p.wave_2025):
        ds = w.dataset
        ind = next(i for i in indicators(ds.questionnaire) if i.key == "c1_innovated=yes")
        x = indicator_values(ds.data, ds.questionnaire, ind)
        weights, _ = make_weights(ds.data, w.frame)
        label = str(ds.data["wave"].iloc[0])
        rows.append(pd.DataFrame({
            "wave": label, "org_id": ds.data["org_id"].astype(str), "cell": weights.cell.astype(str),
            "innovated": x.astype(int),
        }))  # fmt: skip
        c = weights.cells.reset_index()
        cells.append(pd.DataFrame({"wave": label, "cell": c["cell"].astype(str), "N": c["N"]}))
    OUT.mkdir(parents=True, exist_ok=True)
    pd.concat(rows).to_csv(OUT / "demo_innovated.csv", index=False, lineterminator="\n")
    pd.concat(cells).to_csv(OUT / "demo_cells.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
