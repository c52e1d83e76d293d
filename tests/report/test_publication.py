"""Issue 9, point 1: one publication classification for Tabel 1, Tabel 2 and the weighting
cells; size classes in the questionnaire's order; weighted group totals equal the frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from barometer.dataset.synthetic.wave import make_wave
from barometer.report import get_spec
from barometer.report.figures.core import make_context
from barometer.report.figures.registry import COMPUTE
from barometer.report.weighting import make_weights
from barometer.stats.publication import SIZE_ORDER, build_publication


@pytest.fixture(scope="module")
def wave():  # type: ignore[no-untyped-def]
    return make_wave(seed=2021)


def _group_totals(data: pd.DataFrame, frame: pd.DataFrame, min_n: int = 5) -> pd.DataFrame:
    pub = build_publication(data, frame, min_n=min_n)
    weights, _ = make_weights(data, frame, min_cell=min_n, publication=pub)
    group = pub.sector.apply(data["sector"])
    weighted = weights.weights.groupby(group, observed=True).sum()
    framed = frame.groupby(pub.sector.apply(frame["sector"]), observed=True).size()
    return pd.DataFrame({"weighted": weighted, "frame": framed, "N": pd.Series(
        {g.code: g.N for g in pub.sector.groups})})  # fmt: skip


def _cells_are_adjacent_sizes_of_one_group(cells: pd.Index) -> None:
    for cell in cells:
        members = [m.split(" / ") for m in str(cell).split(" + ")]
        assert len({m[0] for m in members}) == 1, f"{cell} mixes published groups"
        ranks = sorted(SIZE_ORDER.index(m[1]) for m in members)
        assert ranks == list(range(ranks[0], ranks[-1] + 1)), f"{cell} skips a size class"


def test_demo_wave_weighted_groups_equal_the_frame(wave) -> None:  # type: ignore[no-untyped-def]
    totals = _group_totals(wave.dataset.data, wave.frame)
    assert np.allclose(totals["weighted"], totals["frame"])
    assert (totals["N"] == totals["frame"]).all()
    # the 2021 sectors under five responses are in the remainder, not in another sector
    pub = build_publication(wave.dataset.data, wave.frame)
    assert pub.sector.mapping["provincies"] == pub.sector.mapping["hoge_colleges"] == "overig"
    assert pub.sector.group("zbo").members == ("zbo",)
    assert pub.sector.group("overig").label("nl") == (
        "Overige sectoren (Hoge Colleges van Staat, Provincies)"
    )
    weights, _ = make_weights(wave.dataset.data, wave.frame)
    _cells_are_adjacent_sizes_of_one_group(weights.cells.index)
    # gemeenten < 100 (3 responses) joins 100-249, the adjacent class, not 250-499
    assert "gemeenten / lt100 + gemeenten / 100_249" in weights.cells.index


def test_several_small_sectors() -> None:
    rng = np.random.default_rng(9)
    spec = {"gemeenten": (60, 30), "zbo": (20, 8), "provincies": (6, 2),
            "hoge_colleges": (4, 1), "waterschappen": (9, 3), "rechtswezen": (5, 0)}  # fmt: skip
    frame_rows, data_rows = [], []
    for sector, (big_n, n) in spec.items():
        sizes = [SIZE_ORDER[i % 4] for i in range(big_n)]
        for i, size in enumerate(sizes):
            frame_rows.append({"org_id": f"{sector}{i}", "sector": sector, "size_class": size})
        for i in rng.choice(big_n, n, replace=False):
            data_rows.append({"org_id": f"{sector}{i}", "sector": sector})
    frame, data = pd.DataFrame(frame_rows), pd.DataFrame(data_rows)
    pub = build_publication(data, frame)
    assert pub.sector.group("overig").members == (
        "hoge_colleges", "provincies", "rechtswezen", "waterschappen")  # fmt: skip
    totals = _group_totals(data, frame)
    assert list(totals.index) == ["gemeenten", "zbo", "overig"]
    assert np.allclose(totals["weighted"], totals["frame"])
    assert totals.loc["overig", "frame"] == 24
    weights, _ = make_weights(data, frame, publication=pub)
    _cells_are_adjacent_sizes_of_one_group(weights.cells.index)


def test_file_order_never_matters(wave) -> None:  # type: ignore[no-untyped-def]
    base, _ = make_weights(wave.dataset.data, wave.frame)
    for seed in (1, 2, 3):
        shuffled = wave.frame.sample(frac=1, random_state=seed).reset_index(drop=True)
        data = wave.dataset.data.sample(frac=1, random_state=seed)
        other, _ = make_weights(data, shuffled)
        pd.testing.assert_frame_equal(other.cells, base.cells)
        assert other.collapsed == base.collapsed
        assert np.allclose(other.weights.reindex(base.weights.index), base.weights)


def test_tables_1_and_2_use_the_publication_classification(wave) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context(wave.dataset, frame=wave.frame)
    pub = ctx.publication
    t1 = COMPUTE["response_by_sector"](ctx, get_spec("tab01_response_by_sector")).table
    assert t1 is not None
    body = t1[t1["key"] != "__total__"]
    assert list(body["key"]) == pub.sector.codes
    assert list(body["invited"]) == [g.N for g in pub.sector.groups]
    assert list(body["sector"]) == [g.label("nl") for g in pub.sector.groups]
    t2 = COMPUTE["counts_by_cluster"](ctx, get_spec("tab02_clusters")).table
    assert t2 is not None
    shown = set(t2["key"]) - {"__total__"}
    assert shown <= set(pub.sector.codes) | set(pub.cluster.codes)
    assert shown >= {g.code for g in pub.cluster.groups if g.n > 0}
    assert int(t2.loc[t2["key"] != "__total__", "organisations"].sum()) == len(wave.dataset)


def test_size_labels_state_the_same_bounds_in_both_languages() -> None:
    """Issue 9, point 9: "100 tot 250" and "100 to 249" named different bounds."""
    import re

    from barometer.questionnaire import default

    choices = default().item("a1_size").choice_list
    assert choices is not None
    assert [c.name for c in choices.choices] == list(SIZE_ORDER)  # the order size is ranked in
    for c in choices.choices:
        nl, en = (re.findall(r"\d+", c.label(lang)) for lang in ("nl", "en"))
        assert nl == en, (c.name, c.label("nl"), c.label("en"))
