"""Issue 13: the synthetic 2025 wave, its panel with 2021, the frames and their links."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.dataset.links import read_links, write_links
from barometer.dataset.synthetic.calibrate_2025 import check_2025
from barometer.dataset.synthetic.wave2025 import (
    PANEL_SHARE,
    DemoPanel,
    make_panel,
    questionnaire_2025,
)
from barometer.questionnaire import default


@cache
def panel(seed: int = 2021) -> DemoPanel:
    return make_panel(seed)


def test_deterministic_and_another_seed_differs() -> None:
    a, b = make_panel(2021), panel()
    pd.testing.assert_frame_equal(a.wave_2025.dataset.data, b.wave_2025.dataset.data)
    pd.testing.assert_frame_equal(a.links, b.links)
    other = make_panel(7)
    assert not other.wave_2025.dataset.data["org_id"].equals(a.wave_2025.dataset.data["org_id"])


@pytest.mark.parametrize("seed", [2021, 7])
def test_calibration_meets_the_published_2025_facts(seed: int) -> None:
    checks = check_2025(panel(seed))
    assert [c.claim for c in checks if not c.passed] == []
    claims = {c.claim: c for c in checks}
    assert claims["2025.completed"].observed == "347"
    assert round(float(claims["2025.innovated_pct"].observed)) == 76
    assert "2025-12-11" in claims["2025.completed"].note  # the source goes with the number


def test_calibration_check_can_fail() -> None:
    p = panel()
    data = p.wave_2025.dataset.data.copy()
    data.loc[data.index[:20], "c1_innovated"] = 2  # 20 innovators now say "no"
    ds = Dataset.from_frame(data, p.wave_2025.dataset.questionnaire)
    broken = replace(p, wave_2025=replace(p.wave_2025, dataset=ds))
    failed = [c.claim for c in check_2025(broken) if not c.passed]
    assert failed == ["2025.innovated_pct"]


def test_questionnaire_2025_items() -> None:
    d = panel().wave_2025.dataset
    assert d.questionnaire.version == "2025.1.0" == questionnaire_2025().version
    assert not any(c.startswith("b") and c[1].isdigit() for c in d.data.columns)  # COVID
    assert {"g1_leaders_vision", "g7_ai_use"} <= set(d.data.columns)
    assert set(d.data["wave"]) == {"2025"}
    assert panel().wave_2021.dataset.questionnaire.version == default().version


def test_panel_share_and_same_org_ids() -> None:
    p = panel()
    ids21 = set(p.wave_2021.dataset.data["org_id"].astype(str))
    ids25 = set(p.wave_2025.dataset.data["org_id"].astype(str))
    assert set(p.panel_ids) == ids21 & ids25
    assert abs(len(p.panel_ids) / len(ids25) - PANEL_SHARE) < 0.03


def test_answers_are_correlated_over_time() -> None:
    """The latent climate carries over (rho), and so does innovating: a 2021 innovator of the
    panel innovates in 2025 more often than a panel organisation that did not."""
    p = panel()
    ids = list(p.panel_ids)
    t21, t25 = p.wave_2021.theta.reindex(ids), p.wave_2025.theta.reindex(ids)
    assert np.corrcoef(t21, t25)[0, 1] > 0.5
    y21 = p.wave_2021.dataset.data.set_index("org_id")["c1_innovated"].reindex(ids) == 1
    y25 = p.wave_2025.dataset.data.set_index("org_id")["c1_innovated"].reindex(ids) == 1
    tab = pd.crosstab(y21, y25)
    odds = (tab.loc[True, True] * tab.loc[False, False]) / (
        tab.loc[True, False] * tab.loc[False, True]
    )
    assert odds > 2
    # a climate statement asked both times is correlated too (through the climate)
    e21 = p.wave_2021.dataset.data.set_index("org_id")["e07_management_support"].reindex(ids)
    e25 = p.wave_2025.dataset.data.set_index("org_id")["e07_management_support"].reindex(ids)
    ok = (e21 > 0) & (e25 > 0)
    assert np.corrcoef(e21[ok], e25[ok])[0, 1] > 0.15


def test_frames_linked_by_org_id_with_a_merger_and_a_split(tmp_path: Path) -> None:
    p = panel()
    f21, f25 = p.wave_2021.frame, p.wave_2025.frame
    kinds = dict(p.links.groupby("kind")["from_org_id"].nunique())
    assert kinds == {"merger": 2, "split": 1}
    gone = set(p.links["from_org_id"])
    new = set(p.links["to_org_id"])
    assert gone <= set(f21["org_id"]) and not gone & set(f25["org_id"])
    assert new <= set(f25["org_id"]) and not new & set(f21["org_id"])
    assert set(f25["org_id"]) - new <= set(f21["org_id"])  # everyone else keeps its id
    assert new <= set(p.wave_2025.dataset.data["org_id"])  # the successors responded
    path = write_links(p.links, tmp_path / "links.csv")
    back = read_links(path, frames={"2021": f21, "2025": f25})
    pd.testing.assert_frame_equal(back, p.links.astype(str))
