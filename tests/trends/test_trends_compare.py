"""Issue 13: compare_trends on the demo waves: 86 -> 76 both ways, weighting to each wave's
own frame, the wording-change note, nothing for new or retired items, and the refusal of two
questionnaires that no mapping links."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from barometer.dataset.synthetic.wave2025 import DemoPanel, make_panel
from barometer.errors import VersionsError
from barometer.questionnaire.mapping import ItemMapping
from barometer.report.compare.trends import Trends, compare_trends
from barometer.report.weighting import make_weights
from barometer.stats.proportions import proportion

INNOVATED = "c1_innovated=yes"


@cache
def demo() -> DemoPanel:
    return make_panel()


@cache
def unweighted() -> Trends:
    p = demo()
    return compare_trends([p.wave_2025.dataset, p.wave_2021.dataset], links=p.links)


def test_86_to_76_significant_in_the_cross_section_and_paired_in_the_panel() -> None:
    t = unweighted()
    assert (t.earlier.label, t.later.label) == ("2021", "2025")  # ordered by wave
    r = t.row(INNOVATED)
    assert round(100 * r.earlier.estimate) == 86 and round(100 * r.later.estimate) == 76
    assert r.earlier.ci_low < r.earlier.estimate < r.earlier.ci_high
    assert r.change is not None and r.change.pvalue < 0.05 and r.change.ci_high < 0
    assert "independent samples" in r.change.method
    assert r.paired is not None and r.paired.n_pairs == t.panel_n == len(demo().panel_ids)
    assert r.paired.only_earlier > r.paired.only_later and r.paired.pvalue < 0.05
    assert "McNemar" in r.paired.method
    assert t.linked == 3  # the merger's successor and the split's two


def test_nothing_for_new_or_retired_items() -> None:
    t = unweighted()
    items = {r.indicator.item for r in t.rows}
    assert not {i for i in items if i.startswith(("b1", "b2", "b3", "g"))}
    assert set(t.retired_items) == {"b1_production", "b2_homework_share", "b3_homework_facilities"}
    assert len(t.new_items) == 8 and all(i.startswith("g") for i in t.new_items)


def test_each_wave_weighted_to_its_own_frame() -> None:
    p = demo()
    t = compare_trends([p.wave_2021.dataset, p.wave_2025.dataset],
                       frames=[p.wave_2021.frame, p.wave_2025.frame])  # fmt: skip
    assert t.earlier.weighted and t.later.weighted
    r = t.row(INNOVATED)
    own = make_weights(p.wave_2025.dataset.data, p.wave_2025.frame)[0]
    x = (p.wave_2025.dataset.data["c1_innovated"] == 1).astype(float)
    assert r.later.estimate == pytest.approx(proportion(x, weights=own).estimate, abs=1e-12)
    assert r.later.estimate != pytest.approx(unweighted().row(INNOVATED).later.estimate, abs=1e-4)
    assert r.change is not None and "own frame" in r.change.method and r.change.pvalue < 0.05


def test_changed_wording_gets_a_note() -> None:
    p = demo()
    mapping = ItemMapping("test-map.yaml", ("2021.2.0",), "2025.1.0", {
        "e07_management_support": {"status": "changed", "note": "'steunt' became 'stimuleert'"},
        "b1_production": {"status": "retired"}, "b2_homework_share": {"status": "retired"},
        "b3_homework_facilities": {"status": "retired"},
    })  # fmt: skip
    t = compare_trends([p.wave_2021.dataset, p.wave_2025.dataset], mapping=mapping)
    r = t.row("e07_management_support=agree")
    assert (r.status, r.note) == ("changed", "'steunt' became 'stimuleert'")
    assert t.row(INNOVATED).status == "same"


def test_incompatible_questionnaires_without_a_mapping_name_the_items() -> None:
    p = demo()
    q = replace(p.wave_2025.dataset.questionnaire, version="2099.1.0")
    other = replace(p.wave_2025.dataset, questionnaire=q)
    with pytest.raises(VersionsError) as err:
        compare_trends([p.wave_2021.dataset, other])
    text = str(err.value)
    assert "2099.1.0" in text and "b1_production" in text and "g1_leaders_vision" in text
