"""Write demo-wave inputs for the independent reference scripts in tests/stats/reference/.

- ``fig21_demo.csv`` / ``fig21_demo_cells.csv`` (differences_reference.R): one row per
  respondent with its weighting cell (the report's post-strata), its climate group (2021
  bounds) and ``quality`` (1/0 for innovators, empty otherwise); the frame count per cell.
- ``climate_demo.csv`` (demo_reference.sps): the 15 climate statements (1-5; the missing
  codes -8/-9 as empty), the climate score, the k-means group as reported (1 limited,
  2 medium, 3 strong), and for Figuur 18 the 2021 climate group (1-3) and the number of
  innovations (0 none, 1-4 the c2_count codes; -8 when c1_innovated is "don't know").

- ``models_demo.csv`` (models_reference.R): the employee-satisfaction model's listwise
  sample (innovators with a value on the outcome and every candidate): the outcome, the
  final model's predictors other than the climate score, and the 13 kept statements raw,
  from which R makes the scale score and the rest score itself.

These are the demo wave's answers, made by barometer's generator; the statistics on them
are computed by R and PSPP. Run from the repository root:
``.venv/bin/python tools/export_reference_data.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from barometer.dataset import dummy_name
from barometer.dataset.synthetic.wave import make_wave
from barometer.report.figures.climate.common import analysis_for, groups_of
from barometer.report.figures.core import make_context
from barometer.report.figures.logistic import models_for
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
    res = analysis_for(ctx)
    codes = {"limited": 1, "medium": 2, "strong": 3}
    climate = pd.DataFrame(index=ctx.data.index)
    for name in res.statements:
        raw = pd.to_numeric(ctx.data[name], errors="coerce")
        climate[name] = raw.where(raw >= 1).astype("Int64")
    climate["score"] = res.score.round(10)
    climate["kmeans"] = res.kmeans.labels.astype(object).map(codes).astype("Int64")
    climate["group2021"] = res.groups.astype(object).map(codes).astype("Int64")
    c1 = pd.to_numeric(ctx.data["c1_innovated"], errors="coerce")
    count = pd.to_numeric(ctx.data["c2_count"], errors="coerce")
    freq = pd.Series(pd.NA, index=ctx.data.index, dtype="Int64")
    freq[c1 == 2] = 0
    freq[(c1 == 1) & (count >= 1)] = count[(c1 == 1) & (count >= 1)].astype(int)
    freq[c1 == -8] = -8
    climate["freq"] = freq
    climate.to_csv(OUT / "climate_demo.csv", index=False)
    models = models_for(ctx)
    run = models.run("employee_satisfaction")
    assert run.result is not None
    columns = [run.spec.outcome, *run.spec.candidates]
    sample = models.frame.data[columns].dropna()
    assert len(sample) == run.result.final.n
    terms = [t for t in run.result.final.terms if t != "climate"]
    out = sample[[run.spec.outcome, *terms]].rename(columns={run.spec.outcome: "outcome"})
    for name in res.kept:
        raw = pd.to_numeric(ctx.data.loc[sample.index, name], errors="coerce")
        out[name] = raw.where(raw >= 1).astype("Int64")
    out.astype({c: "Int64" for c in ["outcome", *terms]}).to_csv(
        OUT / "models_demo.csv", index=False
    )


if __name__ == "__main__":
    main()
