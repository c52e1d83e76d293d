"""Issue 9, point 6: weighted differences with the design-based (linearised) SE.

Pinned to R survey 4.1.1 (R 4.2.2): tests/stats/reference/differences_reference.R, output
differences_reference.out.txt, two routes (svyby(covmat = TRUE) + svycontrast on the
plain-weights design; svycontrast of svytotal on the post-stratified design, since
svyby(covmat = TRUE) stops with an error on a postStratify()d design in survey 4.1.1).
R is not needed to run these tests: they read the committed output.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import StatsError
from barometer.report.figures.core import make_context
from barometer.report.weighting import make_weights
from barometer.stats.differences import weighted_difference
from barometer.stats.weights import poststratify

HERE = Path(__file__).parent
DATA = HERE / "data"


def _reference() -> dict[str, dict[str, list[float]]]:
    out: dict[str, dict[str, list[float]]] = {}
    section: dict[str, list[float]] | None = None  # the lines before the first "==": versions
    for line in (HERE / "reference" / "differences_reference.out.txt").read_text().splitlines():
        if line.startswith("== "):
            section = out.setdefault(line[3:].strip(), {})
        elif section is not None and line[:44].strip() and line[44:].strip():
            section[line[:44].strip()] = [float(v) for v in line[44:].split()]
    return out


R = _reference()


def _design_a() -> tuple[pd.DataFrame, object]:
    s = pd.read_csv(DATA / "weights_sample.csv")
    fr = pd.read_csv(DATA / "weights_frame.csv")

    def cell(d: pd.DataFrame) -> pd.DataFrame:
        small = d["sector"].isin(["Waterschappen", "Provincies"])
        return d.assign(cell=np.where(small, d["sector"], d["sector"] + "/" + d["size_class"]))

    return s, poststratify(cell(s), cell(fr), by=("cell",), count="N", min_cell=1)


@pytest.mark.parametrize("y", ["quality", "innovated"])
def test_post_stratified_difference_matches_r(y: str) -> None:
    s, w = _design_a()
    r = weighted_difference(s[y], s["sector"] == "Gemeenten", s["sector"] == "Rijksoverheid",
                            weights=w)  # fmt: skip
    ref = R[f"A: {y} Gemeenten - Rijksoverheid (postStratify)"]
    assert r.estimate == pytest.approx(ref["totals+svycontrast difference"][0], abs=1e-9)
    assert r.se == pytest.approx(ref["totals+svycontrast SE"][0], abs=1e-9)
    assert [r.ci_low, r.ci_high] == pytest.approx(ref["totals+svycontrast confint (normal)"],
                                                  abs=1e-9)  # fmt: skip
    assert r.pvalue == pytest.approx(ref["totals+svycontrast p (normal)"][0], abs=1e-9)


@pytest.mark.parametrize("y", ["quality", "innovated"])
def test_plain_weights_difference_matches_svyby_svycontrast(y: str) -> None:
    s, w = _design_a()
    plain = w.weights  # type: ignore[attr-defined]
    r = weighted_difference(s[y], s["sector"] == "Gemeenten", s["sector"] == "Rijksoverheid",
                            weights=plain)  # fmt: skip
    ref = R[f"C: {y} Gemeenten - Rijksoverheid (plain weights)"]
    assert [r.high, r.low] == pytest.approx(ref["svyby shares high low"], abs=1e-9)
    assert r.se == pytest.approx(ref["svyby+svycontrast SE"][0], abs=1e-9)
    assert r.pvalue == pytest.approx(ref["svyby+svycontrast p (normal)"][0], abs=1e-9)


def test_demo_figure_21_quality_gap_matches_r() -> None:
    d = pd.read_csv(DATA / "fig21_demo.csv", keep_default_na=False, na_values=[""])
    cells = pd.read_csv(DATA / "fig21_demo_cells.csv")
    w = poststratify(d, cells, by=("cell",), count="N", min_cell=1)
    r = weighted_difference(d["quality"], d["group"] == "strong", d["group"] == "limited",
                            weights=w)  # fmt: skip
    ref = R["demo Figuur 21: quality, strong - limited (postStratify)"]
    assert r.se == pytest.approx(ref["totals+svycontrast SE"][0], abs=1e-9)
    assert [r.ci_low, r.ci_high] == pytest.approx(ref["totals+svycontrast confint (normal)"],
                                                  abs=1e-9)  # fmt: skip


def test_report_figure_21_prints_the_design_based_gap() -> None:
    """The weighted demo report's Figuur 21 quality row carries R's interval and p."""
    from barometer.dataset.synthetic.wave import make_wave
    from barometer.report import get_spec
    from barometer.report.figures.registry import COMPUTE

    wave = make_wave(seed=2021)
    weights, _ = make_weights(wave.dataset.data, wave.frame)
    ctx = make_context(wave.dataset, frame=wave.frame, weights=weights)
    spec = get_spec("fig21_results_by_climate")
    assert spec.compute is not None
    table = COMPUTE[spec.compute](ctx, spec).table
    assert table is not None
    row = table[(table["key"].astype(str).str.contains("quality")) & table["gap"].notna()]
    assert len(row) == 1
    ref = R["demo Figuur 21: quality, strong - limited (postStratify)"]
    lo, hi = ref["totals+svycontrast confint (normal)"]
    assert float(row["gap_ci_low"].iloc[0]) == pytest.approx(100 * lo, abs=1e-6)
    assert float(row["gap_ci_high"].iloc[0]) == pytest.approx(100 * hi, abs=1e-6)
    assert float(row["gap_p"].iloc[0]) == pytest.approx(ref["totals+svycontrast p (normal)"][0])


def test_bad_groups_raise() -> None:
    with pytest.raises(StatsError, match="overlap"):
        weighted_difference([1, 0, 1], [1, 1, 0], [0, 1, 1], weights=[1, 1, 1])
    with pytest.raises(StatsError, match="no case"):
        weighted_difference([1, 0, None], [1, 1, 0], [0, 0, 1], weights=[1, 1, 1])
