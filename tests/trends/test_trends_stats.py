"""Issue 13: the change between waves, pinned to R (prop.test, survey, mcnemar.test).

tests/trends/reference/trends_reference.R reads tests/trends/data/ (the demo waves' share
that innovated: 313 of 366 in 2021, 264 of 347 in 2025, weighting cells and each wave's own
frame counts, written by tools/make_trends_reference_data.py) and its output
trends_reference.out.txt (R 4.2.2, survey 4.1.1) is committed. R is not needed to run these
tests: they read the committed output.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.errors import StatsError
from barometer.stats.proportions import proportion
from barometer.stats.trends import cross_section_change, mcnemar, wave_share
from barometer.stats.weights import poststratify

HERE = Path(__file__).parent
DATA = HERE / "data"


def _reference() -> dict[str, dict[str, list[float]]]:
    out: dict[str, dict[str, list[float]]] = {}
    section: dict[str, list[float]] | None = None
    for line in (HERE / "reference" / "trends_reference.out.txt").read_text().splitlines():
        if line.startswith("== "):
            section = out.setdefault(line[3:].strip(), {})
        elif section is not None and line[:44].strip() and line[44:].strip():
            section[line[:44].strip()] = [float(v) for v in line[44:].split()]
    return out


R = _reference()
UNW = R["unweighted cross-section (prop.test, no continuity correction)"]
WTD = R["weighted cross-section (postStratify, each wave to its own frame)"]
PANEL = R["panel (same org_id in both waves)"]


@pytest.fixture(scope="module")
def waves() -> dict[str, pd.DataFrame]:
    d = pd.read_csv(DATA / "demo_innovated.csv", dtype={"wave": str, "org_id": str})
    return {w: g.reset_index(drop=True) for w, g in d.groupby("wave")}


def _weights(w: pd.DataFrame, label: str):  # type: ignore[no-untyped-def]
    cells = pd.read_csv(DATA / "demo_cells.csv", dtype={"wave": str})
    pop = cells[cells["wave"] == label].rename(columns={"N": "count"})
    return poststratify(
        w[["cell"]], pop[["cell", "count"]], by=("cell",), min_cell=1, count="count"
    )


def test_unweighted_change_is_r_prop_test(waves: dict[str, pd.DataFrame]) -> None:
    a = wave_share(waves["2021"]["innovated"])
    b = wave_share(waves["2025"]["innovated"])
    assert (a.count, b.count) == tuple(int(v) for v in UNW["counts 2021 2025"])
    c = cross_section_change(a, b)
    assert c.difference == pytest.approx(UNW["difference 2025-2021"][0], abs=1e-10)
    assert c.statistic**2 == pytest.approx(UNW["X-squared"][0], rel=1e-9)
    assert c.pvalue == pytest.approx(UNW["p"][0], rel=1e-7)
    assert (c.ci_low, c.ci_high) == pytest.approx(UNW["conf.int"], abs=1e-9)
    assert c.pvalue < 0.05  # 86 -> 76 is a significant fall in the cross-section
    assert round(100 * a.estimate) == 86 and round(100 * b.estimate) == 76


def test_weighted_change_is_r_survey(waves: dict[str, pd.DataFrame]) -> None:
    sides = {}
    for label in ("2021", "2025"):
        w = waves[label]
        r = proportion(w["innovated"], weights=_weights(w, label))
        assert r.weighted
        assert r.estimate == pytest.approx(WTD[f"svymean {label}"][0], abs=1e-10)
        assert r.se == pytest.approx(WTD[f"SE {label}"][0], rel=1e-7)
        assert (r.ci_low, r.ci_high) == pytest.approx(WTD[f"svyciprop logit {label}"], abs=1e-8)
        sides[label] = r
    c = cross_section_change(sides["2021"], sides["2025"])
    assert c.difference == pytest.approx(WTD["difference 2025-2021"][0], abs=1e-10)
    assert c.se == pytest.approx(WTD["SE (independent samples)"][0], rel=1e-7)
    assert c.statistic == pytest.approx(WTD["z"][0], rel=1e-7)
    assert c.pvalue == pytest.approx(WTD["p (normal)"][0], rel=1e-6)
    assert (c.ci_low, c.ci_high) == pytest.approx(WTD["conf.int (normal)"], abs=1e-8)
    assert "own frame" in c.method


def test_panel_mcnemar_is_r_mcnemar_test(waves: dict[str, pd.DataFrame]) -> None:
    a = waves["2021"].set_index("org_id")["innovated"]
    b = waves["2025"].set_index("org_id")["innovated"]
    ids = sorted(set(a.index) & set(b.index))
    p = mcnemar(a.reindex(ids).to_numpy(), b.reindex(ids).to_numpy())
    assert p.n_pairs == PANEL["pairs"][0]
    both, only_a, only_b, _neither = PANEL["both yes, only 2021, only 2025, neither"]
    assert (p.both, p.only_earlier, p.only_later) == (both, only_a, only_b)
    assert p.statistic == pytest.approx(PANEL["mcnemar.test X-squared (corrected)"][0], rel=1e-9)
    assert p.pvalue == pytest.approx(PANEL["mcnemar.test p (corrected)"][0], rel=1e-7)
    assert p.pvalue_exact == pytest.approx(PANEL["binom.test p (exact)"][0], rel=1e-7)
    assert p.pvalue < 0.05 and p.difference < 0


def test_mcnemar_edge_cases() -> None:
    # b = c: R mcnemar.test applies no correction, the statistic is 0 and p is 1
    p = mcnemar([1, 0, 1, 1], [0, 1, 1, 1])
    assert (p.only_earlier, p.only_later, p.statistic, p.pvalue) == (1, 1, 0.0, 1.0)
    # no discordant pairs: no test, p = 1
    p = mcnemar([1, 0, np.nan], [1, 0, 1])
    assert p.n_pairs == 2 and np.isnan(p.statistic) and p.pvalue == 1.0
    with pytest.raises(StatsError):
        mcnemar([np.nan], [1])
    with pytest.raises(StatsError):
        mcnemar([1, 0], [1])


def test_mixed_weighting_is_refused(waves: dict[str, pd.DataFrame]) -> None:
    w = waves["2021"]
    weighted = proportion(w["innovated"], weights=_weights(w, "2021"))
    with pytest.raises(StatsError, match="weighted"):
        cross_section_change(weighted, wave_share(waves["2025"]["innovated"]))
