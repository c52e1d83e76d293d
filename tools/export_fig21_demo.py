"""Write the demo wave's Figuur 21 quality inputs for tests/stats/reference/differences_reference.R.

One row per respondent: its weighting cell (the report's post-strata), its climate group
(2021 bounds) and ``quality`` (1/0 for innovators, empty otherwise); plus the frame count
per cell. Run from the repository root: ``.venv/bin/python tools/export_fig21_demo.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from barometer.dataset import dummy_name
from barometer.dataset.synthetic.wave import make_wave
from barometer.report.climate.common import analysis_for, groups_of
from barometer.report.figures import make_context
from barometer.report.weighting import make_weights

OUT = Path(__file__).resolve().parents[1] / "tests" / "stats" / "data"


def main() -> None:
    wave = make_wave(seed=2021)
    weights, _ = make_weights(wave.dataset.data, wave.frame)
    ctx = make_context(wave.dataset, frame=wave.frame, weights=weights)
    groups = groups_of(analysis_for(ctx))
    inn = ctx.population("innovators")
    picked = pd.to_numeric(ctx.data[dummy_name("d14_results", "quality")], errors="coerce")
    quality = pd.Series(np.where(inn & groups.notna(), (picked == 1).astype(float), np.nan))
    rows = pd.DataFrame(
        {
            "cell": weights.cell.to_numpy(),
            "group": groups.fillna("").to_numpy(),
            "quality": quality.to_numpy(),
        }
    )
    rows.to_csv(OUT / "fig21_demo.csv", index=False)
    cells = weights.cells["N"].rename_axis("cell").reset_index()
    cells["N"] = cells["N"].astype(int)
    cells.to_csv(OUT / "fig21_demo_cells.csv", index=False)


if __name__ == "__main__":
    main()
