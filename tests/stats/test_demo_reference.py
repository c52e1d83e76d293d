"""Issue 9, points 2, 3 and 7 on the demo wave, pinned to GNU PSPP 1.6.2.

tests/stats/reference/demo_reference.sps runs on tests/stats/data/climate_demo.csv (the
demo wave's answers, written by tools/export_reference_data.py); its cell values are in
demo_reference.sps.cells.out.txt. PSPP is not needed to run these tests.

- point 7: alpha and the item-total statistics of the 13 kept statements on their own
  complete cases (n = 324; PSPP RELIABILITY), not on the 320 that answered all 15;
- point 2: the k-means centres are the means of the groups as reported (PSPP MEANS), the
  cut points follow from the assignment, and no label puts a case on the wrong side;
- point 3: Figuur 18 leaves "don't know" out of its chi-square (PSPP CROSSTABS with -8
  missing: chi-square 75.02 on n = 361).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.dataset.synthetic.wave import make_wave
from barometer.report import get_spec
from barometer.report.figures.climate.common import analysis_for
from barometer.report.figures.core import Context, make_context
from barometer.report.figures.registry import COMPUTE

CELLS = Path(__file__).parent / "reference" / "demo_reference.sps.cells.out.txt"


def _tables() -> list[dict[int, float]]:
    out: list[dict[int, float]] = []
    for line in CELLS.read_text().splitlines():
        if line.startswith("== table"):
            out.append({})
        elif out and re.fullmatch(r"\d+ \S+", line):
            k, v = line.split()
            out[-1][int(k)] = float(v)
    return out


PSPP = _tables()
RELIABILITY, ITEM_TOTAL, MEANS, CHI2 = PSPP[1], PSPP[2], PSPP[6], PSPP[9]


@cache
def _ctx() -> Context:
    return make_context(make_wave(seed=2021).dataset)


def test_alpha_on_the_kept_statements_complete_cases() -> None:
    res = analysis_for(_ctx())
    assert len(res.kept) == 13 and res.n_selection == 320
    assert res.reliability.n == int(PSPP[0][0]) == 324
    assert res.reliability.alpha == pytest.approx(RELIABILITY[0], abs=5e-7)
    items = res.reliability.items.loc[list(res.kept)]
    assert items["r_drop"].to_numpy() == pytest.approx([ITEM_TOTAL[26 + i] for i in range(13)],
                                                       abs=5e-6)  # fmt: skip
    assert items["alpha_if_deleted"].to_numpy() == pytest.approx(
        [ITEM_TOTAL[39 + i] for i in range(13)], abs=5e-6
    )
    # the 2021 report's .894 is the alpha on the 320 that answered all 15 (PSPP: .893819)
    assert round(PSPP[4][0], 3) == 0.894 and round(res.reliability.alpha, 3) == 0.893


def test_kmeans_centres_are_the_reported_groups_means() -> None:
    km = analysis_for(_ctx()).kmeans
    assert km.centres == pytest.approx([MEANS[0], MEANS[1], MEANS[2]], abs=5e-6)
    assert km.sizes == (int(MEANS[4]), int(MEANS[5]), int(MEANS[6]))
    # the cut points are the lowest score of the upper groups (PSPP MEANS minimum)
    assert km.cuts == pytest.approx([MEANS[9], MEANS[10]], abs=5e-6)


def _in_rule(rule: str, x: float) -> bool:
    number = r"(\d+,\d+)"
    value = lambda s: float(s.replace(",", "."))  # noqa: E731
    if m := re.fullmatch(rf"< {number}", rule):
        return x < value(m[1])
    if m := re.fullmatch(rf"≥ {number}", rule):
        return x >= value(m[1])
    if m := re.fullmatch(rf"{number} tot {number}", rule):
        return value(m[1]) <= x < value(m[2])
    raise ValueError(rule)


def test_no_kmeans_label_puts_a_case_on_the_wrong_side() -> None:
    ctx = _ctx()
    res = analysis_for(ctx)
    spec = get_spec("fig17_climate_groups")
    assert spec.compute is not None
    table = COMPUTE[spec.compute](ctx, spec).table
    assert table is not None
    rules = {k.split(":")[1]: r for k, r in zip(table["key"], table["rule"], strict=True)
             if str(k).startswith("kmeans:")}  # fmt: skip
    scored = res.score.notna()
    for group, rule in rules.items():
        inside = res.score[scored].map(lambda x, r=rule: _in_rule(r, x))
        assert (inside == (res.kmeans.labels[scored] == group)).all(), (group, rule)
    # 2021's "< 3,31" would have put the organisations scoring 3.308 in the wrong group
    assert (res.score.round(3) == 3.308).sum() > 0 and rules["limited"] == "< 3,30"


def test_figure_18_leaves_dont_know_out_of_its_test() -> None:
    ctx = _ctx()
    spec = get_spec("fig18_frequency_by_climate")
    assert spec.compute is not None
    data = COMPUTE[spec.compute](ctx, spec)
    assert data.base_n == int(CHI2[25]) == 361
    assert data.excluded.get("dont_know") == 5
    table = data.table
    assert table is not None
    counts = table.groupby("category", sort=False)["base"].first()
    assert int(counts.sum()) == 361
    chi = next(n for n in data.notes if "χ²" in n)
    assert f"χ² = {CHI2[0]:.2f}".replace(".", ",") in chi  # 75,02, not 76,78 (n = 366)
    assert np.isclose(CHI2[1], 8)


def test_demo_data_file_matches_the_generator() -> None:
    """The committed PSPP input is the current demo wave (re-export if the generator moves)."""
    ctx = _ctx()
    res = analysis_for(ctx)
    committed = pd.read_csv(Path(__file__).parent / "data" / "climate_demo.csv")
    assert np.allclose(committed["score"], res.score.round(10), equal_nan=True)
